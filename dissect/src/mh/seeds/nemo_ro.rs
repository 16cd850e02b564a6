//! Seed 000, draft-huang-nemo-mn-ro-00 (no RFC): route optimisation for visiting mobile nodes
//! in a NEMO mobile network. The BRR's M/H flags (§4.1.3), the Route Optimization Request and
//! Acknowledgement (§4.1.1, §4.1.2: a BU and a BA *recognised* by who sends them to whom, with
//! mobile routers configured in `nemo.mr_addresses` or learned from NEMO BUs), the VCoA, and
//! the Home Address option in CoTI / type 2 routing header in CoT (§4.2).

use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::mh::msg::binding::{Brr, BrrFlags, BuFlags, BRR_RESERVED};
use crate::mh::msg::rr::{self, Cot, Coti};
use crate::mh::opt::OptSummary;
use crate::mh::{MhType, MsgCtx, MsgDef};
use crate::tree::{Lesson, Tree};

pub static NEMO_RO_REQUEST: FieldDef = FieldDef::new("mip6.nemo.ro_request", "Route Optimization Request", Kind::String).blurb(
    "A BU with a Home Address option sent by a visiting node to its mobile router (draft-huang-nemo-mn-ro-00 §4.1.1, §5.3)",
);
pub static NEMO_RO_ACK: FieldDef = FieldDef::new("mip6.nemo.ro_ack", "Route Optimization Acknowledgement", Kind::String)
    .blurb("A BA from a mobile router carrying an Alternate CoA option: the VCoA (draft-huang-nemo-mn-ro-00 §4.1.2)");
pub static NEMO_VCOA: FieldDef = FieldDef::new("mip6.nemo.vcoa", "Virtual Care-of Address (VCoA)", Kind::Ipv6)
    .blurb("The VCoA a mobile router hands out in an RO Acknowledgement or a BRR with H set");
pub static NEMO_COTI_HOA: FieldDef =
    FieldDef::new("mip6.nemo.coti_hoa", "Home Address option in CoTI (VMN home address)", Kind::Ipv6)
        .blurb("draft-huang-nemo-mn-ro-00 §4.2/§5.6: a CoTI carries the VMN's HAO so the mobile router can forward the CoT");
pub static NEMO_COT_HOA: FieldDef =
    FieldDef::new("mip6.nemo.cot_hoa", "Type 2 routing header in CoT (VMN home address)", Kind::Ipv6)
        .blurb("draft-huang-nemo-mn-ro-00 §4.2/§6: a CoT carries a type 2 routing header with the VMN's home address");

pub static CHECK_BRR_H_WITHOUT_M: ExpertDef = ExpertDef::new(
    "check.nemo_ro.brr_h_without_m",
    Group::Protocol,
    Severity::Warn,
    "BRR H flag set without M (draft-huang-nemo-mn-ro-00 §4.1.3: when H is set, M MUST be set)",
);
pub static CHECK_BRR_H_WITHOUT_ACOA: ExpertDef = ExpertDef::new(
    "check.nemo_ro.brr_h_without_acoa",
    Group::Protocol,
    Severity::Warn,
    "BRR H flag set without an Alternate Care-of Address option carrying the new VCoA (draft-huang-nemo-mn-ro-00 §4.1.3)",
);
pub static CHECK_RO_ACK_NO_ACOA: ExpertDef = ExpertDef::new(
    "check.nemo_ro.ack_without_acoa",
    Group::Protocol,
    Severity::Warn,
    "BA from a mobile router accepting a BU with HAO lacks the Alternate Care-of Address option (draft-huang-nemo-mn-ro-00 §4.1.2)",
);

/// BRR decoration (called from the BRR's fixed-part decoder): hides the Wireshark-compatible
/// bytes field and puts the M/H flags in the Info column.
pub fn brr_info(t: &mut Tree<'_>, _c: &MsgCtx, v: &Brr) {
    if let Some(i) = t.d.nodes.iter().rposition(|n| std::ptr::eq(n.def, &BRR_RESERVED)) {
        t.hide(i);
    }
    for &(m, c) in BrrFlags::LETTERS {
        if v.reserved & m != 0 {
            t.append_info(format_args!(" {c}"));
        }
    }
}

/// After a BRR's options: the H flag's rules and the new VCoA (seed 000 §4.1.3, §5.8).
pub fn after_brr(t: &mut Tree<'_>, c: &MsgCtx, s: &OptSummary) {
    let Some(flags) = t.bytes(c.body, c.body + 2).get(..2).map(|b| BrrFlags(u16::from_be_bytes([b[0], b[1]]))) else {
        return;
    };
    if !flags.has(BrrFlags::H) {
        return;
    }
    if !flags.has(BrrFlags::M) {
        t.expert(&CHECK_BRR_H_WITHOUT_M, c.body, 2, None);
    }
    match s.alt_coa {
        Some(a) => {
            t.add_generated(&NEMO_VCOA, c.body, 2, Value::Ipv6(a));
            t.append_info(format_args!(" new VCoA={}", std::net::Ipv6Addr::from(a)));
        }
        None => t.expert(&CHECK_BRR_H_WITHOUT_ACOA, c.body, 2, None),
    }
}

