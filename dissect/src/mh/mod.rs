//! The Mobility Header (RFC 6275 §6.1), IPv6 next header 135.
//!
//! [`dissect`] builds the tree for the common header, the message's fixed part
//! ([`msg`]) and its options ([`opt`]), verifies the checksum against the pseudo-header the IP
//! layer worked out (Home Address option and type 2 routing header aware), and reports every
//! inconsistency as an expert item while decoding as much as the bytes allow.
//! [`MhRepr`] is the owned, lossless form that `craft` emits back to identical bytes.

/// The family of module `$m` (its `DEFS`, `FIELDS` and `EXPERTS`), for a list of families.
macro_rules! family {
    ($m:ident) => {
        $crate::mh::Family { rows: $m::DEFS, fields: $m::FIELDS, experts: $m::EXPERTS }
    };
}

/// Declares a module's fields once, in order, and lists them in its `FIELDS` (what the
/// registry reads): a field is one declaration here, never a second entry in a list. (Option
/// presence fields are not among them: the option rows name those.)
/// `list NAME;` first names the list otherwise called `FIELDS` (for modules whose items are
/// re-exported together, as the seeds' are).
macro_rules! fields {
    (list $list:ident; $( $(#[$m:meta])* pub static $name:ident: FieldDef = $def:expr; )*) => {
        $( $(#[$m])* pub static $name: FieldDef = $def; )*
        /// This module's fields as declared (the registry's list of them).
        pub static $list: &[&FieldDef] = &[ $( &$name ),* ];
    };
    ($( $(#[$m:meta])* pub static $name:ident: FieldDef = $def:expr; )*) => {
        $crate::mh::fields! { list FIELDS; $( $(#[$m])* pub static $name: FieldDef = $def; )* }
    };
}
pub(crate) use fields;

pub mod msg;
pub mod opt;
pub mod seeds;
pub mod ts;

/// UDP port of the Mobility Header over IPv4 (RFC 5844's IPv4 transport, IANA's `pmip6-cntl`):
/// the default of `pmip6.udp_port`.
pub const UDP_PORT: u16 = 5436;

use crate::analysis::MsgFixed;
use crate::checksum;
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::model::{Auto, EmitCx};
use crate::prefs::Prefs;
use crate::tree::Tree;
use crate::wire::{MipError, PResult};
use crate::IpCtx;
use nom::error::{ErrorKind, ParseError};
use opt::MhOption;

crate::code_points! {
    /// MH types with IANA's names (RFC 6275 and later): the message rows ([`msg`]) are numbered
    /// and named from these, and `mip6.mhtype` shows them.
    pub enum MhType: u8 {
        BindingRefreshRequest = 0 => "Binding Refresh Request",
        HomeTestInit = 1 => "Home Test Init",
        CareOfTestInit = 2 => "Care-of Test Init",
        HomeTest = 3 => "Home Test",
        CareOfTest = 4 => "Care-of Test",
        BindingUpdate = 5 => "Binding Update",
        BindingAcknowledgement = 6 => "Binding Acknowledgement",
        BindingError = 7 => "Binding Error",
        FastBindingUpdate = 8 => "Fast Binding Update",
        FastBindingAcknowledgment = 9 => "Fast Binding Acknowledgment",
        FastNeighborAdvertisement = 10 => "Fast Neighbor Advertisement",
        ExperimentalMobilityHeader = 11 => "Experimental Mobility Header",
        HomeAgentSwitch = 12 => "Home Agent Switch",
        Heartbeat = 13 => "Heartbeat",
        HandoverInitiate = 14 => "Handover Initiate",
        HandoverAcknowledge = 15 => "Handover Acknowledge",
        BindingRevocation = 16 => "Binding Revocation",
        LocalizedRoutingInitiation = 17 => "Localized Routing Initiation",
        LocalizedRoutingAcknowledgment = 18 => "Localized Routing Acknowledgment",
        UpdateNotification = 19 => "Update Notification",
        UpdateNotificationAcknowledgement = 20 => "Update Notification Acknowledgement",
        FlowBinding = 21 => "Flow Binding",
        SubscriptionQuery = 22 => "Subscription Query",
        SubscriptionResponse = 23 => "Subscription Response",
    }
}

impl MhType {
    /// IANA's name of an assigned type, for the message rows (declared for assigned types only).
    pub const fn row_name(self) -> &'static str {
        match self.name() {
            Some(n) => n,
            None => "Unknown Mobility Header",
        }
    }
}

fn hlen_text(v: &Value, out: &mut dyn crate::format::Sink) {
    if let Value::Uint(n) = *v {
        crate::format::write_dec(out, n);
        out.push_str(" (");
        crate::format::write_dec(out, (n + 1) * 8);
        out.push_str(" bytes)");
    }
}

crate::mh::fields! {
    pub static MIPV6: FieldDef = FieldDef::new("mipv6", "Mobile IPv6", Kind::Protocol).short("MIPv6");
    pub static PROTO: FieldDef = FieldDef::new("mip6.proto", "Payload protocol", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
    pub static HLEN: FieldDef = FieldDef::new("mip6.hlen", "Header length", Kind::Uint(1))
        .custom(hlen_text)
        .blurb("Length in 8-octet units, not counting the first 8 octets");
    pub static MHTYPE: FieldDef = FieldDef::new("mip6.mhtype", "Mobility Header Type", Kind::Uint(1)).vals(MhType::VALS);
    /// Second row of `mip6.mhtype`, for the MH types a preference numbers (seed 004's Proxy
    /// HoTI/HoT): the node carries the draft's name (registered after `MHTYPE`, one field).
    pub static MHTYPE_NAMED: FieldDef = FieldDef::new("mip6.mhtype", "Mobility Header Type", Kind::Uint(1)).node_named();
    pub static RESERVED: FieldDef = FieldDef::new("mip6.reserved", "Reserved", Kind::Uint(1)).hex();
    pub static CSUM: FieldDef = FieldDef::new("mip6.csum", "Checksum", Kind::Uint(2)).hex();
    pub static CSUM_STATUS: FieldDef = FieldDef::new("mip6.csum.status", "Checksum Status", Kind::String)
        .blurb("good, bad, or unverified (not fully captured, carried over UDP, or verification off)");
    pub static CSUM_CALC: FieldDef = FieldDef::new("mip6.csum.calculated", "Calculated Checksum", Kind::Uint(2)).hex();
    pub static MSG: FieldDef = FieldDef::new("mip6.msg", "Message", Kind::None);
}

layout! {
    /// The 6-octet common header (RFC 6275 §6.1.1).
    pub struct MhHeader {
        pub proto: u8 => [&PROTO],
        pub hdr_len: u8 => [&HLEN],
        pub mh_type: u8 => [&MHTYPE],
        pub reserved: u8 => [&RESERVED],
        pub checksum: u16 => [&CSUM],
    }
}

/// Expert items of the Mobility Header.
pub mod expert {
    use super::*;
    pub static BOGUS_HEADER_LENGTH: ExpertDef =
        ExpertDef::new("mip6.bogus_header_length", Group::Protocol, Severity::Warn, "Bogus header length");
    pub static OPT_LEN_INVALID: ExpertDef =
        ExpertDef::new("mip6.opt.len.invalid", Group::Protocol, Severity::Warn, "Invalid length for option");
    pub static OPT_ALIGNMENT: ExpertDef =
        ExpertDef::new("mip6.opt.alignment", Group::Protocol, Severity::Warn, "Option alignment rule broken");
    pub static OPT_UNKNOWN: ExpertDef =
        ExpertDef::new("mip6.ie_not_dissected", Group::Undecoded, Severity::Note, "Unknown mobility option");
    pub static RESERVED_NONZERO: ExpertDef =
        ExpertDef::new("mip6.reserved.nonzero", Group::Protocol, Severity::Note, "Reserved bits not zero");
    pub static UNKNOWN_TYPE: ExpertDef =
        ExpertDef::new("mip6.mhtype.unknown", Group::Undecoded, Severity::Note, "Unknown Mobility Header type");
    pub static CSUM_BAD: ExpertDef =
        ExpertDef::new("mip6.csum.bad", Group::Checksum, Severity::Error, "Bad Mobility Header checksum");
    pub static TRUNCATED: ExpertDef =
        ExpertDef::new("mip6.truncated", Group::Malformed, Severity::Error, "Mobility Header truncated");
    pub static TRAILING: ExpertDef =
        ExpertDef::new("mip6.trailing", Group::Protocol, Severity::Warn, "Bytes after the Mobility Header inside the IP payload");
    pub static EXPERTS: &[&ExpertDef] = &[
        &BOGUS_HEADER_LENGTH,
        &OPT_LEN_INVALID,
        &OPT_ALIGNMENT,
        &OPT_UNKNOWN,
        &RESERVED_NONZERO,
        &UNKNOWN_TYPE,
        &CSUM_BAD,
        &TRUNCATED,
        &TRAILING,
    ];
}

/// One module's rows (message or option types), fields and expert items. The type lookups
/// and the registry are built from these lists, so a row is written once, in its module.
pub struct Family<R: 'static> {
    pub rows: &'static [R],
    pub fields: &'static [&'static FieldDef],
    pub experts: &'static [&'static ExpertDef],
}

/// The families' rows by code, one slot per octet value (built once per lookup table). Codes
/// are unique across a list's families (each list's tests check it); were one repeated, the
/// first row would win.
fn index<R>(families: &'static [Family<R>], code: fn(&R) -> u8) -> [Option<&'static R>; 256] {
    let mut slots = [None; 256];
    for row in families.iter().flat_map(|f| f.rows) {
        slots[usize::from(code(row))].get_or_insert(row);
    }
    slots
}

/// How the Mobility Header arrived: its checksum depends on it.
#[derive(Debug, Clone, Copy)]
pub enum Carrier {
    /// Directly over IP: the checksum covers the pseudo-header of this context.
    Ip(IpCtx),
    /// Inside UDP (PMIPv6 IPv4 transport, RFC 5844): not verified.
    Udp,
}

/// Declares [`MhBody`]: one variant per owned message body (each type's MH Type, parse and
/// emit come from its row, [`msg::MsgRow`], and its [`msg::Body`] / [`msg::Typed`] impls), plus
/// `Raw`; and `From` each body type.
macro_rules! mh_bodies {
    ($( $(#[$m:meta])* $v:ident($ty:ty) ),* $(,)?) => {
        /// A message body, owned: the message data after the common header, before the options.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum MhBody {
            $( $(#[$m])* $v($ty), )*
            /// A type with no message row under the profile, or a fixed part cut short (by the
            /// bytes or by Header Len): the MH Type and every octet after the common header.
            Raw { mh_type: MhType, data: Vec<u8> },
        }
        $( impl From<$ty> for MhBody {
            fn from(v: $ty) -> Self {
                MhBody::$v(v)
            }
        } )*
        impl MhBody {
            /// The MH Type the body is sent with (a seed message's from the profile unless given).
            pub fn mh_type(&self, prefs: &Prefs) -> u8 {
                match self {
                    $( MhBody::$v(v) => msg::Typed::mh_type(v, prefs), )*
                    MhBody::Raw { mh_type, .. } => mh_type.value(),
                }
            }
            /// Appends the body's octets.
            pub fn emit(&self, out: &mut Vec<u8>) -> Result<(), MhEmitError> {
                match self {
                    $( MhBody::$v(v) => msg::Body::emit_body(v, out), )*
                    MhBody::Raw { data, .. } => {
                        out.extend_from_slice(data);
                        Ok(())
                    }
                }
            }
        }
    };
}

mh_bodies! {
    Brr(msg::binding::Brr),
    Hoti(msg::rr::Hoti),
    Coti(msg::rr::Coti),
    Hot(msg::rr::Hot),
    Cot(msg::rr::Cot),
    Bu(msg::binding::Bu),
    Ba(msg::binding::Ba),
    Be(msg::binding::Be),
    Fbu(msg::fmip::Fbu),
    Fback(msg::fmip::Fback),
    Fna(msg::fmip::Fna),
    Emh(msg::experimental::Emh),
    Has(msg::ha_switch::Has),
    Hb(msg::heartbeat::Hb),
    Hi(msg::handover::Hi),
    Hack(msg::handover::Hack),
    Br(msg::revocation::Br),
    Lri(msg::localized_routing::Lri),
    Lra(msg::localized_routing::Lra),
    Upn(msg::update_notification::Upn),
    Upa(msg::update_notification::Upa),
    Fb(msg::flow_binding::Fb),
    Sq(msg::subscription::Sq),
    Sr(msg::subscription::Sr),
    /// Seed 004's Proxy Home Test Init, at the profile's number.
    Photi(seeds::Drafted<seeds::Photi>),
    /// Seed 004's Proxy Home Test, at the profile's number.
    Phot(seeds::Drafted<seeds::Phot>),
}

/// Length of the fixed part of the message at `mh_type` under `prefs` (its row's minimum).
pub fn fixed_len(mh_type: u8, prefs: &Prefs) -> Option<usize> {
    lookup_msg(mh_type, prefs).map(|d| d.min_len)
}

/// A whole Mobility Header, owned and lossless: `emit(parse(x)) == x` for any input that has
/// at least the 6-octet common header. What the header derives is [`Auto`]: a parse gives the
/// wire's values, a built header leaves them computed (see [`MhRepr::emit`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MhRepr {
    /// Payload Proto: 59 (IPPROTO_NONE, RFC 6275 §6.1.1) unless given, or
    /// [`EmitCx::next_proto`] when the context names one.
    pub proto: Auto<u8>,
    /// Header Len: from the emitted length unless given.
    pub hdr_len: Auto<u8>,
    pub reserved: u8,
    /// Checksum: over the IPv6 pseudo-header of [`EmitCx::ip`] unless given.
    pub checksum: Auto<u16>,
    /// The message (its MH Type is the body's).
    pub body: MhBody,
    pub options: Vec<MhOption>,
    /// Octets of Pad1/PadN appended after the options: computed to make the header a multiple
    /// of 8 octets unless given (a parse gives 0: its padding is in `options`).
    pub padding: Auto<usize>,
    /// Octets after the last whole option: an option cut short, or anything past Header Len.
    pub trailing: Vec<u8>,
}

impl MhRepr {
    /// A header carrying `body` with everything derived left to be computed, no options.
    pub fn new(body: impl Into<MhBody>) -> Self {
        MhRepr {
            proto: Auto::Computed,
            hdr_len: Auto::Computed,
            reserved: 0,
            checksum: Auto::Computed,
            body: body.into(),
            options: Vec::new(),
            padding: Auto::Computed,
            trailing: Vec::new(),
        }
    }

    /// Parses a Mobility Header from the start of `i`, consuming all of `i`, under the `rfc`
    /// profile's numbers.
    pub fn parse(i: &[u8]) -> PResult<'_, Self> {
        Self::parse_in(i, &Prefs::default())
    }

    /// Parses a Mobility Header under `prefs`: the message by the row the dissector decodes it
    /// with ([`lookup_msg`]: the profile's draft messages first), its options framed as the
    /// dissector frames them (`opt::data_len`; profile-numbered draft options as the seeds'
    /// rows, `MhOption::Seed`).
    pub fn parse_in<'a>(i: &'a [u8], prefs: &Prefs) -> PResult<'a, Self> {
        let (rest, header) = MhHeader::parse(i)?;
        let declared = (usize::from(header.hdr_len) + 1) * 8;
        let msg_end = declared.min(i.len());
        let parsed = lookup_msg(header.mh_type, prefs).and_then(|d| (d.parse)(header.mh_type, &i[MhHeader::LEN..msg_end]));
        let (body, consumed) = match parsed {
            Some((b, n)) => (b, MhHeader::LEN + n),
            None => (MhBody::Raw { mh_type: MhType::from(header.mh_type), data: rest.to_vec() }, i.len()),
        };
        let opt_end = msg_end.max(consumed);
        let mut area = &i[consumed..opt_end];
        let mut options = Vec::new();
        while !area.is_empty() {
            match MhOption::parse_in(area, prefs) {
                Ok((r, o)) => {
                    options.push(o);
                    area = r;
                }
                Err(_) => break,
            }
        }
        let mut trailing = area.to_vec();
        trailing.extend_from_slice(&i[opt_end..]);
        let repr = MhRepr {
            proto: Auto::Given(header.proto),
            hdr_len: Auto::Given(header.hdr_len),
            reserved: header.reserved,
            checksum: Auto::Given(header.checksum),
            body,
            options,
            padding: Auto::Given(0),
            trailing,
        };
        Ok((&i[i.len()..], repr))
    }

    /// The MH Type the header is sent with under `prefs`.
    pub fn mh_type(&self, prefs: &Prefs) -> u8 {
        self.body.mh_type(prefs)
    }

    /// Octets `emit` writes.
    pub fn buffer_len(&self) -> usize {
        let prefs = Prefs::default();
        let mut v = Vec::new();
        let _ = self.emit_unchecked(&EmitCx::new(&prefs), &mut v);
        v.len()
    }

    /// Appends the header's octets, computing what is [`Auto::Computed`]: Payload Proto
    /// (`cx.next_proto`, else 59), the MH Type from the body (a seed message's from
    /// `cx.prefs`), Pad1/PadN up to a multiple of 8 octets, Header Len from the emitted length
    /// (an error when it cannot describe it: nothing is appended then), and the checksum over
    /// the IPv6 pseudo-header of `cx.ip` and the octets Header Len covers (0 without an IPv6
    /// context: a Mobility Header carried in UDP is not checksummed over IPv4). A parsed header
    /// emits exactly its bytes.
    pub fn emit(&self, cx: &EmitCx, out: &mut Vec<u8>) -> Result<(), MhEmitError> {
        let start = out.len();
        let r = self.emit_unchecked(cx, out);
        if r.is_err() {
            out.truncate(start);
        }
        r
    }

    fn emit_unchecked(&self, cx: &EmitCx, out: &mut Vec<u8>) -> Result<(), MhEmitError> {
        let start = out.len();
        MhHeader {
            proto: self.proto.or_else(|| cx.next_proto.unwrap_or(59)),
            hdr_len: self.hdr_len.given().unwrap_or(0),
            mh_type: self.body.mh_type(cx.prefs),
            reserved: self.reserved,
            checksum: self.checksum.given().unwrap_or(0),
        }
        .emit(out);
        self.body.emit(out)?;
        // A built header (padding Computed) lays its options out by RFC 6275 §6.2 (each option's
        // xn+y with Pad1/PadN, `opt::lay_out`); a parsed one emits them as they were.
        if self.padding == Auto::Computed {
            opt::lay_out(&self.options, out.len() - start, cx.prefs, |slot| {
                let at = out.len();
                match slot {
                    opt::Slot::Pad(n) => emit_padding(n, out),
                    opt::Slot::Opt(o) => o.emit(cx, out)?,
                }
                Ok::<_, MhEmitError>(out.len() - at)
            })?;
        } else {
            emit_options(&self.options, cx, out)?;
        }
        let pad = self.padding.or_else(|| (8 - (out.len() - start + self.trailing.len()) % 8) % 8);
        emit_padding(pad, out);
        out.extend_from_slice(&self.trailing);
        let total = out.len() - start;
        let hdr_len = match self.hdr_len {
            Auto::Given(v) => v,
            Auto::Computed => Self::hdr_len_for(total)?,
        };
        out[start + 1] = hdr_len;
        if self.checksum == Auto::Computed {
            if let Some(crate::IpCtx::V6 { src, dst }) = cx.ip {
                // Over what Header Len says the header is, as the receiver checks it.
                let n = ((usize::from(hdr_len) + 1) * 8).min(total);
                let c = checksum::compute(
                    checksum::pseudo6(&src, &dst, n as u32, crate::IpProto::Mobility.value()),
                    &out[start..start + n],
                );
                out[start + 4..start + 6].copy_from_slice(&c.to_be_bytes());
            }
        }
        Ok(())
    }

    /// Header Len for a header of `n` octets: one octet counting 8-octet units after the first
    /// 8 (RFC 6275 §6.1.1), so 8 to [`MhRepr::MAX_LEN`] octets in steps of 8.
    pub fn hdr_len_for(n: usize) -> Result<u8, HdrLenError> {
        if n == 0 || !n.is_multiple_of(8) {
            return Err(HdrLenError::NotMultipleOf8(n));
        }
        if n > Self::MAX_LEN {
            return Err(HdrLenError::TooLong(n));
        }
        Ok((n / 8 - 1) as u8)
    }

    /// Sets Header Len from the emitted length (padding as set) and returns it. Header Len
    /// is one octet counting 8-octet units after the first 8 (RFC 6275 §6.1.1), so it
    /// describes headers of 8 to [`MhRepr::MAX_LEN`] octets in steps of 8; any other length is
    /// an error and leaves Header Len as it was (a crafter who wants a lying Header Len gives
    /// `hdr_len` itself).
    pub fn fill_hdr_len(&mut self) -> Result<u8, HdrLenError> {
        let v = Self::hdr_len_for(self.buffer_len())?;
        self.hdr_len = Auto::Given(v);
        Ok(v)
    }

    /// The longest header Header Len can describe: (255 + 1) × 8 octets.
    pub const MAX_LEN: usize = 2048;

    /// Computes the checksum for the given pseudo-header addresses under `prefs` (the numbers
    /// the header is sent with) and stores it as given.
    pub fn fill_checksum(&mut self, src: &[u8; 16], dst: &[u8; 16], prefs: &Prefs) -> Result<u16, MhEmitError> {
        // Under the profile the header will be sent with: a seed message's MH Type (covered by
        // the checksum) is the profile's number.
        let cx = EmitCx { ip: Some(crate::IpCtx::V6 { src: *src, dst: *dst }), ..EmitCx::new(prefs) };
        self.checksum = Auto::Computed;
        let mut v = Vec::new();
        self.emit(&cx, &mut v)?;
        // `emit` writes the whole header, Checksum at octets 4–5 (none there would read as 0).
        let c = crate::wire::Reader::new(&v).u16(4).unwrap_or_default();
        self.checksum = Auto::Given(c);
        Ok(c)
    }
}

/// Appends the options, in order.
fn emit_options(options: &[MhOption], cx: &EmitCx, out: &mut Vec<u8>) -> Result<(), MhEmitError> {
    for o in options {
        o.emit(cx, out)?;
    }
    Ok(())
}

/// Appends `n` octets of padding options: Pad1 for one octet, else PadN (as many as 257-octet
/// PadN options need).
fn emit_padding(mut n: usize, out: &mut Vec<u8>) {
    while n > 0 {
        let k = match n {
            1 => 1,
            // Leave no single octet behind a full PadN: it would need a Pad1.
            _ if n > 257 && n - 257 == 1 => 256,
            _ => n.min(257),
        };
        if k == 1 {
            out.push(0);
        } else {
            out.push(1);
            out.push((k - 2) as u8);
            out.resize(out.len() + k - 2, 0);
        }
        n -= k;
    }
}

/// Why [`MhRepr::fill_hdr_len`] could not set Header Len (the length in octets is given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HdrLenError {
    /// Longer than [`MhRepr::MAX_LEN`] (2,048) octets: Header Len would wrap.
    TooLong(usize),
    /// Not a multiple of 8 octets (RFC 6275 §6.1.1): pad it first.
    NotMultipleOf8(usize),
}

impl std::fmt::Display for HdrLenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HdrLenError::TooLong(n) => write!(f, "Mobility Header of {n} octets: Header Len (one octet) describes at most 2048"),
            HdrLenError::NotMultipleOf8(n) => write!(f, "Mobility Header of {n} octets: not a multiple of 8"),
        }
    }
}

impl std::error::Error for HdrLenError {}

/// Why [`MhRepr::emit`] could not emit a header: a computed count or length that its field
/// cannot describe (it never wraps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MhEmitError {
    /// Header Len cannot describe the emitted length.
    HdrLen(HdrLenError),
    /// A computed count field (one octet) cannot count `n` items.
    Count { what: &'static str, n: usize },
    /// An option's Length cannot describe its data.
    Opt(opt::OptError),
}

impl From<opt::OptError> for MhEmitError {
    fn from(e: opt::OptError) -> Self {
        MhEmitError::Opt(e)
    }
}

impl From<HdrLenError> for MhEmitError {
    fn from(e: HdrLenError) -> Self {
        MhEmitError::HdrLen(e)
    }
}

impl std::fmt::Display for MhEmitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MhEmitError::HdrLen(e) => e.fmt(f),
            MhEmitError::Count { what, n } => write!(f, "{n} {what}: the count field (one octet) describes at most 255"),
            MhEmitError::Opt(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for MhEmitError {}

/// Fails with a nom error when fewer than `n` octets remain (for callers composing parsers).
pub fn need(i: &[u8], n: usize) -> PResult<'_, ()> {
    if i.len() < n {
        Err(nom::Err::Error(MipError::from_error_kind(i, ErrorKind::Eof)))
    } else {
        Ok((i, ()))
    }
}

/// Dissects a Mobility Header at `off`; `end` is the end of the IP payload carrying it.
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize, carrier: Carrier) {
    let avail = end.saturating_sub(off);
    let p = t.protocol(&MIPV6, off, avail);
    t.set_protocol_column("MIPv6");
    let hdr = match MhHeader::dissect(t, off, end) {
        Ok(h) => h,
        Err(at) => {
            t.cut_short(
                &expert::TRUNCATED,
                at,
                end.saturating_sub(at),
                Some(format_args!("{avail} bytes, the common header needs 6")),
            );
            t.set_info(format_args!("Mobility Header (truncated)"));
            t.close();
            return;
        }
    };
    let declared = (usize::from(hdr.hdr_len) + 1) * 8;
    // A type a preference numbers is named by its draft, whatever IANA's table says there.
    let profile = seeds::profile_msg(hdr.mh_type, t.prefs);
    let profile_name = profile.map(|d| d.name);
    // The type's name goes only into labels, which only a full tree has (appending does nothing
    // otherwise): not looked up for the packet list or a filter.
    let full = t.full();
    let type_name = if full { profile_name.or_else(|| MHTYPE.value_name(u64::from(hdr.mh_type))) } else { None };
    if let Some(name) = profile_name.filter(|_| full) {
        if let Some(i) = t.d.nodes.iter().rposition(|n| std::ptr::eq(n.def, &MHTYPE)) {
            t.name_value(i, &MHTYPE_NAMED, name);
        }
    }
    match type_name {
        Some(n) => t.append_with(p, |s| {
            s.push_str(": ");
            s.push_str(n);
        }),
        None if full => t.append(p, format_args!(": Unknown Mobility Header ({})", hdr.mh_type)),
        None => {}
    }
    // The checksum's generated children must follow the checksum node directly.
    checksum_check(t, off, declared, avail, hdr.checksum, &carrier);
    // (A rule for the sender: not judged on a header an ICMPv6 error quotes.)
    if hdr.proto != 59 && !t.in_error {
        t.expert(
            &crate::analysis::rules::RFC6275_MH_PAYLOAD_PROTO.expert,
            off,
            1,
            Some(format_args!("Payload Proto is {}", hdr.proto)),
        );
    }
    if hdr.reserved != 0 {
        t.expert(&expert::RESERVED_NONZERO, off + 3, 1, Some(format_args!("MH reserved octet is 0x{:02x}", hdr.reserved)));
    }
    // The header's own idea of its end, bounded by what the IP payload carries.
    let cut = declared > avail;
    let mh_end = if cut {
        if end == t.data.len() && (t.snapped() || t.in_error) {
            t.cut_short(&expert::TRUNCATED, off + 1, 1, Some(format_args!("Header Len says {declared} bytes, {avail} captured")));
        } else {
            t.expert(
                &expert::BOGUS_HEADER_LENGTH,
                off + 1,
                1,
                Some(format_args!("Header Len says {declared} bytes, the IP payload has {avail}")),
            );
        }
        end
    } else {
        if declared < avail {
            t.expert(
                &expert::TRAILING,
                off + declared,
                avail - declared,
                Some(format_args!("{} bytes after the {declared}-byte header", avail - declared)),
            );
        }
        off + declared
    };
    let iana = profile.is_none().then(|| MhType::from(hdr.mh_type));
    let ctx = MsgCtx { mh: off, body: off + 6, mh_end, end, mh_type: hdr.mh_type, declared, cut, profile, iana };
    // `lookup_msg`, with the profile's message already looked up.
    let Some(def) = profile.or_else(|| msg::by_type(hdr.mh_type)) else {
        push_stat_fact(t, &ctx, None);
        t.set_info(format_args!("Unknown Mobility Header ({})", hdr.mh_type));
        t.expert(&expert::UNKNOWN_TYPE, off + 2, 1, Some(format_args!("MH type {}", hdr.mh_type)));
        if mh_end > ctx.body {
            t.add(&msg::UNKNOWN_DATA, ctx.body, mh_end - ctx.body, Value::Bytes);
        }
        t.close();
        return;
    };
    if full && type_name.is_none() {
        t.append(p, format_args!(" = {}", def.name));
    }
    t.info().clear();
    t.info().push_str(def.name);
    if 6 + def.min_len > declared {
        t.expert(
            &expert::BOGUS_HEADER_LENGTH,
            off + 1,
            1,
            Some(format_args!("{} needs at least {} bytes, Header Len says {declared}", def.name, 6 + def.min_len)),
        );
    }
    // The label's text goes to the arena only for a node that may be kept (the packet list
    // keeps none: a copy of the name, a call to `memcpy`, every message).
    let m = if !t.keeps_no_nodes() && t.may_keep(&MSG) {
        let label = t.arena_str(def.name);
        t.add(&MSG, ctx.body, def.min_len.min(end.saturating_sub(ctx.body)), Value::Text(label.0, label.1))
    } else {
        usize::MAX
    };
    t.open(m);
    // Decode the fixed part from what was captured even when Header Len is too small, so the
    // user sees the values; the expert item above says the header is inconsistent.
    let r = (def.body)(t, &ctx);
    push_stat_fact(t, &ctx, Some(def.name));
    let facts = t.d.facts.mh.len();
    push_msg_facts(t, &ctx);
    t.close();
    match r {
        Ok(opts_at) => {
            let mut summary = opt::OptSummary::default();
            let (o, p, b) = t.d.facts.marks();
            opt::dissect_options(t, &ctx, opts_at, &mut summary);
            let (o2, p2, b2) = t.d.facts.marks();
            let end = t.anchor();
            // Inside an ICMP error's quote the columns are put back afterwards.
            let info = (!t.in_error).then_some(t.d.cols.info.len() as u32);
            if let Some(f) = t.d.facts.mh.get_mut(facts) {
                (f.opts, f.prefixes, f.bids) = ((o, o2), (p, p2), (b, b2));
                (f.kinds, f.alt_coa, f.end, f.info) = (summary.kinds, summary.alt_coa, Some(end), info);
            }
            // A header quoted in an ICMP error was not sent in this packet: nothing to pair.
            // (The addresses by reference: each copy of them is four moves.)
            let ip = match &carrier {
                Carrier::Ip(ip) => Some(ip),
                Carrier::Udp => t.pkt.udp_ip.as_ref(),
            };
            if let Some(ip) = ip.filter(|_| !t.in_error) {
                if let Some(f) = crate::analysis::track::mh_fact(t, &ctx, ip, facts as u32, end) {
                    t.d.facts.track.push(f);
                }
            }
        }
        Err(at) => {
            if !(ctx.cut && (t.snapped() || t.in_error)) {
                t.cut_short(
                    &expert::TRUNCATED,
                    at,
                    end.saturating_sub(at),
                    Some(format_args!(
                        "{} needs {} bytes after the common header, {} present",
                        def.name,
                        def.min_len,
                        end.saturating_sub(ctx.body)
                    )),
                );
            }
        }
    }
    t.close();
}

