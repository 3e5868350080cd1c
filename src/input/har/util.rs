//! Small helpers for the HAR reader: timestamps, origins.

/// Milliseconds since 1970-01-01 of an ISO 8601 date-time as HAR writes it
/// (`2024-05-01T10:00:00.123Z`, `…+02:00`, `…+0200`). `None` when unreadable.
pub(super) fn parse_time_ms(s: &str) -> Option<f64> {
    let b = s.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        let mut v: i64 = 0;
        for d in digits {
            if !d.is_ascii_digit() {
                return None;
            }
            v = v * 10 + i64::from(d - b'0');
        }
        Some(v)
    };
    let year = num(0, 4)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let month = num(5, 2)?;
    let day = num(8, 2)?;
    if !matches!(b.get(10), Some(b'T') | Some(b't') | Some(b' ')) {
        return None;
    }
    let hour = num(11, 2)?;
    if b.get(13) != Some(&b':') {
        return None;
    }
    let minute = num(14, 2)?;
    let mut i = 16;
    let mut second = 0i64;
    let mut frac = 0.0f64;
    if b.get(i) == Some(&b':') {
        second = num(17, 2)?;
        i = 19;
        if b.get(i) == Some(&b'.') || b.get(i) == Some(&b',') {
            i += 1;
            let mut scale = 0.1;
            while let Some(d) = b.get(i).filter(|d| d.is_ascii_digit()) {
                frac += f64::from(d - b'0') * scale;
                scale /= 10.0;
                i += 1;
            }
        }
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 24 || minute > 59 {
        return None;
    }
    let offset_min: i64 = match b.get(i) {
        None | Some(b'Z') | Some(b'z') => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let h = num(i + 1, 2)?;
            let m = if b.get(i + 3) == Some(&b':') {
                num(i + 4, 2)?
            } else {
                num(i + 3, 2).unwrap_or(0)
            };
            let total = h * 60 + m;
            if sign == b'+' {
                total
            } else {
                -total
            }
        }
        Some(_) => return None,
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_min * 60;
    Some(secs as f64 * 1000.0 + frac * 1000.0)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The serialized origin of a URL (`https://api.example.com`, default port
/// dropped), or `None` for unparsable URLs and opaque origins.
pub(super) fn origin_of(url: &str) -> Option<String> {
    let url = url.trim();
    if let Some(o) = crate::fetch::origin::plain_origin(url) {
        return Some(o);
    }
    let u = url::Url::parse(url).ok()?;
    let o = u.origin();
    if o.is_tuple() {
        Some(o.ascii_serialization())
    } else {
        None
    }
}

/// A header value as Chromium's CORS code sees it. DevTools' HAR decodes header
/// bytes as Latin-1 (one char per byte), so a UTF-8 value such as
/// `http://äpp.example` arrives as `http://Ã¤pp.example`; Chromium's own
/// `failedParameter` and console line show the UTF-8 text. When every char is a
/// byte (≤ U+00FF), some are not ASCII, and those bytes are valid UTF-8, the
/// value is decoded again; otherwise (a browser that already decoded UTF-8, or
/// real Latin-1 text) it stays as it is.
pub(super) fn header_text(v: &str) -> std::borrow::Cow<'_, str> {
    if v.is_ascii() {
        return std::borrow::Cow::Borrowed(v);
    }
    let mut bytes = Vec::with_capacity(v.len());
    for c in v.chars() {
        match u8::try_from(u32::from(c)) {
            Ok(b) => bytes.push(b),
            Err(_) => return std::borrow::Cow::Borrowed(v),
        }
    }
    match String::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Owned(s),
        Err(_) => std::borrow::Cow::Borrowed(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(parse_time_ms("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(parse_time_ms("1970-01-01T00:00:01.250Z"), Some(1250.0));
        assert_eq!(
            parse_time_ms("2024-05-01T12:00:00.000+02:00"),
            parse_time_ms("2024-05-01T10:00:00.000Z")
        );
        assert_eq!(
            parse_time_ms("2024-05-01T12:00:00+0200"),
            parse_time_ms("2024-05-01T10:00:00Z")
        );
        assert_eq!(
            parse_time_ms("2000-03-01T00:00:00Z"),
            Some(951_868_800_000.0)
        );
        assert_eq!(parse_time_ms("yesterday"), None);
        assert_eq!(parse_time_ms("2024-05-01T10:0"), None);
        assert_eq!(parse_time_ms(""), None);
    }

    #[test]
    fn header_bytes_as_utf8() {
        assert_eq!(
            header_text("http://\u{c3}\u{a4}pp.localhost:1"),
            "http://äpp.localhost:1"
        );
        assert_eq!(
            header_text("http://äpp.localhost:1"),
            "http://äpp.localhost:1"
        );
        assert_eq!(header_text("plain"), "plain");
        assert_eq!(header_text("\u{e4}\u{20ac}"), "\u{e4}\u{20ac}");
    }

    #[test]
    fn origins() {
        assert_eq!(
            origin_of("https://app.example.com:443/x?y").as_deref(),
            Some("https://app.example.com")
        );
        assert_eq!(
            origin_of("http://localhost:3000/").as_deref(),
            Some("http://localhost:3000")
        );
        assert_eq!(origin_of("data:text/plain,hi"), None);
        assert_eq!(origin_of("My App"), None);
    }
}
