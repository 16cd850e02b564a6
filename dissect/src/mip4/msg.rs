//! Mobile IPv4 messages with a fixed part: Registration Request / Reply (RFC 5944 §3.3, §3.4),
//! Tunnel Data (RFC 3519 §3.3), Registration Revocation and its Acknowledgment (RFC 3543
//! §3.1, §3.2). One `layout!` per fixed part, counted from the octet after the Type octet.
//!
//! ```text
//! Registration Request (RFC 5944 §3.3)
//!  0                   1                   2                   3
//!  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |     Type      |S|B|D|M|G|r|T|x|          Lifetime             |
//! +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//! |                          Home Address                         |
//! |                           Home Agent                          |
//! |                        Care-of Address                        |
//! +                         Identification (64)                   +
//! | Extensions ...
//!
//! Registration Reply (RFC 5944 §3.4)
//! |     Type      |     Code      |           Lifetime            |
//! | Home Address | Home Agent | Identification (64) | Extensions ...
//!
//! Tunnel Data (RFC 3519 §3.3)
//! |     Type      |  Next Header  |           Reserved            |
//! | inner packet ...
//!
//! Registration Revocation (RFC 3543 §3.3)
//! |     Type      |   Reserved    |A|I|        Reserved           |
//! | Home Address | Home Domain Address | Foreign Domain Address | Revocation Identifier |
//!
//! Revocation Acknowledgment (RFC 3543 §3.4)
//! |     Type      |   Reserved    |I|        Reserved             |
//! | Home Address | Revocation Identifier |
//! ```

use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::tree::Tree;
use crate::wire::Ip4;

/// IANA "Code Values for Mobile IP Registration Reply Messages" (RFC 5944, RFC 6521 and the
/// later RFCs the registry cites).
pub static CODE_VALS: &[(u64, &str)] = &[
    (0, "registration accepted"),
    (1, "registration accepted, but simultaneous mobility bindings unsupported"),
    (2, "Concurrent registration (pre-accept)"),
    (64, "reason unspecified"),
    (65, "administratively prohibited"),
    (66, "insufficient resources"),
    (67, "mobile node failed authentication"),
    (68, "home agent failed authentication"),
    (69, "requested Lifetime too long"),
    (70, "poorly formed Request"),
    (71, "poorly formed Reply"),
    (72, "requested encapsulation unavailable"),
    (73, "reserved and unavailable"),
    (74, "request reverse tunnel unavailable"),
    (75, "reverse tunnel is mandatory and 'T' bit not set"),
    (76, "mobile node too distant"),
    (77, "invalid care-of address"),
    (78, "registration timeout"),
    (79, "delivery style not supported"),
    (80, "home network unreachable (ICMP error received)"),
    (81, "home agent host unreachable (ICMP error received)"),
    (82, "home agent port unreachable (ICMP error received)"),
    (88, "home agent unreachable (other ICMP error received)"),
    (89, "vendor-specific reason"),
    (90, "Non-zero HA address required in Registration Request"),
    (96, "nonzero_homeaddr_reqd"),
    (97, "missing_nai"),
    (98, "missing_home_agent"),
    (99, "missing_homeaddr"),
    (100, "ERROR-FA-1"),
    (101, "ERROR-FA-2"),
    (104, "unknown_challenge"),
    (105, "missing_challenge"),
    (106, "stale_challenge"),
    (107, "MISSING_MN_FA"),
    (108, "fa_bad_aaa_auth"),
    (109, "ha_wrong_challenge"),
    (110, "REPLAY_PROT_UNAVAIL"),
    (111, "ZERO_COA_NOT_SUPP"),
    (112, "UNKNOWN_GFA"),
    (113, "GFA_UNREACHABLE"),
    (114, "GFA_HOST_UNREACHABLE"),
    (115, "GFA_PORT_UNREACHABLE"),
    (116, "Invalid Home Agent Address"),
    (127, "FA Error Code for Experimental use"),
    (128, "reason unspecified"),
    (129, "administratively prohibited"),
    (130, "insufficient resources"),
    (131, "mobile node failed authentication"),
    (132, "foreign agent failed authentication"),
    (133, "registration Identification mismatch"),
    (134, "poorly formed Request"),
    (135, "too many simultaneous mobility bindings"),
    (136, "unknown home agent address"),
    (137, "request reverse tunnel unavailable"),
    (138, "reverse tunnel is mandatory and 'T' bit not set"),
    (139, "requested encapsulation unavailable"),
    (140, "ERROR-HA-1"),
    (141, "ERROR-HA-2"),
    (142, "ERROR_HA_UDP-ENCAP_UNAVAIL"),
    (143, "Reregister with redirected HA"),
    (144, "ha_bad_aaa_auth"),
    (145, "ZERO_CAREOF_ADDRESS"),
    (146, "DYN_GFA_NOT_SUPP"),
    (147, "Mobile Network Prefix operation error (HA_MOBNET_ERROR)"),
    (148, "Mobile Router operation is not permitted (HA_MOBNET_DISALLOWED)"),
    (149, "PMIP_UNSUPPORTED"),
    (150, "PMIP_DISALLOWED"),
    (151, "SERVICE_AUTHORIZATION_FAILED"),
    (152, "MULTIPATH_NOT_ALLOWED"),
    (153, "INVALID_FB_IDENTIFIER"),
    (192, "HA Error Code for Experimental use"),
    (193, "NO_HOME_REG"),
    (201, "Expired Home nonce Index"),
    (202, "Expired Care-of nonce Index"),
    (203, "Expired nonces"),
];

