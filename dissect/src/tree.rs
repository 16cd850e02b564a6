//! The per-frame field tree: a flat, pre-order list of nodes with depths.
//!
//! One [`Dissection`] is reused for every frame of a capture, so after the first few frames a
//! dissection allocates nothing: nodes, generated text and expert items all go into buffers that
//! are cleared, not freed. Children of a node are the nodes that follow it with a greater depth,
//! which is the order every output (text tree, JSON, hex highlight) walks anyway.

use crate::expert::{self, ExpertDef, ExpertItem};
use crate::field::{FieldDef, Kind, Value};
use crate::learned::Learned;
use crate::prefs::Prefs;
use std::fmt;

/// One decoded field.
#[derive(Debug, Clone, Copy)]
pub struct Node {
    pub def: &'static FieldDef,
    /// Offset of the field's first octet in the frame.
    pub offset: u32,
    /// Number of octets the field covers.
    pub len: u32,
    pub value: Value,
    pub depth: u16,
    /// Derived by mipscope rather than read from the wire (shown in brackets).
    pub generated: bool,
    /// Present for filters, fields and JSON, but not printed in the `-V` tree.
    pub hidden: bool,
    /// Text appended to the standard label (arena range).
    pub append: Option<(u32, u32)>,
    /// Index into [`Dissection::experts`] when this node is an expert item (32 bits: a frame
    /// may hold more than 65,535 expert items; the node stays 64 octets).
    pub expert: Option<u32>,
}

/// Columns of the one-line summary (Wireshark's packet list).
#[derive(Debug, Clone, Default)]
pub struct Columns {
    /// The address columns: an address, or `Value::None` for tshark's "N/A".
    pub src: Option<Value>,
    pub dst: Option<Value>,
    pub protocol: &'static str,
    pub info: String,
}

/// Everything mipscope knows about one frame.
#[derive(Debug, Default)]
pub struct Dissection {
    pub nodes: Vec<Node>,
    /// Arena for generated text (node appends, expert messages, generated strings).
    pub text: crate::format::Out,
    pub experts: Vec<ExpertItem>,
    pub cols: Columns,
    /// Protocol stack in order (`eth`, `ethertype`, `ipv6`, `mipv6`) for `frame.protocols`
    /// (not kept for the packet list, which has no node to show it).
    pub protocols: Vec<&'static str>,
    /// The innermost protocol so far (what an expert item added now belongs to).
    pub last_protocol: &'static str,
    /// Captured length and number, for outputs.
    pub frame_number: u64,
    pub cap_len: u32,
    pub wire_len: u32,
    /// Timestamp (seconds, nanoseconds) and time since the first frame (ns).
    pub ts: (i64, u32),
    pub rel_ns: i64,
    /// Time since the previous frame captured, and since the previous frame shown (ns): the
    /// same unless a display filter hid frames, and then the runner that filters sets it.
    pub delta_ns: i64,
    pub delta_shown_ns: i64,
    /// The time column's decimals ([`crate::frame::FrameMeta::ts_digits`]; `None`: 6).
    pub ts_digits: Option<u8>,
    /// The capture gives the frame no time ([`crate::frame::FrameMeta::untimed`]): the time
    /// column is empty.
    pub untimed: bool,
    /// What this frame teaches later ones (applied by [`CaptureState::learn`], never by the
    /// dissector itself).
    pub lessons: Vec<Lesson>,
    /// Whether this frame read the keys the capture taught (to verify an authenticator): if
    /// not, what earlier frames taught of keys cannot change it.
    pub read_keys: bool,
    /// What the parsers gathered for the analysis pass ([`crate::analysis`]): one record per
    /// Mobility Header and its options, reused across frames.
    pub facts: Box<crate::analysis::Facts>,
    /// The analysis pass's stand-in for `facts` while it reads them beside a mutable tree: two
    /// boxes swapped, so a frame moves two pointers instead of the lists' headers twice.
    pub(crate) facts_spare: Option<Box<crate::analysis::Facts>>,
    /// What request/response tracking said about this frame's messages (in the order of
    /// `facts.track`), for statistics after the frame.
    pub note: crate::analysis::track::Note,
    /// Depth stack of the builder, kept here so it is reused across frames.
    stack: Vec<u16>,
    /// The name (empty: "unknown") and description of the interface the frame was captured on,
    /// as the capture file gives them ([`Dissection::set_interface`], by the driver before the
    /// frame is dissected; not cleared between frames): what the frame subtree shows of a pcapng
    /// packet's interface.
    pub iface_name: String,
    pub iface_descr: Option<String>,
    /// The packet's comments in the capture file ([`Dissection::set_comments`], likewise).
    pub comments: Vec<String>,
    /// Set by a driver that filters frames it cannot take in order (two threads, `-2`): the
    /// frame shown before this one is not known when it is dissected, so the frame subtree
    /// leaves out "Time delta from previous displayed frame" rather than give a wrong one. A
    /// driver that filters in order gives it after the filter ([`Dissection::set_shown_delta`]).
    pub shown_unknown: bool,
    /// The name of the second data source ("Reassembled IPv6") when nodes point past the
    /// frame's octets into a reassembled payload that follows them.
    pub extra_tab: Option<&'static str>,
}

impl Dissection {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn clear(&mut self) {
        self.nodes.clear();
        self.text.clear();
        self.experts.clear();
        self.cols.src = None;
        self.cols.dst = None;
        self.cols.protocol = "";
        self.cols.info.clear();
        self.protocols.clear();
        self.last_protocol = "frame";
        self.lessons.clear();
        self.read_keys = false;
        self.facts.clear();
        self.stack.clear();
        self.extra_tab = None;
    }

    /// Names the interface of the next frames (`None`: one the capture does not describe, or
    /// a classic pcap file's), as [`crate::capture::Interface::shown_name`]. Copies only what
    /// changed, so a driver may call it for every frame.
    pub fn set_interface(&mut self, i: Option<&crate::capture::Interface>) {
        let (name, descr) = i.map_or(("", None), |i| (i.shown_name(), i.description.as_deref()));
        if self.iface_name != name {
            self.iface_name.clear();
            self.iface_name.push_str(name);
        }
        if self.iface_descr.as_deref() != descr {
            self.iface_descr = descr.map(str::to_owned);
        }
    }

    /// The time since the frame shown before this one (a filter's outcome, known after the
    /// frame is dissected): for `-t dd` and the frame subtree's displayed delta.
    pub fn set_shown_delta(&mut self, ns: i64) {
        self.delta_shown_ns = ns;
        // The frame subtree's node (after the packet's comments, however many).
        if let Some(n) = self.nodes.iter_mut().find(|n| std::ptr::eq(n.def, &crate::frame::TIME_DELTA_DISPLAYED)) {
            n.value = crate::field::Value::RelTime(ns);
        }
    }

    /// Gives the next frame's comments (copied into the strings already held).
    pub fn set_comments(&mut self, comments: &[String]) {
        if self.comments.as_slice() == comments {
            return;
        }
        self.comments.truncate(comments.len());
        for (i, c) in comments.iter().enumerate() {
            match self.comments.get_mut(i) {
                Some(s) => s.clone_from(c),
                None => self.comments.push(c.clone()),
            }
        }
    }

    /// The expert item the packet list shows after the Info column: the most severe warning or
    /// error, and of equally severe ones the first raised. Items are raised in the order of the
    /// octets and layers, so the first is the one nearest the cause (a misplaced Home Address
    /// option rather than what its Binding Update then lacks).
    pub fn headline_expert(&self) -> Option<&ExpertItem> {
        let mut best: Option<&ExpertItem> = None;
        for e in &self.experts {
            if e.def.severity >= crate::expert::Severity::Warn && best.is_none_or(|b| e.def.severity > b.def.severity) {
                best = Some(e);
            }
        }
        best
    }

    /// Text of an arena range.
    pub fn text_of(&self, r: (u32, u32)) -> &str {
        self.text.str_at(r.0 as usize, r.1 as usize)
    }

    /// Bytes of an arena range (UTF-8 text), for renderers that copy it without a check.
    #[inline]
    pub fn text_bytes(&self, r: (u32, u32)) -> &[u8] {
        self.text.bytes_at(r.0 as usize, r.1 as usize)
    }

    /// Highest severity among this frame's expert items.
    pub fn max_severity(&self) -> Option<expert::Severity> {
        self.experts.iter().map(|e| e.def.severity).max()
    }

    /// Indices of the direct children of node `i`.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let depth = self.nodes.get(i).map_or(0, |n| n.depth);
        self.nodes
            .get(i + 1..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |n| n.depth > depth)
            .enumerate()
            .filter(move |(_, n)| n.depth == depth + 1)
            .map(move |(k, _)| i + 1 + k)
    }

    /// First node with the given abbreviation.
    pub fn find(&self, abbrev: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.def.abbrev == abbrev)
    }

    /// Every node with the given abbreviation, in frame order.
    pub fn find_all<'s>(&'s self, abbrev: &'s str) -> impl Iterator<Item = &'s Node> + 's {
        self.nodes.iter().filter(move |n| n.def.abbrev == abbrev)
    }
}

/// A place in the tree as the parse left it at one moment: where the nodes and expert items
/// added then would have gone. The analysis pass adds its findings there
/// ([`Tree::insert_at`]), so they sit where a decoder would have put them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Anchor {
    /// Index in [`Dissection::nodes`] of the next node.
    pub node: u32,
    /// Index in [`Dissection::experts`] of the next expert item.
    pub expert: u32,
    /// Depth of the next node.
    pub depth: u16,
}

/// Where a layer ended up: lets the caller know if the next layer may run.
pub type Next = Option<(u8, usize)>;

/// Which nodes a dissection keeps. Wireshark builds no tree when only the packet list is
/// shown; mipscope does the same, so the summary and `-T fields` paths skip building labels
/// and nodes nobody will print. Expert items are always recorded in [`Dissection::experts`].
#[derive(Debug, Clone, Copy)]
pub enum Want<'w> {
    /// Every node with its label text (`-V`, JSON, the TUI details pane).
    Full,
    /// Only the summary columns and expert items.
    Columns,
    /// Only nodes of these rows: every member of the registry entries asked for
    /// (`registry::Entry::members`: the field's own rows, a profile's other layout, aliased rows).
    Fields(&'w [&'static FieldDef]),
}

/// The builder the dissectors write into: frame bytes, the dissection, preferences, and the
/// current subtree depth.
pub struct Tree<'a> {
    pub data: &'a [u8],
    pub d: &'a mut Dissection,
    pub prefs: &'a Prefs,
    depth: u16,
    /// How many network layers (tunnels) deep we are; bounded by the `ip.max_nesting` preference.
    pub nesting: u8,
    /// Inside the invoking packet of an ICMPv6 or ICMP error: a cut-off packet there is expected.
    pub in_error: bool,
    /// The note a cut inside that invoking packet raises (ICMPv6's unless an ICMPv4 error set
    /// its own).
    pub quote_cut: &'static ExpertDef,
    /// Facts about this packet that later layers need (set by the IPv6 layer).
    pub pkt: PacketState,
    /// Facts learned from earlier packets of the capture.
    /// What earlier frames taught (read only: a frame's lessons go to [`Dissection::lessons`]).
    pub state: &'a CaptureState,
    /// Which nodes to keep.
    pub want: Want<'a>,
    /// For [`Want::Fields`]: the union of [`FieldDef::bit`] over its rows, so that a row nobody
    /// asked for (nearly every row) is turned away without scanning the list. All ones (no
    /// row turned away) unless [`Tree::set_want`] computed it.
    want_bits: u64,
    /// Some layer's length ran past the bytes at hand (so checksums over it cannot be
    /// verified, and inner layers need not report the same cut again).
    pub cut: bool,
    /// What the reassembly pre-pass said about this frame (taken by the outermost IP layer).
    pub reasm: Option<&'a crate::reasm::Note>,
    /// The frame's octets followed by a reassembled payload (or just the frame's).
    pub all: &'a [u8],
    /// Only the parsers' facts are wanted ([`crate::track_facts`]): the Info column is not
    /// written (its text was a sixth of that look's cost), nothing reads it.
    pub facts_only: bool,
}

