//! Description files: packets as JSON, in two shapes.
//!
//! **A description** builds messages from nothing, naming everything as `-T json` and
//! `mipscope fields` name it (examples in `captures/specs/`):
//!
//! ```json
//! { "profile": "rfc",
//!   "frames": [
//!     { "message": "bu", "src": "2001:db8:2::100", "dst": "2001:db8:3::1",
//!       "hoa": "2001:db8:1::100",
//!       "fields": { "mip6.bu.seqnr": 7, "mip6.bu.a_flag": true, "mip6.bu.lifetime": 150 },
//!       "options": [ { "option": "alt-coa", "fields": { "mip6.acoa.acoa": "2001:db8:2::101" } } ],
//!       "kbm": "00112233445566778899aabbccddeeff00112233",
//!       "time": 1767225600.5 } ] }
//! ```
//! Every key but `message` is optional (`src`/`dst` default to documentation addresses,
//! `rh2` adds a type 2 routing header, `raw` drops Ethernet; an option's `data` gives its
//! octets after Type and Length, for options whose size varies); `fields` values are numbers,
//! booleans, or strings (addresses, byte strings, value names), and a field name may carry an
//! occurrence (`ipv6.dst#2`). A top-level array is a list of frames.
//!
//! **A dissection** (`mipscope dissect -T json` output, edited): each frame's `bytes` is the
//! starting point and every field whose `value` no longer says what those bytes say is set at
//! the `offset` the dissection gave it, so a capture can be dissected, edited in a text editor
//! and crafted again. Checksums are recomputed unless a checksum's own value was edited.

use crate::build::{self, BuildError, MessageSpec, OptionSpec};
use crate::edit::{self, Assignment, EditError};
use crate::message;
use dissect::crypto::rr::Kbm;
use dissect::frame::FrameMeta;
use dissect::prefs::Prefs;
use dissect::tree::{CaptureState, Dissection};
use serde_json::Value as Json;
use std::fmt;

/// One crafted frame: capture time (ns since the epoch, when the file gives one), link type,
/// octets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crafted {
    pub at_ns: Option<u64>,
    pub linktype: u32,
    pub bytes: Vec<u8>,
}

/// Why a file could not be crafted: where (a JSON path such as `frames[2].fields`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    pub at: String,
    pub why: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.why)
    }
}

impl std::error::Error for SpecError {}

fn fail(at: impl Into<String>, why: impl Into<String>) -> SpecError {
    SpecError { at: at.into(), why: why.into() }
}

/// The profile a description names (`"profile"`), if any.
pub fn profile(doc: &Json) -> Option<&str> {
    doc.get("profile").and_then(Json::as_str)
}

/// Crafts every frame of a parsed JSON document, of either shape.
pub fn craft(doc: &Json, prefs: &Prefs) -> Result<Vec<Crafted>, SpecError> {
    let (frames, base) = match doc {
        Json::Array(a) => (a, ""),
        Json::Object(o) => match o.get("frames") {
            Some(Json::Array(a)) => (a, "frames"),
            _ => return Err(fail("(top)", "expected an array of frames or an object with \"frames\"")),
        },
        _ => return Err(fail("(top)", "expected an array of frames or an object with \"frames\"")),
    };
    let mut out = Vec::with_capacity(frames.len());
    let mut state = CaptureState::default();
    for (i, f) in frames.iter().enumerate() {
        let at = format!("{base}[{i}]");
        let c = if f.get("bytes").is_some() && f.get("layers").is_some() {
            from_dissection(f, &at, prefs, &state)?
        } else {
            from_description(f, &at, prefs)?
        };
        // Later frames read what earlier ones taught, as in a capture.
        let meta = FrameMeta { number: i as u64 + 1, wire_len: c.bytes.len() as u32, linktype: c.linktype, ..Default::default() };
        let mut d = Dissection::default();
        dissect::dissect_frame_want(&state, dissect::tree::Want::Full, &mut d, &c.bytes, &meta, prefs);
        state.learn(&d);
        out.push(c);
    }
    Ok(out)
}

/// A JSON value as the text an assignment reads.
fn text_of(v: &Json) -> Option<String> {
    match v {
        Json::Bool(b) => Some(if *b { "1" } else { "0" }.to_string()),
        Json::Number(n) => Some(n.to_string()),
        Json::String(s) => Some(s.clone()),
        _ => None,
    }
}

