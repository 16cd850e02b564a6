//! Editing frames by field name: `mip6.bu.lifetime=0`, `ipv6.dst=2001:db8::9`.
//!
//! Any field of the registry that the dissector finds on the wire can be set: the frame is
//! dissected, the node of the named field gives the octets (and the bits, for a masked field)
//! its value occupies, and the new value is written there. Nothing here knows a message's
//! layout: the dissector's own nodes say where each field is, so an edit lands exactly where
//! `-V` shows the field, under either profile, inside tunnels too (`ipv6.dst#2`).
//!
//! Then what the edit invalidated is recomputed: the frame is parsed into the protocol model
//! (`dissect::stack::FrameRepr`), every checksum is left to be computed, and it is emitted
//! again. Octets the user set explicitly are written back last, so `--set mip6.csum=0x1234`
//! wins over the recomputed checksum.
//!
//! A byte or string field may take a value of another size (a longer NAI, a shorter PadN):
//! [`crate::resize`] re-frames what holds it through the model (its Length, the padding of
//! its header and every length below computed), and the dissector must then read the value
//! back where it was set; when it cannot (an ND option is a whole number of 8-octet units, an
//! option's Length says at most 255 octets), the error names the sizes that would do, found by
//! trying them. An address field may take a list of addresses (`ipv6.routing.src.addr=A,B`:
//! one address of a type 0 routing header's or an SRH's list becomes two), read back as one
//! node per address. Authenticators covering the field are resealed as after any edit (below).

use dissect::field::{FieldDef, Kind, Strings};
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::registry::{self, Entry};
use dissect::stack::FrameRepr;
use dissect::tree::{CaptureState, Dissection, Want};
use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// Which node of a frame an assignment sets.
#[derive(Debug, Clone)]
pub enum Target {
    /// The `occurrence`-th (1-based) node of a registry field, as the filter language's layer
    /// operator counts them (`ipv6.dst#2`: the inner header's).
    Field { entry: &'static Entry, occurrence: usize },
    /// The first node, in tree order, whose name ends with one of `suffixes` (`.seqnr`):
    /// how `--seq` reaches the sequence number of whatever message was built. With `within`,
    /// only inside the `occurrence`-th subtree of that field (an option's presence field), and
    /// with no suffix the first settable field of that subtree after its Type and Length.
    Suffix { suffixes: Vec<String>, within: Option<(&'static FieldDef, usize)> },
}

/// One assignment: a target and the value as typed.
#[derive(Debug, Clone)]
pub struct Assignment {
    pub target: Target,
    pub value: String,
    /// The text as given (`NAME[#N]=VALUE`), for messages; `value_at` is where the value
    /// starts in it.
    pub text: String,
    pub value_at: usize,
}

/// Why an assignment could not be read or applied. `at` is the offset in the assignment's text
/// where the problem starts (for a caret under it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError {
    /// The assignment's text (`NAME=VALUE`) the offset is in.
    pub text: String,
    pub at: usize,
    pub why: String,
}

impl EditError {
    /// The text with a caret under the offending position (two lines).
    pub fn caret(&self) -> String {
        format!("{}\n{}^", self.text, " ".repeat(self.at.min(self.text.len())))
    }
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.why)
    }
}

impl std::error::Error for EditError {}

fn err(at: usize, why: impl Into<String>) -> EditError {
    EditError { text: String::new(), at, why: why.into() }
}

impl Assignment {
    /// Reads `NAME[#N]=VALUE`; the name must be a field of the registry that is read from the
    /// wire (not a protocol, a label or a generated field).
    pub fn parse(text: &str) -> Result<Assignment, EditError> {
        Self::parse_inner(text).map_err(|e| EditError { text: text.to_string(), ..e })
    }

