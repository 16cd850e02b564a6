//! Whole exchanges: each scenario builds both sides of a conversation a draft or RFC describes,
//! with timestamps and correct cryptography, as a list of [`Step`]s. A step says who sends it to
//! whom and which earlier step it answers, so the same value is written to a capture by
//! `mipscope craft scenario`, and can be played one side at a time by a replay engine (send the
//! steps of one role, expect the answers of the other).

mod exchange;
pub mod mag_reflector;
pub mod mcoa;
pub mod mip4_haaro;
pub mod nemo_vmn_ro;
pub mod pmipv6;
pub mod pmipv6_ro;
pub mod rfc6275_rr;

use dissect::prefs::Prefs;
use dissect::stack::{EmitError, FrameRepr};

/// A scenario's parameters: (key, what it is and its default).
pub type ParamDocs = &'static [(&'static str, &'static str)];

/// The timing parameters every scenario takes after its own ([`Common`]).
pub static TIMING: ParamDocs = &[
    ("start", "time of the first packet, seconds since 1970 (1767225600)"),
    ("rtt", "request to answer, milliseconds (2)"),
    ("gap", "between exchanges, milliseconds (10)"),
];

/// Every scenario: name, what it is, and its own parameters (`-p KEY=VALUE`) with their
/// defaults; [`TIMING`]'s follow.
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
        ],
    ),
    ("mcoa", mcoa::ABOUT, mcoa::PARAMS),
    ("nemo-vmn-ro", nemo_vmn_ro::ABOUT, nemo_vmn_ro::PARAMS),
    (
        "pmipv6-ro",
        "seed 004 PMIPv6 route optimisation: proxy home test, early proxy BU with Care-of Test Init, PBA with Care-of Test, complete proxy BU with CGA Parameters and Signature, PBA with permanent and handover tokens, handover to the next MAG",
        &[
            ("prefix", "the mobile node's home prefix; its home address is a CGA in it (2001:db8:1::)"),
            ("mag", "the serving MAG's proxy care-of address (2001:db8:a::1)"),
            ("next-mag", "the MAG the node moves to (2001:db8:c::1)"),
            ("cn", "correspondent node (2001:db8:3::1)"),
            ("kcn", "the correspondent's 20-octet secret in hex (drawn from the seed)"),
            ("seed", "seeds cookies, nonces, tokens, CGA modifiers and keys, sequence numbers (1)"),
            ("lifetime", "requested and granted lifetime, 4-second units (900)"),
        ],
    ),
    (
        "mip4-haaro",
        "seed 003 / RFC 6521 Mobile IPv4 route optimisation between mobile routers (layouts of the profile): registration with RO capability, reply with prefix advertisements, MIPv4 HoTI/CoTI/HoT/CoT, inter-router registration with Mobile-Correspondent authentication, reply with the Care-of Address extension, tear-down with lifetime 0",
        &[
            ("mr-hoa", "mobile router's home address (198.51.100.10)"),
            ("mr-coa", "mobile router's care-of address (192.0.2.20)"),
            ("mr-net", "mobile router's network (203.0.113.0)"),
            ("ha", "home agent (198.51.100.1)"),
            ("cr-hoa", "correspondent router's home address (198.51.100.20)"),
            ("cr-coa", "correspondent router's care-of address, its tunnel end (192.0.2.40)"),
            ("cr-net", "correspondent router's network (203.0.113.128)"),
            ("prefix-len", "both networks' prefix length (25)"),
            ("mn-ha-key", "MN-HA key in hex, HMAC-MD5 (0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b)"),
            ("spi", "MN-HA SPI (256)"),
            ("kcr", "the correspondent router's 12-octet Kcr in hex (drawn from the seed)"),
            ("seed", "seeds cookies, nonces and Kcr (1)"),
            ("lifetime", "requested and granted lifetime, seconds (1800)"),
        ],
    ),
    (
        "mag-reflector",
        "seed 001 MAG answering route optimisation for a plain IPv6 node: MN1's HoTI/CoTI to MN2, HoT/CoT from the MAG on MN2's behalf, BU/BA with authenticator, then route-optimised pings (Home Address option one way, the MAG's type 2 routing header the other)",
        &[
            ("hoa", "MN1's home address (2001:db8:1::100)"),
            ("coa", "MN1's care-of address (2001:db8:2::100)"),
            ("mn2", "the plain node attached to the MAG (2001:db8:100:1::2)"),
            ("kcn", "the MAG's 20-octet secret in hex (drawn from the seed)"),
            ("seed", "seeds cookies, nonces, Kcn, sequence numbers, echo identifiers (1)"),
            ("lifetime", "requested lifetime, 4-second units (105)"),
        ],
    ),
];