/// Per-packet facts gathered on the way up the stack.
#[derive(Debug, Clone, Copy, Default)]
pub struct PacketState {
    /// Source and destination of the innermost IPv6 header.
    pub ip6: Option<([u8; 16], [u8; 16])>,
    /// Source and destination of the innermost IP header of either version (the header
    /// that carries what is being decoded now).
    pub ip: Option<(std::net::IpAddr, std::net::IpAddr)>,
    /// The Home Address option's address, if the packet carries one.
    pub hao: Option<[u8; 16]>,
    /// The type 2 routing header's home address, if the packet carries one.
    pub rh2: Option<[u8; 16]>,
    /// Whether the innermost IPv6 header's chain has an Authentication Header (RFC 6275
    /// §11.7.1 lets a home registration protected by AH leave out its Alternate Care-of Address).
    pub ah: bool,
    /// Time to Live of the innermost IPv4 header and its frame offset (ICMP shows it; RFC 5944
    /// §2.1/§2.2 require 1 for agent advertisements and solicitations).
    pub ip4_ttl: Option<(u8, usize)>,
    /// Hop Limit of the innermost IPv6 header and the frame offset of that octet (Neighbor
    /// Discovery's receivers require 255, RFC 4861 §6.1, §7.1, §8.1).
    pub hlim: Option<(u8, usize)>,
    /// Addresses of the IP header around the innermost UDP datagram (what pairs a request
    /// carried over UDP with its response, [`crate::analysis::track`]).
    pub udp_ip: Option<crate::IpCtx>,
    /// The IPv6 header (frame offset, source, destination) whose payload is the IPv6 header
    /// about to be decoded (Next Header 41): route-optimised data tunnelled ([`crate::analysis::data`]).
    pub tunnel: Option<(usize, [u8; 16], [u8; 16])>,
}

/// Something a frame teaches about later frames, recorded by the dissector in its output
/// ([`Dissection::lessons`]) and applied by whoever drives the capture ([`CaptureState::learn`]):
/// the dissector reads the capture state and never writes it, so the state as of any frame
/// is the fold of the lessons before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lesson {
    /// A NEMO Binding Update (RFC 3963, R flag) named this mobile router's home address.
    MobileRouter([u8; 16]),
    /// ... and registered this Mobile Network Prefix (prefix, length).
    MobileNetworkPrefix([u8; 16], u8),
    /// A HoT or CoT gave a keygen token (RFC 6275 §5.2.5): what a later BU's Binding
    /// Authorization Data is verified with.
    Token(TokenLesson),
    /// A BU's authenticator verified with this Kbm: its BA (which names no nonces) is checked
    /// with it. Keyed by correspondent and care-of address.
    Kbm { cn: [u8; 16], care_of: [u8; 16], kbm: [u8; 20] },
    /// A seed 004 proxy BU from this care-of address to this correspondent was for this home
    /// address (the CGA its CGA Parameters generate): its proxy BA's permanent and handover
    /// tokens, and a later de-registration (which carries no CGA Parameters), are named by it.
    ProxyHome { cn: [u8; 16], care_of: [u8; 16], home: [u8; 16] },
    /// Seed 004: a Proxy HoTI from this home address to this correspondent (for this care-of
    /// address) in this frame, at this time (seconds), awaits its Proxy HoT.
    HomeTestSent { cn: [u8; 16], home: [u8; 16], care_of: [u8; 16], frame: u64, at_s: i64 },
    /// ... and the Proxy HoT from the correspondent to this home address answered it.
    HomeTestAnswered { cn: [u8; 16], home: [u8; 16] },
    /// Seed 004: an early proxy BU from this care-of address to this correspondent in this
    /// frame, at this time (seconds), awaits its PBA (§3.5: the complete proxy BU waits for it).
    EarlyProxyBuSent { cn: [u8; 16], care_of: [u8; 16], frame: u64, at_s: i64 },
    /// ... and a Binding Acknowledgement from the correspondent to this care-of address
    /// answered it.
    EarlyProxyBuAnswered { cn: [u8; 16], care_of: [u8; 16] },
    /// Seed 002 (draft-03 layout): this frame told the mobile node at `mn` to send `peer` no
    /// Binding Unique Identifier ([`McoaNoBid`]).
    McoaNoBid(McoaNoBid),
    /// ... and this Care-of Test from `peer` to `mn` carried BIDs: the correspondent supports
    /// MCoA after all (§5.2's lesson, [`McoaNoBidWhy::CotWithoutBid`], is lifted).
    McoaBidSupported { mn: [u8; 16], peer: [u8; 16] },
    /// Seed 003 §3.3.3: a registration request to a correspondent router claimed these
    /// Mobile Network Prefixes ([`HaaroClaim`]).
    HaaroClaim(HaaroClaim),
    /// Seed 003 §3.1.1: a home agent's reply to the correspondent router advertised a prefix
    /// behind a mobile router ([`HaaroAdvert`]).
    HaaroAdvert(HaaroAdvert),
    /// Seed 002 (draft-03 layout) §6.3: `peer` accepted a registration (`live`) or a
    /// de-registration (not `live`) of this BID of the mobile node whose home address is `mn`
    /// ([`McoaBinding`]).
    McoaBinding(McoaBinding),
    /// ... or accepted a binding without a BID, or a de-registration without one: every BID
    /// binding it had for `mn` is gone (§6.3).
    McoaBindingsGone { mn: [u8; 16], peer: [u8; 16], frame: u64 },
    /// Seed 000 §4.1.2, §4.1.3: a mobile router handed out this VCoA (an RO Acknowledgement, a
    /// BRR with H).
    Vcoa([u8; 16]),
    /// Seed 000 §5.3: an RO Request registered this visiting node's care-of address (VMN_CoA)
    /// for its home address with a mobile router (its Route Optimization Cache entry).
    RoCache { hoa: [u8; 16], coa: [u8; 16] },
}

impl Lesson {
    /// The table of keys the lesson changes; `None` for what every frame may read (roles:
    /// mobile routers, their prefixes, VCoAs, the RO cache), versioned as a whole.
    pub fn key_table(&self) -> Option<KeyTable> {
        Some(match self {
            Lesson::Token(_) => KeyTable::Tokens,
            Lesson::Kbm { .. } => KeyTable::Kbms,
            Lesson::ProxyHome { .. } => KeyTable::ProxyHomes,
            Lesson::HomeTestSent { .. } | Lesson::HomeTestAnswered { .. } => KeyTable::HomeTests,
            Lesson::EarlyProxyBuSent { .. } | Lesson::EarlyProxyBuAnswered { .. } => KeyTable::EarlyProxyBus,
            Lesson::McoaNoBid(_) | Lesson::McoaBidSupported { .. } => KeyTable::McoaNoBid,
            Lesson::HaaroClaim(_) => KeyTable::HaaroClaims,
            Lesson::HaaroAdvert(_) => KeyTable::HaaroAdverts,
            Lesson::McoaBinding(_) | Lesson::McoaBindingsGone { .. } => KeyTable::McoaBindings,
            Lesson::MobileRouter(_) | Lesson::MobileNetworkPrefix(..) | Lesson::Vcoa(_) | Lesson::RoCache { .. } => return None,
        })
    }
}

/// A seed 003 registration request from the mobile router whose home address is `mr` to the
/// correspondent router at `cr` (its address as the token tables key it), in frame `frame`,
/// claiming the first `n` of `prefixes` (Mobile Network Request extensions: prefix, length);
/// more than [`HaaroClaim::MAX`] are not kept, so not judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HaaroClaim {
    pub cr: [u8; 16],
    pub mr: [u8; 4],
    pub prefixes: [([u8; 4], u8); HaaroClaim::MAX],
    pub n: u8,
    pub frame: u64,
}

impl HaaroClaim {
    pub const MAX: usize = 4;
}

/// A seed 003 prefix advertisement (§4.1) a home agent's reply to the correspondent router
/// whose home address is `cr` (mapped, as the token tables key it) carried in frame `frame`:
/// `prefix` (prefix, length) behind the mobile router whose home address is `mr`, `None` for a
/// host route only (H).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HaaroAdvert {
    pub cr: [u8; 16],
    pub mr: [u8; 4],
    pub prefix: Option<([u8; 4], u8)>,
    pub frame: u64,
}

/// A seed 002 lesson: what the BA in frame `frame` said `peer` holds of the mobile node `mn`'s
/// binding `bid`: registered (`live`) or deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct McoaBinding {
    pub mn: [u8; 16],
    pub peer: [u8; 16],
    pub bid: u16,
    pub live: bool,
    pub frame: u64,
}

/// Why a mobile node must send a peer no Binding Unique Identifier (seed 002).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum McoaNoBidWhy {
    /// §5.2: a Care-of Test without a BID answered a CoTI with one (the correspondent does not
    /// support MCoA); `mn` is the care-of address the test was sent to.
    CotWithoutBid,
    /// §5.8: a Binding Acknowledgement said MCOA PROHIBITED; `mn` is the home address (the
    /// type 2 routing header's, else the destination).
    Prohibited,
}

/// A seed 002 lesson: from frame `frame` on, the mobile node at `mn` sends `peer` BUs without
/// a Binding Unique Identifier, for the reason `why`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct McoaNoBid {
    pub mn: [u8; 16],
    pub peer: [u8; 16],
    pub why: McoaNoBidWhy,
    pub frame: u64,
}

/// A seed 004 early proxy BU awaiting its PBA ([`Lesson::EarlyProxyBuSent`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenEarlyProxyBu {
    pub cn: [u8; 16],
    pub care_of: [u8; 16],
    /// The early proxy BU's frame number and time (seconds).
    pub frame: u64,
    pub at_s: i64,
}

/// A seed 004 proxy home test awaiting its answer ([`Lesson::HomeTestSent`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenHomeTest {
    pub cn: [u8; 16],
    pub home: [u8; 16],
    pub care_of: [u8; 16],
    /// The Proxy HoTI's frame number and time (seconds).
    pub frame: u64,
    pub at_s: i64,
}

/// A keygen token and what names it: the correspondent that sent it, the address it was sent
/// to (home or care-of) and the nonce index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenLesson {
    pub kind: crate::crypto::keys::TokenKind,
    pub cn: [u8; 16],
    pub addr: [u8; 16],
    pub index: u16,
    pub token: [u8; 8],
}

/// Two addresses naming a learned entry (a correspondent and a care-of or home address).
pub type Pair = ([u8; 16], [u8; 16]);

/// What names a keygen token: its kind, correspondent, address and nonce index.
pub type TokenName = (crate::crypto::keys::TokenKind, [u8; 16], [u8; 16], u16);

/// A [`Pair`] and what was learned under it (a Kbm, a home address).
pub type Triple<const N: usize> = ([u8; 16], [u8; 16], [u8; N]);

/// What names a seed 003 advertisement: the correspondent router, the mobile router, the
/// prefix and its length (none for a host route).
pub type AdvertName = ([u8; 16], [u8; 4], Option<([u8; 4], u8)>);

