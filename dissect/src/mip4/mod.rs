//! Mobile IPv4 (RFC 5944) on UDP port 434 (preference `mip4.udp_port`).
//!
//! * [`msg`]: Registration Request / Reply, Tunnel Data (RFC 3519), Registration Revocation
//!   and its Acknowledgment (RFC 3543);
//! * [`ext`]: the registration extensions of IANA's registry (short, long and one-octet forms);
//! * [`haaro`]: seed 003 / RFC 6521 return routability messages and extensions, numbered by
//!   the `haaro.*` preferences and laid out by the profile.
//!
//! Field names are Wireshark's (`mip.*`) wherever Wireshark has the field; the others follow
//! `../shared/spec/fields-new.md`.
//!
//! The owned, lossless model is built from the definitions the dissector uses:
//! [`msg::Mip4Msg`] (`Auto<MsgType>`, the fixed part [`msg::Fixed`]: the `layout!` structs
//! with typed flags and codes, or a HAaRO [`haaro::Rr`] in its profile's layout; the
//! extensions; the trailer) parses with `Mip4Msg::parse(bytes, &prefs)` and emits with
//! `emit(&EmitCx, out)`. The dispatch on the Type octet ([`msg::MsgKind::of`]), the extension
//! walk ([`ext::Extensions`]) and the rows ([`ext::ExtDef`]: code point, name, form, decoder
//! and owned body) serve the dissector and the owned form alike. Adding an extension is one
//! `ExtType` variant, one row in `ext.rs`'s `ROWS`, and, for a typed body, its
//! [`ext::ExtBody`] variant.

pub mod ext;
pub mod haaro;
pub mod msg;

/// UDP port of Mobile IPv4 (RFC 5944 §3.3, IANA's `mobileip-agent`): the default of
/// `mip4.udp_port`, and the port a crafted message uses.
pub const UDP_PORT: u16 = 434;

use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind, Value};
use crate::tree::Tree;

/// Implements [`crate::wire::Wire`] for `flags!` words, so a `layout!` field can be typed and
/// still annotate the tree with the raw value (code points use [`crate::wire::wire_code_point`]).
macro_rules! wire_flags {
    ($($t:ident: $repr:ty),* $(,)?) => {$(
        impl crate::wire::Wire for $t {
            const LEN: usize = <$repr as crate::wire::Wire>::LEN;
            fn parse(i: &[u8]) -> crate::wire::PResult<'_, Self> {
                <$repr as crate::wire::Wire>::parse(i).map(|(r, v)| (r, $t(v)))
            }
            fn emit(&self, out: &mut Vec<u8>) {
                crate::wire::Wire::emit(&self.0, out)
            }
            fn value(&self) -> crate::field::Value {
                crate::field::Value::Uint(u64::from(self.0))
            }
            fn raw(&self) -> u64 {
                u64::from(self.0)
            }
        }
    )*};
}
pub(crate) use wire_flags;

crate::code_points! {
    /// IANA "Mobile IP Message Types". The HAaRO messages (24-27) are numbered by preferences
    /// (`haaro.msg_*`); [`msg::MsgKind::of`] says what a number is under a profile.
    pub enum MsgType: u8 {
        RegistrationRequest = 1 => "Registration Request",
        RegistrationReply = 3 => "Registration Reply",
        TunnelData = 4 => "Tunnel Data",
        RegistrationRevocation = 7 => "Registration Revocation",
        RevocationAcknowledgment = 15 => "Revocation Acknowledgment",
        HandoffRequest = 16 => "Handoff Request",
        HandoffReply = 17 => "Handoff Reply",
        RegionalRegistrationRequest = 18 => "Regional Registration Request",
        RegionalRegistrationReply = 19 => "Regional Registration Reply",
        FastBindingUpdate = 20 => "Fast Binding Update (FBU)",
        FastBindingAcknowledgment = 21 => "Fast Binding Acknowledgment (FBAck)",
        GenericNotification = 22 => "Generic Notification",
        GenericNotificationAcknowledgement = 23 => "Generic Notification Acknowledgement",
        HomeTestInitMessage = 24 => "Home Test Init message",
        CareOfTestInitMessage = 25 => "Care-of Test Init message",
        HomeTestMessage = 26 => "Home Test message",
        CareOfTestMessage = 27 => "Care-of Test message",
        MessageForExperimentalUse = 255 => "Message for Experimental use",
    }
}

