//! ICMPv6 (RFC 4443): the header, the checksum, error messages (the invoking packet inside is
//! dissected as IPv6) and echo, then one module per protocol element riding on ICMPv6:
//!
//! * [`nd`]: Neighbor Discovery messages 133–137 (RFC 4861 §4, with RFC 6275 §7's H flag);
//! * [`opt`]: the Neighbor Discovery options (RFC 4861 §4.6, RFC 6275 §7.2–§7.4), shared by
//!   Neighbor Discovery and the Mobile Prefix messages;
//! * [`mld`]: Multicast Listener Discovery v1 (RFC 2710) and v2 (RFC 3810);
//! * [`mip6`]: Mobile IPv6's messages 144–147 (RFC 6275 §6.5–§6.8, RFC 3963 §7);
//! * [`fmip6`]: fast handovers' messages 154 (and 150) (RFC 5568 §6.1, RFC 5268 §6.2).
//!
//! Field names are Wireshark's `icmpv6.*`.

/// Makes a `flags!` word a [`crate::wire::Wire`] value, so a `layout!` holds it typed.
macro_rules! wire_flags {
    ($t:ty, $r:ty) => {
        impl $crate::wire::Wire for $t {
            const LEN: usize = <$r as $crate::wire::Wire>::LEN;
            fn parse(i: &[u8]) -> $crate::wire::PResult<'_, Self> {
                <$r as $crate::wire::Wire>::parse(i).map(|(r, v)| (r, Self(v)))
            }
            fn emit(&self, out: &mut Vec<u8>) {
                $crate::wire::Wire::emit(&self.0, out)
            }
            fn value(&self) -> $crate::field::Value {
                $crate::field::Value::Uint(u64::from(self.0))
            }
            fn raw(&self) -> u64 {
                u64::from(self.0)
            }
        }
    };
}
pub(crate) use wire_flags;

pub mod fmip6;
pub mod mip6;
pub mod mld;
pub mod nd;
pub mod opt;

use crate::analysis::track::PairKind;
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::tree::Tree;
use crate::{checksum, IpCtx};

crate::code_points! {
    /// ICMPv6 message types (IANA; RFC 4443, RFC 4861, RFC 2710, RFC 3810, RFC 6275) with
    /// Wireshark's names: every type tshark 4.0 names, decoded here or not (a type mipscope
    /// does not decode is named and its body shown as data).
    pub enum Icmp6Type: u8 {
        DestinationUnreachable = 1 => "Destination Unreachable",
        PacketTooBig = 2 => "Packet Too Big",
        TimeExceeded = 3 => "Time Exceeded",
        ParameterProblem = 4 => "Parameter Problem",
        PrivateError100 = 100 => "Private experimentation",
        PrivateError101 = 101 => "Private experimentation",
        ErrorExpansion = 127 => "Reserved for expansion of ICMPv6 error messages",
        EchoRequest = 128 => "Echo (ping) request",
        EchoReply = 129 => "Echo (ping) reply",
        MldQuery = 130 => "Multicast Listener Query",
        MldReport = 131 => "Multicast Listener Report",
        MldDone = 132 => "Multicast Listener Done",
        RouterSolicitation = 133 => "Router Solicitation",
        RouterAdvertisement = 134 => "Router Advertisement",
        NeighborSolicitation = 135 => "Neighbor Solicitation",
        NeighborAdvertisement = 136 => "Neighbor Advertisement",
        Redirect = 137 => "Redirect",
        RouterRenumbering = 138 => "Router Renumbering",
        NodeInfoQuery = 139 => "Node Information Query",
        NodeInfoReply = 140 => "Node Information Reply",
        InverseNdSolicitation = 141 => "Inverse Neighbor Discovery Solicitation",
        InverseNdAdvertisement = 142 => "Inverse Neighbor Discovery Advertisement",
        MldReportV2 = 143 => "Multicast Listener Report Message v2",
        // Wireshark's names (IANA's end in "Message"): a tshark filter on the name works here.
        HaadRequest = 144 => "Home Agent Address Discovery Request",
        HaadReply = 145 => "Home Agent Address Discovery Reply",
        MobilePrefixSolicitation = 146 => "Mobile Prefix Solicitation",
        MobilePrefixAdvertisement = 147 => "Mobile Prefix Advertisement",
        CertPathSolicitation = 148 => "Certification Path Solicitation",
        CertPathAdvertisement = 149 => "Certification Path Advertisement",
        ExperimentalMobility = 150 => "Experimental Mobility",
        MulticastRouterAdvertisement = 151 => "Multicast Router Advertisement",
        MulticastRouterSolicitation = 152 => "Multicast Router Solicitation",
        MulticastRouterTermination = 153 => "Multicast Router Termination",
        Fmipv6 = 154 => "FMIPv6",
        RplControl = 155 => "RPL Control",
        LocatorUpdate = 156 => "Locator Update",
        DuplicateAddressRequest = 157 => "Duplicate Address Request",
        DuplicateAddressConfirmation = 158 => "Duplicate Address Confirmation",
        MplControl = 159 => "MPL Control Message",
        ExtendedEchoRequest = 160 => "Extended Echo request",
        ExtendedEchoReply = 161 => "Extended Echo reply",
        PrivateInfo200 = 200 => "Private experimentation",
        PrivateInfo201 = 201 => "Private experimentation",
        InfoExpansion = 255 => "Reserved for expansion of ICMPv6 informational messages",
    }
}

crate::code_points! {
    /// Destination Unreachable codes (RFC 4443 §3.1), worded as tshark 4.0 words them: all
    /// but the first capitalised, code 1 ("communication with destination administratively
    /// prohibited") shortened.
    pub enum DestUnreachableCode: u8 {
        NoRoute = 0 => "no route to destination",
        AdminProhibited = 1 => "Administratively prohibited",
        BeyondScope = 2 => "Beyond scope of source address",
        AddressUnreachable = 3 => "Address unreachable",
        PortUnreachable = 4 => "Port unreachable",
        SourcePolicy = 5 => "Source address failed ingress/egress policy",
        RejectRoute = 6 => "Reject route to destination",
        SourceRoutingError = 7 => "Error in Source Routing Header",
    }
}