fn ip6(a: &[u8; 16]) -> std::net::Ipv6Addr {
    std::net::Ipv6Addr::from(*a)
}

/// CoTI: seed 000 §4.2 adds the VMN's Home Address option.
fn coti_body(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let r = rr::coti(t, c);
    if let Some(h) = t.pkt.hao {
        t.add_generated(&NEMO_COTI_HOA, c.body, 0, Value::Ipv6(h));
    }
    r
}

/// CoT: seed 000 §4.2 / §6 adds a type 2 routing header with the VMN's home address.
fn cot_body(t: &mut Tree<'_>, c: &MsgCtx) -> Result<usize, usize> {
    let r = rr::cot(t, c);
    if let Some(h) = t.pkt.rh2 {
        t.add_generated(&NEMO_COT_HOA, c.body, 0, Value::Ipv6(h));
    }
    r
}

/// RFC 6275's CoTI and CoT, delegated to the base decoders, plus seed 000's annotations.
pub(super) static COTI_NEMO: MsgDef =
    MsgDef { name: MhType::CareOfTestInit.row_name(), min_len: Coti::LEN, body: coti_body, after_options: None };
pub(super) static COT_NEMO: MsgDef =
    MsgDef { name: MhType::CareOfTest.row_name(), min_len: Cot::LEN, body: cot_body, after_options: None };

/// Seed 000 §4.1.1 / §5.3: recognises an RO Request (called after a BU's options).
pub(super) fn ro_request(t: &mut Tree<'_>, c: &MsgCtx) {
    // Seed 000 §4.1.1 / §5.3: a BU with HAO sent by a visiting node (from its care-of
    // address, the IPv6 source) to its mobile router asks it for a VCoA.
    if let (Some(hoa), Some((src, dst))) = (t.pkt.hao, t.pkt.ip6) {
        if t.state.is_mobile_router_for(t.prefs, &dst, &src) {
            t.add_text(
                &NEMO_RO_REQUEST,
                c.body,
                0,
                format_args!("VMN {} asks mobile router {} for a VCoA", ip6(&hoa), ip6(&dst)),
            );
            t.d.cols.info.insert_str(0, "RO Request: ");
        }
    }
}

/// RFC 3963 (called after a BU's options with its flags): a NEMO BU teaches the mobile
/// router's home address and the prefixes it registered. Recorded as lessons of this frame;
/// the capture's driver applies them ([`crate::tree::CaptureState::learn`]).
pub(super) fn learn_mobile_router(t: &mut Tree<'_>, flags: BuFlags, s: &OptSummary) {
    if flags.has(BuFlags::R) {
        let home = t.pkt.hao.or(t.pkt.ip6.map(|(src, _)| src));
        if let Some(h) = home {
            t.d.lessons.push(Lesson::MobileRouter(h));
            // A /0 (or impossible) prefix would make every address the mobile router's:
            // only real prefixes are learned.
            for &(p, n) in s.prefixes.iter().filter(|(_, n)| (1..=128).contains(n)) {
                t.d.lessons.push(Lesson::MobileNetworkPrefix(p, n));
            }
        }
    }
}

/// Seed 000 §4.1.2 / §5.3: recognises an RO Acknowledgement (called after a BA's options).
pub(super) fn ro_ack(t: &mut Tree<'_>, c: &MsgCtx, s: &OptSummary) {
    // The BA goes from the mobile router to the visiting node's care-of address (the IPv6
    // destination; its home address is in the type 2 routing header).
    let Some((src, dst)) = t.pkt.ip6 else { return };
    if !t.state.is_mobile_router_for(t.prefs, &src, &dst) {
        return;
    }
    // Seed 000 §5.3 defines the RO Acknowledgement for an accepted request only: a refusal
    // (status 128 or more, RFC 6275 §6.1.8) is a plain BA, which needs no Alternate CoA.
    if !matches!(t.bytes(c.body, c.body + 1).first(), Some(&st) if st < 128) {
        return;
    }
    match s.alt_coa {
        Some(v) => {
            t.add_text(&NEMO_RO_ACK, c.body, 0, format_args!("mobile router {} grants VCoA {}", ip6(&src), ip6(&v)));
            t.add_generated(&NEMO_VCOA, c.body, 0, Value::Ipv6(v));
            t.d.cols.info.insert_str(0, "RO Acknowledgement: ");
            t.append_info(format_args!(" VCoA={}", ip6(&v)));
        }
        // A BA from a mobile router to a VMN's home address (type 2 routing header) answers an
        // RO Request; without the Alternate CoA it breaks §4.1.2.
        None if t.pkt.rh2.is_some() => t.expert(&CHECK_RO_ACK_NO_ACOA, c.body, 1, None),
        None => {}
    }
}
