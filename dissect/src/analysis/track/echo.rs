//! Pings: ICMP Echo Request/Reply (RFC 792) and ICMPv6 Echo Request/Reply (RFC 4443 §4) paired
//! as tshark 4.0 pairs them, so that a capture around the mobility signalling reads the same
//! in both tools: "(request in N)" with `icmp.resp_to` and `icmp.resptime` in one pass, and
//! with `-2` "(reply in N)" or "(no response found!)" on the request.
//!
//! A reply answers a request between the same two addresses, whichever way either went (tshark
//! pairs inside a conversation of two addresses: a reply sent the same way as its request still
//! pairs), with the same Identifier and Sequence Number and the same data: the reply is the
//! request with another type, so its checksum differs by the type's difference alone, and the
//! request's checksum is worked back from the reply's ([`checksum_key`]; a checksum of 0 and
//! one of 0xffff, the two zeros of one's-complement arithmetic, are one key). The addresses are
//! those the IP layer gives the message (a Mobile IPv6 node's home address from its Home Address
//! option, the type 2 routing header's on the way back: tshark's too), and a ping inside a UDP
//! tunnel pairs only with one inside a UDP tunnel (tshark's conversation keeps the port type). A request equal to one
//! still waiting replaces it (the earlier is never answered); a reply answers once; nothing
//! inside an ICMP error's quote or a Redirected Header takes part. Unlike tshark's table, a
//! request waits at most [`super::TIMEOUT_NS`] or [`super::WINDOW`] frames (memory stays bounded).
//!
//! With `-2`, a request no reply answered says "(no response found!)" with an `icmp.no_resp`
//! item and a warning, unless it went to a multicast group or the limited broadcast address,
//! where tshark only says "(multicast)" or "(broadcast)".

use super::{memo, Key, MsgNote, PairKind, TrackFact};
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{Double, FieldDef, Kind, Value};
use crate::format::Sink;
use crate::tree::Tree;
use crate::IpCtx;

/// Records the keys of an echo message whose Identifier and Sequence Number were decoded, its
/// generated fields to go where the parser stands (after the Sequence Number, before the data).
pub(crate) fn record(t: &mut Tree<'_>, kind: PairKind, request: bool, checksum: u16, ident: u16, seq: u16, ip: IpCtx) {
    if t.in_error {
        return;
    }
    // tshark's conversation keeps the port type a UDP layer below left (a MIPv4 or VXLAN
    // tunnel's): a ping carried over UDP pairs only with one carried over UDP too.
    let over_udp = t.pkt.udp_ip.is_some();
    let key = Key::echo(kind, ip, checksum_key(kind, request, checksum), ident, seq, over_udp);
    t.d.facts.track.push(TrackFact {
        request: request.then_some(key),
        response: (!request).then_some(key),
        at: t.anchor(),
        mh: None,
        proto: if kind == PairKind::Echo6 { "icmpv6" } else { "icmp" },
        memo: if request { destination(ip) } else { 0 },
    });
}

/// The request's checksum a message pairs by: a request's own; for a reply, its checksum plus
/// (one's complement) what changing the type took away: ICMP's type goes from 8 to 0 (the first
/// word loses 0x0800, the checksum gains it), ICMPv6's from 128 to 129 (0x0100 the other way).
/// Both zeros are one (0xffff), as in tshark.
pub fn checksum_key(kind: PairKind, request: bool, checksum: u16) -> u16 {
    let adjust = match (request, kind) {
        (true, _) => 0,
        (false, PairKind::Echo6) => 0x0100,
        // -0x0800 in one's complement.
        (false, _) => !0x0800u16,
    };
    let sum = u32::from(checksum) + u32::from(adjust);
    match ((sum & 0xffff) + (sum >> 16)) as u16 {
        0 => 0xffff,
        k => k,
    }
}

/// Where a request went, as its memo: a multicast group (IPv4 224.0.0.0/4, IPv6 ff00::/8) or
/// the limited broadcast address.
fn destination(ip: IpCtx) -> u64 {
    match ip {
        IpCtx::V4 { dst, .. } if dst[0] >> 4 == 0xe => memo::ECHO_MULTICAST,
        IpCtx::V4 { dst: [255, 255, 255, 255], .. } => memo::ECHO_BROADCAST,
        IpCtx::V6 { dst, .. } if dst[0] == 0xff => memo::ECHO_MULTICAST,
        _ => 0,
    }
}

/// Shows what tracking says of one echo message (`kind` is its pair's).
pub(super) fn show(p: &mut crate::analysis::Pass<'_, '_>, m: &TrackFact, n: &MsgNote, kind: PairKind) {
    let f = if kind == PairKind::Echo6 { &ICMPV6 } else { &ICMP };
    p.proto = m.proto;
    let at = m.at;
    if let Some(r) = n.response_in {
        p.generated(at, f.resp_in, 0, 0, Value::Uint(r));
        p.info_push(format_args!(" (reply in {r})"));
    }
    if let Some((_, req, ns)) = n.answers {
        p.generated(at, f.resp_to, 0, 0, Value::Uint(req));
        p.generated(at, f.resptime, 0, 0, Value::Double(Double::new(millis(ns))));
        p.info_push(format_args!(" (request in {req})"));
    }
    if n.unanswered {
        match m.memo {
            memo::ECHO_MULTICAST => p.info_push(format_args!(" (multicast)")),
            memo::ECHO_BROADCAST => p.info_push(format_args!(" (broadcast)")),
            _ => {
                let frame = p.t.d.frame_number;
                match kind {
                    PairKind::Echo6 => p.generated_expert(
                        at,
                        f.no_resp,
                        f.not_found,
                        format_args!("No response seen to ICMPv6 request in frame {frame}"),
                    ),
                    _ => p.generated_expert(at, f.no_resp, f.not_found, format_args!("No response seen to ICMP request")),
                }
                p.info_push(format_args!(" (no response found!)"));
            }
        }
    }
}