crate::code_points! {
    /// Time Exceeded codes (RFC 4443 §3.3).
    pub enum TimeExceededCode: u8 {
        HopLimit = 0 => "hop limit exceeded in transit",
        Reassembly = 1 => "fragment reassembly time exceeded",
    }
}

crate::code_points! {
    /// Parameter Problem codes (RFC 4443 §3.4, RFC 7112 §4).
    pub enum ParamProblemCode: u8 {
        ErroneousHeader = 0 => "erroneous header field encountered",
        UnrecognizedNextHeader = 1 => "unrecognized Next Header type encountered",
        UnrecognizedOption = 2 => "unrecognized IPv6 option encountered",
        IncompleteChain = 3 => "IPv6 First Fragment has incomplete IPv6 Header Chain",
    }
}

crate::code_points! {
    /// Router Renumbering codes (RFC 2894 §3.1), tshark's names.
    pub enum RouterRenumberingCode: u8 {
        Command = 0 => "Command",
        Result = 1 => "Result",
        SequenceReset = 255 => "Sequence number reset",
    }
}

crate::code_points! {
    /// Node Information Query codes (RFC 4620 §4: what the subject is), tshark's names.
    pub enum NodeInfoQueryCode: u8 {
        Ipv6Subject = 0 => "Query subject = IPv6 addresses",
        NameSubject = 1 => "Query subject = DNS name or empty",
        Ipv4Subject = 2 => "Query subject = IPv4 addresses",
    }
}

crate::code_points! {
    /// Node Information Reply codes (RFC 4620 §4), tshark's names.
    pub enum NodeInfoReplyCode: u8 {
        Successful = 0 => "Successful",
        Refused = 1 => "Refused",
        UnknownQtype = 2 => "Unknown query type",
    }
}

crate::code_points! {
    /// RPL Control codes (RFC 6550 §6, RFC 6997 §7), tshark's names.
    pub enum RplCode: u8 {
        Dis = 0 => "DODAG Information Solicitation",
        Dio = 1 => "DODAG Information Object",
        Dao = 2 => "Destination Advertisement Object",
        DaoAck = 3 => "Destination Advertisement Object Acknowledgment",
        P2pDro = 4 => "P2P Discovery Reply Object",
        P2pDroAck = 5 => "P2P Discovery Reply Object Acknowledgement",
        SecureDis = 128 => "Secure DODAG Information Solicitation",
        SecureDio = 129 => "Secure DODAG Information Object",
        SecureDao = 130 => "Secure Destination Advertisement Object",
        SecureDaoAck = 131 => "Secure Destination Advertisement Object Acknowledgment",
        SecureP2pDro = 132 => "P2P Secure Discovery Reply Object",
        SecureP2pDroAck = 133 => "P2P Secure Discovery Reply Object Acknowledgement",
        ConsistencyCheck = 138 => "Consistency Check",
    }
}

crate::code_points! {
    /// Extended Echo Request codes (RFC 8335 §2).
    pub enum ExtEchoRequestCode: u8 {
        NoError = 0 => "No error",
    }
}

crate::code_points! {
    /// Extended Echo Reply codes (RFC 8335 §3), tshark's names.
    pub enum ExtEchoReplyCode: u8 {
        NoError = 0 => "No error",
        MalformedQuery = 1 => "Malformed Query",
        NoSuchInterface = 2 => "No Such Interface",
        NoSuchTableEntry = 3 => "No Such Table Entry",
        MultipleInterfaces = 4 => "Multiple Interfaces Satisfy Query",
    }
}

/// What a message's Code says, as tshark shows it after the number ("Code: 3 (Address
/// unreachable)") and in Info: the type's name for it, or its tables' fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeText {
    Named(&'static str),
    /// A code the type's table does not name: "Unknown" for Destination Unreachable, "Unknown
    /// (N)" for every other type that names codes (tshark's two fallbacks).
    Unknown {
        code: u8,
        numbered: bool,
    },
}

impl std::fmt::Display for CodeText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            CodeText::Named(n) => f.write_str(n),
            CodeText::Unknown { numbered: false, .. } => f.write_str("Unknown"),
            CodeText::Unknown { code, numbered: true } => write!(f, "Unknown ({code})"),
        }
    }
}

impl Icmp6Type {
    /// The names of the codes of a message of this type, for the types that name them.
    pub fn code_names(self) -> Option<&'static [(u64, &'static str)]> {
        Some(match self {
            Icmp6Type::DestinationUnreachable => DestUnreachableCode::VALS,
            Icmp6Type::TimeExceeded => TimeExceededCode::VALS,
            Icmp6Type::ParameterProblem => ParamProblemCode::VALS,
            Icmp6Type::RouterRenumbering => RouterRenumberingCode::VALS,
            Icmp6Type::NodeInfoQuery => NodeInfoQueryCode::VALS,
            Icmp6Type::NodeInfoReply => NodeInfoReplyCode::VALS,
            Icmp6Type::RplControl => RplCode::VALS,
            Icmp6Type::ExtendedEchoRequest => ExtEchoRequestCode::VALS,
            Icmp6Type::ExtendedEchoReply => ExtEchoReplyCode::VALS,
            _ => return None,
        })
    }

    /// What tshark shows of `code` in a message of this type; `None` for a type that names no
    /// codes (tshark then shows the number alone, and nothing in Info).
    pub fn code_text(self, code: u8) -> Option<CodeText> {
        let names = self.code_names()?;
        Some(match crate::field::val_name(names, u64::from(code)) {
            Some(n) => CodeText::Named(n),
            None => CodeText::Unknown { code, numbered: self != Icmp6Type::DestinationUnreachable },
        })
    }
}