/// What mipscope learns across the packets of one capture (never across captures). Bounded:
/// past [`CaptureState::LIMIT`] entries of a kind the oldest is forgotten, so memory stays flat
/// whatever the capture.
#[derive(Debug, Clone, Default)]
pub struct CaptureState {
    /// Mobile-router home addresses learned from NEMO Binding Updates (R flag), oldest first.
    pub mr_addresses: std::collections::VecDeque<[u8; 16]>,
    /// Mobile Network Prefixes those routers registered, oldest first.
    pub mr_prefixes: std::collections::VecDeque<([u8; 16], u8)>,
    /// Keygen tokens seen in HoT/CoT messages, oldest first (one per name: a newer token
    /// under the same kind, correspondent, address and index replaces the older).
    tokens: Learned<TokenName, TokenLesson>,
    /// Kbm of verified BUs (correspondent, care-of address, Kbm), oldest first, one per
    /// correspondent and care-of address.
    kbms: Learned<Pair, Triple<20>>,
    /// Home addresses of seed 004 proxy BUs (correspondent, care-of address, home address),
    /// oldest first, one per correspondent and care-of address.
    proxy_homes: Learned<Pair, Triple<16>>,
    /// Seed 004 proxy home tests not answered yet, oldest first, one per correspondent and home
    /// address.
    home_tests: Learned<Pair, OpenHomeTest>,
    /// Seed 004 early proxy BUs not answered yet, oldest first, one per correspondent and
    /// care-of address.
    early_proxy_bus: Learned<Pair, OpenEarlyProxyBu>,
    /// Seed 002: mobile nodes told to send a peer no BID (one per mobile node, peer and
    /// reason), oldest first.
    mcoa_no_bid: std::collections::VecDeque<McoaNoBid>,
    /// Seed 003: registrations to correspondent routers and the prefixes they claimed (one per
    /// router and mobile router), oldest first.
    haaro_claims: Learned<([u8; 16], [u8; 4]), HaaroClaim>,
    /// Seed 003: prefixes home agents advertised to correspondent routers (one per router,
    /// mobile router and prefix, the frame the last advertisement), oldest first.
    haaro_adverts: Learned<AdvertName, HaaroAdvert>,
    /// Seed 002: the BID bindings peers accepted or deleted (one per mobile node, peer and
    /// BID), oldest first.
    mcoa_bindings: Learned<([u8; 16], [u8; 16], u16), McoaBinding>,
    /// Seed 000: VCoAs mobile routers handed out, oldest first.
    pub vcoas: std::collections::VecDeque<[u8; 16]>,
    /// Seed 000: the care-of addresses (VMN_CoA) RO Requests registered, by home address
    /// (home address, care-of address), oldest first.
    pub ro_cache: Learned<[u8; 16], ([u8; 16], [u8; 16])>,
    /// How many lessons changed what every frame may read (the mobile routers, the VCoAs they
    /// hand out) so far.
    changes: u64,
    /// How many changed the keys (tokens, Kbm), which only frames verifying an authenticator
    /// read ([`Dissection::read_keys`]).
    key_changes: u64,
    /// The same, by table ([`KeyTable`]).
    table_changes: [u64; KeyTable::COUNT],
    /// The look-ups of keys made of this state, when a pipeline asks ([`CaptureState::log_reads`]).
    reads: ReadLog,
}

/// One table of keys ([`CaptureState`]): what a look-up read, and what a lesson changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyTable {
    Tokens,
    Kbms,
    ProxyHomes,
    HomeTests,
    EarlyProxyBus,
    McoaNoBid,
    HaaroClaims,
    HaaroAdverts,
    McoaBindings,
}

impl KeyTable {
    pub const COUNT: usize = 9;
}

/// A look-up of what earlier frames taught of keys, as a frame made it: a batch dissected
/// before the batches ahead of it were written is kept when each of its look-ups finds the same
/// in what a single pass would have had ([`CaptureState::agrees`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRead {
    /// A keygen token by name, and what was found.
    Token(TokenName, Option<[u8; 8]>),
    /// A Kbm by correspondent and care-of address, and what was found.
    Kbm(Pair, Option<[u8; 20]>),
    /// A proxy BU's home address by correspondent and care-of address, and what was found.
    ProxyHome(Pair, Option<[u8; 16]>),
    /// A search of a whole table (or a look-up in a table seldom read): found the same when
    /// nothing changed the table.
    Table(KeyTable),
}

/// Whether a state's look-ups of keys are kept ([`KeyRead`]). They are kept in the thread's
/// [`READS`]: look-ups take the state shared (`&self`, as the dissector reads it), and a state
/// that logs is dissected with and asked for its look-ups on one thread (a lock around a log in
/// the state cost ~1.5 % of the return-routability packet list).
#[derive(Debug, Default)]
struct ReadLog {
    on: bool,
}

