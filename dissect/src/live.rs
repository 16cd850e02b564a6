//! Live capture through libpcap (the `pcap` crate). libpcap is read on a thread of its own
//! that hands packets over in batches, so a slow consumer (a `-V` tree on a terminal) never
//! makes the reading thread miss its stop signal, and memory stays bounded: the kernel's ring
//! buffer ([`LiveOptions::buffer_mib`], tshark's `-B`) absorbs a burst or the reader's time off
//! the CPU, as it does for tshark.
//!
//! Why batches: at 100,000 packets a second a hand-off per packet (a channel send, a wake-up of
//! the consumer, the buffer sent back) cost more than the rest of the capture path, and a
//! capture thread that falls behind is what makes the kernel drop. Packets are copied into one
//! buffer of the batch being filled (two batches, swapped, reused: nothing is allocated per
//! packet), and the consumer is woken when a batch is worth taking ([`WAKE_AT`] packets) or
//! when it was last woken more than [`HOLD`] ago, so a lone packet is never held longer.

use crate::capture::{CaptureError, Interface, Interfaces};
use crate::frame::FrameMeta;
use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Largest packet captured (tshark's default snapshot length).
pub const SNAPLEN: u32 = 262_144;
/// The kernel's capture buffer unless told otherwise, in MiB (libpcap's default is 2 MiB,
/// which held a few dozen packets on an interface with segmentation offloads, where libpcap
/// gives every packet a 64 KiB slot in immediate mode). tshark's `-B`.
pub const BUFFER_MIB: u32 = 32;
/// How long libpcap waits before giving the capture thread a chance to see a stop request.
const POLL_MS: i32 = 100;
/// Packets a batch holds at most (then the capture thread waits for the consumer and the
/// kernel's buffer holds the rest).
const BATCH: usize = 4096;
/// Octets a batch holds at most (one packet of any size always fits).
const BATCH_OCTETS: usize = 4 << 20;
/// Packets in the batch that wake the consumer at once.
pub const WAKE_AT: usize = 256;
/// Longest a packet waits for the consumer to be woken.
pub const HOLD: Duration = Duration::from_millis(1);

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
    /// The kernel's capture buffer in MiB ([`BUFFER_MIB`] unless `-B` says otherwise).
    pub buffer_mib: u32,
    /// Each packet delivered as it arrives (libpcap's immediate mode: what `mipscope dissect -i`
    /// prints shows at once), or as the kernel fills a block of them or a poll passes (the
    /// packets packed in the kernel's buffer, many more of them held by the same memory:
    /// what a consumer that publishes every 100 ms, the terminal UI, wants).
    pub immediate: bool,
}