/// Records what statistics count of a message (`name`: its decoder's; `None`: a type
/// nothing decodes): its status and lifetime are read from the fixed part when it is there.
fn push_stat_fact(t: &mut Tree<'_>, c: &MsgCtx, name: Option<&'static str>) {
    use crate::analysis::{LifetimeOf, MsgFact, MsgProto, StatusOf};
    use msg::binding::{BaFlags, BuFlags};
    let msg = name.and(c.iana);
    let (rd, end) = (t.rd(), c.end);
    // Only octets of this IP payload (not a link trailer's).
    let u8_at = |at: usize| rd.u8(at).filter(|_| at < end);
    let u16_at = |at: usize| rd.u16(at).filter(|_| at + 2 <= end);
    // Fixed parts (RFC 6275 §6.1.7-6.1.9): BU seq(2) flags(2) lifetime(2); BA status(1)
    // flags(1) seq(2) lifetime(2); BE status(1). Lifetimes count 4-second units.
    let (mut name, mut status, mut lifetime) = (name.unwrap_or("Unknown Mobility Header"), None, None);
    match msg {
        Some(MhType::BindingUpdate) => {
            let proxy = u16_at(c.body + 2).is_some_and(|f| f & BuFlags::P != 0);
            if proxy {
                name = "Proxy Binding Update";
            }
            let of = if proxy { LifetimeOf::Pbu } else { LifetimeOf::Bu };
            lifetime = u16_at(c.body + 4).map(|l| (of, u32::from(l) * 4));
        }
        Some(MhType::BindingAcknowledgement) => {
            let proxy = u8_at(c.body + 1).is_some_and(|f| f & BaFlags::P != 0);
            if proxy {
                name = "Proxy Binding Acknowledgement";
            }
            let (s, l) = if proxy { (StatusOf::Pba, LifetimeOf::Pba) } else { (StatusOf::Ba, LifetimeOf::Ba) };
            status = u8_at(c.body).map(|v| (s, v));
            lifetime = u16_at(c.body + 4).map(|v| (l, u32::from(v) * 4));
        }
        Some(MhType::BindingError) => status = u8_at(c.body).map(|v| (StatusOf::Be, v)),
        _ => {}
    }
    let fact = MsgFact { proto: MsgProto::Mip6, ty: c.mh_type, name, addrs: t.pkt.ip, status, lifetime, quoted: t.in_error };
    t.d.facts.msgs.push(fact);
}

