//! `mipscope craft`: messages built by name, captures edited by field name, whole exchanges.
//!
//! The command line only reads arguments into the `craft` crate's descriptions
//! (`craft::build::MessageSpec`, `craft::edit::Assignment`); every name it accepts comes from
//! the profile's rows and the field registry, so `mipscope craft list` and `mipscope fields`
//! are the whole vocabulary.

use crate::{io_fail, parse_prefs, Fail};
use clap::{Args, Parser, Subcommand};
use craft::build::{self, MessageSpec, Mip4Spec, OptionSpec};
use craft::edit::{Assignment, EditError};
use craft::message;
use craft::spec::Crafted;
use dissect::crypto::mip4::Algorithm;
use dissect::format::Out;
use dissect::frame::FrameMeta;
use dissect::output;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CraftArgs {
    /// Print the malformation catalogue: each mutation, what it breaks, what it provokes.
    #[arg(long)]
    list_malformations: bool,
    #[command(subcommand)]
    cmd: Option<CraftCmd>,
}

#[derive(Subcommand)]
enum CraftCmd {
    /// List the messages and options craft builds under the profile, with their names.
    List {
        #[command(flatten)]
        code_points: CodePoints,
    },
    /// Craft the frames a JSON file describes: a description (captures/specs/) or edited
    /// `mipscope dissect -T json` output.
    From(FromArgs),
    /// Edit the frames of a capture by field name; lengths stay, checksums are recomputed.
    Edit(EditArgs),
    /// Write a whole exchange (`mipscope craft scenario --list`).
    Scenario(ScenarioArgs),
    /// Build one message (`mipscope craft bu --help`; `mipscope craft list` names them all).
    #[command(external_subcommand)]
    Message(Vec<String>),
}

#[derive(Args)]
struct EditArgs {
    /// The capture to edit ("-" for standard input).
    #[arg(short = 'r', value_name = "FILE")]
    read: String,
    /// Edit only the frames this display filter matches (every frame is written).
    #[arg(short = 'Y', value_name = "FILTER", allow_hyphen_values = true)]
    filter: Option<String>,
    /// FIELD[#N]=VALUE: any field of `mipscope fields` (repeatable, applied in order).
    #[arg(long = "set", value_name = "FIELD=VALUE", required = true)]
    sets: Vec<String>,
    /// Keep every checksum as it was (a wrong one stays wrong; edited octets then break them).
    #[arg(long)]
    keep_checksums: bool,
    /// The edited capture (pcapng; "-": standard output).
    #[arg(short = 'w', value_name = "FILE", required = true)]
    write: String,
    #[command(flatten)]
    code_points: CodePoints,
}

#[derive(Args)]
struct ScenarioArgs {
    /// The scenario (see --list).
    #[arg(required_unless_present = "list")]
    name: Option<String>,
    /// List the scenarios with their parameters and defaults.
    #[arg(long)]
    list: bool,
    /// Packets to write: the exchange repeats with fresh sequence numbers, cookies and nonces
    /// until there are this many (default: one round).
    #[arg(long, value_name = "N")]
    count: Option<usize>,
    /// A parameter, KEY=VALUE (repeatable; see --list).
    #[arg(short = 'p', value_name = "KEY=VALUE")]
    params: Vec<String>,
    #[command(flatten)]
    show: Show,
    #[command(flatten)]
    code_points: CodePoints,
}

#[derive(Args)]
struct FromArgs {
    /// The JSON file ("-" for standard input).
    file: String,
    #[command(flatten)]
    show: Show,
    #[command(flatten)]
    code_points: CodePoints,
}

/// The code points every craft form builds under.
#[derive(Args, Clone)]
struct CodePoints {
    /// Code-point profile: rfc (default), draft, or a profile file (`craft from`: the file's
    /// "profile" unless given).
    #[arg(long, value_name = "NAME|FILE")]
    profile: Option<String>,
    /// Set a preference, key=value.
    #[arg(short = 'o', value_name = "KEY=VALUE")]
    prefs: Vec<String>,
}

impl CodePoints {
    /// The preferences, with `default_profile` when none is given.
    fn prefs(&self, default_profile: Option<&str>) -> Result<Prefs, Fail> {
        parse_prefs(self.profile.as_deref().or(default_profile), &self.prefs)
    }
}

