//! Access Network Identifier option (52, RFC 6757 §3.1) and its sub-options: Network-Identifier,
//! Geo-Location and Operator-Identifier.

use super::owned::{OptError, SubValue};
use super::Len::Min;
use super::{name_of, raw, OptCtx, OptSummary, SubOpts, Tlv, TlvWalk, SUBOPT_LEN_INVALID};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::tree::Tree;

// Presence fields (the option subtrees).
pub static P_ACC_NET_ID: FieldDef =
    FieldDef::new("mip6.options.acc_net_id", "MIPv6 Option - Access Network Identifier", Kind::Protocol);

crate::code_points! {
    /// RFC 6757 §3.1 ANI sub-option types.
    pub enum AniType: u8 {
        NetworkIdentifier = 1 => "Network-Identifier sub-option",
        GeoLocation = 2 => "Geo-Location sub-option",
        OperatorIdentifier = 3 => "Operator-Identifier sub-option",
    }
}
crate::code_points! {
    /// RFC 6757 §3.1.3 Op-ID types.
    pub enum OpIdType: u8 { Pen = 1 => "Private Enterprise Number (PEN)", Realm = 2 => "Realm of the operator" }
}
crate::flags! {
    /// RFC 6757 §3.1.1 Network-Identifier flags octet: E (UTF-8 SSID), then 7 reserved bits.
    pub struct AniNetFlags: u8 { E = 0x80 => 'E' "UTF-8 SSID" }
}
static ANI_TYPE_VALS: &[(u64, &str)] = AniType::VALS;
static ANI_OPID_VALS: &[(u64, &str)] = OpIdType::VALS;

// 52 Access Network Identifier (RFC 6757 §3.1)
pub static ANI: FieldDef = FieldDef::new("mip6.acc_net_id", "ANI", Kind::None);
pub static ANI_TYPE: FieldDef = FieldDef::new("mip6.acc_net_id.ani", "ANI Type", Kind::Uint(1)).vals(ANI_TYPE_VALS);
pub static ANI_LEN: FieldDef = FieldDef::new("mip6.acc_net_id.sub_opt_len", "Length", Kind::Uint(1));
pub static ANI_E: FieldDef = FieldDef::new("mip6.acc_net_id.e_bit", "E(Encoding)", Kind::Bool(1))
    .mask(AniNetFlags::E as u64)
    .tfs("UTF-8 SSID", "Undefined encoding");
pub static ANI_RESERVED: FieldDef =
    FieldDef::new("mip6.acc_net_id.reserved", "Reserved", Kind::Uint(1)).hex().mask(AniNetFlags::RESERVED as u64);
pub static ANI_NET_NAME_LEN: FieldDef = FieldDef::new("mip6.acc_net_id.net_name_len", "Net-Name Length", Kind::Uint(1));
pub static ANI_NET_NAME: FieldDef = FieldDef::new("mip6.acc_net_id.net_name", "Network Name", Kind::String);
pub static ANI_NET_NAME_DATA: FieldDef =
    FieldDef::new("mip6.acc_net_id.net_name_data", "Network Name", Kind::Bytes).blurb("Network Name with undefined format");
pub static ANI_AP_NAME_LEN: FieldDef = FieldDef::new("mip6.acc_net_id.ap_name_len", "AP-Name Length", Kind::Uint(1));
pub static ANI_AP_NAME: FieldDef = FieldDef::new("mip6.acc_net_id.ap_name", "Access-Point Name", Kind::String);
pub static ANI_LAT: FieldDef =
    FieldDef::new("mip6.acc_net_id.geo.latitude_degrees", "Latitude Degrees", Kind::Int(3)).custom(degrees);
pub static ANI_LON: FieldDef =
    FieldDef::new("mip6.acc_net_id.geo.longitude_degrees", "Longitude Degrees", Kind::Int(3)).custom(degrees);
pub static ANI_OPID_TYPE: FieldDef = FieldDef::new("mip6.acc_net_id.op_id.type", "Op-ID Type", Kind::Uint(1)).vals(ANI_OPID_VALS);
pub static ANI_OPID: FieldDef = FieldDef::new("mip6.acc_net_id.op_id", "Op-ID", Kind::Bytes);
pub static ANI_DATA: FieldDef = FieldDef::new("mip6.acc_net_id.data", "Sub-option Data", Kind::Bytes);

pub static ANI_UNKNOWN: ExpertDef =
    ExpertDef::new("mip6.acc_net_id.ani.unknown", Group::Undecoded, Severity::Note, "ANI Type not dissect yet");