    fn parse_inner(text: &str) -> Result<Assignment, EditError> {
        let eq = text.find('=').ok_or_else(|| err(text.len(), "expected NAME=VALUE"))?;
        let lhs = text[..eq].trim_end();
        let (name, occurrence) = match lhs.split_once('#') {
            Some((n, k)) => {
                let k: usize = k
                    .parse()
                    .ok()
                    .filter(|&k| k >= 1)
                    .ok_or_else(|| err(n.len() + 1, format!("\"{k}\" is not an occurrence number (1, 2, ...)")))?;
                (n, k)
            }
            None => (lhs, 1),
        };
        let entry = registry::entry(name).ok_or_else(|| err(0, format!("\"{name}\" is not a field name")))?;
        let def = entry.def();
        if settable_width(def).is_none() {
            return Err(err(0, format!("{name} ({}) has no value on the wire to set", kind_name(def.kind))));
        }
        Ok(Assignment {
            target: Target::Field { entry, occurrence },
            value: text[eq + 1..].to_string(),
            text: text.to_string(),
            value_at: eq + 1,
        })
    }

    /// An assignment to the first field ending with one of `suffixes` (see [`Target::Suffix`]).
    pub fn suffix(suffixes: &[&str], within: Option<(&'static FieldDef, usize)>, value: &str, text: &str) -> Assignment {
        Assignment {
            target: Target::Suffix { suffixes: suffixes.iter().map(|s| s.to_string()).collect(), within },
            value: value.to_string(),
            text: text.to_string(),
            value_at: text.len() - value.len(),
        }
    }

    /// The node this assignment sets in `d`, if the frame has it.
    fn resolve<'d>(&self, d: &'d Dissection) -> Option<&'d dissect::tree::Node> {
        let settable = |n: &dissect::tree::Node| !n.generated && settable_width(n.def).is_some();
        match &self.target {
            Target::Field { entry, occurrence } => {
                d.nodes.iter().filter(|n| !n.generated && entry.matches(n.def)).nth(occurrence - 1)
            }
            Target::Suffix { suffixes, within } => {
                let (lo, hi, skip_to) = match within {
                    Some((scope, k)) => {
                        let i = d.nodes.iter().enumerate().filter(|(_, n)| std::ptr::eq(n.def, *scope)).nth(k - 1)?.0;
                        let depth = d.nodes[i].depth;
                        let end = d.nodes[i + 1..].iter().position(|n| n.depth <= depth).map_or(d.nodes.len(), |p| i + 1 + p);
                        (i + 1, end, d.nodes[i].offset + 2)
                    }
                    None => (0, d.nodes.len(), 0),
                };
                let mut nodes = d.nodes[lo..hi].iter().filter(|n| settable(n));
                if suffixes.is_empty() {
                    nodes.find(|n| n.offset >= skip_to)
                } else {
                    nodes.find(|n| suffixes.iter().any(|s| n.def.abbrev.ends_with(s.as_str())))
                }
            }
        }
    }

    /// For an assignment inside one option's subtree (`--opt NAME,FIELD=VALUE`): the option's
    /// name and the ends of the field names it could have meant (its settable fields), for a
    /// message that says what there is when FIELD is not one of them.
    pub fn choices(&self, d: &Dissection) -> Option<(&'static str, Vec<&'static str>)> {
        let Target::Suffix { within: Some((scope, k)), .. } = &self.target else { return None };
        let i = d.nodes.iter().enumerate().filter(|(_, n)| std::ptr::eq(n.def, *scope)).nth(k - 1)?.0;
        let depth = d.nodes[i].depth;
        let end = d.nodes[i + 1..].iter().position(|n| n.depth <= depth).map_or(d.nodes.len(), |p| i + 1 + p);
        // Its own fields, after its Type and Length.
        let data = d.nodes[i].offset + 2;
        let mut names: Vec<&'static str> = d.nodes[i + 1..end]
            .iter()
            .filter(|n| !n.generated && n.offset >= data && settable_width(n.def).is_some())
            .map(|n| n.def.abbrev.rsplit('.').next().unwrap_or(n.def.abbrev))
            .collect();
        names.dedup();
        Some((scope.name, names))
    }

    /// The name shown in messages.
    pub fn name(&self) -> &str {
        self.text[..self.value_at.saturating_sub(1)].trim_end()
    }
}

