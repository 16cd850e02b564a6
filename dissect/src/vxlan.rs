//! VXLAN (RFC 7348, UDP port 4789) and VXLAN-GPE (draft-ietf-nvo3-vxlan-gpe, UDP port 4790):
//! overlay tunnels that carry, among others, PMIPv6 signalling between a MAG and an LMA. The
//! inner frame is dissected through the tunnel nesting limit (`ip.max_nesting`).
//!
//! Field names are Wireshark's, which reads the first 32 bits of a VXLAN header as 16 bits of
//! flags (the Group Based Policy extension's G, D and A beside RFC 7348's I) and a 16-bit Group
//! Policy ID; under plain RFC 7348 those bits are reserved and zero.

use crate::expert::{ExpertDef, Group, Severity, DEPTH_LIMIT};
use crate::field::{FieldDef, Kind};
use crate::format::write_dec;
use crate::layout;
use crate::tree::Tree;

/// UDP port of VXLAN (IANA, RFC 7348 §5).
pub const VXLAN_PORT: u16 = 4789;
/// UDP port of VXLAN-GPE (IANA, draft-ietf-nvo3-vxlan-gpe §3.2).
pub const GPE_PORT: u16 = 4790;

static NEXT_PROTO_VALS: &[(u64, &str)] = &[(1, "IPv4"), (2, "IPv6"), (3, "Ethernet"), (4, "Network Service Header"), (5, "MPLS")];

pub static VXLAN: FieldDef = FieldDef::new("vxlan", "Virtual eXtensible Local Area Network", Kind::Protocol);
pub static FLAGS: FieldDef = FieldDef::new("vxlan.flags", "Flags", Kind::Uint(2)).hex();
/// VXLAN-GPE's flags are one octet: a second row of `vxlan.flags`, as tshark registers it.
pub static GPE_FLAGS: FieldDef = FieldDef::new("vxlan.flags", "Flags", Kind::Uint(1)).hex();
pub static FLAG_G: FieldDef =
    FieldDef::new("vxlan.flag_g", "GBP Extension", Kind::Bool(2)).mask(0x8000).tfs("Defined", "Not defined");
pub static FLAG_I: FieldDef =
    FieldDef::new("vxlan.flag_i", "VXLAN Network ID (VNI)", Kind::Bool(2)).mask(0x0800).tfs("True", "False");
pub static FLAG_D: FieldDef = FieldDef::new("vxlan.flag_d", "Don't Learn", Kind::Bool(2)).mask(0x0040).tfs("True", "False");
pub static FLAG_A: FieldDef = FieldDef::new("vxlan.flag_a", "Policy Applied", Kind::Bool(2)).mask(0x0008).tfs("True", "False");
pub static FLAGS_RESERVED: FieldDef = FieldDef::new("vxlan.flags_reserved", "Reserved(R)", Kind::Uint(2)).hex().mask(0x77b7);
/// VXLAN-GPE's reserved flag bits (the two R bits before Ver; B is shown on its own).
pub static GPE_FLAGS_RESERVED: FieldDef = FieldDef::new("vxlan.flags_reserved", "Reserved(R)", Kind::Uint(1)).mask(0xc0);
pub static GBP: FieldDef = FieldDef::new("vxlan.gbp", "Group Policy ID", Kind::Uint(2));
pub static VNI: FieldDef = FieldDef::new("vxlan.vni", "VXLAN Network Identifier (VNI)", Kind::Uint(3));
pub static RESERVED8: FieldDef = FieldDef::new("vxlan.reserved8", "Reserved", Kind::Uint(1));
pub static VER: FieldDef = FieldDef::new("vxlan.ver", "Version", Kind::Uint(1)).mask(0x30);
pub static I_BIT: FieldDef = FieldDef::new("vxlan.i_bit", "Instance", Kind::Uint(1)).mask(0x08);
pub static P_BIT: FieldDef = FieldDef::new("vxlan.p_bit", "Next Protocol Bit", Kind::Uint(1)).mask(0x04);
/// The BUM traffic bit of draft-ietf-nvo3-vxlan-gpe (not in Wireshark 4.0).
pub static B_BIT: FieldDef = FieldDef::new("vxlan.b_bit", "BUM Traffic Bit", Kind::Uint(1)).mask(0x02);
pub static O_BIT: FieldDef = FieldDef::new("vxlan.o_bit", "OAM bit", Kind::Uint(1)).mask(0x01);
pub static RESERVED_16: FieldDef = FieldDef::new("vxlan.reserved_16", "Reserved", Kind::Uint(2));
pub static NEXT_PROTO: FieldDef = FieldDef::new("vxlan.next_proto", "Next Protocol", Kind::Uint(1)).vals(NEXT_PROTO_VALS);

pub static CHECK_I_FLAG: ExpertDef = ExpertDef::new(
    "check.rfc7348.i_flag",
    Group::Protocol,
    Severity::Warn,
    "VXLAN I flag clear (RFC 7348 §5: MUST be set to 1 for a valid VNI)",
);
pub static CHECK_GPE_VERSION: ExpertDef = ExpertDef::new(
    "check.vxlan_gpe.version",
    Group::Protocol,
    Severity::Warn,
    "VXLAN-GPE Version is not 0, the only version defined (draft-ietf-nvo3-vxlan-gpe §3.3)",
);
pub static CHECK_GPE_P_CLEAR: ExpertDef = ExpertDef::new(
    "check.vxlan_gpe.p_clear",
    Group::Protocol,
    Severity::Note,
    "VXLAN-GPE P bit clear: no Next Protocol field (draft-ietf-nvo3-vxlan-gpe §3.3); the payload is taken as Ethernet, as VXLAN's (RFC 7348)",
);

