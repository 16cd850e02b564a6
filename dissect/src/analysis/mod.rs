//! The analysis pass: rules over a parsed frame, separate from parsing.
//!
//! The parsers decode one field at a time and report what is wrong with that field (lengths,
//! reserved bits, alignment). What needs several fields, the packet around a message, or what
//! earlier frames taught is decided here, after the whole frame is parsed: the parsers only
//! gather [`Facts`] (a small record per Mobility Header and per option, kept in the
//! [`Dissection`](crate::tree::Dissection) and reused across frames, so nothing is allocated),
//! and [`run`] reads them with the (read-only) [`CaptureState`](crate::tree::CaptureState) and
//! adds findings through one path, [`Pass`]: expert items (`check.<area>.<rule>`), generated
//! fields, Info text and lessons for later frames. Each finding goes where the parser left an
//! [`Anchor`], so the tree, JSON, `-z expert` and the packet list read as if a decoder had
//! added it there.
//!
//! One module per document ([`pmipro`], [`mcoa`], [`nemo_ro`], [`rfc6275`], [`rfc5213`]); [`DRAFTS`]
//! lists them in the order their findings are added. The conformance rules they check are the
//! rows of [`rules`]. Mobile IPv4's HAaRO extensions have theirs in [`haaro`], its registrations
//! in [`rfc5944`] (and [`haaro`]), Neighbor Discovery under a type 2 routing header in
//! [`reflector`].

pub mod auth;
pub mod data;
pub mod haaro;
pub mod mcoa;
pub mod nemo_ro;
pub mod pairs;
pub mod pmipro;
pub mod reflector;
pub mod rfc5213;
pub mod rfc5944;
pub mod rfc6275;
pub mod rules;
pub mod track;

use crate::expert::ExpertDef;
use crate::field::{FieldDef, Value};
use crate::mh::opt::{KindSet, OptDef};
use crate::mh::MhType;
use crate::prefs::BidLayout;
use crate::tree::{Anchor, Tree};
use std::fmt;

/// What the parsers gathered about a frame for the analysis pass. Cleared, not freed, per frame.
#[derive(Debug, Default)]
pub struct Facts {
    /// One record per Mobility Header whose type has a decoder, in frame order.
    pub mh: Vec<MhFacts>,
    /// Every option a decoder ran on, in frame order ([`MhFacts::opts`] says whose).
    pub opts: Vec<OptFact>,
    /// Mobile Network Prefixes (prefix, length) of the options, in frame order.
    pub prefixes: Vec<([u8; 16], u8)>,
    /// Binding Identifier options as decoded, in frame order.
    pub bids: Vec<BidFact>,
    /// Every signalling message (Mobility Header of any type, Mobile IPv4 message) with what
    /// statistics count of it, in frame order.
    pub msgs: Vec<MsgFact>,
    /// Mobile IPv4 extensions shown whole (type, name as shown; one-byte padding included), in
    /// frame order, for statistics; not those of a message an ICMP error quotes.
    pub exts: Vec<(u8, &'static str)>,
    /// Messages request/response tracking pairs ([`track`]), in frame order.
    pub track: Vec<track::TrackFact>,
    /// Seed 003 HAaRO extensions as decoded ([`haaro`]), in frame order.
    pub haaro: Vec<haaro::HaaroFact>,
    /// Mobile IPv4 Registration Requests and Replies ([`rfc5944`]), in frame order.
    pub regs: Vec<rfc5944::RegFact>,
    /// Mobile IPv4 extensions other documents' rules look for, by frame offset ([`rfc5944::Mark`]).
    pub marks: Vec<(u32, rfc5944::Mark)>,
    /// Neighbor Discovery messages under a type 2 routing header ([`reflector`]).
    pub nd_rh2: Vec<reflector::NdFact>,
    /// Data packets (not Mobility Header, not Neighbor Discovery) under a type 2 routing
    /// header or with a Home Address option, or inside another IPv6 header ([`data`]).
    pub data: Vec<data::DataFact>,
    /// Mobile IPv4 authentication extensions ([`auth`]), in frame order.
    pub auths: Vec<auth::AuthFact>,
    /// Keygen tokens of Mobile IPv4 HoT/CoT messages (seed 003), taught to later frames.
    pub tokens: Vec<crate::tree::TokenLesson>,
}

impl Facts {
    pub fn clear(&mut self) {
        self.mh.clear();
        self.opts.clear();
        self.prefixes.clear();
        self.bids.clear();
        self.msgs.clear();
        self.exts.clear();
        self.track.clear();
        self.haaro.clear();
        self.regs.clear();
        self.marks.clear();
        self.nd_rh2.clear();
        self.data.clear();
        self.auths.clear();
        self.tokens.clear();
    }

