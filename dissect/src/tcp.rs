//! TCP (RFC 9293) over IPv4 or IPv6: the fixed header, the options of RFC 9293 §3.2 (End of
//! Option List, No-Operation, Maximum Segment Size), RFC 7323 (Window Scale, Timestamps) and
//! RFC 2018 (SACK Permitted, SACK), others shown raw. The payload is `data`.
//!
//! ```text
//!  0                   1                   2                   3
//!  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |          Source Port          |       Destination Port        |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |                        Sequence Number                        |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |                    Acknowledgment Number                      |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |  Data |       |C|E|U|A|P|R|S|F|                               |
//! | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
//! |       |       |R|E|G|K|H|T|N|N|                               |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |           Checksum            |         Urgent Pointer        |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |                           [Options]                           |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |                             Data                              :
//! ```
//!
//! Sequence and acknowledgment numbers are the raw values: relative numbers need per-stream
//! state, which mipscope does not keep. `tcp.seq`, `tcp.ack` and `tcp.nxtseq` are therefore
//! what tshark shows with `-o tcp.relative_sequence_numbers:FALSE` (`tcp.seq_raw` and
//! `tcp.ack_raw` are the same values under either setting). The lowest reserved bit is
//! RFC 9768's Accurate ECN flag (Wireshark's `tcp.flags.ae`).
//!
//! The checksum is verified over the pseudo-header [`IpCtx`] gives, which for IPv6 has the
//! Home Address option's address as source and a type 2 routing header's home address as
//! destination (RFC 6275 §6.3, §6.4; RFC 8200 §8.1), as for UDP and the Mobility Header.

use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind, Value};
use crate::format::{write_dec, Sink};
use crate::layout;
use crate::tree::Tree;
use crate::wire::Reader;
use crate::{checksum, IpCtx};

layout! {
    /// The fixed 20-octet header, parsed in one go (nodes are added by hand: Wireshark shows the
    /// Data Offset in octets and nests the flags under one item).
    pub struct Header {
        pub sport: u16 => [],
        pub dport: u16 => [],
        pub seq: u32 => [],
        pub ack: u32 => [],
        pub off_flags: u16 => [],
        pub window: u16 => [],
        pub checksum: u16 => [],
        pub urgent: u16 => [],
    }
}

const FIN: u16 = 0x001;
const SYN: u16 = 0x002;
const RST: u16 = 0x004;
const ACK: u16 = 0x010;
const URG: u16 = 0x020;

/// Flag names in Wireshark's Info-column order (lowest bit first).
const FLAG_NAMES: [(u16, &str); 10] = [
    (0x001, "FIN"),
    (0x002, "SYN"),
    (0x004, "RST"),
    (0x008, "PSH"),
    (0x010, "ACK"),
    (0x020, "URG"),
    (0x040, "ECE"),
    (0x080, "CWR"),
    (0x100, "AE"),
    (0xe00, "Reserved"),
];

static OPTION_KIND_VALS: &[(u64, &str)] = &[
    (0, "End of Option List"),
    (1, "No-Operation"),
    (2, "Maximum Segment Size"),
    (3, "Window Scale"),
    (4, "SACK Permitted"),
    (5, "SACK"),
    (6, "Echo"),
    (7, "Echo Reply"),
    (8, "Time Stamp Option"),
    (19, "TCP MD5 signature"),
    (28, "User Timeout"),
    (29, "TCP Authentication Option"),
    (30, "Multipath TCP"),
    (34, "TCP Fast Open Cookie"),
    (253, "RFC3692-style Experiment 1"),
    (254, "RFC3692-style Experiment 2"),
];

fn checksum_status(v: &Value, out: &mut dyn Sink) {
    out.push_str(match v.as_uint() {
        Some(0) => "Bad",
        Some(1) => "Good",
        _ => "Unverified",
    });
}

pub static TCP: FieldDef = FieldDef::new("tcp", "Transmission Control Protocol", Kind::Protocol);
pub static SRCPORT: FieldDef = FieldDef::new("tcp.srcport", "Source Port", Kind::Uint(2));
pub static DSTPORT: FieldDef = FieldDef::new("tcp.dstport", "Destination Port", Kind::Uint(2));
pub static PORT: FieldDef = FieldDef::new("tcp.port", "Source or Destination Port", Kind::Uint(2));
pub static LEN: FieldDef = FieldDef::new("tcp.len", "TCP Segment Len", Kind::Uint(4));
pub static SEQ: FieldDef = FieldDef::new("tcp.seq", "Sequence Number", Kind::Uint(4))
    .blurb("The raw sequence number (tshark's with tcp.relative_sequence_numbers:FALSE; mipscope keeps no per-stream state)");