impl LiveOptions {
    /// A capture of whole packets on `device`, every packet, until `stop`; the default buffer,
    /// immediate mode.
    pub fn new(device: impl Into<String>, stop: Arc<AtomicBool>) -> Self {
        LiveOptions {
            device: device.into(),
            filter: None,
            snaplen: SNAPLEN,
            duration: None,
            stop,
            buffer_mib: BUFFER_MIB,
            immediate: true,
        }
    }
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

/// The device `-i` names: a name, or as with tshark a number from `-D`'s list (1 is its first),
/// unless a device has that number as its name.
pub fn resolve_device(name: &str) -> Result<String, LiveError> {
    let Some(n) = name.parse::<usize>().ok().filter(|_| name.bytes().all(|b| b.is_ascii_digit())) else {
        return Ok(name.to_string());
    };
    let list = devices()?;
    if list.iter().any(|d| d.name == name) {
        return Ok(name.to_string());
    }
    match n.checked_sub(1).and_then(|i| list.get(i)) {
        Some(d) => Ok(d.name.clone()),
        None => Err(LiveError(format!(
            "there is no interface number {name}: -D lists {} interface{}",
            list.len(),
            if list.len() == 1 { "" } else { "s" }
        ))),
    }
}

impl Live {
    /// Opens the device and sets the filter, so every error comes before the capture starts.
    pub fn open(o: LiveOptions) -> Result<Live, LiveError> {
        let dev = &resolve_device(&o.device)?;
        let snaplen = i32::try_from(o.snaplen).unwrap_or(i32::MAX);
        let buffer = i32::try_from(u64::from(o.buffer_mib.max(1)) << 20).unwrap_or(i32::MAX);
        let inactive = pcap::Capture::from_device(dev.as_str())
            .map_err(|e| LiveError(format!("the capture session could not be initiated on interface '{dev}' ({e})")))?;
        let mut cap = inactive
            .promisc(true)
            .snaplen(snaplen)
            .immediate_mode(o.immediate)
            .buffer_size(buffer)
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
        F: FnMut(&FrameMeta, &[u8], &crate::capture::Described<'_>) -> bool,
    {
        let Live { mut cap, iface, duration, stop, counters } = self;
        let ifaces: Interfaces = vec![iface];
        let linktype = ifaces[0].linktype;
        let halt = Arc::new(AtomicBool::new(false));
        let breaker = cap.breakloop_handle();
        let hand = Arc::new(Handoff::default());
        let (thread_halt, thread_hand) = (Arc::clone(&halt), Arc::clone(&hand));
        let spawned = std::thread::Builder::new().name("capture".into()).spawn(move || {
            let r = read_loop(&mut cap, &thread_halt, &thread_hand, &counters);
            let mut g = thread_hand.lock();
            g.ended = Some(r);
            drop(g);
            thread_hand.ready.notify_one();
        });
        if let Err(e) = spawned {
            return Err((0, CaptureError::Io(format!("cannot start the capture thread: {e}"))));
        }
        let deadline = duration.map(|d| Instant::now() + d);
        let mut count = 0u64;
        let mut first_ns = 0i128;
        let mut prev_ns = 0i128;
        let mut mine = Batch::default();
        let mut ended = None;
        'capture: loop {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let poll = match deadline {
                Some(d) => match d.checked_duration_since(Instant::now()) {
                    Some(left) => left.min(Duration::from_millis(POLL_MS as u64)),
                    None => break,
                },
                None => Duration::from_millis(POLL_MS as u64),
            };
            let mut g = hand.lock();
            if g.filling.is_empty() {
                if g.ended.is_some() {
                    ended = g.ended.take();
                    break;
                }
                // Woken less than HOLD ago, the capture thread does not wake us for the next
                // packets until the batch is worth it: look again when HOLD has passed.
                let since = g.woken.map_or(Duration::MAX, |w| w.elapsed());
                g.waiting = true;
                g = hand
                    .ready
                    .wait_timeout(g, if since < HOLD { HOLD - since } else { poll })
                    .map_or_else(|p| p.into_inner().0, |r| r.0);
                g.waiting = false;
                if g.filling.is_empty() {
                    continue;
                }
            }
            std::mem::swap(&mut g.filling, &mut mine);
            let room = std::mem::take(&mut g.full);
            drop(g);
            if room {
                hand.room.notify_one();
            }
            let mut start = 0;
            for p in &mine.packets {
                let data = mine.data.get(start..p.end).unwrap_or_default();
                start = p.end;
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
                    wire_len: p.wire_len.max(data.len() as u32),
                    linktype,
                    interface: Some(0),
                    section: 0,
                    options: Default::default(),
                    fcs_len: None,
                    untimed: false,
                    // Asked of libpcap in nanoseconds (and written so, `if_tsresol` 9).
                    ts_digits: Some(9),
                };
                prev_ns = ns;
                if !f(&meta, data, &crate::capture::Described::plain(&ifaces)) {
                    break 'capture;
                }
            }
            mine.clear();
        }
        halt.store(true, Ordering::Relaxed);
        breaker.breakloop();
        hand.room.notify_one();
        // The thread sees the stop within one poll; if libpcap ever blocks longer, it is left
        // to end with the process rather than hanging the command.
        let give_up = Instant::now() + Duration::from_secs(2);
        while ended.is_none() {
            let Some(left) = give_up.checked_duration_since(Instant::now()) else { break };
            let mut g = hand.lock();
            if g.ended.is_none() {
                g.waiting = true;
                g = hand.ready.wait_timeout(g, left.min(Duration::from_millis(10))).map_or_else(|p| p.into_inner().0, |r| r.0);
            }
            ended = g.ended.take();
        }
        match ended {
            Some(Err(e)) => Err((count, CaptureError::Io(e))),
            Some(Ok(())) | None => Ok(count),
        }
    }
}

/// Where a packet of a batch ends in its buffer (it starts where the one before ended).
struct Packet {
    ts: (i64, u32),
    wire_len: u32,
    end: usize,
}

/// Packets copied one after the other into one buffer; cleared and filled again, never freed.
#[derive(Default)]
struct Batch {
    data: Vec<u8>,
    packets: Vec<Packet>,
}

impl Batch {
    fn is_empty(&self) -> bool {
        self.packets.is_empty()
    }

    /// No room for `len` more octets (an empty batch always has room).
    fn full_for(&self, len: usize) -> bool {
        !self.is_empty() && (self.packets.len() >= BATCH || self.data.len() + len > BATCH_OCTETS)
    }

    fn push(&mut self, ts: (i64, u32), wire_len: u32, data: &[u8]) {
        self.data.extend_from_slice(data);
        self.packets.push(Packet { ts, wire_len, end: self.data.len() });
    }

    fn clear(&mut self) {
        self.data.clear();
        self.packets.clear();
    }
}

