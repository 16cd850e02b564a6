//! PPP over Ethernet (RFC 2516) as a link layer: the Session stage (EtherType 0x8864) with the
//! PPP frame it carries (RFC 1661; protocol 0x0021 IPv4 and 0x0057 IPv6 dissected, others
//! shown raw), and the Discovery stage (EtherType 0x8863) with its tags. The PPP frame
//! Enhanced GRE carries (EtherType 0x880b, RFC 2637 §4.1) is here too: the same Protocol field
//! after HDLC-like Address and Control octets ([`PppHdlc`]).
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
use crate::ipv4::LengthError;
use crate::layout;
use crate::model::{Auto, Cut, EmitCx};
use crate::tree::Tree;

crate::code_points! {
    /// PPPoE CODE (RFC 2516 §5, RFC 4938, RFC 5578, RFC 4937).
    pub enum PppoeCode: u8 {
        SessionData = 0x00 => "Session Data",
        Pado = 0x07 => "Active Discovery Offer (PADO)",
        Padi = 0x09 => "Active Discovery Initiation (PADI)",
        Padg = 0x0a => "Active Discovery Session-Grant (PADG)",
        Padc = 0x0b => "Active Discovery Session-Credit Response (PADC)",
        Padq = 0x0c => "Active Discovery Quality (PADQ)",
        Padr = 0x19 => "Active Discovery Request (PADR)",
        Pads = 0x65 => "Active Discovery Session-confirmation (PADS)",
        Padt = 0xa7 => "Active Discovery Terminate (PADT)",
        Padm = 0xd3 => "Active Discovery Message (PADM)",
        Padn = 0xd4 => "Active Discovery Network (PADN)",
    }
}
crate::wire::wire_code_point!(PppoeCode, u8);

crate::code_points! {
    /// Discovery tag types (RFC 2516 Appendix A, RFC 4638, RFC 4937, RFC 5578).
    pub enum PppoeTagType: u16 {
        EndOfList = 0x0000 => "End-Of-List",
        ServiceName = 0x0101 => "Service-Name",
        AcName = 0x0102 => "AC-Name",
        HostUniq = 0x0103 => "Host-Uniq",
        AcCookie = 0x0104 => "AC-Cookie",
        VendorSpecific = 0x0105 => "Vendor-Specific",
        Credits = 0x0106 => "Credits",
        Metrics = 0x0107 => "Metrics",
        SequenceNumber = 0x0108 => "Sequence Number",
        CreditScaleFactor = 0x0109 => "Credit Scale Factor",
        RelaySessionId = 0x0110 => "Relay-Session-Id",
        Hurl = 0x0111 => "HURL",
        Motm = 0x0112 => "MOTM",
        PppMaxPayload = 0x0120 => "PPP-Max-Payload",
        IpRouteAdd = 0x0121 => "IP_Route_Add",
        ServiceNameError = 0x0201 => "Service-Name-Error",
        AcSystemError = 0x0202 => "AC-System-Error",
        GenericError = 0x0203 => "Generic-Error",
    }
}

crate::code_points! {
    /// PPP protocol numbers (IANA "PPP DLL Protocol Numbers") mipscope names.
    pub enum PppProtocol: u16 {
        Ipv4 = 0x0021 => "Internet Protocol version 4",
        Bridging = 0x0031 => "Bridging PDU",
        Ipv6 = 0x0057 => "Internet Protocol version 6",
        Compressed = 0x00fd => "Compressed datagram",
        StackerLzs = 0x4021 => "Stacker LZS",
        Ipcp = 0x8021 => "Internet Protocol Control Protocol",
        Ipv6cp = 0x8057 => "IPv6 Control Protocol",
        Ccp = 0x80fd => "Compression Control Protocol",
        Lcp = 0xc021 => "Link Control Protocol",
        Pap = 0xc023 => "Password Authentication Protocol",
        Chap = 0xc223 => "Challenge Handshake Authentication Protocol",
    }
}

