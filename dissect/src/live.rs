//! Live capture through libpcap (the `pcap` crate). libpcap is read on a thread of its own
//! that hands packets over a bounded channel, so a slow consumer (a `-V` tree on a terminal)
//! never makes the reading thread miss its stop signal, and memory stays bounded: the kernel's
//! ring buffer absorbs a burst, as it does for tshark. Packet buffers go back to the capture
//! thread once used, so a steady capture allocates nothing per packet.

use crate::capture::{CaptureError, Interface, Interfaces};
use crate::frame::FrameMeta;
use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// Largest packet captured (tshark's default snapshot length).
pub const SNAPLEN: u32 = 262_144;
/// How long libpcap waits before giving the capture thread a chance to see a stop request.
const POLL_MS: i32 = 100;
/// Packets waiting between the capture thread and the consumer.
const QUEUE: usize = 1024;

/// A live capture that could not start or went wrong: libpcap's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveError(pub String);

impl fmt::Display for LiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LiveError {}

/// What to capture and when to stop.
pub struct LiveOptions {
    pub device: String,
    /// A BPF capture filter (libpcap's language), applied in the kernel.
    pub filter: Option<String>,
    pub snaplen: u32,
    /// Stop after this long (tshark's `-a duration:S`).
    pub duration: Option<Duration>,
    /// Set from outside (a signal handler) to stop.
    pub stop: Arc<AtomicBool>,
}

/// An open capture on one interface.
pub struct Live {
    cap: pcap::Capture<pcap::Active>,
    iface: Interface,
    duration: Option<Duration>,
    stop: Arc<AtomicBool>,
    counters: Arc<Counters>,
}

/// libpcap's counters (`pcap_stats`: packets received, dropped for want of room in the kernel's
/// buffer, dropped by the interface), refreshed by the capture thread at every poll, so a
/// status line can show them while the capture runs (the capture thread alone owns the handle).
#[derive(Debug, Default)]
pub struct Counters {
    pub received: AtomicU64,
    pub dropped: AtomicU64,
    pub if_dropped: AtomicU64,
}

/// A device libpcap can capture on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub name: String,
    pub description: Option<String>,
}

/// The devices libpcap can capture on, in its order (tshark's `-D`).
pub fn devices() -> Result<Vec<Device>, LiveError> {
    let list = pcap::Device::list().map_err(|e| LiveError(e.to_string()))?;
    // tshark names a loopback device "Loopback" whatever libpcap's description.
    Ok(list
        .into_iter()
        .map(|d| {
            let description = if d.flags.is_loopback() { Some("Loopback".to_string()) } else { d.desc };
            Device { name: d.name, description }
        })
        .collect())
}

impl Live {
    /// Opens the device and sets the filter, so every error comes before the capture starts.
    pub fn open(o: LiveOptions) -> Result<Live, LiveError> {
        let dev = &o.device;
        let snaplen = i32::try_from(o.snaplen).unwrap_or(i32::MAX);
        let inactive = pcap::Capture::from_device(dev.as_str())
            .map_err(|e| LiveError(format!("the capture session could not be initiated on interface '{dev}' ({e})")))?;
        let mut cap = inactive
            .promisc(true)
            .snaplen(snaplen)
            .immediate_mode(true)
            .timeout(POLL_MS)
            .precision(pcap::Precision::Nano)
            .open()
            .map_err(|e| LiveError(format!("the capture session could not be initiated on interface '{dev}' ({e})")))?;
        if let Some(bpf) = &o.filter {
            cap.filter(bpf, true)
                .map_err(|e| LiveError(format!("invalid capture filter \"{bpf}\" for interface '{dev}': {e}")))?;
        }
        let linktype = cap.get_datalink().0 as u32;
        Ok(Live {
            cap,
            iface: Interface::new(Some(dev.clone()), linktype, o.snaplen),
            duration: o.duration,
            stop: o.stop,
            counters: Arc::default(),
        })
    }

    /// libpcap's counters for this capture, as the capture thread last read them.
    pub fn counters(&self) -> Arc<Counters> {
        Arc::clone(&self.counters)
    }

    /// The interface as a capture file describes it (nanosecond timestamps).
    pub fn interface(&self) -> &Interface {
        &self.iface
    }