pub static SEQ_RAW: FieldDef = FieldDef::new("tcp.seq_raw", "Sequence Number (raw)", Kind::Uint(4));
pub static NXTSEQ: FieldDef = FieldDef::new("tcp.nxtseq", "Next Sequence Number", Kind::Uint(4))
    .blurb("Sequence number plus segment length, SYN and FIN (raw, as tcp.seq)");
pub static ACK_NUM: FieldDef = FieldDef::new("tcp.ack", "Acknowledgment Number", Kind::Uint(4))
    .blurb("The raw acknowledgment number (tshark's with tcp.relative_sequence_numbers:FALSE)");
pub static ACK_RAW: FieldDef = FieldDef::new("tcp.ack_raw", "Acknowledgment number (raw)", Kind::Uint(4));
pub static HDR_LEN: FieldDef = FieldDef::new("tcp.hdr_len", "Header Length", Kind::Uint(1)).unit(" bytes");
pub static FLAGS: FieldDef = FieldDef::new("tcp.flags", "Flags", Kind::Uint(2)).hex().mask(0x0fff);
pub static FLAG_RES: FieldDef = FieldDef::new("tcp.flags.res", "Reserved", Kind::Bool(2)).mask(0x0e00).tfs("Set", "Not set");
pub static FLAG_AE: FieldDef = FieldDef::new("tcp.flags.ae", "Accurate ECN", Kind::Bool(2)).mask(0x0100).tfs("Set", "Not set");
pub static FLAG_CWR: FieldDef =
    FieldDef::new("tcp.flags.cwr", "Congestion Window Reduced", Kind::Bool(2)).mask(0x0080).tfs("Set", "Not set");
pub static FLAG_ECE: FieldDef = FieldDef::new("tcp.flags.ece", "ECN-Echo", Kind::Bool(2)).mask(0x0040).tfs("Set", "Not set");
pub static FLAG_URG: FieldDef = FieldDef::new("tcp.flags.urg", "Urgent", Kind::Bool(2)).mask(0x0020).tfs("Set", "Not set");
pub static FLAG_ACK: FieldDef =
    FieldDef::new("tcp.flags.ack", "Acknowledgment", Kind::Bool(2)).mask(0x0010).tfs("Set", "Not set");
pub static FLAG_PUSH: FieldDef = FieldDef::new("tcp.flags.push", "Push", Kind::Bool(2)).mask(0x0008).tfs("Set", "Not set");
pub static FLAG_RESET: FieldDef = FieldDef::new("tcp.flags.reset", "Reset", Kind::Bool(2)).mask(0x0004).tfs("Set", "Not set");
pub static FLAG_SYN: FieldDef = FieldDef::new("tcp.flags.syn", "Syn", Kind::Bool(2)).mask(0x0002).tfs("Set", "Not set");
pub static FLAG_FIN: FieldDef = FieldDef::new("tcp.flags.fin", "Fin", Kind::Bool(2)).mask(0x0001).tfs("Set", "Not set");
pub static FLAGS_STR: FieldDef = FieldDef::new("tcp.flags.str", "TCP Flags", Kind::String);
pub static WINDOW: FieldDef = FieldDef::new("tcp.window_size_value", "Window", Kind::Uint(2))
    .blurb("The window size value from the TCP header (unscaled: scaling needs the handshake's state)");
pub static CHECKSUM: FieldDef = FieldDef::new("tcp.checksum", "Checksum", Kind::Uint(2)).hex();
pub static CHECKSUM_STATUS: FieldDef = FieldDef::new("tcp.checksum.status", "Checksum Status", Kind::Uint(1))
    .custom(checksum_status)
    .blurb("0 bad, 1 good, 2 unverified");
pub static CHECKSUM_CALC: FieldDef = FieldDef::new("tcp.checksum_calculated", "Calculated Checksum", Kind::Uint(2)).hex();
pub static URGENT: FieldDef = FieldDef::new("tcp.urgent_pointer", "Urgent Pointer", Kind::Uint(2));
pub static OPTIONS: FieldDef = FieldDef::new("tcp.options", "TCP Options", Kind::Bytes);
pub static OPTION_KIND: FieldDef = FieldDef::new("tcp.option_kind", "Kind", Kind::Uint(1)).vals(OPTION_KIND_VALS);
pub static OPTION_LEN: FieldDef = FieldDef::new("tcp.option_len", "Length", Kind::Uint(1));
pub static OPT_EOL: FieldDef = FieldDef::new("tcp.options.eol", "TCP Option - End of Option List (EOL)", Kind::Protocol);
pub static OPT_NOP: FieldDef = FieldDef::new("tcp.options.nop", "TCP Option - No-Operation (NOP)", Kind::Protocol);
pub static OPT_MSS: FieldDef = FieldDef::new("tcp.options.mss", "TCP Option - Maximum segment size", Kind::Protocol);
pub static MSS_VAL: FieldDef = FieldDef::new("tcp.options.mss_val", "MSS Value", Kind::Uint(2));
pub static OPT_WSCALE: FieldDef = FieldDef::new("tcp.options.wscale", "TCP Option - Window scale", Kind::Protocol);
pub static WSCALE_SHIFT: FieldDef = FieldDef::new("tcp.options.wscale.shift", "Shift count", Kind::Uint(1));
pub static WSCALE_MULT: FieldDef = FieldDef::new("tcp.options.wscale.multiplier", "Multiplier", Kind::Uint(2))
    .blurb("2 to the power of the shift count (at most 14, RFC 7323 §2.3)");
