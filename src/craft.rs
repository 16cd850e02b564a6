//! `mipscope craft`: messages built by name, captures edited by field name, whole exchanges.
//!
//! The command line only reads arguments into the `craft` crate's descriptions
//! (`craft::build::MessageSpec`, `craft::edit::Assignment`); every name it accepts comes from
//! the profile's rows and the field registry, so `mipscope craft list` and `mipscope fields`
//! are the whole vocabulary.

use crate::{io_fail, parse_prefs, Fail};
use clap::{Args, Parser, Subcommand};
use craft::build::{self, MessageSpec, OptionSpec};
use craft::edit::{Assignment, EditError};
use craft::message;
use craft::spec::Crafted;
use dissect::format::Out;
use dissect::frame::FrameMeta;
use dissect::output;
use dissect::prefs::Prefs;
use dissect::tree::Dissection;
use std::io::Write;
use std::net::Ipv6Addr;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CraftArgs {
    #[command(subcommand)]
    cmd: CraftCmd,
}

#[derive(Subcommand)]
enum CraftCmd {
    /// List the messages and options craft builds under the profile, with their names.
    List {
        /// Code-point profile: rfc (default), draft, or a profile file.
        #[arg(long, value_name = "NAME|FILE")]
        profile: Option<String>,
        /// Set a preference, key=value.
        #[arg(short = 'o', value_name = "KEY=VALUE")]
        prefs: Vec<String>,
    },
    /// Craft the frames a JSON file describes: a description (captures/specs/) or edited
    /// `mipscope dissect -T json` output.
    From(FromArgs),
    /// Build one message (`mipscope craft bu --help`; `mipscope craft list` names them all).
    #[command(external_subcommand)]
    Message(Vec<String>),
}

#[derive(Args)]
struct FromArgs {
    /// The JSON file ("-" for standard input).
    file: String,
    #[command(flatten)]
    show: Show,
    /// Code-point profile (default: the file's "profile", else rfc).
    #[arg(long, value_name = "NAME|FILE")]
    profile: Option<String>,
    /// Set a preference, key=value.
    #[arg(short = 'o', value_name = "KEY=VALUE")]
    prefs: Vec<String>,
}

/// How crafted frames are shown on standard output.
#[derive(Args, Clone, Copy)]
struct Show {
    /// Print the full tree of what was built.
    #[arg(short = 'V')]
    verbose: bool,
    /// Print a hex dump of what was built.
    #[arg(short = 'x')]
    hex: bool,
}

/// `mipscope craft MESSAGE …`
#[derive(Parser)]
#[command(name = "mipscope craft MESSAGE", about = "Build one mobility message in an IPv6 packet")]
struct MessageArgs {
    /// The message: a short name (bu, ba, hoti, …), its full name in kebab case, or its MH type.
    message: String,
    /// Source address.
    #[arg(long, default_value = "2001:db8:2::100")]
    src: Ipv6Addr,
    /// Destination address.
    #[arg(long, default_value = "2001:db8:3::1")]
    dst: Ipv6Addr,
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
    /// FIELD names the end of one of its field names (`bid=2,s=1`).
    #[arg(long = "opt", value_name = "SPEC")]
    opts: Vec<String>,
    /// Any field of the frame by name: FIELD[#N]=VALUE (repeatable; after the options).
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    sets: Vec<String>,
    /// Seal the Binding Authorization Data with this Kbm (40 hex digits).
    #[arg(long, value_name = "HEX")]
    kbm: Option<String>,
    #[command(flatten)]
    show: Show,
    /// Code-point profile: rfc (default), draft, or a profile file.
    #[arg(long, value_name = "NAME|FILE")]
    profile: Option<String>,
    /// Set a preference, key=value.
    #[arg(short = 'o', value_name = "KEY=VALUE")]
    prefs: Vec<String>,
}

