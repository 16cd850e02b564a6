//! RFC 6275 return routability: keygen tokens (§5.2.5), Kbm and the Binding Authorization Data
//! authenticator (§5.2.6).
//!
//! "|" below is concatenation; addresses are the 16 network-order octets.
//! - home keygen token = First(64, HMAC_SHA1(Kcn, home address | nonce | 0))
//! - care-of keygen token = First(64, HMAC_SHA1(Kcn, care-of address | nonce | 1))
//! - Kbm = SHA1(home keygen token | care-of keygen token), or SHA1(home keygen token) for a
//!   de-registration sent from home (§5.2.5), or with a zero care-of token for seed 004's early
//!   proxy BU (§3.3, `profiles.md`)
//! - Authenticator = First(96, HMAC_SHA1(Kbm, care-of address | correspondent | MH Data)), where
//!   MH Data is the Mobility Header with its Checksum zero and without the Authenticator value.

use super::memo::Memo;
use super::{sha1_short, HmacSha1Key, Short};
use crate::analysis::{Facts, MhFacts};
use crate::mh::MhType;
use std::cell::RefCell;
use std::ops::Range;

/// A correspondent node's secret (§5.2.3: 20 octets).
pub type Kcn = [u8; 20];
/// A keygen token (64 bits).
pub type Token = [u8; 8];
/// The binding management key.
pub type Kbm = [u8; 20];
/// The Binding Authorization Data option's authenticator (96 bits).
pub type Authenticator = [u8; 12];

/// The MH Checksum field's offset in the Mobility Header.
const CHECKSUM: usize = 4;

/// Kcn made into an HMAC key once, for a correspondent that answers test after test with it.
#[derive(Clone)]
pub struct TokenKey(HmacSha1Key);

impl TokenKey {
    pub fn new(kcn: &Kcn) -> Self {
        TokenKey(HmacSha1Key::new(kcn))
    }

    fn token(&self, addr: &[u8; 16], nonce: &[u8], id: u8) -> Token {
        let mut m = Short::new();
        // A nonce of up to 38 octets (UMIP's are 8) leaves the message in one block.
        let mac =
            if m.push(addr) && m.push(nonce) && m.push(&[id]) { self.0.mac_short(m) } else { self.0.mac(&[addr, nonce, &[id]]) };
        let mut t = [0; 8];
        t.copy_from_slice(&mac[..8]);
        t
    }

    /// [`home_keygen_token`] with this key.
    pub fn home(&self, home: &[u8; 16], nonce: &[u8]) -> Token {
        self.token(home, nonce, 0)
    }

    /// [`care_of_keygen_token`] with this key.
    pub fn care_of(&self, care_of: &[u8; 16], nonce: &[u8]) -> Token {
        self.token(care_of, nonce, 1)
    }
}

/// Kcn made into an HMAC key (the last few, this thread's, are remembered): a keys file's Kcn
/// gives both tokens of every BU it verifies.
fn token_key(kcn: &Kcn) -> TokenKey {
    KCN_KEYS.with_borrow_mut(|m| m.get_or_make(kcn, || TokenKey::new(kcn)))
}

/// The home keygen token a correspondent sends in a HoT. Nonces are not on the wire (only their
/// indices), so their length is the correspondent's choice; UMIP uses 8 octets.
pub fn home_keygen_token(kcn: &Kcn, home: &[u8; 16], nonce: &[u8]) -> Token {
    token_key(kcn).home(home, nonce)
}

/// The care-of keygen token a correspondent sends in a CoT.
pub fn care_of_keygen_token(kcn: &Kcn, care_of: &[u8; 16], nonce: &[u8]) -> Token {
    token_key(kcn).care_of(care_of, nonce)
}

/// Which tokens a Binding Update's key is made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KbmInput {
    /// A registration: both tokens.
    Both { home: Token, care_of: Token },
    /// A de-registration from home (care-of address = home address, lifetime 0): the home token
    /// alone.
    Deregistration { home: Token },
    /// Seed 004 §3.3's early proxy BU: the home (permanent, temporary or handover) token with a
    /// care-of keygen token of zero, since the care-of test runs concurrently with this BU.
    EarlyProxy { home: Token },
}

/// How many recent keys of each kind each thread keeps: a verifier or a builder meets one or two
/// Kbms at a time (a registration's and a de-registration's from one home test), and a
/// correspondent or two.
const RECENT: usize = 4;

