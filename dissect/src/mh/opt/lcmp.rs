//! LMA-Controlled MAG Parameters option (62, RFC 8127 §3) and its sub-options: Binding
//! Re-registration Control (§3.1.1) and Heartbeat Control (§3.1.2).

use super::owned::{OptError, SubValue};
use super::Len::Min;
use super::OptType;
use super::{name_of, raw, scaled, OptCtx, OptSummary, SubOpts, Tlv, TlvWalk, SUBOPT_LEN_INVALID};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind, Value};
use crate::format::write_dec;
use crate::layout;
use crate::tree::Tree;

// Presence fields (the option subtrees).
pub static P_LCMP: FieldDef = FieldDef::new("mip6.options.lcmp", "MIPv6 Option - LMA-Controlled MAG Parameters", Kind::Protocol);

crate::code_points! {
    /// RFC 8127 §3.1 LCMP sub-option types.
    pub enum LcmpType: u8 { Reserved = 0 => "Reserved", BindingReregistrationControl = 1 => "Binding Re-registration Control", HeartbeatControl = 2 => "Heartbeat Control" }
}
static LCMP_SUBOPT_VALS: &[(u64, &str)] = LcmpType::VALS;

crate::mh::fields! {
    // 62 LMA-Controlled MAG Parameters (RFC 8127 §3: 4n+2; LCMP sub-options §3.1, each LCMP Type(8)
    // LCMP Length(8) data; §3.1.1 and §3.1.2 carry three 16-bit timers each, LCMP Length 6).
    pub static LCMP_SUB: FieldDef = FieldDef::new("mip6.lcmp.subopt", "Sub-option", Kind::None);
    pub static LCMP_SUB_TYPE: FieldDef =
        FieldDef::new("mip6.lcmp.subopt.type", "Sub-option Type", Kind::Uint(1)).vals(LCMP_SUBOPT_VALS);
    pub static LCMP_SUB_LEN: FieldDef = FieldDef::new("mip6.lcmp.subopt.len", "Sub-option Length", Kind::Uint(1));
    pub static LCMP_SUB_DATA: FieldDef = FieldDef::new("mip6.lcmp.subopt.data", "Sub-option Data", Kind::Bytes);
    pub static LCMP_RRST: FieldDef = FieldDef::new("mip6.lcmp.rereg_start_time", "Re-registration-Start-Time", Kind::Uint(2))
        .custom(four_seconds)
        .blurb("Units of 4 seconds");
    pub static LCMP_IRT: FieldDef =
        FieldDef::new("mip6.lcmp.init_retx_time", "Initial-Retransmission-Time", Kind::Uint(2)).custom(seconds);
    pub static LCMP_MRT: FieldDef =
        FieldDef::new("mip6.lcmp.max_retx_time", "Maximum-Retransmission-Time", Kind::Uint(2)).custom(seconds);
    pub static LCMP_HB_INTERVAL: FieldDef = FieldDef::new("mip6.lcmp.hb_interval", "HB-Interval", Kind::Uint(2)).custom(seconds);
    pub static LCMP_HB_RETX_DELAY: FieldDef =
        FieldDef::new("mip6.lcmp.hb_retx_delay", "HB-Retransmission-Delay", Kind::Uint(2)).custom(seconds);
    pub static LCMP_HB_MAX_RETX: FieldDef = FieldDef::new("mip6.lcmp.hb_max_retx", "HB-Max-Retransmissions", Kind::Uint(2));
}

fn four_seconds(v: &Value, out: &mut dyn crate::format::Sink) {
    scaled(v, out, 4, " s");
}

fn seconds(v: &Value, out: &mut dyn crate::format::Sink) {
    if let Value::Uint(n) = *v {
        write_dec(out, n);
        out.push_str(" s");
    }
}

