//! Request/response tracking across a capture: which frame answers which request, after how
//! long, which requests were sent again while still waiting and which were never answered.
//!
//! The parsers record, per message, the keys that pair it ([`TrackFact`]: a request key, a
//! response key or both, as a Binding Update answers a Binding Refresh Request and asks for a
//! Binding Acknowledgement); [`Tracker::observe`] folds them, frame by frame, into a [`Note`]
//! for the frame, and [`Tracker::take_updates`] says what later frames taught about earlier
//! ones (`response_in`, unanswered). The driver shows a frame's note with
//! [`crate::dissect_frame_noted`]: in one pass a response knows its request (tshark's
//! behaviour without `-2`); a request learns its response only in a second look (`-2`), which
//! the driver gets by holding frames back until no request of theirs is pending.
//!
//! A key is the pair kind, the two endpoints (the requester's side first, so a response
//! reverses its addresses; the Home Address option and type 2 routing header substitutions
//! included, as the checksum pseudo-header has them, except in a care-of test, which pairs by the
//! care-of address) and the identifier the response copies:
//! the sequence number (BU/BA, HI/HAck, BRI/BRA, UPN/UPA), the cookie (HoTI/HoT, CoTI/CoT,
//! Proxy HoTI/HoT, Mobile IPv4's seed 003 messages), the low-order 32 bits of the
//! Identification (RRQ/RRP, RFC 5944 §5.7: the home agent sets the high-order half), the
//! Revocation Identifier (RFC 3543). A Binding Refresh Request is answered by a Binding Update
//! between the same two nodes, so its identifier is 0.
//!
//! State is bounded: a request is forgotten (unanswered) once [`WINDOW`] frames or
//! [`TIMEOUT_NS`] of capture time have passed, or when [`MAX_PENDING`] requests are waiting
//! (the oldest first), so memory stays flat and the driver's look-ahead is bounded. The rules
//! are the same in one pass and with `-2`, so both give a response the same request.

use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::mh::msg::binding::BuFlags;
use crate::mh::msg::revocation::BrType;
use crate::tree::Anchor;
use crate::IpCtx;
use std::collections::{HashMap, VecDeque};

pub mod echo;

/// A request is forgotten once this many frames have followed it.
pub const WINDOW: u64 = 65_536;
/// ... or once the capture's clock is this far past it (RFC 6275's MAX_BINDACK_TIMEOUT is 32 s;
/// a retransmitted request is answered well within twice that).
pub const TIMEOUT_NS: i64 = 64_000_000_000;
/// At most this many requests wait for a response (the oldest is forgotten first).
pub const MAX_PENDING: usize = 65_536;
/// Messages of a frame that are tracked (the rest are not: a frame rarely has more than one).
pub const MAX_SLOTS: usize = 4;

/// Which request and response pair up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PairKind {
    /// Binding Refresh Request → Binding Update.
    Brr,
    /// Binding Update ↔ Binding Acknowledgement (proxy ones too).
    Binding,
    /// Home Test Init ↔ Home Test.
    HomeTest,
    /// Care-of Test Init ↔ Care-of Test.
    CareOfTest,
    /// Proxy Home Test Init ↔ Proxy Home Test (seed 004).
    ProxyHomeTest,
    /// Handover Initiate ↔ Handover Acknowledge.
    Handover,
    /// Binding Revocation Indication ↔ Acknowledgement.
    Revocation,
    /// Update Notification ↔ Acknowledgement.
    UpdateNotification,
    /// Mobile IPv4 Registration Request ↔ Reply.
    Registration,
    /// Mobile IPv4 Home Test Init ↔ Home Test (seed 003 / RFC 6521).
    Mip4HomeTest,
    /// Mobile IPv4 Care-of Test Init ↔ Care-of Test.
    Mip4CareOfTest,
    /// Mobile IPv4 Registration Revocation ↔ Revocation Acknowledgment.
    Mip4Revocation,
    /// ICMP Echo Request ↔ Echo Reply (RFC 792), paired as tshark 4.0 pairs them ([`echo`]).
    Echo,
    /// ICMPv6 Echo Request ↔ Echo Reply (RFC 4443 §4).
    Echo6,
}

impl PairKind {
    pub const ALL: [PairKind; 14] = [
        PairKind::Brr,
        PairKind::Binding,
        PairKind::HomeTest,
        PairKind::CareOfTest,
        PairKind::ProxyHomeTest,
        PairKind::Handover,
        PairKind::Revocation,
        PairKind::UpdateNotification,
        PairKind::Registration,
        PairKind::Mip4HomeTest,
        PairKind::Mip4CareOfTest,
        PairKind::Mip4Revocation,
        PairKind::Echo,
        PairKind::Echo6,
    ];

    /// Short name, as statistics tables show it.
    pub const fn name(self) -> &'static str {
        match self {
            PairKind::Brr => "BRR→BU",
            PairKind::Binding => "BU↔BA",
            PairKind::HomeTest => "HoTI↔HoT",
            PairKind::CareOfTest => "CoTI↔CoT",
            PairKind::ProxyHomeTest => "PHoTI↔PHoT",
            PairKind::Handover => "HI↔HAck",
            PairKind::Revocation => "BRI↔BRA",
            PairKind::UpdateNotification => "UPN↔UPA",
            PairKind::Registration => "RRQ↔RRP",
            PairKind::Mip4HomeTest => "MIPv4 HoTI↔HoT",
            PairKind::Mip4CareOfTest => "MIPv4 CoTI↔CoT",
            PairKind::Mip4Revocation => "Revocation↔Ack",
            PairKind::Echo => "Echo↔Reply",
            PairKind::Echo6 => "ICMPv6 Echo↔Reply",
        }
    }

    /// Whether the pair is Mobile IPv4's (`mip.*` fields) rather than the Mobility Header's.
    pub const fn is_mip4(self) -> bool {
        matches!(self, PairKind::Registration | PairKind::Mip4HomeTest | PairKind::Mip4CareOfTest | PairKind::Mip4Revocation)
    }

    /// Whether the pair is a ping's (ICMP or ICMPv6 echo), not mobility signalling.
    pub const fn is_echo(self) -> bool {
        matches!(self, PairKind::Echo | PairKind::Echo6)
    }

    const fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// What pairs a request with its response: the kind, the requester's and responder's
/// addresses (IPv4 as IPv4-mapped), and the identifier the response copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub kind: PairKind,
    pub requester: [u8; 16],
    pub responder: [u8; 16],
    pub id: u64,
}

/// Three whole-number writes (the addresses as 128-bit numbers, the kind in the identifier's
/// word): foldhash folds each in a multiply, where the derived impl makes six calls and one
/// 41-octet write costs a copy and a byte-string hash.
impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        h.write_u128(u128::from_ne_bytes(self.requester));
        h.write_u128(u128::from_ne_bytes(self.responder));
        h.write_u64(self.id);
        h.write_u8(self.kind as u8);
    }
}