thread_local! {
    /// The look-ups a state that logs made on this thread since they were last taken.
    static READS: std::cell::RefCell<Vec<KeyRead>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl ReadLog {
    const fn new() -> Self {
        ReadLog { on: false }
    }

    #[inline]
    fn log(&self, r: KeyRead) {
        if self.on {
            READS.with_borrow_mut(|reads| reads.push(r));
        }
    }
}

/// A copy logs nothing: each copy of a state says whether its look-ups count.
impl Clone for ReadLog {
    fn clone(&self) -> Self {
        ReadLog::new()
    }
}

impl CaptureState {
    /// Most entries kept of each kind (a lab capture has a handful of mobile routers).
    pub const LIMIT: usize = 1024;

    /// A capture's state before any frame taught anything (as `Default`, usable in a static).
    pub const fn new() -> Self {
        use std::collections::VecDeque;
        Self {
            mr_addresses: VecDeque::new(),
            mr_prefixes: VecDeque::new(),
            tokens: Learned::new(),
            kbms: Learned::new(),
            proxy_homes: Learned::new(),
            home_tests: Learned::new(),
            early_proxy_bus: Learned::new(),
            mcoa_no_bid: VecDeque::new(),
            haaro_claims: Learned::new(),
            haaro_adverts: Learned::new(),
            mcoa_bindings: Learned::new(),
            vcoas: VecDeque::new(),
            ro_cache: Learned::new(),
            changes: 0,
            key_changes: 0,
            table_changes: [0; KeyTable::COUNT],
            reads: ReadLog::new(),
        }
    }

    /// Identifies the state within one capture: it counts the changes, so two states reached
    /// along the same capture are equal when they have the same version. The parallel reader
    /// uses this to tell whether a batch was dissected with what the frames before it taught.
    pub fn version(&self) -> u64 {
        self.changes
    }

    /// The version of the keys alone: a frame that did not read them
    /// ([`Dissection::read_keys`]) dissects the same whatever it is.
    pub fn key_version(&self) -> u64 {
        self.key_changes
    }

    /// Applies what frame `d` taught; returns whether anything changed.
    #[inline]
    pub fn learn(&mut self, d: &Dissection) -> bool {
        // Most frames teach nothing: no call for them.
        !d.lessons.is_empty() && self.learn_all(&d.lessons)
    }

    /// Applies lessons in order; returns whether anything changed.
    pub fn learn_all(&mut self, lessons: &[Lesson]) -> bool {
        let (before, keys_before) = (self.changes, self.key_changes);
        for l in lessons {
            let keys = self.key_changes;
            self.learn_one(l);
            if self.key_changes != keys {
                if let Some(t) = l.key_table() {
                    self.table_changes[t as usize] += self.key_changes - keys;
                }
            }
        }
        self.changes != before || self.key_changes != keys_before
    }

    /// Applies the lessons of keys alone (not roles): what a batch learns of the frames before
    /// it, dissected for their keys only, keeping its roles' version that of the state it
    /// started from ([`crate::pipeline`]).
    pub fn learn_keys(&mut self, lessons: &[Lesson]) {
        for l in lessons.iter().filter(|l| l.key_table().is_some()) {
            self.learn_all(std::slice::from_ref(l));
        }
    }

    fn learn_one(&mut self, l: &Lesson) {
        {
            match *l {
                Lesson::MobileRouter(a) => Self::remember(&mut self.mr_addresses, a, &mut self.changes),
                Lesson::MobileNetworkPrefix(p, n) => Self::remember(&mut self.mr_prefixes, (p, n), &mut self.changes),
                Lesson::Token(t) => Self::replace(&mut self.tokens, (t.kind, t.cn, t.addr, t.index), t, &mut self.key_changes),
                Lesson::Kbm { cn, care_of, kbm } => {
                    Self::replace(&mut self.kbms, (cn, care_of), (cn, care_of, kbm), &mut self.key_changes)
                }
                Lesson::HomeTestSent { cn, home, care_of, frame, at_s } => Self::replace(
                    &mut self.home_tests,
                    (cn, home),
                    OpenHomeTest { cn, home, care_of, frame, at_s },
                    &mut self.key_changes,
                ),
                Lesson::HomeTestAnswered { cn, home } => {
                    if self.home_tests.remove(&(cn, home)).is_some() {
                        self.key_changes += 1;
                    }
                }
                Lesson::EarlyProxyBuSent { cn, care_of, frame, at_s } => Self::replace(
                    &mut self.early_proxy_bus,
                    (cn, care_of),
                    OpenEarlyProxyBu { cn, care_of, frame, at_s },
                    &mut self.key_changes,
                ),
                Lesson::EarlyProxyBuAnswered { cn, care_of } => {
                    if self.early_proxy_bus.remove(&(cn, care_of)).is_some() {
                        self.key_changes += 1;
                    }
                }
                // The first frame that taught it stays (a repeat changes nothing).
                Lesson::McoaNoBid(l) if self.find_mcoa_no_bid(&l.mn, &l.peer, l.why).is_none() => {
                    Self::remember(&mut self.mcoa_no_bid, l, &mut self.key_changes)
                }
                Lesson::McoaNoBid(_) => {}
                Lesson::McoaBidSupported { mn, peer } => {
                    let cot = |o: &McoaNoBid| o.mn == mn && o.peer == peer && o.why == McoaNoBidWhy::CotWithoutBid;
                    if let Some(i) = self.mcoa_no_bid.iter().position(cot) {
                        self.mcoa_no_bid.remove(i);
                        self.key_changes += 1;
                    }
                }
                Lesson::HaaroClaim(c) => Self::replace(&mut self.haaro_claims, (c.cr, c.mr), c, &mut self.key_changes),
                Lesson::HaaroAdvert(a) => {
                    Self::replace(&mut self.haaro_adverts, (a.cr, a.mr, a.prefix), a, &mut self.key_changes)
                }
                Lesson::McoaBinding(l) => Self::replace(&mut self.mcoa_bindings, (l.mn, l.peer, l.bid), l, &mut self.key_changes),
                Lesson::McoaBindingsGone { mn, peer, frame } => {
                    for o in self.mcoa_bindings.values_mut().filter(|o| o.mn == mn && o.peer == peer && o.live) {
                        (o.live, o.frame) = (false, frame);
                        self.key_changes += 1;
                    }
                }
                // Rare (a mobile router hands out a few) and read by data frames, which would otherwise
                // all read keys: versioned as the roles are.
                Lesson::Vcoa(a) => Self::remember(&mut self.vcoas, a, &mut self.changes),
                Lesson::RoCache { hoa, coa } => Self::replace(&mut self.ro_cache, hoa, (hoa, coa), &mut self.changes),
                Lesson::ProxyHome { cn, care_of, home } => {
                    Self::replace(&mut self.proxy_homes, (cn, care_of), (cn, care_of, home), &mut self.key_changes)
                }
            }
        }
    }

    fn remember<T: PartialEq>(list: &mut std::collections::VecDeque<T>, v: T, changes: &mut u64) {
        if list.contains(&v) {
            return;
        }
        if list.len() >= Self::LIMIT {
            list.pop_front();
        }
        list.push_back(v);
        *changes += 1;
    }

    /// Like [`Self::remember`], but an entry with the same name is replaced (moved to the
    /// newest place) rather than kept beside the new one; nothing changes when it is equal.
    fn replace<K: std::hash::Hash + Eq + Copy, T: PartialEq>(list: &mut Learned<K, T>, name: K, v: T, changes: &mut u64) {
        if list.replace(name, v, Self::LIMIT) {
            *changes += 1;
        }
    }

    /// The keygen token learned for (`kind`, correspondent, address, nonce index).
    pub fn token(&self, kind: crate::crypto::keys::TokenKind, cn: &[u8; 16], addr: &[u8; 16], index: u16) -> Option<[u8; 8]> {
        let name = (kind, *cn, *addr, index);
        let found = self.tokens.get(&name).map(|t| t.token);
        self.reads.log(KeyRead::Token(name, found));
        found
    }

    /// The proxy home test to `cn` still awaiting its answer at `now_s` (seconds) for the
    /// mobile node with home address `home` (when known) or served at `care_of`; one older than
    /// [`crate::analysis::track::TIMEOUT_NS`] is taken as lost, not open.
    pub fn open_home_test(&self, cn: &[u8; 16], home: Option<&[u8; 16]>, care_of: &[u8; 16], now_s: i64) -> Option<OpenHomeTest> {
        self.reads.log(KeyRead::Table(KeyTable::HomeTests));
        let timeout = crate::analysis::track::TIMEOUT_NS / 1_000_000_000;
        let open = |o: &&OpenHomeTest| (0..=timeout).contains(&now_s.saturating_sub(o.at_s));
        match home {
            // One test per correspondent and home address.
            Some(h) => self.home_tests.get(&(*cn, *h)).filter(open).copied(),
            None => self.home_tests.iter().rev().filter(|o| &o.cn == cn && &o.care_of == care_of).find(open).copied(),
        }
    }

    /// The early proxy BU from `care_of` to `cn` still awaiting its PBA at `now_s` (seconds);
    /// one older than [`crate::analysis::track::TIMEOUT_NS`] is taken as lost, not open.
    pub fn open_early_proxy_bu(&self, cn: &[u8; 16], care_of: &[u8; 16], now_s: i64) -> Option<OpenEarlyProxyBu> {
        self.reads.log(KeyRead::Table(KeyTable::EarlyProxyBus));
        let timeout = crate::analysis::track::TIMEOUT_NS / 1_000_000_000;
        self.early_proxy_bus.get(&(*cn, *care_of)).filter(|o| (0..=timeout).contains(&now_s.saturating_sub(o.at_s))).copied()
    }

    /// Seed 002: the lesson telling the mobile node at `mn` (care-of address for
    /// [`McoaNoBidWhy::CotWithoutBid`], home address for [`McoaNoBidWhy::Prohibited`]) to send
    /// `peer` no BID, if one was taught.
    pub fn mcoa_no_bid(&self, mn: &[u8; 16], peer: &[u8; 16], why: McoaNoBidWhy) -> Option<McoaNoBid> {
        self.reads.log(KeyRead::Table(KeyTable::McoaNoBid));
        self.find_mcoa_no_bid(mn, peer, why)
    }

    /// [`Self::mcoa_no_bid`] for learning: not a frame's look-up, so not logged.
    fn find_mcoa_no_bid(&self, mn: &[u8; 16], peer: &[u8; 16], why: McoaNoBidWhy) -> Option<McoaNoBid> {
        self.mcoa_no_bid.iter().rev().copied().find(|o| &o.mn == mn && &o.peer == peer && o.why == why)
    }

    /// Seed 002: what `peer` was last seen to hold of the binding `bid` of the mobile node whose
    /// home address is `mn`.
    pub fn mcoa_binding(&self, mn: &[u8; 16], peer: &[u8; 16], bid: u16) -> Option<McoaBinding> {
        self.reads.log(KeyRead::Table(KeyTable::McoaBindings));
        self.mcoa_bindings.get(&(*mn, *peer, bid)).copied()
    }

    /// Seed 002: a binding with a BID that `peer` holds for the mobile node `mn`, if one was seen
    /// accepted and not deleted since.
    pub fn mcoa_live_binding(&self, mn: &[u8; 16], peer: &[u8; 16]) -> Option<McoaBinding> {
        self.reads.log(KeyRead::Table(KeyTable::McoaBindings));
        self.mcoa_bindings.iter().rev().copied().find(|o| &o.mn == mn && &o.peer == peer && o.live)
    }

    /// Seed 000: the care-of address (VMN_CoA) the last RO Request for home address `hoa`
    /// registered.
    pub fn ro_coa(&self, hoa: &[u8; 16]) -> Option<[u8; 16]> {
        self.ro_cache.get(hoa).map(|o| o.1)
    }

    /// Seed 000: whether a mobile router handed out `a` as a VCoA.
    pub fn is_vcoa(&self, a: &[u8; 16]) -> bool {
        self.vcoas.contains(a)
    }

    /// The home address of the last seed 004 proxy BU from `care_of` to `cn`.
    pub fn proxy_home(&self, cn: &[u8; 16], care_of: &[u8; 16]) -> Option<[u8; 16]> {
        let name = (*cn, *care_of);
        let found = self.proxy_homes.get(&name).map(|k| k.2);
        self.reads.log(KeyRead::ProxyHome(name, found));
        found
    }

    /// Whether `cn` sent a Care-of Test (keygen token) to `addr` (any nonce index): seed 003's
    /// correspondent router tested this care-of address.
    pub fn care_of_tested(&self, cn: &[u8; 16], addr: &[u8; 16]) -> bool {
        self.reads.log(KeyRead::Table(KeyTable::Tokens));
        self.tokens.iter().any(|t| t.kind == crate::crypto::keys::TokenKind::CareOf && &t.cn == cn && &t.addr == addr)
    }

    /// Seed 003 §4.5, §4.6: the nonce indices `cn`'s tests of `kind` gave to any of `addrs`:
    /// `None` when the capture showed no such test, else whether one gave `index` and the
    /// index the last one gave.
    pub fn test_index(
        &self,
        kind: crate::crypto::keys::TokenKind,
        cn: &[u8; 16],
        addrs: &[[u8; 16]],
        index: u16,
    ) -> Option<(bool, u16)> {
        self.reads.log(KeyRead::Table(KeyTable::Tokens));
        let mut tests = self.tokens.iter().rev().filter(|t| t.kind == kind && &t.cn == cn && addrs.contains(&t.addr));
        let last = tests.next()?;
        let given = last.index == index || tests.any(|t| t.index == index);
        Some((given, last.index))
    }

    /// Seed 003: the prefixes the registration from mobile router `mr` to correspondent router
    /// `cr` claimed, if one was seen.
    pub fn haaro_claim(&self, cr: &[u8; 16], mr: &[u8; 4]) -> Option<HaaroClaim> {
        self.reads.log(KeyRead::Table(KeyTable::HaaroClaims));
        self.haaro_claims.get(&(*cr, *mr)).copied()
    }

    /// Seed 003: the prefixes home agents advertised to `cr` behind `mr` in frames after `after`.
    pub fn haaro_adverts_after(&self, cr: &[u8; 16], mr: &[u8; 4], after: u64) -> impl Iterator<Item = &HaaroAdvert> + '_ {
        self.reads.log(KeyRead::Table(KeyTable::HaaroAdverts));
        let (cr, mr) = (*cr, *mr);
        self.haaro_adverts.iter().filter(move |a| a.cr == cr && a.mr == mr && a.frame > after)
    }

    /// The Kbm of the binding last verified between `cn` and `care_of`.
    pub fn kbm(&self, cn: &[u8; 16], care_of: &[u8; 16]) -> Option<[u8; 20]> {
        let name = (*cn, *care_of);
        let found = self.kbms.get(&name).map(|k| k.2);
        self.reads.log(KeyRead::Kbm(name, found));
        found
    }

    /// Every keygen token learned, oldest first (a search: read as the whole table).
    pub fn tokens(&self) -> impl DoubleEndedIterator<Item = &TokenLesson> + '_ {
        self.reads.log(KeyRead::Table(KeyTable::Tokens));
        self.tokens.iter()
    }

    /// Every seed 004 proxy binding learned (correspondent, care-of address, home address),
    /// oldest first (a search: read as the whole table).
    pub fn proxy_bindings(&self) -> impl DoubleEndedIterator<Item = &Triple<16>> + '_ {
        self.reads.log(KeyRead::Table(KeyTable::ProxyHomes));
        self.proxy_homes.iter()
    }

    /// Starts (or stops) keeping the look-ups of keys made of this state ([`KeyRead`]) on this
    /// thread, the only one that may then dissect with it and take them ([`Self::take_reads`]);
    /// look-ups kept and not taken (a batch that panicked) are dropped.
    pub fn log_reads(&mut self, on: bool) {
        self.reads.on = on;
        READS.with_borrow_mut(Vec::clear);
    }

    /// Moves the look-ups kept on this thread since the last call to `out`, each with `frame`.
    #[inline]
    pub fn take_reads(&mut self, frame: u32, out: &mut Vec<(u32, KeyRead)>) {
        if self.reads.on {
            READS.with_borrow_mut(|reads| out.extend(reads.drain(..).map(|r| (frame, r))));
        }
    }

    /// How many lessons changed each table of keys so far ([`KeyTable`]).
    pub fn table_changes(&self) -> [u64; KeyTable::COUNT] {
        self.table_changes
    }

    /// Whether a batch's look-ups of keys (`reads`, each with its frame's index in the batch,
    /// in order) would each have found the same had the batch been dissected from this state
    /// (the one a single pass has before the batch), its own lessons (`lessons`, with `frames`
    /// their frames' indices) taught frame by frame. `base` are the table counts of the state
    /// it was dissected from and `start` the same after what it learned of earlier frames
    /// before its own (both of the same history as this one, which counts only up).
    ///
    /// A token, Kbm or proxy home address is looked up here by name: what the batch taught it
    /// before the look-up, else what this state holds, unless the batch taught so many entries
    /// of the table that this one might have been pushed out (then it does not agree). A search
    /// of a table agrees when nothing changed the table between the two states.
    pub fn agrees(
        &self,
        reads: &[(u32, KeyRead)],
        lessons: &[Lesson],
        frames: &[u32],
        base: &[u64; KeyTable::COUNT],
        start: &[u64; KeyTable::COUNT],
    ) -> bool {
        use std::collections::HashMap;
        type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
        if reads.is_empty() {
            return true;
        }
        let mut taught = [0usize; KeyTable::COUNT];
        for l in lessons {
            if let Some(t) = l.key_table() {
                taught[t as usize] += 1;
            }
        }
        // An entry the batch taught is pushed out only by LIMIT taught after it.
        if taught.iter().any(|n| *n >= Self::LIMIT) {
            return false;
        }
        let mut tokens: Map<TokenName, [u8; 8]> = Map::default();
        let mut kbms: Map<Pair, [u8; 20]> = Map::default();
        let mut homes: Map<Pair, [u8; 16]> = Map::default();
        // What this state holds, as long as the batch's lessons cannot have pushed it out.
        fn held<K: std::hash::Hash + Eq + Copy, T: PartialEq, V>(
            table: &Learned<K, T>,
            name: &K,
            taught: usize,
            value: impl Fn(&T) -> V,
        ) -> Result<Option<V>, ()> {
            match table.get(name) {
                None => Ok(None),
                Some(v) if table.len() + taught <= CaptureState::LIMIT => Ok(Some(value(v))),
                Some(v) => match table.older_at_least(name) {
                    Some(n) if n >= taught => Ok(Some(value(v))),
                    _ => Err(()),
                },
            }
        }
        let mut next = lessons.iter().zip(frames).peekable();
        for &(frame, read) in reads {
            while let Some((l, _)) = next.next_if(|(_, f)| **f < frame) {
                match *l {
                    Lesson::Token(t) => {
                        tokens.insert((t.kind, t.cn, t.addr, t.index), t.token);
                    }
                    Lesson::Kbm { cn, care_of, kbm } => {
                        kbms.insert((cn, care_of), kbm);
                    }
                    Lesson::ProxyHome { cn, care_of, home } => {
                        homes.insert((cn, care_of), home);
                    }
                    _ => {}
                }
            }
            let same = match read {
                KeyRead::Token(name, found) => match tokens.get(&name) {
                    Some(t) => found == Some(*t),
                    None => held(&self.tokens, &name, taught[KeyTable::Tokens as usize], |t| t.token) == Ok(found),
                },
                KeyRead::Kbm(name, found) => match kbms.get(&name) {
                    Some(k) => found == Some(*k),
                    None => held(&self.kbms, &name, taught[KeyTable::Kbms as usize], |k| k.2) == Ok(found),
                },
                KeyRead::ProxyHome(name, found) => match homes.get(&name) {
                    Some(h) => found == Some(*h),
                    None => held(&self.proxy_homes, &name, taught[KeyTable::ProxyHomes as usize], |k| k.2) == Ok(found),
                },
                KeyRead::Table(t) => {
                    let t = t as usize;
                    base[t] == start[t] && self.table_changes[t] == base[t]
                }
            };
            if !same {
                return false;
            }
        }
        true
    }

    /// Whether `mr` acts as the mobile router of the visiting node whose care-of address is
    /// `vmn_coa` (seed 000 §5.3: a visiting node inside the mobile network, its care-of
    /// address in the Mobile Network Prefix, asks its mobile router). True when `mr` is a
    /// configured or learned mobile-router address and `vmn_coa` lies inside a learned Mobile
    /// Network Prefix (any, when none is learned), or when `mr` and `vmn_coa` both lie inside
    /// one learned Mobile Network Prefix. An address inside a prefix is not a mobile router by
    /// itself: a correspondent inside the mobile network talking to a node outside it is not.
    pub fn is_mobile_router_for(&self, prefs: &Prefs, mr: &[u8; 16], vmn_coa: &[u8; 16]) -> bool {
        // Nearly every capture knows no mobile router: three length tests then, instead of the
        // searches' set-up (the deques' two slices each; ~50 instructions a call, and the NEMO
        // analysis asks for every CoTI, CoT, BU and BA).
        if prefs.nemo_mr_addresses.is_empty() && self.mr_addresses.is_empty() && self.mr_prefixes.is_empty() {
            return false;
        }
        if prefs.nemo_mr_addresses.contains(mr) || self.mr_addresses.contains(mr) {
            // A known mobile router's peer is a node of its network only when its care-of
            // address lies in a learned Mobile Network Prefix: a mobile node outside the
            // network registering with the router as its correspondent sends a plain RFC 6275
            // BU. With no prefix learned (a router named by `nemo.mr_addresses` whose
            // registrations are not in the capture, or implicit mode) its word is taken.
            return self.mr_prefixes.is_empty() || self.mr_prefixes.iter().any(|(p, l)| *l > 0 && prefix_match(p, *l, vmn_coa));
        }
        // Both addresses inside one prefix means they share its first `len` bits: a prefix
        // longer than what they share is passed over with one comparison (this runs for every
        // BU and BA the NEMO analysis checks, against every learned prefix, and a mobile
        // router's address and a visiting node's care-of address rarely share much).
        let shared = (u128::from_be_bytes(*mr) ^ u128::from_be_bytes(*vmn_coa)).leading_zeros();
        self.mr_prefixes.iter().any(|(p, l)| *l > 0 && u32::from((*l).min(128)) <= shared && prefix_match(p, *l, mr))
    }
}

