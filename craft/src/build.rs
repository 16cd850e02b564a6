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
use dissect::crypto::mip4 as mip4_auth;
use dissect::crypto::rr::Kbm;
use dissect::frame::FrameMeta;
use dissect::ipv4::{Ipv4, Ipv4Header, Udp};
use dissect::link::{linktype, Ethernet, Link, RawIp};
use dissect::mh::opt::base::BaseOpt;
use dissect::mh::opt::MhOption;
use dissect::mip4::ext::Extensions;
use dissect::mip4::haaro::RrMsg;
use dissect::mip4::msg::{Fixed, Mip4Msg, MsgKind};
use dissect::mip4::MsgType;
use dissect::model::Auto;
use dissect::prefs::Prefs;
use dissect::stack::FrameRepr;
use dissect::stack::Layer;
use dissect::tree::{CaptureState, Dissection};
use std::net::{Ipv4Addr, Ipv6Addr};

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
    /// The extension at this index is not one whole extension.
    BadExtension(usize),
    /// A field the description sets is not in the frame built.
    Absent(String),
    /// A field an option's own assignment names is not one of the option's: the assignment,
    /// the option, the ends of the names of its fields.
    AbsentIn(String, &'static str, Vec<&'static str>),
    Emit(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::NoRow(what, n) => write!(f, "the profile has no {what} of type {n}"),
            BuildError::Edit(e) => write!(f, "{}: {}", e.text, e.why),
            BuildError::BadData(code, n) => write!(f, "option {code} cannot carry {n} octets of data"),
            BuildError::BadExtension(k) => write!(f, "extension {} is not one whole extension (Type, Length, data)", k + 1),
            BuildError::Absent(text) => write!(f, "{text}: no such field in the message built"),
            BuildError::AbsentIn(text, option, fields) => {
                write!(f, "{text}: the {option} has no field whose name ends so (its fields: {})", fields.join(", "))
            }
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
            None => message::default_option(o.code, prefs).ok_or(BuildError::NoRow("option", o.code))?,
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
    let mut sets: Vec<Assignment> = message::message_defaults(spec.mh_type, prefs)
        .iter()
        .map(|(field, value)| Assignment::parse(&format!("{field}={value}")).map_err(BuildError::Edit))
        .collect::<Result<_, _>>()?;
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
            dissect::stack::compute_checksums(&mut f.layers);
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
        let mut d = Dissection::default();
        dissect::dissect_frame_want(&CaptureState::default(), dissect::tree::Want::Full, &mut d, bytes, &meta, prefs);
        return Err(match sets[i].choices(&d) {
            Some((option, fields)) => BuildError::AbsentIn(sets[i].text.clone(), option, fields),
            None => BuildError::Absent(sets[i].text.clone()),
        });
    }
    Ok(out)
}

/// A Mobile IPv4 message in a UDP datagram (port 434 both ways unless given).
#[derive(Debug, Clone)]
pub struct Mip4Spec {
    /// The Type octet (HAaRO messages: the profile's numbers).
    pub ty: u8,
    pub src: Ipv4Addr,
    pub dst: Ipv4Addr,
    pub sport: u16,
    pub dport: u16,
    pub raw: bool,
    /// Extensions, each its whole octets (Type, Length, data), read as the dissector reads them.
    pub extensions: Vec<Vec<u8>>,
    /// Assignments over the whole frame.
    pub sets: Vec<Assignment>,
    /// Append a Mobile-Home Authentication extension (RFC 5944 §3.5.2) with this SPI, keyed with
    /// this key, computed after every edit.
    pub mn_ha: Option<(u32, Vec<u8>, mip4_auth::Algorithm)>,
}

impl Mip4Spec {
    /// A message of type `ty` between two documentation addresses.
    pub fn new(ty: u8) -> Self {
        Mip4Spec {
            ty,
            src: Ipv4Addr::new(192, 0, 2, 10),
            dst: Ipv4Addr::new(198, 51, 100, 1),
            sport: dissect::mip4::UDP_PORT,
            dport: dissect::mip4::UDP_PORT,
            raw: false,
            extensions: Vec::new(),
            sets: Vec::new(),
            mn_ha: None,
        }
    }
}

/// The Mobile IPv4 messages the profile decodes: (Type octet, name, short name).
pub fn mip4_messages(prefs: &Prefs) -> Vec<(u8, &'static str, &'static str)> {
    (0..=255u8)
        .filter_map(|t| {
            let short = match MsgKind::of(t, prefs) {
                MsgKind::RegRequest => "rrq",
                MsgKind::RegReply => "rrp",
                MsgKind::TunnelData => "tunnel-data",
                MsgKind::Revocation => "revocation",
                MsgKind::RevocationAck => "revocation-ack",
                MsgKind::Rr(RrMsg::Hoti) => "mip4-hoti",
                MsgKind::Rr(RrMsg::Coti) => "mip4-coti",
                MsgKind::Rr(RrMsg::Hot) => "mip4-hot",
                MsgKind::Rr(RrMsg::Cot) => "mip4-cot",
                MsgKind::Other => return None,
            };
            let name = MsgType::from(t).name().unwrap_or(short);
            Some((t, name, short))
        })
        .collect()
}

