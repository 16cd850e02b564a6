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
use crate::link::EtherType;
use crate::model::{Auto, Cut, EmitCx};
use crate::tree::Tree;

/// UDP port of VXLAN (IANA, RFC 7348 §5).
pub const VXLAN_PORT: u16 = 4789;
/// UDP port of VXLAN-GPE (IANA, draft-ietf-nvo3-vxlan-gpe §3.2).
pub const GPE_PORT: u16 = 4790;

crate::code_points! {
    /// VXLAN-GPE Next Protocol (draft-ietf-nvo3-vxlan-gpe §3.2, IANA).
    pub enum GpeNextProto: u8 {
        Ipv4 = 1 => "IPv4",
        Ipv6 = 2 => "IPv6",
        Ethernet = 3 => "Ethernet",
        Nsh = 4 => "Network Service Header",
        Mpls = 5 => "MPLS",
    }
}

crate::flags! {
    /// The first 16 bits of a VXLAN header as Wireshark reads them: RFC 7348's I flag and the
    /// Group Based Policy extension's G, D and A (reserved and zero under plain RFC 7348); the
    /// other bits are reserved, kept as they were.
    pub struct VxlanFlags: u16 {
        G = 0x8000 => 'G' "GBP Extension",
        I = 0x0800 => 'I' "VXLAN Network ID (VNI)",
        D = 0x0040 => 'D' "Don't Learn",
        A = 0x0008 => 'A' "Policy Applied",
    }
}

crate::flags! {
    /// The VXLAN-GPE flags octet (draft-ietf-nvo3-vxlan-gpe §3.3): `R R Ver I P B O`; the
    /// version (0x30) and R bits are the unnamed rest, kept as they were.
    pub struct GpeFlags: u8 {
        I = 0x08 => 'I' "Instance",
        P = 0x04 => 'P' "Next Protocol",
        B = 0x02 => 'B' "BUM Traffic",
        O = 0x01 => 'O' "OAM",
    }
}

impl GpeFlags {
    /// The Ver field's bits.
    pub const VERSION: u8 = 0x30;
    /// The version (0 is the only one defined).
    pub const fn version(self) -> u8 {
        (self.0 & Self::VERSION) >> 4
    }
}

pub static VXLAN: FieldDef = FieldDef::new("vxlan", "Virtual eXtensible Local Area Network", Kind::Protocol).short("VXLAN");
pub static FLAGS: FieldDef = FieldDef::new("vxlan.flags", "Flags", Kind::Uint(2)).hex();
/// VXLAN-GPE's flags are one octet: a second row of `vxlan.flags`, as tshark registers it.
pub static GPE_FLAGS: FieldDef = FieldDef::new("vxlan.flags", "Flags", Kind::Uint(1)).hex();
pub static FLAG_G: FieldDef =
    FieldDef::new("vxlan.flag_g", "GBP Extension", Kind::Bool(2)).mask(VxlanFlags::G as u64).tfs("Defined", "Not defined");
pub static FLAG_I: FieldDef =
    FieldDef::new("vxlan.flag_i", "VXLAN Network ID (VNI)", Kind::Bool(2)).mask(VxlanFlags::I as u64).tfs("True", "False");
pub static FLAG_D: FieldDef =
    FieldDef::new("vxlan.flag_d", "Don't Learn", Kind::Bool(2)).mask(VxlanFlags::D as u64).tfs("True", "False");
pub static FLAG_A: FieldDef =
    FieldDef::new("vxlan.flag_a", "Policy Applied", Kind::Bool(2)).mask(VxlanFlags::A as u64).tfs("True", "False");
pub static FLAGS_RESERVED: FieldDef =
    FieldDef::new("vxlan.flags_reserved", "Reserved(R)", Kind::Uint(2)).hex().mask(VxlanFlags::RESERVED as u64);
/// VXLAN-GPE's reserved flag bits (the two R bits before Ver; B is shown on its own).
pub static GPE_FLAGS_RESERVED: FieldDef =
    FieldDef::new("vxlan.flags_reserved", "Reserved(R)", Kind::Uint(1)).mask((GpeFlags::RESERVED & !GpeFlags::VERSION) as u64);
