//! Generic Routing Encapsulation (RFC 2784, key and sequence number from RFC 2890), IP
//! protocol 47: the tunnel PMIPv6 uses between MAG and LMA, with the GRE key that the GRE Key
//! mobility option (RFC 5845) negotiates. The payload is handed on by its EtherType (an
//! Ethernet frame for Transparent Ethernet Bridging, 0x6558). Enhanced GRE (version 1 carrying
//! PPP, RFC 2637 §4.1, PPTP's data channel) splits the key into Payload Length and Call ID and
//! adds an Acknowledgment Number; tshark reads any non-zero version carrying PPP so, and so does
//! mipscope. A version other than 0 and 1 is reported; carrying anything else it is read with
//! version 0's layout, as tshark reads it.

use crate::checksum;
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::link::EtherType;
use crate::model::Auto;
use crate::tree::Tree;
use crate::wire::Reader;

/// tshark's `gre.proto` names: [`EtherType`]'s, but "IP" for IPv4.
static PROTO_VALS: &[(u64, &str)] = &[
    (EtherType::Ipv4.value() as u64, "IP"),
    EtherType::Ipv6.row(),
    EtherType::Arp.row(),
    EtherType::TransparentEthernet.row(),
    EtherType::Ppp.row(),
];

/// The versions tshark names (RFC 2784 §2.3.1, RFC 2637 §4.1).
static VERSION_VALS: &[(u64, &str)] = &[(0, "GRE"), (1, "Enhanced GRE")];

pub static GRE: FieldDef = FieldDef::new("gre", "Generic Routing Encapsulation", Kind::Protocol).short("GRE");
pub static FLAGS_AND_VERSION: FieldDef = FieldDef::new("gre.flags_and_version", "Flags and Version", Kind::Uint(2)).hex();
pub static FLAG_CHECKSUM: FieldDef =
    FieldDef::new("gre.flags.checksum", "Checksum Bit", Kind::Bool(2)).mask(GreFlags::C as u64).tfs("Yes", "No");
pub static FLAG_ROUTING: FieldDef =
    FieldDef::new("gre.flags.routing", "Routing Bit", Kind::Bool(2)).mask(GreFlags::R as u64).tfs("Yes", "No");
pub static FLAG_KEY: FieldDef =
    FieldDef::new("gre.flags.key", "Key Bit", Kind::Bool(2)).mask(GreFlags::K as u64).tfs("Yes", "No");
pub static FLAG_SEQ: FieldDef =
    FieldDef::new("gre.flags.sequence_number", "Sequence Number Bit", Kind::Bool(2)).mask(GreFlags::S as u64).tfs("Yes", "No");
pub static FLAG_SSR: FieldDef = FieldDef::new("gre.flags.strict_source_route", "Strict Source Route Bit", Kind::Bool(2))
    .mask(GreFlags::SSR as u64)
    .tfs("Yes", "No");
pub static FLAG_RECUR: FieldDef =
    FieldDef::new("gre.flags.recursion_control", "Recursion control", Kind::Uint(2)).mask(GreFlags::RECUR as u64);
pub static FLAG_ACK: FieldDef =
    FieldDef::new("gre.flags.ack", "Acknowledgment", Kind::Bool(2)).mask(GreFlags::A as u64).tfs("Yes", "No");
pub static FLAG_RESERVED: FieldDef =
    FieldDef::new("gre.flags.reserved", "Flags (Reserved)", Kind::Uint(2)).mask(GreFlags::FLAGS as u64);
/// Enhanced GRE's Flags, after the A bit (RFC 2637 §4.1).
pub static FLAG_RESERVED_ENHANCED: FieldDef =
    FieldDef::new("gre.flags.reserved", "Flags (Reserved)", Kind::Uint(2)).mask(GreFlags::FLAGS_ENHANCED as u64);
pub static FLAG_VERSION: FieldDef =
    FieldDef::new("gre.flags.version", "Version", Kind::Uint(2)).mask(GreFlags::VERSION as u64).vals(VERSION_VALS);