/// How crafted frames are shown on standard output, and broken first if asked.
#[derive(Args, Clone)]
struct Show {
    /// Break what was built with this mutation (`--list-malformations`), or `all`: one frame
    /// per mutation that applies.
    #[arg(long, value_name = "NAME|all")]
    malform: Option<String>,
    /// Make N variants of what was built, each with one to four fields changed to odd values
    /// (zero, the maximum, one off, a bit flipped, random) through the dissector's fields, and
    /// one in four also broken by a model-level mutation; what each changed goes to stderr.
    #[arg(long, value_name = "N", conflicts_with = "malform")]
    fuzz: Option<usize>,
    /// With --fuzz: the random seed (the same seed gives the same frames).
    #[arg(long, value_name = "S", default_value_t = 1, requires = "fuzz")]
    seed: u64,
    /// With --fuzz: the field-name prefixes a change may touch.
    #[arg(long = "fuzz-scope", value_name = "PREFIX,…", value_delimiter = ',', requires = "fuzz",
          default_values_t = craft::fuzz::DEFAULT_SCOPE.iter().map(|s| s.to_string()))]
    fuzz_scope: Vec<String>,
    /// Print the full tree of what was built.
    #[arg(short = 'V')]
    verbose: bool,
    /// Print a hex dump of what was built.
    #[arg(short = 'x')]
    hex: bool,
    /// Write what was built to a pcapng file ("-": standard output) instead of printing it.
    #[arg(short = 'w', value_name = "FILE")]
    write: Option<String>,
    /// Print the packets even when writing or sending them.
    #[arg(short = 'P')]
    print: bool,
    /// Send what was built on this interface (libpcap injection; the frames' link layer must
    /// be the interface's).
    #[arg(long, value_name = "IFACE")]
    send: Option<String>,
    /// With --send: send everything this many times.
    #[arg(long = "send-count", value_name = "N", default_value_t = 1, requires = "send")]
    send_count: u64,
    /// With --send: wait this many milliseconds between frames.
    #[arg(long, value_name = "MS", default_value_t = 0, requires = "send")]
    interval: u64,
}

/// `mipscope craft MESSAGE …`
#[derive(Parser)]
#[command(name = "mipscope craft MESSAGE", about = "Build one mobility message in an IPv6 packet")]
struct MessageArgs {
    /// The message: a short name (bu, ba, hoti, …), its full name in kebab case, or its MH type.
    message: String,
    /// Source address (default 2001:db8:2::100, or 192.0.2.10 for a Mobile IPv4 message).
    #[arg(long, value_name = "ADDR")]
    src: Option<IpAddr>,
    /// Destination address (default 2001:db8:3::1, or 198.51.100.1).
    #[arg(long, value_name = "ADDR")]
    dst: Option<IpAddr>,
    /// Home Address option (in a Destination Options header) with this address.
    #[arg(long, value_name = "ADDR")]
    hoa: Option<Ipv6Addr>,
    /// Type 2 routing header carrying this home address.
    #[arg(long, value_name = "ADDR")]
    rh2: Option<Ipv6Addr>,
    /// No Ethernet header (LINKTYPE_RAW).
    #[arg(long)]
    raw: bool,
    /// Sequence number (the message's `*.seqnr` field).
    #[arg(long, value_name = "N")]
    seq: Option<String>,
    /// Lifetime (the message's `*.lifetime` field, in its units).
    #[arg(long, value_name = "N")]
    lifetime: Option<String>,
    /// Status (the message's `*.status` field): a number or its name.
    #[arg(long, value_name = "N|NAME")]
    status: Option<String>,
    /// Flags to set, as letters: A,H (the message's `*.<letter>_flag` fields).
    #[arg(long, value_name = "LETTERS", value_delimiter = ',')]
    flags: Vec<String>,
    /// An option: NAME[:DATA][=VALUE][,FIELD=VALUE…] (repeatable, in order). DATA gives its
    /// octets after Type and Length in hex (for variable sizes); VALUE sets its first field;
    /// FIELD names the end of one of its field names (`bi,bid=2,status=1`).
    #[arg(long = "opt", value_name = "SPEC")]
    opts: Vec<String>,
    /// Any field of the frame by name: FIELD[#N]=VALUE (repeatable; after the options).
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    sets: Vec<String>,
    /// Seal the Binding Authorization Data with this Kbm (40 hex digits).
    #[arg(long, value_name = "HEX")]
    kbm: Option<String>,
    /// Mobile IPv4: an extension, its whole octets in hex (Type, Length, data; repeatable).
    #[arg(long = "ext", value_name = "HEX")]
    exts: Vec<String>,
    /// Mobile IPv4: append a Mobile-Home Authentication extension with this SPI…
    #[arg(long, value_name = "N", requires = "key")]
    spi: Option<u32>,
    /// …keyed with this key (hex)…
    #[arg(long, value_name = "HEX", requires = "spi")]
    key: Option<String>,
    /// …computed as HMAC-MD5 (RFC 5944, default) or prefix+suffix keyed MD5 (RFC 2002).
    #[arg(long, value_name = "ALG", default_value = "hmac-md5", value_parser = ["hmac-md5", "prefix-suffix-md5"])]
    alg: String,
    #[command(flatten)]
    show: Show,
    #[command(flatten)]
    code_points: CodePoints,
}