pub static PPPOES: FieldDef = FieldDef::new("pppoes", "PPP-over-Ethernet Session", Kind::Protocol).short("PPPoES");
pub static PPPOED: FieldDef = FieldDef::new("pppoed", "PPP-over-Ethernet Discovery", Kind::Protocol).short("PPPoED");
pub static VERSION: FieldDef = FieldDef::new("pppoe.version", "Version", Kind::Uint(1)).mask(0xf0);
pub static TYPE: FieldDef = FieldDef::new("pppoe.type", "Type", Kind::Uint(1)).mask(0x0f);
pub static CODE: FieldDef = FieldDef::new("pppoe.code", "Code", Kind::Uint(1))
    .hex()
    .vals(PppoeCode::VALS)
    .tshark_names(&[(11, "Active Discovery Session-Credit Resp.(PADC)")]);
pub static SESSION_ID: FieldDef = FieldDef::new("pppoe.session_id", "Session ID", Kind::Uint(2)).hex();
pub static PAYLOAD_LENGTH: FieldDef = FieldDef::new("pppoe.payload_length", "Payload Length", Kind::Uint(2));
pub static TAGS: FieldDef = FieldDef::new("pppoed.tags", "PPPoE Tags", Kind::None);
pub static TAG: FieldDef =
    FieldDef::new("pppoed.tag", "Tag", Kind::Uint(2)).hex().vals(PppoeTagType::VALS).tshark_names(&[(289, "IP Route Add")]);
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

pub static PPP: FieldDef = FieldDef::new("ppp", "Point-to-Point Protocol", Kind::Protocol).short("PPP");
pub static PPP_PROTOCOL: FieldDef = FieldDef::new("ppp.protocol", "Protocol", Kind::Uint(2)).hex().vals(PppProtocol::VALS);
pub static PPP_ADDRESS: FieldDef = FieldDef::new("ppp.address", "Address", Kind::Uint(1)).hex();
pub static PPP_CONTROL: FieldDef = FieldDef::new("ppp.control", "Control", Kind::Uint(1)).hex();

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
    &PPP_ADDRESS,
    &PPP_CONTROL,
    &PPP_PROTOCOL,
];
/// RFC 1662 §3.1: the Control field is 0x03, Unnumbered Information.
pub static CONTROL_NOT_UI: ExpertDef = ExpertDef::new(
    "ppp.control.not_ui",
    Group::Protocol,
    Severity::Warn,
    "PPP Control is not 0x03 (RFC 1662 §3.1: Unnumbered Information)",
);
pub static EXPERTS: &[&ExpertDef] =
    &[&BAD_LENGTH, &TAG_LENGTH_INVALID, &CHECK_VERSION_TYPE, &CHECK_SESSION_CODE, &CONTROL_NOT_UI];

/// The VER field of every PPPoE header (RFC 2516 §4: "MUST be set to 0x1").
pub const VER: u8 = 1;
/// The TYPE field of every PPPoE header (RFC 2516 §4: "MUST be set to 0x1").
pub const TYPE_FIELD: u8 = 1;

layout! {
    /// The PPPoE header (RFC 2516 §4), both stages.
    pub struct Header {
        pub ver_type: u8 => [&VERSION, &TYPE],
        pub code: PppoeCode => [&CODE],
        pub session_id: u16 => [&SESSION_ID],
        pub length: u16 => [&PAYLOAD_LENGTH],
    }
}

impl Header {
    /// The header's fields as the owned forms hold them (Length as given).
    fn parts(&self) -> (u8, u8, PppoeCode, u16, Auto<u16>) {
        (self.ver_type >> 4, self.ver_type & 0x0f, self.code, self.session_id, Auto::Given(self.length))
    }
    /// Parses the 6 octets; returns the header and the payload LENGTH frames within `i` (cut
    /// where `i` ends) and the octets after it.
    fn parse_framed(i: &[u8]) -> Result<(Header, &[u8], &[u8]), Cut> {
        let Ok((_, h)) = Header::parse(i) else { return Err(Cut::new(0, "PPPoE header")) };
        let end = (Header::LEN + usize::from(h.length)).min(i.len());
        Ok((h, &i[Header::LEN..end], &i[end..]))
    }
}

/// Emits a PPPoE header whose LENGTH counts `body` octets unless given.
fn emit_header(
    version: u8,
    ty: u8,
    code: PppoeCode,
    session_id: u16,
    length: Auto<u16>,
    body: usize,
    out: &mut Vec<u8>,
) -> Result<(), LengthError> {
    let length = match length.given() {
        Some(l) => l,
        None => u16::try_from(body).map_err(|_| LengthError { field: "PPPoE LENGTH", len: body, max: 65535 })?,
    };
    Header { ver_type: (version << 4) | (ty & 0x0f), code, session_id, length }.emit(out);
    Ok(())
}