/// Records what the analysis pass needs of a message whose fixed part was just decoded (the
/// options' part is filled in after the walk).
fn push_msg_facts(t: &mut Tree<'_>, c: &MsgCtx) {
    // A type a preference numbers was decoded as the draft's message, not IANA's.
    let msg = c.iana;
    let data = t.bytes(c.body, c.end);
    let fixed = match msg {
        Some(MhType::BindingRefreshRequest) => msg::binding::Brr::parse(data).ok().map(|(_, v)| MsgFixed::Brr(v)),
        Some(MhType::BindingUpdate) => msg::binding::Bu::parse(data).ok().map(|(_, v)| MsgFixed::Bu(v)),
        Some(MhType::BindingAcknowledgement) => msg::binding::Ba::parse(data).ok().map(|(_, v)| MsgFixed::Ba(v)),
        Some(MhType::CareOfTest) => msg::rr::Cot::parse(data).ok().map(|(_, v)| MsgFixed::Cot(v)),
        _ => None,
    };
    let pkt = crate::analysis::Packet { ip6: t.pkt.ip6, hao: t.pkt.hao, rh2: t.pkt.rh2, ah: t.pkt.ah };
    let (fixed_end, proto) = (t.anchor(), t.d.last_protocol);
    t.d.facts.mh.push(crate::analysis::MhFacts {
        mh: c.mh as u32,
        body: c.body as u32,
        mh_type: c.mh_type,
        msg,
        fixed,
        kinds: opt::KindSet::default(),
        alt_coa: None,
        opts: (0, 0),
        prefixes: (0, 0),
        bids: (0, 0),
        pkt,
        proto,
        fixed_end,
        end: None,
        info: None,
    });
}