pub fn run(a: CraftArgs) -> Result<(), Fail> {
    match a.cmd {
        CraftCmd::List { profile, prefs } => list(&parse_prefs(profile.as_deref(), &prefs)?),
        CraftCmd::From(a) => from_file(a),
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
    let text = e.to_string();
    Fail(text.lines().next().unwrap_or("invalid arguments").trim_start_matches("error: ").to_string(), 1)
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
    let prefs = parse_prefs(a.profile.as_deref(), &a.prefs)?;
    let mh_type = message::message_type(&a.message, &prefs)
        .ok_or_else(|| Fail(format!("\"{}\" is not a message under this profile (see `mipscope craft list`)", a.message), 1))?;
    let mut spec = MessageSpec::new(mh_type);
    (spec.src, spec.dst, spec.hoa, spec.rh2, spec.raw) = (a.src, a.dst, a.hoa, a.rh2, a.raw);
    for o in &a.opts {
        spec.options.push(option_spec(o, &prefs)?);
    }
    let sugar = |flag: &str, suffixes: &[&str], v: &str| {
        let text = format!("{flag}={v}");
        Assignment::suffix(suffixes, None, v, &text)
    };
    if let Some(v) = &a.seq {
        spec.sets.push(sugar("--seq", &[".seqnr", ".seq"], v));
    }
    if let Some(v) = &a.lifetime {
        spec.sets.push(sugar("--lifetime", &[".lifetime"], v));
    }
    if let Some(v) = &a.status {
        spec.sets.push(sugar("--status", &[".status"], v));
    }
    for l in a.flags.iter().filter(|l| !l.is_empty()) {
        let suffix = format!(".{}_flag", l.to_ascii_lowercase());
        spec.sets.push(Assignment::suffix(&[suffix.as_str()], None, "1", &format!("--flags {l}")));
    }
    for s in &a.sets {
        spec.sets.push(Assignment::parse(s).map_err(|e| edit_fail("--set", &e))?);
    }
    if let Some(k) = &a.kbm {
        let v = craft::edit::hex_bytes(k)
            .and_then(|v| <[u8; 20]>::try_from(v).ok())
            .ok_or_else(|| Fail(format!("--kbm {k}: a Kbm is 20 octets (40 hex digits)"), 1))?;
        spec.kbm = Some(v);
    }
    let (linktype, bytes) = build::build(&spec, &prefs).map_err(|e| match e {
        build::BuildError::Edit(e) => edit_fail("", &e),
        e => Fail(e.to_string(), 1),
    })?;
    show(a.show, &[Crafted { at_ns: None, linktype, bytes }], &prefs)
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
    let profile = a.profile.as_deref().or(craft::spec::profile(&doc));
    let prefs = parse_prefs(profile, &a.prefs)?;
    let frames = craft::spec::craft(&doc, &prefs).map_err(|e| Fail(format!("{}: {e}", a.file), 1))?;
    show(a.show, &frames, &prefs)
}

/// Prints crafted frames as `mipscope dissect` would: the packet list, or -V trees, with -x.
fn show(s: Show, frames: &[Crafted], prefs: &Prefs) -> Result<(), Fail> {
    let mut out = Out::new();
    let mut d = Dissection::default();
    let mut state = dissect::tree::CaptureState::default();
    let first = frames.iter().find_map(|f| f.at_ns).unwrap_or(0);
    for (i, f) in frames.iter().enumerate() {
        let t = f.at_ns.unwrap_or(first);
        let meta = FrameMeta {
            number: i as u64 + 1,
            ts: ((t / 1_000_000_000) as i64, (t % 1_000_000_000) as u32),
            rel_ns: t.saturating_sub(first) as i64,
            wire_len: f.bytes.len() as u32,
            linktype: f.linktype,
            ..Default::default()
        };
        dissect::dissect_frame_in(&mut state, &mut d, &f.bytes, &meta, prefs);
        if s.verbose {
            output::write_tree(&mut out, &d, &f.bytes);
        } else {
            output::write_summary(&mut out, &d);
        }
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
