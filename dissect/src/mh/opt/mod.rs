//! Mobility options (RFC 6275 §6.2): the TLVs after a message's fixed part.
//!
//! This module holds what every option shares: the walk ([`dissect_options`]), the row type
//! ([`OptDef`]), the owned form ([`MhOption`]), IANA's option types ([`OptType`], whose table
//! `mip6.opt.type` shows) and the lookup. Each option lives in the module of its protocol
//! element, with its fields, layouts, decoder and row; [`FAMILIES`] lists those modules, and the
//! lookup is built from their rows.
//!
//! One row per option: a family's `options!` block declares, for each option, the owned variant
//! with its body type and the [`OptDef`] row (code, name, presence field, length rule,
//! alignment, decoder, [`Span`]). It generates the family's `DEFS` and its owned enum, whose
//! parse and emit [`MhOption`] dispatches to (`families!` makes the families' list and
//! [`MhOption`]'s variants from one list). Bodies are the decoders' own `layout!` structs (fields
//! typed with `code_points!`/`flags!`) plus typed variable parts ([`owned`]).
//!
//! The walk is Wireshark's containment rule: the length octet must be inside the options area
//! and the whole option must fit before any per-type decoding runs, and each option's decoder
//! sees only its own bytes. A known type whose length is wrong is shown raw with an expert item
//! and parsed as [`MhOption::Raw`], so the owned form still re-emits identical bytes.
//!
//! Building: [`MhOption::emit`] computes Length (an error when its octet cannot say it),
//! [`align_options`] inserts the Pad1/PadN that RFC 6275 §6.2's `xn+y` rules and the 8-octet
//! header need, and a draft option's type number comes from the profile ([`crate::model::EmitCx`]).

/// Implements [`crate::wire::Wire`] and `Default` for `code_points!` types, so a `layout!`
/// field is typed by its code point and still annotated as the integer on the wire.
macro_rules! wire_code {
    ($($t:ty: $repr:ty),+ $(,)?) => {$(
        impl $crate::wire::Wire for $t {
            const LEN: usize = <$repr as $crate::wire::Wire>::LEN;
            fn parse(i: &[u8]) -> $crate::wire::PResult<'_, Self> {
                <$repr as $crate::wire::Wire>::parse(i).map(|(r, v)| (r, <$t>::from(v)))
            }
            fn emit(&self, out: &mut Vec<u8>) {
                $crate::wire::Wire::emit(&<$t>::value(*self), out)
            }
            fn value(&self) -> $crate::field::Value {
                $crate::field::Value::Uint(u64::from(<$t>::value(*self)))
            }
            fn raw(&self) -> u64 {
                u64::from(<$t>::value(*self))
            }
        }
        impl Default for $t {
            fn default() -> Self {
                <$t>::from(0)
            }
        }
    )+};
}