    /// The lengths of the lists, for a record's ranges (`(opts, prefixes, bids)`).
    pub fn marks(&self) -> (u32, u32, u32) {
        (self.opts.len() as u32, self.prefixes.len() as u32, self.bids.len() as u32)
    }

    /// The Mobile Network Prefixes of a message.
    pub fn prefixes_of(&self, m: &MhFacts) -> &[([u8; 16], u8)] {
        self.prefixes.get(m.prefixes.0 as usize..m.prefixes.1 as usize).unwrap_or(&[])
    }

    /// The options a message's decoders ran on.
    pub fn opts_of(&self, m: &MhFacts) -> &[OptFact] {
        self.opts.get(m.opts.0 as usize..m.opts.1 as usize).unwrap_or(&[])
    }

    /// Whether a message carries an option whose row has this presence field.
    pub fn has_opt(&self, m: &MhFacts, presence: &FieldDef) -> bool {
        self.opts_of(m).iter().any(|o| std::ptr::eq(o.def.presence, presence))
    }

    /// The Binding Identifiers of a message.
    pub fn bids_of(&self, m: &MhFacts) -> &[BidFact] {
        self.bids.get(m.bids.0 as usize..m.bids.1 as usize).unwrap_or(&[])
    }
}

/// Which protocol a [`MsgFact`] is a message of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MsgProto {
    /// A Mobility Header (over IP or UDP).
    Mip6,
    /// A Mobile IPv4 message (UDP 434).
    Mip4,
}

/// What a status octet is the status of (each has its own value names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusOf {
    /// Binding Acknowledgement (`mip6.ba.status`).
    Ba,
    /// Proxy Binding Acknowledgement: a BA with the P flag (RFC 5213 §8.2), same values.
    Pba,
    /// Binding Error (`mip6.be.status`).
    Be,
    /// Mobile IPv4 Registration Reply code (`mip.code`).
    Rrp,
}

/// What a lifetime is the lifetime of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LifetimeOf {
    /// Requested by a Binding Update.
    Bu,
    /// Requested by a Proxy Binding Update (P flag).
    Pbu,
    /// Granted by a Binding Acknowledgement.
    Ba,
    /// Granted by a Proxy Binding Acknowledgement.
    Pba,
    /// Requested by a Mobile IPv4 Registration Request.
    Rrq,
    /// Granted by a Mobile IPv4 Registration Reply.
    Rrp,
}

/// One signalling message as parsed, for statistics: recorded by the parser that decoded it
/// (never a second parse), whatever the message type and whether its body was complete.
#[derive(Debug, Clone, Copy)]
pub struct MsgFact {
    pub proto: MsgProto,
    /// The type octet (MH Type, Mobile IPv4 Type).
    pub ty: u8,
    /// The message as decoded (a draft's name when a preference numbers the type; "Proxy
    /// Binding Update/Acknowledgement" for a BU/BA with the P flag).
    pub name: &'static str,
    /// Source and destination of the IP header that carries it.
    pub addrs: Option<(std::net::IpAddr, std::net::IpAddr)>,
    pub status: Option<(StatusOf, u8)>,
    /// In seconds (Mobile IPv6 counts 4-second units; Mobile IPv4's 0xffff, "infinity", is
    /// kept as 65535).
    pub lifetime: Option<(LifetimeOf, u32)>,
    /// Inside the packet an ICMP error quotes (not sent in this frame).
    pub quoted: bool,
}

