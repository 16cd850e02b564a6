//! `-w`: the CLI's capture writing. A filtering copy (`-r F -Y X -w OUT`) keeps exactly the
//! frames tshark's own filtering copy (`tshark -r F -Y X -w OUT`) keeps, with their bytes,
//! interfaces and timestamps, in one pass or two (`-2`, on one thread or two); `-w -` writes
//! the same file to standard output; `-w` prints nothing unless -P, which prints what the
//! command prints without -w.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_mipscope");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn crafted(name: &str) -> String {
    root().join("captures/crafted").join(name).to_string_lossy().into_owned()
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run mipscope")
}

/// `run` on one thread or two (`-2` always takes the two-thread pipeline's path; the others
/// write from the one thread that reads).
fn run_on(threads: &str, args: &[&str]) -> Output {
    Command::new(BIN).args(args).env("MIPSCOPE_THREADS", threads).output().expect("run mipscope")
}

#[path = "support/tmp.rs"]
mod tmp;

fn tmp(name: &str) -> tmp::TmpPath {
    tmp::TmpPath::new("cli-write", name)
}

/// (interface id, interface name, timestamp, wire length, bytes) of every packet.
type Packets = Vec<(u32, Option<String>, (i64, u32), u32, Vec<u8>)>;

fn packets(bytes: &[u8]) -> Packets {
    let mut v = Vec::new();
    dissect::capture::stream(bytes, |m, d, ifs| {
        let i = m.interface.unwrap_or(0);
        v.push((i, ifs.interfaces.get(i as usize).and_then(|f| f.name.clone()), m.ts, m.wire_len, d.to_vec()));
        true
    })
    .expect("capture reads back");
    v
}

fn tshark_available() -> bool {
    let there = Command::new("tshark").arg("-v").output().is_ok_and(|o| o.status.success());
    if !there {
        assert!(std::env::var_os("CI").is_none(), "tshark is required in CI");
        eprintln!("SKIPPED: tshark is not installed");
    }
    there
}

/// (file, filter): several interfaces and link types, pcap input, and filters on MH fields,
/// addresses and tunnels.
const COPIES: &[(&str, &str)] = &[
    ("mh-messages.pcapng", "mip6.mhtype == 5 || mip6.mhtype == 6"),
    ("mh-messages.pcapng", "mip6.ba.status >= 128"),
    ("linktypes.pcapng", "mip6.bu.seqnr >= 202"),
    ("linktypes.pcapng", "mip"),
    ("tunnels.pcapng", "ipv6 && ip"),
    ("bu-ba-le-nsec.pcap", "mip6.mhtype == 6"),
    ("optext-pmipv6.pcapng", "mip6.mhtype == 5 and frame.number > 2"),
];

#[test]
fn a_filtering_copy_keeps_what_tsharks_keeps() {
    if !tshark_available() {
        return;
    }
    // (mipscope's extra arguments and threads, tshark's extra arguments)
    let passes: &[(&[&str], &str, &[&str])] = &[(&[], "2", &[]), (&["-2"], "1", &["-2"]), (&["-2"], "2", &["-2"])];
    for (i, ((file, filter), (two, threads, their_two))) in
        COPIES.iter().flat_map(|c| passes.iter().map(move |p| (c, p))).enumerate()
    {
        let ours = tmp(&format!("ours-{i}.pcapng"));
        let theirs = tmp(&format!("theirs-{i}.pcapng"));
        let o = run_on(threads, &[&["dissect", "-r", &crafted(file), "-Y", filter, "-w", &ours][..], two].concat());
        assert!(o.status.success(), "{file} -Y {filter} {two:?}: {}", String::from_utf8_lossy(&o.stderr));
        assert!(o.stdout.is_empty() && o.stderr.is_empty(), "-w without -P prints nothing");
        let t = Command::new("tshark")
            .args(["-r", &crafted(file), "-Y", filter, "-F", "pcapng"])
            .args(*their_two)
            .arg("-w")
            .arg(&theirs)
            .output()
            .unwrap();
        assert!(t.status.success(), "tshark {file} -Y {filter} {their_two:?}");
        let (a, b) = (packets(&std::fs::read(&ours).unwrap()), packets(&std::fs::read(&theirs).unwrap()));
        assert!(!a.is_empty(), "{file} -Y {filter} selects nothing: a useless case");
        // tshark renumbers interfaces when it copies (only those used); names, times, bytes
        // must agree.
        let strip = |p: &Packets| -> Vec<_> { p.iter().map(|(_, n, ts, w, d)| (n.clone(), *ts, *w, d.clone())).collect() };
        let mut sa = strip(&a);
        if file.ends_with(".pcap") {
            // No names in a classic pcap; tshark's copy has none either.
            sa.iter_mut().for_each(|p| p.0 = None);
        }
        assert_eq!(sa, strip(&b), "{file} -Y {filter}");
        // Each packet keeps its own interface id from the input.
        let input = packets(&std::fs::read(crafted(file)).unwrap());
        for p in &a {
            assert!(input.contains(p), "{file}: a packet changed on the way");
        }
    }
}

