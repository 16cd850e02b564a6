//! Mobile IPv4 authentication extensions: MN-HA (32), MN-FA (33), FA-HA (35) (RFC 5944 §3.5).
//!
//! The authenticator covers the UDP payload (the Registration Request or Reply), every earlier
//! extension whole, and this extension's Type, Length and SPI — everything before the
//! authenticator value (§3.5.1). The default algorithm is HMAC-MD5 (RFC 2104); peers of RFC 2002
//! and RFC 3344 used keyed MD5 in "prefix+suffix" mode, MD5(key | data | key), and are still met
//! in the field, so both are offered and the SPI table says which a key uses.

use hmac::{Hmac, KeyInit, Mac};
use md5::{Digest, Md5};

/// How an SPI's authenticator is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Algorithm {
    /// HMAC-MD5, RFC 5944's default.
    #[default]
    HmacMd5,
    /// MD5(key | protected data | key), RFC 2002's default.
    PrefixSuffixMd5,
}

/// A 128-bit authenticator.
pub type Authenticator = [u8; 16];

/// The authenticator over the UDP payload `payload`, whose authentication extension's value
/// starts at `value_at`. `None` when `value_at` lies.
pub fn authenticator(alg: Algorithm, key: &[u8], payload: &[u8], value_at: usize) -> Option<Authenticator> {
    let protected = payload.get(..value_at)?;
    Some(match alg {
        Algorithm::HmacMd5 => {
            let mut mac =
                <Hmac<Md5> as KeyInit>::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
            mac.update(protected);
            mac.finalize().into_bytes().into()
        }
        Algorithm::PrefixSuffixMd5 => {
            let mut h = Md5::new();
            h.update(key);
            h.update(protected);
            h.update(key);
            h.finalize().into()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    /// RFC 2202 §2 test cases 1 and 2 (HMAC-MD5); the protected data is all of the payload.
    #[test]
    fn rfc2202_hmac_md5() {
        let a = authenticator(Algorithm::HmacMd5, &[0x0b; 16], b"Hi There", 8).unwrap();
        assert_eq!(a.to_vec(), hex("9294727a3638bb1c13f48ef8158bfc9d"));
        let m = b"what do ya want for nothing?";
        let a = authenticator(Algorithm::HmacMd5, b"Jefe", m, m.len()).unwrap();
        assert_eq!(a.to_vec(), hex("750c783e6ab0b503eaa86e310a5db738"));
    }

    /// Computed with Python: hashlib.md5(b"key" + bytes(range(20)) + b"key").hexdigest(); the
    /// octets after `value_at` (the authenticator itself) are not covered.
    #[test]
    fn prefix_suffix() {
        let mut payload: Vec<u8> = (0..20).collect();
        payload.extend_from_slice(&[0xee; 16]);
        let a = authenticator(Algorithm::PrefixSuffixMd5, b"key", &payload, 20).unwrap();
        assert_eq!(a.to_vec(), hex("dbcc77d392d11003c712253e0a181921"));
        assert_eq!(authenticator(Algorithm::HmacMd5, b"key", &payload, 37), None);
    }
}