/// One Mobility Header as parsed.
#[derive(Debug, Clone, Copy)]
pub struct MhFacts {
    /// Frame offset of the header's first octet.
    pub mh: u32,
    /// Frame offset of the message data (after the common header).
    pub body: u32,
    /// The MH Type octet.
    pub mh_type: u8,
    /// IANA's message the type was decoded as; `None` when a preference numbers the type (a
    /// draft's message took it over).
    pub msg: Option<MhType>,
    /// The fixed part of a message the pass reads (BRR, BU, BA, CoT), as the message model parses
    /// it.
    pub fixed: Option<MsgFixed>,
    /// Option types seen.
    pub kinds: KindSet,
    /// The last Alternate Care-of Address option's address.
    pub alt_coa: Option<[u8; 16]>,
    /// Ranges of this message's entries in [`Facts::opts`], [`Facts::prefixes`], [`Facts::bids`].
    pub opts: (u32, u32),
    pub prefixes: (u32, u32),
    pub bids: (u32, u32),
    /// The packet around it.
    pub pkt: Packet,
    /// The protocol its expert items belong to (`mipv6`).
    pub proto: &'static str,
    /// Inside the message subtree, after the fixed part.
    pub fixed_end: Anchor,
    /// After the options (inside the Mobility Header's subtree); `None` when the fixed part
    /// was cut short and no option was read.
    pub end: Option<Anchor>,
    /// Length of the Info column after the options; `None` when the columns are not this
    /// packet's (a header quoted in an ICMP error, whose columns are put back afterwards). A
    /// Mobility Header ends its packet, so no later layer rewrites the column before the pass.
    pub info: Option<u32>,
}

/// The fixed parts the analysis pass reads, typed by the messages' own layouts and flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MsgFixed {
    /// Binding Refresh Request (its flags word: seed 000's M and H).
    Brr(crate::mh::msg::binding::Brr),
    Bu(crate::mh::msg::binding::Bu),
    Ba(crate::mh::msg::binding::Ba),
    /// Care-of Test (seed 002 §6.2: zeroed when it refuses a C-flagged Binding Identifier).
    Cot(crate::mh::msg::rr::Cot),
}

impl MhFacts {
    /// A BRR's flags.
    pub fn brr_flags(&self) -> Option<crate::mh::msg::binding::BrrFlags> {
        match self.fixed {
            Some(MsgFixed::Brr(v)) => Some(v.flags),
            _ => None,
        }
    }
    /// A BU's flags.
    pub fn bu_flags(&self) -> Option<crate::mh::msg::binding::BuFlags> {
        match self.fixed {
            Some(MsgFixed::Bu(v)) => Some(v.flags),
            _ => None,
        }
    }
    /// A CoT's fixed part.
    pub fn cot(&self) -> Option<crate::mh::msg::rr::Cot> {
        match self.fixed {
            Some(MsgFixed::Cot(v)) => Some(v),
            _ => None,
        }
    }
    /// A BA's Status.
    pub fn ba_status(&self) -> Option<crate::mh::msg::binding::BaStatus> {
        match self.fixed {
            Some(MsgFixed::Ba(v)) => Some(v.status),
            _ => None,
        }
    }
    /// Whether the header is quoted in an ICMP error rather than sent in this packet (its
    /// columns are not this packet's: [`MhFacts::info`] is `None` exactly then).
    pub fn quoted(&self) -> bool {
        self.info.is_none()
    }
}