fn time_ns(f: &Json, at: &str) -> Result<Option<u64>, SpecError> {
    // Read as decimal text, not through a float: 1767225600.001 is exactly 1 ms past.
    match f.get("time") {
        None => Ok(None),
        Some(Json::Number(n)) => {
            decimal_ns(&n.to_string()).map(Some).ok_or_else(|| fail(format!("{at}.time"), "expected seconds since the epoch"))
        }
        Some(_) => Err(fail(format!("{at}.time"), "expected seconds since the epoch")),
    }
}

/// `1767225600.001` (seconds, up to nine decimals) as nanoseconds.
fn decimal_ns(s: &str) -> Option<u64> {
    let (sec, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 9 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = if frac.is_empty() { 0 } else { format!("{frac:0<9}").parse::<u64>().ok()? };
    sec.parse::<u64>().ok()?.checked_mul(1_000_000_000)?.checked_add(frac)
}

fn addr(f: &Json, key: &str, at: &str) -> Result<Option<std::net::Ipv6Addr>, SpecError> {
    match f.get(key) {
        None => Ok(None),
        Some(v) => v
            .as_str()
            .and_then(|s| s.parse().ok())
            .map(Some)
            .ok_or_else(|| fail(format!("{at}.{key}"), "expected an IPv6 address")),
    }
}

fn edit_err(at: &str, e: EditError) -> SpecError {
    fail(at, format!("{}: {}", e.text, e.why))
}

fn from_description(f: &Json, at: &str, prefs: &Prefs) -> Result<Crafted, SpecError> {
    let name = f
        .get("message")
        .and_then(Json::as_str)
        .ok_or_else(|| fail(at, "a frame needs \"message\" (or \"bytes\" and \"layers\")"))?;
    let mh_type = message::message_type(name, prefs)
        .ok_or_else(|| fail(format!("{at}.message"), format!("\"{name}\" is not a message under this profile")))?;
    let mut spec = MessageSpec::new(mh_type);
    if let Some(a) = addr(f, "src", at)? {
        spec.src = a;
    }
    if let Some(a) = addr(f, "dst", at)? {
        spec.dst = a;
    }
    spec.hoa = addr(f, "hoa", at)?;
    spec.rh2 = addr(f, "rh2", at)?;
    spec.raw = f.get("raw").and_then(Json::as_bool).unwrap_or(false);
    if let Some(opts) = f.get("options") {
        let opts = opts.as_array().ok_or_else(|| fail(format!("{at}.options"), "expected an array"))?;
        for (k, o) in opts.iter().enumerate() {
            let oat = format!("{at}.options[{k}]");
            let oname = o.get("option").and_then(Json::as_str).ok_or_else(|| fail(&oat, "an option needs \"option\""))?;
            let code = message::option_type(oname, prefs)
                .ok_or_else(|| fail(format!("{oat}.option"), format!("\"{oname}\" is not an option under this profile")))?;
            let mut sets = Vec::new();
            for (field, v) in fields(o, &oat)? {
                sets.push((vec![field.clone()], v.clone(), format!("{field}={v}")));
            }
            let data = match o.get("data") {
                None => None,
                Some(d) => Some(
                    d.as_str()
                        .and_then(|h| if h.is_empty() { Some(Vec::new()) } else { edit::hex_bytes(h) })
                        .ok_or_else(|| fail(format!("{oat}.data"), "expected the option's data octets in hex"))?,
                ),
            };
            spec.options.push(OptionSpec { code, data, sets });
        }
    }
    for (field, v) in fields(f, at)? {
        spec.sets.push(Assignment::parse(&format!("{field}={v}")).map_err(|e| edit_err(&format!("{at}.fields"), e))?);
    }
    if let Some(k) = f.get("kbm") {
        let kbm: Kbm = k
            .as_str()
            .and_then(edit::hex_bytes)
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| fail(format!("{at}.kbm"), "a Kbm is 20 octets (40 hex digits)"))?;
        spec.kbm = Some(kbm);
    }
    let (linktype, bytes) = build::build(&spec, prefs).map_err(|e| match e {
        BuildError::Edit(e) => edit_err(at, e),
        e => fail(at, e.to_string()),
    })?;
    Ok(Crafted { at_ns: time_ns(f, at)?, linktype, bytes })
}