pub fn run(a: CraftArgs) -> Result<(), Fail> {
    let Some(cmd) = a.cmd else {
        if a.list_malformations {
            return list_malformations();
        }
        return Err(Fail("craft needs a message, list, from, or --list-malformations (see mipscope craft --help)".into(), 1));
    };
    match cmd {
        CraftCmd::List { code_points } => list(&code_points.prefs(None)?),
        CraftCmd::From(a) => from_file(a),
        CraftCmd::Edit(a) => edit_capture(a),
        CraftCmd::Scenario(a) => scenario(a),
        CraftCmd::Message(argv) => {
            let m = MessageArgs::try_parse_from(std::iter::once("mipscope craft".to_string()).chain(argv)).map_err(clap_fail)?;
            one_message(m)
        }
    }
}

/// A clap error of the inner parser as the outer one reports it: help printed, else one line.
fn clap_fail(e: clap::Error) -> Fail {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return Fail(String::new(), 0);
    }
    Fail(crate::clap_line(&e.to_string()), 1)
}

/// The problem on one line, then the assignment with a caret under where it starts.
fn edit_fail(flag: &str, e: &EditError) -> Fail {
    let sep = if flag.is_empty() { "" } else { " " };
    Fail(format!("{flag}{sep}{}: {}\n{}", e.text, e.why, e.caret()), 1)
}

fn list(prefs: &Prefs) -> Result<(), Fail> {
    let mut s = format!("# messages (profile {}): MH type, short name, name\n", prefs.profile.name());
    for m in message::messages(prefs) {
        s.push_str(&format!("{:>3}  {:<6} {}\n", m.mh_type, m.short.unwrap_or("-"), message::kebab(m.name)));
    }
    s.push_str(&format!("# Mobile IPv4 messages (UDP {}): type, short name, name\n", dissect::mip4::UDP_PORT));
    for (t, name, short) in build::mip4_messages(prefs) {
        s.push_str(&format!("{t:>3}  {short:<14} {}\n", message::kebab(name)));
    }
    s.push_str("# options: type, short names, name\n");
    for o in message::options(prefs) {
        let short = match o.short {
            Some(x) => format!("{x}, {}", o.suffix),
            None => o.suffix.to_string(),
        };
        s.push_str(&format!("{:>3}  {:<20} {}\n", o.code, short, message::kebab(o.name)));
    }
    std::io::stdout().lock().write_all(s.as_bytes()).map_err(io_fail)
}

/// `--opt NAME[=VALUE][,FIELD=VALUE…]`
fn option_spec(text: &str, prefs: &Prefs) -> Result<OptionSpec, Fail> {
    let mut parts = text.split(',');
    let head = parts.next().unwrap_or_default();
    let (head, data) = match head.split_once(':') {
        Some((h, hex)) if !h.contains('=') => {
            let d = if hex.is_empty() { Some(Vec::new()) } else { craft::edit::hex_bytes(hex) };
            (h, Some(d.ok_or_else(|| Fail(format!("--opt {text}: \"{hex}\" is not the option's data in hex"), 1))?))
        }
        _ => (head, None),
    };
    let (name, value) = match head.split_once('=') {
        Some((n, v)) => (n, Some(v)),
        None => (head, None),
    };
    let code = message::option_type(name, prefs).ok_or_else(|| {
        Fail(format!("--opt {text}: \"{name}\" is not an option under this profile (see `mipscope craft list`)"), 1)
    })?;
    let mut sets = Vec::new();
    if let Some(v) = value {
        sets.push((vec![], v.to_string(), head.to_string()));
    }
    for p in parts {
        let (k, v) = p.split_once('=').ok_or_else(|| Fail(format!("--opt {text}: \"{p}\" is not FIELD=VALUE"), 1))?;
        sets.push((vec![format!(".{k}")], v.to_string(), p.to_string()));
    }
    Ok(OptionSpec { code, data, sets })
}