/// Encapsulations of Tunnel Data (RFC 3519 §3.3) and of the UDP Tunnel Request (§3.1).
pub static NEXT_HEADER_VALS: &[(u64, &str)] =
    &[(4, "IP in IP (RFC 2003)"), (47, "GRE (RFC 2784)"), (55, "Minimal encapsulation (RFC 2004)")];

// ---- Registration Request
pub static FLAGS: FieldDef = FieldDef::new("mip.flags", "Flags", Kind::Uint(1)).hex();
pub static FLAG_S: FieldDef = FieldDef::new("mip.s", "Simultaneous Bindings", Kind::Bool(1))
    .mask(0x80)
    .tfs("Simultaneous bindings requested", "No simultaneous bindings");
pub static FLAG_B: FieldDef = FieldDef::new("mip.b", "Broadcast Datagrams", Kind::Bool(1))
    .mask(0x40)
    .tfs("Broadcast datagrams requested", "No broadcast datagrams");
pub static FLAG_D: FieldDef = FieldDef::new("mip.d", "Co-located Care-of Address", Kind::Bool(1))
    .mask(0x20)
    .tfs("MN decapsulates (co-located care-of address)", "FA decapsulates");
pub static FLAG_M: FieldDef = FieldDef::new("mip.m", "Minimal Encapsulation", Kind::Bool(1))
    .mask(0x10)
    .tfs("Minimal encapsulation requested", "No minimal encapsulation");
pub static FLAG_G: FieldDef =
    FieldDef::new("mip.g", "GRE", Kind::Bool(1)).mask(0x08).tfs("GRE encapsulation requested", "No GRE encapsulation");
pub static FLAG_V: FieldDef = FieldDef::new("mip.v", "Reserved (r; RFC 2002 Van Jacobson)", Kind::Bool(1))
    .mask(0x04)
    .blurb("RFC 5944 §3.3: sent as zero, ignored on reception");
pub static FLAG_T: FieldDef = FieldDef::new("mip.t", "Reverse Tunneling", Kind::Bool(1))
    .mask(0x02)
    .tfs("Reverse tunneling requested", "No reverse tunneling");
pub static FLAG_X: FieldDef = FieldDef::new("mip.x", "Reserved (x)", Kind::Bool(1)).mask(0x01);
pub static LIFE: FieldDef = FieldDef::new("mip.life", "Lifetime", Kind::Uint(2)).unit(" s");
pub static HOMEADDR: FieldDef = FieldDef::new("mip.homeaddr", "Home Address", Kind::Ipv4);
pub static HAADDR: FieldDef = FieldDef::new("mip.haaddr", "Home Agent", Kind::Ipv4);
pub static COA: FieldDef = FieldDef::new("mip.coa", "Care of Address", Kind::Ipv4);
/// Wireshark files the Identification as an NTP time stamp (`FT_ABSOLUTE_TIME`); mipscope
/// does the same and appends the raw 64 bits in hex to the label.
pub static IDENT: FieldDef = FieldDef::new("mip.ident", "Identification", Kind::AbsTime)
    .blurb("64-bit Identification (RFC 5944 §5.7), shown as an NTP time stamp and in hex");

layout! {
    /// Registration Request after the Type octet (RFC 5944 §3.3).
    pub struct RegRequest {
        pub flags: u8 => [&FLAGS, &FLAG_S, &FLAG_B, &FLAG_D, &FLAG_M, &FLAG_G, &FLAG_V, &FLAG_T, &FLAG_X],
        pub lifetime: u16 => [&LIFE],
        pub home: Ip4 => [&HOMEADDR],
        pub ha: Ip4 => [&HAADDR],
        pub coa: Ip4 => [&COA],
        pub ident: u64 => [],
    }
}

// ---- Registration Reply
pub static CODE: FieldDef = FieldDef::new("mip.code", "Reply Code", Kind::Uint(1)).vals(CODE_VALS);
layout! {
    /// Registration Reply after the Type octet (RFC 5944 §3.4).
    pub struct RegReply {
        pub code: u8 => [&CODE],
        pub lifetime: u16 => [&LIFE],
        pub home: Ip4 => [&HOMEADDR],
        pub ha: Ip4 => [&HAADDR],
        pub ident: u64 => [],
    }
}