/// Whether a field name is one an assignment can set (a registry field with a wire value).
pub fn settable(name: &str) -> bool {
    registry::entry(name).is_some_and(|e| settable_width(e.def()).is_some())
}

/// Octets a field of this kind occupies when it is settable (0: any length, checked against
/// the node), `None` for kinds with no wire value.
fn settable_width(def: &FieldDef) -> Option<usize> {
    match def.kind {
        Kind::Bool(w) | Kind::Uint(w) | Kind::Int(w) => Some(usize::from(w)),
        Kind::Ipv4 => Some(4),
        Kind::Ipv6 => Some(16),
        Kind::Ether => Some(6),
        // A time on the wire (Mobile IPv4's NTP Identification) is set by its raw integer.
        Kind::Bytes | Kind::String | Kind::AbsTime => Some(0),
        Kind::Protocol | Kind::None | Kind::RelTime | Kind::FrameNum | Kind::Double => None,
    }
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Protocol => "a protocol",
        Kind::None => "a label",
        Kind::Bool(_) => "a flag",
        Kind::Uint(_) | Kind::Int(_) => "an integer",
        Kind::Ipv4 => "an IPv4 address",
        Kind::Ipv6 => "an IPv6 address",
        Kind::Ether => "a MAC address",
        Kind::Bytes => "bytes",
        Kind::String => "a string",
        Kind::AbsTime => "a time",
        Kind::RelTime => "a duration",
        Kind::FrameNum => "a frame number",
        Kind::Double => "a number",
    }
}

/// What [`edit`] did to one frame.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Assignments (by index) whose field is not in the frame (the frame is unchanged by them).
    pub absent: Vec<usize>,
    /// Whether checksums were recomputed (false with `keep_checksums`, or when the frame could
    /// not be re-emitted through the model, in which case only the octets set changed).
    pub recomputed: bool,
    /// Authenticators recomputed (a BU's or BA's Binding Authorization Data, a Mobile IPv4
    /// authentication extension) because their keys were known.
    pub resealed: usize,
}

/// How an edit treats what depends on the octets it changes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Leave every checksum as it was (a deliberately wrong checksum stays wrong).
    pub keep_checksums: bool,
}

