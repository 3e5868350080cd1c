//! Request ids that look like the products' own (random, not secret).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

static STATE: AtomicU64 = AtomicU64::new(0);

fn next() -> u64 {
    let mut seed = STATE.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed);
    if seed == 0 {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0x1234_5678);
        let _ = STATE.compare_exchange(0, now | 1, Ordering::Relaxed, Ordering::Relaxed);
        seed = STATE.fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed);
    }
    // splitmix64
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn from_alphabet(alphabet: &[u8], len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut bits = next();
    let mut left = 10;
    for _ in 0..len {
        if left == 0 {
            bits = next();
            left = 10;
        }
        let i = (bits % alphabet.len() as u64) as usize;
        bits /= alphabet.len() as u64;
        left -= 1;
        if let Some(c) = alphabet.get(i) {
            out.push(char::from(*c));
        }
    }
    out
}

const HEX: &[u8] = b"0123456789abcdef";
const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

pub fn hex(len: usize) -> String {
    from_alphabet(HEX, len)
}

/// `x-amzn-RequestId`: a UUID.
pub fn uuid() -> String {
    format!("{}-{}-4{}-a{}-{}", hex(8), hex(4), hex(3), hex(3), hex(12))
}

/// `x-amz-apigw-id` / `apigw-requestid`: 15 base64 characters and `=`.
pub fn apigw_id() -> String {
    format!("{}=", from_alphabet(ALNUM, 15))
}

/// `X-Amz-Cf-Id`: 54 base64url characters and `==`.
pub fn cf_id() -> String {
    format!("{}==", from_alphabet(B64, 54))
}

/// `cf-ray`: 16 hex digits and the PoP.
pub fn cf_ray() -> String {
    format!("{}-FRA", hex(16))
}

/// `X-Amzn-Trace-Id` of a Lambda proxy response.
pub fn trace_id() -> String {
    format!(
        "Root=1-{}-{};Sampled=0;Lineage=1:{}:0",
        hex(8),
        hex(24),
        hex(8)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn shapes() {
        let u = super::uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(u.matches('-').count(), 4);
        assert_ne!(super::uuid(), super::uuid());
        assert_eq!(super::apigw_id().len(), 16);
        assert!(super::cf_id().ends_with("=="));
        assert!(super::cf_ray().ends_with("-FRA"));
    }
}
