//! The malformation catalogue: named, deliberate defects, each tied to the expert item it must
//! provoke in the dissector (and so in `check`, which reads the same items).
//!
//! A mutation says what it breaks in the language the rest of craft speaks: field assignments
//! by name (`mip6.proto=6`; checksums recomputed after, so only the named defect is there, or
//! kept as set when the defect *is* a checksum), or a change to the frame's model (a Header Len
//! that lies, an option moved off its alignment, a second Home Address option) for defects no
//! single field can express. Each has a base packet it is shown on; `apply` works on any frame
//! that has what it breaks, so `mipscope craft bu … --malform opt.misaligned` breaks the BU the
//! user built. The catalogue's test applies every mutation to its base and checks the expert
//! item appears (and no warning or error beyond those the mutation declares).

use crate::build::{self, MessageSpec, Mip4Spec, OptionSpec};
use crate::edit::{self, Assignment};
use dissect::frame::FrameMeta;
use dissect::ipv6::{ExtHeader, Ipv6Opt, OptList, OptsKind, RoutingData};
use dissect::mh::opt::base::BaseOpt;
use dissect::mh::opt::{MhOption, OptType};
use dissect::model::Auto;
use dissect::prefs::Prefs;
use dissect::stack::{FrameRepr, Layer};
use dissect::tree::CaptureState;
use dissect::wire::Ip6;

/// How a mutation breaks a frame.
#[derive(Clone, Copy)]
pub enum How {
    /// Field assignments; every checksum is recomputed after.
    Set(&'static [&'static str]),
    /// Field assignments, checksums left as they are (the defect is a checksum).
    SetRaw(&'static [&'static str]),
    /// A change to the frame's model (lengths and checksums left computed stay computed);
    /// false when the frame lacks what it changes.
    Model(fn(&mut FrameRepr) -> bool),
}

/// One named defect.
#[derive(Clone, Copy)]
pub struct Mutation {
    pub name: &'static str,
    /// What it does, in a line.
    pub what: &'static str,
    /// The expert item it must provoke.
    pub provokes: &'static str,
    /// Other warnings or errors it necessarily provokes too (a Header Len that lies also cuts
    /// the options it no longer covers).
    pub also: &'static [&'static str],
    /// The packet the catalogue shows it on ([`base`]).
    pub base: &'static str,
    /// The code-point profile it is shown under (a draft's layout, or `rfc`).
    pub profile: &'static str,
    pub how: How,
}

/// Why a mutation could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalformError(pub String);

impl std::fmt::Display for MalformError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MalformError {}

impl Mutation {
    /// Breaks the frame `bytes` (link type `linktype`); an error when the frame lacks what the
    /// mutation breaks.
    pub fn apply(&self, linktype: u32, bytes: &[u8], prefs: &Prefs) -> Result<Vec<u8>, MalformError> {
        let not_here = || MalformError(format!("{}: the frame has nothing it applies to", self.name));
        match self.how {
            How::Set(sets) | How::SetRaw(sets) => {
                let sets: Vec<Assignment> = sets
                    .iter()
                    .map(|s| Assignment::parse(s))
                    .collect::<Result<_, _>>()
                    .map_err(|e| MalformError(e.to_string()))?;
                let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype, ..Default::default() };
                let opts = edit::Options { keep_checksums: matches!(self.how, How::SetRaw(_)) };
                let (out, outcome) = edit::edit(bytes, &meta, &CaptureState::default(), prefs, &sets, opts)
                    .map_err(|e| MalformError(format!("{}: {}", self.name, e.why)))?;
                if outcome.absent.is_empty() {
                    Ok(out)
                } else {
                    Err(not_here())
                }
            }
            How::Model(f) => {
                // The frame as a crafter holds it: every length, checksum and option padding
                // left to be computed, so the mutation's change is the only defect.
                let mut frame = FrameRepr::parse(linktype, bytes, prefs);
                dissect::stack::compute_checksums(&mut frame.layers);
                dissect::stack::compute_lengths(&mut frame.layers);
                if let Some(m) = mh(&mut frame) {
                    m.options.retain(|o| !matches!(o, MhOption::Base(BaseOpt::Pad1(_) | BaseOpt::PadN(_))));
                    (m.hdr_len, m.padding) = (Auto::Computed, Auto::Computed);
                }
                for l in &mut frame.layers {
                    // A header that moves or changes kind renumbers the chain.
                    match l {
                        Layer::Ipv6 { header, .. } => header.next_header = Auto::Computed,
                        Layer::Ipv6Ext(ExtHeader::Routing(r)) => r.next_header = Auto::Computed,
                        _ => {}
                    }
                    if let Layer::Ipv6Ext(ExtHeader::Opts(o)) = l {
                        let kept: Vec<Ipv6Opt<Vec<u8>>> = o
                            .options()
                            .filter_map(Result::ok)
                            .filter(|(_, x)| !matches!(x, Ipv6Opt::Pad1 | Ipv6Opt::PadN(_)))
                            .map(|(_, x)| x.to_owned())
                            .collect();
                        let kind = o.kind;
                        *o = dissect::ipv6::Opts::new(kind, kept);
                    }
                }
                if !f(&mut frame) {
                    return Err(not_here());
                }
                frame.emit(prefs).map_err(|e| MalformError(format!("{}: {e}", self.name)))
            }
        }
    }
}

/// The mutation of this name.
pub fn find(name: &str) -> Option<&'static Mutation> {
    CATALOGUE.iter().find(|m| m.name == name)
}

fn mh(f: &mut FrameRepr) -> Option<&mut dissect::mh::MhRepr> {
    f.layers.iter_mut().find_map(|l| match l {
        Layer::Mh(m) => Some(m),
        _ => None,
    })
}

/// The emitted length of the frame's Mobility Header, as it stands.
fn mh_len(f: &FrameRepr) -> usize {
    let prefs = Prefs::default();
    f.layers
        .iter()
        .find_map(|l| match l {
            Layer::Mh(m) => {
                let mut v = Vec::new();
                m.emit(&dissect::model::EmitCx::new(&prefs), &mut v).ok().map(|_| v.len())
            }
            _ => None,
        })
        .unwrap_or(0)
}

/// Freezes the header's computed Header Len and padding at their values, so a later change
/// of the options does not move them.
fn freeze_len(f: &mut FrameRepr) -> Option<usize> {
    let n = mh_len(f);
    let m = mh(f)?;
    m.hdr_len = Auto::Given(u8::try_from(n / 8).ok()?.checked_sub(1)?);
    Some(n)
}

fn opt_pos(m: &dissect::mh::MhRepr, want: fn(&MhOption) -> bool) -> Option<usize> {
    m.options.iter().position(want)
}

