//! PPP over Ethernet (RFC 2516) as a link layer: the Session stage (EtherType 0x8864) with the
//! PPP frame it carries (RFC 1661; protocol 0x0021 IPv4 and 0x0057 IPv6 dissected, others
//! shown raw), and the Discovery stage (EtherType 0x8863) with its tags.
//!
//! ```text
//!  0                   1                   2                   3
//!  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |  VER  | TYPE  |      CODE     |          SESSION_ID           |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |            LENGTH             |           payload             ~
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! ```
//! LENGTH counts the payload only (RFC 2516 §4); octets after it are Ethernet padding.

use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::tree::Tree;

static CODE_VALS: &[(u64, &str)] = &[
    (0x00, "Session Data"),
    (0x07, "Active Discovery Offer (PADO)"),
    (0x09, "Active Discovery Initiation (PADI)"),
    (0x0a, "Active Discovery Session-Grant (PADG)"),
    (0x0b, "Active Discovery Session-Credit Response (PADC)"),
    (0x0c, "Active Discovery Quality (PADQ)"),
    (0x19, "Active Discovery Request (PADR)"),
    (0x65, "Active Discovery Session-confirmation (PADS)"),
    (0xa7, "Active Discovery Terminate (PADT)"),
    (0xd3, "Active Discovery Message (PADM)"),
    (0xd4, "Active Discovery Network (PADN)"),
];

static TAG_VALS: &[(u64, &str)] = &[
    (0x0000, "End-Of-List"),
    (0x0101, "Service-Name"),
    (0x0102, "AC-Name"),
    (0x0103, "Host-Uniq"),
    (0x0104, "AC-Cookie"),
    (0x0105, "Vendor-Specific"),
    (0x0106, "Credits"),
    (0x0107, "Metrics"),
    (0x0108, "Sequence Number"),
    (0x0109, "Credit Scale Factor"),
    (0x0110, "Relay-Session-Id"),
    (0x0111, "HURL"),
    (0x0112, "MOTM"),
    (0x0120, "PPP-Max-Payload"),
    (0x0121, "IP_Route_Add"),
    (0x0201, "Service-Name-Error"),
    (0x0202, "AC-System-Error"),
    (0x0203, "Generic-Error"),
];

/// PPP protocol numbers (IANA "PPP DLL Protocol Numbers") mipscope names.
static PPP_PROTO_VALS: &[(u64, &str)] = &[
    (0x0021, "Internet Protocol version 4"),
    (0x0031, "Bridging PDU"),
    (0x0057, "Internet Protocol version 6"),
    (0x00fd, "Compressed datagram"),
    (0x4021, "Stacker LZS"),
    (0x8021, "Internet Protocol Control Protocol"),
    (0x8057, "IPv6 Control Protocol"),
    (0x80fd, "Compression Control Protocol"),
    (0xc021, "Link Control Protocol"),
    (0xc023, "Password Authentication Protocol"),
    (0xc223, "Challenge Handshake Authentication Protocol"),
];

pub static PPPOES: FieldDef = FieldDef::new("pppoes", "PPP-over-Ethernet Session", Kind::Protocol);
pub static PPPOED: FieldDef = FieldDef::new("pppoed", "PPP-over-Ethernet Discovery", Kind::Protocol);
pub static VERSION: FieldDef = FieldDef::new("pppoe.version", "Version", Kind::Uint(1)).mask(0xf0);
pub static TYPE: FieldDef = FieldDef::new("pppoe.type", "Type", Kind::Uint(1)).mask(0x0f);
pub static CODE: FieldDef = FieldDef::new("pppoe.code", "Code", Kind::Uint(1)).hex().vals(CODE_VALS);
pub static SESSION_ID: FieldDef = FieldDef::new("pppoe.session_id", "Session ID", Kind::Uint(2)).hex();
pub static PAYLOAD_LENGTH: FieldDef = FieldDef::new("pppoe.payload_length", "Payload Length", Kind::Uint(2));
pub static TAGS: FieldDef = FieldDef::new("pppoed.tags", "PPPoE Tags", Kind::None);
pub static TAG: FieldDef = FieldDef::new("pppoed.tag", "Tag", Kind::Uint(2)).hex().vals(TAG_VALS);
pub static TAG_LENGTH: FieldDef = FieldDef::new("pppoed.tag_length", "Tag Length", Kind::Uint(2));
pub static SERVICE_NAME: FieldDef = FieldDef::new("pppoed.tags.service_name", "Service-Name", Kind::String);
pub static AC_NAME: FieldDef = FieldDef::new("pppoed.tags.ac_name", "AC-Name", Kind::String);
pub static HOST_UNIQ: FieldDef = FieldDef::new("pppoed.tags.host_uniq", "Host-Uniq", Kind::Bytes);
pub static AC_COOKIE: FieldDef = FieldDef::new("pppoed.tags.ac_cookie", "AC-Cookie", Kind::Bytes);
pub static VENDOR_ID: FieldDef = FieldDef::new("pppoed.tags.vendor_id", "Vendor id", Kind::Uint(4));
pub static VENDOR_UNSPECIFIED: FieldDef = FieldDef::new("pppoed.tags.vendor_unspecified", "Vendor unspecified", Kind::Bytes);
pub static RELAY_SESSION_ID: FieldDef = FieldDef::new("pppoed.tags.relay_session_id", "Relay-Session-Id", Kind::Bytes);
pub static SERVICE_NAME_ERROR: FieldDef = FieldDef::new("pppoed.tags.service_name_error", "Service-Name-Error", Kind::String);
pub static AC_SYSTEM_ERROR: FieldDef = FieldDef::new("pppoed.tags.ac_system_error", "AC-System-Error", Kind::String);
pub static GENERIC_ERROR: FieldDef = FieldDef::new("pppoed.tags.generic_error", "Generic-Error", Kind::String);
pub static UNKNOWN_DATA: FieldDef = FieldDef::new("pppoed.tag.unknown_data", "Unknown Data", Kind::Bytes);

pub static PPP: FieldDef = FieldDef::new("ppp", "Point-to-Point Protocol", Kind::Protocol);
pub static PPP_PROTOCOL: FieldDef = FieldDef::new("ppp.protocol", "Protocol", Kind::Uint(2)).hex().vals(PPP_PROTO_VALS);

pub static BAD_LENGTH: ExpertDef = ExpertDef::new(
    "pppoe.payload_length.bad",
    Group::Malformed,
    Severity::Error,
    "Possible bad payload length: LENGTH runs past the frame",
);
pub static TAG_LENGTH_INVALID: ExpertDef = ExpertDef::new(
    "pppoed.tag_length.invalid",
    Group::Malformed,
    Severity::Error,
    "Wrong length: the tag runs past the PPPoE payload",
);

pub static CHECK_VERSION_TYPE: ExpertDef = ExpertDef::new(
    "check.rfc2516.version_type",
    Group::Protocol,
    Severity::Warn,
    "PPPoE VER or TYPE is not 1 (RFC 2516 §4: both MUST be set to 0x1)",
);
pub static CHECK_SESSION_CODE: ExpertDef = ExpertDef::new(
    "check.rfc2516.session_code",
    Group::Protocol,
    Severity::Warn,
    "PPPoE Session stage CODE is not 0x00 (RFC 2516 §6: MUST be set to 0x00)",
);

pub static FIELDS: &[&FieldDef] = &[
    &PPPOES,
    &PPPOED,
    &VERSION,
    &TYPE,
    &CODE,
    &SESSION_ID,
    &PAYLOAD_LENGTH,
    &TAGS,
    &TAG,
    &TAG_LENGTH,
    &SERVICE_NAME,
    &AC_NAME,
    &HOST_UNIQ,
    &AC_COOKIE,
    &VENDOR_ID,
    &VENDOR_UNSPECIFIED,
    &RELAY_SESSION_ID,
    &SERVICE_NAME_ERROR,
    &AC_SYSTEM_ERROR,
    &GENERIC_ERROR,
    &UNKNOWN_DATA,
    &PPP,
    &PPP_PROTOCOL,
];
pub static EXPERTS: &[&ExpertDef] = &[&BAD_LENGTH, &TAG_LENGTH_INVALID, &CHECK_VERSION_TYPE, &CHECK_SESSION_CODE];

layout! {
    /// The PPPoE header (RFC 2516 §4), both stages.
    pub struct Header {
        pub ver_type: u8 => [&VERSION, &TYPE],
        pub code: u8 => [&CODE],
        pub session_id: u16 => [&SESSION_ID],
        pub length: u16 => [&PAYLOAD_LENGTH],
    }
}

/// The header at `off` under a `def` layer; returns the header and where its payload ends
/// (within the octets at hand: a snap length may have cut it short of what LENGTH says).
fn header(t: &mut Tree<'_>, def: &'static FieldDef, off: usize, end: usize) -> Option<(Header, usize)> {
    let p = t.protocol(def, off, end.saturating_sub(off).min(Header::LEN));
    let h = match Header::dissect(t, off, end) {
        Ok(h) => h,
        Err(at) => {
            t.truncated(at, "PPPoE header");
            t.close();
            return None;
        }
    };
    if h.ver_type != 0x11 {
        t.expert(&CHECK_VERSION_TYPE, off, 1, Some(format_args!("VER {}, TYPE {}", h.ver_type >> 4, h.ver_type & 0x0f)));
    }
    if std::ptr::eq(def, &PPPOES) && h.code != 0 {
        t.expert(&CHECK_SESSION_CODE, off + 1, 1, Some(format_args!("CODE 0x{:02x}", h.code)));
    }
    let start = off + Header::LEN;
    let len = usize::from(h.length);
    let pend = if start + len > end {
        let at_end = end == t.data.len();
        t.length_exceeds(
            &BAD_LENGTH,
            at_end,
            off + 4,
            2,
            Some(format_args!("LENGTH {len}, {} bytes follow the header", end - start)),
        );
        end
    } else {
        start + len
    };
    t.set_len(p, Header::LEN);
    Some((h, pend))
}

/// PPPoE Session stage (EtherType 0x8864): the header, then the PPP frame.
pub fn dissect_session(t: &mut Tree<'_>, off: usize, end: usize) {
    let Some((h, pend)) = header(t, &PPPOES, off, end) else { return };
    t.close();
    t.set_protocol_column("PPPoES");
    t.set_info(format_args!("{}", CODE.value_name(u64::from(h.code)).unwrap_or("Unknown code")));
    let start = off + Header::LEN;
    if pend > start {
        dissect_ppp(t, start, pend);
    }
}

/// PPPoE Discovery stage (EtherType 0x8863): the header, then the tags (RFC 2516 Appendix A).
///
/// ```text
/// |          TAG_TYPE             |        TAG_LENGTH             |
/// |          TAG_VALUE ...                                        ~
/// ```
pub fn dissect_discovery(t: &mut Tree<'_>, off: usize, end: usize) {
    let Some((h, pend)) = header(t, &PPPOED, off, end) else { return };
    // Where LENGTH says the tags end; past `pend` the capture (or the frame) ran out.
    let declared = off + Header::LEN + usize::from(h.length);
    t.set_protocol_column("PPPoED");
    t.set_info(format_args!("{}", CODE.value_name(u64::from(h.code)).unwrap_or("Unknown code")));
    let mut at = off + Header::LEN;
    if declared > at {
        let n = t.add(&TAGS, at, declared - at, Value::None);
        t.open(n);
        while at < declared {
            let rd = t.rd();
            let (Some(ty), Some(len)) = (rd.u16(at).filter(|_| at + 4 <= pend), rd.u16(at + 2)) else {
                if at + 4 > declared {
                    t.truncated(at, "PPPoE tag header");
                } else {
                    // Inside LENGTH but past the octets at hand: the capture's cut (reported
                    // here, once), or a LENGTH that lies (reported by the header).
                    t.ran_out(at, "PPPoE tag header");
                }
                break;
            };
            t.add_uint(&TAG, at, 2, u64::from(ty));
            t.add_uint(&TAG_LENGTH, at + 2, 2, u64::from(len));
            let (v, vend) = (at + 4, at + 4 + usize::from(len));
            if vend > declared {
                t.expert(&TAG_LENGTH_INVALID, at + 2, 2, Some(format_args!("length {len}, {} bytes left", declared - v)));
                break;
            }
            if vend > pend {
                t.ran_out(at, "PPPoE tag");
                break;
            }
            tag_value(t, ty, v, vend);
            at = vend;
        }
        t.close();
    }
    t.close();
}

