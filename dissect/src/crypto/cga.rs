//! Cryptographically Generated Addresses (RFC 3972), as seed 004 (draft-qin-mipshop-pmipro-00
//! §3.2) uses them for a mobile node's home address: the CGA Parameters a proxy BU carries
//! (RFC 4866's option 12) and the address they generate.
//!
//! CGA Parameters = Modifier (16) | Subnet Prefix (8) | Collision Count (1) | Public Key |
//! extension fields (§3). The interface identifier is Hash1 = First(64, SHA1(parameters)) with
//! Sec in its leftmost three bits and the u and g bits (bits 6 and 7) zero (§4). Only Sec = 0
//! is built here: it puts no condition on Hash2, so any modifier is valid.

use super::sha1;

/// The CGA Parameters data structure with no extension fields.
pub fn parameters(modifier: &[u8; 16], prefix: &[u8; 8], collision_count: u8, public_key: &[u8]) -> Vec<u8> {
    let mut p = Vec::with_capacity(25 + public_key.len());
    p.extend_from_slice(modifier);
    p.extend_from_slice(prefix);
    p.push(collision_count);
    p.extend_from_slice(public_key);
    p
}

/// The Sec = 0 address the parameters generate (their own subnet prefix, Hash1 as the
/// interface identifier); `None` when the parameters are shorter than their fixed part.
pub fn address(params: &[u8]) -> Option<[u8; 16]> {
    if params.len() < 25 {
        return None;
    }
    let h = sha1(&[params]);
    let mut a = [0; 16];
    a[..8].copy_from_slice(&params[16..24]);
    a[8..].copy_from_slice(&h[..8]);
    a[8] &= 0x1c; // Sec = 0, u = g = 0
    Some(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Computed with Python: p = bytes(range(16)) + prefix + b"\0" + bytes(range(100, 164));
    /// iid = hashlib.sha1(p).digest()[:8] with iid[0] &= 0x1c.
    #[test]
    fn address_from_parameters() {
        let prefix = [0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0];
        let pk: Vec<u8> = (100..164).collect();
        let p = parameters(&core::array::from_fn(|i| i as u8), &prefix, 0, &pk);
        assert_eq!(p.len(), 89);
        let a: std::net::Ipv6Addr = address(&p).unwrap().into();
        assert_eq!(a, "2001:db8:1:0:1c0f:cff4:9457:c6f3".parse::<std::net::Ipv6Addr>().unwrap());
        assert_eq!(address(&p[..24]), None);
    }
}