    /// Delivers packets to `f` until `f` returns `false`, the duration passes, the stop flag
    /// is set, or libpcap fails; returns how many were delivered.
    pub(crate) fn for_each<F>(self, mut f: F) -> Result<u64, (u64, CaptureError)>
    where
        F: FnMut(&FrameMeta, &[u8], &Interfaces) -> bool,
    {
        let Live { mut cap, iface, duration, stop, counters } = self;
        let ifaces: Interfaces = vec![iface];
        let linktype = ifaces[0].linktype;
        let halt = Arc::new(AtomicBool::new(false));
        let breaker = cap.breakloop_handle();
        let (tx, rx) = mpsc::sync_channel::<Packet>(QUEUE);
        let (free_tx, free_rx) = mpsc::channel::<Vec<u8>>();
        let (done_tx, done_rx) = mpsc::channel::<Result<(), String>>();
        let thread_halt = Arc::clone(&halt);
        let spawned = std::thread::Builder::new().name("capture".into()).spawn(move || {
            let r = read_loop(&mut cap, &thread_halt, &tx, &free_rx, &counters);
            let _ = done_tx.send(r);
        });
        if let Err(e) = spawned {
            return Err((0, CaptureError::Io(format!("cannot start the capture thread: {e}"))));
        }
        let deadline = duration.map(|d| Instant::now() + d);
        let mut count = 0u64;
        let mut first_ns = 0i128;
        let mut prev_ns = 0i128;
        loop {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let wait = match deadline {
                Some(d) => match d.checked_duration_since(Instant::now()) {
                    Some(left) => left.min(Duration::from_millis(POLL_MS as u64)),
                    None => break,
                },
                None => Duration::from_millis(POLL_MS as u64),
            };
            let p = match rx.recv_timeout(wait) {
                Ok(p) => p,
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            };
            let ns = i128::from(p.ts.0) * 1_000_000_000 + i128::from(p.ts.1);
            if count == 0 {
                (first_ns, prev_ns) = (ns, ns);
            }
            count += 1;
            let meta = FrameMeta {
                number: count,
                ts: p.ts,
                rel_ns: (ns - first_ns) as i64,
                delta_ns: (ns - prev_ns) as i64,
                wire_len: p.wire_len.max(p.data.len() as u32),
                linktype,
                interface: Some(0),
            };
            prev_ns = ns;
            let go_on = f(&meta, &p.data, &ifaces);
            let _ = free_tx.send(p.data);
            if !go_on {
                break;
            }
        }
        halt.store(true, Ordering::Relaxed);
        breaker.breakloop();
        drop(rx);
        // The thread sees the stop within one poll; if libpcap ever blocks longer, it is left
        // to end with the process rather than hanging the command.
        match done_rx.recv_timeout(Duration::from_secs(2)) {
            Ok(Err(e)) => Err((count, CaptureError::Io(e))),
            Ok(Ok(())) | Err(_) => Ok(count),
        }
    }
}

struct Packet {
    ts: (i64, u32),
    wire_len: u32,
    data: Vec<u8>,
}

fn read_loop(
    cap: &mut pcap::Capture<pcap::Active>,
    halt: &AtomicBool,
    tx: &mpsc::SyncSender<Packet>,
    free: &mpsc::Receiver<Vec<u8>>,
    counters: &Counters,
) -> Result<(), String> {
    let mut last = Instant::now();
    while !halt.load(Ordering::Relaxed) {
        if last.elapsed() >= Duration::from_millis(POLL_MS as u64) {
            last = Instant::now();
            if let Ok(s) = cap.stats() {
                counters.received.store(u64::from(s.received), Ordering::Relaxed);
                counters.dropped.store(u64::from(s.dropped), Ordering::Relaxed);
                counters.if_dropped.store(u64::from(s.if_dropped), Ordering::Relaxed);
            }
        }
        match cap.next_packet() {
            Ok(p) => {
                let mut data = free.try_recv().unwrap_or_default();
                data.clear();
                data.extend_from_slice(p.data);
                // Nanosecond precision was asked for: tv_usec holds nanoseconds.
                // time_t is 32 bits on some targets.
                #[allow(clippy::unnecessary_cast)]
                let ts = (p.header.ts.tv_sec as i64, (p.header.ts.tv_usec as u32).min(999_999_999));
                if tx.send(Packet { ts, wire_len: p.header.len, data }).is_err() {
                    return Ok(());
                }
            }
            Err(pcap::Error::TimeoutExpired) => {}
            Err(pcap::Error::NoMorePackets) => return Ok(()),
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(())
}