/// One tracked message of a frame, as its parser recorded it.
#[derive(Debug, Clone, Copy)]
pub struct TrackFact {
    /// The key of the request this message makes, if it makes one.
    pub request: Option<Key>,
    /// The key of the request this message answers, if it answers one.
    pub response: Option<Key>,
    /// Where the generated fields go (inside the message's protocol, after what it decoded).
    pub at: Anchor,
    /// Index of the Mobility Header in [`super::Facts::mh`]; `None` for Mobile IPv4.
    pub mh: Option<u32>,
    pub proto: &'static str,
    /// What a rule about the response needs of this request ([`memo`]), filled in once the
    /// message's options are parsed; carried by the tracker to the response's [`MsgNote`].
    pub memo: u64,
}

/// A request's memo (64 bits, so the tracker's state stays fixed per request): bit 63 set
/// when there is one, bit 62 set for an RFC 5213 Proxy Binding Update, bit 61 for a correspondent
/// registration ([`memo::CN_REG`]), bits 58–59 seed 004's early and complete proxy BUs
/// ([`super::pmipro::memo_of`]), bit 60 a de-registration that deletes bindings ([`memo::DEREG`]), bit 57 and bits 52–55 what seed 002 and RFC 3963 ask of the
/// answer (a CoTI's bits 56–62 instead: its Home Address option, seed 000, [`memo::COTI_HAO`]),
/// bits 48–51 how many Binding Identifiers it carried (15 or more: 15), bits 0–47 the first three
/// BIDs. A Proxy Binding Update carries no BIDs in its memo: bits 0–47 hold what its
/// acknowledgement must echo (RFC 5213 §5.3.6, [`Pbu`]).
pub mod memo {
    pub const VALID: u64 = 1 << 63;
    pub const P_FLAG: u64 = 1 << 62;
    /// A correspondent registration (RFC 6275: none of H, P, M set).
    pub const CN_REG: u64 = 1 << 61;
    /// A Binding Update with lifetime 0 that deletes what it names (seed 002 §6.3: the bindings
    /// of its draft-03 BIDs, or all of them without one); not one whose BIDs carry the H flag,
    /// which makes a home binding of them (§6.3), nor a Proxy Binding Update.
    pub const DEREG: u64 = 1 << 60;
    /// Seed 004 §3.3: an early proxy BU (Care-of Test Init): its PBA brings a Care-of Test.
    pub const PMIPRO_EARLY: u64 = 1 << 59;
    /// Seed 004 §3.5: a complete proxy BU (CGA Parameters and Signature): its PBA brings the
    /// permanent and handover home keygen tokens.
    pub const PMIPRO_COMPLETE: u64 = 1 << 58;
    /// A BU whose draft-03 Binding Identifiers' flags differ (seed 002 §6.3: what MCOA FLAG
    /// CONFLICTS answers).
    pub const BID_FLAGS_DIFFER: u64 = 1 << 57;
    /// A draft-03 Binding Identifier of the request has the C flag (seed 002 §6.2: a CoTI's).
    pub const BID_C: u64 = 1 << 55;
    /// A BU with a draft-03 Binding Identifier whose Length contradicts its C flag (seed 002
    /// §6.3: refused with status 128, its BIDs MCOA INCOMPLIANT).
    pub const BID_LENGTH: u64 = 1 << 54;
    /// A BU with the Mobile Router flag (RFC 3963 §4.2: the BA's R answers it).
    pub const R_FLAG: u64 = 1 << 53;
    /// A BU whose draft-03 Binding Identifiers the receiver must refuse (seed 002 §6.3: flags
    /// that differ with C or O set, or a Length the C flag contradicts).
    pub const BID_REFUSE: u64 = 1 << 52;
    /// A CoTI with a Home Address option (seed 000 §4.2, §6: its CoT carries that home address
    /// back in a type 2 routing header); bits 57–62 a 6-bit digest of the address ([`coti_hoa`]).
    pub const COTI_HAO: u64 = 1 << 56;

    /// The memo bits of a CoTI's Home Address option.
    pub fn coti_hoa(hoa: &[u8; 16]) -> u64 {
        COTI_HAO | u64::from(mnid_digest(hoa) & 0x3f) << 57
    }
    /// Whether `a` may be the home address [`coti_hoa`] put in the memo (a digest: equal
    /// addresses always agree, so a difference it shows is real).
    pub fn is_coti_hoa(m: u64, a: &[u8; 16]) -> bool {
        m & (0x3f << 57) == coti_hoa(a) & (0x3f << 57)
    }

    /// An echo request's memo: sent to a multicast group (IPv4 224.0.0.0/4, IPv6 ff00::/8) or
    /// to the limited broadcast address, which tshark names instead of "no response found"
    /// when no reply pairs with it (any member may answer, from its own address).
    pub const ECHO_MULTICAST: u64 = VALID | 1;
    pub const ECHO_BROADCAST: u64 = VALID | 2;

    /// The memo of a BU.
    pub fn of(p_flag: bool, bids: impl Iterator<Item = u16>) -> u64 {
        let mut m = VALID | if p_flag { P_FLAG } else { 0 };
        let mut n = 0u64;
        for b in bids {
            if n < 3 {
                m |= u64::from(b) << (16 * n);
            }
            n += 1;
        }
        m | (n.min(15) << 48)
    }
    /// How many BIDs the request carried.
    pub fn bid_count(m: u64) -> usize {
        ((m >> 48) & 15) as usize
    }
    /// The first three BIDs the request carried.
    pub fn bids(m: u64) -> impl Iterator<Item = u16> {
        (0..bid_count(m).min(3)).map(move |i| (m >> (16 * i)) as u16)
    }