pub static OPT_SACK_PERM: FieldDef = FieldDef::new("tcp.options.sack_perm", "TCP Option - SACK permitted", Kind::Protocol);
pub static OPT_SACK: FieldDef = FieldDef::new("tcp.options.sack", "TCP Option - SACK", Kind::Protocol);
pub static SACK_LE: FieldDef = FieldDef::new("tcp.options.sack_le", "TCP SACK Left Edge", Kind::Uint(4));
pub static SACK_RE: FieldDef = FieldDef::new("tcp.options.sack_re", "TCP SACK Right Edge", Kind::Uint(4));
pub static SACK_COUNT: FieldDef = FieldDef::new("tcp.options.sack.count", "TCP SACK Count", Kind::Uint(1));
pub static OPT_TIMESTAMP: FieldDef = FieldDef::new("tcp.options.timestamp", "TCP Option - Timestamps", Kind::Protocol);
pub static TSVAL: FieldDef = FieldDef::new("tcp.options.timestamp.tsval", "Timestamp value", Kind::Uint(4));
pub static TSECR: FieldDef = FieldDef::new("tcp.options.timestamp.tsecr", "Timestamp echo reply", Kind::Uint(4));
pub static OPT_UNKNOWN: FieldDef = FieldDef::new("tcp.options.unknown", "TCP Option - Unknown", Kind::Protocol);
pub static UNKNOWN_PAYLOAD: FieldDef = FieldDef::new("tcp.options.unknown.payload", "Payload", Kind::Bytes);
pub static PAYLOAD: FieldDef = FieldDef::new("tcp.payload", "TCP payload", Kind::Bytes);

pub static BAD_CHECKSUM: ExpertDef = ExpertDef::new("tcp.checksum_bad.expert", Group::Checksum, Severity::Error, "Bad checksum");
pub static BOGUS_HDR_LEN: ExpertDef = ExpertDef::new(
    "tcp.bogus_header_length",
    Group::Protocol,
    Severity::Error,
    "Bogus TCP header length: Data Offset below 5 (RFC 9293 §3.1)",
);
pub static SHORT_SEGMENT: ExpertDef = ExpertDef::new(
    "tcp.short_segment",
    Group::Malformed,
    Severity::Warn,
    "Short segment: the Data Offset runs past the end of the segment",
);
pub static OPT_LEN_INVALID: ExpertDef =
    ExpertDef::new("tcp.option.len.invalid", Group::Malformed, Severity::Warn, "Invalid length for option");
pub static WSCALE_INVALID: ExpertDef = ExpertDef::new(
    "tcp.options.wscale.shift.invalid",
    Group::Protocol,
    Severity::Warn,
    "Window scale shift exceeds 14 (RFC 7323 §2.3: used as 14)",
);
pub static NONZERO_AFTER_EOL: ExpertDef = ExpertDef::new(
    "tcp.non_zero_bytes_after_eol",
    Group::Protocol,
    Severity::Warn,
    "Non zero bytes in option space after EOL option (RFC 9293 §3.1: the padding is zero)",
);
pub static MSS_WITHOUT_SYN: ExpertDef = ExpertDef::new(
    "check.rfc9293.mss_without_syn",
    Group::Protocol,
    Severity::Warn,
    "Maximum Segment Size option in a segment without SYN (RFC 9293 §3.2, MUST-65: sent only in the connection request)",
);
pub static WSCALE_WITHOUT_SYN: ExpertDef = ExpertDef::new(
    "check.rfc7323.wscale_without_syn",
    Group::Protocol,
    Severity::Warn,
    "Window Scale option in a segment without SYN (RFC 7323 §2.2: sent only in <SYN> segments, ignored in others)",
);
pub static ACK_NONZERO: ExpertDef = ExpertDef::new(
    "tcp.ack.nonzero",
    Group::Protocol,
    Severity::Note,
    "The acknowledgment number field is nonzero while the ACK flag is not set",
);
pub static URGENT_NONZERO: ExpertDef = ExpertDef::new(
    "tcp.urgent_pointer.non_zero",
    Group::Protocol,
    Severity::Note,
    "The urgent pointer field is nonzero while the URG flag is not set",
);
pub static CONN_SYN: ExpertDef =
    ExpertDef::new("tcp.connection.syn", Group::Sequence, Severity::Chat, "Connection establish request (SYN)");