/// RFC 6757 §3.1.2: 24-bit two's complement, 9 integer and 15 fraction bits.
fn degrees(v: &Value, out: &mut dyn crate::format::Sink) {
    if let Value::Int(n) = v {
        let _ = write!(out, "{:.6}", *n as f64 / 32768.0);
    }
}

fn acc_net_id(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    for (rel, tlv) in TlvWalk::new(t.bytes(c.off, c.end), false) {
        let off = c.off + rel;
        let (ty, l) = match tlv {
            Tlv::Whole { kind, len, .. } | Tlv::Overrun { kind, len, .. } => (kind, usize::from(len)),
            Tlv::NoLength { kind } => {
                t.expert(&SUBOPT_LEN_INVALID, off, 1, Some(format_args!("ANI sub-option {kind} has no length octet")));
                return;
            }
            Tlv::Pad1 => continue, // not walked with Pad1
        };
        let (d, e) = (off + 2, off + 2 + l);
        let n = t.add(&ANI, off, (2 + l).min(c.end - off), Value::None);
        t.append(n, format_args!(": {} (t={ty},l={l})", name_of(ANI_TYPE_VALS, ty)));
        t.open(n);
        t.add_uint(&ANI_TYPE, off, 1, u64::from(ty));
        t.add_uint(&ANI_LEN, off + 1, 1, l as u64);
        if e > c.end {
            t.expert(&SUBOPT_LEN_INVALID, off + 1, 1, Some(format_args!("ANI sub-option length {l} runs past the option")));
            raw(t, &ANI_DATA, d, c.end);
            t.close();
            return;
        }
        match ty {
            1 => ani_netid(t, n, d, e),
            2 if l == 6 => {
                for (i, def) in [(0, &ANI_LAT), (3, &ANI_LON)] {
                    if let Some([x, y, z]) = t.rd().array::<3>(d + i) {
                        let v = (i32::from_be_bytes([x, y, z, 0]) >> 8) as i64;
                        t.add(def, d + i, 3, Value::Int(v));
                    }
                }
            }
            3 if l >= 1 => {
                if let Some(ot) = t.rd().u8(d) {
                    t.add_uint(&ANI_OPID_TYPE, d, 1, u64::from(ot));
                }
                raw(t, &ANI_OPID, d + 1, e);
            }
            2 | 3 => {
                t.expert(&SUBOPT_LEN_INVALID, off + 1, 1, Some(format_args!("ANI sub-option {ty} length {l}")));
                raw(t, &ANI_DATA, d, e);
            }
            _ => {
                t.expert(&ANI_UNKNOWN, d, l, Some(format_args!("ANI type {ty}")));
                raw(t, &ANI_DATA, d, e);
            }
        }
        t.close();
    }
}

/// RFC 6757 §3.1.1 Network-Identifier sub-option data.
fn ani_netid(t: &mut Tree<'_>, node: usize, d: usize, e: usize) {
    let Some(flags) = t.rd().u8(d).filter(|_| d < e) else { return };
    t.add_uint(&ANI_E, d, 1, u64::from(flags));
    t.add_uint(&ANI_RESERVED, d, 1, u64::from(flags));
    let Some(nl) = t.rd().u8(d + 1).filter(|_| d + 1 < e) else {
        t.expert(&SUBOPT_LEN_INVALID, d, e - d, Some(format_args!("Net-Name Length missing")));
        return;
    };
    t.add_uint(&ANI_NET_NAME_LEN, d + 1, 1, u64::from(nl));
    let ns = d + 2;
    let ne = ns + usize::from(nl);
    if ne > e {
        t.expert(&SUBOPT_LEN_INVALID, d + 1, 1, Some(format_args!("Net-Name Length {nl} runs past the sub-option")));
        return;
    }
    if nl > 0 {
        if flags & 0x80 != 0 {
            t.add(&ANI_NET_NAME, ns, ne - ns, Value::Str);
            let s = String::from_utf8_lossy(t.bytes(ns, ne));
            t.append(node, format_args!(" Network Name: {s}"));
        } else {
            t.add(&ANI_NET_NAME_DATA, ns, ne - ns, Value::Bytes);
        }
    }
    let Some(al) = t.rd().u8(ne).filter(|_| ne < e) else {
        t.expert(&SUBOPT_LEN_INVALID, ne.min(e), 0, Some(format_args!("AP-Name Length missing")));
        return;
    };
    t.add_uint(&ANI_AP_NAME_LEN, ne, 1, u64::from(al));
    let (as_, ae) = (ne + 1, ne + 1 + usize::from(al));
    if ae > e {
        t.expert(&SUBOPT_LEN_INVALID, ne, 1, Some(format_args!("AP-Name Length {al} runs past the sub-option")));
        return;
    }
    if al > 0 {
        t.add(&ANI_AP_NAME, as_, ae - as_, Value::Str);
        let s = String::from_utf8_lossy(t.bytes(as_, ae));
        t.append(node, format_args!(" AP Name: {s}"));
    }
    if ae < e {
        raw(t, &ANI_DATA, ae, e);
    }
}

