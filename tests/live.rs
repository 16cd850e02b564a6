//! Live capture end to end: a network namespace of the test's own with a veth pair, crafted
//! Mobility Header frames sent into one end (an AF_PACKET socket), `mipscope dissect -i` on
//! the other. Checks what is captured, filtered (-f in the kernel, -Y in mipscope), printed,
//! written (-w FILE, -w -) and the ending (-c, -a duration, Ctrl-C).
//!
//! Needs root and network namespaces; without them the tests say so and pass, unless
//! MIPSCOPE_LIVE_REQUIRED=1 (scripts/test.sh sets it). IPv6 is disabled on the pair so the
//! kernel sends nothing of its own; no addresses are configured (the frames carry addresses
//! in 2001:db8::/32). The namespace is deleted on every path (a Drop guard).

use craft::packet::Ipv6Packet;
use dissect::mh::msg::binding::{Bu, BuFlags};
use dissect::mh::MhRepr;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_mipscope");

/// A namespace with a veth pair `va`—`vb`, both up; deleted on drop.
struct Netns {
    name: String,
}

impl Netns {
    /// None (after saying why) when live tests cannot run here and are not required.
    fn create(tag: &str) -> Option<Netns> {
        let required = std::env::var("MIPSCOPE_LIVE_REQUIRED").is_ok_and(|v| v == "1");
        let skip = |why: &str| -> Option<Netns> {
            assert!(!required, "live test {tag}: {why} (MIPSCOPE_LIVE_REQUIRED=1)");
            eprintln!("SKIPPED live test {tag}: {why}");
            None
        };
        let uid = Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
        if uid.as_deref().ok() != Some("0") {
            return skip("not root");
        }
        let name = format!("mipscope-{tag}-{}", std::process::id());
        if !ip(&["netns", "add", &name]) {
            return skip("cannot create a network namespace");
        }
        let ns = Netns { name };
        let n = ns.name.as_str();
        let ok = ip(&["-n", n, "link", "add", "va", "type", "veth", "peer", "name", "vb"])
            && ns.exec(&["sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1"])
            && ns.exec(&["sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1"])
            && ip(&["-n", n, "link", "set", "va", "up"])
            && ip(&["-n", n, "link", "set", "vb", "up"]);
        if !ok {
            return skip("cannot set up a veth pair in the namespace");
        }
        Some(ns)
    }

    fn exec(&self, args: &[&str]) -> bool {
        Command::new("ip").args(["netns", "exec", &self.name]).args(args).status().is_ok_and(|s| s.success())
    }

    /// Sends frames out of `va` (so they arrive on `vb`), in order.
    fn send(&self, frames: &[Vec<u8>]) {
        const PY: &str = "import socket,sys\n\
            s=socket.socket(socket.AF_PACKET,socket.SOCK_RAW)\n\
            s.bind(('va',0))\n\
            [s.send(bytes.fromhex(h)) for h in sys.argv[1:]]\n";
        let hex: Vec<String> = frames.iter().map(|f| f.iter().map(|b| format!("{b:02x}")).collect()).collect();
        let mut args = vec!["python3", "-c", PY];
        args.extend(hex.iter().map(String::as_str));
        assert!(self.exec(&args), "sending frames into {}", self.name);
    }