    /// What an RFC 5213 Proxy Binding Update carried that its acknowledgement echoes: bits
    /// 0–15 a digest of the Mobile Node Identifier (subtype and identifier), 16–23 the Handoff
    /// Indicator, 24–31 the Access Technology Type, 32–38 which of those options (and Home
    /// Network Prefix, Timestamp, Mobile Node Link-layer Identifier, Link-local Address) it
    /// carried. A digest, not
    /// the identifier: equal identifiers always agree, so a difference it shows is real.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub struct Pbu {
        pub mnid: Option<u16>,
        pub hi: Option<u8>,
        pub att: Option<u8>,
        pub hnp: bool,
        pub timestamp: bool,
        pub mnlli: bool,
        pub lla: bool,
    }

    const MNID: u64 = 1 << 32;
    const HI: u64 = 1 << 33;
    const ATT: u64 = 1 << 34;
    const HNP: u64 = 1 << 35;
    const TS: u64 = 1 << 36;
    const MNLLI: u64 = 1 << 37;
    const LLA: u64 = 1 << 38;

    /// The memo of an RFC 5213 Proxy Binding Update.
    pub fn of_pbu(p: Pbu) -> u64 {
        let bit = |on: bool, b: u64| if on { b } else { 0 };
        VALID
            | P_FLAG
            | u64::from(p.mnid.unwrap_or(0))
            | u64::from(p.hi.unwrap_or(0)) << 16
            | u64::from(p.att.unwrap_or(0)) << 24
            | bit(p.mnid.is_some(), MNID)
            | bit(p.hi.is_some(), HI)
            | bit(p.att.is_some(), ATT)
            | bit(p.hnp, HNP)
            | bit(p.timestamp, TS)
            | bit(p.mnlli, MNLLI)
            | bit(p.lla, LLA)
    }

    /// What [`of_pbu`] put in a memo (all empty unless it is a Proxy Binding Update's).
    pub fn pbu(m: u64) -> Pbu {
        if m & (VALID | P_FLAG) != VALID | P_FLAG {
            return Pbu::default();
        }
        let has = |b: u64| m & b != 0;
        Pbu {
            mnid: has(MNID).then_some(m as u16),
            hi: has(HI).then_some((m >> 16) as u8),
            att: has(ATT).then_some((m >> 24) as u8),
            hnp: has(HNP),
            timestamp: has(TS),
            mnlli: has(MNLLI),
            lla: has(LLA),
        }
    }

    /// A 16-bit digest (FNV-1a, folded) of a Mobile Node Identifier option's data (or of an
    /// address).
    pub fn mnid_digest(data: &[u8]) -> u16 {
        let h = data.iter().fold(0x811c_9dc5u32, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
        (h ^ (h >> 16)) as u16
    }

    /// The memo's bits are allocated by hand, per request kind: within one kind no two fields
    /// may share a bit (a flag set by one rule would read as another's), and the BID slots and
    /// count (or a Proxy Binding Update's echoed values) stay below the flags.
    #[cfg(test)]
    mod tests {
        use super::*;

        /// Every field of one kind's memo, by name and mask.
        fn disjoint(kind: &str, fields: &[(&str, u64)]) {
            for (i, (a, ma)) in fields.iter().enumerate() {
                assert_ne!(*ma, 0, "{kind}: {a} has no bit");
                for (b, mb) in &fields[i + 1..] {
                    assert_eq!(ma & mb, 0, "{kind}: {a} ({ma:#018x}) and {b} ({mb:#018x}) share bits");
                }
            }
        }

        /// The BID slots (3 x 16 bits) and the count, as [`of`] writes them.
        const BID_SLOTS: u64 = (1 << 48) - 1;
        const BID_COUNT: u64 = 15 << 48;

        #[test]
        fn binding_update_bits_do_not_overlap() {
            let flags = [
                ("VALID", VALID),
                ("P_FLAG", P_FLAG),
                ("CN_REG", CN_REG),
                ("PMIPRO_EARLY", PMIPRO_EARLY),
                ("PMIPRO_COMPLETE", PMIPRO_COMPLETE),
                ("BID_FLAGS_DIFFER", BID_FLAGS_DIFFER),
                ("BID_LENGTH", BID_LENGTH),
                ("R_FLAG", R_FLAG),
                ("BID_REFUSE", BID_REFUSE),
            ];
            // A BU with Binding Identifiers.
            let mut bu = flags.to_vec();
            bu.extend([("BID slots", BID_SLOTS), ("BID count", BID_COUNT)]);
            disjoint("BU", &bu);
            // An RFC 5213 Proxy Binding Update: the echoed values instead of the BIDs.
            let mut pbu = flags.to_vec();
            pbu.extend([
                ("MNID digest", 0xffff),
                ("HI value", 0xff << 16),
                ("ATT value", 0xff << 24),
                ("MNID", MNID),
                ("HI", HI),
                ("ATT", ATT),
                ("HNP", HNP),
                ("TS", TS),
                ("MNLLI", MNLLI),
                ("LLA", LLA),
            ]);
            disjoint("PBU", &pbu);
        }

        #[test]
        fn care_of_test_init_bits_do_not_overlap() {
            let digest = coti_hoa(&[0xff; 16]) | (0x3f << 57);
            disjoint(
                "CoTI",
                &[
                    ("VALID", VALID),
                    ("BID_C", BID_C),
                    ("COTI_HAO", COTI_HAO),
                    ("HoA digest", digest & !COTI_HAO),
                    ("BID slots", BID_SLOTS),
                    ("BID count", BID_COUNT),
                ],
            );
        }

        #[test]
        fn refresh_request_and_registration_bits_do_not_overlap() {
            disjoint("BRR", &[("VALID", VALID), ("BID slots", BID_SLOTS), ("BID count", BID_COUNT)]);
            use crate::analysis::rfc5944::memo as reg;
            disjoint(
                "Registration",
                &[("VALID", reg::VALID), ("MN_HA", reg::MN_HA), ("RO_REQUEST", reg::RO_REQUEST), ("MC_AUTH", reg::MC_AUTH)],
            );
        }

        /// What [`of`] and [`of_pbu`] write stays inside the fields above: the most BIDs and
        /// the widest values set no flag.
        #[test]
        fn values_stay_in_their_fields() {
            let m = of(false, [0xffff; 20].into_iter());
            assert_eq!(m & !(VALID | BID_SLOTS | BID_COUNT), 0);
            assert_eq!(bid_count(m), 15);
            assert!(bids(m).all(|b| b == 0xffff));
            let full =
                Pbu { mnid: Some(0xffff), hi: Some(0xff), att: Some(0xff), hnp: true, timestamp: true, mnlli: true, lla: true };
            let m = of_pbu(full);
            assert_eq!(m & (CN_REG | PMIPRO_EARLY | PMIPRO_COMPLETE | BID_FLAGS_DIFFER | BID_LENGTH | R_FLAG | BID_REFUSE), 0);
            assert_eq!(pbu(m), full);
            // The CoTI's home-address digest stays in bits 56-62.
            assert_eq!(coti_hoa(&[0xa5; 16]) & !(COTI_HAO | 0x3f << 57), 0);
        }
    }
}

/// The low bits of a Binding Update's or Acknowledgement's key: its Sequence Number.
const SEQ_BITS: u64 = 0xffff;

/// The key identifier of a Proxy Binding Update or Acknowledgement with sequence number `seq`
/// for the mobile node whose identifier digests to `mnid`: a MAG numbers each mobile node's
/// updates on its own (a sequence number per Binding Update List entry, one entry per mobile
/// node; the LMA compares a PBU's with the previous one for the same mobile node), so two
/// mobile nodes behind one MAG send the same numbers to one LMA, and (MAG, LMA, sequence)
/// alone would take the second for a retransmission of the first and pair each
/// acknowledgement with whichever came first. (Two identifiers whose 16-bit digests collide
/// still pair as one.) An acknowledgement that names no identifier still finds its update when
/// only one waits with that number ([`Tracker::answered`]).
fn proxy_id(seq: u64, mnid: u16) -> u64 {
    seq & SEQ_BITS | (u64::from(mnid) + 1) << 16
}