/// Implements [`crate::wire::Wire`] for `flags!` types (the whole word, reserved bits kept).
macro_rules! wire_flags {
    ($($t:ident: $repr:ty),+ $(,)?) => {$(
        impl $crate::wire::Wire for $t {
            const LEN: usize = <$repr as $crate::wire::Wire>::LEN;
            fn parse(i: &[u8]) -> $crate::wire::PResult<'_, Self> {
                <$repr as $crate::wire::Wire>::parse(i).map(|(r, v)| (r, $t(v)))
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
        impl From<$repr> for $t {
            fn from(v: $repr) -> Self {
                $t(v)
            }
        }
        impl From<$t> for $repr {
            fn from(v: $t) -> $repr {
                v.0
            }
        }
    )+};
}

/// Declares a family's options once: each row is the owned variant with its body type, then
/// the [`OptDef`] row the dissector walks by (code, name, presence field, length rule,
/// alignment, decoder, and `span` when Length does not count octets). Generates the family's
/// `DEFS`, its owned enum (one variant per row) with `code`, `parse_body` and `emit_body`, and
/// the conversion into [`MhOption`] (variant `$wrap`). Adding an option is one row here.
macro_rules! options {
    ($(#[$m:meta])* pub enum $name:ident => $wrap:ident {
        $( $(#[$vm:meta])* $v:ident($ty:ty) = $code:path, $text:literal, $presence:expr, $len:expr, $align:expr, $body:expr $(, span $span:expr)? ; )+
    }) => {
        /// The option rows of this family (generated with the owned variants).
        pub static DEFS: &[$crate::mh::opt::OptDef] = &[
            $( $crate::mh::opt::OptDef::new($code.value(), $text, $presence, $len, $align, $body) $(.span($span))? ),+
        ];
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum $name {
            $( $(#[$vm])* #[doc = $text] $v($ty), )+
        }
        impl $name {
            /// The option type (IANA's number).
            pub const fn code(&self) -> u8 {
                match self {
                    $( $name::$v(_) => $code.value(), )+
                }
            }
            /// The body of option `code` from its data, when this family has the type and the
            /// data has the body's shape.
            pub fn parse_body(code: u8, data: &[u8]) -> Option<Self> {
                match code {
                    $( c if c == $code.value() => <$ty as $crate::mh::opt::owned::Body>::parse_body(data).map($name::$v), )+
                    _ => None,
                }
            }
            /// Appends the option data (after Type and Length).
            pub fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), $crate::mh::opt::owned::OptError> {
                match self {
                    $( $name::$v(b) => $crate::mh::opt::owned::Body::emit_body(b, out), )+
                }
            }
        }
        impl From<$name> for $crate::mh::opt::MhOption {
            fn from(v: $name) -> Self {
                $crate::mh::opt::MhOption::$wrap(v)
            }
        }
    };
}

pub(crate) use {wire_code, wire_flags};

pub mod ani;
pub mod auth;
pub mod base;
pub mod dmm;
pub mod dsmip;
pub mod ero;
pub mod flow;
pub mod fmip;
pub mod generic;
pub mod lcmp;
pub mod lra;
pub mod mnid;
pub mod multicast;
pub mod owned;
pub mod pmip;
pub mod pmip_ipv4;
pub mod qos;

use super::{expert, Family};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::model::{Auto, EmitCx};
use crate::prefs::Prefs;
use crate::tree::Tree;
use crate::wire::{MipError, PResult};
use base::P_PAD1;
use nom::error::{ErrorKind, ParseError};
pub use owned::{Addr, Body, Empty, OptError, Span, SubOpt, SubOpts, Tail, Tlv, TlvWalk, U16s};
use std::sync::OnceLock;

/// Declares the option families once: [`FAMILIES`] (the dissector's rows) and [`MhOption`]
/// (one variant per family's owned enum). A new family is one line here (and its module).
macro_rules! families {
    ($($m:ident => $v:ident($t:ty)),+ $(,)?) => {
        /// Every option family, one module per protocol element; the lookup is built from their rows.
        pub static FAMILIES: &[Family<OptDef>] = &[ $( family!($m) ),+ ];

        /// One mobility option, owned and lossless: `emit(parse(x)) == x` for any option the
        /// parse accepts. A known type whose data has its body's shape (the row's length rule
        /// holds) is typed, in its family's enum; a profile-numbered draft option is
        /// [`MhOption::Seed`]; anything else is [`MhOption::Raw`].
        ///
        /// Length is computed on emit from the body (by the row's [`Span`] rule), and is an
        /// error when its octet cannot describe the body; `WithLength` gives a typed option a lying
        /// Length, `Raw` any octets.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum MhOption {
            $( $v($t), )+
            /// A profile-numbered draft option (Binding Identifier, Handover Home Keygen Token).
            Seed(super::seeds::SeedOpt),
            /// Any other option: an unassigned type, or a known type whose length rule fails
            /// (or a draft option whose data the profile's layout cannot hold). `length`
            /// `Given` is emitted as is; `Computed` follows the type's row. (Type 0 is Pad1,
            /// which has no Length: [`MhOption::PAD1`].)
            Raw { kind: OptType, length: Auto<u8>, data: Vec<u8> },
            /// A typed option sent with this Length octet whatever its data says: a malformed
            /// option that lies about exactly its length and nothing else. (A parse never gives
            /// it: a Length its type's rule rejects parses as `Raw`.)
            WithLength { length: u8, option: Box<MhOption> },
        }

        impl MhOption {
            fn family_code(&self) -> Option<u8> {
                match self {
                    $( MhOption::$v(o) => Some(o.code()), )+
                    _ => None,
                }
            }
            fn family_parse(kind: u8, data: &[u8]) -> Option<Self> {
                None $( .or_else(|| <$t>::parse_body(kind, data).map(MhOption::$v)) )+
            }
            fn family_emit(&self, out: &mut Vec<u8>) -> Option<Result<(), OptError>> {
                match self {
                    $( MhOption::$v(o) => Some(o.emit_body(out)), )+
                    _ => None,
                }
            }
        }
    };
}

families! {
    base => Base(base::BaseOpt),
    fmip => Fmip(fmip::FmipOpt),
    mnid => Mnid(mnid::MnidOpt),
    auth => Auth(auth::AuthOpt),
    ero => Ero(ero::EroOpt),
    generic => Generic(generic::GenericOpt),
    pmip => Pmip(pmip::PmipOpt),
    dsmip => Dsmip(dsmip::DsmipOpt),
    pmip_ipv4 => PmipIpv4(pmip_ipv4::PmipIpv4Opt),
    flow => Flow(flow::FlowOpt),
    lra => Lra(lra::LraOpt),
    ani => Ani(ani::AniOpt),
    multicast => Multicast(multicast::MulticastOpt),
    dmm => Dmm(dmm::DmmOpt),
    qos => Qos(qos::QosOpt),
    lcmp => Lcmp(lcmp::LcmpOpt),
}

/// tshark 4.0's names for mobility option types it names otherwise (filters take them too).
pub static OPT_TSHARK_NAMES: &[(u64, &str)] =
    &[(9, "AUTH"), (10, "MESG-ID"), (18, "Experimental"), (19, "Vendor Specific"), (20, "Service Selection")];

crate::mh::fields! {
    pub static OPTIONS: FieldDef = FieldDef::new("mip6.options", "Mobility Options", Kind::None);
    pub static OPT_TYPE: FieldDef = FieldDef::new("mip6.opt.type", "Type", Kind::Uint(1)).vals(OPT_VALS);
    /// Second row of `mip6.opt.type`, for options a preference numbers (seed 004's Handover Home
    /// Keygen Token, seed 002's Binding Identifier off 35): the node carries the name.
    pub static OPT_TYPE_NAMED: FieldDef = FieldDef::new("mip6.opt.type", "Type", Kind::Uint(1)).node_named();
    pub static OPT_LEN: FieldDef = FieldDef::new("mip6.mobility_opt.len", "Length", Kind::Uint(1));
    pub static OPT_UNKNOWN: FieldDef = FieldDef::new("mip6.mobility_opt", "Mobility Option", Kind::Uint(1)).vals(OPT_VALS).tshark_names(OPT_TSHARK_NAMES);
    pub static OPT_DATA: FieldDef = FieldDef::new("mip6.mobility_opt.data", "Option Data", Kind::Bytes);
    pub static P_UNKNOWN: FieldDef = FieldDef::new("mip6.options.unknown", "MIPv6 Option - Unknown", Kind::Protocol);
}
crate::code_points! {
    /// IANA's mobility option types (0–70) with their registry names: `mip6.opt.type` shows
    /// these, and the owned form ([`MhOption::kind`]) reports them.
    pub enum OptType: u8 {
        Pad1 = 0 => "Pad1",
        PadN = 1 => "PadN",
        BindingRefreshAdvice = 2 => "Binding Refresh Advice",
        AlternateCareOfAddress = 3 => "Alternate Care-of Address",
        NonceIndices = 4 => "Nonce Indices",
        AuthorizationData = 5 => "Authorization Data",
        MobileNetworkPrefix = 6 => "Mobile Network Prefix",
        LinkLayerAddress = 7 => "Mobility Header Link-Layer Address",
        MobileNodeIdentifier = 8 => "Mobile Node Identifier",
        Auth = 9 => "AUTH-OPTION-TYPE",
        MesgId = 10 => "MESG-ID-OPTION-TYPE",
        CgaParametersRequest = 11 => "CGA Parameters Request",
        CgaParameters = 12 => "CGA Parameters",
        Signature = 13 => "Signature",
        PermanentHomeKeygenToken = 14 => "Permanent Home Keygen Token",
        CareOfTestInit = 15 => "Care-of Test Init",
        CareOfTest = 16 => "Care-of Test",
        DnsUpdate = 17 => "DNS-UPDATE-TYPE",
        Experimental = 18 => "Experimental Mobility Option",
        VendorSpecific = 19 => "Vendor Specific Mobility Option",
        ServiceSelection = 20 => "Service Selection Mobility Option",
        Badf = 21 => "Binding Authorization Data for FMIPv6 (BADF)",
        HomeNetworkPrefix = 22 => "Home Network Prefix",
        HandoffIndicator = 23 => "Handoff Indicator",
        AccessTechnologyType = 24 => "Access Technology Type",
        MnLinkLayerIdentifier = 25 => "Mobile Node Link-layer Identifier",
        LinkLocalAddress = 26 => "Link-local Address",
        Timestamp = 27 => "Timestamp",
        RestartCounter = 28 => "Restart Counter",
        Ipv4HomeAddress = 29 => "IPv4 Home Address",
        Ipv4AddressAcknowledgement = 30 => "IPv4 Address Acknowledgement",
        NatDetection = 31 => "NAT Detection",
        Ipv4CareOfAddress = 32 => "IPv4 Care-of Address",
        GreKey = 33 => "GRE Key",
        MhIpv6AddressPrefix = 34 => "Mobility Header IPv6 Address/Prefix",
        BindingIdentifier = 35 => "Binding Identifier",
        Ipv4HomeAddressRequest = 36 => "IPv4 Home Address Request",
        Ipv4HomeAddressReply = 37 => "IPv4 Home Address Reply",
        Ipv4DefaultRouterAddress = 38 => "IPv4 Default-Router Address",
        Ipv4DhcpSupportMode = 39 => "IPv4 DHCP Support Mode",
        ContextRequest = 40 => "Context Request",
        LmaAddress = 41 => "Local Mobility Anchor Address",
        MnLinkLocalAddressIid = 42 => "Mobile Node Link-local Address Interface Identifier",
        TransientBinding = 43 => "Transient Binding",
        FlowSummary = 44 => "Flow Summary",
        FlowIdentification = 45 => "Flow Identification",
        RedirectCapability = 46 => "Redirect-Capability",
        Redirect = 47 => "Redirect",
        LoadInformation = 48 => "Load Information",
        AlternateIpv4CareOfAddress = 49 => "Alternate IPv4 Care-of Address",
        MnGroupIdentifier = 50 => "Mobile Node Group Identifier",
        MagIpv6Address = 51 => "MAG IPv6 Address",
        AccessNetworkIdentifier = 52 => "Access Network Identifier",
        Ipv4TrafficOffloadSelector = 53 => "IPv4 Traffic Offload Selector",
        DynamicIpMulticastSelector = 54 => "Dynamic IP Multicast Selector",
        DelegatedMobileNetworkPrefix = 55 => "Delegated Mobile Network Prefix",
        ActiveMulticastSubscriptionIpv4 = 56 => "Active Multicast Subscription IPv4",
        ActiveMulticastSubscriptionIpv6 = 57 => "Active Multicast Subscription IPv6",
        QualityOfService = 58 => "Quality-of-Service",
        LmaUserPlaneAddress = 59 => "LMA User-Plane Address",
        MulticastMobility = 60 => "Multicast Mobility Option",
        MulticastAcknowledgement = 61 => "Multicast Acknowledgement Option",
        LmaControlledMagParameters = 62 => "LMA-Controlled MAG Parameters",
        MagMultipathBinding = 63 => "MAG Multipath-Binding",
        MagIdentifier = 64 => "MAG Identifier",
        AnchoredPrefix = 65 => "Anchored Prefix",
        LocalPrefix = 66 => "Local Prefix",
        PreviousMaar = 67 => "Previous MAAR",
        ServingMaar = 68 => "Serving MAAR",
        DlifLinkLocalAddress = 69 => "DLIF Link-Local Address",
        DlifLinkLayerAddress = 70 => "DLIF Link-Layer Address",
    }
}

/// IANA's mobility option names (types 0–70): [`OptType`]'s table.
pub static OPT_VALS: &[(u64, &str)] = OptType::VALS;

/// How an option's Length is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Len {
    Fixed(usize),
    Min(usize),
    /// One of a few lengths (an IPv4 or an IPv6 address, say).
    OneOf(&'static [usize]),
}

/// Where an option sits, for its decoder.
#[derive(Debug, Clone, Copy)]
pub struct OptCtx<'c> {
    /// The message carrying the option.
    pub msg: &'c super::MsgCtx,
    /// Index of the option's subtree node (for appending a summary to its label).
    pub node: usize,
    /// Frame offset of the option's Type octet.
    pub at: usize,
    /// Frame offsets of the option data (after Type and Length).
    pub off: usize,
    pub end: usize,
}

/// An option decoder: annotates the option data `c.off..c.end` (called only once the length
/// rule holds) and records what the message's cross-checks need in the summary.
pub type OptBody = fn(&mut Tree<'_>, &OptCtx<'_>, &mut OptSummary);

/// No alignment requirement (`1n + 0`).
pub const NO_ALIGN: (usize, usize) = (1, 0);

/// The static description of one option type: Wireshark's `mip6_opts[]` row.
pub struct OptDef {
    /// IANA code (for profile-numbered options, the default; lookup matches the preference).
    pub code: u8,
    pub name: &'static str,
    pub presence: &'static FieldDef,
    pub len: Len,
    /// Alignment requirement `x·n + y` as `(x, y)`; `(1, 0)` means none.
    pub align: (usize, usize),
    /// Decodes the option data (called only once the length rule holds).
    pub body: OptBody,
    /// How the Length octet counts the data (RFC 7411's multicast options count 32-bit words).
    pub span: Span,
}

impl OptDef {
    /// A row whose Length counts octets: code, name, presence field, length rule, alignment
    /// `(x, y)` for `xn+y` ([`NO_ALIGN`] for none), decoder.
    pub const fn new(
        code: u8,
        name: &'static str,
        presence: &'static FieldDef,
        len: Len,
        align: (usize, usize),
        body: OptBody,
    ) -> Self {
        OptDef { code, name, presence, len, align, body, span: Span::Octets }
    }
    /// The same row with another reading of the Length octet (see [`OptDef::span`]).
    pub const fn span(self, span: Span) -> Self {
        OptDef { span, ..self }
    }
    /// Whether option data of `n` octets satisfies the row's length rule.
    pub fn len_ok(&self, n: usize) -> bool {
        match self.len {
            Len::Fixed(m) => n == m,
            Len::Min(m) => n >= m,
            Len::OneOf(ns) => ns.contains(&n),
        }
    }
}

impl std::fmt::Debug for OptDef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OptDef({} {})", self.code, self.name)
    }
}