/// The message names live once, in [`Icmp6Type`].
static TYPE_VALS: &[(u64, &str)] = Icmp6Type::VALS;

impl Icmp6Type {
    /// Neighbor Discovery's five messages (RFC 4861 §4, types 133–137).
    pub const fn is_nd(self) -> bool {
        matches!(
            self,
            Icmp6Type::RouterSolicitation
                | Icmp6Type::RouterAdvertisement
                | Icmp6Type::NeighborSolicitation
                | Icmp6Type::NeighborAdvertisement
                | Icmp6Type::Redirect
        )
    }
}

pub static ICMPV6: FieldDef = FieldDef::new("icmpv6", "Internet Control Message Protocol v6", Kind::Protocol).short("ICMPv6");
pub static TYPE: FieldDef = FieldDef::new("icmpv6.type", "Type", Kind::Uint(1)).vals(TYPE_VALS);
pub static CODE: FieldDef = FieldDef::new("icmpv6.code", "Code", Kind::Uint(1));
pub static CHECKSUM: FieldDef = FieldDef::new("icmpv6.checksum", "Checksum", Kind::Uint(2)).hex();
pub static CHECKSUM_CALC: FieldDef = FieldDef::new("icmpv6.checksum_calculated", "Calculated Checksum", Kind::Uint(2)).hex();
pub static CHECKSUM_STATUS: FieldDef = checksum::status_field("icmpv6.checksum.status", "Checksum Status");
pub static RESERVED: FieldDef = FieldDef::new("icmpv6.reserved", "Reserved", Kind::Bytes);
pub static DATA: FieldDef = FieldDef::new("icmpv6.data", "Data", Kind::Bytes);
pub static UNKNOWN_DATA: FieldDef = FieldDef::new("icmpv6.unknown_data", "Unknown Data", Kind::Bytes)
    .blurb("Octets after what a message or option defines (e.g. an option longer than its type allows)");
pub static POINTER: FieldDef = FieldDef::new("icmpv6.pointer", "Pointer", Kind::Uint(4));
pub static MTU: FieldDef = FieldDef::new("icmpv6.mtu", "MTU", Kind::Uint(4));
pub static ECHO_ID: FieldDef = FieldDef::new("icmpv6.echo.identifier", "Identifier", Kind::Uint(2)).hex();
pub static ECHO_SEQ: FieldDef = FieldDef::new("icmpv6.echo.sequence_number", "Sequence", Kind::Uint(2));

pub static BAD_CHECKSUM: ExpertDef =
    ExpertDef::new("icmpv6.checksum_bad.expert", Group::Checksum, Severity::Error, "Bad checksum");
pub static UNKNOWN_DATA_EXPERT: ExpertDef =
    ExpertDef::new("icmpv6.unknown_data.expert", Group::Malformed, Severity::Error, "Unknown Data (not interpreted)");

pub static FIELDS: &[&FieldDef] = &[
    &ICMPV6,
    &TYPE,
    &CODE,
    &CHECKSUM,
    &CHECKSUM_CALC,
    &CHECKSUM_STATUS,
    &RESERVED,
    &DATA,
    &UNKNOWN_DATA,
    &POINTER,
    &MTU,
    &ECHO_ID,
    &ECHO_SEQ,
    // Mobile IPv6 (144–147)
    &mip6::ID,
    &mip6::HA,
    &mip6::FLAG,
    &mip6::FLAG_M,
    &mip6::FLAG_O,
    &mip6::FLAG_RSV,
    &mip6::FLAG_R,
    &mip6::FLAG_R_RSV,
    // FMIPv6 (154, 150)
    &fmip6::SUBTYPE,
    &fmip6::HI_FLAG,
    &fmip6::HI_FLAG_S,
    &fmip6::HI_FLAG_A,
    &fmip6::HI_FLAG_RSV,
    &fmip6::ID,
    // Neighbor Discovery (133–137)
    &nd::RA_CUR_HOP_LIMIT,
    &nd::RA_FLAG,
    &nd::RA_FLAG_M,
    &nd::RA_FLAG_O,
    &nd::RA_FLAG_H,
    &nd::RA_FLAG_PRF,
    &nd::RA_FLAG_P,
    &nd::RA_FLAG_RSV,
    &nd::RA_ROUTER_LIFETIME,
    &nd::RA_REACHABLE_TIME,
    &nd::RA_RETRANS_TIMER,
    &nd::NS_TARGET,
    &nd::NA_FLAG,
    &nd::NA_FLAG_R,
    &nd::NA_FLAG_S,
    &nd::NA_FLAG_O,
    &nd::NA_FLAG_RSV,
    &nd::NA_TARGET,
    &nd::RD_TARGET,
    &nd::RD_DESTINATION,
    // Neighbor Discovery options
    &opt::OPT,
    &opt::TYPE,
    &opt::LENGTH,
    &opt::RESERVED,
    &opt::LINKADDR,
    &opt::SRC_LINKADDR,
    &opt::TARGET_LINKADDR,
    &opt::PREFIX_LEN,
    &opt::PREFIX_FLAG,
    &opt::PREFIX_FLAG_L,
    &opt::PREFIX_FLAG_A,
    &opt::PREFIX_FLAG_R,
    &opt::PREFIX_FLAG_RSV,
    &opt::PREFIX_VALID,
    &opt::PREFIX_PREFERRED,
    &opt::PREFIX,
    &opt::REDIRECTED_PACKET,
    &opt::MTU,
    &opt::ADV_INTERVAL,
    &opt::HA_PREFERENCE,
    &opt::HA_LIFETIME,
    &opt::IPA_CODE,
    &opt::IPA_PREFIX_LEN,
    &opt::IPA_ADDRESS,
    &opt::NRPI_CODE,
    &opt::NRPI_PREFIX_LEN,
    &opt::NRPI_PREFIX,
    &opt::LLA_CODE,
    &opt::LLA_BYTES,
    &opt::NAACK_CODE,
    &opt::NAACK_STATUS,
    &opt::NAACK_NCOA,
    &opt::MAP_DISTANCE,
    &opt::MAP_PREFERENCE,
    &opt::MAP_FLAG,
    &opt::MAP_FLAG_R,
    &opt::MAP_FLAG_RSV,
    &opt::MAP_VALID,
    &opt::MAP_ADDRESS,
    &opt::NONCE,
    &opt::ROUTE_FLAG,
    &opt::ROUTE_PRF,
    &opt::ROUTE_FLAG_RSV,
    &opt::ROUTE_LIFETIME,
    &opt::RDNSS_LIFETIME,
    &opt::RDNSS,
    &opt::DNSSL_LIFETIME,
    &opt::DNSSL,
    &opt::PADDING,
    // Multicast Listener Discovery (130–132, 143)
    &mld::MRD,
    &mld::MULTICAST_ADDRESS,
    &mld::MRC,
    &mld::FLAG,
    &mld::FLAG_S,
    &mld::FLAG_QRV,
    &mld::FLAG_RSV,
    &mld::QQI,
    &mld::NB_SOURCES,
    &mld::SOURCE_ADDRESS,
    &mld::NB_RECORDS,
    &mld::MAR,
    &mld::MAR_TYPE,
    &mld::MAR_AUX_LEN,
    &mld::MAR_NB_SOURCES,
    &mld::MAR_MULTICAST_ADDRESS,
    &mld::MAR_SOURCE_ADDRESS,
    &mld::MAR_AUX_DATA,
];
pub static EXPERTS: &[&ExpertDef] = &[
    &BAD_CHECKSUM,
    &UNKNOWN_DATA_EXPERT,
    &opt::LEN_INVALID,
    &opt::UNDECODED,
    &mld::CHECK_QUERY_LENGTH,
    &mld::CHECK_V1_NOT_MULTICAST,
    &mld::CHECK_V2_NOT_MULTICAST,
    &mld::CHECK_ADDITIONAL_DATA,
];