pub static PROTO: FieldDef = FieldDef::new("gre.proto", "Protocol Type", Kind::Uint(2)).hex().vals(PROTO_VALS);
pub static CHECKSUM: FieldDef = FieldDef::new("gre.checksum", "Checksum", Kind::Uint(2)).hex();
pub static CHECKSUM_STATUS: FieldDef = checksum::status_field("gre.checksum.status", "Checksum Status");
pub static OFFSET: FieldDef = FieldDef::new("gre.offset", "Offset", Kind::Uint(2));
pub static KEY: FieldDef = FieldDef::new("gre.key", "Key", Kind::Uint(4)).hex();
/// Enhanced GRE's key: the payload's length (not the GRE header's) and the peer's call ID.
pub static KEY_PAYLOAD_LENGTH: FieldDef = FieldDef::new("gre.key.payload_length", "Payload Length", Kind::Uint(2));
pub static KEY_CALL_ID: FieldDef = FieldDef::new("gre.key.call_id", "Call ID", Kind::Uint(2));
pub static SEQ: FieldDef = FieldDef::new("gre.sequence_number", "Sequence Number", Kind::Uint(4));
pub static ACK: FieldDef = FieldDef::new("gre.ack_number", "Acknowledgment Number", Kind::Uint(4));
pub static ROUTING: FieldDef = FieldDef::new("gre.routing", "Routing", Kind::None)
    .blurb("A Source Route Entry (RFC 1701 §2.1; routing is deprecated by RFC 2784)");
pub static SRE_AF: FieldDef = FieldDef::new("gre.routing.address_family", "Address Family", Kind::Uint(2));
pub static SRE_OFFSET: FieldDef = FieldDef::new("gre.routing.sre_offset", "SRE Offset", Kind::Uint(1));
pub static SRE_LENGTH: FieldDef = FieldDef::new("gre.routing.src_length", "SRE Length", Kind::Uint(1));
pub static SRE_INFO: FieldDef = FieldDef::new("gre.routing.information", "Routing Information", Kind::Bytes);

pub static BAD_CHECKSUM: ExpertDef =
    ExpertDef::new("gre.checksum.incorrect", Group::Checksum, Severity::Error, "Incorrect GRE Checksum");
pub static UNSUPPORTED_VERSION: ExpertDef = ExpertDef::new(
    "gre.version.unsupported",
    Group::Protocol,
    Severity::Warn,
    "GRE version other than 0 (RFC 2784 §2.3.1), or than 1 carrying PPP (Enhanced GRE, RFC 2637)",
);

pub static FIELDS: &[&FieldDef] = &[
    &GRE,
    &FLAGS_AND_VERSION,
    &FLAG_CHECKSUM,
    &FLAG_ROUTING,
    &FLAG_KEY,
    &FLAG_SEQ,
    &FLAG_SSR,
    &FLAG_RECUR,
    &FLAG_ACK,
    &FLAG_RESERVED,
    &FLAG_RESERVED_ENHANCED,
    &FLAG_VERSION,
    &PROTO,
    &CHECKSUM,
    &CHECKSUM_STATUS,
    &OFFSET,
    &KEY,
    &KEY_PAYLOAD_LENGTH,
    &KEY_CALL_ID,
    &SEQ,
    &ACK,
    &ROUTING,
    &SRE_AF,
    &SRE_OFFSET,
    &SRE_LENGTH,
    &SRE_INFO,
];
pub static RESERVED_SET: ExpertDef = ExpertDef::new(
    "gre.flags.reserved.nonzero",
    Group::Protocol,
    Severity::Warn,
    "Reserved GRE flag bits set (RFC 2784 §2.1: with R, s or Recur set, a receiver not implementing RFC 1701 discards the packet)",
);

/// Enhanced GRE's flags rule (RFC 2637 §4.1): C, R, s, Recur and Flags zero; K one (the Call
/// ID); S one exactly when a payload follows (an acknowledgment alone has none).
pub static ENHANCED_FLAGS: ExpertDef =
    ExpertDef::new("gre.flags.enhanced.invalid", Group::Protocol, Severity::Warn, "Enhanced GRE flags break RFC 2637 §4.1");
/// Enhanced GRE's Payload Length counts the payload, not the GRE header (RFC 2637 §4.1).
pub static ENHANCED_PAYLOAD_LENGTH: ExpertDef = ExpertDef::new(
    "gre.key.payload_length.bad",
    Group::Protocol,
    Severity::Warn,
    "Enhanced GRE Payload Length is not the length of the payload (RFC 2637 §4.1)",
);

pub static EXPERTS: &[&ExpertDef] =
    &[&BAD_CHECKSUM, &UNSUPPORTED_VERSION, &RESERVED_SET, &ENHANCED_FLAGS, &ENHANCED_PAYLOAD_LENGTH];