/// Applies `sets` to the frame `bytes` (of capture link type `meta.linktype`), dissected with
/// the capture state earlier frames taught. Returns the edited frame.
pub fn edit(
    bytes: &[u8],
    meta: &FrameMeta,
    state: &CaptureState,
    prefs: &Prefs,
    sets: &[Assignment],
    opts: Options,
) -> Result<(Vec<u8>, Outcome), EditError> {
    let mut d = Dissection::default();
    dissect::dissect_frame_want(state, Want::Full, &mut d, bytes, meta, prefs);
    let mut out = bytes.to_vec();
    let mut outcome = Outcome::default();
    // (offset, octets, mask bytes, assignment) of every write, re-applied after recomputation.
    let mut writes: Vec<(usize, Vec<u8>, Vec<u8>, usize)> = Vec::new();
    // A value can change what follows it (a message's type, a sub-option's kind), so each
    // assignment looks for its field in the frame as the ones before left it, and one whose
    // field is not there yet is tried again once the others are in (a description file's
    // fields come in no particular order).
    let mut pending: Vec<usize> = (0..sets.len()).collect();
    loop {
        let mut missed = Vec::new();
        for &i in &pending {
            let a = &sets[i];
            let Some(node) = a.resolve(&d) else {
                missed.push(i);
                continue;
            };
            let (off, len) = (node.offset as usize, node.len as usize);
            if off.checked_add(len).is_none_or(|end| end > out.len()) || len == 0 {
                return Err(EditError {
                    text: a.text.clone(),
                    ..err(0, format!("{} in frame {} lies past the captured octets", a.name(), meta.number))
                });
            }
            let (value, mask) = encode(node.def, len, &a.value).map_err(|e| EditError {
                text: a.text.clone(),
                at: e.at + a.value_at,
                why: e.why,
            })?;
            let mut at = off;
            if value.len() == len {
                apply(&mut out[off..off + len], &value, &mask);
                dissect::dissect_frame_want(state, Want::Full, &mut d, &out, meta, prefs);
            } else {
                let (resized, now) = resize(a, &out, meta, state, prefs, (off, len), &value, &mut d)
                    .map_err(|why| EditError { text: a.text.clone(), at: a.value_at, why })?;
                out = resized;
                at = now;
                // What was set before moved with the octets around it: where its field is now.
                for w in &mut writes {
                    if let Some(n) = sets[w.3].resolve(&d) {
                        w.0 = n.offset as usize;
                    }
                }
            }
            writes.push((at, value, mask, i));
        }
        if missed.is_empty() || missed.len() == pending.len() {
            outcome.absent = missed;
            break;
        }
        pending = missed;
    }
    if !opts.keep_checksums && !writes.is_empty() {
        if let Some(again) = recompute(&out, meta.linktype, prefs) {
            out = again;
            // Authenticators cover what was edited: resealed with the keys the verifier would
            // use (`-o mip6.keys_file`, or tokens earlier frames taught), then the checksums
            // again, which cover the authenticators.
            if let Some(n) = reseal(&mut out, meta, state, prefs, &mut d).filter(|n| *n > 0) {
                outcome.resealed = n;
                if let Some(again) = recompute(&out, meta.linktype, prefs) {
                    out = again;
                }
            }
            outcome.recomputed = true;
            for (off, value, mask, _) in &writes {
                apply(&mut out[*off..*off + value.len()], value, mask);
            }
            // An authenticator set explicitly (which the reseal above overwrote) would leave the
            // checksums covering it stale: they are computed once more over the octets set,
            // which are written back again (so a checksum set explicitly still wins).
            if let Some(again) = recompute(&out, meta.linktype, prefs).filter(|again| *again != out) {
                out = again;
                for (off, value, mask, _) in &writes {
                    apply(&mut out[*off..*off + value.len()], value, mask);
                }
            }
        }
    }
    Ok((out, outcome))
}

/// Recomputes, in place, every authenticator of the frame whose key the verifier knows: the
/// Binding Authorization Data of a BU or BA (`dissect::analysis::auth::binding_key`: the keys
/// file's tokens or Kcn and nonces, or the HoT/CoT earlier frames taught) and Mobile IPv4
/// authentication extensions whose SPI has a key, and seed 003's Mobile-Correspondent
/// authenticator when the tokens of its nonce indices are known (Krm). Returns how many were written; `None` when
/// none could be.
fn reseal(out: &mut [u8], meta: &FrameMeta, state: &CaptureState, prefs: &Prefs, d: &mut Dissection) -> Option<usize> {
    use dissect::analysis::auth;
    use dissect::crypto::rr;
    dissect::dissect_frame_want(state, Want::Full, d, out, meta, prefs);
    let mut values: Vec<(usize, Vec<u8>)> = Vec::new();
    for m in &d.facts.mh {
        let Some((s, Some(kbm))) = auth::binding_key(&d.facts, m, out, prefs, state) else { continue };
        let mh = out.get(s.mh.clone())?;
        let value = rr::authenticator(&kbm, &s.care_of, &s.correspondent, mh, s.value_at)?;
        values.push((s.mh.start + s.value_at, value.to_vec()));
    }
    for a in &d.facts.auths {
        if let Some(value) = auth::mip4_expected(a, out, prefs) {
            if value.len() == a.value.1 as usize {
                values.push((a.value.0 as usize, value.to_vec()));
            }
        }
        if let Some((full, n)) = auth::mcauth_key(a, out, prefs, state).and_then(|krm| auth::mcauth_expected(&krm, a, out)) {
            values.push((a.value.0 as usize, full[..n].to_vec()));
        }
    }
    for (at, v) in &values {
        out.get_mut(*at..*at + v.len())?.copy_from_slice(v);
    }
    Some(values.len())
}