/// The IPv6 source and destination an ICMPv6 message was sent with (after the Home Address
/// option and routing-header substitutions), for the rules that depend on them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Addrs {
    pub src: Option<[u8; 16]>,
    pub dst: Option<[u8; 16]>,
}

impl Addrs {
    fn of(ip: IpCtx) -> Self {
        match ip {
            IpCtx::V6 { src, dst } => Addrs { src: Some(src), dst: Some(dst) },
            IpCtx::V4 { .. } => Addrs { src: None, dst: None },
        }
    }
}

/// Whether `a` is an IPv6 multicast address (ff00::/8, RFC 4291 §2.7).
pub(crate) fn is_multicast(a: &[u8; 16]) -> bool {
    a[0] == 0xff
}

/// Dissects an ICMPv6 message at `off..end`.
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize, ip: IpCtx) {
    let rd = t.rd();
    let avail = end.saturating_sub(off);
    let p = t.protocol(&ICMPV6, off, avail);
    t.set_protocol_column("ICMPv6");
    // The owned form's borrowed parse (no allocation): the header, and the body by type.
    let Ok((msg, _)) = Icmpv6::parse(t.bytes(off, end)) else {
        t.truncated(off, "ICMPv6 header");
        t.close();
        return;
    };
    let (ty, code, csum) = (u8::from(msg.ty()), msg.code, msg.checksum.or_else(|| 0));
    t.add_uint(&TYPE, off, 1, u64::from(ty));
    let c = t.add_uint(&CODE, off + 1, 1, u64::from(code));
    // As tshark: the code's name (or its table's fallback) where the type names its codes ("2
    // (unrecognized IPv6 option encountered)", "8 (Unknown)").
    let code_text = Icmp6Type::from(ty).code_text(code);
    if let Some(text) = code_text {
        t.append(c, format_args!(" ({text})"));
    }
    let ck = t.add_uint(&CHECKSUM, off + 2, 2, u64::from(csum));
    // Only a whole message can be checked; ICMPv6 inside an error's invoking packet is cut.
    // ...and only when the IP layer did not find its payload cut short by the capture.
    if let (Some(msg), false, false) = (rd.slice(off, end), t.in_error, t.cut) {
        let pseudo = ip.pseudo_sum(avail as u32, crate::IpProto::Icmpv6.value());
        if checksum::finish(checksum::sum(msg, pseudo)) != 0 {
            // Everything but the checksum field (octets 2 and 3; `msg` has at least 4).
            let (before, after) = (msg.get(..2).unwrap_or_default(), msg.get(4..).unwrap_or_default());
            let want = checksum::finish(checksum::sum(after, checksum::sum(before, pseudo)));
            t.append_with(ck, |s| checksum::write_incorrect(s, want, ""));
            t.open(ck);
            t.add_generated(&CHECKSUM_CALC, off + 2, 2, Value::Uint(u64::from(want)));
            t.close();
            t.expert(&BAD_CHECKSUM, off + 2, 2, Some(format_args!("0x{csum:04x}, should be 0x{want:04x}")));
            t.add_generated(&CHECKSUM_STATUS, off + 2, 2, Value::Uint(checksum::status::BAD));
        } else {
            t.append(ck, format_args!(" [correct]"));
            t.add_generated(&CHECKSUM_STATUS, off + 2, 2, Value::Uint(checksum::status::GOOD));
        }
    } else {
        t.append(ck, format_args!(" [unverified] [{}]", checksum::unverified_why(t.in_error)));
        t.add_generated(&CHECKSUM_STATUS, off + 2, 2, Value::Uint(checksum::status::UNVERIFIED));
    }
    crate::analysis::reflector::observe(t, off, ty);
    let name = TYPE.value_name(u64::from(ty)).unwrap_or("Unknown");
    t.append(p, format_args!(": {name}"));
    // An unknown type as tshark's Info names it ("Unknown (5)").
    match TYPE.value_name(u64::from(ty)) {
        Some(_) => t.set_info(format_args!("{name}")),
        None => t.set_info(format_args!("Unknown ({ty})")),
    }
    // tshark's Info names the code too, where the type names its codes.
    if let Some(text) = code_text {
        t.append_info(format_args!(" ({text})"));
    }
    let body = off + 4;
    let m = Msg { off, body, end, name, addrs: Addrs::of(ip) };
    use Icmp6Type as T;
    let typed = T::from(ty);
    match (typed, &msg.msg) {
        (_, Icmpv6Msg::DestUnreachable { unused: w, .. } | Icmpv6Msg::TimeExceeded { unused: w, .. }) => {
            error(t, ty, *w, body, end)
        }
        (_, Icmpv6Msg::PacketTooBig { mtu: w, .. } | Icmpv6Msg::ParamProblem { pointer: w, .. }) => error(t, ty, *w, body, end),
        (_, Icmpv6Msg::EchoRequest(e) | Icmpv6Msg::EchoReply(e)) => {
            echo(t, e, body);
            let request = typed == T::EchoRequest;
            crate::analysis::track::echo::record(t, PairKind::Echo6, request, csum, e.id, e.seq, ip);
            if end > body + 4 {
                crate::data(t, body + 4, end);
            }
        }
        (T::DestinationUnreachable | T::PacketTooBig | T::TimeExceeded | T::ParameterProblem, _) => {
            t.truncated(body, "ICMPv6 error message");
        }
        (T::EchoRequest | T::EchoReply, _) => {
            t.truncated(body, "ICMPv6 echo");
        }
        (_, Icmpv6Msg::MldQueryV2(q)) => mld::query_v2(t, &m, q),
        (T::MldQuery | T::MldReport | T::MldDone, _) => mld::v1(t, &m, ty),
        (T::MldReportV2, _) => mld::report_v2(t, &m),
        (T::RouterSolicitation, _) => nd::rs(t, &m),
        (T::RouterAdvertisement, _) => nd::ra(t, &m),
        (T::NeighborSolicitation, _) => nd::ns(t, &m),
        (T::NeighborAdvertisement, _) => nd::na(t, &m),
        (T::Redirect, _) => nd::redirect(t, &m),
        (T::HaadRequest | T::HaadReply | T::MobilePrefixSolicitation | T::MobilePrefixAdvertisement, _) => {
            mip6::dissect(t, &m, ty, &msg)
        }
        (T::Fmipv6 | T::ExperimentalMobility, _) => fmip6::dissect(t, &m, code, c),
        // Types mipscope names but does not decode, and unknown ones: the body as data.
        _ => {
            if end > body {
                t.add(&DATA, body, end - body, Value::Bytes);
            }
        }
    }
    if typed.is_nd() {
        nd::validity(t, &m, ty, code);
    }
    t.close();
}