/// Nanoseconds as tshark's milliseconds (`nstime_to_msec`: whole seconds times 1,000 plus the
/// nanoseconds over 1,000,000, each part of the same sign).
fn millis(ns: i64) -> f64 {
    (ns / 1_000_000_000) as f64 * 1000.0 + (ns % 1_000_000_000) as f64 / 1_000_000.0
}

/// The tree's text of a response time: "1000.000 ms".
fn write_ms(v: &Value, out: &mut dyn Sink) {
    if let Value::Double(d) = v {
        let _ = write!(out, "{:.3} ms", d.get());
    }
}

/// One protocol's generated fields and expert item.
struct Defs {
    resp_in: &'static FieldDef,
    no_resp: &'static FieldDef,
    resp_to: &'static FieldDef,
    resptime: &'static FieldDef,
    not_found: &'static ExpertDef,
}

// tshark 4.0's names, titles and descriptions (`tshark -G fields`, `-G expert`).
pub static ICMP_RESP_IN: FieldDef =
    FieldDef::new("icmp.resp_in", "Response frame", Kind::FrameNum).blurb("The frame number of the corresponding response");
pub static ICMP_NO_RESP: FieldDef =
    FieldDef::new("icmp.no_resp", "No response seen", Kind::None).blurb("No corresponding response frame was seen");
pub static ICMP_RESP_TO: FieldDef =
    FieldDef::new("icmp.resp_to", "Request frame", Kind::FrameNum).blurb("The frame number of the corresponding request");
pub static ICMP_RESPTIME: FieldDef = FieldDef::new("icmp.resptime", "Response time", Kind::Double)
    .custom(write_ms)
    .blurb("The time between the request and the response, in ms.");
pub static ICMP_RESP_NOT_FOUND: ExpertDef =
    ExpertDef::new("icmp.resp_not_found", Group::Sequence, Severity::Warn, "No response seen to ICMP request");
pub static ICMPV6_RESP_IN: FieldDef =
    FieldDef::new("icmpv6.resp_in", "Response In", Kind::FrameNum).blurb("The response to this request is in this frame");
pub static ICMPV6_NO_RESP: FieldDef =
    FieldDef::new("icmpv6.no_resp", "No response seen", Kind::None).blurb("No corresponding response frame was seen");
pub static ICMPV6_RESP_TO: FieldDef =
    FieldDef::new("icmpv6.resp_to", "Response To", Kind::FrameNum).blurb("This is the response to the request in this frame");
pub static ICMPV6_RESPTIME: FieldDef = FieldDef::new("icmpv6.resptime", "Response Time", Kind::Double)
    .custom(write_ms)
    .blurb("The time between the request and the response, in ms.");
pub static ICMPV6_RESP_NOT_FOUND: ExpertDef =
    ExpertDef::new("icmpv6.resp_not_found", Group::Sequence, Severity::Warn, "No response seen to ICMPv6 request");

static ICMP: Defs = Defs {
    resp_in: &ICMP_RESP_IN,
    no_resp: &ICMP_NO_RESP,
    resp_to: &ICMP_RESP_TO,
    resptime: &ICMP_RESPTIME,
    not_found: &ICMP_RESP_NOT_FOUND,
};
static ICMPV6: Defs = Defs {
    resp_in: &ICMPV6_RESP_IN,
    no_resp: &ICMPV6_NO_RESP,
    resp_to: &ICMPV6_RESP_TO,
    resptime: &ICMPV6_RESPTIME,
    not_found: &ICMPV6_RESP_NOT_FOUND,
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Pairs of request and reply checksums tshark 4.0.17 matched (or not), found by sending it
    /// pairs around the wrap-around of one's-complement arithmetic.
    #[test]
    fn a_reply_finds_its_request_by_checksum_as_tshark() {
        let key = |k, req, c| checksum_key(k, req, c);
        // ICMP: reply = request + 0x0800.
        for (q, r) in [(0x3d05, 0x4505), (0xf7ff, 0x0000), (0xf800, 0x0001), (0xfffe, 0x07ff), (0x0000, 0x0800), (0xffff, 0x0800)]
        {
            assert_eq!(key(PairKind::Echo, true, q), key(PairKind::Echo, false, r), "{q:#06x} {r:#06x}");
        }
        assert_ne!(key(PairKind::Echo, true, 0x0800), key(PairKind::Echo, false, 0x0800));
        // ICMPv6: reply = request - 0x0100.
        for (q, r) in [(0x3d21, 0x3c21), (0x0000, 0xfeff), (0xffff, 0xfeff), (0x0100, 0x0000), (0x0101, 0x0001)] {
            assert_eq!(key(PairKind::Echo6, true, q), key(PairKind::Echo6, false, r), "{q:#06x} {r:#06x}");
        }
        assert_ne!(key(PairKind::Echo6, true, 0x3c21), key(PairKind::Echo6, false, 0x3d21));
    }

    #[test]
    fn response_times_in_milliseconds_as_tshark() {
        assert_eq!(millis(1_000_000_000), 1000.0);
        assert_eq!(millis(1_500_000), 1.5);
        assert_eq!(millis(-2_250_000_000), -2250.0);
        let mut o = String::new();
        write_ms(&Value::Double(Double::new(millis(1_000_000_000))), &mut o);
        assert_eq!(o, "1000.000 ms");
    }
}
