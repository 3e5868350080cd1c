//! Base64 (RFC 4648) for the few places whycors meets it: `curl -u` becomes a
//! `Basic` header (standard alphabet, padded), HAR bodies with
//! `"encoding": "base64"`, and the page's share links (URL-safe alphabet, no
//! padding). One lenient decoder serves all: either alphabet, padding and line
//! breaks ignored, and the first bad character reported with its place.

/// Which 64 characters encode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alphabet {
    /// `A–Z a–z 0–9 + /`, padded with `=` (RFC 4648 §4).
    Standard,
    /// `A–Z a–z 0–9 - _`, without padding (RFC 4648 §5, for URLs).
    UrlSafe,
}

impl Alphabet {
    fn table(self) -> &'static [u8; 64] {
        match self {
            Alphabet::Standard => {
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            }
            Alphabet::UrlSafe => {
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            }
        }
    }
}

/// Encode `data`; the standard alphabet is padded, the URL-safe one is not.
pub fn encode(data: &[u8], alphabet: Alphabet) -> String {
    let table = alphabet.table();
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                let idx = ((n >> (18 - 6 * k)) & 63) as usize;
                out.push(char::from(table.get(idx).copied().unwrap_or(b'A')));
            } else if alphabet == Alphabet::Standard {
                out.push('=');
            }
        }
    }
    out
}

/// A character that is not base64, and where it is (byte offset).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadChar {
    pub offset: usize,
    pub ch: char,
}

/// Decode either alphabet; `=`, spaces and line breaks are skipped.
pub fn decode(s: &str) -> Result<Vec<u8>, BadChar> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for (offset, ch) in s.char_indices() {
        let v = match ch {
            'A'..='Z' => ch as u32 - 'A' as u32,
            'a'..='z' => ch as u32 - 'a' as u32 + 26,
            '0'..='9' => ch as u32 - '0' as u32 + 52,
            '+' | '-' => 62,
            '/' | '_' => 63,
            '=' | ' ' | '\t' | '\r' | '\n' => continue,
            _ => return Err(BadChar { offset, ch }),
        };
        acc = ((acc << 6) | v) & 0xffff;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, coded) in cases {
            assert_eq!(encode(plain.as_bytes(), Alphabet::Standard), coded);
            assert_eq!(
                encode(plain.as_bytes(), Alphabet::UrlSafe),
                coded.trim_end_matches('=')
            );
            assert_eq!(decode(coded).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn the_alphabets_differ_in_two_characters() {
        let data = [0xfb, 0xff, 0xbf];
        assert_eq!(encode(&data, Alphabet::Standard), "+/+/");
        assert_eq!(encode(&data, Alphabet::UrlSafe), "-_-_");
        assert_eq!(decode("+/+/").unwrap(), data);
        assert_eq!(decode("-_-_").unwrap(), data);
    }

    #[test]
    fn round_trips_every_length() {
        for n in 0..64usize {
            let data: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
            for a in [Alphabet::Standard, Alphabet::UrlSafe] {
                assert_eq!(decode(&encode(&data, a)).unwrap(), data, "{n} {a:?}");
            }
        }
    }

    #[test]
    fn line_breaks_are_skipped_and_bad_characters_located() {
        assert_eq!(decode("Zm9v\r\nYmFy").unwrap(), b"foobar");
        assert_eq!(decode("Zm9v$mFy"), Err(BadChar { offset: 4, ch: '$' }));
        assert_eq!(
            decode("Zm9vé"),
            Err(BadChar {
                offset: 4, ch: 'é'
            })
        );
    }
}