pub static GBP: FieldDef = FieldDef::new("vxlan.gbp", "Group Policy ID", Kind::Uint(2));
pub static VNI: FieldDef = FieldDef::new("vxlan.vni", "VXLAN Network Identifier (VNI)", Kind::Uint(3));
pub static RESERVED8: FieldDef = FieldDef::new("vxlan.reserved8", "Reserved", Kind::Uint(1));
pub static VER: FieldDef = FieldDef::new("vxlan.ver", "Version", Kind::Uint(1)).mask(GpeFlags::VERSION as u64);
pub static I_BIT: FieldDef = FieldDef::new("vxlan.i_bit", "Instance", Kind::Uint(1)).mask(GpeFlags::I as u64);
pub static P_BIT: FieldDef = FieldDef::new("vxlan.p_bit", "Next Protocol Bit", Kind::Uint(1)).mask(GpeFlags::P as u64);
/// The BUM traffic bit of draft-ietf-nvo3-vxlan-gpe (not in Wireshark 4.0).
pub static B_BIT: FieldDef = FieldDef::new("vxlan.b_bit", "BUM Traffic Bit", Kind::Uint(1)).mask(GpeFlags::B as u64);
pub static O_BIT: FieldDef = FieldDef::new("vxlan.o_bit", "OAM bit", Kind::Uint(1)).mask(GpeFlags::O as u64);
pub static RESERVED_16: FieldDef = FieldDef::new("vxlan.reserved_16", "Reserved", Kind::Uint(2));
pub static NEXT_PROTO: FieldDef = FieldDef::new("vxlan.next_proto", "Next Protocol", Kind::Uint(1)).vals(GpeNextProto::VALS);

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

/// A VXLAN header (RFC 7348 §5), owned and lossless (reserved bits kept). Nothing in it is
/// derived: a crafted one sets I ([`Vxlan::new`]). The dissector parses with this definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Vxlan {
    pub flags: VxlanFlags,
    /// Group Policy ID (reserved under plain RFC 7348).
    pub gbp: u16,
    /// VXLAN Network Identifier (24 bits).
    pub vni: u32,
    /// The octet after the VNI.
    pub reserved: u8,
}

impl Vxlan {
    pub const LEN: usize = Header::LEN;

    /// A header for `vni` with I set.
    pub const fn new(vni: u32) -> Self {
        Vxlan { flags: VxlanFlags(VxlanFlags::I), gbp: 0, vni, reserved: 0 }
    }
    /// Parses the 8 octets from the start of `i`; returns it and its length.
    pub fn parse(i: &[u8]) -> Result<(Vxlan, usize), Cut> {
        let Ok((_, h)) = Header::parse(i) else { return Err(Cut::new(0, "VXLAN header")) };
        let v = Vxlan { flags: VxlanFlags(h.flags), gbp: h.gbp, vni: h.vni_reserved >> 8, reserved: h.vni_reserved as u8 };
        Ok((v, Self::LEN))
    }
    /// Appends the header and `payload` (the inner Ethernet frame).
    pub fn emit(&self, payload: &[u8], _: &EmitCx, out: &mut Vec<u8>) {
        Header { flags: self.flags.0, gbp: self.gbp, vni_reserved: (self.vni << 8) | u32::from(self.reserved) }.emit(out);
        out.extend_from_slice(payload);
    }
}

/// A VXLAN-GPE header (draft-ietf-nvo3-vxlan-gpe §3.3), owned and lossless (version, reserved
/// bits, a Next Protocol present while P is clear, all kept). The dissector parses with this
/// definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VxlanGpe {
    pub flags: GpeFlags,
    /// The 16 reserved bits after the flags.
    pub reserved: u16,
    /// From `EmitCx::next_ethertype` unless given (IPv4, IPv6, NSH and MPLS by their
    /// EtherTypes; Ethernet otherwise, Transparent Ethernet bridging included).
    pub next_proto: Auto<GpeNextProto>,
    /// VXLAN Network Identifier (24 bits).
    pub vni: u32,
    /// The octet after the VNI.
    pub reserved8: u8,
}

impl VxlanGpe {
    pub const LEN: usize = GpeHeader::LEN;

    /// A header for `vni` with I and P set, the Next Protocol computed.
    pub const fn new(vni: u32) -> Self {
        VxlanGpe { flags: GpeFlags(GpeFlags::I | GpeFlags::P), reserved: 0, next_proto: Auto::Computed, vni, reserved8: 0 }
    }
    /// Parses the 8 octets from the start of `i`; returns it and its length.
    pub fn parse(i: &[u8]) -> Result<(VxlanGpe, usize), Cut> {
        let Ok((_, h)) = GpeHeader::parse(i) else { return Err(Cut::new(0, "VXLAN-GPE header")) };
        let v = VxlanGpe {
            flags: GpeFlags(h.flags),
            reserved: h.reserved,
            next_proto: Auto::Given(h.next_proto.into()),
            vni: h.vni_reserved >> 8,
            reserved8: h.vni_reserved as u8,
        };
        Ok((v, Self::LEN))
    }
    /// The protocol of the payload: Next Protocol when P is set, else Ethernet (as VXLAN's).
    pub fn payload_proto(&self) -> GpeNextProto {
        match self.next_proto.given() {
            Some(p) if self.flags.has(GpeFlags::P) => p,
            _ => GpeNextProto::Ethernet,
        }
    }
    /// Appends the header and `payload`.
    pub fn emit(&self, payload: &[u8], cx: &EmitCx, out: &mut Vec<u8>) {
        let next = self.next_proto.or_else(|| match cx.next_ethertype.map(EtherType::from) {
            Some(EtherType::Ipv4) => GpeNextProto::Ipv4,
            Some(EtherType::Ipv6) => GpeNextProto::Ipv6,
            Some(EtherType::Nsh) => GpeNextProto::Nsh,
            Some(EtherType::Mpls) => GpeNextProto::Mpls,
            _ => GpeNextProto::Ethernet,
        });
        GpeHeader {
            flags: self.flags.0,
            reserved: self.reserved,
            next_proto: next.value(),
            vni_reserved: (self.vni << 8) | u32::from(self.reserved8),
        }
        .emit(out);
        out.extend_from_slice(payload);
    }
}