pub static CONN_SYNACK: ExpertDef =
    ExpertDef::new("tcp.connection.synack", Group::Sequence, Severity::Chat, "Connection establish acknowledge (SYN+ACK)");
pub static CONN_FIN: ExpertDef = ExpertDef::new("tcp.connection.fin", Group::Sequence, Severity::Chat, "Connection finish (FIN)");
pub static CONN_RST: ExpertDef = ExpertDef::new("tcp.connection.rst", Group::Sequence, Severity::Chat, "Connection reset (RST)");

pub static FIELDS: &[&FieldDef] = &[
    &TCP,
    &SRCPORT,
    &DSTPORT,
    &PORT,
    &LEN,
    &SEQ,
    &SEQ_RAW,
    &NXTSEQ,
    &ACK_NUM,
    &ACK_RAW,
    &HDR_LEN,
    &FLAGS,
    &FLAG_RES,
    &FLAG_AE,
    &FLAG_CWR,
    &FLAG_ECE,
    &FLAG_URG,
    &FLAG_ACK,
    &FLAG_PUSH,
    &FLAG_RESET,
    &FLAG_SYN,
    &FLAG_FIN,
    &FLAGS_STR,
    &WINDOW,
    &CHECKSUM,
    &CHECKSUM_STATUS,
    &CHECKSUM_CALC,
    &URGENT,
    &OPTIONS,
    &OPTION_KIND,
    &OPTION_LEN,
    &OPT_EOL,
    &OPT_NOP,
    &OPT_MSS,
    &MSS_VAL,
    &OPT_WSCALE,
    &WSCALE_SHIFT,
    &WSCALE_MULT,
    &OPT_SACK_PERM,
    &OPT_SACK,
    &SACK_LE,
    &SACK_RE,
    &SACK_COUNT,
    &OPT_TIMESTAMP,
    &TSVAL,
    &TSECR,
    &OPT_UNKNOWN,
    &UNKNOWN_PAYLOAD,
    &PAYLOAD,
];
pub static EXPERTS: &[&ExpertDef] = &[
    &BAD_CHECKSUM,
    &BOGUS_HDR_LEN,
    &SHORT_SEGMENT,
    &OPT_LEN_INVALID,
    &WSCALE_INVALID,
    &NONZERO_AFTER_EOL,
    &MSS_WITHOUT_SYN,
    &WSCALE_WITHOUT_SYN,
    &ACK_NONZERO,
    &URGENT_NONZERO,
    &CONN_SYN,
    &CONN_SYNACK,
    &CONN_FIN,
    &CONN_RST,
];