/// The frame `out` with the value at `field` (offset, length) replaced by `value` of another
/// length ([`crate::resize`]), and where the value now is: the dissector must read it back as
/// the assignment's field. When it cannot be, the error names the sizes that could (found by
/// trying them through the same model and dissector).
#[allow(clippy::too_many_arguments)]
fn resize(
    a: &Assignment,
    out: &[u8],
    meta: &FrameMeta,
    state: &CaptureState,
    prefs: &Prefs,
    (at, len): (usize, usize),
    value: &[u8],
    d: &mut Dissection,
) -> Result<(Vec<u8>, usize), String> {
    let name = a.name();
    let mut tried = |v: &[u8]| -> Result<(Vec<u8>, usize), String> {
        let new = crate::resize::resize(name, out, meta.linktype, prefs, (at, len), v)?;
        dissect::dissect_frame_want(state, Want::Full, d, &new, meta, prefs);
        match a.resolve(d) {
            Some(n) if reads_back(d, n, v.len()) && new.get(n.offset as usize..n.offset as usize + v.len()) == Some(v) => {
                Ok((new, n.offset as usize))
            }
            _ => Err(format!("the frame would not read {name} back as the value set")),
        }
    };
    let why = match tried(value) {
        Ok(done) => return Ok(done),
        Err(why) => why,
    };
    // The sizes that would be: the same value cut or zero-filled to each.
    let fill = |n: usize| {
        let mut v = value[..n.min(value.len())].to_vec();
        v.resize(n, 0);
        v
    };
    let fits: Vec<usize> =
        (1..=value.len().max(len) + 24).filter(|&n| n != value.len() && (n == len || tried(&fill(n)).is_ok())).collect();
    if fits.len() <= 1 {
        return Err(why);
    }
    Err(format!("{name} cannot be {} octets here ({why}); it can be {} octets", value.len(), sizes(&fits)))
}

/// Whether `n` (and, for a list of addresses, the nodes of the same field after it, one per
/// address) spans exactly `len` octets.
fn reads_back(d: &Dissection, n: &dissect::tree::Node, len: usize) -> bool {
    if n.len as usize == len {
        return true;
    }
    let each = n.len as usize;
    if n.def.kind != Kind::Ipv6 || each == 0 || !len.is_multiple_of(each) {
        return false;
    }
    (1..len / each).all(|k| {
        let at = n.offset as usize + k * each;
        d.nodes.iter().any(|x| !x.generated && std::ptr::eq(x.def, n.def) && x.offset as usize == at && x.len == n.len)
    })
}

/// `6, 14, 22 or 30`; a run of consecutive sizes as `1 to 255`.
fn sizes(n: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for &k in n {
        match runs.last_mut() {
            Some((_, hi)) if *hi + 1 == k => *hi = k,
            _ => runs.push((k, k)),
        }
    }
    let shown: Vec<String> = runs
        .iter()
        .take(8)
        .map(|&(lo, hi)| {
            if hi > lo + 1 {
                format!("{lo} to {hi}")
            } else if hi > lo {
                format!("{lo}, {hi}")
            } else {
                lo.to_string()
            }
        })
        .collect();
    let more = if runs.len() > 8 { ", ..." } else { "" };
    match shown.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}{more}", rest.join(", ")),
        _ => format!("{}{more}", shown.concat()),
    }
}

/// Writes `value` into `dst` under `mask` (bit by bit: the octets' other bits stay).
fn apply(dst: &mut [u8], value: &[u8], mask: &[u8]) {
    for ((d, v), m) in dst.iter_mut().zip(value).zip(mask) {
        *d = (*d & !m) | (v & m);
    }
}