/// The PPP Protocol field as PPPoE carries it (RFC 1661 §2; no Address and Control octets, RFC
/// 2516 §7): two octets, or one under Protocol-Field-Compression (RFC 1661 §6.5: a first octet
/// that is odd).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ppp {
    /// From `EmitCx::next_ethertype` unless given (IPv4 0x0021, IPv6 0x0057; IPv4 when nothing
    /// says).
    pub protocol: Auto<PppProtocol>,
    /// Sent in one octet (the value must then be odd and below 0x100).
    pub compressed: bool,
}

impl Ppp {
    /// Parses the field from the start of `i`; returns it and its length.
    pub fn parse(i: &[u8]) -> Result<(Ppp, usize), Cut> {
        match i {
            [b, ..] if b & 1 == 1 => Ok((Ppp { protocol: Auto::Given(u16::from(*b).into()), compressed: true }, 1)),
            [a, b, ..] => Ok((Ppp { protocol: Auto::Given(u16::from_be_bytes([*a, *b]).into()), compressed: false }, 2)),
            _ => Err(Cut::new(0, "PPP protocol field")),
        }
    }
    /// The protocol emitted.
    pub fn protocol(&self, cx: &EmitCx) -> PppProtocol {
        self.protocol.or_else(|| match cx.next_ethertype.map(crate::link::EtherType::from) {
            Some(crate::link::EtherType::Ipv6) => PppProtocol::Ipv6,
            _ => PppProtocol::Ipv4,
        })
    }
    pub fn wire_len(&self) -> usize {
        if self.compressed {
            1
        } else {
            2
        }
    }
    /// Appends the field.
    /// Appends the field; a compressed field (one octet, RFC 1661 §6.5) cannot say a protocol
    /// above 0xff, which is an error rather than a silently different protocol.
    pub fn emit(&self, cx: &EmitCx, out: &mut Vec<u8>) -> Result<(), LengthError> {
        let v = u16::from(self.protocol(cx));
        if self.compressed {
            let b =
                u8::try_from(v).map_err(|_| LengthError { field: "compressed PPP Protocol", len: usize::from(v), max: 0xff })?;
            out.push(b);
        } else {
            out.extend_from_slice(&v.to_be_bytes());
        }
        Ok(())
    }
    /// The EtherType of the payload a protocol number carries, if it is IP.
    pub fn ethertype(protocol: PppProtocol) -> Option<u16> {
        match protocol {
            PppProtocol::Ipv4 => Some(crate::link::EtherType::Ipv4.value()),
            PppProtocol::Ipv6 => Some(crate::link::EtherType::Ipv6.value()),
            _ => None,
        }
    }
}

/// A PPP frame's header in HDLC-like framing (RFC 1662 §3.1), as Enhanced GRE carries it (RFC
/// 2637 §4.1): the All-Stations Address 0xff and a Control octet (0x03, Unnumbered
/// Information), unless Address-and-Control-Field-Compression left them out (RFC 1661 §6.6),
/// then the Protocol field. A first octet of 0xff is the Address (no Protocol field starts
/// with it: RFC 1661 §2 makes a Protocol's first octet even, or a compressed one odd but 0xff
/// is reserved), so the octet after it is the Control, whatever its value, as tshark reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PppHdlc {
    /// The Address and Control octets, when sent.
    pub address_control: Option<[u8; 2]>,
    pub ppp: Ppp,
}

impl PppHdlc {
    /// The Address and Control octets of RFC 1662 §3.1.
    pub const ADDRESS_CONTROL: [u8; 2] = [0xff, 0x03];

    /// Parses the header from the start of `i`; returns it and its length.
    pub fn parse(i: &[u8]) -> Result<(PppHdlc, usize), Cut> {
        let [address, _] = Self::ADDRESS_CONTROL;
        let address_control = match i {
            [a, control, ..] if *a == address => Some([address, *control]),
            [a] if *a == address => return Err(Cut::new(1, "PPP Control field")),
            _ => None,
        };
        let at = if address_control.is_some() { 2 } else { 0 };
        let (ppp, n) = Ppp::parse(&i[at..]).map_err(|c| Cut::new(at + c.at, c.what))?;
        Ok((PppHdlc { address_control, ppp }, at + n))
    }
    /// Appends the header (the protocol computed from `cx` unless given).
    pub fn emit(&self, cx: &EmitCx, out: &mut Vec<u8>) -> Result<(), LengthError> {
        if let Some(ac) = self.address_control {
            out.extend_from_slice(&ac);
        }
        self.ppp.emit(cx, out)
    }
}