fn is_acoa(o: &MhOption) -> bool {
    matches!(o, MhOption::Base(BaseOpt::AltCoa(_)))
}

fn is_ni(o: &MhOption) -> bool {
    matches!(o, MhOption::Base(BaseOpt::NonceIndices(_)))
}

/// The Destination Options header holding the Home Address option.
fn hao_header(f: &mut FrameRepr) -> Option<&mut dissect::ipv6::Opts<Vec<u8>>> {
    let at = hao_layer(f)?;
    match f.layers.get_mut(at)? {
        Layer::Ipv6Ext(ExtHeader::Opts(o)) => Some(o),
        _ => None,
    }
}

/// Where the layer carrying the Home Address option is in the frame's stack.
fn hao_layer(f: &FrameRepr) -> Option<usize> {
    f.layers.iter().position(|l| {
        matches!(l, Layer::Ipv6Ext(ExtHeader::Opts(o))
            if o.options().filter_map(Result::ok).any(|(_, x)| matches!(x, Ipv6Opt::HomeAddress(_))))
    })
}

fn home_of(o: &dissect::ipv6::Opts<Vec<u8>>) -> Option<Ip6> {
    o.options().filter_map(Result::ok).find_map(|(_, x)| match x {
        Ipv6Opt::HomeAddress(h) => Some(h),
        _ => None,
    })
}

fn rh2(f: &mut FrameRepr) -> Option<&mut dissect::ipv6::Routing<Vec<u8>>> {
    f.layers.iter_mut().find_map(|l| match l {
        Layer::Ipv6Ext(ExtHeader::Routing(r)) if matches!(r.data, RoutingData::Type2 { .. }) => Some(r),
        _ => None,
    })
}