fn one_message(a: MessageArgs) -> Result<(), Fail> {
    let prefs = a.code_points.prefs(None)?;
    let mut sets = Vec::new();
    let sugar = |flag: &str, suffixes: &[&str], v: &str| {
        let text = format!("{flag}={v}");
        Assignment::suffix(suffixes, None, v, &text)
    };
    if let Some(v) = &a.seq {
        sets.push(sugar("--seq", &[".seqnr", ".seq"], v));
    }
    if let Some(v) = &a.lifetime {
        sets.push(sugar("--lifetime", &[".lifetime", "mip.life"], v));
    }
    if let Some(v) = &a.status {
        sets.push(sugar("--status", &[".status", "mip.code"], v));
    }
    for l in a.flags.iter().filter(|l| !l.is_empty()) {
        let l = l.to_ascii_lowercase();
        let (mh, mip4) = (format!(".{l}_flag"), format!("mip.{l}"));
        sets.push(Assignment::suffix(&[mh.as_str(), mip4.as_str()], None, "1", &format!("--flags {l}")));
    }
    for s in &a.sets {
        sets.push(Assignment::parse(s).map_err(|e| edit_fail("--set", &e))?);
    }
    let built = if let Some(mh_type) = message::message_type(&a.message, &prefs) {
        let mut spec = MessageSpec::new(mh_type);
        spec.src = v6(a.src, spec.src, "--src")?;
        spec.dst = v6(a.dst, spec.dst, "--dst")?;
        (spec.hoa, spec.rh2, spec.raw) = (a.hoa, a.rh2, a.raw);
        for o in &a.opts {
            spec.options.push(option_spec(o, &prefs)?);
        }
        spec.sets = sets;
        if let Some(k) = &a.kbm {
            let v = craft::edit::hex_bytes(k)
                .and_then(|v| <[u8; 20]>::try_from(v).ok())
                .ok_or_else(|| Fail(format!("--kbm {k}: a Kbm is 20 octets (40 hex digits)"), 1))?;
            spec.kbm = Some(v);
        }
        build::build(&spec, &prefs)
    } else if let Some(ty) = build::mip4_type(&a.message, &prefs) {
        let mut spec = Mip4Spec::new(ty);
        spec.src = v4(a.src, spec.src, "--src")?;
        spec.dst = v4(a.dst, spec.dst, "--dst")?;
        spec.raw = a.raw;
        for x in &a.exts {
            spec.extensions.push(craft::edit::hex_bytes(x).ok_or_else(|| Fail(format!("--ext {x}: not hex octets"), 1))?);
        }
        spec.sets = sets;
        if let (Some(spi), Some(k)) = (a.spi, &a.key) {
            let key = craft::edit::hex_bytes(k).ok_or_else(|| Fail(format!("--key {k}: not hex octets"), 1))?;
            let alg = if a.alg == "hmac-md5" { Algorithm::HmacMd5 } else { Algorithm::PrefixSuffixMd5 };
            spec.mn_ha = Some((spi, key, alg));
        }
        build::build_mip4(&spec, &prefs)
    } else {
        return Err(Fail(format!("\"{}\" is not a message under this profile (see `mipscope craft list`)", a.message), 1));
    };
    let (linktype, bytes) = built.map_err(|e| match e {
        build::BuildError::Edit(e) => edit_fail("", &e),
        e => Fail(e.to_string(), 1),
    })?;
    show(a.show, &[Crafted { at_ns: None, linktype, bytes }], &prefs)
}

fn v6(a: Option<IpAddr>, default: Ipv6Addr, flag: &str) -> Result<Ipv6Addr, Fail> {
    match a {
        None => Ok(default),
        Some(IpAddr::V6(a)) => Ok(a),
        Some(IpAddr::V4(a)) => Err(Fail(format!("{flag} {a}: a Mobility Header travels over IPv6"), 1)),
    }
}