/// The decoder for an option type under the active preferences: profile-numbered draft
/// options first (their numbers are user-chosen), then the IANA-numbered rows of the families.
pub fn lookup(kind: u8, prefs: &crate::prefs::Prefs) -> Option<&'static OptDef> {
    super::seeds::lookup_opt(kind, prefs).or_else(|| by_code(kind))
}

/// The IANA-numbered row for an option type, if a family has one.
pub fn by_code(kind: u8) -> Option<&'static OptDef> {
    static INDEX: OnceLock<[Option<&'static OptDef>; 256]> = OnceLock::new();
    INDEX.get_or_init(|| super::index(FAMILIES, |d| d.code))[usize::from(kind)]
}

/// One option as the walk frames it at the start of an options area: the framing rule
/// (RFC 6275 §6.2, the rows' [`Span`]s, the profile's draft numbers) that the dissector's walk
/// ([`dissect_options`]) and the owned form's parse ([`MhOption::parse_in`]) both take their
/// options from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framed<'a> {
    /// Type 0: one octet, no Length.
    Pad1,
    /// Type, Length octet and the data it stands for.
    Whole { kind: u8, len_octet: u8, data: &'a [u8] },
    /// A Type octet with no Length octet after it.
    NoLength { kind: u8 },
    /// A Length standing for `whole` octets in all (Type and Length included), more than the
    /// area holds.
    Overrun { kind: u8, len_octet: u8, whole: usize },
}