/// The packet around a message (from [`crate::tree::PacketState`]).
#[derive(Debug, Clone, Copy)]
pub struct Packet {
    /// Source and destination of the innermost IPv6 header.
    pub ip6: Option<([u8; 16], [u8; 16])>,
    /// The Home Address option's address.
    pub hao: Option<[u8; 16]>,
    /// The type 2 routing header's home address.
    pub rh2: Option<[u8; 16]>,
    /// Whether an Authentication Header protects it.
    pub ah: bool,
}

/// One option a decoder ran on.
#[derive(Debug, Clone, Copy)]
pub struct OptFact {
    pub kind: u8,
    /// The row that decoded it (profile-numbered options share codes, so the row says which).
    pub def: &'static OptDef,
    /// Frame offset of its Type octet.
    pub at: u32,
    /// Octets of option data.
    pub len: u16,
    /// Inside the option's subtree, after what its decoder added.
    pub end: Anchor,
}

/// A Binding Identifier option as decoded (seed 002, either layout).
#[derive(Debug, Clone, Copy)]
pub struct BidFact {
    /// Frame offset of the option's Type octet.
    pub at: u32,
    pub bid: u16,
    pub status: u8,
    /// The flags octet (RFC 5648: H and BID-PRI; draft-03: C, O, H, reserved).
    pub flags: u8,
    /// Octets of option data.
    pub len: u16,
    pub layout: BidLayout,
}

/// The checks of one draft, run in three places of each Mobility Header.
pub struct Draft {
    /// After the fixed part (inside the message subtree).
    pub message: fn(&mut Pass<'_, '_>, &MhFacts),
    /// After one option's decoder (inside the option's subtree).
    pub option: fn(&mut Pass<'_, '_>, &MhFacts, &OptFact),
    /// After the options.
    pub after_options: fn(&mut Pass<'_, '_>, &MhFacts),
}

/// Every row the analysis pass adds nodes of, besides expert items: with those, what a pass can
/// show of the analysis ([`shows_analysis`]). [`Pass::text`] and [`Pass::generated`] take no
/// other row (checked in debug builds, so every rule's tests check it).
pub static ROWS: &[&[&FieldDef]] = &[
    track::FIELDS,
    auth::FIELDS,
    &[
        &crate::mh::seeds::nemo_ro::NEMO_COTI_HOA,
        &crate::mh::seeds::nemo_ro::NEMO_COT_HOA,
        &crate::mh::seeds::nemo_ro::NEMO_VCOA,
        &crate::mh::seeds::nemo_ro::NEMO_RO_REQUEST,
        &crate::mh::seeds::nemo_ro::NEMO_RO_ACK,
        &crate::mh::seeds::mcoa::BA_STATUS_DRAFT,
        &crate::mh::seeds::pmipro::PBU_KIND,
    ],
];

/// Whether `def` is one of [`ROWS`].
pub fn is_row(def: &FieldDef) -> bool {
    ROWS.iter().flat_map(|r| r.iter()).any(|r| std::ptr::eq(*r, def))
}

/// Whether a pass keeping `want` can show anything the analysis pass concludes: its nodes
/// ([`ROWS`]), expert items (any: a filter on `_ws.expert` reads the parsers' and the
/// analysis' alike) or Info text (the packet list, a full tree). Only the analysis reads what
/// earlier frames taught of keys (tokens, Kbm, open exchanges; [`crate::tree::Dissection::read_keys`])
/// and no lesson about roles depends on them, so a pass that shows none of it gives the same
/// output whatever keys a frame was dissected with: a driver need not dissect a frame again
/// because keys were taught after it started ([`crate::pipeline::Pipeline::keyed`]).
pub fn shows_analysis(want: crate::tree::Want<'_>) -> bool {
    use crate::tree::{Want, WS_EXPERT, WS_EXPERT_GROUP, WS_EXPERT_MESSAGE, WS_EXPERT_SEVERITY};
    match want {
        Want::Full | Want::Columns => true,
        Want::Fields(defs) => defs.iter().any(|d| {
            is_row(d)
                || [&WS_EXPERT, &WS_EXPERT_MESSAGE, &WS_EXPERT_SEVERITY, &WS_EXPERT_GROUP].iter().any(|f| std::ptr::eq(*f, *d))
                || crate::registry::all_experts().any(|e| std::ptr::eq(&e.field, *d))
        }),
    }
}