/// Re-emits the frame with every checksum computed; `None` when the frame does not re-emit to
/// the same length (then only the octets set change).
fn recompute(bytes: &[u8], linktype: u32, prefs: &Prefs) -> Option<Vec<u8>> {
    let mut frame = FrameRepr::parse(linktype, bytes, prefs);
    dissect::stack::compute_checksums(&mut frame.layers);
    let out = frame.emit(prefs).ok()?;
    (out.len() == bytes.len()).then_some(out)
}

/// The octets of `text` as a value of `def` in a node of `len` octets, and the mask of the
/// bits it occupies.
fn encode(def: &FieldDef, len: usize, text: &str) -> Result<(Vec<u8>, Vec<u8>), EditError> {
    let full = vec![0xff; len];
    let t = text.trim();
    match def.kind {
        Kind::Bool(_) | Kind::Uint(_) | Kind::Int(_) => {
            if len > 8 {
                return Err(err(0, format!("{} spans {len} octets, more than an integer", def.abbrev)));
            }
            let bits = (len * 8) as u32;
            let mask = if def.mask == 0 { u64::MAX >> (64 - bits) } else { def.mask };
            let shift = mask.trailing_zeros();
            let max = mask >> shift;
            let v = integer(def, t, max)?;
            let word = (v << shift) & mask;
            let be = |x: u64| x.to_be_bytes()[8 - len..].to_vec();
            Ok((be(word), be(mask)))
        }
        Kind::Ipv4 => {
            let a: Ipv4Addr = t.parse().map_err(|_| err(0, format!("\"{t}\" is not an IPv4 address")))?;
            same_len(def, len, a.octets().to_vec()).map(|v| (v, full))
        }
        // A list (`2001:db8::1,2001:db8::2`) takes the place of one address of a list (a type 0
        // routing header's, an SRH's): `edit` resizes what holds them, or refuses.
        Kind::Ipv6 if t.contains(',') => {
            let mut v = Vec::new();
            let mut at = 0;
            for part in t.split(',') {
                let a: Ipv6Addr =
                    part.trim().parse().map_err(|_| err(at, format!("\"{}\" is not an IPv6 address", part.trim())))?;
                v.extend_from_slice(&a.octets());
                at += part.len() + 1;
            }
            let mask = vec![0xff; v.len()];
            Ok((v, mask))
        }
        Kind::Ipv6 => {
            let a: Ipv6Addr = t.parse().map_err(|_| err(0, format!("\"{t}\" is not an IPv6 address")))?;
            same_len(def, len, a.octets().to_vec()).map(|v| (v, full))
        }
        Kind::Ether => {
            let v = hex_bytes(t).filter(|v| v.len() == 6).ok_or_else(|| err(0, format!("\"{t}\" is not a MAC address")))?;
            same_len(def, len, v).map(|v| (v, full))
        }
        // Of any size: `edit` resizes what holds them, or refuses.
        Kind::Bytes => {
            let v = hex_bytes(t).ok_or_else(|| err(0, format!("\"{t}\" is not a byte string (like 01:02:0a)")))?;
            Ok((v.clone(), vec![0xff; v.len()]))
        }
        Kind::String => Ok((text.as_bytes().to_vec(), vec![0xff; text.len()])),
        Kind::AbsTime if len <= 8 => {
            let v = parse_uint(t).ok_or_else(|| err(0, format!("\"{t}\" is not the raw integer of {}", def.abbrev)))?;
            let max = if len == 8 { u64::MAX } else { (1u64 << (len * 8)) - 1 };
            if v > max {
                return Err(err(0, format!("{v} does not fit {} (at most {max})", def.abbrev)));
            }
            Ok((v.to_be_bytes()[8 - len..].to_vec(), full))
        }
        _ => Err(err(0, format!("{} has no value on the wire to set", def.abbrev))),
    }
}

fn same_len(def: &FieldDef, len: usize, v: Vec<u8>) -> Result<Vec<u8>, EditError> {
    if v.len() == len {
        Ok(v)
    } else {
        Err(err(0, format!("{} is {len} octets here; the value gives {} (a size change is not an edit)", def.abbrev, v.len())))
    }
}

