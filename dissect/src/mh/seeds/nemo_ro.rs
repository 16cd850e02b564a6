//! Seed 000, draft-huang-nemo-mn-ro-00 (no RFC): route optimisation for visiting mobile nodes
//! in a NEMO mobile network. The BRR's M/H flags (§4.1.3), the Route Optimization Request and
//! Acknowledgement (§4.1.1, §4.1.2: a BU and a BA *recognised* by who sends them to whom, with
//! mobile routers configured in `nemo.mr_addresses` or learned from NEMO BUs), the VCoA, and
//! the Home Address option in CoTI / type 2 routing header in CoT (§4.2). The fields and
//! expert items are declared here; [`crate::analysis::nemo_ro`] adds them.

use crate::field::{FieldDef, Kind};
use crate::mh::msg::binding::{Brr, BrrFlags, BRR_RESERVED};
use crate::mh::MsgCtx;
use crate::tree::Tree;

crate::mh::fields! {
    list NEMO_RO_FIELDS;
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
}

/// BRR decoration (called from the BRR's fixed-part decoder): hides the Wireshark-compatible
/// bytes field and puts the M/H flags in the Info column.
pub fn brr_info(t: &mut Tree<'_>, _c: &MsgCtx, v: &Brr) {
    if let Some(i) = t.d.nodes.iter().rposition(|n| std::ptr::eq(n.def, &BRR_RESERVED)) {
        t.hide(i);
    }
    for &(m, c) in BrrFlags::LETTERS {
        if v.flags.has(m) {
            t.append_info(format_args!(" {c}"));
        }
    }
}