/// Where a message sits in the frame, for message and option decoders.
#[derive(Debug, Clone, Copy)]
pub struct MsgCtx {
    /// Frame offset of the Mobility Header's first octet (alignment is counted from here).
    pub mh: usize,
    /// Frame offset of the message data (after the 6-octet common header).
    pub body: usize,
    /// End of the header as Header Len declares it, bounded by the IP payload.
    pub mh_end: usize,
    /// End of the IP payload (decoders may read a fixed part up to here).
    pub end: usize,
    pub mh_type: u8,
    /// Header Len in octets.
    pub declared: usize,
    /// Header Len runs past the bytes at hand (already reported once).
    pub cut: bool,
    /// The draft message a preference numbers at `mh_type` ([`seeds::profile_msg`]), looked up
    /// once per header.
    pub profile: Option<&'static MsgDef>,
    /// IANA's message at `mh_type` when no preference numbers the type (`profile` is `None`).
    pub iana: Option<MhType>,
}

/// The static description of one message type: its name, the minimum length of its fixed
/// part, and the decoder that annotates it and says where its options start (or the offset
/// where the captured bytes ran out).
pub struct MsgDef {
    /// IANA's MH type, or for a profile-numbered message (seed 004's) the default its
    /// preference takes.
    pub code: u8,
    pub name: &'static str,
    pub min_len: usize,
    pub body: fn(&mut Tree<'_>, &MsgCtx) -> Result<usize, usize>,
    /// The owned form ([`msg::Body::parse_body`] into [`MhBody`]): the MH Type and the message
    /// data (to Header Len's end, or the bytes' end when fewer) → the body and the octets it
    /// spans before the options; `None` when the fixed part is not all there.
    pub parse: ParseBody,
}

/// A message row's owned parse (see [`MsgDef::parse`]).
pub type ParseBody = fn(u8, &[u8]) -> Option<(MhBody, usize)>;

impl std::fmt::Debug for MsgDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MsgDef({})", self.name)
    }
}