crate::flags! {
    /// The GRE flags and version word (RFC 2784 §2.1, RFC 2890 §2, RFC 2637 §4.1): the presence
    /// bits; the recursion control, reserved and version bits are the unnamed rest, kept as
    /// they were.
    pub struct GreFlags: u16 {
        C = 0x8000 => 'C' "Checksum Present",
        R = 0x4000 => 'R' "Routing Present (RFC 1701; deprecated by RFC 2784)",
        K = 0x2000 => 'K' "Key Present (RFC 2890)",
        S = 0x1000 => 'S' "Sequence Number Present (RFC 2890)",
        SSR = 0x0800 => 's' "Strict Source Route (RFC 1701)",
        A = 0x0080 => 'A' "Acknowledgment Number Present (Enhanced GRE, RFC 2637)",
    }
}

impl GreFlags {
    /// RFC 1701's Recursion Control.
    pub const RECUR: u16 = 0x0700;
    /// The Flags after Recur (RFC 1701; reserved by RFC 2784).
    pub const FLAGS: u16 = 0x00f8;
    /// Enhanced GRE's Flags, after its A bit (RFC 2637 §4.1).
    pub const FLAGS_ENHANCED: u16 = Self::FLAGS & !Self::A;
    /// The version (low three bits).
    pub const VERSION: u16 = 0x0007;

    /// The version; only 0 is RFC 2784's GRE, 1 RFC 2637's Enhanced GRE.
    pub const fn version(self) -> u16 {
        self.0 & Self::VERSION
    }
    /// Bits 1-12 that RFC 2784 §2.1 reserves and RFC 2890 did not give a meaning (R, s,
    /// Recur, Flags): set ones.
    pub const fn rfc2784_reserved(self) -> u16 {
        self.0 & (Self::R | Self::SSR | Self::RECUR | Self::FLAGS)
    }
    /// Bits RFC 2637 §4.1 requires zero in Enhanced GRE (C, R, s, Recur, Flags): set ones.
    pub const fn rfc2637_reserved(self) -> u16 {
        self.0 & (Self::C | Self::R | Self::SSR | Self::RECUR | Self::FLAGS_ENHANCED)
    }
}

/// The optional checksum word and the Reserved1 (RFC 1701 Offset) word after it, present
/// when C or R is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GreChecksum {
    /// Computed over the GRE header and payload (RFC 2784 §2.2) unless given.
    pub value: Auto<u16>,
    pub reserved1: u16,
}

/// A GRE header, lossless: what `parse` read re-emits identically (reserved bits, version, a
/// wrong checksum, RFC 1701 routing included); a crafted one leaves the flags word and the
/// checksum to be computed. The dissector parses with this same definition (`Gre<&[u8]>`,
/// borrowing the routing entries) and annotates the tree from it; `Gre` (owning them) is what
/// a crafter builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gre<B = Vec<u8>> {
    /// The flags and version word: computed from which optional fields are present (version 0)
    /// unless given.
    pub flags: Auto<GreFlags>,
    /// EtherType of the payload.
    pub proto: EtherType,
    pub checksum: Option<GreChecksum>,
    pub key: Option<GreKey>,
    pub seq: Option<u32>,
    /// Enhanced GRE's Acknowledgment Number (RFC 2637 §4.1), present when A is set in a
    /// version 1 header carrying PPP ([`Gre::is_enhanced`]).
    pub ack: Option<u32>,
    /// RFC 1701's Source Route Entries, present when R is set: every entry up to and including
    /// the null one (Address Family 0, SRE Length 0), as on the wire ([`Gre::sres`] reads them).
    pub routing: Option<B>,
}

/// The Key field (K set): RFC 2890's key, or Enhanced GRE's Payload Length and Call ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GreKey {
    /// RFC 2890's 32-bit key (RFC 5845's GRE key in PMIPv6).
    Key(u32),
    /// RFC 2637 §4.1: the PPP payload's length, computed on emit unless given, and the peer's
    /// Call ID.
    Enhanced { payload_length: Auto<u16>, call_id: u16 },
}

