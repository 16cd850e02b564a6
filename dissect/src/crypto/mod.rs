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
mod memo;
pub mod mip4;
pub mod rr;

use sha1::block_api::compress;

/// SHA-1's initial hash value (FIPS 180-1 §7).
const H0: [u32; 5] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476, 0xc3d2_e1f0];
/// SHA-1's block, and HMAC's pad, in octets.
const BLOCK: usize = 64;

/// HMAC-SHA1 (RFC 2104 with SHA-1) over the concatenation of `parts`.
pub fn hmac_sha1(key: &[u8], parts: &[&[u8]]) -> [u8; 20] {
    HmacSha1Key::new(key).mac(parts)
}

/// SHA-1 under way, its blocks given to the `sha1` crate's compression function (which uses the
/// CPU's SHA instructions when it has them, checked at run time). The few octets return
/// routability hashes cost a compression or two, and the `Digest` and `Mac` wrappers' buffering
/// and generic finalisation cost about as much again; here a message is copied once into one
/// block and padded in place.
#[derive(Clone)]
struct Sha1Run {
    h: [u32; 5],
    buf: [u8; BLOCK],
    /// Octets waiting in `buf` (always less than a block).
    pos: usize,
    /// Whole blocks compressed so far.
    blocks: u64,
}

impl Sha1Run {
    fn new(h: [u32; 5], blocks: u64) -> Self {
        Sha1Run { h, buf: [0; BLOCK], pos: 0, blocks }
    }

    #[inline]
    fn update(&mut self, data: &[u8]) {
        // Most parts (an address, a few octets of the header) fit in the block under way.
        let room = BLOCK - self.pos;
        if data.len() < room {
            self.buf[self.pos..self.pos + data.len()].copy_from_slice(data);
            self.pos += data.len();
            return;
        }
        let (head, rest) = data.split_at(room);
        self.buf[self.pos..].copy_from_slice(head);
        let (whole, tail) = rest.as_chunks::<BLOCK>();
        compress(&mut self.h, &[self.buf]);
        if !whole.is_empty() {
            compress(&mut self.h, whole);
        }
        self.blocks += 1 + whole.len() as u64;
        self.buf[..tail.len()].copy_from_slice(tail);
        self.pos = tail.len();
    }

    /// FIPS 180-1 §4's padding: 0x80, zeros, the message's length in bits in the last 8 octets.
    fn finish(self) -> [u8; 20] {
        digest(&self.finish_state())
    }

    /// [`Sha1Run::finish`]'s hash state, before it is written out as the digest.
    fn finish_state(mut self) -> [u32; 5] {
        let bits = (self.blocks * BLOCK as u64 + self.pos as u64) * 8;
        self.buf[self.pos] = 0x80;
        self.buf[self.pos + 1..].fill(0);
        if self.pos + 1 > BLOCK - 8 {
            compress(&mut self.h, &[self.buf]);
            self.buf = [0; BLOCK];
        }
        self.buf[BLOCK - 8..].copy_from_slice(&bits.to_be_bytes());
        compress(&mut self.h, &[self.buf]);
        self.h
    }
}

fn digest(h: &[u32; 5]) -> [u8; 20] {
    let mut out = [0; 20];
    for (o, w) in out.chunks_exact_mut(4).zip(h) {
        o.copy_from_slice(&w.to_be_bytes());
    }
    out
}

/// An HMAC-SHA1 key made once: its inner and outer pads are hashed when it is made (one
/// compression each), so each message it then signs costs only its own blocks and the outer
/// hash's one. A correspondent's Kcn gives every keygen token, a Kbm seals a BU and its BA and
/// their refreshes. Holds a key's hash states: never formatted (no `Debug`).
#[derive(Clone)]
pub struct HmacSha1Key {
    inner: [u32; 5],
    outer: [u32; 5],
}

impl HmacSha1Key {
    /// RFC 2104 §2: a key longer than a block is hashed first; it is padded with zeros to a
    /// block and XORed with ipad (0x36) and opad (0x5c).
    pub fn new(key: &[u8]) -> Self {
        let mut k = [0; BLOCK];
        match k.get_mut(..key.len()) {
            Some(head) => head.copy_from_slice(key),
            None => k[..20].copy_from_slice(&sha1(&[key])),
        }
        let pad = |x: u8| {
            let mut h = H0;
            compress(&mut h, &[k.map(|o| o ^ x)]);
            h
        };
        HmacSha1Key { inner: pad(0x36), outer: pad(0x5c) }
    }

    /// HMAC-SHA1 over the concatenation of `parts`.
    pub fn mac(&self, parts: &[&[u8]]) -> [u8; 20] {
        let mut run = Sha1Run::new(self.inner, 1);
        for p in parts {
            run.update(p);
        }
        let inner = run.finish_state();
        self.outer(&inner)
    }
}

/// A message short enough that it and its padding fit one block (at most [`Short::MAX`]
/// octets: every return routability input but the MH Data of a BU or BA with many options),
/// laid out in that block as its parts are pushed. Hashing it is one compression with nothing
/// around it: no run state, no part-by-part copies of unknown length (a part whose length the
/// caller knows, an address or a token, is copied inline), no padding pass.
pub(crate) struct Short {
    b: [u8; BLOCK],
    len: usize,
}

impl Short {
    /// The longest message: the block less the 0x80 octet and the 8-octet length.
    pub(crate) const MAX: usize = BLOCK - 9;

    pub(crate) fn new() -> Self {
        Short { b: [0; BLOCK], len: 0 }
    }