/// Fills in the memos of the frame's tracked Binding Updates from what their options taught.
pub(crate) fn fill_memos(facts: &mut super::Facts, data: &[u8]) {
    let mut track = std::mem::take(&mut facts.track);
    for tf in track.iter_mut() {
        // A Proxy Binding Acknowledgement names the mobile node it answers for, as its Proxy
        // Binding Update did ([`proxy_id`]).
        if let Some(k) = tf.response.as_mut().filter(|k| k.kind == PairKind::Binding) {
            let m = tf.mh.and_then(|i| facts.mh.get(i as usize));
            if let Some(d) = m.and_then(|m| super::rfc5213::pba_mnid(facts, m, data)) {
                k.id = proxy_id(k.id, d);
            }
        }
        let Some(kind) = tf.request.map(|k| k.kind) else { continue };
        let Some(m) = tf.mh.and_then(|i| facts.mh.get(i as usize)) else { continue };
        let bids = facts.bids_of(m);
        match kind {
            PairKind::Binding => {
                let Some(flags) = m.bu_flags() else { continue };
                // P: an RFC 5213 Proxy Binding Update (not seed 004's early or complete proxy BU).
                let base = if super::rfc5213::is_pbu(facts, m) {
                    let echoed = super::rfc5213::echoed(facts, m, data);
                    if let (Some(k), Some(d)) = (tf.request.as_mut(), echoed.mnid) {
                        k.id = proxy_id(k.id, d);
                    }
                    memo::of_pbu(echoed)
                } else {
                    memo::of(false, bids.iter().map(|b| b.bid))
                };
                let r = if flags.has(BuFlags::R) { memo::R_FLAG } else { 0 };
                let refuse = if super::mcoa::must_refuse(m, bids) { memo::BID_REFUSE } else { 0 };
                let length = if super::mcoa::length_bad(m, bids) { memo::BID_LENGTH } else { 0 };
                let differ = if super::mcoa::flags_differ(bids) { memo::BID_FLAGS_DIFFER } else { 0 };
                let cn = !flags.has(BuFlags::H) && !flags.has(BuFlags::P) && !flags.has(BuFlags::M);
                let ro = super::pmipro::memo_of(facts, m);
                let dereg = if super::mcoa::deletes(m, bids) && !super::rfc5213::is_pbu(facts, m) { memo::DEREG } else { 0 };
                tf.memo = base | r | refuse | length | differ | ro | dereg | if cn { memo::CN_REG } else { 0 };
            }
            // Seed 002 §5.9: the BU refreshing the entry carries the BRR's BID.
            PairKind::Brr => tf.memo = memo::of(false, super::mcoa::draft03_bids(bids)),
            PairKind::CareOfTest => {
                let c = if super::mcoa::c_flagged(bids) { memo::BID_C } else { 0 };
                let hao = m.pkt.hao.map_or(0, |h| memo::coti_hoa(&h));
                tf.memo = memo::of(false, bids.iter().map(|b| b.bid)) | c | hao;
            }
            _ => {}
        }
    }
    // Mobile IPv4 Registration Requests: their record was taken where the track fact's was.
    for tf in track.iter_mut().filter(|tf| tf.request.is_some_and(|k| k.kind == PairKind::Registration)) {
        if let Some(r) = facts.regs.iter().find(|r| r.request && r.at == tf.at) {
            tf.memo = super::rfc5944::memo_of(facts, r);
        }
    }
    facts.track = track;
}

/// A message's two endpoints as `(source, destination)`, 16 octets each.
pub fn endpoints(ip: IpCtx) -> ([u8; 16], [u8; 16]) {
    match ip {
        IpCtx::V6 { src, dst } => (src, dst),
        IpCtx::V4 { src, dst } => (mapped(src), mapped(dst)),
    }
}

fn mapped(a: [u8; 4]) -> [u8; 16] {
    let mut m = [0u8; 16];
    m[10] = 0xff;
    m[11] = 0xff;
    m[12..].copy_from_slice(&a);
    m
}

impl Key {
    /// The key of a request sent from `ip`'s source to its destination.
    pub fn request(kind: PairKind, ip: IpCtx, id: u64) -> Key {
        let (s, d) = endpoints(ip);
        Key { kind, requester: s, responder: d, id }
    }
    /// The key of the request a response sent from `ip`'s source to its destination answers.
    pub fn response(kind: PairKind, ip: IpCtx, id: u64) -> Key {
        let (s, d) = endpoints(ip);
        Key { kind, requester: d, responder: s, id }
    }

    /// An echo request's or reply's key ([`echo`]): the two addresses in either order (tshark
    /// pairs within a conversation of two addresses, whichever way a message goes), then the
    /// request's checksum, Identifier and Sequence Number, and whether a UDP layer is below.
    pub fn echo(kind: PairKind, ip: IpCtx, checksum: u16, ident: u16, seq: u16, over_udp: bool) -> Key {
        let (s, d) = endpoints(ip);
        let (requester, responder) = if s <= d { (s, d) } else { (d, s) };
        let id = u64::from(over_udp) << 48 | u64::from(checksum) << 32 | u64::from(ident) << 16 | u64::from(seq);
        Key { kind, requester, responder, id }
    }
}

/// What tracking says about one message of a frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MsgNote {
    /// The message is a request of this kind.
    pub request: Option<PairKind>,
    /// The frame whose message answered this request (known with a second look, `-2`).
    pub response_in: Option<u64>,
    /// No response came before the request was forgotten (`-2`).
    pub unanswered: bool,
    /// The same request was already waiting, sent in this frame.
    pub retransmit_of: Option<u64>,
    /// The message answers the request of this kind in this frame, this many nanoseconds later.
    pub answers: Option<(PairKind, u64, i64)>,
    /// The answered request's [`TrackFact::memo`] (0 when none).
    pub request_memo: u64,
}

impl MsgNote {
    /// `Default`, as a constant.
    pub const EMPTY: MsgNote =
        MsgNote { request: None, response_in: None, unanswered: false, retransmit_of: None, answers: None, request_memo: 0 };

    pub fn is_empty(&self) -> bool {
        *self == MsgNote::default()
    }
}

/// Who answers what tracking says of a frame's messages once they are parsed: a live
/// [`Tracker`] ([`Live`], or any `FnOnce(&[TrackFact]) -> Note`; both read the requests' memos)
/// or a note a pass that looked ahead computed before ([`Noted`], which reads nothing of the
/// frame).
pub trait Observe {
    /// Whether the answer reads [`TrackFact::memo`]: only then are the memos filled.
    const READS_MEMOS: bool = true;
    /// [`Observe::READS_MEMOS`] for this observer (a tracker of pings alone reads none).
    #[inline]
    fn reads_memos(&self) -> bool {
        Self::READS_MEMOS
    }
    fn observe(self, facts: &[TrackFact]) -> Note;
    /// The same, written into `note` (what a dissection keeps).
    #[inline]
    fn observe_into(self, facts: &[TrackFact], note: &mut Note)
    where
        Self: Sized,
    {
        *note = self.observe(facts);
    }
}

impl<F: FnOnce(&[TrackFact]) -> Note> Observe for F {
    fn observe(self, facts: &[TrackFact]) -> Note {
        self(facts)
    }
}

/// A live tracker answering for frame `frame` at `t_ns`, writing the note straight into the
/// dissection's (what later frames teach earlier ones is dropped: only `-2` shows that, and it
/// tracks ahead of the dissection). A closure returning the note cost two more copies of it, a
/// few hundred octets a frame.
pub struct Live<'t> {
    pub tracker: &'t mut Tracker,
    pub frame: u64,
    pub t_ns: i64,
}

impl Observe for Live<'_> {
    fn observe(self, facts: &[TrackFact]) -> Note {
        let mut note = Note::EMPTY;
        self.observe_into(facts, &mut note);
        note
    }

    #[inline]
    fn observe_into(self, facts: &[TrackFact], note: &mut Note) {
        self.tracker.observe_into(self.frame, self.t_ns, facts, note);
        self.tracker.take_updates().for_each(drop);
    }

    #[inline]
    fn reads_memos(&self) -> bool {
        self.tracker.reads_memos()
    }
}