/// `-2 -Y X -w OUT` with a filter only a second pass can decide (a request no response
/// answered, `mip6.unanswered`): the copy holds exactly the input's packets that the two-pass
/// field list marks, with their interfaces, on one thread and two; with -P it prints what
/// `-2 -Y X` prints. (tshark has no request/response tracking for Mobile IPv6 to compare with.)
#[test]
fn a_two_pass_copy_keeps_the_requests_no_response_answered() {
    for file in ["linktypes.pcapng", "optext-options.pcapng"] {
        let input = packets(&std::fs::read(crafted(file)).unwrap());
        let marked = String::from_utf8(
            run(&["dissect", "-r", &crafted(file), "-2", "-T", "fields", "-e", "frame.number", "-e", "mip6.unanswered"]).stdout,
        )
        .unwrap();
        let want: Packets = marked
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .filter(|(_, u)| !u.is_empty())
            .map(|(n, _)| input[n.parse::<usize>().unwrap() - 1].clone())
            .collect();
        assert!(want.len() >= 5, "{file}: {} unanswered requests: a weak case", want.len());
        let listed = run(&["dissect", "-r", &crafted(file), "-2", "-Y", "mip6.unanswered"]);
        assert!(listed.status.success());
        for threads in ["1", "2"] {
            let f = tmp(&format!("unanswered-{threads}-{file}"));
            let o = run_on(threads, &["dissect", "-r", &crafted(file), "-2", "-Y", "mip6.unanswered", "-w", &f]);
            assert!(o.status.success() && o.stdout.is_empty(), "{file}: {}", String::from_utf8_lossy(&o.stderr));
            assert_eq!(packets(&std::fs::read(&f).unwrap()), want, "{file} on {threads} thread(s)");
            let p = run_on(threads, &["dissect", "-r", &crafted(file), "-2", "-Y", "mip6.unanswered", "-P", "-w", &f]);
            assert_eq!(String::from_utf8_lossy(&p.stdout), String::from_utf8_lossy(&listed.stdout), "{file} -P");
            assert_eq!(packets(&std::fs::read(&f).unwrap()), want, "{file} -P on {threads} thread(s)");
        }
    }
}

#[test]
fn w_dash_writes_the_same_capture_to_stdout() {
    let f = tmp("same.pcapng");
    let file = crafted("linktypes.pcapng");
    assert!(run(&["dissect", "-r", &file, "-w", &f]).status.success());
    let o = run(&["dissect", "-r", &file, "-w", "-"]);
    assert!(o.status.success());
    assert_eq!(o.stdout, std::fs::read(&f).unwrap());
    // A plain copy (not dissected) holds every packet of the input as it was.
    assert_eq!(packets(&o.stdout), packets(&std::fs::read(&file).unwrap()));
    assert_eq!(packets(&o.stdout).len(), 12);
    // -c counts the packets copied.
    let o = run(&["dissect", "-r", &file, "-c", "5", "-w", "-"]);
    assert_eq!(packets(&o.stdout)[..], packets(&std::fs::read(&file).unwrap())[..5]);
}

#[test]
fn p_prints_what_the_command_prints_without_w() {
    let file = crafted("mh-messages.pcapng");
    let f = tmp("p.pcapng");
    for mode in [&["-Y", "mipv6"][..], &["-V"], &["-T", "json"], &["-T", "fields", "-e", "mip6.mhtype"]] {
        let plain = run(&[&["dissect", "-r", &file][..], mode].concat());
        let with_w = run(&[&["dissect", "-r", &file, "-P", "-w", &f][..], mode].concat());
        assert!(plain.status.success() && with_w.status.success());
        assert_eq!(String::from_utf8_lossy(&plain.stdout), String::from_utf8_lossy(&with_w.stdout), "{mode:?}");
        assert_eq!(packets(&std::fs::read(&f).unwrap()).len(), packets(&std::fs::read(&file).unwrap()).len());
    }
}

#[test]
fn bad_combinations_are_one_line_errors() {
    let file = crafted("mh-messages.pcapng");
    for (args, msg) in [
        (&["-r", &file, "-P", "-w", "-"][..], "-P cannot be used with -w -"),
        (&["-r", &file, "-f", "ip6"], "only display filters (-Y), not capture filters (-f)"),
        (&["-r", &file, "-a", "duration:3"], "-a only applies to a live capture (-i)"),
        (&["-i", "lo", "-a", "packets:3"], "-a packets:3: expected duration:SECONDS"),
        (&["-r", &file, "-i", "lo"], "-r and -i cannot be used together"),
        (&[], "no input: give -r FILE or -i IFACE"),
        (&["-r", &file, "-w", "/nonexistent/dir/x.pcapng"], "/nonexistent/dir/x.pcapng: No such file"),
        (&["-i", "lo", "-2", "-w", "-"], "live captures do not support two-pass analysis (-2)"),
    ] {
        let o = run(&[&["dissect"][..], args].concat());
        let e = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success() && o.stdout.is_empty(), "{args:?}");
        assert_eq!(e.lines().count(), 1, "{args:?}: {e}");
        assert!(e.starts_with(&format!("mipscope: {msg}")), "{args:?}: {e}");
    }
}

#[test]
fn interfaces_are_listed_as_tshark_lists_them() {
    let o = run(&["dissect", "-D"]);
    if !o.status.success() {
        // No interface libpcap can open (no permissions): the one-line error is the answer.
        assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
        return;
    }
    let out = String::from_utf8(o.stdout).unwrap();
    for (i, l) in out.lines().enumerate() {
        let (n, rest) = l.split_once(". ").unwrap_or_else(|| panic!("{l}"));
        assert_eq!(n, (i + 1).to_string());
        assert!(!rest.is_empty() && !rest.starts_with(' '));
    }
    // The loopback device is always there on Linux, described as tshark describes it.
    if Path::new("/sys/class/net/lo").exists() {
        assert!(out.lines().any(|l| l.ends_with(". lo (Loopback)")), "{out}");
    }
}

#[test]
fn a_missing_input_leaves_no_output_file() {
    let out = tmp("never.pcapng");
    let o = run(&["dissect", "-r", "/nonexistent/in.pcapng", "-w", &out]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("mipscope: /nonexistent/in.pcapng: No such file"));
    assert!(!Path::new(&*out).exists(), "the output was created before the input was opened");
}