/// A VXLAN header and the Ethernet frame it carries.
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize) {
    let p = t.protocol(&VXLAN, off, end.saturating_sub(off).min(Header::LEN));
    let Ok((h, _)) = Vxlan::parse(t.bytes(off, end)) else {
        t.truncated(off, "VXLAN header");
        t.close();
        return;
    };
    let f = t.add_uint(&FLAGS, off, 2, u64::from(h.flags.0));
    t.flag_summary(Some(f), u64::from(h.flags.0), &[&FLAG_G, &FLAG_I, &FLAG_D, &FLAG_A]);
    t.open(f);
    for d in [&FLAG_G, &FLAG_I, &FLAG_D, &FLAG_A, &FLAGS_RESERVED] {
        t.add_uint(d, off, 2, u64::from(h.flags.0));
    }
    if !h.flags.has(VxlanFlags::I) {
        t.expert(&CHECK_I_FLAG, off, 1, None);
    }
    t.close();
    t.add_uint(&GBP, off + 2, 2, u64::from(h.gbp));
    let vni = vni_fields(t, p, off + 4, h.vni, h.reserved);
    t.close();
    inner(t, vni, off + Header::LEN, end, GpeNextProto::Ethernet);
}

/// A VXLAN-GPE header and the packet its Next Protocol names.
pub fn dissect_gpe(t: &mut Tree<'_>, off: usize, end: usize) {
    let p = t.protocol(&VXLAN, off, end.saturating_sub(off).min(GpeHeader::LEN));
    let Ok((h, _)) = VxlanGpe::parse(t.bytes(off, end)) else {
        t.truncated(off, "VXLAN-GPE header");
        t.close();
        return;
    };
    t.append(p, format_args!(" (GPE)"));
    let f = t.add_uint(&GPE_FLAGS, off, 1, u64::from(h.flags.0));
    t.open(f);
    for d in [&VER, &I_BIT, &P_BIT, &B_BIT, &O_BIT, &GPE_FLAGS_RESERVED] {
        t.add_uint(d, off, 1, u64::from(h.flags.0));
    }
    let ver = h.flags.version();
    if ver != 0 {
        t.expert(&CHECK_GPE_VERSION, off, 1, Some(format_args!("Version {ver}")));
    }
    t.close();
    t.add_uint(&RESERVED_16, off + 1, 2, u64::from(h.reserved));
    let np = t.add_uint(&NEXT_PROTO, off + 3, 1, u64::from(h.next_proto.given().map_or(0, GpeNextProto::value)));
    // The Next Protocol field is there only when P says so; without it the payload is
    // Ethernet, as VXLAN's.
    if !h.flags.has(GpeFlags::P) {
        t.append(np, format_args!(" [not present: P is clear]"));
        t.expert(&CHECK_GPE_P_CLEAR, off, 1, None);
    }
    let next = h.payload_proto();
    let vni = vni_fields(t, p, off + 4, h.vni, h.reserved8);
    t.close();
    inner(t, vni, off + GpeHeader::LEN, end, next);
}

fn vni_fields(t: &mut Tree<'_>, p: usize, at: usize, vni: u32, reserved: u8) -> u32 {
    t.add_uint(&VNI, at, 3, u64::from(vni));
    t.add_uint(&RESERVED8, at + 3, 1, u64::from(reserved));
    t.append_with(p, |s| {
        s.push_str(", VNI: ");
        write_dec(s, u64::from(vni));
    });
    vni
}

/// The encapsulated packet: `next` is a VXLAN-GPE Next Protocol (Ethernet for plain VXLAN).
fn inner(t: &mut Tree<'_>, vni: u32, at: usize, end: usize, next: GpeNextProto) {
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
            GpeNextProto::Ipv4 => crate::dissect_tunnelled_ip(t, false, at, end),
            GpeNextProto::Ipv6 => crate::dissect_tunnelled_ip(t, true, at, end),
            GpeNextProto::Ethernet => crate::link::ethernet(t, at, end),
            _ => crate::data(t, at, end),
        }
    }
    t.nesting -= 1;
}