thread_local! {
    /// Kcn made into an HMAC key, by Kcn.
    static KCN_KEYS: RefCell<Memo<Kcn, TokenKey, RECENT>> = const { RefCell::new(Memo::new()) };
    /// Kbm by the tokens it was made from (the whole [`KbmInput`]).
    static KBMS: RefCell<Memo<KbmInput, Kbm, RECENT>> = const { RefCell::new(Memo::new()) };
    /// Kbm made into an HMAC key, by Kbm.
    static KBM_KEYS: RefCell<Memo<Kbm, HmacSha1Key, RECENT>> = const { RefCell::new(Memo::new()) };
}

/// Kbm from the tokens (the last few, this thread's, are remembered).
pub fn kbm(input: KbmInput) -> Kbm {
    KBMS.with_borrow_mut(|m| m.get_or_make(&input, || kbm_of(input)))
}

/// Kbm made into an HMAC key (the last few, this thread's, are remembered): the BA and the
/// refreshed BU that a BU's Kbm also checks then cost no pad hashing.
pub fn kbm_key(kbm: &Kbm) -> HmacSha1Key {
    KBM_KEYS.with_borrow_mut(|m| m.get_or_make(kbm, || HmacSha1Key::new(kbm)))
}

fn kbm_of(input: KbmInput) -> Kbm {
    let (home, care_of) = match input {
        KbmInput::Both { home, care_of } => (home, Some(care_of)),
        KbmInput::Deregistration { home } => (home, None),
        KbmInput::EarlyProxy { home } => (home, Some([0; 8])),
    };
    // One or two tokens, 16 octets at most: one block, always.
    let mut m = Short::new();
    let fits = m.push(&home) && care_of.is_none_or(|c| m.push(&c));
    debug_assert!(fits);
    sha1_short(m)
}

/// The authenticator of a BU or BA.
///
/// `care_of` is the address being registered (the Alternate Care-of Address when the message has
/// one, the home address on de-registration); `correspondent` the correspondent's address (its
/// home address when it is itself mobile). `mh` is the whole Mobility Header as sent and
/// `value_at` the offset in it of the authenticator value (the 12 octets after the option's Type
/// and Length): the checksum and the value are left out as §6.2.7 says, whatever the header
/// holds there, and any octets after the value are covered.
pub fn authenticator(
    kbm: &Kbm,
    care_of: &[u8; 16],
    correspondent: &[u8; 16],
    mh: &[u8],
    value_at: usize,
) -> Option<Authenticator> {
    authenticator_with(&kbm_key(kbm), care_of, correspondent, mh, value_at)
}

/// [`authenticator`] with Kbm already made into an HMAC key (a builder sealing a BU, its BA and
/// their refreshes with one Kbm makes the key once).
pub fn authenticator_with(
    kbm: &HmacSha1Key,
    care_of: &[u8; 16],
    correspondent: &[u8; 16],
    mh: &[u8],
    value_at: usize,
) -> Option<Authenticator> {
    // The checksum and the value left out; none of them when either lies outside the header.
    let value_end = value_at.checked_add(12)?;
    let (Some(head), Some(body), Some(tail)) = (mh.get(..CHECKSUM), mh.get(CHECKSUM + 2..value_at), mh.get(value_end..)) else {
        return None;
    };
    // A BU or BA with the usual options (up to 35 octets of header) is signed in one block.
    let mut short = Short::new();
    let fits = short.push(care_of) && short.push(correspondent) && short.push(head) && short.push(&[0, 0]);
    let mac = if fits && short.push(body) && short.push(tail) {
        kbm.mac_short(short)
    } else {
        kbm.mac(&[care_of, correspondent, head, &[0, 0], body, tail])
    };
    let mut a = [0; 12];
    a.copy_from_slice(&mac[..12]);
    Some(a)
}

/// What a BU's or BA's authenticator covers, as found in a dissected frame: the builders seal
/// with it and the verifier checks with it, so both pick the same addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// The care-of address (§5.2.6): a BU's Alternate Care-of Address or its IPv6 source (the
    /// home address itself on a de-registration from home); a BA's IPv6 destination.
    pub care_of: [u8; 16],
    /// The correspondent: a BU's destination (the home address of a type 2 routing header when
    /// the correspondent is itself mobile); a BA's source (its Home Address option's address).
    pub correspondent: [u8; 16],
    /// The Mobility Header's octets in the frame.
    pub mh: Range<usize>,
    /// Offset of the authenticator value in the Mobility Header.
    pub value_at: usize,
}