pub static EXPERTS: &[&ExpertDef] = &[&CHECK_I_FLAG, &CHECK_GPE_VERSION, &CHECK_GPE_P_CLEAR];

pub static FIELDS: &[&FieldDef] = &[
    &VXLAN,
    &FLAGS,
    &GPE_FLAGS,
    &FLAG_G,
    &FLAG_I,
    &FLAG_D,
    &FLAG_A,
    &FLAGS_RESERVED,
    &GPE_FLAGS_RESERVED,
    &GBP,
    &VNI,
    &RESERVED8,
    &VER,
    &I_BIT,
    &P_BIT,
    &B_BIT,
    &O_BIT,
    &RESERVED_16,
    &NEXT_PROTO,
];

layout! {
    /// RFC 7348 §5:
    ///
    /// ```text
    ///  0                   1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |R|R|R|R|I|R|R|R|            Reserved                           |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |                VXLAN Network Identifier (VNI) |   Reserved    |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ```
    pub struct Header {
        pub flags: u16 => [],
        pub gbp: u16 => [],
        pub vni_reserved: u32 => [],
    }
}

layout! {
    /// draft-ietf-nvo3-vxlan-gpe-12 §3.3:
    ///
    /// ```text
    ///  0                   1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |R|R|Ver|I|P|B|O|       Reserved                |Next Protocol  |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |                VXLAN Network Identifier (VNI) |   Reserved    |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// ```
    pub struct GpeHeader {
        pub flags: u8 => [],
        pub reserved: u16 => [],
        pub next_proto: u8 => [],
        pub vni_reserved: u32 => [],
    }
}

/// A VXLAN header and the Ethernet frame it carries.
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize) {
    let p = t.protocol(&VXLAN, off, end.saturating_sub(off).min(Header::LEN));
    let Ok((_, h)) = Header::parse(t.bytes(off, end)) else {
        t.truncated(off, "VXLAN header");
        t.close();
        return;
    };
    let f = t.add_uint(&FLAGS, off, 2, u64::from(h.flags));
    t.open(f);
    for d in [&FLAG_G, &FLAG_I, &FLAG_D, &FLAG_A, &FLAGS_RESERVED] {
        t.add_uint(d, off, 2, u64::from(h.flags));
    }
    if h.flags & 0x0800 == 0 {
        t.expert(&CHECK_I_FLAG, off, 1, None);
    }
    t.close();
    t.add_uint(&GBP, off + 2, 2, u64::from(h.gbp));
    let vni = vni_fields(t, p, off + 4, h.vni_reserved);
    t.close();
    inner(t, vni, off + Header::LEN, end, 3);
}

/// A VXLAN-GPE header and the packet its Next Protocol names.
pub fn dissect_gpe(t: &mut Tree<'_>, off: usize, end: usize) {
    let p = t.protocol(&VXLAN, off, end.saturating_sub(off).min(GpeHeader::LEN));
    let Ok((_, h)) = GpeHeader::parse(t.bytes(off, end)) else {
        t.truncated(off, "VXLAN-GPE header");
        t.close();
        return;
    };
    t.append(p, format_args!(" (GPE)"));
    let f = t.add_uint(&GPE_FLAGS, off, 1, u64::from(h.flags));
    t.open(f);
    for d in [&VER, &I_BIT, &P_BIT, &B_BIT, &O_BIT, &GPE_FLAGS_RESERVED] {
        t.add_uint(d, off, 1, u64::from(h.flags));
    }
    let ver = (h.flags >> 4) & 3;
    if ver != 0 {
        t.expert(&CHECK_GPE_VERSION, off, 1, Some(format_args!("Version {ver}")));
    }
    t.close();
    t.add_uint(&RESERVED_16, off + 1, 2, u64::from(h.reserved));
    let np = t.add_uint(&NEXT_PROTO, off + 3, 1, u64::from(h.next_proto));
    // The Next Protocol field is there only when P says so; without it the payload is
    // Ethernet, as VXLAN's.
    let next = if h.flags & 0x04 != 0 {
        h.next_proto
    } else {
        t.append(np, format_args!(" [not present: P is clear]"));
        t.expert(&CHECK_GPE_P_CLEAR, off, 1, None);
        3
    };
    let vni = vni_fields(t, p, off + 4, h.vni_reserved);
    t.close();
    inner(t, vni, off + GpeHeader::LEN, end, next);
}

fn vni_fields(t: &mut Tree<'_>, p: usize, at: usize, word: u32) -> u32 {
    let vni = word >> 8;
    t.add_uint(&VNI, at, 3, u64::from(vni));
    t.add_uint(&RESERVED8, at + 3, 1, u64::from(word & 0xff));
    t.append_with(p, |s| {
        s.push_str(", VNI: ");
        write_dec(s, u64::from(vni));
    });
    vni
}

/// The encapsulated packet: `next` is a VXLAN-GPE Next Protocol (3 = Ethernet, as plain VXLAN).
fn inner(t: &mut Tree<'_>, vni: u32, at: usize, end: usize, next: u8) {
    t.set_protocol_column("VXLAN");
    let info = t.info();
    info.clear();
    info.push_str("VNI ");
    write_dec(info, u64::from(vni));
    if end <= at {
        return;
    }
    t.nesting += 1;
    if t.nesting > t.prefs.max_nesting {
        t.expert(
            &DEPTH_LIMIT,
            at,
            end - at,
            Some(format_args!("tunnel nesting deeper than {} (preference ip.max_nesting)", t.prefs.max_nesting)),
        );
    } else {
        match next {
            1 => crate::dissect_ethertype(t, 0x0800, at, end),
            2 => crate::dissect_ethertype(t, 0x86dd, at, end),
            3 => crate::link::ethernet(t, at, end),
            _ => crate::data(t, at, end),
        }
    }
    t.nesting -= 1;
}