/// The drafts' checks, in the order their findings are added at one place.
pub static DRAFTS: &[&Draft] = &[&pmipro::DRAFT, &mcoa::DRAFT, &nemo_ro::DRAFT, &rfc6275::DRAFT, &rfc5213::DRAFT, &auth::DRAFT];

/// Runs every check over the facts of the frame `t` has parsed, and shows what request/response
/// tracking noted about its messages (`t.d.note`, in the order of [`Facts::track`]).
pub fn run(t: &mut Tree<'_>) {
    if t.d.facts.mh.is_empty()
        && t.d.facts.track.is_empty()
        && t.d.facts.haaro.is_empty()
        && t.d.facts.regs.is_empty()
        && t.d.facts.nd_rh2.is_empty()
        && t.d.facts.data.is_empty()
        && t.d.facts.auths.is_empty()
        && t.d.facts.tokens.is_empty()
    {
        return;
    }
    // Taken out while the checks write to the tree (and put back: the lists keep their room).
    let spare = t.d.facts_spare.take().unwrap_or_default();
    let facts = std::mem::replace(&mut t.d.facts, spare);
    // A note is a few hundred octets and nearly always empty (always, when nothing shows
    // tracking): copied out of the tree only when it says something.
    let slots = t.d.note.slots.get(..facts.track.len()).unwrap_or(&t.d.note.slots);
    let note = slots.iter().any(|s| !s.is_empty()).then_some(t.d.note);
    let mut p = Pass { t, facts: &facts, proto: "", nodes: 0, experts: 0, info: 0 };
    let tracked = facts.track.iter().zip(note.iter().flat_map(|n| n.slots.iter()));
    // Findings are added in frame order (each anchor is shifted by what went before it), so
    // those of the HAaRO extensions, Mobile IPv4 registrations and Neighbor Discovery messages
    // come in where their anchors fall among the others' (at one anchor, in that order). At
    // one node index a deeper anchor comes first: it closes the subtree the shallower one
    // follows (an authenticator's status inside its extension, then the message's findings).
    let mut ext = facts.haaro.iter().peekable();
    let mut regs = facts.regs.iter().peekable();
    let mut nds = facts.nd_rh2.iter().peekable();
    let mut datas = facts.data.iter().peekable();
    // Most frames have none of these four: their interleaving then costs one test per anchor.
    let interleaved = !(facts.haaro.is_empty() && facts.regs.is_empty() && facts.nd_rh2.is_empty() && facts.data.is_empty());
    // Called only when `interleaved` (a call that finds nothing still cost ~40 instructions
    // a message, for nearly every frame).
    let mut exts_before = |p: &mut Pass<'_, '_>, before: Anchor| loop {
        let next = [ext.peek().map(|h| h.at()), regs.peek().map(|r| r.at), nds.peek().map(|n| n.at), datas.peek().map(|f| f.at)];
        let Some((i, _)) = next
            .iter()
            .enumerate()
            .filter_map(|(i, n)| Some((i, (*n)?)))
            .filter(|&(_, a)| a.node < before.node || (a.node == before.node && a.depth >= before.depth))
            .min_by_key(|&(i, a)| (a.node, std::cmp::Reverse(a.depth), i))
        else {
            break;
        };
        match i {
            0 => haaro::check(p, ext.next().expect("peeked")),
            1 => {
                let r = regs.next().expect("peeked");
                rfc5944::check(p, r);
                haaro::registration(p, r);
            }
            2 => reflector::check(p, nds.next().expect("peeked")),
            _ => data::check(p, datas.next().expect("peeked")),
        }
    };
    for (i, m) in facts.mh.iter().enumerate() {
        if interleaved {
            exts_before(&mut p, m.fixed_end);
        }
        p.proto = m.proto;
        for d in DRAFTS {
            (d.message)(&mut p, m);
        }
        for o in facts.opts.get(m.opts.0 as usize..m.opts.1 as usize).unwrap_or(&[]) {
            for d in DRAFTS {
                (d.option)(&mut p, m, o);
            }
        }
        if m.end.is_some() {
            for d in DRAFTS {
                (d.after_options)(&mut p, m);
            }
        }
        for (tf, n) in tracked.clone().filter(|(tf, _)| tf.mh == Some(i as u32)) {
            pairs::check(&mut p, m, n);
            track::show(&mut p, tf, n);
        }
    }
    p.proto = "mip";
    p.t.d.lessons.extend(facts.tokens.iter().map(|&t| crate::tree::Lesson::Token(t)));
    for a in &facts.auths {
        if interleaved {
            exts_before(&mut p, a.end);
        }
        auth::mip4(&mut p, a);
    }
    for (tf, n) in tracked.filter(|(tf, _)| tf.mh.is_none()) {
        if interleaved {
            exts_before(&mut p, tf.at);
        }
        if let Some(r) = facts.regs.iter().find(|r| !r.request && r.at == tf.at) {
            rfc5944::pair(&mut p, r, n);
        }
        track::show(&mut p, tf, n);
    }
    if interleaved {
        exts_before(&mut p, Anchor { node: u32::MAX, expert: u32::MAX, depth: 0 });
    }
    // Whatever a check might have recorded in the stand-in is dropped, as it always was.
    let mut spare = std::mem::replace(&mut t.d.facts, facts);
    spare.clear();
    t.d.facts_spare = Some(spare);
}