fn v4(a: Option<IpAddr>, default: Ipv4Addr, flag: &str) -> Result<Ipv4Addr, Fail> {
    match a {
        None => Ok(default),
        Some(IpAddr::V4(a)) => Ok(a),
        Some(IpAddr::V6(a)) => Err(Fail(format!("{flag} {a}: a Mobile IPv4 message travels over IPv4"), 1)),
    }
}

fn edit_capture(a: EditArgs) -> Result<(), Fail> {
    let prefs = a.code_points.prefs(None)?;
    let filter = a.filter.as_deref().map(crate::compile_filter).transpose()?;
    let sets: Vec<Assignment> =
        a.sets.iter().map(|s| Assignment::parse(s).map_err(|e| edit_fail("--set", &e))).collect::<Result<_, _>>()?;
    let input: Box<dyn std::io::Read + Send> = if a.read == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(&a.read).map_err(|e| Fail(format!("{}: {e}", a.read), 2))?)
    };
    let mut w = crate::capture::open_writer(&a.write)?;
    let opts = craft::edit::Options { keep_checksums: a.keep_checksums };
    let mut state = dissect::tree::CaptureState::default();
    let mut d = Dissection::default();
    let (mut edited, mut absent) = (0u64, vec![0u64; sets.len()]);
    let mut failure = None;
    let result = dissect::capture::Source::File(input).for_each(|meta, data, described| {
        let ifaces = described.interfaces;
        dissect::dissect_frame_want(&state, dissect::tree::Want::Full, &mut d, data, meta, &prefs);
        let selected = filter.as_ref().is_none_or(|f| f.matches(&d, data));
        let out = if selected {
            match craft::edit::edit(data, meta, &state, &prefs, &sets, opts) {
                Ok((bytes, outcome)) => {
                    for &i in &outcome.absent {
                        absent[i] += 1;
                    }
                    edited += 1;
                    Some(bytes)
                }
                Err(e) => {
                    failure = Some(Fail(format!("frame {}: {}: {}\n{}", meta.number, e.text, e.why, e.caret()), 1));
                    return false;
                }
            }
        } else {
            None
        };
        state.learn(&d);
        // A value of another size changed the frame's length: so did its length on the wire.
        let mut meta = *meta;
        if let Some(b) = out.as_ref().filter(|b| b.len() != data.len()) {
            meta.wire_len = (meta.wire_len as usize + b.len()).saturating_sub(data.len()) as u32;
        }
        // Edited or not, a frame keeps its comments and flags, as `dissect -w` copies them.
        if let Err(e) = w.write_described(&meta, out.as_deref().unwrap_or(data), ifaces, described.comments) {
            failure = Some(Fail(format!("{}: {e}", a.write), 1));
            return false;
        }
        true
    });
    if let Some(f) = failure {
        return Err(f);
    }
    w.flush().map_err(|e| Fail(format!("{}: {e}", a.write), 1))?;
    for (s, n) in sets.iter().zip(&absent).filter(|(_, n)| **n > 0) {
        eprintln!("mipscope: {}: not in {n} of the {edited} frames edited (left as they were)", s.name());
    }
    if edited == 0 && result.is_ok() {
        // The copy is written all the same (a pipeline goes on), but an edit that touched
        // nothing is rarely what was meant.
        let why = if filter.is_some() { "-Y matched no frame" } else { "the capture has no frame" };
        eprintln!("mipscope: nothing edited: {why} (the copy is unchanged)");
    }
    result.map(|_| ()).map_err(|(_, e)| Fail(format!("{}: {e}", a.read), 2))
}