impl GreKey {
    /// The word emitted before a payload of `payload` octets (a computed Payload Length past
    /// 65,535 saturates: no PPP frame in one IP packet is that long).
    pub fn word(self, payload: usize) -> u32 {
        match self {
            GreKey::Key(k) => k,
            GreKey::Enhanced { payload_length, call_id } => {
                let len = payload_length.or_else(|| u16::try_from(payload).unwrap_or(u16::MAX));
                u32::from(len) << 16 | u32::from(call_id)
            }
        }
    }
}

/// One RFC 1701 Source Route Entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sre<'a> {
    pub address_family: u16,
    pub sre_offset: u8,
    pub sre_length: u8,
    pub information: &'a [u8],
}

impl Gre {
    /// A header carrying `proto`, every optional field absent, the flags word computed (version
    /// 0, or 1 for PPP: an Enhanced GRE header also needs its key, [`Gre::enhanced`]).
    pub fn new(proto: impl Into<EtherType>) -> Gre {
        let proto = proto.into();
        Gre { flags: Auto::Computed, proto, checksum: None, key: None, seq: None, ack: None, routing: None }
    }

    /// An Enhanced GRE header (RFC 2637 §4.1, PPTP) for `call_id`: version 1, key present, the
    /// flags word and the Payload Length computed.
    pub fn enhanced(call_id: u16) -> Gre {
        Gre { key: Some(GreKey::Enhanced { payload_length: Auto::Computed, call_id }), ..Gre::new(EtherType::Ppp) }
    }
}

impl<B: AsRef<[u8]>> Gre<B> {
    /// The same header owning its routing entries.
    pub fn to_owned(&self) -> Gre {
        Gre {
            flags: self.flags,
            proto: self.proto,
            checksum: self.checksum,
            key: self.key,
            seq: self.seq,
            ack: self.ack,
            routing: self.routing.as_ref().map(|r| r.as_ref().to_vec()),
        }
    }

    /// Enhanced GRE (RFC 2637 §4.1): version 1 carrying PPP, whose key is Payload Length and
    /// Call ID and which may carry an Acknowledgment Number. tshark's rule, followed here: any
    /// non-zero version carrying PPP (another version is reported), while a header carrying
    /// anything else has version 0's layout.
    pub fn is_enhanced(&self) -> bool {
        self.flags_word().version() != 0 && self.proto == EtherType::Ppp
    }

    /// The Source Route Entries, in order, the null one included.
    pub fn sres(&self) -> impl Iterator<Item = Sre<'_>> {
        let mut rest = self.routing.as_ref().map_or(&[][..], |r| r.as_ref());
        std::iter::from_fn(move || {
            let (&[a0, a1, sre_offset, sre_length], tail) = rest.split_first_chunk::<4>()?;
            let (information, after) = tail.split_at_checked(usize::from(sre_length))?;
            rest = after;
            Some(Sre { address_family: u16::from_be_bytes([a0, a1]), sre_offset, sre_length, information })
        })
    }
}

/// Why a GRE header could not be parsed: the part that ran past the bytes and its offset from
/// the header's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GreCut {
    pub at: usize,
    pub what: &'static str,
}