/// An integer literal (decimal, 0x hex, 0o or leading-0 octal, 0b binary), a negative number
/// for a signed field, `true`/`false` for a flag, or one of the field's value names.
fn integer(def: &FieldDef, t: &str, max: u64) -> Result<u64, EditError> {
    // A value's name, as mipscope or tshark names it.
    let named = match def.strings {
        Strings::Tfs(yes, no) => {
            if t.eq_ignore_ascii_case(yes) {
                Some(1)
            } else if t.eq_ignore_ascii_case(no) {
                Some(0)
            } else {
                None
            }
        }
        _ => def.value_of_name(t),
    };
    let v = named
        .or(match t {
            "true" | "True" | "TRUE" => Some(1),
            "false" | "False" | "FALSE" => Some(0),
            _ => None,
        })
        .or_else(|| parse_uint(t))
        .or_else(|| match def.kind {
            Kind::Int(_) => t.parse::<i64>().ok().map(|n| (n as u64) & max),
            _ => None,
        })
        .ok_or_else(|| err(0, format!("\"{t}\" is not a value of {}", def.abbrev)))?;
    if v > max {
        return Err(err(0, format!("{v} does not fit {} (at most {max})", def.abbrev)));
    }
    Ok(v)
}

fn parse_uint(t: &str) -> Option<u64> {
    let (digits, radix) = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        (h, 16)
    } else if let Some(b) = t.strip_prefix("0b").or_else(|| t.strip_prefix("0B")) {
        (b, 2)
    } else if let Some(o) = t.strip_prefix("0o") {
        (o, 8)
    } else if t.len() > 1 && t.starts_with('0') {
        (&t[1..], 8)
    } else {
        (t, 10)
    };
    u64::from_str_radix(digits, radix).ok()
}

/// Octets as the filter language writes byte strings: one or two hex digits per octet
/// separated by `:`, `.` or `-`, or one even run of hex digits (`0x` prefix allowed).
pub fn hex_bytes(t: &str) -> Option<Vec<u8>> {
    let t = t.strip_prefix("0x").unwrap_or(t);
    if t.contains([':', '.', '-']) {
        t.split([':', '.', '-']).map(|p| if (1..=2).contains(&p.len()) { u8::from_str_radix(p, 16).ok() } else { None }).collect()
    } else if !t.is_empty() && t.len().is_multiple_of(2) {
        (0..t.len()).step_by(2).map(|i| t.get(i..i + 2).and_then(|p| u8::from_str_radix(p, 16).ok())).collect()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_forms() {
        assert_eq!(hex_bytes("01:02:0a"), Some(vec![1, 2, 10]));
        assert_eq!(hex_bytes("0102ff"), Some(vec![1, 2, 255]));
        assert_eq!(hex_bytes("1-2"), Some(vec![1, 2]));
        assert_eq!(hex_bytes("123"), None);
        assert_eq!(hex_bytes(""), None);
        assert_eq!(hex_bytes("zz"), None);
    }

    #[test]
    fn assignments_name_registry_fields() {
        let field = |a: &Assignment| match a.target {
            Target::Field { entry, occurrence } => (entry.abbrev, occurrence),
            _ => unreachable!(),
        };
        let a = Assignment::parse("mip6.bu.lifetime=0").unwrap();
        assert_eq!(field(&a), ("mip6.bu.lifetime", 1));
        let a = Assignment::parse("ipv6.dst#2=2001:db8::9").unwrap();
        assert_eq!((field(&a), a.value.as_str(), a.name()), (("ipv6.dst", 2), "2001:db8::9", "ipv6.dst#2"));
        assert_eq!(Assignment::parse("mip6.nope=1").unwrap_err().why, "\"mip6.nope\" is not a field name");
        assert!(Assignment::parse("mipv6=1").unwrap_err().why.contains("no value on the wire"));
        assert_eq!(Assignment::parse("ipv6.dst#0=::").unwrap_err().at, 9);
        assert_eq!(Assignment::parse("ipv6.dst").unwrap_err().at, 8);
    }
}