impl Framed<'_> {
    /// Octets the option takes in the area (Type and Length included); for an overrun, what
    /// its Length says.
    pub fn whole(&self) -> usize {
        match self {
            Framed::Pad1 | Framed::NoLength { .. } => 1,
            Framed::Whole { data, .. } => 2 + data.len(),
            Framed::Overrun { whole, .. } => *whole,
        }
    }
}

/// The option at the start of `area` under `prefs`, `None` when `area` is empty.
pub fn frame<'a>(area: &'a [u8], prefs: &Prefs) -> Option<Framed<'a>> {
    frame_row(area, prefs).map(|(f, _)| f)
}

/// [`frame`], and the row that framed a Type with a Length (its [`lookup`], which the walk
/// reads too: looked up once).
fn frame_row<'a>(area: &'a [u8], prefs: &Prefs) -> Option<(Framed<'a>, Option<&'static OptDef>)> {
    let (&kind, rest) = area.split_first()?;
    if kind == 0 {
        return Some((Framed::Pad1, None));
    }
    let Some((&len_octet, rest)) = rest.split_first() else { return Some((Framed::NoLength { kind }, None)) };
    // `data_len`, with the row kept.
    let def = lookup(kind, prefs);
    let len = def.map_or(usize::from(len_octet), |d| d.span.data_len(len_octet));
    Some(match rest.get(..len) {
        Some(data) => (Framed::Whole { kind, len_octet, data }, def),
        None => (Framed::Overrun { kind, len_octet, whole: 2 + len }, def),
    })
}