/// IANA's message names, as `mip.type` shows them.
static TYPE_VALS: &[(u64, &str)] = MsgType::VALS;

/// Why an owned message or extension could not be emitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmitError {
    /// A computed length field cannot describe what is emitted (`what` is the field, `len` the
    /// octets it would have to count).
    TooLong { what: &'static str, len: usize },
    /// A computed type number with nothing to compute it from (raw data of no known type).
    NoType(&'static str),
}

impl std::fmt::Display for EmitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EmitError::TooLong { what, len } => write!(f, "{what} cannot count {len} octets"),
            EmitError::NoType(what) => write!(f, "{what}: a computed type needs a typed body; give the type"),
        }
    }
}

impl std::error::Error for EmitError {}

crate::mh::fields! {
    pub static MIP: FieldDef = FieldDef::new("mip", "Mobile IP", Kind::Protocol).short("Mobile IP");
    pub static TYPE: FieldDef = FieldDef::new("mip.type", "Message Type", Kind::Uint(1)).vals(TYPE_VALS).tshark_names(&[
            (4, "NAT Traversal Tunnel Data"),
            (15, "Registration Revocation Acknowledgement"),
            (20, "Fast Binding Update"),
            (21, "Fast Binding Acknowledgement"),
        ]);
    /// Second row of `mip.type`, for the HAaRO messages moved off IANA's 24-27 by a preference:
    /// the node carries the message's name.
    pub static TYPE_NAMED: FieldDef = FieldDef::new("mip.type", "Message Type", Kind::Uint(1)).node_named();
    pub static DATA: FieldDef = FieldDef::new("mip.data", "Message data", Kind::Bytes);
}

/// Mobile IPv4's fields, each declared once in its module's `fields!` block (the HAaRO
/// module's draft-layout rows before its RFC 6521 rows).
pub static FIELD_LISTS: &[&[&FieldDef]] = &[FIELDS, msg::FIELDS, ext::FIELDS, haaro::FIELDS];

pub static EXPERTS: &[&ExpertDef] = &[
    &ext::EXT_PAST_END,
    &ext::EXT_LEN_INVALID,
    &ext::EXT_NONSKIPPABLE,
    &ext::EXT_SKIPPABLE,
    &ext::EXT_SUBTYPE_UNKNOWN,
    &haaro::MSG_LEN_INVALID,
    &haaro::RESERVED_NONZERO,
    &haaro::ROPA_TRAILING,
];

