//! One message in one packet, from a description a command line or a file gives: the message
//! by name, its options by name, addresses, and field assignments by name.
//!
//! The message and its options start zeroed from their rows ([`crate::message`]); the packet
//! around them is [`crate::packet::Ipv6Packet`]; every value the description gives is then an
//! edit by field name ([`crate::edit`]) on the emitted frame, so a field is set exactly where
//! the dissector shows it, and a field the description names but the frame lacks is an error
//! rather than a silent no-op. Checksums are computed last; with a Kbm the Binding
//! Authorization Data is sealed after every edit ([`crate::seal`]).

use crate::edit::{self, Assignment, EditError};
use crate::message;
use crate::packet::Ipv6Packet;
use crate::seal;
use dissect::crypto::rr::Kbm;
use dissect::frame::FrameMeta;
use dissect::mh::opt::base::BaseOpt;
use dissect::mh::opt::MhOption;
use dissect::prefs::Prefs;
use dissect::stack::FrameRepr;
use dissect::tree::CaptureState;
use std::net::Ipv6Addr;

/// An option to add: its type and what to set in it.
#[derive(Debug, Clone)]
pub struct OptionSpec {
    pub code: u8,
    /// The option's data octets (after Type and Length), for options whose size varies (an
    /// identifier, a key); `None`: the shortest data its row allows, zeroed.
    pub data: Option<Vec<u8>>,
    /// Assignments scoped to this option (their `within` is filled in by [`build`]).
    pub sets: Vec<(Vec<String>, String, String)>,
}

/// One message in one IPv6 packet.
#[derive(Debug, Clone)]
pub struct MessageSpec {
    pub mh_type: u8,
    pub src: Ipv6Addr,
    pub dst: Ipv6Addr,
    /// A Home Address option in a Destination Options header.
    pub hoa: Option<Ipv6Addr>,
    /// A type 2 routing header carrying this home address.
    pub rh2: Option<Ipv6Addr>,
    /// No Ethernet header (LINKTYPE_RAW).
    pub raw: bool,
    pub options: Vec<OptionSpec>,
    /// Assignments over the whole frame, applied after the options' own.
    pub sets: Vec<Assignment>,
    /// Seal the Binding Authorization Data with this key (a 12-octet option is added when the
    /// message has none).
    pub kbm: Option<Kbm>,
}

impl MessageSpec {
    /// A message of `mh_type` between two documentation addresses, nothing else.
    pub fn new(mh_type: u8) -> Self {
        MessageSpec {
            mh_type,
            src: "2001:db8:2::100".parse().expect("literal"),
            dst: "2001:db8:3::1".parse().expect("literal"),
            hoa: None,
            rh2: None,
            raw: false,
            options: Vec::new(),
            sets: Vec::new(),
            kbm: None,
        }
    }
}

/// Why a description could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// The profile has no row for this MH type or option type.
    NoRow(&'static str, u8),
    /// An assignment failed.
    Edit(EditError),
    /// Option data of this length cannot be said by the option's Length octet.
    BadData(u8, usize),
    /// A field the description sets is not in the frame built.
    Absent(String),
    Emit(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::NoRow(what, n) => write!(f, "the profile has no {what} of type {n}"),
            BuildError::Edit(e) => write!(f, "{}: {}", e.text, e.why),
            BuildError::BadData(code, n) => write!(f, "option {code} cannot carry {n} octets of data"),
            BuildError::Absent(text) => write!(f, "{text}: no such field in the message built"),
            BuildError::Emit(why) => write!(f, "cannot emit the frame: {why}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// Builds the frame a description gives: (link type, octets).
pub fn build(spec: &MessageSpec, prefs: &Prefs) -> Result<(u32, Vec<u8>), BuildError> {
    let mut mh = message::zeroed_message(spec.mh_type, prefs).ok_or(BuildError::NoRow("message", spec.mh_type))?;
    let mut scoped = Vec::new();
    for o in &spec.options {
        let opt = match &o.data {
            Some(d) => message::option_with(o.code, d, prefs).ok_or(BuildError::BadData(o.code, d.len()))?,
            None => message::zeroed_option(o.code, prefs).ok_or(BuildError::NoRow("option", o.code))?,
        };
        let presence = dissect::mh::opt::lookup(o.code, prefs).ok_or(BuildError::NoRow("option", o.code))?.presence;
        let nth = spec.options[..scoped.len()].iter().filter(|p| p.code == o.code).count() + 1;
        mh.options.push(opt);
        scoped.push((presence, nth));
    }
    if spec.kbm.is_some() {
        let bad = mh.options.iter_mut().find_map(|o| match o {
            MhOption::Base(BaseOpt::BindingAuthData(v)) => Some(v),
            _ => None,
        });
        match bad {
            Some(v) => v.resize(12, 0),
            None => mh.options.push(MhOption::Base(BaseOpt::BindingAuthData(vec![0; 12]))),
        }
    }
    let mut packet = Ipv6Packet::new(spec.src, spec.dst);
    if spec.raw {
        packet = packet.raw();
    }
    if let Some(h) = spec.hoa {
        packet = packet.home_address(h);
    }
    if let Some(h) = spec.rh2 {
        packet = packet.type2(h);
    }
    let frame = packet.mh(mh);
    let bytes = frame.emit(prefs).map_err(|e| BuildError::Emit(e.to_string()))?;
    let mut sets: Vec<Assignment> = Vec::new();
    for (o, &(presence, nth)) in spec.options.iter().zip(&scoped) {
        for (suffixes, value, text) in &o.sets {
            let s: Vec<&str> = suffixes.iter().map(String::as_str).collect();
            sets.push(Assignment::suffix(&s, Some((presence, nth)), value, text));
        }
    }
    sets.extend(spec.sets.iter().cloned());
    let bytes = apply(&bytes, frame.linktype, &sets, prefs)?;
    let bytes = match &spec.kbm {
        Some(kbm) => {
            let mut f = FrameRepr::parse(frame.linktype, &bytes, prefs);
            edit::compute_checksums(&mut f);
            seal::binding_authorization(&mut f, kbm, prefs).map_err(|e| BuildError::Emit(e.to_string()))?;
            f.emit(prefs).map_err(|e| BuildError::Emit(e.to_string()))?
        }
        None => bytes,
    };
    Ok((frame.linktype, bytes))
}

/// Applies assignments to a built frame; every one must find its field.
pub fn apply(bytes: &[u8], linktype: u32, sets: &[Assignment], prefs: &Prefs) -> Result<Vec<u8>, BuildError> {
    let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype, ..Default::default() };
    let (out, outcome) =
        edit::edit(bytes, &meta, &CaptureState::default(), prefs, sets, edit::Options::default()).map_err(BuildError::Edit)?;
    if let Some(&i) = outcome.absent.first() {
        return Err(BuildError::Absent(sets[i].text.clone()));
    }
    Ok(out)
}