/// Octets of option data a Length octet stands for: the option's own rule when its row has
/// one (RFC 7411's options 60 and 61 count 32-bit words), else Length octets. The dissector's
/// walk and the owned form's parse both frame options with this one rule.
pub fn data_len(kind: u8, len_octet: u8, prefs: &Prefs) -> usize {
    lookup(kind, prefs).map_or(usize::from(len_octet), |d| d.span.data_len(len_octet))
}

impl MhOption {
    /// Pad1 (RFC 6275 §6.2.2): one octet, no Length.
    pub const PAD1: MhOption = MhOption::Base(base::BaseOpt::Pad1(Empty));

    /// PadN of `n` octets in all (Type and Length included, `n >= 2`), its data zero.
    pub fn padn(n: usize) -> MhOption {
        MhOption::Base(base::BaseOpt::PadN(vec![0; n.saturating_sub(2)]))
    }

    /// Padding of `n` octets: nothing, Pad1, or PadN (RFC 6275 §6.2.2, §6.2.3).
    pub fn padding(n: usize) -> Option<MhOption> {
        match n {
            0 => None,
            1 => Some(MhOption::PAD1),
            n => Some(MhOption::padn(n)),
        }
    }

    fn is_pad1(&self) -> bool {
        matches!(self, MhOption::Base(base::BaseOpt::Pad1(_)))
    }

    /// The option type under the `rfc` profile's numbers (see [`MhOption::kind_in`]).
    pub fn kind(&self) -> OptType {
        OptType::from(self.kind_in(&Prefs::default()))
    }

    /// The option type number emitted under `prefs`: a draft option with a computed type takes
    /// the profile's number.
    pub fn kind_in(&self, prefs: &Prefs) -> u8 {
        match self {
            MhOption::Seed(s) => s.code(prefs),
            MhOption::Raw { kind, .. } => kind.value(),
            MhOption::WithLength { option, .. } => option.kind_in(prefs),
            _ => self.family_code().unwrap_or(0),
        }
    }

    /// The alignment requirement `(x, y)` for `xn + y` this option has under `prefs` (its row's,
    /// or the Binding Identifier's, which depends on its length).
    pub fn align(&self, prefs: &Prefs) -> (usize, usize) {
        match self {
            MhOption::Seed(s) => s.align(prefs),
            MhOption::WithLength { option, .. } => option.align(prefs),
            _ => lookup(self.kind_in(prefs), prefs).map_or(NO_ALIGN, |d| d.align),
        }
    }

    /// Octets on the wire, including Type and Length, under the `rfc` profile's numbers.
    pub fn buffer_len(&self) -> usize {
        if self.is_pad1() {
            return 1;
        }
        let mut v = Vec::new();
        let _ = self.emit_data(&mut v);
        2 + v.len()
    }