/// Every named mutation.
pub static CATALOGUE: &[Mutation] = &[
    // The Mobility Header (RFC 6275 §6.1.1)
    Mutation {
        name: "mh.bad-checksum",
        what: "the Mobility Header checksum is off by one",
        provokes: "mip6.csum.bad",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(n) = checksum_of(f) else { return false };
            mh(f).map(|m| m.checksum = Auto::Given(n.wrapping_add(1))).is_some()
        }),
    },
    Mutation {
        name: "mh.checksum-without-hao",
        what: "the checksum computed over the care-of address, not the Home Address option's (RFC 6275 §6.1.1)",
        provokes: "mip6.csum.bad",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| {
            let mut without = f.clone();
            let Some(o) = hao_header(&mut without) else { return false };
            *o = dissect::ipv6::Opts::new(OptsKind::Destination, [Ipv6Opt::PadN(vec![0; 16])]);
            let Some(c) = checksum_of(&without) else { return false };
            mh(f).map(|m| m.checksum = Auto::Given(c)).is_some()
        }),
    },
    Mutation {
        name: "mh.checksum-without-rh2",
        what: "the checksum computed over the packet's destination, not the type 2 routing header's home address",
        provokes: "mip6.csum.bad",
        also: &[],
        base: "ba",
        profile: "rfc",
        how: How::Model(|f| {
            let mut without = f.clone();
            let Some(i) = without.layers.iter().position(|l| matches!(l, Layer::Ipv6Ext(ExtHeader::Routing(_)))) else {
                return false;
            };
            without.layers.remove(i);
            let Some(c) = checksum_of(&without) else { return false };
            mh(f).map(|m| m.checksum = Auto::Given(c)).is_some()
        }),
    },
    Mutation {
        name: "mh.payload-proto",
        what: "Payload Proto is TCP (6) instead of 59 (RFC 6275 §6.1.1: implementations SHOULD send 59)",
        provokes: "check.rfc6275.mh_payload_proto",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Set(&["mip6.proto=6"]),
    },
    Mutation {
        name: "mh.reserved",
        what: "the header's Reserved octet is not zero",
        provokes: "mip6.reserved.nonzero",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Set(&["mip6.reserved=0x5a"]),
    },
    Mutation {
        name: "mh.unknown-type",
        what: "MH Type 99, which no RFC assigns",
        provokes: "mip6.mhtype.unknown",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Set(&["mip6.mhtype=99"]),
    },
    Mutation {
        name: "mh.hdrlen-short",
        what: "Header Len one unit (8 octets) shorter than the message and its options",
        provokes: "mip6.trailing",
        also: &["mip6.opt.len.invalid"],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(n) = freeze_len(f) else { return false };
            mh(f).map(|m| m.hdr_len = Auto::Given((n / 8 - 2) as u8)).is_some() && n >= 16
        }),
    },
    Mutation {
        name: "mh.hdrlen-long",
        what: "Header Len one unit longer than the IP payload holds",
        provokes: "mip6.bogus_header_length",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(n) = freeze_len(f) else { return false };
            mh(f).map(|m| m.hdr_len = Auto::Given((n / 8) as u8)).is_some()
        }),
    },
    Mutation {
        name: "mh.hdrlen-below-minimum",
        what: "Header Len 0 (8 octets) for a Binding Update, whose message alone needs 12",
        provokes: "mip6.bogus_header_length",
        also: &["mip6.trailing"],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| mh(f).map(|m| m.hdr_len = Auto::Given(0)).is_some()),
    },
    Mutation {
        name: "mh.trailing",
        what: "eight octets after the Mobility Header inside the IP payload",
        provokes: "mip6.trailing",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(n) = freeze_len(f) else { return false };
            n > 0 && mh(f).map(|m| m.trailing.extend_from_slice(&[0xee; 8])).is_some()
        }),
    },
    // Mobility options (RFC 6275 §6.2)
    Mutation {
        name: "opt.misaligned",
        what: "the Alternate Care-of Address option at 8n+2 instead of 8n+6",
        provokes: "mip6.opt.alignment",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(m) = mh(f) else { return false };
            let Some(i) = opt_pos(m, is_acoa) else { return false };
            // First after the message (a Binding Update's 12 octets: 8n+4), the other options
            // after it, no alignment padding, then padding to a whole header.
            let first = m.options.remove(i);
            let mut laid = vec![first];
            laid.extend(m.options.drain(..).filter(|o| !matches!(o, MhOption::Base(BaseOpt::Pad1(_) | BaseOpt::PadN(_)))));
            m.options = laid;
            let used = fixed_len(m) + m.options.iter().map(opt_octets).sum::<usize>();
            // Where it would land aligned, two Pad1 move it off.
            let shift = fixed_len(m) % 8 == 6;
            if shift {
                m.options.insert(0, MhOption::PAD1);
                m.options.insert(0, MhOption::PAD1);
            }
            let used = used + if shift { 2 } else { 0 };
            m.padding = Auto::Given((8 - used % 8) % 8);
            true
        }),
    },
    Mutation {
        name: "opt.zero-length-fixed",
        what: "an Alternate Care-of Address option with Length 0 (its data is 16 octets)",
        provokes: "mip6.opt.len.invalid",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(m) = mh(f) else { return false };
            let Some(i) = opt_pos(m, is_acoa) else { return false };
            m.options[i] = MhOption::Raw { kind: OptType::AlternateCareOfAddress, length: Auto::Given(0), data: Vec::new() };
            m.padding = Auto::Computed;
            true
        }),
    },
    Mutation {
        name: "opt.bad-length",
        what: "a Nonce Indices option with Length 3 (it is 4)",
        provokes: "mip6.opt.len.invalid",
        also: &[],
        base: "bu-rr",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(m) = mh(f) else { return false };
            let Some(i) = opt_pos(m, is_ni) else { return false };
            m.options[i] = MhOption::Raw { kind: OptType::NonceIndices, length: Auto::Given(3), data: vec![0, 1, 0] };
            m.padding = Auto::Computed;
            true
        }),
    },
    Mutation {
        name: "opt.overrun",
        what: "the last option's Length runs 8 octets past the end of the header",
        provokes: "mip6.opt.len.invalid",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(m) = mh(f) else { return false };
            let Some(i) = opt_pos(m, is_acoa) else { return false };
            let o = m.options.remove(i);
            m.options.push(MhOption::WithLength { length: 24, option: Box::new(o) });
            true
        }),
    },
    Mutation {
        name: "opt.unknown",
        what: "an option of type 250, which nothing assigns",
        provokes: "mip6.ie_not_dissected",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| {
            mh(f).map(|m| m.options.push(MhOption::Raw { kind: 250.into(), length: Auto::Computed, data: vec![1, 2] })).is_some()
        }),
    },
    Mutation {
        name: "bu.reserved",
        what: "the Binding Update's reserved flag bits are not zero",
        provokes: "mip6.reserved.nonzero",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Set(&["mip6.bu.reserved=0xf"]),
    },
    // IPv6 carriage (RFC 6275 §6.3, §6.4; RFC 8200)
    Mutation {
        name: "ipv6.bad-version",
        what: "IP version 5 in the IPv6 header",
        provokes: "ipv6.bogus_ipv6_version",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Set(&["ipv6.version=5"]),
    },
    Mutation {
        name: "ipv6.plen-exceeds",
        what: "Payload Length 64 octets more than the frame carries",
        provokes: "ipv6.plen_exceeds_framing",
        also: &["mip6.truncated"],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| {
            let n = f
                .layers
                .iter()
                .position(|l| matches!(l, Layer::Ipv6 { .. }))
                .and_then(|i| f.emit(&Prefs::default()).ok().map(|b| (i, b)));
            let Some((i, bytes)) = n else { return false };
            let Layer::Ipv6 { header, .. } = &mut f.layers[i] else { return false };
            let start = if f.linktype == dissect::link::linktype::ETHERNET { 14 } else { 0 };
            header.payload_len = Auto::Given((bytes.len() - start - 40 + 64) as u16);
            true
        }),
    },
    Mutation {
        name: "hao.not-dstopts",
        what: "the Home Address option in a Hop-by-Hop Options header",
        provokes: "check.rfc6275.hao_not_dstopts",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| hao_header(f).map(|o| o.kind = OptsKind::HopByHop).is_some()),
    },
    Mutation {
        name: "hao.duplicate",
        what: "two Home Address options in one Destination Options header",
        provokes: "ipv6.opt.mipv6.duplicate",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(o) = hao_header(f) else { return false };
            let Some(h) = home_of(o) else { return false };
            *o = dissect::ipv6::Opts::new(
                OptsKind::Destination,
                [Ipv6Opt::PadN(vec![0; 4]), Ipv6Opt::HomeAddress(h), Ipv6Opt::PadN(vec![0; 4]), Ipv6Opt::HomeAddress(h)],
            );
            true
        }),
    },
    Mutation {
        name: "hao.misaligned",
        what: "the Home Address option at 8n+2 instead of 8n+6",
        provokes: "check.rfc6275.hao_alignment",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(o) = hao_header(f) else { return false };
            let Some(h) = home_of(o) else { return false };
            // Laid out by hand (Opts::new would align it): at offset 2, then PadN to 24 octets.
            o.options = OptList::Items { options: vec![Ipv6Opt::HomeAddress(h), Ipv6Opt::PadN(vec![0; 2])], trailer: Vec::new() };
            true
        }),
    },
    Mutation {
        name: "hao.after-fragment",
        what: "the Home Address option's Destination Options header after a Fragment header (an atomic fragment)",
        provokes: "check.rfc6275.hao_placement",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(i) = hao_layer(f) else { return false };
            let frag = dissect::ipv6::Fragment {
                next_header: Auto::Computed,
                reserved: 0,
                offset: 0,
                res: 0,
                more: false,
                ident: 0x6275,
            };
            f.layers.insert(i, Layer::Ipv6Ext(ExtHeader::Fragment(frag)));
            true
        }),
    },
    Mutation {
        name: "hao.before-routing",
        what: "a routing header (an experimental type, Segments Left 0) after the Home Address option's Destination Options header",
        provokes: "check.rfc6275.hao_placement",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(i) = hao_layer(f) else { return false };
            let data = RoutingData::Other { ty: dissect::ipv6::RoutingType::from(253), data: vec![0; 4] };
            let r = dissect::ipv6::Routing { next_header: Auto::Computed, hdr_ext_len: Auto::Computed, segments_left: 0, data };
            f.layers.insert(i + 1, Layer::Ipv6Ext(ExtHeader::Routing(r)));
            true
        }),
    },
    Mutation {
        name: "rh2.segleft",
        what: "a type 2 routing header with Segments Left 0 (it must be 1)",
        provokes: "check.rfc6275.rh2_segments_left",
        also: &[],
        base: "ba",
        profile: "rfc",
        how: How::Model(|f| rh2(f).map(|r| r.segments_left = 0).is_some()),
    },
    // Messages and options of the extensions (RFC 5213, 5846, 7077, 7161, 8371)
    Mutation {
        name: "mnid.bad-length",
        what: "a Mobile Node Identifier of subtype EUI-48 carrying a 16-octet NAI",
        provokes: "mip6.mnid.len.invalid",
        also: &[],
        base: "pbu",
        profile: "rfc",
        how: How::Set(&["mip6.mnid.subtype=5"]),
    },
    Mutation {
        name: "br.unknown-type",
        what: "a Binding Revocation message of B.R. Type 9",
        provokes: "mip6.br.type.unknown",
        also: &[],
        base: "br",
        profile: "rfc",
        how: How::Set(&["mip6.bri_br.type=9"]),
    },
    Mutation {
        name: "has.num-addrs",
        what: "a Home Agent Switch announcing 3 addresses and carrying one",
        provokes: "mip6.has.num_addrs.invalid",
        also: &[],
        base: "has",
        profile: "rfc",
        how: How::Set(&["mip6.has.num_addrs=3"]),
    },
    Mutation {
        name: "fb.unknown-type",
        what: "a Flow Binding message of Type 9",
        provokes: "mip6.fb.type.unknown",
        also: &[],
        base: "fb",
        profile: "rfc",
        how: How::Set(&["mip6.fb.type=9"]),
    },
    // The seeds' rules the dissector checks (check.*)
    Mutation {
        name: "brr.h-without-m",
        what: "a Binding Refresh Request with H set and M clear (seed 000 §4.1.3: H implies M)",
        provokes: "check.nemo_ro.brr_h_without_m",
        also: &["check.nemo_ro.brr_h_without_acoa"],
        base: "brr",
        profile: "rfc",
        how: How::Set(&["mip6.brr.h_flag=1"]),
        // (and §4.1.3's "H requires an Alternate CoA" with it)
    },
    Mutation {
        name: "bid.c-with-length-4",
        what: "a Binding Identifier option with the C flag set and Length 4 (seed 002 §4.2.1, §5.4: 20 with C)",
        provokes: "check.mcoa.bid_c_flag_length",
        also: &[],
        base: "bu-bid",
        profile: "draft",
        how: How::Set(&["mip6.bi.c_flag=1"]),
    },
    // More IPv6 carriage
    Mutation {
        name: "rh2.bad-length",
        what: "a type 2 routing header with Hdr Ext Len 4 (it is 2)",
        provokes: "ipv6.routing.invalid_length",
        also: &["mip6.truncated", "mip6.bogus_header_length"],
        base: "ba",
        profile: "rfc",
        how: How::Model(|f| rh2(f).map(|r| r.hdr_ext_len = Auto::Given(4)).is_some()),
    },
    Mutation {
        name: "hbh.not-first",
        what: "a Hop-by-Hop Options header after the Destination Options header",
        provokes: "ipv6.hopopts.not_first",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(i) = f.layers.iter().position(|l| matches!(l, Layer::Ipv6Ext(ExtHeader::Opts(_)))) else { return false };
            f.layers.insert(i + 1, Layer::Ipv6Ext(ExtHeader::Opts(dissect::ipv6::Opts::new(OptsKind::HopByHop, []))));
            true
        }),
    },
    // More IPv4 carriage (RFC 791)
    Mutation {
        name: "ip.bad-ihl",
        what: "IPv4 Internet Header Length 4 (16 octets, below the 20 of the fixed header)",
        provokes: "ip.bogus_header_length",
        also: &[],
        base: "rrq",
        profile: "rfc",
        how: How::Model(|f| {
            udp_or_ip(f, |l| {
                if let Layer::Ipv4(v) = l {
                    v.header.ihl = Auto::Given(4);
                }
            })
        }),
    },
    Mutation {
        name: "ip.bad-length",
        what: "IPv4 Total Length 12, shorter than the header",
        provokes: "ip.bogus_ip_length",
        also: &[],
        base: "rrq",
        profile: "rfc",
        how: How::Set(&["ip.len=12"]),
    },
    Mutation {
        name: "ip.bad-version",
        what: "IP version 5 in the IPv4 header",
        provokes: "ip.bogus_ip_version",
        also: &[],
        base: "rrq",
        profile: "rfc",
        how: How::Set(&["ip.version=5"]),
    },
    Mutation {
        name: "mip4.ext-bad-length",
        what: "a Mobile-Home Authentication extension with Length 3 (SPI and authenticator need 20)",
        provokes: "mip.ext.len.invalid",
        // The 19 octets its Length no longer covers then read as an extension cut short.
        also: &["mip.ext.len.past_end"],
        base: "rrq",
        profile: "rfc",
        how: How::Set(&["mip.ext.len#1=3"]),
    },
    // Mobile IPv4 (RFC 5944 §1.9, §3)
    Mutation {
        name: "mip4.ext-truncated",
        what: "the last extension's Length runs past the end of the message",
        provokes: "mip.ext.len.past_end",
        also: &[],
        base: "rrq",
        profile: "rfc",
        how: How::Set(&["mip.ext.len#1=40"]),
    },
    Mutation {
        name: "mip4.unknown-nonskippable",
        what: "an extension of type 100 (below 128: the receiver must drop the message)",
        provokes: "mip.ext.nonskippable_unknown",
        also: &[],
        base: "rrq-unknown",
        profile: "rfc",
        how: How::Set(&["mip.ext.type#1=100"]),
    },
    Mutation {
        name: "mip4.unknown-skippable",
        what: "an extension of type 200 (128 and up: skipped)",
        provokes: "mip.ext.skippable_unknown",
        also: &[],
        base: "rrq-unknown",
        profile: "rfc",
        how: How::Set(&["mip.ext.type#1=200"]),
    },
    Mutation {
        name: "udp.bad-checksum",
        what: "the UDP checksum off by one",
        provokes: "udp.checksum.bad",
        also: &[],
        base: "rrq",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(c) = udp_checksum(f) else { return false };
            udp_or_ip(f, |l| {
                if let Layer::Udp(u) = l {
                    u.checksum = Auto::Given(c.wrapping_add(1).max(1));
                }
            })
        }),
    },
    Mutation {
        name: "udp.bad-length",
        what: "UDP Length 8 octets more than the datagram",
        provokes: "udp.length.bad",
        also: &[],
        base: "rrq",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(n) = udp_len(f) else { return false };
            udp_or_ip(f, |l| {
                if let Layer::Udp(u) = l {
                    u.length = Auto::Given(n + 8);
                }
            })
        }),
    },
    Mutation {
        name: "ip.bad-checksum",
        what: "the IPv4 header checksum off by one",
        provokes: "ip.checksum_bad.expert",
        also: &[],
        base: "rrq",
        profile: "rfc",
        how: How::SetRaw(&["ip.checksum=0x1234"]),
    },
    // RFC 6275 (Mobile IPv6) rules of the catalogue (check.rfc6275.*)
    Mutation {
        name: "bu.k-to-cn",
        what: "the K flag in a Binding Update to a correspondent node (valid only towards the home agent)",
        provokes: "check.rfc6275.k_flag_not_home",
        also: &[],
        base: "bu-rr",
        profile: "rfc",
        how: How::Set(&["mip6.bu.k_flag=1"]),
    },
    Mutation {
        name: "bu.home-with-nonces",
        what: "the H flag on a correspondent registration: Nonce Indices in a home registration",
        provokes: "check.rfc6275.nonce_not_in_cn_bu",
        // The correspondent registration names no Alternate Care-of Address: as a home
        // registration it lacks one too (RFC 6275 §11.7.1).
        also: &["check.rfc6275.home_bu_without_acoa"],
        base: "bu-rr",
        profile: "rfc",
        how: How::Set(&["mip6.bu.h_flag=1"]),
    },
    Mutation {
        name: "hao.link-local",
        what: "a link-local address in the Home Address option (it must be unicast routable)",
        provokes: "check.rfc6275.hao_not_unicast",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Set(&["ipv6.opt.mipv6.home_address=fe80::100"]),
    },
    // RFC 5213 and seed 004 (draft-qin-mipshop-pmipro-00)
    Mutation {
        name: "pbu.without-a",
        what: "a Proxy Binding Update with the A flag clear (RFC 5213 §6.9.1.5: P and A set)",
        provokes: "check.rfc5213.pbu_without_a",
        also: &[],
        base: "pbu",
        profile: "rfc",
        how: How::Set(&["mip6.bu.a_flag=0"]),
    },
    Mutation {
        name: "pbu.hao",
        what: "a Proxy Binding Update with a Home Address option (RFC 5213 §6.9.1.5: it MUST NOT have one)",
        provokes: "check.rfc5213.pbu_hao",
        also: &[],
        base: "pbu",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(i) = f.layers.iter().position(|l| matches!(l, Layer::Mh(_))) else { return false };
            if hao_header(f).is_some() {
                return false;
            }
            let home = Ipv6Opt::HomeAddress(Ip6("2001:db8:1::100".parse::<std::net::Ipv6Addr>().map_or([0; 16], |a| a.octets())));
            f.layers.insert(i, Layer::Ipv6Ext(ExtHeader::Opts(dissect::ipv6::Opts::new(OptsKind::Destination, [home]))));
            true
        }),
    },
    // Seeds 002 (draft-ietf-monami6-multiplecoa-03) and 000 (draft-huang-nemo-mn-ro-00).
    Mutation {
        name: "ba.bid-conflict-refused",
        what: "a Binding Acknowledgement with a MCOA BID CONFLICT Binding Identifier and Status 128 (seed 002 §6.3: the BA accepts, 0)",
        provokes: "check.mcoa.ba_bid_conflict_status",
        also: &[],
        base: "ba-bid",
        profile: "draft",
        how: How::Set(&["mip6.ba.status=128"]),
    },
    Mutation {
        name: "cot.incompliant-with-token",
        what: "a Care-of Test refusing a C-flagged BID (MCOA INCOMPLIANT) with a keygen token (seed 002 §6.2: all fields zero)",
        provokes: "check.mcoa.cot_incompliant_not_zeroed",
        also: &[],
        base: "cot-bid",
        profile: "draft",
        how: How::Set(&["mip6.cot.token=0x0102030405060708"]),
    },
    Mutation {
        name: "bid.zero-draft",
        what: "a draft-03 Binding Unique Identifier with BID 0 (seed 002 §5.1: zero MUST NOT be taken)",
        provokes: "check.mcoa.bid_zero",
        also: &[],
        base: "bu-bid",
        profile: "draft",
        how: How::Set(&["mip6.bi.bid=0"]),
    },
    Mutation {
        name: "bid.zero",
        what: "an RFC 5648 Binding Identifier with BID 0 (RFC 5648 §6.1: reserved, SHOULD NOT be used)",
        provokes: "check.rfc5648.bid_zero",
        also: &[],
        base: "bu-bid",
        profile: "rfc",
        how: How::Set(&["mip6.bi.bid=0"]),
    },
    // Seed 003 (draft-makela-mip4-nemo-haaro-00) and RFC 5944 (Mobile IPv4 registration): rules
    // of the catalogue (dissect::analysis::rules).
    Mutation {
        name: "haaro.ropa-x-set",
        what: "the reserved x bit of a route optimization prefix advertisement set (seed 003 §4.1)",
        provokes: "check.haaro.ropa_x_set",
        also: &[],
        base: "rrp-ropa",
        profile: "draft",
        how: How::Set(&["mip.ext.ropa.x_flag=1"]),
    },
    Mutation {
        name: "haaro.ropa-h-with-prefix",
        what: "H (host route only) set on a prefix advertisement that carries a Prefix (seed 003 §4.1)",
        provokes: "check.haaro.ropa_h_with_prefix",
        also: &[],
        base: "rrp-ropa",
        profile: "draft",
        how: How::Set(&["mip.ext.ropa.h_flag=1"]),
    },
    Mutation {
        name: "mip4.rrq-reserved",
        what: "the reserved x flag of a Registration Request set (RFC 5944 §3.3: sent as zero)",
        provokes: "check.rfc5944.rrq_reserved",
        also: &[],
        base: "rrq",
        profile: "rfc",
        how: How::Set(&["mip.x=1"]),
    },
    Mutation {
        name: "mip4.rrq-without-mn-ha",
        what: "a Registration Request with its Mobile-Home Authentication extension removed (RFC 5944 §3.5.2)",
        provokes: "check.rfc5944.rrq_without_mn_ha",
        also: &[],
        base: "rrq",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(Layer::Mip4(m)) = f.layers.iter_mut().find(|l| matches!(l, Layer::Mip4(_))) else { return false };
            let before = m.extensions.len();
            m.extensions.retain(|e| !matches!(e.body, dissect::mip4::ext::ExtBody::MnHaAuth(_)));
            let changed = m.extensions.len() != before;
            dissect::stack::compute_lengths(&mut f.layers);
            changed
        }),
    },
    // Seed 004: draft-qin-mipshop-pmipro-00 (early proxy BU, §3.3, §6, §8.3)
    Mutation {
        name: "pmipro.early-pbu-without-nonce-indices",
        what: "an early proxy BU with its Nonce Indices option removed (seed 004 §3.3: authorised by the tokens the indices name)",
        provokes: "check.pmipro.pbu_without_auth",
        also: &[],
        base: "pbu-early",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(m) = mh(f) else { return false };
            let before = m.options.len();
            m.options.retain(|o| !is_ni(o));
            m.options.len() != before
        }),
    },
    Mutation {
        name: "pmipro.early-pbu-ipv4-hoa",
        what: "an IPv4 Home Address option (RFC 5555) added to an early proxy BU, before its Binding Authorization Data (seed 004 §6)",
        provokes: "check.pmipro.pbu_ipv4_hoa",
        also: &[],
        base: "pbu-early",
        profile: "rfc",
        how: How::Model(|f| pmipro_insert(f, 29, &[0, 0, 192, 0, 2, 1])),
    },
    Mutation {
        name: "pmipro.handover-token-in-bu",
        what: "a Handover Home Keygen Token option added to an early proxy BU (seed 004 §8.3: sent by the CN in the PBA)",
        provokes: "check.pmipro.hhkt_not_in_ba",
        also: &[],
        base: "pbu-early",
        profile: "rfc",
        how: How::Model(|f| pmipro_insert(f, Prefs::default().pmipro_opt_handover_hkt, &[0x5a; 8])),
    },
    Mutation {
        name: "pmipro.photi-from-care-of-address",
        what: "a Proxy Home Test Init sent from the care-of address it carries, not the home address (seed 004 §3.1)",
        provokes: "check.pmipro.photi_not_from_home",
        also: &[],
        base: "photi",
        profile: "rfc",
        how: How::Set(&["ipv6.src=2001:db8:a::1"]),
    },
    // Seed 002 (draft-ietf-monami6-multiplecoa-03), rules added for issue 15: the draft-03
    // BID's home-registration flags and the Alternate CoA's place.
    Mutation {
        name: "bid.o-flag-to-cn",
        what: "a draft-03 Binding Unique Identifier with the O flag in a Binding Update whose H flag is cleared (seed 002 §4.2.1: O is valid for home registration)",
        provokes: "check.mcoa.o_flag_not_home",
        also: &["check.rfc6275.cn_bu_without_auth"],
        base: "bu-bid",
        profile: "draft",
        how: How::Set(&["mip6.bu.h_flag=0", "mip6.bi.o_flag=1"]),
    },
    Mutation {
        name: "bid.h-flag-to-cn",
        what: "a draft-03 Binding Unique Identifier with the H flag in a Binding Update whose H flag is cleared (seed 002 §4.2.1: H is valid for home registration)",
        provokes: "check.mcoa.h_flag_not_home",
        also: &["check.rfc6275.cn_bu_without_auth"],
        base: "bu-bid",
        profile: "draft",
        how: How::Set(&["mip6.bu.h_flag=0", "mip6.bi.h_flag=1"]),
    },
    Mutation {
        name: "bu.acoa-before-bid",
        what: "an Alternate Care-of Address option placed before the Binding Unique Identifier (seed 002 §5.7: once, after a BID)",
        provokes: "check.mcoa.acoa_not_after_bid",
        also: &[],
        base: "bu-bid",
        profile: "draft",
        how: How::Model(|f| {
            let Some(m) = mh(f) else { return false };
            let Ok(a) = "2001:db8:2::100".parse::<std::net::Ipv6Addr>() else { return false };
            m.options.insert(0, MhOption::Base(BaseOpt::AltCoa(dissect::mh::opt::base::AltCoa { address: Ip6(a.octets()) })));
            dissect::stack::compute_lengths(&mut f.layers);
            true
        }),
    },
    // Seed 000 (draft-huang-nemo-mn-ro-00): rules of the catalogue (dissect::analysis::nemo_ro).
    Mutation {
        name: "bu.home-with-lifetime",
        what: "a home registration whose Alternate Care-of Address is its home address, lifetime 150 (seed 000 §5.7: a node back home de-registers with lifetime zero)",
        provokes: "check.nemo_ro.home_bu_lifetime",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Set(&["mip6.acoa.acoa=2001:db8:1::100"]),
    },
    // RFC 6275 §11.7.1 (issue 15, rnew1): the home registration's Alternate Care-of Address.
    // Seed 002 §6.3/§6.4's and seed 000 §5.8's new rules need earlier frames (accepted BIDs, a
    // VCoA handed out), which one mutated frame cannot carry.
    Mutation {
        name: "bu.home-without-acoa",
        what: "a home registration (H, lifetime 150) without its Alternate Care-of Address option (RFC 6275 §11.7.1: included in all home registrations)",
        provokes: "check.rfc6275.home_bu_without_acoa",
        also: &[],
        base: "bu",
        profile: "rfc",
        how: How::Model(|f| {
            let Some(m) = mh(f) else { return false };
            let Some(i) = opt_pos(m, is_acoa) else { return false };
            m.options.remove(i);
            true
        }),
    },
    // Seed 002 (draft-ietf-monami6-multiplecoa-03) §5.5, issue 15 (rules5): a de-registration of
    // all bindings carries C in every BID. (The same session's seed 000 §5.3/§5.4.1 and seed 004
    // §7 rules judge data against what earlier frames taught, a VCoA or a proxy registration,
    // which one mutated frame cannot carry.)
    Mutation {
        name: "bu.dereg-bids-without-c",
        what: "a de-registration (lifetime 0) naming two draft-03 Binding Unique Identifiers without the C flag (seed 002 §5.5: C in all of them)",
        provokes: "check.mcoa.dereg_all_without_c",
        also: &[],
        base: "bu-bid",
        profile: "draft",
        how: How::Model(|f| {
            let Some(m) = mh(f) else { return false };
            let dissect::mh::MhBody::Bu(bu) = &mut m.body else { return false };
            bu.lifetime = 0;
            let Some(i) = opt_pos(m, |o| matches!(o, MhOption::Seed(dissect::mh::seeds::SeedOpt::BindingId { .. }))) else { return false };
            let mut second = m.options[i].clone();
            if let MhOption::Seed(dissect::mh::seeds::SeedOpt::BindingId { bid: dissect::mh::seeds::mcoa::BindingId::Draft03 { fixed, .. }, .. }) =
                &mut second
            {
                fixed.bid = fixed.bid.wrapping_add(1);
            } else {
                return false;
            }
            m.options.insert(i + 1, second);
            dissect::stack::compute_lengths(&mut f.layers);
            true
        }),
    },
];