/// What every scenario reads the same way: the random seed and the timing. A scenario's
/// `Params` holds one (`common`) and hands it every key it does not know itself, so the keys,
/// their defaults and their error messages are the same for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Common {
    /// Seeds all the scenario draws: cookies, nonces, keys, sequence numbers (default 1).
    pub seed: u64,
    /// Time of the first packet, ns since the epoch (default 2026-01-01T00:00:00Z).
    pub start_ns: u64,
    /// Time between a request and its answer (default 2 ms).
    pub rtt_ns: u64,
    /// Time between exchanges (default 10 ms).
    pub gap_ns: u64,
}

impl Default for Common {
    fn default() -> Self {
        Common { seed: 1, start_ns: 1_767_225_600_000_000_000, rtt_ns: 2_000_000, gap_ns: 10_000_000 }
    }
}

impl Common {
    /// Sets `key` (`seed`, `start`, `rtt` or `gap`) from `v`; any other key is not a parameter
    /// of the scenario.
    pub fn set(&mut self, key: &str, v: &str) -> Result<(), String> {
        match key {
            "seed" => self.seed = parse(key, v)?,
            "start" => self.start_ns = seconds_ns(key, v)?,
            "rtt" => self.rtt_ns = millis_ns(key, v)?,
            "gap" => self.gap_ns = millis_ns(key, v)?,
            _ => return Err(format!("no parameter \"{key}\" (see --list)")),
        }
        Ok(())
    }
}

/// A scenario's parameters: its defaults, then `-p KEY=VALUE` one at a time.
pub trait Params: Default {
    /// Sets one parameter from `KEY=VALUE` (the keys of [`CATALOGUE`]).
    fn set(&mut self, kv: &str) -> Result<(), String>;

    /// The defaults with each of `kvs` set in turn.
    fn from_kvs(kvs: &[String]) -> Result<Self, String> {
        let mut p = Self::default();
        for kv in kvs {
            p.set(kv)?;
        }
        Ok(p)
    }
}

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
    /// The home agent of a mobile router (seed 000's MR, whose own home agent is not the
    /// visiting node's).
    MobileRouterHa,
    /// The MAG a mobile node moves to (seed 004's next proxy mobile agent).
    NextMag,
    /// A mobile router: NEMO's (RFC 3963) serving visiting mobile nodes (seed 000), or a
    /// Mobile IPv4 one (NEMOv4, seed 003).
    MobileRouter,
    /// The mobile router another one optimises its route to (seed 003's correspondent router).
    CorrespondentRouter,
    /// A node with basic IPv6 only (seed 001's MN2, for which its MAG answers).
    PlainNode,
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
            Role::MobileRouterHa => "MR-HA",
            Role::NextMag => "nMAG",
            Role::MobileRouter => "MR",
            Role::CorrespondentRouter => "CR",
            Role::PlainNode => "MN2",
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

/// Where a scenario puts its steps: kept (`build`, for tests and a replay engine's script) or
/// handed on a round at a time (`stream`), so `--count 1000000` never holds a million frames.
/// A step's [`Step::answers`] counts from the first step made, whichever way they go.
pub struct Steps<'s> {
    made: Vec<Step>,
    /// Steps already handed on.
    done: usize,
    limit: usize,
    sink: Option<&'s mut dyn FnMut(Step) -> Result<(), String>>,
    /// The first error the sink gave; nothing more is made after it.
    pub error: Option<String>,
}