/// The decoder for an MH type under the active preferences: the profile-numbered draft
/// messages first (their numbers are user-chosen), then the IANA-numbered rows of the families.
pub fn lookup_msg(mh_type: u8, prefs: &Prefs) -> Option<&'static MsgDef> {
    seeds::lookup_msg(mh_type, prefs).or_else(|| msg::by_type(mh_type))
}

fn checksum_check(t: &mut Tree<'_>, off: usize, declared: usize, avail: usize, wire: u16, carrier: &Carrier) {
    let ck = t.d.nodes.iter().rposition(|n| std::ptr::eq(n.def, &CSUM)).unwrap_or(0);
    let rd = t.rd();
    // The whole header (checksummed as is).
    let whole = rd.slice(off, off + declared).filter(|_| declared <= avail);
    // (The carrier by reference: its addresses are not copied into the match.)
    let status = match (carrier, whole, t.prefs.verify_checksum) {
        (Carrier::Ip(IpCtx::V6 { src, dst }), Some(mh), true) => {
            let pseudo = checksum::pseudo6(src, dst, declared as u32, crate::IpProto::Mobility.value());
            if checksum::finish(checksum::sum(mh, pseudo)) == 0 {
                Some((true, wire))
            } else {
                // The value it should have, over the octets around the checksum field (there
                // whenever the whole header is: Header Len gives at least 8 octets), is only
                // needed when it is wrong.
                match (rd.array::<4>(off), rd.slice(off + 6, off + declared)) {
                    (Some(head), Some(tail)) => {
                        Some((false, checksum::finish(checksum::sum(tail, checksum::sum(&head, pseudo)))))
                    }
                    _ => None,
                }
            }
        }
        _ => None,
    };
    t.open(ck);
    match status {
        Some((true, _)) => {
            t.append(ck, format_args!(" [correct]"));
            t.add_text(&CSUM_STATUS, off + 4, 2, format_args!("good"));
        }
        Some((false, calc)) => {
            t.append_with(ck, |s| crate::checksum::write_incorrect(s, calc, ""));
            t.add_text(&CSUM_STATUS, off + 4, 2, format_args!("bad"));
            t.add_generated(&CSUM_CALC, off + 4, 2, Value::Uint(u64::from(calc)));
            t.expert(&expert::CSUM_BAD, off + 4, 2, Some(format_args!("0x{wire:04x}, should be 0x{calc:04x}")));
        }
        None => {
            t.append(ck, format_args!(" [unverified]"));
            t.add_text(&CSUM_STATUS, off + 4, 2, format_args!("unverified"));
        }
    }
    t.close();
}