/// Where a message sits, for the modules that decode its body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Msg {
    /// Frame offset of the ICMPv6 Type octet.
    pub off: usize,
    /// Frame offset of the first octet after the checksum.
    pub body: usize,
    /// End of the message (never past the captured bytes).
    pub end: usize,
    /// The type's name, for expert texts.
    pub name: &'static str,
    pub addrs: Addrs,
}

/// Error messages (RFC 4443 §3): the 32-bit field, then as much of the invoking packet as fits.
fn error(t: &mut Tree<'_>, ty: u8, word: u32, body: usize, end: usize) {
    match ty {
        2 => {
            t.add_uint(&MTU, body, 4, u64::from(word));
        }
        4 => {
            t.add_uint(&POINTER, body, 4, u64::from(word));
        }
        _ => {
            t.add(&RESERVED, body, 4, Value::Bytes);
        }
    }
    if end > body + 4 {
        quoted(t, body + 4, end);
    }
}

/// Echo Request/Reply (RFC 4443 §4): Identifier and Sequence Number (the data after them,
/// which Wireshark hands to its `data` dissector, follows what tracking adds).
fn echo(t: &mut Tree<'_>, e: &Echo<&[u8]>, body: usize) {
    let (id, seq) = (e.id, e.seq);
    t.add_uint(&ECHO_ID, body, 2, u64::from(id));
    t.add_uint(&ECHO_SEQ, body + 2, 2, u64::from(seq));
    t.append_info(format_args!(" id=0x{id:04x}, seq={seq}"));
    // The IPv6 header's Hop Limit, as tshark appends it (not inside an error's quote).
    if let (Some((hlim, _)), false) = (t.pkt.hlim, t.in_error) {
        t.append_info(format_args!(", hop limit={hlim}"));
    }
}

/// A packet quoted inside an ICMPv6 message (an error's invoking packet, RFC 4443 §3; a
/// Redirected Header's packet, RFC 4861 §4.6.3): dissected as IPv6 as far as it goes, a cut
/// being allowed, and never deeper than `ip.max_nesting`. Its addresses and messages do not
/// replace this packet's columns (Wireshark makes the columns read-only there too), and what
/// it finds cut does not make the rest of the quoting message look cut.
pub(crate) fn quoted(t: &mut Tree<'_>, at: usize, end: usize) {
    if end <= at {
        return;
    }
    let was = (t.in_error, t.cut);
    // The Info text is kept in the frame's text arena (reused), not a new String: no
    // allocation per quoting frame.
    let d = &mut *t.d;
    let info = (d.text.len(), d.cols.info.len());
    d.text.push_str(&d.cols.info);
    let cols = (d.cols.src, d.cols.dst, d.cols.protocol);
    let pkt = t.pkt;
    t.in_error = true;
    t.nesting += 1;
    if t.nesting > t.prefs.max_nesting {
        t.expert(&crate::expert::DEPTH_LIMIT, at, end - at, None);
    } else if t.rd().u8(at).is_some_and(|v| v >> 4 == 6) {
        crate::ipv6::dissect(t, at, end);
    } else {
        // Wireshark's sanity check: what does not start like IPv6 is shown as data.
        crate::data(t, at, end);
    }
    t.nesting -= 1;
    (t.in_error, t.cut) = was;
    let d = &mut *t.d;
    (d.cols.src, d.cols.dst, d.cols.protocol) = cols;
    d.cols.info.clear();
    d.cols.info.push_str(d.text.str_at(info.0, info.1));
    t.pkt = pkt;
}