/// Dissects a Mobile IPv4 message at `off..end`.
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize) {
    let end = end.min(t.data.len().max(off));
    t.protocol(&MIP, off, end.saturating_sub(off));
    t.set_protocol_column("MobileIP");
    let Some(ty) = t.rd().u8(off).filter(|_| end > off) else {
        t.truncated(off, "Mobile IP message");
        t.close();
        return;
    };
    let ti = t.add_uint(&TYPE, off, 1, u64::from(ty));
    let p = off + 1;
    let mut inner = None;
    let kind = msg::MsgKind::of(ty, t.prefs);
    stat_fact(t, kind, ty, off, end);
    let mut cookie = None;
    let ext_start = match kind {
        msg::MsgKind::Rr(m) => {
            if ty != m.iana() {
                t.name_value(ti, &TYPE_NAMED, TYPE.value_name(u64::from(m.iana())).unwrap_or(m.name()));
            }
            haaro::dissect_msg(t, m, off, end).map(|(x, c)| {
                cookie = Some(c);
                x
            })
        }
        msg::MsgKind::RegRequest => reg_request(t, p, end),
        msg::MsgKind::RegReply => reg_reply(t, p, end),
        msg::MsgKind::TunnelData => {
            inner = tunnel_data(t, p, end);
            None
        }
        msg::MsgKind::Revocation => revocation(t, p, end),
        msg::MsgKind::RevocationAck => revocation_ack(t, p, end),
        msg::MsgKind::Other => {
            let name = TYPE.value_name(u64::from(ty)).unwrap_or("Unknown Mobile IP message");
            t.set_info(format_args!("{name}"));
            if end > p {
                t.add(&DATA, p, end - p, Value::Bytes);
            }
            None
        }
    };
    if let Some(x) = ext_start {
        let first_ext = t.d.facts.exts.len() as u32;
        if x < end {
            let before = t.d.facts.auths.len();
            // As tshark: one subtree over everything after the fixed part, present when any
            // octet is.
            let exts = t.add(&ext::EXTS, x, end - x, Value::None);
            t.open(exts);
            ext::walk(t, x, end);
            t.close();
            // What the authenticators protect starts at this message.
            for a in t.d.facts.auths.iter_mut().skip(before) {
                a.msg = off as u32;
            }
        }
        reg_fact(t, kind, off, end, first_ext);
        if !t.in_error {
            if let Some(ip) = t.pkt.udp_ip {
                let at = t.anchor();
                let f = crate::analysis::track::mip4_fact(t, kind, p, cookie, ip, at);
                t.d.facts.track.extend(f);
            }
        }
    }
    t.close();
    // Tunnel Data's inner packet is a layer of its own, after the Mobile IP tree.
    if let Some((nh, at)) = inner {
        if msg::TunnelEncap::from(nh) == msg::TunnelEncap::IpInIp {
            t.nesting += 1;
            if t.nesting > t.prefs.max_nesting {
                t.expert(
                    &crate::expert::DEPTH_LIMIT,
                    at,
                    end - at,
                    Some(format_args!("tunnel nesting deeper than {} (preference ip.max_nesting)", t.prefs.max_nesting)),
                );
            } else {
                crate::ipv4::dissect_any(t, at, end);
            }
            t.nesting -= 1;
        } else {
            // GRE (47), minimal encapsulation (55) and anything else: shown as data.
            crate::data(t, at, end);
        }
    }
}

/// Records a Registration Request or Reply whose fixed part decoded for the analysis pass
/// ([`crate::analysis::rfc5944`]), with the extensions [`ext::walk`] listed from `first_ext`.
fn reg_fact(t: &mut Tree<'_>, kind: msg::MsgKind, off: usize, end: usize, first_ext: u32) {
    let request = match kind {
        msg::MsgKind::RegRequest => true,
        msg::MsgKind::RegReply => false,
        _ => return,
    };
    if t.in_error {
        return;
    }
    let rd = t.rd();
    let (Some(flags), Some(home)) = (rd.u8(off + 1), rd.array::<4>(off + 4)) else { return };
    let fact = crate::analysis::rfc5944::RegFact {
        msg: off as u32,
        end: end as u32,
        request,
        flags: if request { flags } else { 0 },
        home,
        addrs: t.pkt.ip,
        exts: (first_ext, t.d.facts.exts.len() as u32),
        at: t.anchor(),
    };
    t.d.facts.regs.push(fact);
}

/// Records what statistics count of the message of type `ty` at `off..end`: RFC 5944 §3.3 and
/// §3.4 put a Request's flags and a Reply's Code in octet 1, the Lifetime (seconds) in 2-3.
fn stat_fact(t: &mut Tree<'_>, kind: msg::MsgKind, ty: u8, off: usize, end: usize) {
    use crate::analysis::{LifetimeOf, MsgFact, MsgProto, StatusOf};
    let rd = t.rd();
    let life = rd.u16(off + 2).filter(|_| off + 4 <= end).map(u32::from);
    let (name, status, lifetime) = match kind {
        msg::MsgKind::Rr(m) => (m.name(), None, None),
        msg::MsgKind::RegRequest => ("Registration Request", None, life.map(|l| (LifetimeOf::Rrq, l))),
        msg::MsgKind::RegReply => (
            "Registration Reply",
            rd.u8(off + 1).filter(|_| off + 1 < end).map(|c| (StatusOf::Rrp, c)),
            life.map(|l| (LifetimeOf::Rrp, l)),
        ),
        _ => (TYPE.value_name(u64::from(ty)).unwrap_or("Unknown Mobile IP message"), None, None),
    };
    let addrs = t.pkt.ip;
    let fact = MsgFact { proto: MsgProto::Mip4, ty, name, addrs, status, lifetime, quoted: t.in_error };
    t.d.facts.msgs.push(fact);
}