fn scenario(a: ScenarioArgs) -> Result<(), Fail> {
    use craft::scenario::{self as sc, mag_reflector, mcoa, mip4_haaro, nemo_vmn_ro, pmipv6, pmipv6_ro, rfc6275_rr, Params as _};
    if a.list {
        let mut s = String::new();
        for (name, what, keys) in sc::CATALOGUE {
            s.push_str(&format!("{name}\t{what}\n"));
            for (k, help) in keys.iter().chain(sc::TIMING) {
                s.push_str(&format!("    -p {k}=…\t{help}\n"));
            }
        }
        return std::io::stdout().lock().write_all(s.as_bytes()).map_err(io_fail);
    }
    let name = a.name.as_deref().unwrap_or_default();
    let prefs = a.code_points.prefs(None)?;
    let bad = |e: String| Fail(format!("scenario {name}: {e}"), 1);
    let count = a.count;
    let make = |sink: &mut dyn FnMut(sc::Step) -> Result<(), String>| -> Result<(), Fail> {
        match name {
            "rfc6275-rr" => {
                let p = rfc6275_rr::Params::from_kvs(&a.params).map_err(bad)?;
                rfc6275_rr::stream(&p, count.unwrap_or(rfc6275_rr::ROUND), &prefs, sink).map_err(bad)
            }
            "pmipv6" => {
                let p = pmipv6::Params::from_kvs(&a.params).map_err(bad)?;
                pmipv6::stream(&p, count.unwrap_or(pmipv6::ROUND), &prefs, sink).map_err(bad)
            }
            "mcoa" => {
                let p = mcoa::Params::from_kvs(&a.params).map_err(bad)?;
                let round = mcoa::round_len(p.coas.len());
                mcoa::stream(&p, count.unwrap_or(round), &prefs, sink).map_err(bad)
            }
            "nemo-vmn-ro" => {
                let p = nemo_vmn_ro::Params::from_kvs(&a.params).map_err(bad)?;
                nemo_vmn_ro::stream(&p, count.unwrap_or(nemo_vmn_ro::ROUND), &prefs, sink).map_err(bad)
            }
            "mag-reflector" => {
                let p = mag_reflector::Params::from_kvs(&a.params).map_err(bad)?;
                mag_reflector::stream(&p, count.unwrap_or(mag_reflector::ROUND), &prefs, sink).map_err(bad)
            }
            "mip4-haaro" => {
                let p = mip4_haaro::Params::from_kvs(&a.params).map_err(bad)?;
                mip4_haaro::stream(&p, count.unwrap_or(mip4_haaro::ROUND), &prefs, sink).map_err(bad)
            }
            "pmipv6-ro" => {
                let p = pmipv6_ro::Params::from_kvs(&a.params).map_err(bad)?;
                pmipv6_ro::stream(&p, count.unwrap_or(pmipv6_ro::ROUND), &prefs, sink).map_err(bad)
            }
            _ => Err(Fail(format!("\"{name}\" is not a scenario (see mipscope craft scenario --list)"), 1)),
        }
    };
    // Written straight to a file, an exchange is streamed (bounded memory whatever --count
    // says): this thread makes the steps, a writer thread emits and writes them, batch by batch.
    // Anything else needs the frames in hand.
    let streams = a.show.send.is_none()
        && a.show.malform.is_none()
        && a.show.fuzz.is_none()
        && !(a.show.print || a.show.verbose || a.show.hex);
    if let (Some(path), true) = (&a.show.write, streams) {
        if !sc::CATALOGUE.iter().any(|(n, ..)| *n == name) {
            return make(&mut |_| Ok(())); // the error, before a file is made
        }
        let w = FrameWriter::open(path)?;
        const BATCH: usize = 256;
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<sc::Step>>(8);
        return std::thread::scope(|scope| {
            let prefs = &prefs;
            let writer = scope.spawn(move || -> Result<FrameWriter, Fail> {
                let mut w = w;
                let mut bufs = dissect::stack::EmitBufs::default();
                let mut f = Crafted { at_ns: None, linktype: 0, bytes: Vec::new() };
                for batch in rx {
                    for s in batch {
                        s.frame.emit_into(prefs, &mut bufs, &mut f.bytes).map_err(|e| bad(e.to_string()))?;
                        (f.at_ns, f.linktype) = (Some(s.at_ns), s.frame.linktype);
                        w.write(&f)?;
                    }
                }
                Ok(w)
            });
            let mut batch = Vec::with_capacity(BATCH);
            let made = make(&mut |s| {
                batch.push(s);
                if batch.len() == BATCH {
                    // A closed channel: the writer failed, and says why when joined.
                    tx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).map_err(|_| "not written".to_string())?;
                }
                Ok(())
            });
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
            drop(tx);
            let w = writer.join().map_err(|_| Fail(format!("{path}: the writer stopped"), 1))??;
            made?;
            w.finish()
        });
    }
    let mut kept: Vec<Crafted> = Vec::new();
    make(&mut |s| {
        let bytes = s.frame.emit(&prefs).map_err(|e| e.to_string())?;
        kept.push(Crafted { at_ns: Some(s.at_ns), linktype: s.frame.linktype, bytes });
        Ok(())
    })?;
    show(a.show, &kept, &prefs)
}

