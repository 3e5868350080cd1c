//! Is a host an IP address literal? Exactly `s.parse::<std::net::IpAddr>().is_ok()` (same
//! grammar: dotted-quad IPv4 without leading zeros; IPv6 with one `::` and an optional
//! trailing IPv4), checked against std by the tests below. Written out because std's
//! address parser is about 4 KB of wasm and only this yes/no is needed.

/// Whether `s` is an IPv4 or IPv6 address as `std::net::IpAddr` parses it.
pub(crate) fn is_ip_addr(s: &str) -> bool {
    let b = s.as_bytes();
    let mut p = 0;
    if read_v4(b, &mut p) {
        // An input starting with a whole IPv4 address is never an IPv6 address either.
        return p == b.len();
    }
    let mut p = 0;
    read_v6(b, &mut p) && p == b.len()
}

/// A number of at most `max_digits` digits in `radix`, at most `max`; a leading zero only
/// when allowed or alone. Advances `p` only on success.
fn read_num(
    b: &[u8],
    p: &mut usize,
    radix: u32,
    max_digits: usize,
    zero_prefix: bool,
    max: u32,
) -> bool {
    let start = *p;
    let mut i = start;
    let mut value: u32 = 0;
    while let Some(d) = b.get(i).and_then(|&c| char::from(c).to_digit(radix)) {
        value = value.saturating_mul(radix).saturating_add(d);
        i += 1;
        if i - start > max_digits || value > max {
            return false;
        }
    }
    let count = i - start;
    if count == 0 || (!zero_prefix && count > 1 && b.get(start) == Some(&b'0')) {
        return false;
    }
    *p = i;
    true
}

fn read_v4(b: &[u8], p: &mut usize) -> bool {
    let mut q = *p;
    for i in 0..4 {
        if i > 0 {
            if b.get(q) != Some(&b'.') {
                return false;
            }
            q += 1;
        }
        if !read_num(b, &mut q, 10, 3, false, 255) {
            return false;
        }
    }
    *p = q;
    true
}

fn read_group(b: &[u8], p: &mut usize) -> bool {
    read_num(b, p, 16, 4, true, 0xFFFF)
}

/// `inner` preceded by `:` unless it is the first group; all or nothing.
fn read_sep(b: &[u8], p: &mut usize, index: usize, inner: fn(&[u8], &mut usize) -> bool) -> bool {
    let mut q = *p;
    if index > 0 {
        if b.get(q) != Some(&b':') {
            return false;
        }
        q += 1;
    }
    if inner(b, &mut q) {
        *p = q;
        true
    } else {
        false
    }
}

/// Up to `limit` groups; a trailing IPv4 counts as two. Returns (groups, ended with IPv4).
fn read_groups(b: &[u8], p: &mut usize, limit: usize) -> (usize, bool) {
    for i in 0..limit {
        if i + 1 < limit && read_sep(b, p, i, read_v4) {
            return (i + 2, true);
        }
        if !read_sep(b, p, i, read_group) {
            return (i, false);
        }
    }
    (limit, false)
}

fn read_v6(b: &[u8], p: &mut usize) -> bool {
    let mut q = *p;
    let (head, head_v4) = read_groups(b, &mut q, 8);
    if head < 8 {
        if head_v4 || b.get(q) != Some(&b':') || b.get(q + 1) != Some(&b':') {
            return false;
        }
        q += 2;
        read_groups(b, &mut q, 8 - (head + 1));
    }
    *p = q;
    true
}

#[cfg(test)]
mod tests {
    use super::is_ip_addr;

    fn same_as_std(s: &str) {
        assert_eq!(
            is_ip_addr(s),
            s.parse::<std::net::IpAddr>().is_ok(),
            "{s:?}"
        );
    }

    #[test]
    fn known_cases() {
        for s in [
            "",
            "1.2.3.4",
            "255.255.255.255",
            "256.1.1.1",
            "01.2.3.4",
            "0.0.0.0",
            "1.2.3",
            "1.2.3.4.5",
            "1.2.3.4:80",
            "::",
            "::1",
            "1::",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::",
            "1:2:3:4:5:6:7:8::",
            "::ffff:1.2.3.4",
            "1:2:3:4:5:6:1.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "1.2.3.4::",
            "::1.2.3.4:5",
            "fe80::1%eth0",
            "FFFF::abcd",
            "12345::",
            "0000:0:0:0:0:0:0:0",
            ":::",
            "1:::2",
            "::1::",
            "[::1]",
            "localhost",
            "1.2.3.04",
            "١.٢.٣.٤",
        ] {
            same_as_std(s);
        }
    }

    #[test]
    fn generated_strings_agree_with_std() {
        // Deterministic strings over the characters that matter, many lengths.
        const ALPHABET: &[u8] = b"0123456789abcdefAF:.:.x";
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..200_000 {
            let len = (next() % 24) as usize;
            let s: String = (0..len)
                .map(|_| char::from(ALPHABET[(next() % ALPHABET.len() as u64) as usize]))
                .collect();
            same_as_std(&s);
        }
        // Valid shapes with a random part changed, so that near-misses are tried too.
        for base in [
            "1:2:3:4:5:6:7:8",
            "12::34:5.6.7.8",
            "::ffff:10.0.0.1",
            "192.168.0.1",
        ] {
            for _ in 0..20_000 {
                let mut bytes = base.as_bytes().to_vec();
                let at = (next() % bytes.len() as u64) as usize;
                bytes[at] = ALPHABET[(next() % ALPHABET.len() as u64) as usize];
                if next() % 3 == 0 {
                    bytes.remove((next() % bytes.len() as u64) as usize);
                }
                same_as_std(&String::from_utf8(bytes).unwrap());
            }
        }
    }
}
