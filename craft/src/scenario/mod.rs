//! Whole exchanges: each scenario builds both sides of a conversation a draft or RFC describes,
//! with timestamps and correct cryptography, as a list of [`Step`]s. A step says who sends it to
//! whom and which earlier step it answers, so the same value is written to a capture by
//! `mipscope craft scenario`, and can be played one side at a time by a replay engine (send the
//! steps of one role, expect the answers of the other).

mod exchange;
pub mod mcoa;
pub mod nemo_vmn_ro;
pub mod pmipv6;
pub mod rfc6275_rr;

use dissect::prefs::Prefs;
use dissect::stack::{EmitError, FrameRepr};

/// A scenario's parameters: (key, what it is and its default).
pub type ParamDocs = &'static [(&'static str, &'static str)];

/// Every scenario: name, what it is, and its parameters (`-p KEY=VALUE`) with their defaults.
pub static CATALOGUE: &[(&str, &str, ParamDocs)] = &[
    (
        "rfc6275-rr",
        "RFC 6275 return routability: HoTI/CoTI, HoT/CoT, BU/BA with authenticator, a refresh, de-registration from home",
        &[
            ("hoa", "home address (2001:db8:1::100)"),
            ("coa", "care-of address (2001:db8:2::100)"),
            ("cn", "correspondent node (2001:db8:3::1)"),
            ("kcn", "the correspondent's 20-octet secret in hex (drawn from the seed)"),
            ("seed", "seeds cookies, nonces, Kcn and sequence numbers (1)"),
            ("lifetime", "requested lifetime, 4-second units (105)"),
            ("start", "time of the first packet, seconds since 1970 (1767225600)"),
            ("rtt", "request to answer, milliseconds (2)"),
            ("gap", "between exchanges, milliseconds (10)"),
        ],
    ),
    (
        "pmipv6",
        "RFC 5213 MAG<->LMA: PBU/PBA on attachment (prefix request), refresh, de-registration, node after node",
        &[
            ("mag", "mobile access gateway (2001:db8:a::1)"),
            ("lma", "local mobility anchor (2001:db8:b::1)"),
            ("prefix", "the k-th node gets prefix:k::/64 (2001:db8:100::)"),
            ("seed", "seeds the sequence numbers (1)"),
            ("lifetime", "requested and granted lifetime, 4-second units (900)"),
            ("att", "Access Technology Type (4)"),
            ("start", "time of the first packet, seconds since 1970 (1767225600)"),
            ("rtt", "request to answer, milliseconds (2)"),
            ("gap", "between exchanges, milliseconds (10)"),
        ],
    ),
    ("mcoa", mcoa::ABOUT, mcoa::PARAMS),
    ("nemo-vmn-ro", nemo_vmn_ro::ABOUT, nemo_vmn_ro::PARAMS),
];

/// Reads `KEY=VALUE` for a scenario's parameters: the key and the value, or why not.
pub(crate) fn param(kv: &str) -> Result<(&str, &str), String> {
    kv.split_once('=').ok_or_else(|| format!("\"{kv}\" is not KEY=VALUE"))
}

pub(crate) fn parse<T: std::str::FromStr>(key: &str, v: &str) -> Result<T, String> {
    v.parse().map_err(|_| format!("{key}={v}: not a valid value"))
}

/// A correspondent's secret Kcn: 20 octets in hex.
pub(crate) fn kcn(key: &str, v: &str) -> Result<[u8; 20], String> {
    let k = crate::edit::hex_bytes(v).and_then(|b| <[u8; 20]>::try_from(b).ok());
    k.ok_or_else(|| format!("{key}={v}: Kcn is 20 octets (40 hex digits)"))
}

/// Seconds since 1970 (decimals allowed, to the nanosecond) as nanoseconds.
pub(crate) fn seconds_ns(key: &str, v: &str) -> Result<u64, String> {
    let (s, f) = v.split_once('.').unwrap_or((v, ""));
    if f.len() > 9 || !f.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{key}={v}: not seconds"));
    }
    let frac = if f.is_empty() { 0 } else { format!("{f:0<9}").parse::<u64>().map_err(|_| format!("{key}={v}: not seconds"))? };
    s.parse::<u64>()
        .ok()
        .and_then(|s| s.checked_mul(1_000_000_000))
        .and_then(|n| n.checked_add(frac))
        .ok_or_else(|| format!("{key}={v}: not seconds"))
}

/// Milliseconds (decimals allowed) as nanoseconds.
pub(crate) fn millis_ns(key: &str, v: &str) -> Result<u64, String> {
    let ms: f64 = parse(key, v)?;
    if !(0.0..1e9).contains(&ms) {
        return Err(format!("{key}={v}: out of range"));
    }
    Ok((ms * 1e6).round() as u64)
}

/// A node of an exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    MobileNode,
    CorrespondentNode,
    HomeAgent,
    /// A PMIPv6 mobile access gateway (RFC 5213).
    Mag,
    /// A PMIPv6 local mobility anchor (RFC 5213).
    Lma,
    /// A NEMO mobile router (RFC 3963) serving visiting mobile nodes (seed 000).
    MobileRouter,
    /// The mobile router's home agent.
    MobileRouterHa,
}

impl Role {
    /// The short name the CLI and reports use.
    pub const fn name(self) -> &'static str {
        match self {
            Role::MobileNode => "MN",
            Role::CorrespondentNode => "CN",
            Role::HomeAgent => "HA",
            Role::Mag => "MAG",
            Role::Lma => "LMA",
            Role::MobileRouter => "MR",
            Role::MobileRouterHa => "MR-HA",
        }
    }
}

/// One packet of an exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub from: Role,
    pub to: Role,
    /// Capture time, nanoseconds since the Unix epoch.
    pub at_ns: u64,
    /// Index of the step this one answers (a HoT answers its HoTI, a BA its BU).
    pub answers: Option<usize>,
    pub frame: FrameRepr,
}

/// Emits every step's frame: (time, link type, octets).
pub fn emit_all(steps: &[Step], prefs: &Prefs) -> Result<Vec<(u64, u32, Vec<u8>)>, EmitError> {
    steps.iter().map(|s| Ok((s.at_ns, s.frame.linktype, s.frame.emit(prefs)?))).collect()
}