/// Dissects a TCP segment at `off..end` (the IP payload at hand); `declared` is the segment
/// length the IP header gives (RFC 9293 §3.1: the segment length is the IP payload's, whatever
/// a snap length or an ICMPv6 error's quote left of it); `ip` gives the pseudo-header.
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize, declared: usize, ip: IpCtx) {
    let seglen = declared.max(end.saturating_sub(off));
    let p = t.protocol(&TCP, off, seglen.min(20));
    t.set_protocol_column("TCP");
    let seg = t.bytes(off, end);
    // An ICMP error may quote only the first 8 octets: show the ports and sequence number.
    if seg.len() < 20 {
        let rd = Reader::new(seg);
        if let (Some(sp), Some(dp)) = (rd.u16(0), rd.u16(2)) {
            ports(t, p, off, sp, dp);
            info_ports(t, sp, dp);
            if let Some(seq) = rd.u32(4) {
                t.add_uint(&SEQ, off + 4, 4, u64::from(seq));
                let r = t.add_uint(&SEQ_RAW, off + 4, 4, u64::from(seq));
                t.hide(r);
            }
        }
        if seglen < 20 {
            t.expert(
                &crate::expert::MALFORMED,
                off,
                seg.len(),
                Some(format_args!("the IP payload has {seglen} octets, a TCP header needs 20")),
            );
        } else {
            t.ran_out(off, "TCP header");
        }
        t.close();
        return;
    }
    let Ok((_, h)) = Header::parse(seg) else {
        // Unreachable with 20 octets at hand; never a panic.
        t.truncated(off, "TCP header");
        t.close();
        return;
    };
    let hlen = usize::from(h.off_flags >> 12) * 4;
    let flags = h.off_flags & 0x0fff;
    ports(t, p, off, h.sport, h.dport);
    // Info: "40000 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 …", as tshark.
    info_ports(t, h.sport, h.dport);
    info_flags(t.info(), flags);
    {
        let info = t.info();
        info.push_str(" Seq=");
        write_dec(info, u64::from(h.seq));
        if flags & ACK != 0 {
            info.push_str(" Ack=");
            write_dec(info, u64::from(h.ack));
        }
        info.push_str(" Win=");
        write_dec(info, u64::from(h.window));
    }
    t.append_with(p, |s| {
        s.push_str(", Seq: ");
        write_dec(s, u64::from(h.seq));
        if flags & ACK != 0 {
            s.push_str(", Ack: ");
            write_dec(s, u64::from(h.ack));
        }
    });
    if hlen < 20 {
        // Wireshark gives up here too: where the options end and the data begins is unknown.
        // tshark's segment length here: what follows the (bogus) header length.
        t.add_generated(&LEN, off, 0, Value::Uint((seglen - hlen) as u64));
        seq_fields(t, off, h.seq);
        let n = hdr_len(t, off, hlen);
        t.open(n);
        t.expert(&BOGUS_HDR_LEN, off + 12, 1, Some(format_args!("{hlen} bytes, must be at least 20")));
        t.close();
        let info = t.info();
        info.push_str(", bogus TCP header length (");
        write_dec(info, hlen as u64);
        info.push_str(", must be at least 20)");
        t.close();
        return;
    }
    // A header past what the IP header gives is short; past the octets at hand, cut (the
    // options walk reports where the bytes ran out).
    let short = hlen > seglen;
    let datalen = seglen.saturating_sub(hlen);
    if short {
        t.expert(
            &SHORT_SEGMENT,
            off + 12,
            1,
            Some(format_args!("Data Offset {} ({hlen} bytes), the segment has {seglen}", hlen / 4)),
        );
    } else {
        t.add_generated(&LEN, off, 0, Value::Uint(datalen as u64));
        t.append_with(p, |s| {
            s.push_str(", Len: ");
            write_dec(s, datalen as u64);
        });
    }
    seq_fields(t, off, h.seq);
    if !short {
        let next = h.seq.wrapping_add(datalen as u32).wrapping_add(u32::from(flags & SYN != 0) + u32::from(flags & FIN != 0));
        t.add_generated(&NXTSEQ, off + 4, 4, Value::Uint(u64::from(next)));
    }
    t.add_uint(&ACK_NUM, off + 8, 4, u64::from(h.ack));
    let r = t.add_uint(&ACK_RAW, off + 8, 4, u64::from(h.ack));
    t.hide(r);
    if flags & ACK == 0 && h.ack != 0 {
        t.expert(&ACK_NONZERO, off + 8, 4, None);
    }
    hdr_len(t, off, hlen);
    flag_fields(t, off, flags, h.sport, h.dport);
    t.add_uint(&WINDOW, off + 14, 2, u64::from(h.window));
    verify_checksum(t, off, end, seglen, h.checksum, ip);
    t.add_uint(&URGENT, off + 18, 2, u64::from(h.urgent));
    if flags & URG == 0 && h.urgent != 0 {
        t.expert(&URGENT_NONZERO, off + 18, 2, None);
    }
    {
        let info = t.info();
        if flags & URG != 0 {
            info.push_str(" Urg=");
            write_dec(info, u64::from(h.urgent));
        }
        if !short {
            info.push_str(" Len=");
            write_dec(info, datalen as u64);
        }
    }
    // A short segment's options run to its end; a cut header's to where its Data Offset says,
    // the walk reporting the cut where the bytes run out.
    let opt_end = if short { off + seglen } else { off + hlen };
    if opt_end > off + 20 {
        options(t, off + 20, opt_end, flags & SYN != 0);
    }
    if !short {
        t.set_len(p, hlen);
    }
    // Whatever of the header or data was cut is not here.
    let at_hand = end.min(t.data.len());
    if hlen > seglen || off + hlen >= at_hand {
        t.close();
        return;
    }
    if datalen > 0 {
        // tshark lists the payload as `tcp.payload` whichever dissector takes it next.
        let pl = t.add(&PAYLOAD, off + hlen, at_hand - off - hlen, Value::Bytes);
        t.hide(pl);
    }
    t.close();
    if datalen > 0 {
        crate::data(t, off + hlen, at_hand);
    }
}