/// The `fields` object of a frame or option: (name, value as text), in file order.
fn fields(f: &Json, at: &str) -> Result<Vec<(String, String)>, SpecError> {
    let Some(obj) = f.get("fields") else { return Ok(Vec::new()) };
    let obj = obj.as_object().ok_or_else(|| fail(format!("{at}.fields"), "expected an object of field: value"))?;
    obj.iter()
        .map(|(k, v)| {
            text_of(v)
                .map(|t| (k.clone(), t))
                .ok_or_else(|| fail(format!("{at}.fields.{k}"), "expected a number, a boolean or a string"))
        })
        .collect()
}

/// A frame of `-T json` output: its bytes, with every field whose value was edited set again.
fn from_dissection(f: &Json, at: &str, prefs: &Prefs, state: &CaptureState) -> Result<Crafted, SpecError> {
    let bytes = f
        .get("bytes")
        .and_then(Json::as_str)
        .and_then(|h| if h.is_empty() { Some(Vec::new()) } else { edit::hex_bytes(h) })
        .ok_or_else(|| fail(format!("{at}.bytes"), "expected the frame's octets in hex"))?;
    let linktype = find_linktype(f).unwrap_or(1);
    let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype, ..Default::default() };
    let mut d = Dissection::default();
    dissect::dissect_frame_want(state, dissect::tree::Want::Full, &mut d, &bytes, &meta, prefs);
    // The dissection as it is now, as JSON: any node whose value differs from the file's node
    // at the same name and offset was edited.
    let mut now = dissect::format::Out::new();
    dissect::output::json::write_frame(&mut now, &d, &bytes);
    let now: Json = serde_json::from_slice(now.as_bytes()).map_err(|e| fail(at, format!("internal: {e}")))?;
    let mut was = Vec::new();
    collect(f.get("layers").unwrap_or(&Json::Null), &mut was);
    let mut is = Vec::new();
    collect(now.get("layers").unwrap_or(&Json::Null), &mut is);
    let mut sets = Vec::new();
    for (name, offset, value) in was {
        let same = is.iter().any(|(n, o, v)| *n == name && *o == offset && *v == value);
        // Only what is on the wire can have been edited (frame.* is the capture's metadata).
        if same || value.is_null() || name.starts_with("frame.") || name.starts_with("_ws.") || !edit::settable(&name) {
            continue;
        }
        let Some(text) = text_of(&value) else { continue };
        // The occurrence of this name at this offset in the frame as it is.
        let k = is.iter().filter(|(n, o, _)| *n == name && *o <= offset).count().max(1);
        sets.push(Assignment::parse(&format!("{name}#{k}={text}")).map_err(|e| edit_err(&format!("{at}.layers"), e))?);
    }
    let (bytes, outcome) = edit::edit(&bytes, &meta, state, prefs, &sets, edit::Options::default())
        .map_err(|e| edit_err(&format!("{at}.layers"), e))?;
    if let Some(&i) = outcome.absent.first() {
        return Err(fail(format!("{at}.layers"), format!("{}: no such field in the frame", sets[i].text)));
    }
    Ok(Crafted { at_ns: time_ns(f, at)?.or_else(|| epoch_of(f)), linktype, bytes })
}

/// (name, offset, value) of every node not generated, in tree order.
fn collect(v: &Json, out: &mut Vec<(String, u64, Json)>) {
    match v {
        Json::Array(a) => a.iter().for_each(|x| collect(x, out)),
        Json::Object(o) => {
            let generated = o.get("generated").and_then(Json::as_bool).unwrap_or(false);
            if let (Some(name), Some(off), false) =
                (o.get("name").and_then(Json::as_str), o.get("offset").and_then(Json::as_u64), generated)
            {
                out.push((name.to_string(), off, o.get("value").cloned().unwrap_or(Json::Null)));
            }
            if let Some(c) = o.get("children") {
                collect(c, out);
            }
        }
        _ => {}
    }
}

fn find_node<'j>(v: &'j Json, name: &str) -> Option<&'j Json> {
    match v {
        Json::Array(a) => a.iter().find_map(|x| find_node(x, name)),
        Json::Object(o) => {
            if o.get("name").and_then(Json::as_str) == Some(name) {
                return Some(v);
            }
            o.get("children").and_then(|c| find_node(c, name))
        }
        _ => None,
    }
}

fn find_linktype(f: &Json) -> Option<u32> {
    find_node(f.get("layers")?, "frame.linktype")?.get("value")?.as_u64().and_then(|v| u32::try_from(v).ok())
}

fn epoch_of(f: &Json) -> Option<u64> {
    decimal_ns(find_node(f.get("layers")?, "frame.time_epoch")?.get("value")?.as_str()?)
}