/// Puts the `n` nodes that follow the last node of `parent` beneath it, as Wireshark shows a
/// flags word's bits under the word (`layout!` adds a field's definitions side by side).
/// Returns the parent's node index, if the tree kept it.
pub(crate) fn nest(t: &mut Tree<'_>, parent: &'static FieldDef, n: usize) -> Option<usize> {
    if t.keeps_no_nodes() {
        return None;
    }
    let nodes = &mut t.d.nodes;
    let i = nodes.iter().rposition(|x| std::ptr::eq(x.def, parent))?;
    let depth = nodes[i].depth;
    for x in nodes.iter_mut().skip(i + 1).take(n) {
        if x.depth == depth {
            x.depth += 1;
        }
    }
    Some(i)
}

/// The index of the last node of `def`, if the tree kept one.
pub(crate) fn last_node(t: &Tree<'_>, def: &'static FieldDef) -> Option<usize> {
    if t.keeps_no_nodes() {
        return None;
    }
    t.d.nodes.iter().rposition(|x| std::ptr::eq(x.def, def))
}

// ---------------------------------------------------------------------------------------------
// The owned model: every ICMPv6 message, built from the layouts the dissector annotates with.
// ---------------------------------------------------------------------------------------------

use crate::ipv6::LenError;
use crate::model::{Auto, Cut, EmitCx};
use crate::wire::Ip6;
use mip6::{Haad, Mpa, Mps};
use mld::{MldQuery2, MldReport2, MldV1};
use opt::NdOptions;

/// A message with a fixed part (a `layout!`) and Neighbor Discovery options after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WithOptions<F, B> {
    pub fixed: F,
    pub options: NdOptions<B>,
}

/// Echo Request/Reply (RFC 4443 §4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Echo<B> {
    pub id: u16,
    pub seq: u16,
    pub data: B,
}

/// An ICMPv6 message body, by type; storage `B` for the octets kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Icmpv6Msg<B> {
    /// 1 (RFC 4443 §3.1): the unused word, then as much of the invoking packet as fits.
    DestUnreachable {
        unused: u32,
        invoking: B,
    },
    /// 2 (§3.2).
    PacketTooBig {
        mtu: u32,
        invoking: B,
    },
    /// 3 (§3.3).
    TimeExceeded {
        unused: u32,
        invoking: B,
    },
    /// 4 (§3.4).
    ParamProblem {
        pointer: u32,
        invoking: B,
    },
    EchoRequest(Echo<B>),
    EchoReply(Echo<B>),
    /// 130 of 24 to 27 octets (RFC 2710 §3; RFC 3810 §8.1).
    MldQueryV1(MldV1<B>),
    /// 130 of 28 octets or more (RFC 3810 §5.1).
    MldQueryV2(MldQuery2<B>),
    MldReport(MldV1<B>),
    MldDone(MldV1<B>),
    /// 143 (RFC 3810 §5.2).
    MldReportV2(MldReport2<B>),
    RouterSolicitation(WithOptions<nd::Rs, B>),
    RouterAdvertisement(WithOptions<nd::Ra, B>),
    NeighborSolicitation(WithOptions<nd::Ns, B>),
    NeighborAdvertisement(WithOptions<nd::Na, B>),
    Redirect(WithOptions<nd::Redirect, B>),
    /// 144 (RFC 6275 §6.5): octets after the fixed part kept.
    HaadRequest {
        fixed: Haad,
        trailer: B,
    },
    /// 145 (§6.6): the home agent addresses (whole ones), then what is left.
    HaadReply {
        fixed: Haad,
        addresses: B,
        trailer: B,
    },
    MobilePrefixSolicitation(WithOptions<Mps, B>),
    MobilePrefixAdvertisement(WithOptions<Mpa, B>),
    /// 154 or 150 (`ty`): a fast handovers message ([`fmip6`]), its subtype in the fixed part.
    Fmipv6 {
        ty: Icmp6Type,
        msg: WithOptions<fmip6::Fmip6, B>,
    },
    /// A type not decoded, or a message shorter than its fixed part: the octets after the checksum.
    Other {
        ty: Icmp6Type,
        body: B,
    },
}

/// An ICMPv6 message (RFC 4443 §2.1), owned and lossless: the code as on the wire (see
/// [`DestUnreachableCode`], [`TimeExceededCode`], [`ParamProblemCode`]), the checksum computed
/// over the pseudo-header of `EmitCx::ip` unless given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Icmpv6<B> {
    pub code: u8,
    pub checksum: Auto<u16>,
    pub msg: Icmpv6Msg<B>,
}

fn opts<F: Copy, B: AsRef<[u8]>>(w: &WithOptions<F, B>) -> WithOptions<F, Vec<u8>> {
    WithOptions { fixed: w.fixed, options: w.options.to_owned() }
}

impl<B: AsRef<[u8]>> Icmpv6<B> {
    /// A message with code 0 and the checksum computed.
    pub fn new(msg: Icmpv6Msg<B>) -> Self {
        Icmpv6 { code: 0, checksum: Auto::Computed, msg }
    }