fn ports(t: &mut Tree<'_>, p: usize, off: usize, sp: u16, dp: u16) {
    t.append_with(p, |s| {
        s.push_str(", Src Port: ");
        write_dec(s, u64::from(sp));
        s.push_str(", Dst Port: ");
        write_dec(s, u64::from(dp));
    });
    t.add_uint(&SRCPORT, off, 2, u64::from(sp));
    t.add_uint(&DSTPORT, off + 2, 2, u64::from(dp));
    let a = t.add_uint(&PORT, off, 2, u64::from(sp));
    t.hide(a);
    let a = t.add_uint(&PORT, off + 2, 2, u64::from(dp));
    t.hide(a);
}

fn info_ports(t: &mut Tree<'_>, sp: u16, dp: u16) {
    let info = t.info();
    info.clear();
    write_dec(info, u64::from(sp));
    info.push_str(" → ");
    write_dec(info, u64::from(dp));
}

/// " [SYN, ACK]" (or " [<None>]"), in Wireshark's order.
fn info_flags(info: &mut String, flags: u16) {
    info.push_str(" [");
    flag_names(info, flags);
    info.push(']');
}

/// "SYN, ACK", or "<None>" when no flag is set.
fn flag_names<S: Sink + ?Sized>(out: &mut S, flags: u16) {
    let mut first = true;
    for (bit, name) in FLAG_NAMES {
        if flags & bit != 0 {
            if !first {
                out.push_str(", ");
            }
            out.push_str(name);
            first = false;
        }
    }
    if first {
        out.push_str("<None>");
    }
}

fn seq_fields(t: &mut Tree<'_>, off: usize, seq: u32) {
    t.add_uint(&SEQ, off + 4, 4, u64::from(seq));
    let r = t.add_uint(&SEQ_RAW, off + 4, 4, u64::from(seq));
    t.hide(r);
}

fn hdr_len(t: &mut Tree<'_>, off: usize, hlen: usize) -> usize {
    let n = t.add_uint(&HDR_LEN, off + 12, 1, hlen as u64);
    t.append_with(n, |s| {
        s.push_str(" (");
        write_dec(s, (hlen / 4) as u64);
        s.push(')');
    });
    n
}

fn flag_fields(t: &mut Tree<'_>, off: usize, flags: u16, sp: u16, dp: u16) {
    let n = t.add_uint(&FLAGS, off + 12, 2, u64::from(flags));
    t.append_with(n, |s| {
        s.push_str(" (");
        flag_names(s, flags);
        s.push(')');
    });
    t.open(n);
    for d in [&FLAG_RES, &FLAG_AE, &FLAG_CWR, &FLAG_ECE, &FLAG_URG, &FLAG_ACK, &FLAG_PUSH, &FLAG_RESET, &FLAG_SYN, &FLAG_FIN] {
        t.add_uint(d, off + 12, 2, u64::from(flags));
    }
    // "RRRACEUAPRSF" with a middle dot for each clear bit, as tshark.
    t.add_text(&FLAGS_STR, off + 12, 2, format_args!("{}", FlagStr(flags)));
    // tshark's Chat items for the connection's landmarks.
    if flags & SYN != 0 {
        if flags & ACK != 0 {
            t.expert(&CONN_SYNACK, off + 13, 1, Some(format_args!("server port {sp}")));
        } else {
            t.expert(&CONN_SYN, off + 13, 1, Some(format_args!("server port {dp}")));
        }
    }
    if flags & FIN != 0 {
        t.expert(&CONN_FIN, off + 13, 1, None);
    }
    if flags & RST != 0 {
        t.expert(&CONN_RST, off + 13, 1, None);
    }
    t.close();
}

struct FlagStr(u16);

impl std::fmt::Display for FlagStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, c) in "RRRACEUAPRSF".chars().enumerate() {
            let bit = 0x800 >> i;
            std::fmt::Write::write_char(f, if self.0 & bit != 0 { c } else { '\u{b7}' })?;
        }
        Ok(())
    }
}

fn verify_checksum(t: &mut Tree<'_>, off: usize, end: usize, seglen: usize, csum: u16, ip: IpCtx) {
    let ck = t.add_uint(&CHECKSUM, off + 16, 2, u64::from(csum));
    let seg = t.bytes(off, end);
    // Verify only when the whole segment was captured.
    if seg.len() != seglen || t.cut {
        t.append(ck, format_args!(" [unverified]"));
        t.add_generated(&CHECKSUM_STATUS, off + 16, 2, Value::Uint(2));
        return;
    }
    let init = ip.pseudo_sum(seglen as u32, 6);
    if checksum::finish(checksum::sum(seg, init)) == 0 {
        t.append(ck, format_args!(" [correct]"));
        t.add_generated(&CHECKSUM_STATUS, off + 16, 2, Value::Uint(1));
        t.add_generated(&CHECKSUM_CALC, off + 16, 2, Value::Uint(u64::from(csum)));
    } else {
        // Everything but the checksum field (octets 16 and 17; `seg` has at least 20).
        let (before, after) = (seg.get(..16).unwrap_or_default(), seg.get(18..).unwrap_or_default());
        let want = checksum::finish(checksum::sum(after, checksum::sum(before, init)));
        t.append(ck, format_args!(" [incorrect, should be 0x{want:04x}]"));
        t.add_generated(&CHECKSUM_STATUS, off + 16, 2, Value::Uint(0));
        t.add_generated(&CHECKSUM_CALC, off + 16, 2, Value::Uint(u64::from(want)));
        t.expert(&BAD_CHECKSUM, off + 16, 2, Some(format_args!("0x{csum:04x}, should be 0x{want:04x}")));
        t.info().push_str(" [TCP CHECKSUM INCORRECT]");
    }
}