    /// Parses one option (nom, complete input) under the `rfc` profile's numbers.
    pub fn parse(i: &[u8]) -> PResult<'_, Self> {
        Self::parse_in(i, &Prefs::default())
    }

    /// Parses one option under `prefs`: its framing is the dissector's ([`data_len`]); a type
    /// the profile gives to a draft's option is read as that draft's (in the layout the
    /// profile chooses); a known type whose data has its body's shape is typed; anything else
    /// is kept raw. Every typed parse is checked by emitting it again, so the bytes come back
    /// identical whatever they were.
    pub fn parse_in<'a>(i: &'a [u8], prefs: &Prefs) -> PResult<'a, Self> {
        let eof = |at: &'a [u8]| nom::Err::Error(MipError::from_error_kind(at, ErrorKind::Eof));
        let (kind, len_octet, data) = match frame(i, prefs) {
            Some(Framed::Pad1) => return Ok((&i[1..], MhOption::PAD1)),
            Some(Framed::Whole { kind, len_octet, data }) => (kind, len_octet, data),
            Some(Framed::NoLength { .. }) => return Err(eof(&i[1..])),
            Some(Framed::Overrun { .. }) => return Err(eof(&i[2..])),
            None => return Err(eof(i)),
        };
        let len = data.len();
        let rest = &i[2 + len..];
        let typed = if super::seeds::lookup_opt(kind, prefs).is_some() {
            super::seeds::SeedOpt::parse(kind, data, prefs).map(MhOption::Seed)
        } else {
            by_code(kind).filter(|d| d.len_ok(len)).and_then(|_| Self::family_parse(kind, data))
        };
        let whole = &i[..2 + len];
        let o = typed
            .filter(|o| {
                let mut again = Vec::with_capacity(whole.len());
                o.emit(&EmitCx::new(prefs), &mut again).is_ok() && again == whole
            })
            .unwrap_or_else(|| MhOption::Raw { kind: OptType::from(kind), length: Auto::Given(len_octet), data: data.to_vec() });
        Ok((rest, o))
    }

    /// Appends the option data (after Type and Length).
    fn emit_data(&self, out: &mut Vec<u8>) -> Result<(), OptError> {
        match self {
            MhOption::Seed(s) => s.emit_body(out),
            MhOption::WithLength { option, .. } => option.emit_data(out),
            MhOption::Raw { data, .. } => {
                out.extend_from_slice(data);
                Ok(())
            }
            _ => self.family_emit(out).unwrap_or(Ok(())),
        }
    }

    /// Appends the option's octets. Type: the variant's (a draft option with a computed type
    /// takes `cx.prefs`' number); Length: computed from the data by the type's row ([`Span`]),
    /// or a raw option's given octet. A Length that cannot describe the data (more than 255
    /// octets, or not whole words where Length counts words) is an error, and nothing is
    /// appended.
    pub fn emit(&self, cx: &EmitCx<'_>, out: &mut Vec<u8>) -> Result<(), OptError> {
        let kind = self.kind_in(cx.prefs);
        if self.is_pad1() {
            out.push(0);
            return Ok(());
        }
        let start = out.len();
        out.extend_from_slice(&[kind, 0]);
        let octet = self.emit_data(out).and_then(|()| {
            let data_len = out.len() - start - 2;
            match self {
                MhOption::Raw { length: Auto::Given(l), .. } | MhOption::WithLength { length: l, .. } => Ok(*l),
                _ => lookup(kind, cx.prefs)
                    .map_or(Span::Octets, |d| d.span)
                    .length_octet(data_len)
                    .ok_or(OptError::Length { kind, data_len }),
            }
        });
        match octet {
            Ok(l) => {
                out[start + 1] = l;
                Ok(())
            }
            Err(e) => {
                out.truncate(start);
                Err(e)
            }
        }
    }
}

/// Lays out `opts` for a message whose options start `start_offset` octets after the
/// Mobility Header's first octet: before each option that has an alignment requirement
/// `xn + y` (RFC 6275 §6.2; its row's `align`, under `prefs`), the Pad1 or PadN that puts it
/// there; after the last, the padding that makes the header a multiple of 8 octets (RFC 6275
/// §6.1.1). Options are kept in order and as they are (padding already in `opts` counts as
/// any option; one that cannot be emitted counts as no octets, and its emit fails later). This
/// is the Computed padding of a built message: a message emitting the result needs no other
/// padding. `MhRepr` with Computed padding calls it with `start_offset` = 6 + its fixed part.
pub fn align_options(opts: &[MhOption], start_offset: usize, prefs: &Prefs) -> Vec<MhOption> {
    let mut out = Vec::with_capacity(opts.len() * 2 + 1);
    let cx = EmitCx::new(prefs);
    let mut scratch = Vec::new();
    let laid: Result<(), std::convert::Infallible> = lay_out(opts, start_offset, prefs, |slot| {
        Ok(match slot {
            Slot::Pad(n) => {
                out.extend(MhOption::padding(n));
                n
            }
            Slot::Opt(o) => {
                scratch.clear();
                let _ = o.emit(&cx, &mut scratch);
                out.push(o.clone());
                scratch.len()
            }
        })
    });
    let Ok(()) = laid;
    out
}

/// What [`lay_out`] puts next: padding of that many octets, or an option.
pub enum Slot<'o> {
    Pad(usize),
    Opt(&'o MhOption),
}