impl<'a> Gre<&'a [u8]> {
    /// Parses a header from the start of `i`; returns it and its length. Every version is read
    /// with version 0's layout, Enhanced GRE ([`Gre::is_enhanced`]) adding its Acknowledgment
    /// Number after the sequence number, as tshark reads them. When an optional field runs past
    /// `i`, the error carries what was parsed before it (no later field set) and where the cut is.
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), (Option<Self>, GreCut)> {
        let rd = Reader::new(i);
        let word = |at: usize| rd.u16(at);
        let long = |at: usize| rd.u32(at);
        let (Some(fv), Some(proto)) = (word(0), word(2)) else {
            return Err((None, GreCut { at: 0, what: "GRE header" }));
        };
        let flags = GreFlags(fv);
        let mut g = Gre {
            flags: Auto::Given(flags),
            proto: proto.into(),
            checksum: None,
            key: None,
            seq: None,
            ack: None,
            routing: None,
        };
        let mut at = 4;
        if flags.has(GreFlags::C) || flags.has(GreFlags::R) {
            let (Some(value), Some(reserved1)) = (word(at), word(at + 2)) else {
                return Err((Some(g), GreCut { at, what: "GRE checksum" }));
            };
            g.checksum = Some(GreChecksum { value: Auto::Given(value), reserved1 });
            at += 4;
        }
        if flags.has(GreFlags::K) {
            let Some(k) = long(at) else { return Err((Some(g), GreCut { at, what: "GRE key" })) };
            g.key = Some(if g.is_enhanced() {
                GreKey::Enhanced { payload_length: Auto::Given((k >> 16) as u16), call_id: k as u16 }
            } else {
                GreKey::Key(k)
            });
            at += 4;
        }
        if flags.has(GreFlags::S) {
            let Some(v) = long(at) else { return Err((Some(g), GreCut { at, what: "GRE sequence number" })) };
            g.seq = Some(v);
            at += 4;
        }
        if flags.has(GreFlags::A) && g.is_enhanced() {
            let Some(v) = long(at) else { return Err((Some(g), GreCut { at, what: "GRE acknowledgment number" })) };
            g.ack = Some(v);
            at += 4;
        }
        if flags.has(GreFlags::R) {
            // RFC 1701 §2.1: entries until the null one (Address Family 0, SRE Length 0).
            let start = at;
            loop {
                // A cut keeps the entries before it, so what parsed still re-emits.
                let (Some(af), Some(len)) = (word(at), rd.u8(at + 3)) else {
                    g.routing = i.get(start..at);
                    return Err((Some(g), GreCut { at, what: "GRE routing" }));
                };
                let next = at + 4 + usize::from(len);
                if next > i.len() {
                    g.routing = i.get(start..at);
                    return Err((Some(g), GreCut { at, what: "GRE routing" }));
                }
                at = next;
                if af == 0 && len == 0 {
                    break;
                }
            }
            g.routing = i.get(start..at);
        }
        Ok((g, at))
    }
}

impl<B: AsRef<[u8]>> Gre<B> {
    /// The flags word emitted: the given one, or the presence bits of the fields present and
    /// the version: 1 (Enhanced GRE) for PPP, which RFC 2637 carries so, else 0.
    pub fn flags_word(&self) -> GreFlags {
        self.flags.or_else(|| {
            GreFlags(u16::from(self.proto == EtherType::Ppp))
                .with(GreFlags::C, self.checksum.is_some())
                .with(GreFlags::K, self.key.is_some())
                .with(GreFlags::S, self.seq.is_some())
                .with(GreFlags::A, self.ack.is_some())
                .with(GreFlags::R, self.routing.is_some())
        })
    }

    /// Octets of the header `emit` writes.
    pub fn header_len(&self) -> usize {
        let words = [self.checksum.is_some(), self.key.is_some(), self.seq.is_some(), self.ack.is_some()];
        4 + 4 * words.into_iter().filter(|&w| w).count() + self.routing.as_ref().map_or(0, |r| r.as_ref().len())
    }

    /// Appends the header and `payload`, computing what was not given: the flags word from the
    /// fields present, the checksum over header and payload (RFC 2784 §2.2).
    pub fn emit(&self, payload: &[u8], out: &mut Vec<u8>) {
        let start = out.len();
        out.extend_from_slice(&self.flags_word().0.to_be_bytes());
        out.extend_from_slice(&self.proto.value().to_be_bytes());
        let ck_at = out.len();
        if let Some(c) = self.checksum {
            out.extend_from_slice(&c.value.given().unwrap_or(0).to_be_bytes());
            out.extend_from_slice(&c.reserved1.to_be_bytes());
        }
        let key = self.key.map(|k| k.word(payload.len()));
        for v in [key, self.seq, self.ack].into_iter().flatten() {
            out.extend_from_slice(&v.to_be_bytes());
        }
        if let Some(r) = &self.routing {
            out.extend_from_slice(r.as_ref());
        }
        out.extend_from_slice(payload);
        if let Some(GreChecksum { value: Auto::Computed, .. }) = self.checksum {
            let c = checksum::finish(checksum::sum(&out[start..], 0));
            out[ck_at..ck_at + 2].copy_from_slice(&c.to_be_bytes());
        }
    }
}