/// The option list at `off..end` (the header after its fixed part, within the segment).
fn options(t: &mut Tree<'_>, off: usize, end: usize, syn: bool) {
    let o = t.add(&OPTIONS, off, end - off, Value::Bytes);
    t.open(o);
    let cap = end.min(t.data.len());
    let rd = t.rd();
    let mut at = off;
    while at < end {
        let Some(kind) = rd.u8(at).filter(|_| at < cap) else {
            t.ran_out(at, "TCP options");
            break;
        };
        match kind {
            0 => {
                single(t, &OPT_EOL, at, kind);
                at += 1;
                // Only zero padding may follow End of Option List (RFC 9293 §3.1). As tshark, each
                // zero octet shows as one more EOL, and the first nonzero one ends the walk.
                if rd.u8(at).filter(|_| at < end).is_some_and(|x| x != 0) {
                    t.expert(&NONZERO_AFTER_EOL, at, end - at, None);
                    break;
                }
            }
            1 => {
                single(t, &OPT_NOP, at, kind);
                at += 1;
            }
            _ => {
                if at + 1 < end && at + 1 >= cap {
                    t.ran_out(at, "TCP option");
                    break;
                }
                let Some(len) = rd.u8(at + 1).filter(|_| at + 1 < end) else {
                    t.expert(&OPT_LEN_INVALID, at, 1, Some(format_args!("option kind {kind} has no length octet")));
                    break;
                };
                let len = usize::from(len);
                if len < 2 {
                    t.expert(&OPT_LEN_INVALID, at + 1, 1, Some(format_args!("option kind {kind}: length {len} is below 2")));
                    break;
                }
                if at + len > end {
                    t.expert(
                        &OPT_LEN_INVALID,
                        at + 1,
                        1,
                        Some(format_args!("option kind {kind}: length {len} runs past the options ({} bytes left)", end - at)),
                    );
                    break;
                }
                if at + len > cap {
                    // As tshark: what was captured of the option, then the cut.
                    option(t, kind, at, len, cap, syn);
                    t.ran_out(at, "TCP option");
                    break;
                }
                option(t, kind, at, len, cap, syn);
                at += len;
            }
        }
    }
    t.close();
}

/// The captured part of an option the cut ends: its fields that fit before `cap`.
fn partial(t: &mut Tree<'_>, kind: u8, at: usize, len: usize, cap: usize) {
    let rd = t.rd();
    let fits = |from: usize, n: usize| from + n <= cap;
    match kind {
        5 => {
            let mut k = at + 2;
            while let Some(edge) = rd.u32(k).filter(|_| k + 4 <= at + len && fits(k, 4)) {
                let def = if (k - at - 2).is_multiple_of(8) { &SACK_LE } else { &SACK_RE };
                t.add_uint(def, k, 4, u64::from(edge));
                k += 4;
            }
        }
        8 => {
            if let Some(val) = rd.u32(at + 2).filter(|_| fits(at + 2, 4)) {
                t.add_uint(&TSVAL, at + 2, 4, u64::from(val));
            }
        }
        2..=4 => {}
        _ => {
            if fits(at + 2, 1) {
                t.add(&UNKNOWN_PAYLOAD, at + 2, len - 2, Value::Bytes);
            }
        }
    }
}

/// A one-octet option (End of Option List, No-Operation).
fn single(t: &mut Tree<'_>, def: &'static FieldDef, at: usize, kind: u8) {
    let n = t.add(def, at, 1, Value::None);
    t.open(n);
    t.add_uint(&OPTION_KIND, at, 1, u64::from(kind));
    t.close();
}