/// A PPPoE Session stage header (EtherType 0x8864, RFC 2516 §6) with the PPP Protocol field,
/// owned and lossless: octets past LENGTH (Ethernet padding) are the `trailer`. The dissector
/// parses with the same `Header` layout and [`Ppp::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PppoeSession<B> {
    /// VER (4 bits; 1).
    pub version: u8,
    /// TYPE (4 bits; 1).
    pub ty: u8,
    pub code: PppoeCode,
    pub session_id: u16,
    /// The PPP frame's length (Protocol field and payload) unless given.
    pub length: Auto<u16>,
    /// `None` when LENGTH frames no PPP octet.
    pub ppp: Option<Ppp>,
    pub trailer: B,
}

impl<'a> PppoeSession<&'a [u8]> {
    /// Parses from the start of `i` (the rest of the frame); returns the header and its length
    /// (the PPPoE header and the PPP Protocol field). The payload is `i[len..i.len() -
    /// trailer.len()]`.
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), Cut> {
        let (h, body, trailer) = Header::parse_framed(i)?;
        let (version, ty, code, session_id, length) = h.parts();
        let (ppp, plen) = if body.is_empty() {
            (None, 0)
        } else {
            let (p, n) = Ppp::parse(body).map_err(|c| Cut::new(Header::LEN + c.at, c.what))?;
            (Some(p), n)
        };
        Ok((PppoeSession { version, ty, code, session_id, length, ppp, trailer }, Header::LEN + plen))
    }
}

impl<B: AsRef<[u8]>> PppoeSession<B> {
    /// A session header for `session_id` carrying a PPP frame, everything derivable computed.
    pub fn new(session_id: u16, trailer: B) -> Self {
        PppoeSession {
            version: VER,
            ty: TYPE_FIELD,
            code: PppoeCode::SessionData,
            session_id,
            length: Auto::Computed,
            ppp: Some(Ppp { protocol: Auto::Computed, compressed: false }),
            trailer,
        }
    }
    pub fn to_owned(&self) -> PppoeSession<Vec<u8>> {
        PppoeSession {
            version: self.version,
            ty: self.ty,
            code: self.code,
            session_id: self.session_id,
            length: self.length,
            ppp: self.ppp,
            trailer: self.trailer.as_ref().to_vec(),
        }
    }
    /// Appends the header, the PPP Protocol field, `payload` and the trailer; LENGTH counts the
    /// PPP frame unless given.
    pub fn emit(&self, payload: &[u8], cx: &EmitCx, out: &mut Vec<u8>) -> Result<(), LengthError> {
        let ppp_len = self.ppp.map_or(0, |p| p.wire_len());
        emit_header(self.version, self.ty, self.code, self.session_id, self.length, ppp_len + payload.len(), out)?;
        if let Some(p) = self.ppp {
            p.emit(cx, out)?;
        }
        out.extend_from_slice(payload);
        out.extend_from_slice(self.trailer.as_ref());
        Ok(())
    }
}

/// One Discovery tag (RFC 2516 Appendix A) as the walk finds it; what cannot be framed is kept
/// raw, so re-emitting reproduces the tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PppoeTag<B> {
    /// TAG_TYPE, TAG_LENGTH (the value's length unless given), TAG_VALUE.
    Tag { tag_type: PppoeTagType, length: Auto<u16>, value: B },
    /// A tag whose TAG_LENGTH runs past the tags: its value is every octet left.
    Overrun { tag_type: PppoeTagType, length: u16, rest: B },
    /// Fewer than the 4 octets of a tag header left.
    Partial(B),
}