    /// The message type.
    pub fn ty(&self) -> Icmp6Type {
        use Icmpv6Msg as M;
        match &self.msg {
            M::DestUnreachable { .. } => Icmp6Type::DestinationUnreachable,
            M::PacketTooBig { .. } => Icmp6Type::PacketTooBig,
            M::TimeExceeded { .. } => Icmp6Type::TimeExceeded,
            M::ParamProblem { .. } => Icmp6Type::ParameterProblem,
            M::EchoRequest(_) => Icmp6Type::EchoRequest,
            M::EchoReply(_) => Icmp6Type::EchoReply,
            M::MldQueryV1(_) | M::MldQueryV2(_) => Icmp6Type::MldQuery,
            M::MldReport(_) => Icmp6Type::MldReport,
            M::MldDone(_) => Icmp6Type::MldDone,
            M::MldReportV2(_) => Icmp6Type::MldReportV2,
            M::RouterSolicitation(_) => Icmp6Type::RouterSolicitation,
            M::RouterAdvertisement(_) => Icmp6Type::RouterAdvertisement,
            M::NeighborSolicitation(_) => Icmp6Type::NeighborSolicitation,
            M::NeighborAdvertisement(_) => Icmp6Type::NeighborAdvertisement,
            M::Redirect(_) => Icmp6Type::Redirect,
            M::HaadRequest { .. } => Icmp6Type::HaadRequest,
            M::HaadReply { .. } => Icmp6Type::HaadReply,
            M::MobilePrefixSolicitation(_) => Icmp6Type::MobilePrefixSolicitation,
            M::MobilePrefixAdvertisement(_) => Icmp6Type::MobilePrefixAdvertisement,
            M::Fmipv6 { ty, .. } | M::Other { ty, .. } => *ty,
        }
    }

    /// The home agent addresses of a HAAD Reply.
    pub fn home_agents(&self) -> impl Iterator<Item = Ip6> + '_ {
        let b: &[u8] = match &self.msg {
            Icmpv6Msg::HaadReply { addresses, .. } => addresses.as_ref(),
            _ => &[],
        };
        b.chunks_exact(16).map(|c| Ip6(c.try_into().unwrap_or_default()))
    }

    /// Appends the message, computing the counts and lengths not given, then the checksum over
    /// `cx.ip`'s pseudo-header (0 when there is none: ICMPv6 has no meaning outside IPv6).
    pub fn emit(&self, cx: &EmitCx<'_>, out: &mut Vec<u8>) -> Result<(), LenError> {
        use Icmpv6Msg as M;
        let start = out.len();
        out.push(u8::from(self.ty()));
        out.push(self.code);
        out.extend_from_slice(&self.checksum.given().unwrap_or(0).to_be_bytes());
        let word = |out: &mut Vec<u8>, w: u32, b: &B| {
            out.extend_from_slice(&w.to_be_bytes());
            out.extend_from_slice(b.as_ref());
        };
        match &self.msg {
            M::DestUnreachable { unused: w, invoking }
            | M::PacketTooBig { mtu: w, invoking }
            | M::TimeExceeded { unused: w, invoking }
            | M::ParamProblem { pointer: w, invoking } => word(out, *w, invoking),
            M::EchoRequest(e) | M::EchoReply(e) => {
                out.extend_from_slice(&e.id.to_be_bytes());
                out.extend_from_slice(&e.seq.to_be_bytes());
                out.extend_from_slice(e.data.as_ref());
            }
            M::MldQueryV1(m) | M::MldReport(m) | M::MldDone(m) => m.emit(out),
            M::MldQueryV2(m) => m.emit(out)?,
            M::MldReportV2(m) => m.emit(out)?,
            M::RouterSolicitation(w) => {
                w.fixed.emit(out);
                w.options.emit(out)?;
            }
            M::RouterAdvertisement(w) => {
                w.fixed.emit(out);
                w.options.emit(out)?;
            }
            M::NeighborSolicitation(w) => {
                w.fixed.emit(out);
                w.options.emit(out)?;
            }
            M::NeighborAdvertisement(w) => {
                w.fixed.emit(out);
                w.options.emit(out)?;
            }
            M::Redirect(w) => {
                w.fixed.emit(out);
                w.options.emit(out)?;
            }
            M::MobilePrefixSolicitation(w) => {
                w.fixed.emit(out);
                w.options.emit(out)?;
            }
            M::MobilePrefixAdvertisement(w) => {
                w.fixed.emit(out);
                w.options.emit(out)?;
            }
            M::Fmipv6 { msg: w, .. } => {
                w.fixed.emit(out);
                w.options.emit(out)?;
            }
            M::HaadRequest { fixed, trailer } => {
                fixed.emit(out);
                out.extend_from_slice(trailer.as_ref());
            }
            M::HaadReply { fixed, addresses, trailer } => {
                fixed.emit(out);
                out.extend_from_slice(addresses.as_ref());
                out.extend_from_slice(trailer.as_ref());
            }
            M::Other { body, .. } => out.extend_from_slice(body.as_ref()),
        }
        if let (Auto::Computed, Some(ip)) = (self.checksum, cx.ip) {
            let msg = &out[start..];
            let c = checksum::finish(checksum::sum(msg, ip.pseudo_sum(msg.len() as u32, crate::IpProto::Icmpv6.value())));
            out[start + 2..start + 4].copy_from_slice(&c.to_be_bytes());
        }
        Ok(())
    }

    /// The owned form (options and records typed).
    pub fn to_owned(&self) -> Icmpv6<Vec<u8>> {
        use Icmpv6Msg as M;
        let v = |b: &B| b.as_ref().to_vec();
        let msg = match &self.msg {
            M::DestUnreachable { unused, invoking } => M::DestUnreachable { unused: *unused, invoking: v(invoking) },
            M::PacketTooBig { mtu, invoking } => M::PacketTooBig { mtu: *mtu, invoking: v(invoking) },
            M::TimeExceeded { unused, invoking } => M::TimeExceeded { unused: *unused, invoking: v(invoking) },
            M::ParamProblem { pointer, invoking } => M::ParamProblem { pointer: *pointer, invoking: v(invoking) },
            M::EchoRequest(e) => M::EchoRequest(Echo { id: e.id, seq: e.seq, data: v(&e.data) }),
            M::EchoReply(e) => M::EchoReply(Echo { id: e.id, seq: e.seq, data: v(&e.data) }),
            M::MldQueryV1(m) => M::MldQueryV1(m.to_owned()),
            M::MldQueryV2(m) => M::MldQueryV2(m.to_owned()),
            M::MldReport(m) => M::MldReport(m.to_owned()),
            M::MldDone(m) => M::MldDone(m.to_owned()),
            M::MldReportV2(m) => M::MldReportV2(m.to_owned()),
            M::RouterSolicitation(w) => M::RouterSolicitation(opts(w)),
            M::RouterAdvertisement(w) => M::RouterAdvertisement(opts(w)),
            M::NeighborSolicitation(w) => M::NeighborSolicitation(opts(w)),
            M::NeighborAdvertisement(w) => M::NeighborAdvertisement(opts(w)),
            M::Redirect(w) => M::Redirect(opts(w)),
            M::HaadRequest { fixed, trailer } => M::HaadRequest { fixed: *fixed, trailer: v(trailer) },
            M::HaadReply { fixed, addresses, trailer } => {
                M::HaadReply { fixed: *fixed, addresses: v(addresses), trailer: v(trailer) }
            }
            M::MobilePrefixSolicitation(w) => M::MobilePrefixSolicitation(opts(w)),
            M::MobilePrefixAdvertisement(w) => M::MobilePrefixAdvertisement(opts(w)),
            M::Fmipv6 { ty, msg } => M::Fmipv6 { ty: *ty, msg: opts(msg) },
            M::Other { ty, body } => M::Other { ty: *ty, body: v(body) },
        };
        Icmpv6 { code: self.code, checksum: self.checksum, msg }
    }
}