/// A frame's note known beforehand (or none: nothing shows tracking).
#[derive(Debug, Clone, Copy, Default)]
pub struct Noted<'n>(pub Option<&'n Note>);

impl Observe for Noted<'_> {
    const READS_MEMOS: bool = false;
    fn observe(self, _: &[TrackFact]) -> Note {
        self.0.copied().unwrap_or_default()
    }

    /// Two paths, so that no note (the packet list: every frame) is a plain fill of the empty
    /// note: with one, the copy and the default merged into ~75 moves of single fields, ~98
    /// instructions a frame.
    #[inline]
    fn observe_into(self, _: &[TrackFact], note: &mut Note) {
        match self.0 {
            Some(n) => *note = *n,
            None => *note = Note::EMPTY,
        }
    }
}

/// What tracking says about a frame's messages, in the order of [`super::Facts::track`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Note {
    pub slots: [MsgNote; MAX_SLOTS],
}

impl Note {
    /// What tracking says of a frame it says nothing of (`Default`, as a constant).
    pub const EMPTY: Note = Note { slots: [MsgNote::EMPTY; MAX_SLOTS] };

    pub fn is_empty(&self) -> bool {
        self.slots.iter().all(MsgNote::is_empty)
    }
}

/// Something a later frame taught about an earlier request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Update {
    pub frame: u64,
    pub slot: u8,
    pub what: Learned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Learned {
    /// Answered in this frame.
    ResponseIn(u64),
    /// Forgotten without an answer.
    Unanswered,
}

impl Update {
    /// Applies this update to the frame's note.
    pub fn apply(&self, note: &mut Note) {
        if let Some(s) = note.slots.get_mut(self.slot as usize) {
            match self.what {
                Learned::ResponseIn(f) => s.response_in = Some(f),
                Learned::Unanswered => s.unanswered = true,
            }
        }
    }
}

/// A request waiting for its response: its frame and message, and its retransmissions (as
/// many as the window holds: they are frames in it).
#[derive(Debug, Clone)]
struct Pending {
    frame: u64,
    slot: u8,
    t_ns: i64,
    /// Its place in [`Tracker::order`] (counted from the first request ever queued).
    seq: u64,
    retx: Vec<(u64, u8)>,
    memo: u64,
}

impl Pending {
    fn frames(&self) -> impl Iterator<Item = (u64, u8)> + '_ {
        std::iter::once((self.frame, self.slot)).chain(self.retx.iter().copied())
    }
}

/// A request in the order of age: its frame and time, its key, and whether it still waits.
#[derive(Debug, Clone, Copy)]
struct Queued {
    frame: u64,
    t_ns: i64,
    key: Key,
    live: bool,
}

/// The requests waiting for responses, in capture order (cloned, it is a checkpoint a pass can
/// resume from).
#[derive(Default, Clone)]
pub struct Tracker {
    /// A seeded hash: the keys are octets a capture's sender chose, so an unkeyed hash would
    /// let a crafted capture collide them all (and make every look-up a scan). foldhash's
    /// per-process random seed is enough against a file made in advance, and costs a fraction
    /// of std's SipHash (a look-up per frame: hashing was 17% of `-q -z mip6,stat`).
    pending: HashMap<Key, Pending, foldhash::fast::RandomState>,
    /// Requests by age; an entry whose request was answered stays (not `live`) until it
    /// reaches the front. Its frame and time are kept here, so that the check every frame
    /// makes (is the oldest request too old?) hashes nothing.
    order: VecDeque<Queued>,
    /// How many entries left the front of `order` (the `seq` of its front).
    popped: u64,
    updates: Vec<Update>,
    /// Latest capture time seen (a clock going back does not revive old requests).
    now_ns: i64,
    /// The kinds not tracked (bits of [`PairKind`]): what a pass shows none of.
    skip: u32,
    /// The Proxy Binding Updates waiting ([`proxy_id`]), by their key without the mobile
    /// node's digest: the identifiers of those keys.
    proxies: HashMap<Key, Vec<u64>, foldhash::fast::RandomState>,
}

impl Tracker {
    pub fn new() -> Self {
        Self::default()
    }

    /// A tracker of the kinds `keep` accepts alone: the packet list shows only what pairs
    /// pings (tshark's "(request in N)"), so it leaves every request of the signalling, one a
    /// frame on return-routability traffic, out of the table.
    pub fn only(mut self, keep: fn(PairKind) -> bool) -> Self {
        self.skip = PairKind::ALL.iter().filter(|k| !keep(**k)).fold(0, |m, k| m | k.bit());
        self
    }

    /// Whether a request this tracker takes carries a memo [`fill_memos`] writes (pings carry
    /// theirs from the parser).
    #[inline]
    pub fn reads_memos(&self) -> bool {
        let filled = PairKind::Binding.bit() | PairKind::Brr.bit() | PairKind::CareOfTest.bit() | PairKind::Registration.bit();
        self.skip & filled != filled
    }

    /// Whether this tracker takes `f` (a message of a kind it tracks).
    #[inline]
    pub fn tracks(&self, f: &TrackFact) -> bool {
        f.request.or(f.response).is_some_and(|k| self.skip & k.kind.bit() == 0)
    }

    /// Folds in the tracked messages of frame `frame` at `t_ns` (nanoseconds since the epoch)
    /// and says what is known of them now.
    pub fn observe(&mut self, frame: u64, t_ns: i64, msgs: &[TrackFact]) -> Note {
        let mut note = Note::EMPTY;
        self.observe_into(frame, t_ns, msgs, &mut note);
        note
    }

    /// [`Tracker::observe`] for a frame with no request or response to track: time moves on
    /// (what timed out is forgotten) and there is nothing to note. Without the note a frame
    /// costs no copy of one (a few hundred octets).
    pub fn tick(&mut self, frame: u64, t_ns: i64) {
        self.now_ns = self.now_ns.max(t_ns);
        self.expire(frame);
    }

    /// The latest capture time seen.
    #[cfg(test)]
    pub(crate) fn clock(&self) -> i64 {
        self.now_ns
    }

    /// [`Tracker::observe`] writing the note into `note` (a dissection's), not returning it.
    pub fn observe_into(&mut self, frame: u64, t_ns: i64, msgs: &[TrackFact], note: &mut Note) {
        self.tick(frame, t_ns);
        *note = Note::EMPTY;
        for (slot, (m, n)) in msgs.iter().zip(note.slots.iter_mut()).enumerate() {
            if self.skip != 0 && !self.tracks(m) {
                continue;
            }
            if let Some(k) = m.response {
                if let Some(p) = self.answered(k) {
                    self.settle(p.seq);
                    n.answers = Some((k.kind, p.frame, t_ns.saturating_sub(p.t_ns)));
                    n.request_memo = p.memo;
                    for (f, s) in p.frames() {
                        self.updates.push(Update { frame: f, slot: s, what: Learned::ResponseIn(frame) });
                    }
                }
            }
            if let Some(k) = m.request {
                n.request = Some(k.kind);
                match self.pending.get_mut(&k) {
                    // An echo request equal to one waiting replaces it, as tshark's table does:
                    // a reply answers the last, and the earlier is never answered (no
                    // retransmission for a ping: each has its own sequence number).
                    Some(p) if k.kind.is_echo() => {
                        let (seq, frames) = (p.seq, p.frames().collect::<Vec<_>>());
                        self.pending.remove(&k);
                        self.settle(seq);
                        for (f, s) in frames {
                            self.updates.push(Update { frame: f, slot: s, what: Learned::Unanswered });
                        }
                        self.queue(k, frame, slot as u8, t_ns, m.memo);
                    }
                    Some(p) => {
                        n.retransmit_of = Some(p.frame);
                        p.retx.push((frame, slot as u8));
                    }
                    None => self.queue(k, frame, slot as u8, t_ns, m.memo),
                }
            }
        }
    }