fn reg_request(t: &mut Tree<'_>, p: usize, end: usize) -> Option<usize> {
    match msg::RegRequest::dissect(t, p, end) {
        Ok(r) => {
            msg::add_ident(t, p + msg::RegRequest::LEN - 8, r.ident);
            t.set_info(format_args!("Reg Request: HoA={} HA={} CoA={}", r.home, r.ha, r.coa));
            Some(p + msg::RegRequest::LEN)
        }
        Err(at) => {
            t.set_info(format_args!("Reg Request"));
            t.truncated(at, "Registration Request");
            None
        }
    }
}

fn reg_reply(t: &mut Tree<'_>, p: usize, end: usize) -> Option<usize> {
    match msg::RegReply::dissect(t, p, end) {
        Ok(r) => {
            msg::add_ident(t, p + msg::RegReply::LEN - 8, r.ident);
            t.set_info(format_args!("Reg Reply: HoA={} HA={}, Code={}", r.home, r.ha, r.code.value()));
            Some(p + msg::RegReply::LEN)
        }
        Err(at) => {
            t.set_info(format_args!("Reg Reply"));
            t.truncated(at, "Registration Reply");
            None
        }
    }
}

fn revocation(t: &mut Tree<'_>, p: usize, end: usize) -> Option<usize> {
    match msg::Revocation::dissect(t, p, end) {
        Ok(r) => {
            t.set_info(format_args!("Reg Revocation: HoA={} HDA={} FDA={}", r.home, r.hda, r.fda));
            Some(p + msg::Revocation::LEN)
        }
        Err(at) => {
            t.set_info(format_args!("Reg Revocation"));
            t.truncated(at, "Registration Revocation");
            None
        }
    }
}

fn revocation_ack(t: &mut Tree<'_>, p: usize, end: usize) -> Option<usize> {
    match msg::RevocationAck::dissect(t, p, end) {
        Ok(r) => {
            t.set_info(format_args!("Reg Revocation Ack: HoA={}", r.home));
            Some(p + msg::RevocationAck::LEN)
        }
        Err(at) => {
            t.set_info(format_args!("Reg Revocation Ack"));
            t.truncated(at, "Revocation Acknowledgment");
            None
        }
    }
}

/// Tunnel Data (RFC 3519 §3.3): returns the next header and where the inner packet starts.
fn tunnel_data(t: &mut Tree<'_>, p: usize, end: usize) -> Option<(u8, usize)> {
    let h = match msg::TunnelData::dissect(t, p, end) {
        Ok(h) => h,
        Err(at) => {
            t.set_info(format_args!("Tunnel Data"));
            t.truncated(at, "Tunnel Data header");
            return None;
        }
    };
    t.set_info(format_args!("Tunnel Data: Next Header={}", h.next_header));
    let inner = p + msg::TunnelData::LEN;
    (inner < end).then_some((h.next_header, inner))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field Mobile IPv4's modules declare is in one module's `fields!` block and so in
    /// [`FIELD_LISTS`], which the registry reads: a field no block lists fails here.
    #[test]
    fn every_declared_field_is_registered_by_its_block() {
        let listed: Vec<&FieldDef> = FIELD_LISTS.iter().flat_map(|l| l.iter().copied()).collect();
        crate::mh::assert_same_fields(&listed, crate::mh::declared_fields("mip4"));
        let registered: Vec<&FieldDef> = crate::registry::all_fields().collect();
        for f in listed {
            assert!(registered.iter().any(|r| std::ptr::eq(*r, f)), "{} not in the registry", f.abbrev);
        }
    }
}