/// Whether `def` is one of `list` (its bit already found in the mask of `list`'s rows).
#[inline(never)]
fn kept(list: &[&'static FieldDef], def: &'static FieldDef) -> bool {
    list.iter().any(|f| std::ptr::eq(*f, def))
}

fn prefix_match(p: &[u8; 16], len: u8, a: &[u8; 16]) -> bool {
    // One 128-bit comparison under the mask (this runs for every BU and BA the NEMO analysis
    // checks, against every learned prefix).
    let mask = u128::MAX.checked_shl(128 - u32::from(len.min(128))).unwrap_or(0);
    (u128::from_be_bytes(*p) ^ u128::from_be_bytes(*a)) & mask == 0
}

impl<'a> Tree<'a> {
    pub fn new(data: &'a [u8], d: &'a mut Dissection, prefs: &'a Prefs, state: &'a CaptureState) -> Self {
        Tree {
            data,
            d,
            prefs,
            depth: 0,
            nesting: 0,
            in_error: false,
            quote_cut: &expert::INVOKING_TRUNCATED,
            pkt: PacketState::default(),
            state,
            want: Want::Full,
            want_bits: u64::MAX,
            cut: false,
            reasm: None,
            all: data,
            facts_only: false,
        }
    }

    /// Sets which nodes to keep.
    pub fn set_want(&mut self, want: Want<'a>) {
        self.want = want;
        self.want_bits = match want {
            Want::Fields(list) => list.iter().fold(0, |b, f| b | f.bit_mask()),
            _ => u64::MAX,
        };
    }

    /// Whether nodes of `def` are kept.
    #[inline(always)]
    fn keep(&self, def: &'static FieldDef) -> bool {
        match self.want {
            Want::Full => true,
            Want::Columns => false,
            // The row's bit first (a load and a test), the list out of line.
            Want::Fields(list) => self.want_bits & def.bit_mask() != 0 && kept(list, def),
        }
    }

    /// Whether a node of `def` may be kept: false only for a row a filter's or `-T fields`'
    /// rows surely do not include (the bit test alone; [`Tree::add`] decides).
    #[inline(always)]
    pub fn may_keep(&self, def: &'static FieldDef) -> bool {
        self.want_bits & def.bit_mask() != 0
    }

    /// Whether any node of these rows would be kept (a layer can skip a subtree nobody asked
    /// for).
    pub fn wants_any(&self, defs: &[&'static FieldDef]) -> bool {
        match self.want {
            Want::Full => true,
            Want::Columns => false,
            // One pass with the bits in hand: a layer's gate (a dozen rows for `frame`, five
            // per MAC address) runs for every frame, and a call per row cost ~15 instructions.
            Want::Fields(list) => {
                let bits = self.want_bits;
                defs.iter().any(|d| bits & d.bit_mask() != 0 && list.iter().any(|f| std::ptr::eq(*f, *d)))
            }
        }
    }

    /// Whether label text is wanted (only for a full tree).
    #[inline]
    pub fn full(&self) -> bool {
        matches!(self.want, Want::Full)
    }

    /// Whether no node at all is kept (the packet list): dissectors may skip annotation.
    #[inline]
    pub fn keeps_no_nodes(&self) -> bool {
        matches!(self.want, Want::Columns)
    }

    /// Where nodes and expert items added now would go (see [`Anchor`]).
    pub fn anchor(&self) -> Anchor {
        Anchor { node: self.d.nodes.len() as u32, expert: self.d.experts.len() as u32, depth: self.depth }
    }

    /// Runs `f` (which adds nodes and expert items the usual way) and moves what it added to
    /// `at`: its nodes before the node that was at index `at.node`, at depth `at.depth`, its
    /// expert items before item `at.expert` (the expert indices of the nodes follow), as items
    /// of protocol `proto` (the one that was last when `at` was taken). Returns
    /// how many nodes and expert items were inserted. Nothing is allocated; the cost is one
    /// rotation of the nodes after `at`.
    pub fn insert_at(&mut self, at: Anchor, proto: &'static str, f: impl FnOnce(&mut Self)) -> (u32, u32) {
        let (n0, e0) = (self.d.nodes.len(), self.d.experts.len());
        let depth = std::mem::replace(&mut self.depth, at.depth);
        f(self);
        self.depth = depth;
        let (added_nodes, added_experts) = (self.d.nodes.len() - n0, self.d.experts.len() - e0);
        let node_at = (at.node as usize).min(n0);
        if let Some(tail) = self.d.nodes.get_mut(node_at..) {
            tail.rotate_right(added_nodes);
        }
        for e in self.d.experts.get_mut(e0..).unwrap_or(&mut []) {
            e.proto = proto;
        }
        let ea = (at.expert as usize).min(e0);
        if added_experts > 0 && ea < e0 {
            if let Some(tail) = self.d.experts.get_mut(ea..) {
                tail.rotate_right(added_experts);
            }
            let (ea, e0, k) = (ea as u32, e0 as u32, added_experts as u32);
            for n in &mut self.d.nodes {
                if let Some(x) = n.expert.as_mut() {
                    if *x >= e0 {
                        *x = *x - e0 + ea;
                    } else if *x >= ea {
                        *x += k;
                    }
                }
            }
        }
        (added_nodes as u32, added_experts as u32)
    }

    /// The frame bytes in `off..end`, or an empty slice if that range is not captured.
    pub fn bytes(&self, off: usize, end: usize) -> &'a [u8] {
        self.data.get(off..end.min(self.data.len())).unwrap_or(&[])
    }

    /// Whether the capture kept fewer bytes than were on the wire (snap length), so a length
    /// that runs past the captured bytes is truncation rather than a lie.
    pub fn snapped(&self) -> bool {
        self.d.wire_len as usize > self.data.len()
    }

    pub fn depth(&self) -> u16 {
        self.depth
    }

    /// Appends ", Name" to the label of node `node` for each of `flags` whose mask bit is set
    /// in `raw` (tshark's summary of a flags word: "Flags: 0x2, Don't fragment").
    pub fn flag_summary(&mut self, node: Option<usize>, raw: u64, flags: &[&'static FieldDef]) {
        let Some(i) = node else { return };
        self.append_with(i, |s| {
            for f in flags {
                if matches!(f.kind, crate::field::Kind::Bool(_)) && raw & f.mask != 0 {
                    s.push_str(", ");
                    s.push_str(f.name);
                }
            }
        });
    }

    /// Adds a text-only item (Wireshark's FT_NONE) whose label is `label` rather than its
    /// field's name (an IPv6 option's subtree reads "Home Address", as tshark's).
    pub fn add_labelled(&mut self, def: &'static FieldDef, off: usize, len: usize, label: &str) -> usize {
        if !self.keep(def) {
            return usize::MAX;
        }
        let r = self.arena_str(label);
        self.push_node(def, off, len, Value::Text(r.0, r.1))
    }

    /// Adds a node with an explicit value. Returns its index.
    /// Nodes not kept (see [`Want`]) are not stored and get index `usize::MAX`, which every
    /// node operation ignores.
    #[inline]
    pub fn add(&mut self, def: &'static FieldDef, off: usize, len: usize, value: Value) -> usize {
        if !self.keep(def) {
            return usize::MAX;
        }
        self.push_node(def, off, len, value)
    }

    #[inline]
    fn push_node(&mut self, def: &'static FieldDef, off: usize, len: usize, value: Value) -> usize {
        // A node never claims bytes that were not captured, whatever a length field said.
        let off = off.min(self.data.len());
        let len = len.min(self.data.len() - off);
        self.d.nodes.push(Node {
            def,
            offset: off as u32,
            len: len as u32,
            value,
            depth: self.depth,
            generated: false,
            hidden: false,
            append: None,
            expert: None,
        });
        self.d.nodes.len() - 1
    }

    /// Adds an integer field read from the wire, applying the field's mask.
    #[inline]
    pub fn add_uint(&mut self, def: &'static FieldDef, off: usize, len: usize, raw: u64) -> usize {
        // Whether the node is kept is decided here, where it inlines (usually to "no").
        if !self.keep(def) {
            return usize::MAX;
        }
        self.push_uint(def, off, len, raw)
    }

    fn push_uint(&mut self, def: &'static FieldDef, off: usize, len: usize, raw: u64) -> usize {
        let v = if def.mask != 0 { (raw & def.mask) >> def.mask.trailing_zeros() } else { raw };
        let value = match def.kind {
            Kind::Bool(_) => Value::Bool(v != 0),
            _ => Value::Uint(v),
        };
        self.push_node(def, off, len, value)
    }

    /// Adds a generated (derived) value.
    #[inline]
    pub fn add_generated(&mut self, def: &'static FieldDef, off: usize, len: usize, value: Value) -> usize {
        if !self.keep(def) {
            return usize::MAX;
        }
        let i = self.push_node(def, off, len, value);
        if let Some(n) = self.d.nodes.get_mut(i) {
            n.generated = true;
        }
        i
    }

    /// Adds generated text as a string value.
    #[inline]
    pub fn add_text(&mut self, def: &'static FieldDef, off: usize, len: usize, args: fmt::Arguments<'_>) -> usize {
        // The packet list keeps none: turned away where called (a checksum status per frame).
        if self.keeps_no_nodes() {
            return usize::MAX;
        }
        self.add_text_node(def, off, len, args)
    }

    #[inline(never)]
    fn add_text_node(&mut self, def: &'static FieldDef, off: usize, len: usize, args: fmt::Arguments<'_>) -> usize {
        if !self.keep(def) {
            return usize::MAX;
        }
        let r = self.arena(args);
        self.add_generated(def, off, len, Value::Text(r.0, r.1))
    }

    pub fn hide(&mut self, i: usize) {
        if let Some(n) = self.d.nodes.get_mut(i) {
            n.hidden = true;
        }
    }

    /// Writes formatted text into the arena and returns its range.
    pub fn arena(&mut self, args: fmt::Arguments<'_>) -> (u32, u32) {
        let start = self.d.text.len();
        write_args(&mut self.d.text, args);
        (start as u32, (self.d.text.len() - start) as u32)
    }

    /// Copies `s` into the arena and returns its range.
    pub fn arena_str(&mut self, s: &str) -> (u32, u32) {
        let start = self.d.text.len();
        self.d.text.push_str(s);
        (start as u32, s.len() as u32)
    }

    /// Appends text to a node's label (Wireshark's `proto_item_append_text`).
    pub fn append(&mut self, i: usize, args: fmt::Arguments<'_>) {
        self.append_with(i, |s| write_args(s, args));
    }

    /// Appends text to a node's label, written by `f` straight into the text arena. Hot
    /// labels use this with [`crate::format::write_dec`] and friends instead of `format_args!`,
    /// and `f` does not run at all when no tree is being built.
    #[inline]
    pub fn append_with(&mut self, i: usize, f: impl FnOnce(&mut crate::format::Out)) {
        // The check is inlined into every caller; the work is not (most frames build no tree).
        if i < self.d.nodes.len() && self.full() {
            self.append_text(i, f);
        }
    }

    #[inline(never)]
    fn append_text(&mut self, i: usize, f: impl FnOnce(&mut crate::format::Out)) {
        let start = self.d.text.len();
        if let Some((s, l)) = self.d.nodes.get(i).and_then(|n| n.append) {
            // Copy the old append to the end so the range stays contiguous.
            self.d.text.extend_from_within(s as usize..(s + l) as usize);
        }
        f(&mut self.d.text);
        let r = (start as u32, (self.d.text.len() - start) as u32);
        if let Some(n) = self.d.nodes.get_mut(i) {
            n.append = Some(r);
        }
    }

    /// Makes the last node of `def` (among the last four) a node of `variant`, the same field's
    /// other row (same abbreviation and type: a vendor's own value names).
    pub fn retag_last(&mut self, def: &'static FieldDef, variant: &'static FieldDef) {
        debug_assert!(def.abbrev == variant.abbrev && def.kind == variant.kind);
        if let Some(n) = self.last_of(def).and_then(|i| self.d.nodes.get_mut(i)) {
            n.def = variant;
        }
    }

    /// The last node of `def` among the last four (one a layout just added).
    pub fn last_of(&self, def: &'static FieldDef) -> Option<usize> {
        let n = self.d.nodes.len();
        (n.saturating_sub(4)..n).rev().find(|&i| self.d.nodes.get(i).is_some_and(|x| std::ptr::eq(x.def, def)))
    }

    /// Names the value of integer node `i` with `name` in the tree and JSON (`name (value)`):
    /// for a type field whose value is a code point a preference numbers, which the field's
    /// static table names wrongly or not at all. `variant` is the field's second row (same
    /// abbreviation and type, [`crate::field::Strings::NodeName`], registered after the first,
    /// so the registry makes one field of both); `-T fields` and the value are unchanged. Only
    /// a full tree is touched.
    pub fn name_value(&mut self, i: usize, variant: &'static FieldDef, name: &str) {
        if !self.full() || i >= self.d.nodes.len() {
            return;
        }
        debug_assert!(self.d.nodes[i].def.abbrev == variant.abbrev && self.d.nodes[i].def.kind == variant.kind);
        let r = self.arena_str(name);
        if let Some(n) = self.d.nodes.get_mut(i) {
            n.def = variant;
            n.append = Some(r);
        }
    }

    /// Makes the following nodes children of node `i`.
    #[inline]
    pub fn open(&mut self, i: usize) {
        // Without nodes there are no depths to keep (and `close` does nothing either).
        if self.keeps_no_nodes() {
            return;
        }
        self.d.stack.push(self.depth);
        self.depth = self.d.nodes.get(i).map_or(self.depth, |n| n.depth + 1);
    }

    /// Returns to the depth before the matching [`Tree::open`].
    #[inline]
    pub fn close(&mut self) {
        if self.keeps_no_nodes() {
            return;
        }
        self.depth = self.d.stack.pop().unwrap_or(0);
    }

    pub fn set_len(&mut self, i: usize, len: usize) {
        let cap = self.data.len() as u32;
        if let Some(n) = self.d.nodes.get_mut(i) {
            n.len = (len as u32).min(cap.saturating_sub(n.offset));
        }
    }

    /// Starts a protocol layer: a top-level node and an entry in `frame.protocols`.
    #[inline(always)]
    pub fn protocol(&mut self, def: &'static FieldDef, off: usize, len: usize) -> usize {
        // The packet list's whole work inline (each layer calls this once per frame, and the
        // call cost more than the work); the node out of line.
        if self.keeps_no_nodes() {
            self.d.last_protocol = def.abbrev;
            return usize::MAX;
        }
        self.protocol_node(def, off, len)
    }

    #[inline(never)]
    fn protocol_node(&mut self, def: &'static FieldDef, off: usize, len: usize) -> usize {
        self.note_protocol(def.abbrev);
        let i = self.add(def, off, len, Value::None);
        self.open(i);
        i
    }

    /// Takes back the last layer [`Tree::note_protocol`] recorded, when it is `abbrev`: a
    /// dissector that finds the octets are not its protocol after all (tshark's dissector
    /// returning 0) leaves its item in the tree but not its name in `frame.protocols`.
    pub fn forget_protocol(&mut self, abbrev: &'static str) {
        if self.d.protocols.last() == Some(&abbrev) {
            self.d.protocols.pop();
        }
    }

    /// [`Tree::protocol`] with a label of its own in place of the protocol's name (tshark's
    /// "Internet Protocol, bogus version (5)" for `ip`).
    pub fn protocol_labelled(&mut self, def: &'static FieldDef, off: usize, len: usize, label: fmt::Arguments<'_>) -> usize {
        self.note_protocol(def.abbrev);
        if self.keeps_no_nodes() {
            return usize::MAX;
        }
        let r = self.arena(label);
        let i = self.add(def, off, len, Value::Text(r.0, r.1));
        self.open(i);
        i
    }

    /// Records a protocol layer (`frame.protocols`; the owner of expert items added next).
    #[inline]
    pub fn note_protocol(&mut self, abbrev: &'static str) {
        self.d.last_protocol = abbrev;
        if !self.keeps_no_nodes() {
            self.d.protocols.push(abbrev);
        }
    }

    pub fn set_protocol_column(&mut self, name: &'static str) {
        self.d.cols.protocol = name;
    }

    /// Replaces the Info column.
    pub fn set_info(&mut self, args: fmt::Arguments<'_>) {
        self.d.cols.info.clear();
        if !self.facts_only {
            write_args(&mut self.d.cols.info, args);
        }
    }

    /// The Info column, for appending without the fmt machinery (hot paths). With
    /// `facts_only` it is emptied first, so that what is appended never piles up.
    pub fn info(&mut self) -> &mut String {
        if self.facts_only {
            self.d.cols.info.clear();
        }
        &mut self.d.cols.info
    }

    /// Appends to the Info column.
    pub fn append_info(&mut self, args: fmt::Arguments<'_>) {
        if !self.facts_only {
            write_args(&mut self.d.cols.info, args);
        }
    }

    /// Raises an expert item at `off..off+len`, as a subtree under the current position.
    /// `details` (if any) follows the summary in the message.
    pub fn expert(&mut self, def: &'static ExpertDef, off: usize, len: usize, details: Option<fmt::Arguments<'_>>) {
        self.expert_message(def, off, len, |text| {
            text.push_str(def.summary());
            if let Some(a) = details {
                text.push_str(": ");
                write_args(text, a);
            }
        });
    }

    /// An expert item whose whole message is `msg`, not "summary: details" (tshark words a few
    /// so: "No response seen to ICMPv6 request in frame 23").
    pub fn expert_worded(&mut self, def: &'static ExpertDef, off: usize, len: usize, msg: fmt::Arguments<'_>) {
        self.expert_message(def, off, len, |text| write_args(text, msg));
    }

    fn expert_message(&mut self, def: &'static ExpertDef, off: usize, len: usize, write: impl FnOnce(&mut crate::format::Out)) {
        let off = off.min(self.data.len());
        let len = len.min(self.data.len() - off);
        let start = self.d.text.len();
        write(&mut self.d.text);
        let msg = (start as u32, (self.d.text.len() - start) as u32);
        let proto = self.d.last_protocol;
        let idx = self.d.experts.len();
        self.d.experts.push(ExpertItem { def, offset: off as u32, len: len as u32, text: msg, proto });
        // The packet list keeps no node (and `open`/`close` do nothing): the item is all.
        if self.keeps_no_nodes() {
            return;
        }
        let top = self.add_generated(&WS_EXPERT, off, len, Value::Text(msg.0, msg.1));
        if let Some(n) = self.d.nodes.get_mut(top) {
            n.expert = u32::try_from(idx).ok();
        }
        self.open(top);
        self.add_generated(&def.field, off, len, Value::Text(msg.0, msg.1));
        let m = self.add_generated(&WS_EXPERT_MESSAGE, off, len, Value::Text(msg.0, msg.1));
        self.hide(m);
        self.add_generated(&WS_EXPERT_SEVERITY, off, len, Value::Uint(def.severity.code()));
        self.add_generated(&WS_EXPERT_GROUP, off, len, Value::Uint(def.group.code()));
        self.close();
    }

    /// Reports that the bytes from `off` on ran out before `what` was complete.
    pub fn truncated(&mut self, off: usize, what: &str) {
        self.truncated_within(off, self.data.len(), what);
    }

    /// [`Tree::truncated`] for an element that may not run past `end` (a quoted packet, an
    /// option's contents): the item covers what is left of it, not the rest of the frame.
    pub fn truncated_within(&mut self, off: usize, end: usize, what: &str) {
        let have = end.min(self.data.len()).saturating_sub(off);
        self.cut_short(&expert::MALFORMED, off, have, Some(format_args!("{what} is cut short at offset {off}")));
    }

    /// The bytes ran out at `at`, inside what a length field declares: a snap length or an
    /// ICMPv6 error's quote, reported here once as that cut ([`Tree::truncated`]); or a lower
    /// layer's length that lies, which that layer has already reported (nothing more is said).
    pub fn ran_out(&mut self, at: usize, what: &str) {
        if self.cut && !self.snapped() && !self.in_error {
            return;
        }
        self.truncated(at, what);
    }

    /// The bytes ran out while decoding a structure. Inside an ICMPv6 error's invoking packet
    /// that is allowed (a note); in a frame the capture cut at its snap length it is that cut
    /// (a warning, as Wireshark's "Packet size limited during capture"); otherwise `def`.
    pub fn cut_short(&mut self, def: &'static ExpertDef, off: usize, len: usize, details: Option<fmt::Arguments<'_>>) {
        self.cut = true;
        let def = if self.in_error {
            self.quote_cut
        } else if self.snapped() {
            &expert::SNAPPED_CUT
        } else {
            def
        };
        self.expert(def, off, len, details);
    }

    /// A length field claims more than the enclosing data holds. When the enclosing data ends
    /// where the capture ended (`at_capture_end`) and the capture was cut (snap length, or an
    /// ICMPv6 error's quote), the cut explains it and nothing is reported; otherwise the length
    /// lies and `def` says so.
    pub fn length_exceeds(
        &mut self,
        def: &'static ExpertDef,
        at_capture_end: bool,
        off: usize,
        len: usize,
        details: Option<fmt::Arguments<'_>>,
    ) {
        self.cut = true;
        if at_capture_end && (self.in_error || self.snapped()) {
            return;
        }
        self.expert(def, off, len, details);
    }
}

/// Writes `args` into `out`, copying a plain literal (`format_args!(" [correct]")`) directly
/// rather than through the formatting machinery.
#[inline]
fn write_args<S: crate::format::Sink>(out: &mut S, args: fmt::Arguments<'_>) {
    match args.as_str() {
        Some(s) => out.push_str(s),
        None => {
            let _ = out.write_fmt(args);
        }
    }
}

static SEVERITY_VALS: &[(u64, &str)] =
    &[(0x0010_0000, "Comment"), (0x0020_0000, "Chat"), (0x0040_0000, "Note"), (0x0060_0000, "Warning"), (0x0080_0000, "Error")];
static GROUP_VALS: &[(u64, &str)] = &[
    (0x0100_0000, "Checksum"),
    (0x0200_0000, "Sequence"),
    (0x0500_0000, "Undecoded"),
    (0x0700_0000, "Malformed"),
    (0x0900_0000, "Protocol"),
    (0x0b00_0000, "Comment"),
    (0x0e00_0000, "Deprecated"),
];

pub static WS_EXPERT: FieldDef = FieldDef::new("_ws.expert", "Expert Info", Kind::String);
pub static WS_EXPERT_MESSAGE: FieldDef = FieldDef::new("_ws.expert.message", "Message", Kind::String);
/// Shown by name alone ("Severity level: Warning", "Group: Protocol"), as tshark 4.0's tree;
/// the number is the field's value (`-T fields`, filters).
pub static WS_EXPERT_SEVERITY: FieldDef =
    FieldDef::new("_ws.expert.severity", "Severity level", Kind::Uint(4)).names(SEVERITY_VALS);
pub static WS_EXPERT_GROUP: FieldDef = FieldDef::new("_ws.expert.group", "Group", Kind::Uint(4)).names(GROUP_VALS);

pub static FIELDS: &[&FieldDef] = &[&WS_EXPERT, &WS_EXPERT_MESSAGE, &WS_EXPERT_SEVERITY, &WS_EXPERT_GROUP];

#[cfg(test)]
mod group_tests {
    use crate::expert::Group;

    #[test]
    fn every_expert_group_has_its_name_in_the_group_field() {
        // `_ws.expert.group` names the numbers Group::code gives (a Deprecated item showed
        // "Group: Unknown" before its row was added).
        for g in [
            Group::Checksum,
            Group::Sequence,
            Group::Protocol,
            Group::Undecoded,
            Group::Malformed,
            Group::Deprecated,
            Group::Comment,
        ] {
            assert_eq!(super::WS_EXPERT_GROUP.value_name(g.code()), Some(g.name()), "{g:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(index: u16, value: u8) -> TokenLesson {
        TokenLesson { kind: crate::crypto::keys::TokenKind::Home, cn: [1; 16], addr: [2; 16], index, token: [value; 8] }
    }

    fn read(t: &TokenLesson, found: Option<u8>) -> KeyRead {
        KeyRead::Token((t.kind, t.cn, t.addr, t.index), found.map(|v| [v; 8]))
    }

    /// A batch's look-ups of tokens against the state a single pass has before it: what the
    /// state holds, what the batch itself taught before the look-up (not after), and nothing
    /// the batch's own lessons might have pushed out of a full table.
    #[test]
    fn a_batch_agrees_when_every_token_it_read_is_the_same() {
        let mut s = CaptureState::new();
        let (old, other) = (token(1, 0xaa), token(2, 0xbb));
        s.learn_all(&[Lesson::Token(old)]);
        let c = s.table_changes();
        let agrees = |s: &CaptureState, reads: &[(u32, KeyRead)], lessons: &[Lesson], frames: &[u32]| {
            s.agrees(reads, lessons, frames, &c, &c)
        };
        assert!(agrees(&s, &[(0, read(&old, Some(0xaa)))], &[], &[]));
        // The batch was dissected without the token (an earlier batch taught it meanwhile).
        assert!(!agrees(&s, &[(0, read(&old, None))], &[], &[]));
        assert!(!agrees(&s, &[(0, read(&old, Some(0xab)))], &[], &[]));
        assert!(agrees(&s, &[(0, read(&other, None))], &[], &[]));
        // Taught by the batch's frame 3: read by frame 5 as taught, by frame 3 itself not yet.
        let lessons = [Lesson::Token(other)];
        assert!(agrees(&s, &[(5, read(&other, Some(0xbb)))], &lessons, &[3]));
        assert!(!agrees(&s, &[(5, read(&other, None))], &lessons, &[3]));
        assert!(agrees(&s, &[(3, read(&other, None))], &lessons, &[3]));
        assert!(!agrees(&s, &[(3, read(&other, Some(0xbb)))], &lessons, &[3]));
        // A newer token under the same name replaces the one the state holds.
        let newer = token(1, 0xcc);
        assert!(agrees(&s, &[(4, read(&old, Some(0xcc)))], &[Lesson::Token(newer)], &[2]));
        assert!(!agrees(&s, &[(4, read(&old, Some(0xaa)))], &[Lesson::Token(newer)], &[2]));

        // A full table: the oldest entry may be pushed out by what the batch teaches before
        // the look-up, so finding it does not agree; a recent one does.
        let mut full = CaptureState::new();
        let many: Vec<Lesson> = (0..CaptureState::LIMIT as u16).map(|i| Lesson::Token(token(i, i as u8))).collect();
        full.learn_all(&many);
        let c = full.table_changes();
        let (oldest, newest) = (token(0, 0), token(CaptureState::LIMIT as u16 - 1, (CaptureState::LIMIT - 1) as u8));
        let teach = [Lesson::Token(token(5000, 1))];
        assert!(!full.agrees(&[(1, read(&oldest, Some(0)))], &teach, &[0], &c, &c));
        assert!(full.agrees(&[(1, read(&newest, Some(newest.token[0])))], &teach, &[0], &c, &c));
        assert!(full.agrees(&[(1, read(&oldest, Some(0)))], &[], &[], &c, &c));
    }

    /// A search of a table agrees only when neither what the batch learned before its frames
    /// nor the batches written meanwhile changed the table.
    #[test]
    fn a_search_agrees_when_nothing_changed_its_table() {
        let mut s = CaptureState::new();
        let base = s.table_changes();
        let search = [(0, KeyRead::Table(KeyTable::Tokens))];
        assert!(s.agrees(&search, &[], &[], &base, &base));
        let mut led = s.clone();
        led.learn_keys(&[Lesson::Token(token(1, 1)), Lesson::MobileRouter([3; 16])]);
        assert_eq!(led.version(), s.version(), "learning keys leaves the roles' version");
        assert!(!s.agrees(&search, &[], &[], &base, &led.table_changes()));
        s.learn_all(&[Lesson::Token(token(1, 1))]);
        assert!(!s.agrees(&search, &[], &[], &base, &base));
        // Another table's change does not count.
        let mut k = CaptureState::new();
        k.learn_all(&[Lesson::Kbm { cn: [1; 16], care_of: [2; 16], kbm: [9; 20] }]);
        assert!(k.agrees(&search, &[], &[], &base, &base));
    }

    /// Look-ups are kept only while asked for, each with its frame, and a copy keeps none.
    #[test]
    fn look_ups_are_kept_while_asked() {
        let mut s = CaptureState::new();
        s.learn_all(&[Lesson::Token(token(1, 7))]);
        let t = token(1, 7);
        let mut out = Vec::new();
        let _ = s.token(t.kind, &t.cn, &t.addr, 1);
        s.take_reads(0, &mut out);
        assert!(out.is_empty());
        s.log_reads(true);
        let _ = s.token(t.kind, &t.cn, &t.addr, 1);
        let _ = s.kbm(&[1; 16], &[2; 16]);
        let _ = s.tokens().count();
        let copy = s.clone();
        let _ = copy.token(t.kind, &t.cn, &t.addr, 1);
        s.take_reads(4, &mut out);
        assert_eq!(
            out,
            [(4, read(&t, Some(7))), (4, KeyRead::Kbm(([1; 16], [2; 16]), None)), (4, KeyRead::Table(KeyTable::Tokens))]
        );
        s.take_reads(5, &mut out);
        assert_eq!(out.len(), 3);
        // Learning is not a look-up, even where a lesson first asks whether it is news.
        let no_bid = McoaNoBid { mn: [1; 16], peer: [2; 16], why: McoaNoBidWhy::Prohibited, frame: 1 };
        s.learn_all(&[Lesson::McoaNoBid(no_bid), Lesson::McoaNoBid(no_bid)]);
        s.take_reads(6, &mut out);
        assert_eq!(out.len(), 3);
    }

    /// What `insert_at` adds lands where the anchor was taken, expert items included: every
    /// expert node still points at its own item, and the items keep tree order.
    #[test]
    fn insert_at_places_nodes_and_experts_at_the_anchor() {
        static A: FieldDef = FieldDef::new("test.a", "A", Kind::Uint(1));
        static B: FieldDef = FieldDef::new("test.b", "B", Kind::Uint(1));
        static E1: ExpertDef = ExpertDef::new("test.e1", expert::Group::Protocol, expert::Severity::Note, "first");
        static E2: ExpertDef = ExpertDef::new("test.e2", expert::Group::Protocol, expert::Severity::Warn, "second");
        static E3: ExpertDef = ExpertDef::new("test.e3", expert::Group::Protocol, expert::Severity::Note, "third");
        let data = [0u8; 8];
        let (prefs, state) = (Prefs::default(), CaptureState::default());
        let mut d = Dissection::new();
        let mut t = Tree::new(&data, &mut d, &prefs, &state);
        t.note_protocol("test");
        let p = t.add(&A, 0, 1, Value::Uint(1));
        t.open(p);
        t.expert(&E1, 0, 1, None);
        let (at, proto) = (t.anchor(), t.d.last_protocol);
        t.close();
        t.note_protocol("later");
        t.add(&B, 1, 1, Value::Uint(2));
        t.expert(&E3, 1, 1, None);
        let (n, e) = t.insert_at(at, proto, |t| t.expert(&E2, 0, 1, None));
        assert_eq!((n, e), (5, 1));
        let names: Vec<_> = d.experts.iter().map(|x| (x.def.field.abbrev, x.proto)).collect();
        assert_eq!(names, [("test.e1", "test"), ("test.e2", "test"), ("test.e3", "later")]);
        for n in &d.nodes {
            if let (Some(k), Value::Text(s, l)) = (n.expert, n.value) {
                assert_eq!(d.experts[k as usize].text, (s, l));
            }
        }
        let order: Vec<_> = d
            .nodes
            .iter()
            .filter(|n| matches!(n.def.abbrev, "test.a" | "test.b" | "_ws.expert"))
            .map(|n| (n.def.abbrev, n.depth))
            .collect();
        assert_eq!(order, [("test.a", 0), ("_ws.expert", 1), ("_ws.expert", 1), ("test.b", 0), ("_ws.expert", 0)]);
    }

    /// Widening the expert index to 32 bits kept a node at 64 octets (one cache line).
    #[test]
    fn node_is_64_octets() {
        assert_eq!(std::mem::size_of::<super::Node>(), 64);
    }
}

#[cfg(test)]
mod key_version_tests {
    use super::*;

    /// Keys taught (tokens, Kbm) move the key version only: a batch whose frames read no key
    /// is not dissected again for them (src/run.rs), while roles move the version every frame
    /// reads.
    #[test]
    fn keys_and_roles_are_versioned_apart() {
        let mut s = CaptureState::new();
        let token =
            TokenLesson { kind: crate::crypto::keys::TokenKind::Home, cn: [1; 16], addr: [2; 16], index: 7, token: [3; 8] };
        assert!(s.learn_all(&[Lesson::Token(token)]));
        assert_eq!((s.version(), s.key_version()), (0, 1));
        assert!(!s.learn_all(&[Lesson::Token(token)]), "the same token again changes nothing");
        assert!(s.learn_all(&[Lesson::MobileRouter([4; 16])]));
        assert_eq!((s.version(), s.key_version()), (1, 1));
        assert_eq!(s.token(crate::crypto::keys::TokenKind::Home, &[1; 16], &[2; 16], 7), Some([3; 8]));
    }
}

#[cfg(test)]
mod mcoa_no_bid_tests {
    use super::*;

    /// Seed 002's lesson keeps the frame that first taught it (a repeat changes nothing, so a
    /// batch is not dissected again for it), and a CoT with BIDs lifts only §5.2's reason.
    #[test]
    fn first_frame_stays_and_only_the_cot_reason_lifts() {
        let mut s = CaptureState::new();
        let l = |why, frame| Lesson::McoaNoBid(McoaNoBid { mn: [1; 16], peer: [2; 16], why, frame });
        assert!(s.learn_all(&[l(McoaNoBidWhy::CotWithoutBid, 3), l(McoaNoBidWhy::Prohibited, 4)]));
        assert_eq!((s.version(), s.key_version()), (0, 2));
        assert!(!s.learn_all(&[l(McoaNoBidWhy::CotWithoutBid, 9)]));
        assert_eq!(s.mcoa_no_bid(&[1; 16], &[2; 16], McoaNoBidWhy::CotWithoutBid).map(|o| o.frame), Some(3));
        assert!(s.learn_all(&[Lesson::McoaBidSupported { mn: [1; 16], peer: [2; 16] }]));
        assert!(s.mcoa_no_bid(&[1; 16], &[2; 16], McoaNoBidWhy::CotWithoutBid).is_none());
        assert_eq!(s.mcoa_no_bid(&[1; 16], &[2; 16], McoaNoBidWhy::Prohibited).map(|o| o.frame), Some(4));
        assert!(!s.learn_all(&[Lesson::McoaBidSupported { mn: [1; 16], peer: [2; 16] }]));
    }
}

#[cfg(test)]
mod haaro_state_tests {
    use super::*;

    /// Seed 003's claims and advertisements stay bounded whatever the capture: one per name, at
    /// most [`CaptureState::LIMIT`], the oldest forgotten; a repeat moves its frame on.
    #[test]
    fn haaro_claims_and_adverts_are_bounded() {
        let mut s = CaptureState::new();
        for i in 0..3000u32 {
            let mr = i.to_be_bytes();
            let c = HaaroClaim { cr: [1; 16], mr, prefixes: [([10, 0, 0, 0], 8); HaaroClaim::MAX], n: 1, frame: u64::from(i) };
            let a = HaaroAdvert { cr: [1; 16], mr, prefix: Some(([10, 0, 0, 0], 8)), frame: u64::from(i) };
            s.learn_all(&[Lesson::HaaroClaim(c), Lesson::HaaroAdvert(a)]);
        }
        assert_eq!((s.haaro_claims.len(), s.haaro_adverts.len()), (CaptureState::LIMIT, CaptureState::LIMIT));
        assert!(s.haaro_claim(&[1; 16], &0u32.to_be_bytes()).is_none(), "the oldest is forgotten");
        assert_eq!(s.haaro_claim(&[1; 16], &2999u32.to_be_bytes()).map(|c| c.frame), Some(2999));
        let a = HaaroAdvert { cr: [1; 16], mr: 2999u32.to_be_bytes(), prefix: Some(([10, 0, 0, 0], 8)), frame: 5000 };
        assert!(s.learn_all(&[Lesson::HaaroAdvert(a)]));
        assert_eq!(s.haaro_adverts.len(), CaptureState::LIMIT);
        assert_eq!(s.haaro_adverts_after(&[1; 16], &2999u32.to_be_bytes(), 2999).count(), 1);
        assert_eq!(s.haaro_adverts_after(&[1; 16], &2999u32.to_be_bytes(), 5000).count(), 0);
    }

    /// Seed 003 §4.5/§4.6: which nonce indices a router's tests gave an address.
    #[test]
    fn test_index_names_what_the_tests_gave() {
        use crate::crypto::keys::TokenKind;
        let mut s = CaptureState::new();
        let t = |index| Lesson::Token(TokenLesson { kind: TokenKind::Home, cn: [1; 16], addr: [2; 16], index, token: [3; 8] });
        assert_eq!(s.test_index(TokenKind::Home, &[1; 16], &[[2; 16]], 7), None);
        s.learn_all(&[t(7), t(9)]);
        assert_eq!(s.test_index(TokenKind::Home, &[1; 16], &[[2; 16]], 7), Some((true, 9)));
        assert_eq!(s.test_index(TokenKind::Home, &[1; 16], &[[2; 16]], 8), Some((false, 9)));
        assert_eq!(s.test_index(TokenKind::CareOf, &[1; 16], &[[2; 16]], 7), None);
        assert_eq!(s.test_index(TokenKind::Home, &[1; 16], &[[4; 16]], 7), None);
    }
}

#[cfg(test)]
mod mobile_router_tests {
    use super::*;

    fn a(s: &str) -> [u8; 16] {
        s.parse::<std::net::Ipv6Addr>().map(|a| a.octets()).unwrap_or_default()
    }

    /// A learned prefix makes an address a mobile router only towards a node inside the same
    /// prefix (seed 000 §5.3), whatever the prefix length; the bits the two addresses share
    /// decide which prefixes are looked at, so lengths around that count are checked.
    #[test]
    fn a_prefix_counts_only_when_both_addresses_are_inside_it() {
        let prefs = crate::prefs::Prefs::default();
        let mut s = CaptureState::new();
        s.mr_prefixes.push_back((a("2001:db8:99::"), 48));
        s.mr_prefixes.push_back((a("2001:db8:77:1:2::"), 80));
        s.mr_prefixes.push_back((a("2001:db8:55::7"), 128));
        s.mr_prefixes.push_back((a("2001:db8:ffff::"), 0));
        let yes = [
            ("2001:db8:99::1", "2001:db8:99:5::2"),
            ("2001:db8:99:ffff::1", "2001:db8:99::"),
            ("2001:db8:77:1:2:3::1", "2001:db8:77:1:2:4::1"),
            ("2001:db8:55::7", "2001:db8:55::7"),
        ];
        let no = [
            ("2001:db8:99::1", "2001:db8:98::2"),
            ("2001:db8:98::1", "2001:db8:98::2"),
            ("2001:db8:77:1:2:3::1", "2001:db8:77:1:3::1"),
            ("2001:db8:55::7", "2001:db8:55::8"),
            ("2001:db8:ffff::1", "2001:db8:ffff::2"),
        ];
        for (mr, vmn) in yes {
            assert!(s.is_mobile_router_for(&prefs, &a(mr), &a(vmn)), "{mr} for {vmn}");
        }
        for (mr, vmn) in no {
            assert!(!s.is_mobile_router_for(&prefs, &a(mr), &a(vmn)), "{mr} for {vmn}");
        }
        s.mr_addresses.push_back(a("2001:db8:98::1"));
        assert!(
            s.is_mobile_router_for(&prefs, &a("2001:db8:98::1"), &a("2001:db8:99:5::2")),
            "a learned address counts towards a node inside a learned prefix"
        );
        assert!(
            !s.is_mobile_router_for(&prefs, &a("2001:db8:98::1"), &a("2001:db8:1::1")),
            "not towards a mobile node outside every learned prefix"
        );
        let mut bare = CaptureState::new();
        bare.mr_addresses.push_back(a("2001:db8:98::1"));
        assert!(
            bare.is_mobile_router_for(&prefs, &a("2001:db8:98::1"), &a("2001:db8:1::1")),
            "with no prefix learned, towards anyone"
        );
    }

    /// The answer for a capture that knows no mobile router is given before any search: each
    /// of the three things that can make one (an address configured, one learned, a prefix
    /// learned) still does so when it is the only one known.
    #[test]
    fn each_source_alone_makes_a_mobile_router() {
        let (mr, vmn) = (a("2001:db8:99::1"), a("2001:db8:99:5::2"));
        let none = crate::prefs::Prefs::default();
        assert!(!CaptureState::new().is_mobile_router_for(&none, &mr, &vmn));
        let mut configured = crate::prefs::Prefs::default();
        configured.nemo_mr_addresses.push(mr);
        assert!(CaptureState::new().is_mobile_router_for(&configured, &mr, &vmn));
        let mut learned = CaptureState::new();
        learned.mr_addresses.push_back(mr);
        assert!(learned.is_mobile_router_for(&none, &mr, &vmn));
        let mut prefix = CaptureState::new();
        prefix.mr_prefixes.push_back((a("2001:db8:99::"), 48));
        assert!(prefix.is_mobile_router_for(&none, &mr, &vmn));
        assert!(!prefix.is_mobile_router_for(&none, &mr, &a("2001:db8:98::2")));
    }
}