    /// A new request waiting for its response.
    fn queue(&mut self, k: Key, frame: u64, slot: u8, t_ns: i64, memo: u64) {
        if self.pending.len() >= MAX_PENDING {
            self.forget_oldest();
        }
        let seq = self.popped + self.order.len() as u64;
        self.pending.insert(k, Pending { frame, slot, t_ns, seq, retx: Vec::new(), memo });
        self.order.push_back(Queued { frame, t_ns, key: k, live: true });
        self.index_proxy(k);
    }

    /// The waiting request a response with key `k` answers, no longer waiting. A Proxy Binding
    /// Acknowledgement that names its mobile node answers that node's update, or the one with
    /// its sequence number that named none. One that names no mobile node (a rule's business)
    /// answers the only proxy update waiting with its number; with two waiting, it cannot say
    /// which, and answers neither. One that names another node answers nothing: it may be a
    /// second answer to that node's update (answered already) while another node's waits with
    /// the same number.
    fn answered(&mut self, k: Key) -> Option<Pending> {
        let key = if self.pending.contains_key(&k) { k } else { self.proxy_fallback(k)? };
        let p = self.pending.remove(&key)?;
        self.unindex_proxy(key);
        Some(p)
    }

    fn proxy_fallback(&self, k: Key) -> Option<Key> {
        if k.kind != PairKind::Binding || self.proxies.is_empty() && k.id <= SEQ_BITS {
            return None;
        }
        let plain = Key { id: k.id & SEQ_BITS, ..k };
        if plain.id != k.id {
            return self.pending.contains_key(&plain).then_some(plain);
        }
        match self.proxies.get(&plain).map(Vec::as_slice) {
            Some(&[id]) => Some(Key { id, ..k }),
            _ => None,
        }
    }

    fn index_proxy(&mut self, k: Key) {
        if k.kind == PairKind::Binding && k.id > SEQ_BITS {
            self.proxies.entry(Key { id: k.id & SEQ_BITS, ..k }).or_default().push(k.id);
        }
    }

    fn unindex_proxy(&mut self, k: Key) {
        if k.kind != PairKind::Binding || k.id <= SEQ_BITS {
            return;
        }
        let plain = Key { id: k.id & SEQ_BITS, ..k };
        if let Some(ids) = self.proxies.get_mut(&plain) {
            ids.retain(|&id| id != k.id);
            if ids.is_empty() {
                self.proxies.remove(&plain);
            }
        }
    }

    /// The request queued `seq`-th no longer waits (answered, or replaced): its place in the
    /// queue is left until it reaches the front.
    fn settle(&mut self, seq: u64) {
        let at = seq.checked_sub(self.popped).and_then(|i| usize::try_from(i).ok());
        if let Some(q) = at.and_then(|i| self.order.get_mut(i)) {
            q.live = false;
        }
    }

    /// What frames observed so far taught about earlier requests (answered, forgotten), since
    /// the last call.
    pub fn take_updates(&mut self) -> std::vec::Drain<'_, Update> {
        self.updates.drain(..)
    }

    /// The frame of the oldest request still waiting: frames before it will learn nothing more.
    pub fn oldest_pending(&mut self) -> Option<u64> {
        self.drop_answered();
        self.order.front().map(|q| q.frame)
    }

    /// The capture ended: every request still waiting is unanswered.
    pub fn finish(&mut self) {
        while self.forget_oldest() {}
    }

    /// Requests waiting now.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Makes `self` track as `source` would from here: its waiting requests, in order, without
    /// the answered entries the queue keeps until they reach its front (a thousand of them on
    /// return-routability traffic, where one unanswered request holds the front for 64 seconds).
    /// What a note says comes from the waiting requests alone (their first frame, time and
    /// memo), and the oldest of them is what times out or is forgotten first either way, so
    /// every note is the same; `self`'s room is reused. A two-thread pass gives each batch such
    /// a copy to track ahead of its turn.
    pub fn copy_waiting_from(&mut self, source: &Self) {
        self.pending.clear();
        self.proxies.clear();
        self.order.clear();
        self.popped = 0;
        self.updates.clear();
        self.now_ns = source.now_ns;
        self.skip = source.skip;
        for q in source.order.iter().filter(|q| q.live) {
            if let Some(p) = source.pending.get(&q.key) {
                // Without the frames that repeated it: they only tell `-2` what was learned
                // later (a request a capture repeats for a minute has thousands).
                let seq = self.order.len() as u64;
                self.pending
                    .insert(q.key, Pending { frame: p.frame, slot: p.slot, t_ns: p.t_ns, seq, retx: Vec::new(), memo: p.memo });
                self.order.push_back(*q);
                self.index_proxy(q.key);
            }
        }
    }

    fn drop_answered(&mut self) {
        while self.order.front().is_some_and(|q| !q.live) {
            self.order.pop_front();
            self.popped += 1;
        }
    }

    fn expire(&mut self, frame: u64) {
        loop {
            self.drop_answered();
            let Some(q) = self.order.front() else { return };
            if frame.saturating_sub(q.frame) < WINDOW && self.now_ns.saturating_sub(q.t_ns) < TIMEOUT_NS {
                return;
            }
            self.forget_oldest();
        }
    }

    /// Forgets the oldest waiting request (unanswered); false if none.
    fn forget_oldest(&mut self) -> bool {
        self.drop_answered();
        let Some(q) = self.order.pop_front() else { return false };
        self.popped += 1;
        if let Some(p) = self.pending.remove(&q.key) {
            self.unindex_proxy(q.key);
            for (f, s) in p.frames() {
                self.updates.push(Update { frame: f, slot: s, what: Learned::Unanswered });
            }
        }
        true
    }
}