/// Seed 004's mutations: the option `code` with `data` (its row's layout under the default
/// profile) inserted before the Binding Authorization Data, which stays last (RFC 6275 §6.2.7).
fn pmipro_insert(f: &mut FrameRepr, code: u8, data: &[u8]) -> bool {
    let Some(o) = crate::message::option_with(code, data, &Prefs::default()) else { return false };
    let Some(m) = mh(f) else { return false };
    let at = m.options.iter().position(|o| matches!(o, MhOption::Base(BaseOpt::BindingAuthData(_)))).unwrap_or(m.options.len());
    m.options.insert(at, o);
    true
}

/// Applies `change` to every IPv4 and UDP layer; whether there was one.
fn udp_or_ip(f: &mut FrameRepr, mut change: impl FnMut(&mut Layer)) -> bool {
    let mut any = false;
    for l in f.layers.iter_mut().filter(|l| matches!(l, Layer::Ipv4(_) | Layer::Udp(_))) {
        change(l);
        any = true;
    }
    any
}

/// Octets an option takes (Type, Length, data), or 1 for Pad1.
fn opt_octets(o: &MhOption) -> usize {
    let prefs = Prefs::default();
    let mut v = Vec::new();
    let _ = o.emit(&dissect::model::EmitCx::new(&prefs), &mut v);
    v.len()
}