/// A fixed part then options, or `None` when the fixed part does not fit.
fn with_options<F>(body: &[u8], parse: fn(&[u8]) -> crate::wire::PResult<'_, F>) -> Option<WithOptions<F, &[u8]>> {
    parse(body).ok().map(|(rest, fixed)| WithOptions { fixed, options: NdOptions::Wire(rest) })
}

impl<'a> Icmpv6<&'a [u8]> {
    /// Parses a whole message: all of `i` (the IPv6 payload from the ICMPv6 header on). A body
    /// shorter than its type's fixed part is kept as [`Icmpv6Msg::Other`].
    pub fn parse(i: &'a [u8]) -> Result<(Self, usize), Cut> {
        use Icmpv6Msg as M;
        let Some((&[ty, code, c0, c1], body)) = i.split_first_chunk::<4>() else { return Err(Cut::new(0, "ICMPv6 header")) };
        let word = body.split_first_chunk::<4>().map(|(w, b)| (u32::from_be_bytes(*w), b));
        let ty = Icmp6Type::from(ty);
        let msg = match (ty, word) {
            (Icmp6Type::DestinationUnreachable, Some((w, b))) => Some(M::DestUnreachable { unused: w, invoking: b }),
            (Icmp6Type::PacketTooBig, Some((w, b))) => Some(M::PacketTooBig { mtu: w, invoking: b }),
            (Icmp6Type::TimeExceeded, Some((w, b))) => Some(M::TimeExceeded { unused: w, invoking: b }),
            (Icmp6Type::ParameterProblem, Some((w, b))) => Some(M::ParamProblem { pointer: w, invoking: b }),
            (Icmp6Type::EchoRequest | Icmp6Type::EchoReply, Some((w, b))) => {
                let e = Echo { id: (w >> 16) as u16, seq: w as u16, data: b };
                Some(if ty == Icmp6Type::EchoRequest { M::EchoRequest(e) } else { M::EchoReply(e) })
            }
            (Icmp6Type::MldQuery, _) if i.len() >= mld::V2_QUERY_MIN => {
                MldQuery2::parse(body).ok().map(|(m, _)| M::MldQueryV2(m))
            }
            (Icmp6Type::MldQuery, _) => MldV1::parse(body).ok().map(|(m, _)| M::MldQueryV1(m)),
            (Icmp6Type::MldReport, _) => MldV1::parse(body).ok().map(|(m, _)| M::MldReport(m)),
            (Icmp6Type::MldDone, _) => MldV1::parse(body).ok().map(|(m, _)| M::MldDone(m)),
            (Icmp6Type::MldReportV2, _) => MldReport2::parse(body).ok().map(|(m, _)| M::MldReportV2(m)),
            (Icmp6Type::RouterSolicitation, _) => with_options(body, nd::Rs::parse).map(M::RouterSolicitation),
            (Icmp6Type::RouterAdvertisement, _) => with_options(body, nd::Ra::parse).map(M::RouterAdvertisement),
            (Icmp6Type::NeighborSolicitation, _) => with_options(body, nd::Ns::parse).map(M::NeighborSolicitation),
            (Icmp6Type::NeighborAdvertisement, _) => with_options(body, nd::Na::parse).map(M::NeighborAdvertisement),
            (Icmp6Type::Redirect, _) => with_options(body, nd::Redirect::parse).map(M::Redirect),
            (Icmp6Type::HaadRequest, _) => Haad::parse(body).ok().map(|(trailer, fixed)| M::HaadRequest { fixed, trailer }),
            (Icmp6Type::HaadReply, _) => Haad::parse(body).ok().map(|(rest, fixed)| {
                let (addresses, trailer) = rest.split_at(rest.len() / 16 * 16);
                M::HaadReply { fixed, addresses, trailer }
            }),
            (Icmp6Type::MobilePrefixSolicitation, _) => with_options(body, Mps::parse).map(M::MobilePrefixSolicitation),
            (Icmp6Type::MobilePrefixAdvertisement, _) => with_options(body, Mpa::parse).map(M::MobilePrefixAdvertisement),
            (Icmp6Type::Fmipv6 | Icmp6Type::ExperimentalMobility, _) => {
                with_options(body, fmip6::Fmip6::parse).map(|msg| M::Fmipv6 { ty, msg })
            }
            _ => None,
        };
        let msg = msg.unwrap_or(M::Other { ty, body });
        Ok((Icmpv6 { code, checksum: Auto::Given(u16::from_be_bytes([c0, c1])), msg }, i.len()))
    }
}
