//! The cryptography of the mobility protocols, in one place for crafting and for verification:
//! the builders compute authenticators with these functions and the dissector's checks verify
//! them with the same ones, so the two can never disagree about a formula.
//!
//! - [`rr`]: RFC 6275 return routability — keygen tokens from Kcn and nonces (§5.2.5), Kbm and
//!   the Binding Authorization Data authenticator (§5.2.6), the de-registration form, and the
//!   early proxy BU of seed 004 §3.3 (care-of keygen token zero).
//! - [`cga`]: RFC 3972 Cryptographically Generated Addresses (Sec = 0), seed 004's home addresses.
//! - [`haaro`]: seed 003's Krm and Mobile-Correspondent authenticator (§3.2.2, §4.7).
//! - [`mip4`]: Mobile IPv4 MN-HA / MN-FA / FA-HA authenticators (RFC 5944 §3.5.1: HMAC-MD5, and
//!   the prefix+suffix keyed MD5 of RFC 2002 peers).
//!
//! - [`keys`]: the keys a user gives (`-o mip6.keys_file:PATH`) for verification.
//!
//! Everything here is a pure function of bytes: no key is ever logged or formatted.

pub mod cga;
pub mod haaro;
pub mod keys;
pub mod mip4;
pub mod rr;

use hmac::{Hmac, KeyInit, Mac};
use sha1::{Digest, Sha1};

/// HMAC-SHA1 (RFC 2104 with SHA-1) over the concatenation of `parts`.
pub fn hmac_sha1(key: &[u8], parts: &[&[u8]]) -> [u8; 20] {
    HmacSha1Key::new(key).mac(parts)
}

/// An HMAC-SHA1 key made once: its inner and outer pads are hashed when it is made, so each
/// message it then signs costs two SHA-1 compressions less (of about four for the short inputs
/// of return routability). A correspondent's Kcn gives every keygen token, a Kbm seals a BU and
/// its BA and their refreshes.
#[derive(Clone)]
pub struct HmacSha1Key(Hmac<Sha1>);

impl HmacSha1Key {
    pub fn new(key: &[u8]) -> Self {
        // HMAC accepts keys of any length, so this cannot fail.
        HmacSha1Key(<Hmac<Sha1> as KeyInit>::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC takes any key length")))
    }

    /// HMAC-SHA1 over the concatenation of `parts`.
    pub fn mac(&self, parts: &[&[u8]]) -> [u8; 20] {
        let mut mac = self.0.clone();
        for p in parts {
            mac.update(p);
        }
        mac.finalize().into_bytes().into()
    }
}

/// SHA-1 over the concatenation of `parts`.
pub fn sha1(parts: &[&[u8]]) -> [u8; 20] {
    let mut h = Sha1::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// Compares two authenticators in time independent of where they differ (a verifier should not
/// tell an attacker how many leading octets it got right).
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    /// RFC 2202 §3, test cases 1, 2 and 6 (HMAC-SHA1).
    #[test]
    fn rfc2202_vectors() {
        assert_eq!(hmac_sha1(&[0x0b; 20], &[b"Hi There"]).to_vec(), hex("b617318655057264e28bc0b6fb378c8ef146be00"));
        assert_eq!(
            hmac_sha1(b"Jefe", &[b"what do ya want ", b"for nothing?"]).to_vec(),
            hex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
        );
        assert_eq!(
            hmac_sha1(&[0xaa; 80], &[b"Test Using Larger Than Block-Size Key - Hash Key First"]).to_vec(),
            hex("aa4ae5e15272d00e95705637ce8a3b55ed402112")
        );
    }

    /// FIPS 180-1 appendix A ("abc").
    #[test]
    fn sha1_vector() {
        assert_eq!(sha1(&[b"a", b"bc"]).to_vec(), hex("a9993e364706816aba3e25717850c26c9cd0d89d"));
    }

    #[test]
    fn same_compares_whole_values() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"ab"));
    }
}