/// Octets of the common header and the message, without options.
fn fixed_len(m: &dissect::mh::MhRepr) -> usize {
    let mut copy = m.clone();
    copy.options.clear();
    copy.padding = Auto::Given(0);
    copy.hdr_len = Auto::Given(0);
    copy.trailing.clear();
    let prefs = Prefs::default();
    let mut v = Vec::new();
    let _ = copy.emit(&dissect::model::EmitCx::new(&prefs), &mut v);
    v.len()
}

/// A value the frame would carry as it stands (what its computed fields come to), read from
/// the frame emitted and parsed again.
fn as_emitted<T>(f: &FrameRepr, pick: impl Fn(&Layer) -> Option<T>) -> Option<T> {
    let prefs = Prefs::default();
    let back = FrameRepr::parse(f.linktype, &f.emit(&prefs).ok()?, &prefs);
    back.layers.iter().find_map(pick)
}

/// The correct MH checksum of the frame as it stands.
fn checksum_of(f: &FrameRepr) -> Option<u16> {
    as_emitted(f, |l| if let Layer::Mh(m) = l { m.checksum.given() } else { None })
}

fn udp_checksum(f: &FrameRepr) -> Option<u16> {
    as_emitted(f, |l| if let Layer::Udp(u) = l { u.checksum.given() } else { None })
}