/// Frames written to a pcapng file as they come: one interface per link type, in order of
/// first use; frames without a time of their own take the time the first was made.
struct FrameWriter {
    path: String,
    w: dissect::capture::write::PcapngWriter<Box<dyn Write + Send>>,
    ifaces: dissect::capture::Interfaces,
    first: Option<u64>,
    n: u64,
}

impl FrameWriter {
    fn open(path: &str) -> Result<Self, Fail> {
        Ok(FrameWriter {
            path: path.to_string(),
            w: crate::capture::open_writer(path)?,
            ifaces: Default::default(),
            first: None,
            n: 0,
        })
    }

    fn write(&mut self, f: &Crafted) -> Result<(), Fail> {
        let now = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
        let first = *self.first.get_or_insert_with(|| f.at_ns.unwrap_or_else(now));
        let k = match self.ifaces.iter().position(|x| x.linktype == f.linktype) {
            Some(k) => k,
            None => {
                self.ifaces.push(dissect::capture::Interface::new(None, f.linktype, 0));
                self.ifaces.len() - 1
            }
        };
        self.n += 1;
        let meta = meta_of(self.n, f, first, Some(k as u32));
        self.w.write(&meta, &f.bytes, &self.ifaces).map_err(|e| Fail(format!("{}: {e}", self.path), 1))
    }

    fn finish(mut self) -> Result<(), Fail> {
        self.w.flush().map_err(|e| Fail(format!("{}: {e}", self.path), 1))
    }
}

/// The capture metadata of the `number`-th crafted frame.
fn meta_of(number: u64, f: &Crafted, first: u64, iface: Option<u32>) -> FrameMeta {
    let t = f.at_ns.unwrap_or(first);
    FrameMeta {
        number,
        ts: ((t / 1_000_000_000) as i64, (t % 1_000_000_000) as u32),
        rel_ns: t.saturating_sub(first) as i64,
        wire_len: f.bytes.len() as u32,
        linktype: f.linktype,
        interface: iface,
        // Written in nanoseconds (`if_tsresol` 9), so shown with nine decimals, as `dissect -r`
        // and tshark show the file.
        ts_digits: Some(9),
        ..Default::default()
    }
}

fn from_file(a: FromArgs) -> Result<(), Fail> {
    let text = if a.file == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).map(|_| s)
    } else {
        std::fs::read_to_string(&a.file)
    }
    .map_err(|e| Fail(format!("{}: {e}", a.file), 2))?;
    let doc: serde_json::Value = serde_json::from_str(&text).map_err(|e| Fail(format!("{}: {e}", a.file), 1))?;
    let prefs = a.code_points.prefs(craft::spec::profile(&doc))?;
    let frames = craft::spec::craft(&doc, &prefs).map_err(|e| Fail(format!("{}: {e}", a.file), 1))?;
    show(a.show, &frames, &prefs)
}

/// Every frame broken by the named mutation (each that applies, for `all`).
fn malform(name: &str, frames: &[Crafted], prefs: &Prefs) -> Result<Vec<Crafted>, Fail> {
    use craft::malform::{find, CATALOGUE};
    let mut out = Vec::new();
    if name == "all" {
        for f in frames {
            let mut seen = std::collections::HashSet::new();
            for m in CATALOGUE {
                // Two mutations that break a frame the same way (ip.version reaches an IPv6
                // header too) give one frame.
                if let Ok(bytes) = m.apply(f.linktype, &f.bytes, prefs) {
                    if seen.insert(bytes.clone()) {
                        out.push(Crafted { bytes, ..f.clone() });
                    }
                }
            }
        }
        return Ok(out);
    }
    let m = find(name).ok_or_else(|| Fail(format!("--malform {name}: no such mutation (see --list-malformations)"), 1))?;
    for f in frames {
        let bytes = m.apply(f.linktype, &f.bytes, prefs).map_err(|e| Fail(format!("--malform {e}"), 1))?;
        out.push(Crafted { bytes, ..f.clone() });
    }
    Ok(out)
}