fn tag_value(t: &mut Tree<'_>, ty: u16, v: usize, vend: usize) {
    let len = vend - v;
    let text = |def| (def, Value::Str);
    let (def, value) = match ty {
        0x0101 => text(&SERVICE_NAME),
        0x0102 => text(&AC_NAME),
        0x0201 => text(&SERVICE_NAME_ERROR),
        0x0202 => text(&AC_SYSTEM_ERROR),
        0x0203 => text(&GENERIC_ERROR),
        0x0103 => (&HOST_UNIQ, Value::Bytes),
        0x0104 => (&AC_COOKIE, Value::Bytes),
        0x0110 => (&RELAY_SESSION_ID, Value::Bytes),
        0x0105 if len >= 4 => {
            if let Some(id) = t.rd().u32(v) {
                t.add_uint(&VENDOR_ID, v, 4, u64::from(id));
            }
            if len > 4 {
                t.add(&VENDOR_UNSPECIFIED, v + 4, len - 4, Value::Bytes);
            }
            return;
        }
        _ => (&UNKNOWN_DATA, Value::Bytes),
    };
    // An empty Service-Name (any service, RFC 2516 Appendix A) has no value to show.
    if len > 0 {
        t.add(def, v, len, value);
    }
}

/// A PPP frame as PPPoE carries it (RFC 2516 §7: no Address and Control octets), RFC 1661 §2:
///
/// ```text
/// +----------+-------------+---------+
/// | Protocol | Information | Padding |
/// | 8/16 bits|      *      |    *    |
/// +----------+-------------+---------+
/// ```
/// A Protocol whose first octet is odd is one octet long (Protocol-Field-Compression, RFC 1661
/// §6.5).
pub fn dissect_ppp(t: &mut Tree<'_>, off: usize, end: usize) {
    let rd = t.rd();
    let plen = if rd.u8(off).is_some_and(|x| x & 1 == 1) { 1 } else { 2 };
    t.protocol(&PPP, off, end.saturating_sub(off).min(plen));
    let proto = match plen {
        1 => rd.u8(off).map(u16::from).filter(|_| end > off),
        _ => rd.u16(off).filter(|_| end >= off + 2),
    };
    let Some(proto) = proto else {
        t.truncated(off, "PPP protocol field");
        t.close();
        return;
    };
    t.add_uint(&PPP_PROTOCOL, off, plen, u64::from(proto));
    t.close();
    let at = off + plen;
    match proto {
        0x0021 => crate::dissect_ethertype(t, 0x0800, at, end),
        0x0057 => crate::dissect_ethertype(t, 0x86dd, at, end),
        _ => {
            t.set_protocol_column("PPP");
            let name = PPP_PROTOCOL.value_name(u64::from(proto)).unwrap_or("Unknown");
            t.set_info(format_args!("PPP {name} (0x{proto:04x})"));
            crate::data(t, at, end);
        }
    }
}