/// Dissects a GRE header at `off..end` and the packet it carries.
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize) {
    let p = t.protocol(&GRE, off, end.saturating_sub(off).min(4));
    t.set_protocol_column("GRE");
    let (g, len) = match Gre::parse(t.bytes(off, end)) {
        Ok(v) => v,
        Err((partial, GreCut { at, what })) => {
            // What parsed before the cut is shown; the cut is reported where it happened.
            if let Some(g) = partial {
                annotate(t, p, off, &g, end);
            }
            t.truncated(off + at, what);
            t.close();
            return;
        }
    };
    annotate(t, p, off, &g, end);
    let flags = g.flags_word();
    let at = off + len;
    let enhanced = g.is_enhanced();
    if flags.version() > 1 || (flags.version() == 1 && !enhanced) {
        let read = if enhanced { "read as Enhanced GRE, as tshark" } else { "read with version 0's layout, as tshark" };
        t.expert(&UNSUPPORTED_VERSION, off + 1, 1, Some(format_args!("version {}, {read}", flags.version())));
    }
    if enhanced {
        enhanced_rules(t, off, &g, end.saturating_sub(at));
    } else if flags.rfc2784_reserved() != 0 {
        t.expert(&RESERVED_SET, off, 2, Some(format_args!("0x{:04x}", flags.rfc2784_reserved())));
    }
    t.set_len(p, len);
    // A payload of a protocol not decoded here is data inside the GRE subtree, as tshark has it
    // (what it decodes is a layer of its own, after it).
    let undecoded = crate::Next::of_gre_proto(g.proto.value()) == crate::Next::Data && end > at;
    if undecoded {
        crate::data(t, at, end);
    }
    t.close();
    // The payload follows the optional fields (RFC 1701's routing entries included: RFC 2784
    // deprecates them, Wireshark still reads them, and so does `Gre::parse`).
    let name = PROTO.value_name(u64::from(g.proto.value()));
    let info = t.info();
    info.clear();
    info.push_str("Encapsulated ");
    match name {
        Some(n) => info.push_str(n),
        // tshark 4.0.17: "Encapsulated 0xABCD (unknown)".
        None => {
            let _ = std::fmt::Write::write_fmt(info, format_args!("0x{:04X} (unknown)", g.proto.value()));
        }
    }
    if end <= at || undecoded {
        // No payload (an Enhanced GRE acknowledgment alone, RFC 2637 §4.4), or shown above.
        return;
    }
    t.nesting += 1;
    if t.nesting > t.prefs.max_nesting {
        t.expert(&crate::expert::DEPTH_LIMIT, at, end - at, None);
    } else {
        match crate::Next::of_gre_proto(g.proto.value()) {
            // The tunnel is this nesting level; the inner frame is not another.
            crate::Next::Ethernet => crate::link::ethernet(t, at, end),
            crate::Next::Ppp => crate::pppoe::dissect_ppp_hdlc(t, at, end),
            crate::Next::Ipv4 => crate::dissect_tunnelled_ip(t, false, at, end),
            crate::Next::Ipv6 => crate::dissect_tunnelled_ip(t, true, at, end),
            _ => crate::dissect_ethertype(t, g.proto.value(), at, end),
        }
    }
    t.nesting -= 1;
}

/// RFC 2637 §4.1's rules for an Enhanced GRE header at `off` followed by `payload` octets.
fn enhanced_rules(t: &mut Tree<'_>, off: usize, g: &Gre<&[u8]>, payload: usize) {
    let flags = g.flags_word();
    let mut wrong = String::new();
    let mut say = |what: std::fmt::Arguments<'_>| {
        use std::fmt::Write;
        let _ = write!(wrong, "{}{what}", if wrong.is_empty() { "" } else { "; " });
    };
    if flags.rfc2637_reserved() != 0 {
        say(format_args!("C, R, s, Recur or Flags set (0x{:04x})", flags.rfc2637_reserved()));
    }
    if !flags.has(GreFlags::K) {
        say(format_args!("K clear: the Call ID is required"));
    }
    match (flags.has(GreFlags::S), payload > 0) {
        (false, true) => say(format_args!("S clear with a payload")),
        (true, false) => say(format_args!("S set with no payload (an acknowledgment alone has none)")),
        _ => {}
    }
    if !wrong.is_empty() {
        t.expert(&ENHANCED_FLAGS, off, 2, Some(format_args!("{wrong}")));
    }
    // A payload cut by the capture is not the sender's fault.
    if let (Some(GreKey::Enhanced { payload_length: Auto::Given(said), .. }), false) = (g.key, t.snapped()) {
        if usize::from(said) != payload {
            let at = off + 4 + 4 * usize::from(g.checksum.is_some());
            t.expert(&ENHANCED_PAYLOAD_LENGTH, at, 2, Some(format_args!("{said}, the payload has {payload} octets")));
        }
    }
}