/// The signed parts of message `m` (a BU or BA with a 12-octet Binding Authorization Data
/// option) of the frame `data`, whose facts are `facts`; `None` for any other message, a header
/// quoted in an ICMP error, or an option whose Length is not 12.
pub fn signed(facts: &Facts, m: &MhFacts, data: &[u8]) -> Option<Signed> {
    let (src, dst) = m.pkt.ip6?;
    let (care_of, correspondent) = match m.msg? {
        MhType::BindingUpdate => (m.alt_coa.unwrap_or(src), m.pkt.rh2.unwrap_or(dst)),
        MhType::BindingAcknowledgement => (dst, m.pkt.hao.unwrap_or(src)),
        _ => return None,
    };
    if m.quoted() {
        return None;
    }
    let start = m.mh as usize;
    let hdr_len = *data.get(start + 1)?;
    let end = (start + (usize::from(hdr_len) + 1) * 8).min(data.len());
    let opts = facts.opts.get(m.opts.0 as usize..m.opts.1 as usize)?;
    let bad = opts.iter().rev().find(|o| o.kind == 5 && o.len == 12)?;
    let value_at = (bad.at as usize + 2).checked_sub(start)?;
    (value_at + 12 <= end - start).then_some(Signed { care_of, correspondent, mh: start..end, value_at })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    fn addr(s: &str) -> [u8; 16] {
        s.parse::<std::net::Ipv6Addr>().unwrap().octets()
    }

    /// `../shared/spec/reference.md` §5.4 (computed with Python's hmac/hashlib).
    #[test]
    fn reference_vector() {
        let kcn: Kcn = core::array::from_fn(|i| i as u8 + 1);
        let (hoa, coa, cn) = (addr("2001:db8:aaaa::1"), addr("2001:db8:bbbb::1"), addr("2001:db8:cccc::2"));
        let home = home_keygen_token(&kcn, &hoa, &hex("0001020304050607"));
        let care_of = care_of_keygen_token(&kcn, &coa, &hex("08090a0b0c0d0e0f"));
        assert_eq!(home.to_vec(), hex("07e524c4f5890391"));
        assert_eq!(care_of.to_vec(), hex("9a5de1e63dd567f4"));
        let k = kbm(KbmInput::Both { home, care_of });
        assert_eq!(k.to_vec(), hex("e9b3e448017fcaa574c82af41c3e05394e7d8dee"));
        assert_eq!(kbm(KbmInput::Deregistration { home }).to_vec(), hex("e7d35ce520463cc26898bf82b3377af6e1b37f75"));
        // Python: hashlib.sha1(bytes.fromhex("07e524c4f5890391") + bytes(8)).hexdigest()
        assert_eq!(kbm(KbmInput::EarlyProxy { home }).to_vec(), hex("c4acf2ce186d2ca4f60f0ef1d042a7c89e1a4ff6"));
        // The final header as sent: checksum 0x9bbf and the authenticator are left out again.
        let mh = hex("3b0305009bbf000180000010040400010002050c03e315717e3c17bd6a88adae");
        assert_eq!(authenticator(&k, &coa, &cn, &mh, 20).unwrap().to_vec(), hex("03e315717e3c17bd6a88adae"));
    }

    /// Remembered Kbms and keys give what the formulas give, computed here with the `sha1` and
    /// `hmac` crates and no memo: the same tokens again, other tokens with the same home token
    /// (a new care-of test, a de-registration), several Kbms signing in turn for the same
    /// correspondent and care-of address, and more of them than the memo holds.
    #[test]
    fn remembered_kbms_and_keys_are_never_stale() {
        use hmac::{Hmac, KeyInit, Mac};
        use sha1::{Digest, Sha1};
        let (coa, cn) = (addr("2001:db8:bbbb::1"), addr("2001:db8:cccc::2"));
        let mh = hex("3b0305009bbf000180000010040400010002050c03e315717e3c17bd6a88adae");
        let mut signed = mh.clone();
        signed[4..6].fill(0);
        signed.drain(20..32);
        let want_kbm =
            |home: &[u8], care_of: &[u8]| -> Kbm { Sha1::new().chain_update(home).chain_update(care_of).finalize().into() };
        let want_auth = |k: &Kbm| -> Authenticator {
            let mut m = <Hmac<Sha1> as KeyInit>::new_from_slice(k).unwrap();
            m.update(&coa);
            m.update(&cn);
            m.update(&signed);
            m.finalize().into_bytes()[..12].try_into().unwrap()
        };
        let home = [0x11; 8];
        for i in [0u8, 1, 0, 1, 2, 0, 3, 4, 5, 0, 1, 5, 5] {
            let care_of = [i; 8];
            let k = kbm(KbmInput::Both { home, care_of });
            assert_eq!(k, want_kbm(&home, &care_of), "care-of token {i}");
            assert_eq!(authenticator(&k, &coa, &cn, &mh, 20), Some(want_auth(&k)), "care-of token {i}");
            let d = kbm(KbmInput::Deregistration { home });
            assert_eq!(d, want_kbm(&home, &[]));
            assert_eq!(authenticator(&d, &coa, &cn, &mh, 20), Some(want_auth(&d)));
            assert_eq!(kbm(KbmInput::EarlyProxy { home }), want_kbm(&home, &[0; 8]));
        }
    }

    /// Remembered Kcn keys give the tokens the formula gives (the `hmac` crate, no memo): two
    /// correspondents' Kcns in turn for the same address and nonce, and more Kcns than the memo
    /// holds.
    #[test]
    fn remembered_kcn_keys_are_never_stale() {
        use hmac::{Hmac, KeyInit, Mac};
        use sha1::Sha1;
        let (hoa, nonce) = (addr("2001:db8:aaaa::1"), hex("0001020304050607"));
        let want = |kcn: &Kcn, id: u8| -> Token {
            let mut m = <Hmac<Sha1> as KeyInit>::new_from_slice(kcn).unwrap();
            m.update(&hoa);
            m.update(&nonce);
            m.update(&[id]);
            m.finalize().into_bytes()[..8].try_into().unwrap()
        };
        for i in [0u8, 1, 0, 1, 2, 3, 4, 5, 0, 5, 5] {
            let kcn = [i; 20];
            assert_eq!(home_keygen_token(&kcn, &hoa, &nonce), want(&kcn, 0), "Kcn {i}");
            assert_eq!(care_of_keygen_token(&kcn, &hoa, &nonce), want(&kcn, 1), "Kcn {i}");
        }
    }

    /// The authenticator over Mobility Headers of every length from the shortest to two
    /// blocks and more (signed in one block up to 35 octets of header, in a run beyond), with
    /// the value at each place it can be, against the `hmac` crate over the parts §6.2.7 names.
    #[test]
    fn authenticator_matches_the_crate_at_every_length() {
        use hmac::{Hmac, KeyInit, Mac};
        use sha1::Sha1;
        let (coa, cn) = (addr("2001:db8:bbbb::1"), addr("2001:db8:cccc::2"));
        let k: Kbm = core::array::from_fn(|i| i as u8 * 7 + 1);
        let data: Vec<u8> = (0..120u32).map(|i| (i * 29 + 11) as u8).collect();
        for len in 18..=data.len() {
            let mh = &data[..len];
            for value_at in CHECKSUM + 2..=len - 12 {
                let mut m = <Hmac<Sha1> as KeyInit>::new_from_slice(&k).unwrap();
                m.update(&coa);
                m.update(&cn);
                m.update(&mh[..CHECKSUM]);
                m.update(&[0, 0]);
                m.update(&mh[CHECKSUM + 2..value_at]);
                m.update(&mh[value_at + 12..]);
                let want: Authenticator = m.finalize().into_bytes()[..12].try_into().unwrap();
                assert_eq!(authenticator(&k, &coa, &cn, mh, value_at), Some(want), "{len} octets, value at {value_at}");
            }
        }
    }

    /// Keygen tokens with nonces of every length up to two blocks (one block up to 38 octets).
    #[test]
    fn tokens_match_the_crate_at_every_nonce_length() {
        use hmac::{Hmac, KeyInit, Mac};
        use sha1::Sha1;
        let kcn: Kcn = core::array::from_fn(|i| i as u8 + 3);
        let hoa = addr("2001:db8:aaaa::1");
        let nonces: Vec<u8> = (0..130u32).map(|i| (i * 31 + 7) as u8).collect();
        for len in 0..=nonces.len() {
            let nonce = &nonces[..len];
            for id in [0u8, 1] {
                let mut m = <Hmac<Sha1> as KeyInit>::new_from_slice(&kcn).unwrap();
                m.update(&hoa);
                m.update(nonce);
                m.update(&[id]);
                let want: Token = m.finalize().into_bytes()[..8].try_into().unwrap();
                let got = if id == 0 { home_keygen_token(&kcn, &hoa, nonce) } else { care_of_keygen_token(&kcn, &hoa, nonce) };
                assert_eq!(got, want, "{len}-octet nonce, id {id}");
            }
        }
    }

    #[test]
    fn lying_offsets_give_none() {
        let k = [0; 20];
        let a = [0; 16];
        assert!(authenticator(&k, &a, &a, &[0; 32], 21).is_none());
        assert!(authenticator(&k, &a, &a, &[0; 32], 4).is_none());
        assert!(authenticator(&k, &a, &a, &[0; 4], 0).is_none());
        assert!(authenticator(&k, &a, &a, &[0; 32], usize::MAX).is_none());
    }
}