// ---- Tunnel Data (RFC 3519 §3.3)
pub static NATTT_NEXTHDR: FieldDef = FieldDef::new("mip.nattt.nexthdr", "NATTT NextHeader", Kind::Uint(1)).vals(NEXT_HEADER_VALS);
pub static NATTT_RESERVED: FieldDef = FieldDef::new("mip.nattt.reserved", "Reserved", Kind::Uint(2)).hex();
layout! {
    /// Tunnel Data header after the Type octet (RFC 3519 §3.3).
    pub struct TunnelData {
        pub next_header: u8 => [&NATTT_NEXTHDR],
        pub reserved: u16 => [&NATTT_RESERVED],
    }
}

// ---- Registration Revocation (RFC 3543 §3.3)
pub static REV_RESERVED: FieldDef = FieldDef::new("mip.rev.reserved", "Reserved", Kind::Uint(1)).hex();
pub static FLAGS2: FieldDef = FieldDef::new("mip.flags2", "Flags", Kind::Uint(2)).hex();
pub static REV_A: FieldDef = FieldDef::new("mip.rev.a", "Home Agent", Kind::Bool(2))
    .mask(0x8000)
    .tfs("Revocation sent by the home agent", "Revocation sent by the foreign agent");
pub static REV_I: FieldDef =
    FieldDef::new("mip.rev.i", "Inform", Kind::Bool(2)).mask(0x4000).tfs("Inform Mobile Node", "Do not inform Mobile Node");
pub static REV_RESERVED2: FieldDef = FieldDef::new("mip.rev.reserved2", "Reserved", Kind::Uint(2)).hex().mask(0x3fff);
pub static REV_HDA: FieldDef = FieldDef::new("mip.rev.hda", "Home Domain Address", Kind::Ipv4);
pub static REV_FDA: FieldDef = FieldDef::new("mip.rev.fda", "Foreign Domain Address", Kind::Ipv4);
pub static REVID: FieldDef = FieldDef::new("mip.revid", "Revocation Identifier", Kind::Uint(4));
layout! {
    /// Registration Revocation after the Type octet (RFC 3543 §3.3).
    pub struct Revocation {
        pub reserved: u8 => [&REV_RESERVED],
        pub flags: u16 => [&FLAGS2, &REV_A, &REV_I, &REV_RESERVED2],
        pub home: Ip4 => [&HOMEADDR],
        pub hda: Ip4 => [&REV_HDA],
        pub fda: Ip4 => [&REV_FDA],
        pub rev_id: u32 => [&REVID],
    }
}

// ---- Revocation Acknowledgment (RFC 3543 §3.4)
pub static ACK_RESERVED: FieldDef = FieldDef::new("mip.ack.reserved", "Reserved", Kind::Uint(1)).hex();
pub static ACK_I: FieldDef =
    FieldDef::new("mip.ack.i", "Inform", Kind::Bool(2)).mask(0x8000).tfs("Set", "Not set")
    .blurb("From the home agent: asks the foreign agent to inform the mobile node; from the foreign agent: the mobile node was informed (RFC 3543 §3.4)");
pub static ACK_RESERVED2: FieldDef = FieldDef::new("mip.ack.reserved2", "Reserved", Kind::Uint(2)).hex().mask(0x7fff);
layout! {
    /// Revocation Acknowledgment after the Type octet (RFC 3543 §3.4).
    pub struct RevocationAck {
        pub reserved: u8 => [&ACK_RESERVED],
        pub flags: u16 => [&FLAGS2, &ACK_I, &ACK_RESERVED2],
        pub home: Ip4 => [&HOMEADDR],
        pub rev_id: u32 => [&REVID],
    }
}

/// NTP time stamp (RFC 5905) to Unix seconds and nanoseconds, as Wireshark converts
/// `ENC_TIME_NTP`: top bit set → era 0 (from 1900), clear → era 1 (from 2036), and the all-zero
/// value is the zero time.
pub fn ntp_to_unix(v: u64) -> (i64, u32) {
    let secs = (v >> 32) as u32;
    let frac = v as u32;
    if v == 0 {
        return (0, 0);
    }
    let s = if secs & 0x8000_0000 != 0 { i64::from(secs) - 2_208_988_800 } else { i64::from(secs) + 2_085_978_496 };
    let ns = (1_000_000_000.0 * (f64::from(frac) / 4_294_967_296.0)) as u32;
    (s, ns)
}

/// Adds `mip.ident` at `off` (8 octets): the NTP reading, then the raw value in hex.
pub fn add_ident(t: &mut Tree<'_>, off: usize, v: u64) {
    let (s, ns) = ntp_to_unix(v);
    let i = t.add(&IDENT, off, 8, Value::AbsTime(s, ns));
    if t.full() {
        t.append(i, format_args!(" (0x{v:016x})"));
    }
}
