//! Access Network Identifier option (52, RFC 6757 §3.1) and its sub-options: Network-Identifier,
//! Geo-Location and Operator-Identifier.

use super::owned::{OptError, SubValue};
use super::Len::Min;
use super::{name_of, raw, OptCtx, OptSummary, OptType, SubOpts, Tlv, TlvWalk, SUBOPT_LEN_INVALID};
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

crate::mh::fields! {
    // 52 Access Network Identifier (RFC 6757 §3.1)
    pub static ANI: FieldDef = FieldDef::new("mip6.acc_net_id", "ANI", Kind::None);
    pub static ANI_TYPE: FieldDef = FieldDef::new("mip6.acc_net_id.ani", "ANI Type", Kind::Uint(1)).vals(ANI_TYPE_VALS).tshark_names(&[
            (0, "Reserved"),
            (1, "Network-Identifier"),
            (2, "Geo-Location"),
            (3, "Operator-Identifier"),
        ]);
    pub static ANI_LEN: FieldDef = FieldDef::new("mip6.acc_net_id.sub_opt_len", "Length", Kind::Uint(1));
    pub static ANI_E: FieldDef = FieldDef::new("mip6.acc_net_id.e_bit", "E(Encoding)", Kind::Bool(1))
        .mask(AniNetFlags::E as u64)
        .tfs("UTF-8", "Encoding is undefined");
    pub static ANI_RESERVED: FieldDef =
        FieldDef::new("mip6.acc_net_id.reserved", "Reserved", Kind::Uint(1)).hex().mask(AniNetFlags::RESERVED as u64);
    pub static ANI_NET_NAME_LEN: FieldDef = FieldDef::new("mip6.acc_net_id.net_name_len", "Net-Name Length", Kind::Uint(1));
    pub static ANI_NET_NAME: FieldDef = FieldDef::new("mip6.acc_net_id.net_name", "Network Name", Kind::String).utf8();
    pub static ANI_NET_NAME_DATA: FieldDef =
        FieldDef::new("mip6.acc_net_id.net_name_data", "Network Name", Kind::Bytes).blurb("Network Name with undefined format");
    pub static ANI_AP_NAME_LEN: FieldDef = FieldDef::new("mip6.acc_net_id.ap_name_len", "AP-Name Length", Kind::Uint(1));
    pub static ANI_AP_NAME: FieldDef = FieldDef::new("mip6.acc_net_id.ap_name", "Access-Point Name", Kind::String).utf8();
    pub static ANI_LAT: FieldDef =
        FieldDef::new("mip6.acc_net_id.geo.latitude_degrees", "Latitude Degrees", Kind::Int(3)).custom(degrees);
    pub static ANI_LON: FieldDef =
        FieldDef::new("mip6.acc_net_id.geo.longitude_degrees", "Longitude Degrees", Kind::Int(3)).custom(degrees);
    pub static ANI_OPID_TYPE: FieldDef = FieldDef::new("mip6.acc_net_id.op_id.type", "Op-ID Type", Kind::Uint(1)).vals(ANI_OPID_VALS).tshark_names(&[
            (0, "Reserved"),
        ]);
    pub static ANI_OPID: FieldDef = FieldDef::new("mip6.acc_net_id.op_id", "Op-ID", Kind::Bytes);
    pub static ANI_DATA: FieldDef = FieldDef::new("mip6.acc_net_id.data", "Sub-option Data", Kind::Bytes);
}

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
        let (ty, l, data) = match tlv {
            Tlv::Whole { kind, len, data } => (kind, usize::from(len), data),
            Tlv::Overrun { kind, len, .. } => (kind, usize::from(len), &[][..]),
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
        if let Tlv::Overrun { .. } = tlv {
            t.expert(&SUBOPT_LEN_INVALID, off + 1, 1, Some(format_args!("ANI sub-option length {l} runs past the option")));
            raw(t, &ANI_DATA, d, c.end);
            t.close();
            return;
        }
        if AniType::from(ty) == AniType::NetworkIdentifier {
            // Shown as far as its lengths hold (the model's value needs them all).
            ani_netid(t, n, d, NetIdParts::read(data));
            t.close();
            continue;
        }
        match AniValue::<&[u8]>::parse(ty, data) {
            AniValue::GeoLocation { latitude, longitude } => {
                t.add(&ANI_LAT, d, 3, Value::Int(i64::from(latitude)));
                t.add(&ANI_LON, d + 3, 3, Value::Int(i64::from(longitude)));
            }
            AniValue::OperatorId { op_type, .. } => {
                t.add_uint(&ANI_OPID_TYPE, d, 1, u64::from(op_type.value()));
                raw(t, &ANI_OPID, d + 1, e);
            }
            _ if matches!(AniType::from(ty), AniType::GeoLocation | AniType::OperatorIdentifier) => {
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

/// RFC 6757 §3.1.1 Network-Identifier sub-option data at `d`, as far as it reads.
fn ani_netid(t: &mut Tree<'_>, node: usize, d: usize, p: NetIdParts<'_>) {
    let e = d + p.len;
    let Some(flags) = p.flags else { return };
    t.add_uint(&ANI_E, d, 1, u64::from(flags.0));
    t.add_uint(&ANI_RESERVED, d, 1, u64::from(flags.0));
    let Some(nl) = p.net_len else {
        t.expert(&SUBOPT_LEN_INVALID, d, e - d, Some(format_args!("Net-Name Length missing")));
        return;
    };
    t.add_uint(&ANI_NET_NAME_LEN, d + 1, 1, u64::from(nl));
    let ns = d + 2;
    let Some(net) = p.net_name else {
        t.expert(&SUBOPT_LEN_INVALID, d + 1, 1, Some(format_args!("Net-Name Length {nl} runs past the sub-option")));
        return;
    };
    let ne = ns + net.len();
    if !net.is_empty() {
        if flags.0 & AniNetFlags::E != 0 {
            t.add(&ANI_NET_NAME, ns, ne - ns, Value::Str);
            t.append(node, format_args!(" Network Name: {}", crate::text::Shown(net, ANI_NET_NAME.enc)));
        } else {
            t.add(&ANI_NET_NAME_DATA, ns, ne - ns, Value::Bytes);
        }
    }
    let Some(al) = p.ap_len else {
        t.expert(&SUBOPT_LEN_INVALID, ne.min(e), 0, Some(format_args!("AP-Name Length missing")));
        return;
    };
    t.add_uint(&ANI_AP_NAME_LEN, ne, 1, u64::from(al));
    let Some(ap) = p.ap_name else {
        t.expert(&SUBOPT_LEN_INVALID, ne, 1, Some(format_args!("AP-Name Length {al} runs past the sub-option")));
        return;
    };
    let (as_, ae) = (ne + 1, ne + 1 + ap.len());
    if !ap.is_empty() {
        t.add(&ANI_AP_NAME, as_, ae - as_, Value::Str);
        t.append(node, format_args!(" AP Name: {}", crate::text::Shown(ap, ANI_AP_NAME.enc)));
    }
    raw(t, &ANI_DATA, ae, e);
}

/// A Network-Identifier's data (RFC 6757 §3.1.1) read part by part, each while its length
/// fits: the one reading both [`AniValue::parse`] and the dissector take it from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetIdParts<'a> {
    /// Octets of the sub-option data.
    pub len: usize,
    pub flags: Option<AniNetFlags>,
    pub net_len: Option<u8>,
    pub net_name: Option<&'a [u8]>,
    pub ap_len: Option<u8>,
    pub ap_name: Option<&'a [u8]>,
    /// Octets after the AP-Name (empty unless every part is there).
    pub trailer: &'a [u8],
}

impl<'a> NetIdParts<'a> {
    pub fn read(data: &'a [u8]) -> Self {
        let mut p =
            NetIdParts { len: data.len(), flags: None, net_len: None, net_name: None, ap_len: None, ap_name: None, trailer: &[] };
        let Some((&flags, rest)) = data.split_first() else { return p };
        p.flags = Some(AniNetFlags(flags));
        let Some((&nl, rest)) = rest.split_first() else { return p };
        p.net_len = Some(nl);
        let Some((net, rest)) = rest.split_at_checked(usize::from(nl)) else { return p };
        p.net_name = Some(net);
        let Some((&al, rest)) = rest.split_first() else { return p };
        p.ap_len = Some(al);
        let Some((ap, rest)) = rest.split_at_checked(usize::from(al)) else { return p };
        p.ap_name = Some(ap);
        p.trailer = rest;
        p
    }
}

/// An ANI sub-option's value (RFC 6757 §3.1): typed where its type and lengths give it a
/// shape, octets otherwise. Generic over storage: the dissector reads `AniValue<&[u8]>` in
/// place, a crafter builds `AniValue<Vec<u8>>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AniValue<B = Vec<u8>> {
    /// §3.1.1: flags, Net-Name and AP-Name (each after its length octet), then any octets past
    /// them.
    NetworkId {
        flags: AniNetFlags,
        net_name: B,
        ap_name: B,
        trailer: B,
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
        id: B,
    },
    Raw(B),
}

fn i24(b: [u8; 3]) -> i32 {
    i32::from_be_bytes([b[0], b[1], b[2], 0]) >> 8
}

impl<'a, B: From<&'a [u8]>> AniValue<B> {
    /// The value of a sub-option of type `kind` with data `data`; any octets parse.
    pub fn parse(kind: u8, data: &'a [u8]) -> Self {
        match (AniType::from(kind), data) {
            (AniType::NetworkIdentifier, _) => match NetIdParts::read(data) {
                NetIdParts { flags: Some(flags), net_name: Some(net), ap_name: Some(ap), trailer, .. } => {
                    AniValue::NetworkId { flags, net_name: B::from(net), ap_name: B::from(ap), trailer: B::from(trailer) }
                }
                _ => AniValue::Raw(B::from(data)),
            },
            (AniType::GeoLocation, &[a, b, c, x, y, z]) => {
                AniValue::GeoLocation { latitude: i24([a, b, c]), longitude: i24([x, y, z]) }
            }
            (AniType::OperatorIdentifier, [op, id @ ..]) => {
                AniValue::OperatorId { op_type: OpIdType::from(*op), id: B::from(id) }
            }
            _ => AniValue::Raw(B::from(data)),
        }
    }
}

impl SubValue for AniValue {
    fn parse_value(kind: u8, data: &[u8]) -> Self {
        AniValue::parse(kind, data)
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
        AccessNetworkId(SubOpts<AniType, AniValue, false>) = OptType::AccessNetworkIdentifier, "Access Network Identifier", &P_ACC_NET_ID, Min(2), (4, 0), acc_net_id;
    }
}

pub static EXPERTS: &[&ExpertDef] = &[&ANI_UNKNOWN];