/// One option of `len` octets (kind and length included) at `at`, wholly inside the options;
/// the octets from `cap` on were cut (a snap length, a quote), so only what lies before it is
/// decoded, and the option's summary and Info entry only when all of it is there.
fn option(t: &mut Tree<'_>, kind: u8, at: usize, len: usize, cap: usize, syn: bool) {
    let (def, valid) = match kind {
        2 => (&OPT_MSS, len == 4),
        3 => (&OPT_WSCALE, len == 3),
        4 => (&OPT_SACK_PERM, len == 2),
        5 => (&OPT_SACK, len >= 10 && (len - 2).is_multiple_of(8)),
        8 => (&OPT_TIMESTAMP, len == 10),
        _ => (&OPT_UNKNOWN, true),
    };
    let n = t.add(def, at, len, Value::None);
    t.open(n);
    t.add_uint(&OPTION_KIND, at, 1, u64::from(kind));
    t.add_uint(&OPTION_LEN, at + 1, 1, len as u64);
    // Options a connection negotiates once, in its SYN segments (a wrong length says more).
    match kind {
        2 if !syn && valid => t.expert(&MSS_WITHOUT_SYN, at, 1, None),
        3 if !syn && valid => t.expert(&WSCALE_WITHOUT_SYN, at, 1, None),
        _ => {}
    }
    if !valid {
        let want = match kind {
            2 => "4",
            3 => "3",
            4 => "2",
            5 => "2 + 8n with n >= 1",
            _ => "10",
        };
        t.expert(&OPT_LEN_INVALID, at + 1, 1, Some(format_args!("length {len}, must be {want}")));
        t.close();
        return;
    }
    if at + len > cap {
        partial(t, kind, at, len, cap);
        t.close();
        return;
    }
    // `at + len <= cap`: every read below is there; one that is not ends the option.
    let rd = t.rd();
    match kind {
        2 => {
            let Some(mss) = rd.u16(at + 2) else { return t.close() };
            t.add_uint(&MSS_VAL, at + 2, 2, u64::from(mss));
            t.append_with(n, |s| {
                s.push_str(": ");
                write_dec(s, u64::from(mss));
                s.push_str(" bytes");
            });
            let info = t.info();
            info.push_str(" MSS=");
            write_dec(info, u64::from(mss));
        }
        3 => {
            let Some(shift) = rd.u8(at + 2) else { return t.close() };
            let mult = 1u64 << shift.min(14);
            let sn = t.add_uint(&WSCALE_SHIFT, at + 2, 1, u64::from(shift));
            if shift > 14 {
                t.open(sn);
                t.expert(&WSCALE_INVALID, at + 2, 1, Some(format_args!("shift count {shift}")));
                t.close();
            }
            t.add_generated(&WSCALE_MULT, at + 2, 1, Value::Uint(mult));
            t.append_with(n, |s| {
                s.push_str(": ");
                write_dec(s, u64::from(shift));
                s.push_str(" (multiply by ");
                write_dec(s, mult);
                s.push(')');
            });
            let info = t.info();
            info.push_str(" WS=");
            write_dec(info, mult);
        }
        4 => t.info().push_str(" SACK_PERM"),
        5 => {
            let blocks = (len - 2) / 8;
            for k in 0..blocks {
                let (Some(le), Some(re)) = (rd.u32(at + 2 + 8 * k), rd.u32(at + 6 + 8 * k)) else { break };
                t.add_uint(&SACK_LE, at + 2 + 8 * k, 4, u64::from(le));
                t.add_uint(&SACK_RE, at + 6 + 8 * k, 4, u64::from(re));
                t.append_with(n, |s| {
                    s.push(' ');
                    write_dec(s, u64::from(le));
                    s.push('-');
                    write_dec(s, u64::from(re));
                });
                let info = t.info();
                info.push_str(" SLE=");
                write_dec(info, u64::from(le));
                info.push_str(" SRE=");
                write_dec(info, u64::from(re));
            }
            t.add_generated(&SACK_COUNT, at + 1, 1, Value::Uint(blocks as u64));
        }
        8 => {
            let (Some(val), Some(ecr)) = (rd.u32(at + 2), rd.u32(at + 6)) else { return t.close() };
            t.add_uint(&TSVAL, at + 2, 4, u64::from(val));
            t.add_uint(&TSECR, at + 6, 4, u64::from(ecr));
            t.append_with(n, |s| {
                s.push_str(": TSval ");
                write_dec(s, u64::from(val));
                s.push_str(", TSecr ");
                write_dec(s, u64::from(ecr));
            });
            let info = t.info();
            info.push_str(" TSval=");
            write_dec(info, u64::from(val));
            info.push_str(" TSecr=");
            write_dec(info, u64::from(ecr));
        }
        _ => {
            if let Some(name) = OPTION_KIND.value_name(u64::from(kind)) {
                t.append(n, format_args!(": {name} ({kind}), not decoded"));
            }
            if len > 2 {
                t.add(&UNKNOWN_PAYLOAD, at + 2, len - 2, Value::Bytes);
            }
        }
    }
    t.close();
}