impl<B: AsRef<[u8]>> PppoeTag<B> {
    pub fn as_ref(&self) -> PppoeTag<&[u8]> {
        match self {
            PppoeTag::Tag { tag_type, length, value } => {
                PppoeTag::Tag { tag_type: *tag_type, length: *length, value: value.as_ref() }
            }
            PppoeTag::Overrun { tag_type, length, rest } => {
                PppoeTag::Overrun { tag_type: *tag_type, length: *length, rest: rest.as_ref() }
            }
            PppoeTag::Partial(b) => PppoeTag::Partial(b.as_ref()),
        }
    }
    pub fn to_owned(&self) -> PppoeTag<Vec<u8>> {
        match self.as_ref() {
            PppoeTag::Tag { tag_type, length, value } => PppoeTag::Tag { tag_type, length, value: value.to_vec() },
            PppoeTag::Overrun { tag_type, length, rest } => PppoeTag::Overrun { tag_type, length, rest: rest.to_vec() },
            PppoeTag::Partial(b) => PppoeTag::Partial(b.to_vec()),
        }
    }
    pub fn wire_len(&self) -> usize {
        match self {
            PppoeTag::Tag { value, .. } => 4 + value.as_ref().len(),
            PppoeTag::Overrun { rest, .. } => 4 + rest.as_ref().len(),
            PppoeTag::Partial(b) => b.as_ref().len(),
        }
    }
    /// Appends the tag; a value too long for TAG_LENGTH is refused.
    pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), LengthError> {
        let (ty, len, v) = match self {
            PppoeTag::Tag { tag_type, length, value } => {
                let v = value.as_ref();
                let len = match length.given() {
                    Some(l) => l,
                    None => {
                        u16::try_from(v.len()).map_err(|_| LengthError { field: "PPPoE TAG_LENGTH", len: v.len(), max: 65535 })?
                    }
                };
                (*tag_type, len, v)
            }
            PppoeTag::Overrun { tag_type, length, rest } => (*tag_type, *length, rest.as_ref()),
            PppoeTag::Partial(b) => {
                out.extend_from_slice(b.as_ref());
                return Ok(());
            }
        };
        out.extend_from_slice(&u16::from(ty).to_be_bytes());
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(v);
        Ok(())
    }
}

/// The walk over Discovery tags, the one the dissector annotates from: each tag with its
/// offset from the tags' start, without allocating; it ends after a tag it cannot frame.
#[derive(Debug, Clone)]
pub struct PppoeTagWalk<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> PppoeTagWalk<'a> {
    pub const fn new(tags: &'a [u8]) -> Self {
        PppoeTagWalk { b: tags, at: 0 }
    }
}

impl<'a> Iterator for PppoeTagWalk<'a> {
    type Item = (usize, PppoeTag<&'a [u8]>);
    fn next(&mut self) -> Option<Self::Item> {
        let at = self.at;
        let rest = self.b.get(at..).filter(|r| !r.is_empty())?;
        let Some(&[a, b, c, d]) = rest.first_chunk::<4>() else {
            self.at = self.b.len();
            return Some((at, PppoeTag::Partial(rest)));
        };
        let tag_type = PppoeTagType::from(u16::from_be_bytes([a, b]));
        let length = u16::from_be_bytes([c, d]);
        match rest.get(4..4 + usize::from(length)) {
            Some(value) => {
                self.at = at + 4 + value.len();
                Some((at, PppoeTag::Tag { tag_type, length: Auto::Given(length), value }))
            }
            None => {
                self.at = self.b.len();
                Some((at, PppoeTag::Overrun { tag_type, length, rest: &rest[4..] }))
            }
        }
    }
}

/// A Discovery stage's tags: as parsed (walked on demand with [`PppoeTagWalk`]), or a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PppoeTags<B> {
    Wire(B),
    List(Vec<PppoeTag<B>>),
}

impl<B: AsRef<[u8]>> PppoeTags<B> {
    /// Every tag in order (a list's with its offset as emitted).
    pub fn iter(&self) -> impl Iterator<Item = (usize, PppoeTag<&[u8]>)> + '_ {
        let (wire, list) = match self {
            PppoeTags::Wire(b) => (Some(PppoeTagWalk::new(b.as_ref())), None),
            PppoeTags::List(l) => (None, Some(l)),
        };
        let mut at = 0;
        wire.into_iter().flatten().chain(list.into_iter().flatten().map(move |o| {
            let here = at;
            at += o.wire_len();
            (here, o.as_ref())
        }))
    }
    pub fn wire_len(&self) -> usize {
        match self {
            PppoeTags::Wire(b) => b.as_ref().len(),
            PppoeTags::List(l) => l.iter().map(PppoeTag::wire_len).sum(),
        }
    }
    pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), LengthError> {
        match self {
            PppoeTags::Wire(b) => out.extend_from_slice(b.as_ref()),
            PppoeTags::List(l) => {
                for t in l {
                    t.emit(out)?;
                }
            }
        }
        Ok(())
    }
    pub fn to_owned(&self) -> PppoeTags<Vec<u8>> {
        PppoeTags::List(self.iter().map(|(_, t)| t.to_owned()).collect())
    }
}