    /// Starts `mipscope dissect -i vb ARGS` in the namespace and waits until it captures.
    fn capture(&self, args: &[&str]) -> Capture {
        let mut child = Command::new("ip")
            .args(["netns", "exec", &self.name, BIN, "dissect", "-i", "vb"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start mipscope");
        let (tx, stderr) = mpsc::channel();
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut c = Capture { child, stderr, seen: Vec::new() };
        let first = c.stderr.recv_timeout(Duration::from_secs(20)).unwrap_or_default();
        c.seen.push(first.clone());
        assert_eq!(first, "Capturing on 'vb'", "mipscope {args:?} did not start capturing");
        c
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        ip(&["netns", "del", &self.name]);
    }
}

fn ip(args: &[&str]) -> bool {
    Command::new("ip").args(args).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

struct Capture {
    child: Child,
    stderr: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Capture {
    /// Waits for the process to end (killing it after 20 s): exit success, stdout, stderr.
    fn finish(mut self) -> (bool, Vec<u8>, String) {
        let mut out = Vec::new();
        let stdout = self.child.stdout.take();
        let reader = std::thread::spawn(move || {
            if let Some(mut s) = stdout {
                let _ = s.read_to_end(&mut out);
            }
            out
        });
        let start = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            if start.elapsed() > Duration::from_secs(20) {
                let _ = self.child.kill();
                panic!("mipscope did not stop");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let out = reader.join().unwrap();
        self.seen.extend(self.stderr.iter());
        (status.success(), out, self.seen.join("\n"))
    }
}

/// A BU from 2001:db8:1::100 to 2001:db8:1::1 (at home: no HAO), Ethernet, checksum computed.
fn bu(seq: u16) -> Vec<u8> {
    Ipv6Packet::new("2001:db8:1::100".parse().unwrap(), "2001:db8:1::1".parse().unwrap())
        .mh(MhRepr::new(Bu { seq, flags: BuFlags(BuFlags::A | BuFlags::H), lifetime: 150 }))
        .emit(&Default::default())
        .unwrap()
}

/// An IPv6 packet with No Next Header: not a Mobility Header.
fn not_mh() -> Vec<u8> {
    let mut f = vec![2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x86, 0xdd, 0x60, 0, 0, 0, 0, 0, 59, 64];
    f.extend_from_slice(&"2001:db8:1::100".parse::<std::net::Ipv6Addr>().unwrap().octets());
    f.extend_from_slice(&"2001:db8:1::1".parse::<std::net::Ipv6Addr>().unwrap().octets());
    f
}

/// (interface name, link type, timestamp, bytes) of every packet of a capture.
type Packets = Vec<(Option<String>, u32, (i64, u32), Vec<u8>)>;

fn read_capture(bytes: &[u8]) -> Packets {
    let mut v = Vec::new();
    dissect::capture::stream(bytes, |m, d, ifs| {
        let name = ifs.interfaces.get(m.interface.unwrap_or(0) as usize).and_then(|i| i.name.clone());
        v.push((name, m.linktype, m.ts, d.to_vec()));
        true
    })
    .expect("the written capture reads back");
    v
}

fn tshark_count(path: &std::path::Path) -> Option<usize> {
    let o = Command::new("tshark").arg("-r").arg(path).output().ok()?;
    assert!(o.status.success(), "tshark cannot read {}", path.display());
    Some(String::from_utf8_lossy(&o.stdout).lines().count())
}

#[test]
fn capture_filter_count_print_and_write() {
    let Some(ns) = Netns::create("bpf") else { return };
    let dir = std::env::temp_dir().join(format!("mipscope-live-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bpf.pcapng");
    let cap = ns.capture(&["-f", "ip6 proto 135", "-c", "3", "-P", "-w", file.to_str().unwrap()]);
    let sent = [not_mh(), bu(1), not_mh(), bu(2), bu(3), bu(4)];
    ns.send(&sent);
    let (ok, out, err) = cap.finish();
    assert!(ok, "stderr: {err}");
    assert!(err.ends_with("3 packets captured"), "stderr: {err}");
    // -P: the packet list as it came, the three first BUs only (-f dropped the rest in the kernel).
    let lines: Vec<String> = String::from_utf8(out).unwrap().lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    for (i, l) in lines.iter().enumerate() {
        assert!(l.contains("2001:db8:1::100 → 2001:db8:1::1 MIPv6"), "{l}");
        // Lifetime 150 units of 4 s.
        assert!(l.contains(&format!("Binding Update seq={} lifetime=600 A H", i + 1)), "{l}");
    }
    // The file: the same three frames, byte for byte, on interface vb, nanosecond times.
    let got = read_capture(&std::fs::read(&file).unwrap());
    let frames: Vec<&Vec<u8>> = got.iter().map(|p| &p.3).collect();
    assert_eq!(frames, [&sent[1], &sent[3], &sent[4]]);
    assert!(got.iter().all(|p| p.0.as_deref() == Some("vb") && p.1 == 1));
    assert!(got.windows(2).all(|w| w[0].2 <= w[1].2));
    if let Some(n) = tshark_count(&file) {
        assert_eq!(n, 3);
    }
    // A capture filter libpcap rejects: one line, non-zero exit, nothing captured.
    let o = Command::new("ip")
        .args(["netns", "exec", &ns.name, BIN, "dissect", "-i", "vb", "-f", "ip6 proto nonsense"])
        .output()
        .unwrap();
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success() && o.stdout.is_empty());
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.starts_with("mipscope: invalid capture filter \"ip6 proto nonsense\" for interface 'vb'"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn display_filter_writes_the_selected_packet_to_stdout_until_the_duration() {
    let Some(ns) = Netns::create("yw") else { return };
    let start = Instant::now();
    let cap = ns.capture(&["-Y", "mip6.bu.seqnr == 8", "-w", "-", "-a", "duration:2"]);
    let sent = [bu(7), bu(8), not_mh(), bu(9)];
    ns.send(&sent);
    let (ok, out, err) = cap.finish();
    assert!(ok, "stderr: {err}");
    assert!(start.elapsed() >= Duration::from_secs(2));
    // Captured counts every packet; the capture holds the one -Y selected.
    assert!(err.ends_with("4 packets captured"), "stderr: {err}");
    let got = read_capture(&out);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].3, sent[1]);
}

#[test]
fn ctrl_c_ends_a_capture_cleanly_after_each_packet_was_shown() {
    let Some(ns) = Netns::create("int") else { return };
    let mut cap = ns.capture(&["-T", "fields", "-e", "mip6.bu.seqnr", "-e", "ipv6.src"]);
    ns.send(&[bu(41), bu(42)]);
    // Each packet is written as it comes: both rows are there before the capture ends.
    let stdout = cap.child.stdout.take().unwrap();
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for l in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(l).is_err() {
                break;
            }
        }
    });
    let rows: Vec<String> = (0..2).filter_map(|_| lines.recv_timeout(Duration::from_secs(10)).ok()).collect();
    assert_eq!(rows, ["41\t2001:db8:1::100", "42\t2001:db8:1::100"], "rows shown before the capture ends");
    let pid = cap.child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let (ok, _, err) = cap.finish();
    assert!(ok, "exit after Ctrl-C; stderr: {err}");
    assert_eq!(err, "Capturing on 'vb'\n2 packets captured");
    assert!(lines.recv_timeout(Duration::from_secs(5)).is_err(), "nothing more on stdout");
}

/// `-i N` is the Nth interface of `-D`'s list, as in tshark; a number past the list is refused.
#[test]
fn an_interface_is_also_named_by_its_number_in_the_list() {
    let Some(ns) = Netns::create("num") else { return };
    let run = |args: &[&str]| Command::new("ip").args(["netns", "exec", &ns.name, BIN]).args(args).output().unwrap();
    let list = String::from_utf8_lossy(&run(&["dissect", "-D"]).stdout).into_owned();
    let n = list.lines().find_map(|l| l.strip_suffix(". vb")).unwrap_or_else(|| panic!("vb in -D: {list}"));
    let o = run(&["dissect", "-i", n, "-a", "duration:0.2"]);
    assert!(o.status.success(), "{o:?}");
    assert_eq!(String::from_utf8_lossy(&o.stderr), "Capturing on 'vb'\n0 packets captured\n");
    let o = run(&["dissect", "-i", "999", "-a", "duration:0.2"]);
    assert_eq!(o.status.code(), Some(2), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("mipscope: there is no interface number 999: -D lists "), "{err}");
}

/// `-B` is the kernel buffer in MiB, 1 to 4,096: anything else is refused before a capture opens.
#[test]
fn a_buffer_size_out_of_range_is_refused() {
    for (b, cmd) in [("0", "dissect"), ("4097", "check"), ("x", "tui")] {
        let out = Command::new(BIN).args([cmd, "-i", "lo", "-B", b]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{cmd} -B {b}: {err}");
        assert!(err.contains("-B <MiB>") && err.contains(&format!("'{b}'")), "{cmd} -B {b}: {err}");
    }
}

/// `mipscope craft scenario --send` injects through libpcap: every frame of the scenario
/// (Home Address options and type 2 routing headers included: captured before any IP stack)
/// arrives on the other end of the pair octet for octet, in order.
#[test]
fn a_scenario_sent_with_craft_arrives_byte_identical() {
    let Some(ns) = Netns::create("send") else { return };
    let written = Command::new(BIN).args(["craft", "scenario", "rfc6275-rr", "-p", "seed=3", "-w", "-"]).output().unwrap();
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    let want = read_capture(&written.stdout);
    assert_eq!(want.len(), 12);
    // A 4 MiB kernel buffer (tshark's -B) instead of the default.
    let cap = ns.capture(&["-c", "12", "-w", "-", "-B", "4"]);
    let sent = Command::new("ip")
        .args(["netns", "exec", &ns.name, BIN, "craft", "scenario", "rfc6275-rr", "-p", "seed=3", "--send", "va"])
        .output()
        .unwrap();
    assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stderr));
    assert_eq!(String::from_utf8_lossy(&sent.stderr).trim(), "12 packets sent on va");
    let (ok, out, err) = cap.finish();
    assert!(ok, "{err}");
    let got = read_capture(&out);
    assert_eq!(got.len(), 12, "{err}");
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g.3, w.3);
    }
}
