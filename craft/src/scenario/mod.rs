//! Whole exchanges: each scenario builds both sides of a conversation a draft or RFC describes,
//! with timestamps and correct cryptography, as a list of [`Step`]s. A step says who sends it to
//! whom and which earlier step it answers, so the same value is written to a capture by
//! `mipscope craft scenario`, and can be played one side at a time by a replay engine (send the
//! steps of one role, expect the answers of the other).

pub mod pmipv6;
pub mod rfc6275_rr;

use dissect::prefs::Prefs;
use dissect::stack::{EmitError, FrameRepr};

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