/// The batch the capture thread fills and the consumer takes, and who waits for whom.
#[derive(Default)]
struct Shared {
    filling: Batch,
    /// The consumer waits on `ready` (so a packet may wake it).
    waiting: bool,
    /// When the capture thread last woke it.
    woken: Option<Instant>,
    /// The capture thread waits on `room` (the batch is full).
    full: bool,
    /// The capture thread has returned: why.
    ended: Option<Result<(), String>>,
}

#[derive(Default)]
struct Handoff {
    shared: Mutex<Shared>,
    ready: Condvar,
    room: Condvar,
}

impl Handoff {
    fn lock(&self) -> MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Reads libpcap's counters into `counters`.
fn count(cap: &mut pcap::Capture<pcap::Active>, counters: &Counters) {
    if let Ok(s) = cap.stats() {
        counters.received.store(u64::from(s.received), Ordering::Relaxed);
        counters.dropped.store(u64::from(s.dropped), Ordering::Relaxed);
        counters.if_dropped.store(u64::from(s.if_dropped), Ordering::Relaxed);
    }
}

/// The capture thread: packets into the batch until halted or libpcap ends; the counters read
/// at every poll and once more at the end (the last packets counted too).
fn read_loop(
    cap: &mut pcap::Capture<pcap::Active>,
    halt: &AtomicBool,
    hand: &Handoff,
    counters: &Counters,
) -> Result<(), String> {
    let r = read_packets(cap, halt, hand, counters);
    count(cap, counters);
    r
}

fn read_packets(
    cap: &mut pcap::Capture<pcap::Active>,
    halt: &AtomicBool,
    hand: &Handoff,
    counters: &Counters,
) -> Result<(), String> {
    let mut last = Instant::now();
    while !halt.load(Ordering::Relaxed) {
        if last.elapsed() >= Duration::from_millis(POLL_MS as u64) {
            last = Instant::now();
            count(cap, counters);
        }
        match cap.next_packet() {
            Ok(p) => {
                // Nanosecond precision was asked for: tv_usec holds nanoseconds.
                // time_t is 32 bits on some targets.
                #[allow(clippy::unnecessary_cast)]
                let ts = (p.header.ts.tv_sec as i64, (p.header.ts.tv_usec as u32).min(999_999_999));
                let mut g = hand.lock();
                while g.filling.full_for(p.data.len()) {
                    if halt.load(Ordering::Relaxed) {
                        return Ok(());
                    }
                    g.full = true;
                    if g.waiting {
                        g.waiting = false;
                        hand.ready.notify_one();
                    }
                    g = hand
                        .room
                        .wait_timeout(g, Duration::from_millis(POLL_MS as u64))
                        .map_or_else(|p| p.into_inner().0, |r| r.0);
                }
                g.filling.push(ts, p.header.len, p.data);
                if g.waiting && (g.filling.packets.len() >= WAKE_AT || g.woken.is_none_or(|w| w.elapsed() >= HOLD)) {
                    g.waiting = false;
                    g.woken = Some(Instant::now());
                    drop(g);
                    hand.ready.notify_one();
                }
            }
            Err(pcap::Error::TimeoutExpired) => {}
            Err(pcap::Error::NoMorePackets) => return Ok(()),
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A batch keeps each packet's octets where its `end` says, is full at [`BATCH`] packets or
    /// when the next packet's octets would pass [`BATCH_OCTETS`], always has room when empty
    /// (a packet larger than the bound still goes through), and keeps its buffers when cleared.
    #[test]
    fn a_batch_is_bounded_and_reused() {
        let mut b = Batch::default();
        assert!(!b.full_for(BATCH_OCTETS + 1), "an empty batch takes any packet");
        b.push((1, 2), 70, &[1, 2, 3]);
        b.push((1, 3), 4, &[4, 5, 6, 7]);
        let ends: Vec<usize> = b.packets.iter().map(|p| p.end).collect();
        assert_eq!((ends, &b.data[..3], &b.data[3..]), (vec![3, 7], &[1u8, 2, 3][..], &[4u8, 5, 6, 7][..]));
        assert_eq!((b.packets[0].ts, b.packets[0].wire_len), ((1, 2), 70));
        assert!(!b.full_for(BATCH_OCTETS - 7) && b.full_for(BATCH_OCTETS - 6));
        while b.packets.len() < BATCH {
            assert!(!b.full_for(1));
            b.push((0, 0), 1, &[0]);
        }
        assert!(b.full_for(0));
        let (data, packets) = (b.data.capacity(), b.packets.capacity());
        b.clear();
        assert!(b.is_empty() && !b.full_for(1));
        assert_eq!((b.data.capacity(), b.packets.capacity()), (data, packets));
    }
}