/// RFC 6275 §6.2's layout, the one rule [`align_options`] and a built header's emission follow:
/// before each option the Pad1/PadN its `xn+y` alignment needs at that offset, after the last
/// the padding to a multiple of 8 octets. `put` places a slot and says how many octets it took.
pub fn lay_out<'o, E>(
    opts: &'o [MhOption],
    start_offset: usize,
    prefs: &Prefs,
    mut put: impl FnMut(Slot<'o>) -> Result<usize, E>,
) -> Result<(), E> {
    let mut off = start_offset;
    for o in opts {
        let (x, y) = o.align(prefs);
        if x > 1 {
            let pad = (y % x + x - off % x) % x;
            if pad > 0 {
                off += put(Slot::Pad(pad))?;
            }
        }
        off += put(Slot::Opt(o))?;
    }
    let pad = (8 - off % 8) % 8;
    if pad > 0 {
        put(Slot::Pad(pad))?;
    }
    Ok(())
}

/// Walks the options from `off` to the end of the message, adding one subtree per option.
pub fn dissect_options(t: &mut Tree<'_>, msg: &super::MsgCtx, mut off: usize, summary: &mut OptSummary) {
    let end = msg.mh_end;
    let mh = msg.mh;
    if off >= end {
        return;
    }
    let top = t.add(&OPTIONS, off, end - off, Value::None);
    t.open(top);
    while off < end {
        let Some((framed, def)) = frame_row(t.bytes(off, end), t.prefs) else { break };
        let (kind, len_octet, len) = match framed {
            Framed::Pad1 => {
                let p = t.add(&P_PAD1, off, 1, Value::None);
                t.open(p);
                t.add_uint(&OPT_TYPE, off, 1, 0);
                t.close();
                off += 1;
                continue;
            }
            Framed::NoLength { kind } => {
                if !msg.cut {
                    t.expert(
                        &expert::OPT_LEN_INVALID,
                        off,
                        1,
                        Some(format_args!("length byte of option {kind} is past the end of the options")),
                    );
                }
                break;
            }
            Framed::Whole { kind, len_octet, data } => (kind, len_octet, data.len()),
            Framed::Overrun { kind, len_octet, whole } => (kind, len_octet, whole - 2),
        };
        let whole = 2 + len;
        let presence = def.map_or(&P_UNKNOWN, |d| d.presence);
        let p = t.add(presence, off, whole.min(end - off), Value::None);
        t.open(p);
        let ti = t.add_uint(&OPT_TYPE, off, 1, u64::from(kind));
        if def.is_some() && t.full() {
            if let Some(name) = super::seeds::opt_type_name(kind, t.prefs) {
                t.name_value(ti, &OPT_TYPE_NAMED, name);
            }
        }
        if def.is_none() {
            t.add_uint(&OPT_UNKNOWN, off, 1, u64::from(kind));
        }
        t.add_uint(&OPT_LEN, off + 1, 1, u64::from(len_octet));
        if let Framed::Overrun { .. } = framed {
            if msg.cut {
                // The capture ended inside this option; that cut is already reported.
                t.close();
                break;
            }
            t.expert(
                &expert::OPT_LEN_INVALID,
                off + 1,
                1,
                Some(format_args!("option {kind} says {whole} bytes but only {} remain in the header", end - off)),
            );
            t.close();
            break;
        }
        let data = off + 2;
        if let Some(d) = def {
            let (x, y) = d.align;
            // Every alignment RFC 6275 §6.2 and the later options ask is a power of two: a
            // mask, not a 64-bit division for each option.
            let rem = if x.is_power_of_two() { (off - mh) & (x - 1) } else { (off - mh) % x.max(1) };
            if x > 1 && rem != y {
                t.expert(
                    &expert::OPT_ALIGNMENT,
                    off,
                    1,
                    Some(format_args!("{} at offset {} of the header, must be {x}n{}", d.name, off - mh, Plus(y))),
                );
            }
            let ok = match d.len {
                Len::Fixed(n) if n != len => {
                    t.expert(&expert::OPT_LEN_INVALID, off + 1, 1, Some(format_args!("{} length {len}, should be {n}", d.name)));
                    false
                }
                Len::Min(n) if len < n => {
                    t.expert(
                        &expert::OPT_LEN_INVALID,
                        off + 1,
                        1,
                        Some(format_args!("{} length {len}, should be >= {n}", d.name)),
                    );
                    false
                }
                Len::OneOf(ns) if !ns.contains(&len) => {
                    let (a, b) = (ns.first().copied().unwrap_or(0), ns.last().copied().unwrap_or(0));
                    t.expert(
                        &expert::OPT_LEN_INVALID,
                        off + 1,
                        1,
                        Some(format_args!("{} length {len}, should be {a} or {b}", d.name)),
                    );
                    false
                }
                _ => true,
            };
            if ok {
                let c = OptCtx { msg, node: p, at: off, off: data, end: data + len };
                (d.body)(t, &c, summary);
                let fact = crate::analysis::OptFact { kind, def: d, at: off as u32, len: len as u16, end: t.anchor() };
                t.d.facts.opts.push(fact);
            } else if len > 0 {
                t.add(&OPT_DATA, data, len, Value::Bytes);
            }
        } else {
            t.append(p, format_args!(" ({kind})"));
            t.expert(&expert::OPT_UNKNOWN, off, 1, Some(format_args!("mobility option type {kind} ({})", name(kind))));
            if len > 0 {
                t.add(&OPT_DATA, data, len, Value::Bytes);
            }
        }
        t.close();
        summary.kinds.insert(kind);
        off += whole;
    }
    t.close();
}