/// The tree of a parsed header at `off` (the packet running to `end`, for the checksum), and
/// the protocol it carries appended to its item `p`, as tshark names it.
fn annotate(t: &mut Tree<'_>, p: usize, off: usize, g: &Gre<&[u8]>, end: usize) {
    let rd = t.rd();
    let fv = g.flags_word().0;
    let enhanced = g.is_enhanced();
    let proto = u64::from(g.proto.value());
    // tshark 4.0: "Generic Routing Encapsulation (0x1234 - unknown)".
    match PROTO.value_name(proto) {
        Some(name) => t.append(p, format_args!(" ({name})")),
        None => t.append(p, format_args!(" (0x{proto:04x} - unknown)")),
    }
    let f = t.add_uint(&FLAGS_AND_VERSION, off, 2, u64::from(fv));
    t.open(f);
    for d in [&FLAG_CHECKSUM, &FLAG_ROUTING, &FLAG_KEY, &FLAG_SEQ, &FLAG_SSR, &FLAG_RECUR] {
        t.add_uint(d, off, 2, u64::from(fv));
    }
    let rest: &[&'static FieldDef] =
        if enhanced { &[&FLAG_ACK, &FLAG_RESERVED_ENHANCED, &FLAG_VERSION] } else { &[&FLAG_RESERVED, &FLAG_VERSION] };
    for &d in rest {
        t.add_uint(d, off, 2, u64::from(fv));
    }
    t.close();
    t.add_uint(&PROTO, off + 2, 2, proto);
    let mut at = off + 4;
    if let Some(GreChecksum { value, reserved1 }) = g.checksum {
        let ck = value.given().unwrap_or(0);
        let c = t.add_uint(&CHECKSUM, at, 2, u64::from(ck));
        // The whole GRE packet, and its octets before and after the checksum field.
        let covered = (rd.slice(off, end), rd.slice(off, at), rd.slice(at + 2, end));
        if let (true, (Some(all), Some(before), Some(after))) = (fv & GreFlags::C != 0 && !t.cut, covered) {
            if checksum::finish(checksum::sum(all, 0)) == 0 {
                t.append(c, format_args!(" [correct]"));
                t.add_generated(&CHECKSUM_STATUS, at, 2, Value::Uint(checksum::status::GOOD));
            } else {
                let want = checksum::finish(checksum::sum(after, checksum::sum(before, 0)));
                t.append_with(c, |s| checksum::write_incorrect(s, want, ""));
                t.expert(&BAD_CHECKSUM, at, 2, Some(format_args!("0x{ck:04x}, should be 0x{want:04x}")));
                t.add_generated(&CHECKSUM_STATUS, at, 2, Value::Uint(checksum::status::BAD));
            }
        } else {
            // The field is there for the R bit alone (RFC 1701), or the packet is cut short.
            t.append(c, format_args!(" [unverified]"));
            t.add_generated(&CHECKSUM_STATUS, at, 2, Value::Uint(checksum::status::UNVERIFIED));
        }
        t.add_uint(&OFFSET, at + 2, 2, u64::from(reserved1));
        at += 4;
    }
    match g.key {
        Some(GreKey::Enhanced { payload_length, call_id }) => {
            t.add_uint(&KEY_PAYLOAD_LENGTH, at, 2, u64::from(payload_length.given().unwrap_or(0)));
            t.add_uint(&KEY_CALL_ID, at + 2, 2, u64::from(call_id));
            at += 4;
        }
        Some(GreKey::Key(k)) => {
            t.add_uint(&KEY, at, 4, u64::from(k));
            at += 4;
        }
        None => {}
    }
    for (def, v) in [(&SEQ, g.seq), (&ACK, g.ack)] {
        if let Some(v) = v {
            t.add_uint(def, at, 4, u64::from(v));
            at += 4;
        }
    }
    for sre in g.sres() {
        let len = 4 + sre.information.len();
        let r = t.add(&ROUTING, at, len, crate::field::Value::None);
        t.open(r);
        t.add_uint(&SRE_AF, at, 2, u64::from(sre.address_family));
        t.add_uint(&SRE_OFFSET, at + 2, 1, u64::from(sre.sre_offset));
        t.add_uint(&SRE_LENGTH, at + 3, 1, u64::from(sre.sre_length));
        if !sre.information.is_empty() {
            t.add(&SRE_INFO, at + 4, sre.information.len(), crate::field::Value::Bytes);
        }
        t.close();
        at += len;
    }
}