/// Shows a frame's note: generated fields and expert items for each tracked message, at the
/// anchors its parser left (called by the analysis pass, in frame order).
pub(crate) fn show(p: &mut super::Pass<'_, '_>, m: &TrackFact, n: &MsgNote) {
    if n.is_empty() {
        return;
    }
    if let Some(kind) = m.request.or(m.response).map(|k| k.kind).filter(|k| k.is_echo()) {
        return echo::show(p, m, n, kind);
    }
    let f = if m.mh.is_none() { &MIP } else { &MIP6 };
    p.proto = m.proto;
    let at = m.at;
    if let Some(r) = n.response_in {
        p.generated(at, f.response_in, 0, 0, Value::Uint(r));
    }
    if let Some((_, req, ns)) = n.answers {
        p.generated(at, f.response_to, 0, 0, Value::Uint(req));
        p.generated(at, f.response_time, 0, 0, Value::RelTime(ns));
    }
    if let Some(orig) = n.retransmit_of {
        p.generated(at, f.retransmit_request_in, 0, 0, Value::Uint(orig));
        p.expert(at, f.retransmit_request, 0, 0, Some(format_args!("original request in frame {orig}")));
    }
    if n.unanswered {
        p.expert(at, f.unanswered, 0, 0, None);
    }
}

/// The generated fields and expert items of one protocol.
struct Defs {
    response_in: &'static FieldDef,
    response_to: &'static FieldDef,
    response_time: &'static FieldDef,
    retransmit_request_in: &'static FieldDef,
    retransmit_request: &'static ExpertDef,
    unanswered: &'static ExpertDef,
}

macro_rules! track_defs {
    ($defs:ident, $p:literal, $in:ident, $to:ident, $time:ident, $rin:ident, $rexp:ident, $unans:ident) => {
        pub static $in: FieldDef = FieldDef::new(concat!($p, ".response_in"), "Response In", Kind::FrameNum)
            .blurb("The response to this request is in this frame");
        pub static $to: FieldDef = FieldDef::new(concat!($p, ".response_to"), "Response To", Kind::FrameNum)
            .blurb("This is a response to the request in this frame");
        pub static $time: FieldDef = FieldDef::new(concat!($p, ".response_time"), "Response Time", Kind::RelTime)
            .blurb("The time between the request and the response");
        pub static $rin: FieldDef =
            FieldDef::new(concat!($p, ".retransmit_request_in"), "Retransmitted request. Original request in", Kind::FrameNum)
                .blurb("This request repeats one still waiting for its response");
        pub static $rexp: ExpertDef =
            ExpertDef::new(concat!($p, ".retransmit_request"), Group::Sequence, Severity::Note, "Retransmitted request");
        pub static $unans: ExpertDef =
            ExpertDef::new(concat!($p, ".unanswered"), Group::Sequence, Severity::Warn, "Request without a response");
        static $defs: Defs = Defs {
            response_in: &$in,
            response_to: &$to,
            response_time: &$time,
            retransmit_request_in: &$rin,
            retransmit_request: &$rexp,
            unanswered: &$unans,
        };
    };
}

track_defs!(MIP6, "mip6", MIP6_RESPONSE_IN, MIP6_RESPONSE_TO, MIP6_RESPONSE_TIME, MIP6_RETX_IN, MIP6_RETX, MIP6_UNANSWERED);
track_defs!(MIP, "mip", MIP_RESPONSE_IN, MIP_RESPONSE_TO, MIP_RESPONSE_TIME, MIP_RETX_IN, MIP_RETX, MIP_UNANSWERED);

pub static FIELDS: &[&FieldDef] = &[
    &echo::ICMP_RESP_IN,
    &echo::ICMP_NO_RESP,
    &echo::ICMP_RESP_TO,
    &echo::ICMP_RESPTIME,
    &echo::ICMPV6_RESP_IN,
    &echo::ICMPV6_NO_RESP,
    &echo::ICMPV6_RESP_TO,
    &echo::ICMPV6_RESPTIME,
    &MIP6_RESPONSE_IN,
    &MIP6_RESPONSE_TO,
    &MIP6_RESPONSE_TIME,
    &MIP6_RETX_IN,
    &MIP_RESPONSE_IN,
    &MIP_RESPONSE_TO,
    &MIP_RESPONSE_TIME,
    &MIP_RETX_IN,
];
pub static EXPERTS: &[&ExpertDef] =
    &[&MIP6_RETX, &MIP6_UNANSWERED, &MIP_RETX, &MIP_UNANSWERED, &echo::ICMP_RESP_NOT_FOUND, &echo::ICMPV6_RESP_NOT_FOUND];

/// The tracker a pass keeping `want` needs: the packet list shows only what pairs pings (the
/// Info column), nothing of the signalling's pairs (their fields, and the findings about an
/// answer, are not columns), so it tracks pings alone; any other pass every kind.
pub fn tracker_for(want: crate::tree::Want<'_>) -> Tracker {
    match want {
        crate::tree::Want::Columns => Tracker::new().only(PairKind::is_echo),
        _ => Tracker::new(),
    }
}

/// Whether a dissection keeping `want` can show what tracking adds (its fields, its expert
/// items, a ping's Info): `-T fields` of other fields cannot, so a driver may leave the
/// tracker out of it (it costs a look at every frame ahead of dissection).
pub fn shows(want: crate::tree::Want<'_>) -> bool {
    use crate::tree::{Want, WS_EXPERT, WS_EXPERT_GROUP, WS_EXPERT_MESSAGE, WS_EXPERT_SEVERITY};
    match want {
        Want::Full => true,
        // A ping's Info names its request or reply ([`echo`]).
        Want::Columns => true,
        Want::Fields(defs) => defs.iter().any(|d| {
            // The rules about an answer and its request need the tracker's pairs.
            let pair_rules = super::rules::RULES.iter().filter(|r| r.pair).map(|r| &r.expert.field);
            FIELDS.iter().copied().chain(EXPERTS.iter().map(|e| &e.field)).chain(pair_rules).any(|f| std::ptr::eq(f, *d))
                || [&WS_EXPERT, &WS_EXPERT_MESSAGE, &WS_EXPERT_SEVERITY, &WS_EXPERT_GROUP].iter().any(|f| std::ptr::eq(*f, *d))
        }),
    }
}