fn lcmp(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    for (rel, tlv) in TlvWalk::new(t.bytes(c.off, c.end), false) {
        let off = c.off + rel;
        let (kind, l) = match tlv {
            Tlv::Whole { kind, len, .. } | Tlv::Overrun { kind, len, .. } => (kind, usize::from(len)),
            Tlv::NoLength { kind } => {
                t.expert(&SUBOPT_LEN_INVALID, off, c.end - off, Some(format_args!("LCMP sub-option {kind} has no length octet")));
                return;
            }
            Tlv::Pad1 => continue, // not walked with Pad1
        };
        let (d, e) = (off + 2, off + 2 + l);
        let n = t.add(&LCMP_SUB, off, (2 + l).min(c.end - off), Value::None);
        t.append(n, format_args!(": {} (type {kind}, length {l})", name_of(LCMP_SUBOPT_VALS, kind)));
        t.open(n);
        t.add_uint(&LCMP_SUB_TYPE, off, 1, u64::from(kind));
        t.add_uint(&LCMP_SUB_LEN, off + 1, 1, l as u64);
        if e > c.end {
            t.expert(&SUBOPT_LEN_INVALID, off + 1, 1, Some(format_args!("LCMP Length {l} but only {} octets remain", c.end - d)));
            raw(t, &LCMP_SUB_DATA, d, c.end);
            t.close();
            return;
        }
        match (LcmpType::from(kind), l) {
            // RFC 8127 §3.1.1, §3.1.2: LCMP Length 6.
            (LcmpType::BindingReregistrationControl, 6) => {
                let _ = ReregControl::dissect(t, d, e);
            }
            (LcmpType::HeartbeatControl, 6) => {
                let _ = HeartbeatControl::dissect(t, d, e);
            }
            (LcmpType::BindingReregistrationControl | LcmpType::HeartbeatControl, _) => {
                t.expert(&SUBOPT_LEN_INVALID, off + 1, 1, Some(format_args!("LCMP Length {l}, should be 6")));
                raw(t, &LCMP_SUB_DATA, d, e);
            }
            _ => raw(t, &LCMP_SUB_DATA, d, e),
        }
        t.close();
    }
}

layout! {
    /// Binding Re-registration Control sub-option data (RFC 8127 §3.1.1).
    pub struct ReregControl { pub rereg_start: u16 => [&LCMP_RRST], pub initial_retx: u16 => [&LCMP_IRT], pub max_retx: u16 => [&LCMP_MRT] }
}

layout! {
    /// Heartbeat Control sub-option data (RFC 8127 §3.1.2).
    pub struct HeartbeatControl {
        pub interval: u16 => [&LCMP_HB_INTERVAL],
        pub retx_delay: u16 => [&LCMP_HB_RETX_DELAY],
        pub max_retx: u16 => [&LCMP_HB_MAX_RETX],
    }
}

/// An LCMP sub-option's value (RFC 8127 §3.1): the two defined types at LCMP Length 6 (the
/// layouts the decoder annotates), octets otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LcmpValue {
    ReregControl(ReregControl),
    HeartbeatControl(HeartbeatControl),
    Raw(Vec<u8>),
}

impl SubValue for LcmpValue {
    fn parse_value(kind: u8, data: &[u8]) -> Self {
        let v = match (LcmpType::from(kind), data.len()) {
            (LcmpType::BindingReregistrationControl, 6) => {
                ReregControl::parse(data).ok().map(|(_, v)| LcmpValue::ReregControl(v))
            }
            (LcmpType::HeartbeatControl, 6) => HeartbeatControl::parse(data).ok().map(|(_, v)| LcmpValue::HeartbeatControl(v)),
            _ => None,
        };
        v.unwrap_or_else(|| LcmpValue::Raw(data.to_vec()))
    }
    fn emit_value(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        match self {
            LcmpValue::ReregControl(v) => v.emit(out),
            LcmpValue::HeartbeatControl(v) => v.emit(out),
            LcmpValue::Raw(b) => out.extend_from_slice(b),
        }
        Ok(())
    }
}

options! {
    /// LMA-Controlled MAG Parameters, owned.
    pub enum LcmpOpt => Lcmp {
        /// The LCMP sub-options.
        LmaControlledMagParameters(SubOpts<LcmpType, LcmpValue, false>) = OptType::LmaControlledMagParameters, "LMA-Controlled MAG Parameters", &P_LCMP, Min(2), (4, 2), lcmp;
    }
}

pub static EXPERTS: &[&ExpertDef] = &[];