/// The `+y` of an alignment rule `xn+y`, nothing for `xn`.
struct Plus(usize);

impl std::fmt::Display for Plus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0 == 0 {
            Ok(())
        } else {
            write!(f, "+{}", self.0)
        }
    }
}

/// What the Info column and cross-checks need from the options of one message (the analysis
/// pass gets it in [`crate::analysis::MhFacts`]; Mobile Network Prefixes go to
/// [`crate::analysis::Facts::prefixes`]).
#[derive(Debug, Default)]
pub struct OptSummary {
    /// Frame offset of the Binding Authorization Data option's Type octet.
    pub bad_at: Option<usize>,
    pub alt_coa: Option<[u8; 16]>,
    /// Types of the options seen.
    pub kinds: KindSet,
}

/// A set of option types (a bit per type): what a message carried, without allocating.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct KindSet([u64; 4]);

impl KindSet {
    pub fn insert(&mut self, kind: u8) {
        self.0[usize::from(kind >> 6)] |= 1 << (kind & 63);
    }
    pub fn contains(&self, kind: &u8) -> bool {
        self.0[usize::from(kind >> 6)] & (1 << (kind & 63)) != 0
    }
}

fn name(kind: u8) -> &'static str {
    crate::field::val_name(OPT_VALS, u64::from(kind)).unwrap_or("Unknown")
}

// ---------------------------------------------------------------------------------------------
// Shared by the families' decoders.

pub static SUBOPT_LEN_INVALID: ExpertDef = ExpertDef::new(
    "mip6.subopt.len.invalid",
    Group::Malformed,
    Severity::Error,
    "Sub-option or inner length runs past the end of its option",
);

/// Adds `def` as raw octets over `off..end` if non-empty.
fn raw(t: &mut Tree<'_>, def: &'static FieldDef, off: usize, end: usize) {
    if end > off {
        t.add(def, off, end - off, Value::Bytes);
    }
}

/// The name of `v` in a value table, "Unknown" when it has none.
fn name_of(vals: &'static [(u64, &'static str)], v: u8) -> &'static str {
    crate::field::val_name(vals, u64::from(v)).unwrap_or("Unknown")
}

/// "N (M unit)": a count of `scale`-sized units and what it amounts to.
fn scaled(v: &Value, out: &mut dyn crate::format::Sink, scale: u64, unit: &str) {
    if let Value::Uint(n) = *v {
        crate::format::write_dec(out, n);
        out.push_str(" (");
        crate::format::write_dec(out, n.saturating_mul(scale));
        out.push_str(unit);
        out.push(')');
    }
}

pub static EXPERTS: &[&ExpertDef] = &[&SUBOPT_LEN_INVALID];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_row() {
        let mut rows = [0usize; 256];
        for f in FAMILIES {
            for d in f.rows {
                rows[usize::from(d.code)] += 1;
            }
        }
        for (code, n) in (0u8..=255).zip(rows) {
            // Every type IANA names (OptType) has one row, and no other type has one; the
            // Binding Identifier is profile-numbered: seeds::mcoa owns its row, IANA's number
            // its default.
            let seed = code == crate::mh::seeds::mcoa::BI_DEF.code;
            let want = usize::from(OptType::from(code).name().is_some() && !seed);
            assert_eq!(n, want, "option {code} ({:?}): {n} rows", OptType::from(code));
        }
        for k in 0u8..=255 {
            assert_eq!(by_code(k).map(|d| d.code), (rows[usize::from(k)] == 1).then_some(k));
        }
    }

    /// The registry takes presence fields from the rows and every other field from the
    /// families' `fields!` blocks: a field in both, or in two families, would be one field
    /// registered twice.
    #[test]
    fn presence_fields_come_from_rows_and_fields_from_one_block() {
        let listed: Vec<&FieldDef> =
            FAMILIES.iter().flat_map(|f| f.fields.iter().copied()).chain(FIELDS.iter().copied()).collect();
        for (i, a) in listed.iter().enumerate() {
            assert!(!listed[i + 1..].iter().any(|b| std::ptr::eq(*a, *b)), "{} listed twice", a.abbrev);
        }
        for d in FAMILIES.iter().flat_map(|f| f.rows) {
            assert!(!listed.iter().any(|f| std::ptr::eq(*f, d.presence)), "{d:?}: presence field also in a fields! block");
        }
    }

    #[test]
    fn every_row_has_its_own_presence_field() {
        let mut seen = std::collections::HashSet::new();
        for d in FAMILIES.iter().flat_map(|f| f.rows) {
            assert!(d.presence.abbrev.starts_with("mip6.options."), "{d:?}");
            assert!(seen.insert(d.presence.abbrev), "{d:?} shares {}", d.presence.abbrev);
        }
    }
}