/// The keys of a Mobility Header message whose fixed part was decoded (the one place that says
/// which message pairs with which, and by what).
pub(crate) fn mh_fact(t: &crate::tree::Tree<'_>, c: &crate::mh::MsgCtx, ip: &IpCtx, mh: u32, at: Anchor) -> Option<TrackFact> {
    use crate::mh::MhType as T;
    use PairKind as K;
    let rd = crate::wire::Reader::new(t.data);
    let b = c.body;
    let seq = |o: usize| rd.u16(o).map(u64::from);
    let cookie = |o: usize| rd.array::<8>(o).map(u64::from_be_bytes);
    let req = |k: K, id: Option<u64>| id.map(|id| Key::request(k, *ip, id));
    let resp = |k: K, id: Option<u64>| id.map(|id| Key::response(k, *ip, id));
    // A care-of test is about the care-of address: the IPv6 header's own addresses pair it,
    // without the Home Address option's and type 2 routing header's substitutions (RFC 6275's
    // CoTI and CoT carry neither; seed 000 §4.2 adds them, and a CoT that lacks the routing
    // header, or names another home address, still finds its CoTI and is judged against it).
    // (Worked out only for the care-of tests: the addresses are copied.)
    let coa_ip = || match (ip, t.pkt.ip6) {
        (IpCtx::V6 { .. }, Some((src, dst))) => IpCtx::V6 { src, dst },
        _ => *ip,
    };
    let (request, response) = match (c.profile, c.iana) {
        (Some(d), _) if std::ptr::eq(d, &crate::mh::seeds::pmipro::PHOTI) => (req(K::ProxyHomeTest, cookie(b + 2)), None),
        (Some(d), _) if std::ptr::eq(d, &crate::mh::seeds::pmipro::PHOT) => (None, resp(K::ProxyHomeTest, cookie(b + 2))),
        (Some(_), _) | (None, None) => return None,
        (None, Some(iana)) => match iana {
            T::BindingRefreshRequest => (req(K::Brr, Some(0)), None),
            T::BindingUpdate => (req(K::Binding, seq(b)), resp(K::Brr, Some(0))),
            T::BindingAcknowledgement => (None, resp(K::Binding, seq(b + 2))),
            T::HomeTestInit => (req(K::HomeTest, cookie(b + 2)), None),
            T::HomeTest => (None, resp(K::HomeTest, cookie(b + 2))),
            T::CareOfTestInit => (cookie(b + 2).map(|c| Key::request(K::CareOfTest, coa_ip(), c)), None),
            T::CareOfTest => (None, cookie(b + 2).map(|c| Key::response(K::CareOfTest, coa_ip(), c))),
            T::HandoverInitiate => (req(K::Handover, seq(b)), None),
            T::HandoverAcknowledge => (None, resp(K::Handover, seq(b))),
            // RFC 5846 §5: the B.R. Type tells the indication from the acknowledgement.
            T::BindingRevocation => match rd.u8(b).map(BrType::from) {
                Some(BrType::Indication) => (req(K::Revocation, seq(b + 2)), None),
                Some(BrType::Acknowledgement) => (None, resp(K::Revocation, seq(b + 2))),
                _ => return None,
            },
            T::UpdateNotification => (req(K::UpdateNotification, seq(b)), None),
            T::UpdateNotificationAcknowledgement => (None, resp(K::UpdateNotification, seq(b))),
            _ => return None,
        },
    };
    (request.is_some() || response.is_some()).then_some(TrackFact {
        request,
        response,
        at,
        mh: Some(mh),
        proto: "mipv6",
        memo: 0,
    })
}

/// The keys of a Mobile IPv4 message whose fixed part (after the Type octet at `p - 1`) was
/// decoded; `cookie` is a seed 003 message's.
pub(crate) fn mip4_fact(
    t: &crate::tree::Tree<'_>,
    kind: crate::mip4::msg::MsgKind,
    p: usize,
    cookie: Option<u64>,
    ip: IpCtx,
    at: Anchor,
) -> Option<TrackFact> {
    use crate::mip4::haaro::RrMsg;
    use crate::mip4::msg::{MsgKind as M, RegReply, RegRequest, Revocation, RevocationAck};
    use PairKind as K;
    let rd = crate::wire::Reader::new(t.data);
    // The low-order 32 bits of the Identification, which the reply copies (RFC 5944 §5.7).
    let low = |len: usize| rd.u32(p + len - 4).map(u64::from);
    let (request, response) = match kind {
        M::RegRequest => (low(RegRequest::LEN).map(|i| Key::request(K::Registration, ip, i)), None),
        M::RegReply => (None, low(RegReply::LEN).map(|i| Key::response(K::Registration, ip, i))),
        M::Revocation => (low(Revocation::LEN).map(|i| Key::request(K::Mip4Revocation, ip, i)), None),
        M::RevocationAck => (None, low(RevocationAck::LEN).map(|i| Key::response(K::Mip4Revocation, ip, i))),
        M::Rr(m) => {
            let c = cookie?;
            match m {
                RrMsg::Hoti => (Some(Key::request(K::Mip4HomeTest, ip, c)), None),
                RrMsg::Coti => (Some(Key::request(K::Mip4CareOfTest, ip, c)), None),
                RrMsg::Hot => (None, Some(Key::response(K::Mip4HomeTest, ip, c))),
                RrMsg::Cot => (None, Some(Key::response(K::Mip4CareOfTest, ip, c))),
            }
        }
        M::TunnelData | M::Other => return None,
    };
    (request.is_some() || response.is_some()).then_some(TrackFact { request, response, at, mh: None, proto: "mip", memo: 0 })
}

#[cfg(test)]
mod proxy_tests {
    use super::*;

    const MAG: [u8; 16] = [0x20, 0x01, 0x0d, 0xb8, 0, 0xa, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const LMA: [u8; 16] = [0x20, 0x01, 0x0d, 0xb8, 0, 0xb, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const S: i64 = 1_000_000_000;

    fn fact(request: Option<Key>, response: Option<Key>) -> TrackFact {
        TrackFact { request, response, at: Anchor::default(), mh: Some(0), proto: "mipv6", memo: 0 }
    }
    fn pbu(seq: u64, mn: Option<u16>) -> TrackFact {
        let id = mn.map_or(seq, |d| proxy_id(seq, d));
        fact(Some(Key::request(PairKind::Binding, IpCtx::V6 { src: MAG, dst: LMA }, id)), None)
    }
    fn pba(seq: u64, mn: Option<u16>) -> TrackFact {
        let id = mn.map_or(seq, |d| proxy_id(seq, d));
        fact(None, Some(Key::response(PairKind::Binding, IpCtx::V6 { src: LMA, dst: MAG }, id)))
    }
    fn answered(t: &mut Tracker, frame: u64, at: i64, f: TrackFact) -> Option<u64> {
        t.observe(frame, at, &[f]).slots[0].answers.map(|a| a.1)
    }

    /// A PBA that names no mobile node answers the one proxy update waiting with its number;
    /// once the other of two has been forgotten (timed out), the one left is that one: the
    /// index forgets with the table.
    #[test]
    fn an_unnamed_acknowledgement_answers_the_one_update_left() {
        let mut t = Tracker::new();
        t.observe(1, 0, &[pbu(7, Some(1))]);
        t.observe(2, 10 * S, &[pbu(7, Some(2))]);
        // Two wait with number 7: no telling which.
        assert_eq!(answered(&mut t, 3, 11 * S, pba(7, None)), None);
        // Frame 1's times out (64 s), frame 2's is left.
        assert_eq!(answered(&mut t, 4, 70 * S, pba(7, None)), Some(2));
        assert!(t.proxies.is_empty(), "{:?}", t.proxies);
        assert_eq!(t.pending(), 0);
    }

    /// A named acknowledgement answers its own mobile node's update, and the other's stays.
    #[test]
    fn a_named_acknowledgement_answers_its_mobile_node() {
        let mut t = Tracker::new();
        t.observe(1, 0, &[pbu(7, Some(1))]);
        let n = t.observe(2, S, &[pbu(7, Some(2))]);
        assert_eq!(n.slots[0].retransmit_of, None);
        assert_eq!(answered(&mut t, 3, 2 * S, pba(7, Some(2))), Some(2));
        // And a copy of the tracker (a batch's) indexes what waits.
        let mut copy = Tracker::new();
        copy.copy_waiting_from(&t);
        assert_eq!(answered(&mut copy, 4, 3 * S, pba(7, None)), Some(1));
        assert_eq!(answered(&mut t, 4, 3 * S, pba(7, Some(1))), Some(1));
        assert!(t.proxies.is_empty() && copy.proxies.is_empty());
    }
}