/// The one way findings enter the tree: each at an [`Anchor`] the parser left (called in
/// frame order, so what was inserted before an anchor shifts it by a known count), and Info
/// text at a position the parser recorded.
pub struct Pass<'p, 'a> {
    pub t: &'p mut Tree<'a>,
    /// The frame's facts (read only).
    pub facts: &'p Facts,
    /// The protocol of the message being checked (its expert items belong to it).
    proto: &'static str,
    /// Nodes and expert items inserted so far.
    nodes: u32,
    experts: u32,
    /// Octets inserted into the Info column so far.
    info: u32,
}

impl Pass<'_, '_> {
    fn insert(&mut self, at: Anchor, f: impl FnOnce(&mut Tree<'_>)) {
        let at = Anchor { node: at.node + self.nodes, expert: at.expert + self.experts, ..at };
        let (n, e) = self.t.insert_at(at, self.proto, |t| f(t));
        self.nodes += n;
        self.experts += e;
    }

    /// An expert item at `at`.
    pub fn expert(&mut self, at: Anchor, def: &'static ExpertDef, off: u32, len: usize, details: Option<fmt::Arguments<'_>>) {
        self.insert(at, |t| t.expert(def, off as usize, len, details));
    }

    /// A violation of a catalogue rule ([`rules`]) at `at`: its expert item.
    pub fn finding(&mut self, at: Anchor, rule: &'static rules::Rule, off: u32, len: usize, details: Option<fmt::Arguments<'_>>) {
        self.expert(at, &rule.expert, off, len, details);
    }

    /// Whether the frame already has a warning or error of the parsers' (an option whose
    /// length was wrong is not decoded): rules about which options a message carries are not
    /// judged on it, so one broken statement gives one finding (profiles.md). A bad checksum,
    /// an option out of its alignment or octets after the header leave every option decoded,
    /// so they hide nothing.
    pub fn damaged(&self) -> bool {
        use crate::mh::expert::{OPT_ALIGNMENT, TRAILING};
        self.t.d.experts.iter().any(|e| {
            e.def.severity >= crate::expert::Severity::Warn
                && e.def.group != crate::expert::Group::Checksum
                && !std::ptr::eq(e.def, &OPT_ALIGNMENT)
                && !std::ptr::eq(e.def, &TRAILING)
                && !e.def.abbrev().starts_with("check.")
        })
    }

    /// A generated text field at `at`. Inlined up to the packet list's test: there it adds
    /// nothing, and a call still cost the arguments' staging and the call (~40 instructions a
    /// BU's or BA's authenticator status).
    #[inline(always)]
    pub fn text(&mut self, at: Anchor, def: &'static FieldDef, off: u32, len: usize, args: fmt::Arguments<'_>) {
        debug_assert!(is_row(def), "{} is not in analysis::ROWS", def.abbrev);
        // The packet list keeps no node, so there is nothing to move (the insertion would
        // rotate the nodes by none: ~100 instructions a BU's or BA's authenticator status).
        if !self.t.keeps_no_nodes() {
            self.add_text(at, def, off, len, args);
        }
    }

    #[inline(never)]
    fn add_text(&mut self, at: Anchor, def: &'static FieldDef, off: u32, len: usize, args: fmt::Arguments<'_>) {
        self.insert(at, |t| {
            t.add_text(def, off as usize, len, args);
        });
    }

    /// A generated field at `at` (as [`Pass::text`]: inlined up to the packet list's test).
    #[inline(always)]
    pub fn generated(&mut self, at: Anchor, def: &'static FieldDef, off: u32, len: usize, value: Value) {
        debug_assert!(is_row(def), "{} is not in analysis::ROWS", def.abbrev);
        if !self.t.keeps_no_nodes() {
            self.add_generated(at, def, off, len, value);
        }
    }

    #[inline(never)]
    fn add_generated(&mut self, at: Anchor, def: &'static FieldDef, off: u32, len: usize, value: Value) {
        self.insert(at, |t| {
            t.add_generated(def, off as usize, len, value);
        });
    }

    /// Text added to the Info column where it stood at `info` ([`MhFacts::info`]); nothing
    /// when the columns are not this packet's.
    pub fn info_append(&mut self, info: Option<u32>, args: fmt::Arguments<'_>) {
        if let Some(at) = info {
            self.info_insert(at + self.info, args);
        }
    }

    /// Text added at the end of the Info column (what tracking says of a ping, the last
    /// protocol of its packet).
    pub fn info_push(&mut self, args: fmt::Arguments<'_>) {
        // At the end: no position recorded before it moves (not counted in `info`).
        self.t.append_info(args);
    }

    /// A generated label at `at` holding an expert item whose whole message is `msg` (tshark's
    /// `icmp.no_resp`); the packet list keeps the item alone.
    pub fn generated_expert(&mut self, at: Anchor, def: &'static FieldDef, expert: &'static ExpertDef, msg: fmt::Arguments<'_>) {
        debug_assert!(is_row(def), "{} is not in analysis::ROWS", def.abbrev);
        let keep = !self.t.keeps_no_nodes();
        self.insert(at, |t| {
            if keep {
                let n = t.add_generated(def, 0, 0, Value::None);
                t.open(n);
            }
            t.expert_worded(expert, 0, 0, msg);
            if keep {
                t.close();
            }
        });
    }

    /// Text put before the Info column (a message's role: "RO Request: ").
    pub fn info_prefix(&mut self, info: Option<u32>, s: &'static str) {
        if info.is_some() {
            self.info_insert(0, format_args!("{s}"));
        }
    }

    fn info_insert(&mut self, at: u32, args: fmt::Arguments<'_>) {
        let at = at as usize;
        let before = self.t.d.cols.info.len();
        if at == before {
            self.t.append_info(args);
        } else if self.t.d.cols.info.is_char_boundary(at) {
            // Written to the (reused) text arena first, then moved in: no new String.
            let (start, len) = self.t.arena(args);
            let d = &mut *self.t.d;
            d.cols.info.insert_str(at, d.text.str_at(start as usize, len as usize));
        }
        self.info += (self.t.d.cols.info.len() - before) as u32;
    }
}