fn udp_len(f: &FrameRepr) -> Option<u16> {
    as_emitted(f, |l| if let Layer::Udp(u) = l { u.length.given() } else { None })
}

/// The catalogue's base packets: (link type, octets).
pub fn base(name: &str, prefs: &Prefs) -> Option<(u32, Vec<u8>)> {
    use dissect::mh::opt::OptType as O;
    use dissect::mh::seeds::mcoa::BidDraftStatus;
    use dissect::mh::MhType as M;
    use dissect::mip4::{ext::ExtType, MsgType};
    let set = |s: &[&str]| s.iter().map(|x| Assignment::parse(x).expect("catalogue assignment")).collect::<Vec<_>>();
    let acoa = |v: &str| OptionSpec {
        code: O::AlternateCareOfAddress.value(),
        data: None,
        sets: vec![(vec![], v.into(), format!("acoa={v}"))],
    };
    match name {
        "bu" | "bu-rr" => {
            let mut s = MessageSpec::new(M::BindingUpdate.value());
            s.hoa = Some("2001:db8:1::100".parse().ok()?);
            s.options.push(acoa("2001:db8:2::100"));
            if name == "bu-rr" {
                s.dst = "2001:db8:3::1".parse().ok()?;
                s.options = vec![OptionSpec { code: O::NonceIndices.value(), data: None, sets: vec![] }];
                s.kbm = Some([7; 20]);
                s.sets = set(&["mip6.bu.seqnr=8", "mip6.bu.a_flag=1", "mip6.bu.lifetime=105"]);
            } else {
                s.dst = "2001:db8::1".parse().ok()?;
                s.sets = set(&["mip6.bu.seqnr=7", "mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.lifetime=150"]);
            }
            build::build(&s, prefs).ok()
        }
        "ba" => {
            let mut s = MessageSpec::new(M::BindingAcknowledgement.value());
            (s.src, s.dst) = ("2001:db8::1".parse().ok()?, "2001:db8:2::100".parse().ok()?);
            s.rh2 = Some("2001:db8:1::100".parse().ok()?);
            s.sets = set(&["mip6.ba.seqnr=7", "mip6.ba.lifetime=150"]);
            build::build(&s, prefs).ok()
        }
        "pbu" => {
            let mut s = MessageSpec::new(M::BindingUpdate.value());
            (s.src, s.dst) = ("2001:db8:a::1".parse().ok()?, "2001:db8:b::1".parse().ok()?);
            let opt = |code: u8, data: &str| OptionSpec { code, data: edit::hex_bytes(data), sets: vec![] };
            s.options = vec![
                opt(O::MobileNodeIdentifier.value(), "016d6e31406578616d706c652e636f6d"),
                opt(O::HomeNetworkPrefix.value(), "004020010db8000100000000000000000000"),
                opt(O::HandoffIndicator.value(), "0001"),
                opt(O::AccessTechnologyType.value(), "0004"),
                opt(O::Timestamp.value(), "e92d1f0000000000"),
            ];
            s.sets = set(&["mip6.bu.seqnr=1", "mip6.bu.a_flag=1", "mip6.bu.p_flag=1", "mip6.bu.lifetime=3600"]);
            build::build(&s, prefs).ok()
        }
        "pbu-early" => {
            // Seed 004 §3.3: an early proxy BU from a MAG to a correspondent (P and A set, no
            // Home Address option, Care-of Test Init), authorised by Nonce Indices and BAD.
            let mut s = MessageSpec::new(M::BindingUpdate.value());
            (s.src, s.dst) = ("2001:db8:a::1".parse().ok()?, "2001:db8:3::1".parse().ok()?);
            let opt = |code: u8, data: &str| OptionSpec { code, data: edit::hex_bytes(data), sets: vec![] };
            s.options = vec![
                opt(O::NonceIndices.value(), "00070000"),
                opt(O::CareOfTestInit.value(), ""),
                OptionSpec { code: O::AuthorizationData.value(), data: None, sets: vec![] },
            ];
            s.kbm = Some([9; 20]);
            s.sets = set(&["mip6.bu.seqnr=50", "mip6.bu.a_flag=1", "mip6.bu.p_flag=1", "mip6.bu.lifetime=900"]);
            build::build(&s, prefs).ok()
        }
        "photi" => {
            // Seed 004 §3.1, §8.2: from the mobile node's home address, the MAG's care-of
            // address inside.
            let mut s = MessageSpec::new(prefs.pmipro_mh_photi);
            (s.src, s.dst) = ("2001:db8:1::100".parse().ok()?, "2001:db8:3::1".parse().ok()?);
            s.sets = set(&["mip6.photi.cookie=0x0102030405060708", "mip6.photi.coa=2001:db8:a::1"]);
            build::build(&s, prefs).ok()
        }
        "br" => {
            let mut s = MessageSpec::new(M::BindingRevocation.value());
            s.sets = set(&["mip6.bri_br.type=1", "mip6.bri_seqnr=4", "mip6.bri_r.trigger=1"]);
            build::build(&s, prefs).ok()
        }
        "has" => {
            let mut s = MessageSpec::new(M::HomeAgentSwitch.value());
            s.sets = set(&["mip6.has.num_addrs=0"]);
            build::build(&s, prefs).ok()
        }
        "fb" => {
            let mut s = MessageSpec::new(M::FlowBinding.value());
            s.sets = set(&["mip6.fb.type=1", "mip6.fb.seqnr=2"]);
            build::build(&s, prefs).ok()
        }
        "brr" => build::build(&MessageSpec::new(M::BindingRefreshRequest.value()), prefs).ok(),
        "bu-bid" => {
            let mut s = MessageSpec::new(M::BindingUpdate.value());
            s.hoa = Some("2001:db8:1::100".parse().ok()?);
            s.dst = "2001:db8::1".parse().ok()?;
            let bid = crate::message::option_type("bi", prefs)?;
            // RFC 6275 §11.7.1: a home registration names its care-of address in an Alternate
            // Care-of Address option (after the BID: seed 002 §5.7).
            s.options = vec![
                OptionSpec { code: bid, data: None, sets: vec![(vec![".bid".into()], "1".into(), "bid=1".into())] },
                acoa("2001:db8:2::100"),
            ];
            s.sets = set(&["mip6.bu.seqnr=20", "mip6.bu.a_flag=1", "mip6.bu.h_flag=1", "mip6.bu.lifetime=150"]);
            build::build(&s, prefs).ok()
        }
        // Seeds 002 and 000: a draft-03 BA that replaced a regular binding (BID 1, MCOA BID
        // CONFLICT, BA status 0: seed 002 §6.3) and the zeroed CoT refusing a C-flagged BID
        // (MCOA INCOMPLIANT, §6.2).
        "ba-bid" | "cot-bid" => {
            let ba = name == "ba-bid";
            let mut s = MessageSpec::new(if ba { M::BindingAcknowledgement } else { M::CareOfTest }.value());
            (s.src, s.dst) = (s.dst, s.src);
            let bid = crate::message::option_type("bi", prefs)?;
            let status = if ba { BidDraftStatus::BidConflict } else { BidDraftStatus::Incompliant }.value();
            s.options = vec![OptionSpec { code: bid, data: Some(vec![0, 1, status, 0]), sets: vec![] }];
            if ba {
                s.rh2 = Some("2001:db8:1::100".parse().ok()?);
                s.sets = set(&["mip6.ba.seqnr=20", "mip6.ba.lifetime=150"]);
            }
            build::build(&s, prefs).ok()
        }
        "rrq" | "rrq-unknown" => {
            let mut s = Mip4Spec::new(MsgType::RegistrationRequest.value());
            s.sets = set(&["mip.homeaddr=192.0.2.10", "mip.haaddr=198.51.100.1", "mip.coa=203.0.113.5", "mip.life=1800"]);
            if name == "rrq-unknown" {
                // A skippable extension whose Type the mutations change (NVSE, 134), before
                // the MN-HA every request carries (RFC 5944 §3.5.2).
                s.extensions.push(vec![
                    ExtType::NormalVendorOrganizationSpecificExtension.value(),
                    10,
                    0,
                    0,
                    0,
                    0,
                    0x1f,
                    0x2e,
                    0,
                    1,
                    0xaa,
                    0xbb,
                ]);
            }
            s.mn_ha = Some((256, b"mipscope".to_vec(), dissect::crypto::mip4::Algorithm::HmacMd5));
            build::build_mip4(&s, prefs).ok()
        }
        "rrp-ropa" => {
            // A home agent's Registration Reply advertising 203.0.113.0/24 behind 198.51.100.20
            // (seed 003 §4.1, the draft's layout).
            let mut s = Mip4Spec::new(MsgType::RegistrationReply.value());
            (s.src, s.dst) = (std::net::Ipv4Addr::new(198, 51, 100, 1), std::net::Ipv4Addr::new(203, 0, 113, 5));
            s.extensions.push(vec![prefs.haaro_ext_ropa, 10, prefs.haaro_ext_ropa_subtype, 24, 198, 51, 100, 20, 203, 0, 113, 0]);
            s.mn_ha = Some((256, b"mipscope".to_vec(), dissect::crypto::mip4::Algorithm::HmacMd5));
            build::build_mip4(&s, prefs).ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dissect::expert::Severity;
    use dissect::tree::Dissection;

    /// Every mutation, on its base: the base is clean, the mutation provokes its expert item,
    /// and nothing at warning level or above that it does not declare.
    #[test]
    fn every_mutation_provokes_what_it_declares() {
        assert!(CATALOGUE.len() >= 40, "{} mutations", CATALOGUE.len());
        let mut names = std::collections::HashSet::new();
        let mut failures = Vec::new();
        for m in CATALOGUE {
            let prefs = Prefs::build(Some(m.profile), &[]).unwrap();
            assert!(names.insert(m.name), "{} twice", m.name);
            assert!(dissect::registry::entry(m.provokes).is_some(), "{}: {} is no expert item", m.name, m.provokes);
            let (lt, clean) = base(m.base, &prefs).unwrap_or_else(|| panic!("{}: no base {}", m.name, m.base));
            let experts = |bytes: &[u8]| {
                let mut d = Dissection::default();
                let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype: lt, ..Default::default() };
                dissect::dissect_frame(&mut d, bytes, &meta, &prefs);
                d.experts.iter().map(|e| (e.def.field.abbrev, e.def.severity)).collect::<Vec<_>>()
            };
            let before = experts(&clean);
            assert!(before.iter().all(|(_, s)| *s < Severity::Warn), "base {} is not clean: {before:?}", m.base);
            let broken = m.apply(lt, &clean, &prefs).unwrap_or_else(|e| panic!("{e}"));
            let after = experts(&broken);
            let has = after.iter().any(|(a, _)| *a == m.provokes);
            let extra: Vec<_> = after
                .iter()
                .filter(|(a, s)| {
                    *s >= Severity::Warn && *a != m.provokes && !m.also.contains(a) && !before.iter().any(|(b, _)| b == a)
                })
                .collect();
            if !has || !extra.is_empty() {
                failures.push(format!("{}: wanted {}, got {after:?}", m.name, m.provokes));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