/// A PPPoE Discovery stage packet (EtherType 0x8863, RFC 2516 §5) with its tags, owned and
/// lossless: octets past LENGTH are the `trailer`. A terminal element: LENGTH counts the tags
/// unless given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PppoeDiscovery<B> {
    pub version: u8,
    pub ty: u8,
    pub code: PppoeCode,
    pub session_id: u16,
    pub length: Auto<u16>,
    pub tags: PppoeTags<B>,
    pub trailer: B,
}

impl<'a> PppoeDiscovery<&'a [u8]> {
    /// Parses from the start of `i` (the rest of the frame); returns it and its length.
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), Cut> {
        let (h, body, trailer) = Header::parse_framed(i)?;
        let (version, ty, code, session_id, length) = h.parts();
        let d = PppoeDiscovery { version, ty, code, session_id, length, tags: PppoeTags::Wire(body), trailer };
        Ok((d, Header::LEN + body.len()))
    }
}

impl<B: AsRef<[u8]>> PppoeDiscovery<B> {
    pub fn to_owned(&self) -> PppoeDiscovery<Vec<u8>> {
        PppoeDiscovery {
            version: self.version,
            ty: self.ty,
            code: self.code,
            session_id: self.session_id,
            length: self.length,
            tags: self.tags.to_owned(),
            trailer: self.trailer.as_ref().to_vec(),
        }
    }
    /// Appends the packet and its trailer.
    pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), LengthError> {
        emit_header(self.version, self.ty, self.code, self.session_id, self.length, self.tags.wire_len(), out)?;
        self.tags.emit(out)?;
        out.extend_from_slice(self.trailer.as_ref());
        Ok(())
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
    if (h.ver_type >> 4, h.ver_type & 0x0f) != (VER, TYPE_FIELD) {
        t.expert(&CHECK_VERSION_TYPE, off, 1, Some(format_args!("VER {}, TYPE {}", h.ver_type >> 4, h.ver_type & 0x0f)));
    }
    if std::ptr::eq(def, &PPPOES) && h.code != PppoeCode::SessionData {
        t.expert(&CHECK_SESSION_CODE, off + 1, 1, Some(format_args!("CODE 0x{:02x}", h.code.value())));
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
    t.set_info(format_args!("{}", h.code.name().unwrap_or("Unknown code")));
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
    t.set_info(format_args!("{}", h.code.name().unwrap_or("Unknown code")));
    let start = off + Header::LEN;
    if declared > start {
        let n = t.add(&TAGS, start, declared - start, Value::None);
        t.open(n);
        // The tags as the owned form walks them, over the octets at hand.
        let mut at = start;
        let mut partial = false;
        for (rel, tag) in PppoeTagWalk::new(t.bytes(start, pend)) {
            at = start + rel;
            let (tag_type, len, whole) = match tag {
                PppoeTag::Partial(_) => {
                    partial = true;
                    break;
                }
                PppoeTag::Tag { tag_type, length, .. } => (tag_type, length.given().unwrap_or(0), true),
                PppoeTag::Overrun { tag_type, length, .. } => (tag_type, length, false),
            };
            t.add_uint(&TAG, at, 2, u64::from(tag_type.value()));
            t.add_uint(&TAG_LENGTH, at + 2, 2, u64::from(len));
            let (v, vend) = (at + 4, at + 4 + usize::from(len));
            if vend > declared {
                t.expert(&TAG_LENGTH_INVALID, at + 2, 2, Some(format_args!("length {len}, {} bytes left", declared - v)));
                break;
            }
            if !whole {
                t.ran_out(at, "PPPoE tag");
                break;
            }
            tag_value(t, tag_type, v, vend);
            at = vend;
        }
        if partial || (at < declared && at >= pend) {
            if at + 4 > declared {
                t.truncated(at, "PPPoE tag header");
            } else {
                // Inside LENGTH but past the octets at hand: the capture's cut (reported
                // here, once), or a LENGTH that lies (reported by the header).
                t.ran_out(at, "PPPoE tag header");
            }
        }
        t.close();
    }
    t.close();
}

fn tag_value(t: &mut Tree<'_>, ty: PppoeTagType, v: usize, vend: usize) {
    let len = vend - v;
    let text = |def| (def, Value::Str);
    let (def, value) = match ty {
        PppoeTagType::ServiceName => text(&SERVICE_NAME),
        PppoeTagType::AcName => text(&AC_NAME),
        PppoeTagType::ServiceNameError => text(&SERVICE_NAME_ERROR),
        PppoeTagType::AcSystemError => text(&AC_SYSTEM_ERROR),
        PppoeTagType::GenericError => text(&GENERIC_ERROR),
        PppoeTagType::HostUniq => (&HOST_UNIQ, Value::Bytes),
        PppoeTagType::AcCookie => (&AC_COOKIE, Value::Bytes),
        PppoeTagType::RelaySessionId => (&RELAY_SESSION_ID, Value::Bytes),
        PppoeTagType::VendorSpecific if len >= 4 => {
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
    let parsed = Ppp::parse(t.bytes(off, end)).map(|(ppp, n)| (PppHdlc { address_control: None, ppp }, n));
    ppp_frame(t, off, end, parsed, false);
}

/// A PPP frame in HDLC-like framing at `off..end` (Enhanced GRE's payload, [`PppHdlc`]) and the
/// packet it carries.
pub fn dissect_ppp_hdlc(t: &mut Tree<'_>, off: usize, end: usize) {
    let parsed = PppHdlc::parse(t.bytes(off, end));
    ppp_frame(t, off, end, parsed, true);
}

/// The PPP header (`hdlc`: in Enhanced GRE, whose PPP names the Protocol column until the packet
/// it carries does, as tshark; in PPPoE the column stays PPPoES unless the protocol is not IP).
fn ppp_frame(t: &mut Tree<'_>, off: usize, end: usize, parsed: Result<(PppHdlc, usize), Cut>, hdlc: bool) {
    let hlen = parsed.map_or(2, |(_, n)| n);
    t.protocol(&PPP, off, end.saturating_sub(off).min(hlen));
    if hdlc {
        t.set_protocol_column("PPP");
    }
    let (h, at) = match parsed {
        Ok((h, n)) => (h, off + n),
        Err(c) => {
            t.truncated(off + c.at, c.what);
            t.close();
            return;
        }
    };
    if let Some([address, control]) = h.address_control {
        t.add_uint(&PPP_ADDRESS, off, 1, u64::from(address));
        t.add_uint(&PPP_CONTROL, off + 1, 1, u64::from(control));
        if control != PppHdlc::ADDRESS_CONTROL[1] {
            t.expert(&CONTROL_NOT_UI, off + 1, 1, Some(format_args!("0x{control:02x}")));
        }
    }
    let proto = h.ppp.protocol.given().unwrap_or(PppProtocol::Unknown(0));
    t.add_uint(&PPP_PROTOCOL, at - h.ppp.wire_len(), h.ppp.wire_len(), u64::from(proto.value()));
    t.close();
    match Ppp::ethertype(proto) {
        // tshark's generic `ip` for 0x0021; an IPv6 packet it refuses falls back as any
        // protocol PPP does not decode (the number as protocol, "PPP <name> (0x0057)").
        Some(_) if proto == PppProtocol::Ipv4 => crate::ipv4::dissect_any(t, at, end),
        Some(_) if proto == PppProtocol::Ipv6 => {
            if !crate::ipv6::dissect(t, at, end) {
                t.set_protocol_column("0x0057");
                t.set_info(format_args!("PPP {} (0x0057)", PppProtocol::Ipv6.name().unwrap_or("Unknown")));
                crate::data(t, at, end);
            }
        }
        Some(ty) => crate::dissect_ethertype(t, ty, at, end),
        None => {
            // tshark's fallback: the number as protocol, "PPP <name> (0x....)" as Info.
            t.set_protocol_column(crate::format::hex16_name(proto.value()));
            let name = proto.name().unwrap_or("Unknown");
            t.set_info(format_args!("PPP {name} (0x{:04x})", proto.value()));
            crate::data(t, at, end);
        }
    }
}