/// Fails unless the fields `listed` (what the registry reads) are exactly those `declared`
/// ([`declared_fields`]), by abbreviation and count, naming the ones on either side only.
#[cfg(test)]
pub(crate) fn assert_same_fields(listed: &[&FieldDef], declared: Vec<String>) {
    let mut names: Vec<String> = listed.iter().map(|f| f.abbrev.to_string()).collect();
    names.sort();
    let only = |a: &[String], b: &[String]| -> Vec<String> {
        let mut b = b.to_vec();
        a.iter().filter(|x| b.iter().position(|y| y == *x).map(|i| b.remove(i)).is_none()).cloned().collect()
    };
    assert!(
        names == declared,
        "in a list, not declared: {:?}; declared, in no list: {:?}",
        only(&names, &declared),
        only(&declared, &names)
    );
}

/// What the registry must hold, read from the sources themselves: the abbreviation (the first
/// argument of `FieldDef::new`) of every `FieldDef` static declared in the `.rs` files under
/// `src/<dir>`, before any test module, sorted. A field declared outside a `fields!` block
/// (and not a row's presence field) is in no list, so the lists stop matching these.
#[cfg(test)]
pub(crate) fn declared_fields(dir: &str) -> Vec<String> {
    fn walk(p: &std::path::Path, out: &mut Vec<String>) {
        let mut entries: Vec<_> = std::fs::read_dir(p).expect("source directory").map(|e| e.expect("entry").path()).collect();
        entries.sort();
        for e in entries {
            if e.is_dir() {
                walk(&e, out);
            } else if e.extension().is_some_and(|x| x == "rs") {
                let src = std::fs::read_to_string(&e).expect("source file");
                let mut rest = src.split("\n#[cfg(test)]").next().unwrap_or("");
                const NEW: &str = "FieldDef::new(\"";
                while let Some(i) = rest.find(": FieldDef =") {
                    let after = &rest[i..];
                    let j =
                        after.find(NEW).unwrap_or_else(|| panic!("{}: a FieldDef static not made by FieldDef::new", e.display()));
                    let name = &after[j + NEW.len()..];
                    let end = name.find('"').expect("closing quote");
                    out.push(name[..end].to_string());
                    rest = &name[end..];
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir), &mut out);
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field the Mobility Header's modules declare (messages, options, traffic selectors,
    /// the seeds) is in exactly the lists the registry reads: a family's or a seed draft's
    /// `fields!` block, or an option row's presence field. So adding a field is declaring it in
    /// its block, and a field that no list registers fails here.
    #[test]
    fn every_declared_field_is_registered_by_its_block_or_row() {
        let lists = [FIELDS, msg::FIELDS, opt::FIELDS, ts::FIELDS]
            .into_iter()
            .chain(msg::FAMILIES.iter().map(|f| f.fields))
            .chain(opt::FAMILIES.iter().map(|f| f.fields))
            .chain(seeds::FIELD_LISTS.iter().copied());
        let presence = opt::FAMILIES.iter().flat_map(|f| f.rows).chain(seeds::OPT_ROWS.iter().copied()).map(|r| r.presence);
        let listed: Vec<&FieldDef> = lists.flat_map(|l| l.iter().copied()).chain(presence).collect();
        assert_same_fields(&listed, declared_fields("mh"));
        let registered: Vec<&FieldDef> = crate::registry::all_fields().collect();
        for f in listed {
            assert!(registered.iter().any(|r| std::ptr::eq(*r, f)), "{} not in the registry", f.abbrev);
        }
    }
}