/// `--fuzz N`: the variants, each one's changes on stderr (`fuzz 3: mip6.bu.lifetime=0`).
fn fuzz(frames: &[Crafted], count: usize, seed: u64, scope: &[String], prefs: &Prefs) -> Result<Vec<Crafted>, Fail> {
    let scope: Vec<&str> = scope.iter().map(String::as_str).collect();
    let plan = craft::fuzz::Plan { count, seed, scope: &scope };
    let made = craft::fuzz::fuzz(frames, &plan, prefs).map_err(|e| Fail(format!("--fuzz: {e}"), 1))?;
    let mut log = String::new();
    for (i, f) in made.iter().enumerate() {
        log.push_str(&format!("fuzz {}: {}\n", i + 1, f.changes.join(", ")));
    }
    std::io::stderr().lock().write_all(log.as_bytes()).map_err(io_fail)?;
    Ok(made.into_iter().map(|f| f.frame).collect())
}

fn list_malformations() -> Result<(), Fail> {
    let mut s = String::from("# name\tprovokes\tshown on\twhat it breaks\n");
    for m in craft::malform::CATALOGUE {
        let also = if m.also.is_empty() { String::new() } else { format!(" (+{})", m.also.join(", ")) };
        s.push_str(&format!("{}\t{}{also}\t{} ({})\t{}\n", m.name, m.provokes, m.base, m.profile, m.what));
    }
    std::io::stdout().lock().write_all(s.as_bytes()).map_err(io_fail)
}

/// Breaks the frames if asked, then writes them (-w), sends them (--send) and/or prints them
/// as `mipscope dissect` would: the packet list, or -V trees, with -x. Frames without a time of
/// their own take the time they were made.
fn show(s: Show, frames: &[Crafted], prefs: &Prefs) -> Result<(), Fail> {
    if s.write.as_deref() == Some("-") && s.print {
        return Err(Fail("-P cannot be used with -w -: packets and the capture would share standard output".into(), 1));
    }
    if s.fuzz == Some(0) {
        return Err(Fail("--fuzz 0: the number of variants must be at least 1".into(), 1));
    }
    let broken;
    let frames = match (&s.malform, s.fuzz) {
        (Some(name), _) => {
            broken = malform(name, frames, prefs)?;
            &broken[..]
        }
        (None, Some(count)) => {
            broken = fuzz(frames, count, s.seed, &s.fuzz_scope, prefs)?;
            &broken[..]
        }
        (None, None) => frames,
    };
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    let first = frames.iter().find_map(|f| f.at_ns).unwrap_or(now);
    if let Some(path) = &s.write {
        let mut w = FrameWriter::open(path)?;
        w.first = Some(first);
        for f in frames {
            w.write(f)?;
        }
        w.finish()?;
    }
    if let Some(iface) = &s.send {
        let mut inj = craft::inject::Injector::open(iface).map_err(|e| Fail(e, 2))?;
        let all: Vec<(u32, Vec<u8>)> = frames.iter().map(|f| (f.linktype, f.bytes.clone())).collect();
        let n = inj.send_all(&all, s.send_count, std::time::Duration::from_millis(s.interval)).map_err(|e| Fail(e, 2))?;
        eprintln!("{n} packet{} sent on {iface}", if n == 1 { "" } else { "s" });
    }
    if (s.write.is_some() || s.send.is_some()) && !s.print {
        return Ok(());
    }
    let mut out = Out::new();
    // Shown as `dissect -r` shows the capture written: one pass, reassembling and tracking.
    let mut pass = dissect::stepper::Stepper::default();
    for (i, f) in frames.iter().enumerate() {
        let meta = meta_of(i as u64 + 1, f, first, None);
        pass.step(dissect::tree::Want::Full, prefs, &meta, &f.bytes, |d, data| {
            if s.verbose {
                output::write_tree_x(&mut out, d, data, s.hex);
            } else if !s.hex {
                output::write_summary(&mut out, d, output::TimeFormat::default());
            }
        });
        if s.hex {
            if s.verbose {
                out.push('\n');
            }
            output::write_hex_dump(&mut out, &f.bytes);
        }
        if s.verbose || s.hex {
            out.push('\n');
        }
    }
    std::io::stdout().lock().write_all(out.as_bytes()).map_err(io_fail)
}