/// An ANI sub-option's value (RFC 6757 §3.1): typed where its type and lengths give it a
/// shape, octets otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AniValue {
    /// §3.1.1: flags, Net-Name and AP-Name (each after its length octet), then any octets past
    /// them.
    NetworkId {
        flags: AniNetFlags,
        net_name: Vec<u8>,
        ap_name: Vec<u8>,
        trailer: Vec<u8>,
    },
    /// §3.1.2: latitude and longitude degrees, 24-bit two's complement (9 integer and 15
    /// fraction bits), sign-extended.
    GeoLocation {
        latitude: i32,
        longitude: i32,
    },
    /// §3.1.3: Op-ID Type and the identifier.
    OperatorId {
        op_type: OpIdType,
        id: Vec<u8>,
    },
    Raw(Vec<u8>),
}

fn i24(b: &[u8]) -> i32 {
    i32::from_be_bytes([b[0], b[1], b[2], 0]) >> 8
}

impl SubValue for AniValue {
    fn parse_value(kind: u8, data: &[u8]) -> Self {
        let net = || {
            let (&flags, rest) = data.split_first()?;
            let (&nl, rest) = rest.split_first()?;
            let (net, rest) = rest.split_at_checked(usize::from(nl))?;
            let (&al, rest) = rest.split_first()?;
            let (ap, rest) = rest.split_at_checked(usize::from(al))?;
            Some(AniValue::NetworkId {
                flags: AniNetFlags(flags),
                net_name: net.to_vec(),
                ap_name: ap.to_vec(),
                trailer: rest.to_vec(),
            })
        };
        match (AniType::from(kind), data.len()) {
            (AniType::NetworkIdentifier, _) => net().unwrap_or_else(|| AniValue::Raw(data.to_vec())),
            (AniType::GeoLocation, 6) => AniValue::GeoLocation { latitude: i24(&data[..3]), longitude: i24(&data[3..]) },
            (AniType::OperatorIdentifier, 1..) => {
                AniValue::OperatorId { op_type: OpIdType::from(data[0]), id: data[1..].to_vec() }
            }
            _ => AniValue::Raw(data.to_vec()),
        }
    }
    fn emit_value(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        match self {
            AniValue::NetworkId { flags, net_name, ap_name, trailer } => {
                let len = |b: &Vec<u8>| u8::try_from(b.len()).map_err(|_| OptError::SubLength { kind: 1, len: b.len() });
                let (nl, al) = (len(net_name)?, len(ap_name)?);
                out.extend_from_slice(&[flags.0, nl]);
                out.extend_from_slice(net_name);
                out.push(al);
                out.extend_from_slice(ap_name);
                out.extend_from_slice(trailer);
            }
            AniValue::GeoLocation { latitude, longitude } => {
                out.extend_from_slice(&(latitude << 8).to_be_bytes()[..3]);
                out.extend_from_slice(&(longitude << 8).to_be_bytes()[..3]);
            }
            AniValue::OperatorId { op_type, id } => {
                out.push(op_type.value());
                out.extend_from_slice(id);
            }
            AniValue::Raw(b) => out.extend_from_slice(b),
        }
        Ok(())
    }
}

options! {
    /// The Access Network Identifier, owned.
    pub enum AniOpt => Ani {
        /// The ANI sub-options.
        AccessNetworkId(SubOpts<AniType, AniValue, false>) = 52, "Access Network Identifier", &P_ACC_NET_ID, Min(2), (4, 0), acc_net_id;
    }
}

pub static FIELDS: &[&FieldDef] = &[
    &ANI,
    &ANI_TYPE,
    &ANI_LEN,
    &ANI_E,
    &ANI_RESERVED,
    &ANI_NET_NAME_LEN,
    &ANI_NET_NAME,
    &ANI_NET_NAME_DATA,
    &ANI_AP_NAME_LEN,
    &ANI_AP_NAME,
    &ANI_LAT,
    &ANI_LON,
    &ANI_OPID_TYPE,
    &ANI_OPID,
    &ANI_DATA,
];
pub static EXPERTS: &[&ExpertDef] = &[&ANI_UNKNOWN];