impl<'s> Steps<'s> {
    /// Keeps up to `limit` steps ([`Steps::into_vec`]).
    pub fn keep(limit: usize) -> Self {
        Steps { made: Vec::with_capacity(limit.min(1 << 16)), done: 0, limit, sink: None, error: None }
    }

    /// Hands up to `limit` steps to `sink` as each round ends ([`Steps::round_done`]).
    pub fn stream(limit: usize, sink: &'s mut dyn FnMut(Step) -> Result<(), String>) -> Self {
        Steps { made: Vec::new(), done: 0, limit, sink: Some(sink), error: None }
    }

    /// Steps made so far (handed on or not): the index the next one gets.
    pub fn len(&self) -> usize {
        self.done + self.made.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the scenario should stop: the limit is reached or the sink failed.
    pub fn full(&self) -> bool {
        self.len() >= self.limit || self.error.is_some()
    }

    /// Adds a step; its index.
    pub fn push(&mut self, step: Step) -> usize {
        self.made.push(step);
        self.len() - 1
    }

    /// A round is over: a streaming `Steps` hands on what was made (never past the limit).
    pub fn round_done(&mut self) {
        let Some(sink) = self.sink.as_mut() else { return };
        let room = self.limit.saturating_sub(self.done);
        let n = self.made.len();
        for step in self.made.drain(..).take(room) {
            if self.error.is_none() {
                if let Err(e) = sink(step) {
                    self.error = Some(e);
                }
            }
        }
        self.done += n;
    }

    /// The steps kept, cut at the limit.
    pub fn into_vec(mut self) -> Vec<Step> {
        self.made.truncate(self.limit.saturating_sub(self.done));
        self.made
    }
}

/// Emits every step's frame: (time, link type, octets).
pub fn emit_all(steps: &[Step], prefs: &Prefs) -> Result<Vec<(u64, u32, Vec<u8>)>, EmitError> {
    steps.iter().map(|s| Ok((s.at_ns, s.frame.linktype, s.frame.emit(prefs)?))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_keys() {
        let mut c = Common::default();
        for kv in ["seed=9", "start=1.5", "rtt=3.5", "gap=20"] {
            let (k, v) = param(kv).unwrap();
            c.set(k, v).unwrap();
        }
        assert_eq!(c, Common { seed: 9, start_ns: 1_500_000_000, rtt_ns: 3_500_000, gap_ns: 20_000_000 });
        assert_eq!(c.set("nope", "1"), Err("no parameter \"nope\" (see --list)".to_string()));
        assert_eq!(c.set("rtt", "-1"), Err("rtt=-1: out of range".to_string()));
    }

    /// Every scenario hands the common keys on, and refuses one nobody knows.
    #[test]
    fn every_scenario_takes_the_common_keys() {
        fn check<P: Params>(common: fn(&P) -> Common) {
            let kvs = ["seed=9", "start=2", "rtt=1", "gap=4"].map(String::from);
            let want = Common { seed: 9, start_ns: 2_000_000_000, rtt_ns: 1_000_000, gap_ns: 4_000_000 };
            assert_eq!(common(&P::from_kvs(&kvs).unwrap()), want);
            assert_eq!(common(&P::default()), Common::default());
            assert!(P::from_kvs(&["nope=1".to_string()]).is_err());
        }
        check::<rfc6275_rr::Params>(|p| p.common);
        check::<pmipv6::Params>(|p| p.common);
        check::<mcoa::Params>(|p| p.common);
        check::<nemo_vmn_ro::Params>(|p| p.common);
        check::<pmipv6_ro::Params>(|p| p.common);
        check::<mip4_haaro::Params>(|p| p.common);
        check::<mag_reflector::Params>(|p| p.common);
    }
}