/// The Type octet a Mobile IPv4 message name stands for under the profile.
pub fn mip4_type(name: &str, prefs: &Prefs) -> Option<u8> {
    let want = name.to_ascii_lowercase();
    mip4_messages(prefs).into_iter().find(|(_, n, s)| *s == want || message::kebab(n) == want).map(|(t, _, _)| t)
}

/// Builds a Mobile IPv4 frame: (link type, octets).
pub fn build_mip4(spec: &Mip4Spec, prefs: &Prefs) -> Result<(u32, Vec<u8>), BuildError> {
    let kind = MsgKind::of(spec.ty, prefs);
    if kind == MsgKind::Other {
        return Err(BuildError::NoRow("Mobile IPv4 message", spec.ty));
    }
    // The fixed part from zeros: the row the dissector reads it with says how long it is.
    let zeros = [0u8; 64];
    let (fixed, _) = Fixed::parse(kind, &zeros, prefs).map_err(|c| BuildError::Emit(c.what.to_string()))?;
    // What the message derives is computed, not the zeros: seed 003's Length, Tunnel Data's
    // Next Header.
    let fixed = match fixed {
        Fixed::Rr(r) => Fixed::Rr(dissect::mip4::haaro::Rr { length: Auto::Computed, ..r }),
        Fixed::TunnelData { reserved, .. } => Fixed::TunnelData { next_header: Auto::Computed, reserved },
        f => f,
    };
    let mut extensions = Vec::new();
    for (k, x) in spec.extensions.iter().enumerate() {
        let e = Extensions::new(x, prefs)
            .next()
            .and_then(|e| (e.end == x.len()).then(|| e.extension()).flatten())
            .ok_or(BuildError::BadExtension(k))?;
        extensions.push(e.map(|b| b.to_vec()));
    }
    let msg =
        Mip4Msg { ty: Auto::Given(MsgType::from(spec.ty)), fixed: fixed.map(|b| b.to_vec()), extensions, trailer: Vec::new() };
    let mut layers = Vec::new();
    let linktype = if spec.raw {
        layers.push(Layer::Link(Link::Raw(RawIp)));
        linktype::RAW
    } else {
        layers.push(Layer::Link(Link::Ethernet(Ethernet {
            dst: crate::packet::DST_MAC,
            src: crate::packet::SRC_MAC,
            tags: Default::default(),
            ethertype: Auto::Computed,
        })));
        linktype::ETHERNET
    };
    layers.push(Layer::Ipv4(Ipv4 {
        header: Ipv4Header::new(spec.src.octets(), spec.dst.octets()),
        options: Default::default(),
        trailer: Vec::new(),
    }));
    layers.push(Layer::Udp(Udp { src_port: spec.sport, dst_port: spec.dport, length: Auto::Computed, checksum: Auto::Computed }));
    layers.push(Layer::Mip4(msg));
    let frame = FrameRepr { linktype, layers };
    let bytes = frame.emit(prefs).map_err(|e| BuildError::Emit(e.to_string()))?;
    let mut bytes = apply(&bytes, linktype, &spec.sets, prefs)?;
    if let Some((spi, key, alg)) = &spec.mn_ha {
        bytes = seal_mn_ha(&bytes, linktype, *spi, key, *alg, prefs)?;
    }
    Ok((linktype, bytes))
}

/// Appends a Mobile-Home Authentication extension (type 32, SPI, 16-octet authenticator) to the
/// frame's Mobile IPv4 message and computes it over everything before the authenticator
/// (RFC 5944 §3.5.1), lengths and checksums after.
fn seal_mn_ha(
    bytes: &[u8],
    linktype: u32,
    spi: u32,
    key: &[u8],
    alg: mip4_auth::Algorithm,
    prefs: &Prefs,
) -> Result<Vec<u8>, BuildError> {
    let mut frame = FrameRepr::parse(linktype, bytes, prefs);
    let Some(Layer::Mip4(m)) = frame.layers.iter_mut().find(|l| matches!(l, Layer::Mip4(_))) else {
        return Err(BuildError::Emit("no Mobile IPv4 message to authenticate".into()));
    };
    let mut x = vec![dissect::mip4::ext::ExtType::MobileHomeAuthentication.value(), 20];
    x.extend_from_slice(&spi.to_be_bytes());
    x.extend_from_slice(&[0; 16]);
    let e = Extensions::new(&x, prefs).next().and_then(|e| e.extension()).ok_or(BuildError::BadExtension(usize::MAX))?;
    m.extensions.push(e.map(|b| b.to_vec()));
    let payload = m.to_bytes(&dissect::model::EmitCx::new(prefs)).map_err(|e| BuildError::Emit(e.to_string()))?;
    let value_at = payload.len() - 16;
    let auth = mip4_auth::authenticator(alg, key, &payload, value_at).ok_or(BuildError::BadExtension(usize::MAX))?;
    x[6..].copy_from_slice(&auth);
    let e = Extensions::new(&x, prefs).next().and_then(|e| e.extension()).ok_or(BuildError::BadExtension(usize::MAX))?;
    *m.extensions.last_mut().expect("pushed above") = e.map(|b| b.to_vec());
    dissect::stack::compute_checksums(&mut frame.layers);
    dissect::stack::compute_lengths(&mut frame.layers);
    frame.emit(prefs).map_err(|e| BuildError::Emit(e.to_string()))
}