    /// Appends `data`; false (and the message is then unusable) when it does not fit.
    #[inline(always)]
    #[must_use]
    pub(crate) fn push(&mut self, data: &[u8]) -> bool {
        let end = self.len + data.len();
        match self.b.get_mut(self.len..end) {
            Some(dst) if end <= Self::MAX => {
                dst.copy_from_slice(data);
                self.len = end;
                true
            }
            _ => false,
        }
    }

    /// The padded block (FIPS 180-1 §4), the message coming after `before` octets already
    /// hashed (an HMAC pad's block). The octets after the message are still zero: only
    /// [`Short::push`] writes, and only below `len`.
    #[inline(always)]
    fn block(mut self, before: usize) -> [u8; BLOCK] {
        self.b[self.len] = 0x80;
        self.b[BLOCK - 8..].copy_from_slice(&(((before + self.len) * 8) as u64).to_be_bytes());
        self.b
    }
}

/// SHA-1 of a short message.
pub(crate) fn sha1_short(m: Short) -> [u8; 20] {
    let mut h = H0;
    compress(&mut h, &[m.block(0)]);
    digest(&h)
}

impl HmacSha1Key {
    /// HMAC-SHA1 of a short message: one compression for the inner hash, one for the outer.
    pub(crate) fn mac_short(&self, m: Short) -> [u8; 20] {
        let mut h = self.inner;
        compress(&mut h, &[m.block(BLOCK)]);
        self.outer(&h)
    }

    /// The outer hash over the inner hash's state `inner`: its message is the pad's block
    /// (hashed already) and the inner digest, so one block holds the digest and its padding.
    #[inline(always)]
    fn outer(&self, inner: &[u32; 5]) -> [u8; 20] {
        let mut b = [0; BLOCK];
        for (o, w) in b.chunks_exact_mut(4).zip(inner) {
            o.copy_from_slice(&w.to_be_bytes());
        }
        b[20] = 0x80;
        b[BLOCK - 8..].copy_from_slice(&(((BLOCK + 20) * 8) as u64).to_be_bytes());
        let mut h = self.outer;
        compress(&mut h, &[b]);
        digest(&h)
    }
}

/// SHA-1 over the concatenation of `parts`.
pub fn sha1(parts: &[&[u8]]) -> [u8; 20] {
    let mut run = Sha1Run::new(H0, 0);
    for p in parts {
        run.update(p);
    }
    run.finish()
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

    /// The block-level SHA-1 and HMAC against the `sha1` crate's `Digest` and the `hmac`
    /// crate's `Hmac` (their own buffering and padding): every message length from 0 to 200
    /// octets (each padding case: the length in the same block, in a block of its own, whole
    /// blocks), split into parts at several places, with keys shorter than, as long as and
    /// longer than a block.
    #[test]
    fn block_level_matches_the_crates() {
        use hmac::{Hmac, KeyInit, Mac};
        use sha1::{Digest, Sha1};
        let data: Vec<u8> = (0..200u32).map(|i| (i * 7 + 3) as u8).collect();
        for len in 0..=data.len() {
            let msg = &data[..len];
            let want: [u8; 20] = Sha1::digest(msg).into();
            for cut in [0, 1, len / 3, len / 2, len.saturating_sub(1), len] {
                let (a, b) = msg.split_at(cut.min(len));
                let (b, c) = b.split_at(b.len() / 2);
                assert_eq!(sha1(&[a, b, c]), want, "sha1, {len} octets cut at {cut}");
            }
            for key_len in [0, 1, 20, 63, 64, 65, 80, 131] {
                let key = &data[200 - key_len..];
                let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(key).unwrap();
                mac.update(msg);
                let want: [u8; 20] = mac.finalize().into_bytes().into();
                let (a, b) = msg.split_at(len / 2);
                assert_eq!(hmac_sha1(key, &[a, b]), want, "hmac, {len} octets, {key_len}-octet key");
            }
        }
    }

    /// The one-block forms against the crates: every length a block holds (0 to 55 octets),
    /// pushed in two parts cut anywhere, under keys shorter than and as long as a block; a part
    /// that would pass 55 octets is refused.
    #[test]
    fn short_messages_match_the_crates() {
        use hmac::{Hmac, KeyInit, Mac};
        use sha1::{Digest, Sha1};
        let data: Vec<u8> = (0..64u32).map(|i| (i * 13 + 5) as u8).collect();
        for len in 0..=Short::MAX {
            let msg = &data[..len];
            for cut in 0..=len {
                let short = || {
                    let mut m = Short::new();
                    assert!(m.push(&msg[..cut]) && m.push(&msg[cut..]), "{len} octets cut at {cut}");
                    m
                };
                let want: [u8; 20] = Sha1::digest(msg).into();
                assert_eq!(sha1_short(short()), want, "sha1, {len} octets cut at {cut}");
                for key in [&data[..20], &data[..64]] {
                    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(key).unwrap();
                    mac.update(msg);
                    let want: [u8; 20] = mac.finalize().into_bytes().into();
                    assert_eq!(HmacSha1Key::new(key).mac_short(short()), want, "hmac, {len} octets cut at {cut}");
                }
            }
            let mut m = Short::new();
            assert!(m.push(msg));
            assert!(!m.push(&data[..Short::MAX + 1 - len]), "{len} + {} octets", Short::MAX + 1 - len);
        }
    }

    #[test]
    fn same_compares_whole_values() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"ab"));
    }
}
