//! IPv4 (RFC 791) with its options, and UDP (RFC 768) on top of either IP version.

use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{Base, FieldDef, Kind, Value};
use crate::model::Auto;
use crate::tree::Tree;
use crate::{checksum, IpCtx};

pub static IP: FieldDef = FieldDef::new("ip", "Internet Protocol Version 4", Kind::Protocol);
pub static VERSION: FieldDef = FieldDef::new("ip.version", "Version", Kind::Uint(1)).mask(0xf0);
pub static HDR_LEN: FieldDef = FieldDef::new("ip.hdr_len", "Header Length", Kind::Uint(1)).unit(" bytes");
pub static DSFIELD: FieldDef = FieldDef::new("ip.dsfield", "Differentiated Services Field", Kind::Uint(1)).hex();
pub static DSCP: FieldDef = FieldDef::new("ip.dsfield.dscp", "Differentiated Services Codepoint", Kind::Uint(1)).mask(0xfc);
pub static ECN: FieldDef = FieldDef::new("ip.dsfield.ecn", "Explicit Congestion Notification", Kind::Uint(1)).mask(0x03);
pub static LEN: FieldDef = FieldDef::new("ip.len", "Total Length", Kind::Uint(2));
pub static ID: FieldDef = FieldDef::new("ip.id", "Identification", Kind::Uint(2)).base(Base::HexDec);
pub static FLAGS: FieldDef = FieldDef::new("ip.flags", "Flags", Kind::Uint(1)).hex().mask(0xe0);
pub static FLAG_RB: FieldDef = FieldDef::new("ip.flags.rb", "Reserved bit", Kind::Bool(1)).mask(0x80).tfs("Set", "Not set");
pub static FLAG_DF: FieldDef = FieldDef::new("ip.flags.df", "Don't fragment", Kind::Bool(1)).mask(0x40).tfs("Set", "Not set");
pub static FLAG_MF: FieldDef = FieldDef::new("ip.flags.mf", "More fragments", Kind::Bool(1)).mask(0x20).tfs("Set", "Not set");
pub static FRAG_OFFSET: FieldDef = FieldDef::new("ip.frag_offset", "Fragment Offset", Kind::Uint(2)).mask(0x1fff);
pub static TTL: FieldDef = FieldDef::new("ip.ttl", "Time to Live", Kind::Uint(1));
pub static PROTO: FieldDef = FieldDef::new("ip.proto", "Protocol", Kind::Uint(1)).vals(crate::IP_PROTO_VALS);
pub static CHECKSUM: FieldDef = FieldDef::new("ip.checksum", "Header Checksum", Kind::Uint(2)).hex();
pub static CHECKSUM_CALC: FieldDef = FieldDef::new("ip.checksum_calculated", "Calculated Checksum", Kind::Uint(2)).hex();
pub static SRC: FieldDef = FieldDef::new("ip.src", "Source Address", Kind::Ipv4);
pub static DST: FieldDef = FieldDef::new("ip.dst", "Destination Address", Kind::Ipv4);
pub static ADDR: FieldDef = FieldDef::new("ip.addr", "Source or Destination Address", Kind::Ipv4);
pub static OPTIONS: FieldDef = FieldDef::new("ip.options", "Options", Kind::None);
pub static OPT: FieldDef = FieldDef::new("ip.opt", "IP Option", Kind::None);
pub static OPT_TYPE: FieldDef = FieldDef::new("ip.opt.type", "Type", Kind::Uint(1)).vals(IPOPT_VALS);
pub static OPT_COPY: FieldDef =
    FieldDef::new("ip.opt.type.copy", "Copy on fragmentation", Kind::Bool(1)).mask(0x80).tfs("Yes", "No");
pub static OPT_CLASS: FieldDef = FieldDef::new("ip.opt.type.class", "Class", Kind::Uint(1)).mask(0x60);
pub static OPT_NUMBER: FieldDef = FieldDef::new("ip.opt.type.number", "Number", Kind::Uint(1)).mask(0x1f);
pub static OPT_LEN: FieldDef = FieldDef::new("ip.opt.len", "Length", Kind::Uint(1));
pub static OPT_RA: FieldDef = FieldDef::new("ip.opt.ra", "Router Alert", Kind::Uint(2));
pub static OPT_DATA: FieldDef = FieldDef::new("ip.opt.data", "Option data", Kind::Bytes);

static IPOPT_VALS: &[(u64, &str)] = &[
    (0, "End of Options List (EOL)"),
    (1, "No-Operation (NOP)"),
    (7, "Record Route"),
    (68, "Time Stamp"),
    (130, "Security"),
    (131, "Loose Source Route"),
    (136, "Stream ID"),
    (137, "Strict Source Route"),
    (148, "Router Alert"),
];

pub static BAD_CHECKSUM: ExpertDef = ExpertDef::new("ip.checksum_bad.expert", Group::Checksum, Severity::Error, "Bad checksum");
pub static BAD_HDR_LEN: ExpertDef =
    ExpertDef::new("ip.bogus_header_length", Group::Malformed, Severity::Error, "Bogus IPv4 header length");
pub static BAD_LEN: ExpertDef = ExpertDef::new("ip.bogus_ip_length", Group::Protocol, Severity::Error, "Bogus IPv4 total length");
pub static BAD_VERSION: ExpertDef = ExpertDef::new("ip.bogus_ip_version", Group::Malformed, Severity::Error, "Bogus IP version");
pub static BAD_OPTION: ExpertDef =
    ExpertDef::new("ip.opt.len.invalid", Group::Malformed, Severity::Error, "Invalid IPv4 option length");

pub static UDP: FieldDef = FieldDef::new("udp", "User Datagram Protocol", Kind::Protocol);
pub static UDP_SRCPORT: FieldDef = FieldDef::new("udp.srcport", "Source Port", Kind::Uint(2));
pub static UDP_DSTPORT: FieldDef = FieldDef::new("udp.dstport", "Destination Port", Kind::Uint(2));
pub static UDP_PORT: FieldDef = FieldDef::new("udp.port", "Source or Destination Port", Kind::Uint(2));
pub static UDP_LENGTH: FieldDef = FieldDef::new("udp.length", "Length", Kind::Uint(2));
pub static UDP_CHECKSUM: FieldDef = FieldDef::new("udp.checksum", "Checksum", Kind::Uint(2)).hex();
pub static UDP_CHECKSUM_CALC: FieldDef = FieldDef::new("udp.checksum_calculated", "Calculated Checksum", Kind::Uint(2)).hex();
pub static UDP_PAYLOAD: FieldDef = FieldDef::new("udp.payload", "UDP payload", Kind::Bytes);
pub static UDP_BAD_CHECKSUM: ExpertDef = ExpertDef::new("udp.checksum.bad", Group::Checksum, Severity::Error, "Bad checksum");
pub static UDP_BAD_LENGTH: ExpertDef = ExpertDef::new("udp.length.bad", Group::Malformed, Severity::Error, "Bad length value");

pub static DATA: FieldDef = FieldDef::new("data", "Data", Kind::Protocol);
pub static DATA_DATA: FieldDef = FieldDef::new("data.data", "Data", Kind::Bytes);
pub static DATA_LEN: FieldDef = FieldDef::new("data.len", "Length", Kind::Int(4));

pub static FIELDS: &[&FieldDef] = &[
    &IP,
    &VERSION,
    &HDR_LEN,
    &DSFIELD,
    &DSCP,
    &ECN,
    &LEN,
    &ID,
    &FLAGS,
    &FLAG_RB,
    &FLAG_DF,
    &FLAG_MF,
    &FRAG_OFFSET,
    &TTL,
    &PROTO,
    &CHECKSUM,
    &CHECKSUM_CALC,
    &SRC,
    &DST,
    &ADDR,
    &OPTIONS,
    &OPT,
    &OPT_TYPE,
    &OPT_COPY,
    &OPT_CLASS,
    &OPT_NUMBER,
    &OPT_LEN,
    &OPT_RA,
    &OPT_DATA,
    &UDP,
    &UDP_SRCPORT,
    &UDP_DSTPORT,
    &UDP_PORT,
    &UDP_LENGTH,
    &UDP_CHECKSUM,
    &UDP_CHECKSUM_CALC,
    &UDP_PAYLOAD,
    &DATA,
    &DATA_DATA,
    &DATA_LEN,
];
pub static EXPERTS: &[&ExpertDef] =
    &[&BAD_CHECKSUM, &BAD_HDR_LEN, &BAD_LEN, &BAD_VERSION, &BAD_OPTION, &UDP_BAD_CHECKSUM, &UDP_BAD_LENGTH];

/// Dissects an IPv4 header at `off` and hands its payload on.
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize) {
    let avail = end.saturating_sub(off);
    let p = t.protocol(&IP, off, avail.min(20));
    let Some(h) = t.rd().array::<20>(off).filter(|_| avail >= 20) else {
        t.truncated(off, "IPv4 header");
        t.close();
        return;
    };
    let vihl = h[0];
    let ihl = usize::from(vihl & 0x0f) * 4;
    let total = usize::from(u16::from_be_bytes([h[2], h[3]]));
    let id = u16::from_be_bytes([h[4], h[5]]);
    let src: [u8; 4] = [h[12], h[13], h[14], h[15]];
    let dst: [u8; 4] = [h[16], h[17], h[18], h[19]];
    t.append(p, format_args!(", Src: {}, Dst: {}", crate::wire::Ip4(src), crate::wire::Ip4(dst)));
    t.add_uint(&VERSION, off, 1, u64::from(vihl));
    if vihl >> 4 != 4 {
        t.expert(&BAD_VERSION, off, 1, Some(format_args!("version {} in an IPv4 header", vihl >> 4)));
    }
    let hl = t.add_uint(&HDR_LEN, off, 1, ihl as u64);
    t.append(hl, format_args!(" ({})", vihl & 0x0f));
    let ds = t.add_uint(&DSFIELD, off + 1, 1, u64::from(h[1]));
    t.open(ds);
    t.add_uint(&DSCP, off + 1, 1, u64::from(h[1]));
    t.add_uint(&ECN, off + 1, 1, u64::from(h[1]));
    t.close();
    t.add_uint(&LEN, off + 2, 2, total as u64);
    t.add_uint(&ID, off + 4, 2, u64::from(id));
    let fl = t.add_uint(&FLAGS, off + 6, 1, u64::from(h[6]));
    t.open(fl);
    for f in [&FLAG_RB, &FLAG_DF, &FLAG_MF] {
        t.add_uint(f, off + 6, 1, u64::from(h[6]));
    }
    t.close();
    let frag = u16::from_be_bytes([h[6], h[7]]);
    t.add_uint(&FRAG_OFFSET, off + 6, 2, u64::from(frag));
    t.add_uint(&TTL, off + 8, 1, u64::from(h[8]));
    let proto = h[9];
    t.add_uint(&PROTO, off + 9, 1, u64::from(proto));
    let csum = u16::from_be_bytes([h[10], h[11]]);
    let ck = t.add_uint(&CHECKSUM, off + 10, 2, u64::from(csum));
    // The whole header (options included) when all of it is there: folded with its checksum
    // it gives 0 when the checksum is right.
    let whole = t.rd().slice(off, off + ihl).filter(|_| (20..=avail).contains(&ihl));
    if let Some(hb) = whole.filter(|hb| checksum::finish(checksum::sum(hb, 0)) != 0) {
        // Everything but the checksum field (octets 10 and 11; `hb` has at least 20).
        let (before, after) = (hb.get(..10).unwrap_or_default(), hb.get(12..).unwrap_or_default());
        let want = checksum::finish(checksum::sum(after, checksum::sum(before, 0)));
        t.append(ck, format_args!(" [incorrect, should be 0x{want:04x}]"));
        t.open(ck);
        t.add_generated(&CHECKSUM_CALC, off + 10, 2, Value::Uint(u64::from(want)));
        t.close();
        t.expert(&BAD_CHECKSUM, off + 10, 2, Some(format_args!("0x{csum:04x}, should be 0x{want:04x}")));
    } else if whole.is_some() {
        // Like tshark with ip.check_checksum on, a verified header also shows its calculated
        // checksum (equal to the one sent), inside an ICMP error's quoted packet too.
        t.append(ck, format_args!(" [correct]"));
        t.open(ck);
        t.add_generated(&CHECKSUM_CALC, off + 10, 2, Value::Uint(u64::from(csum)));
        t.close();
    }
    t.add(&SRC, off + 12, 4, Value::Ipv4(src));
    let a = t.add(&ADDR, off + 12, 4, Value::Ipv4(src));
    t.hide(a);
    t.add(&DST, off + 16, 4, Value::Ipv4(dst));
    let a = t.add(&ADDR, off + 16, 4, Value::Ipv4(dst));
    t.hide(a);
    t.d.cols.src = Some(Value::Ipv4(src));
    t.d.cols.dst = Some(Value::Ipv4(dst));
    t.set_protocol_column("IPv4");
    if ihl < 20 {
        t.expert(&BAD_HDR_LEN, off, 1, Some(format_args!("{ihl} bytes, must be at least 20")));
        t.close();
        return;
    }
    if ihl > avail {
        t.truncated(off, "IPv4 header with options");
        t.close();
        return;
    }
    t.set_len(p, ihl);
    if ihl > 20 {
        options(t, off + 20, off + ihl);
    }
    let pend = if total < ihl {
        t.expert(&BAD_LEN, off + 2, 2, Some(format_args!("{total} is less than the header length {ihl}")));
        t.close();
        return;
    } else if off + total > end {
        // A quoted packet (ICMP error) ends where its quote ends.
        let at_end = end == t.data.len() || t.in_error;
        t.length_exceeds(&BAD_LEN, at_end, off + 2, 2, Some(format_args!("total length {total}, {avail} bytes available")));
        end
    } else {
        off + total
    };
    t.close();
    if frag & 0x1fff != 0 || frag & 0x2000 != 0 {
        t.set_info(format_args!("Fragmented IP protocol (proto={proto}, off={}, ID={:04x})", (frag & 0x1fff) * 8, id));
        crate::data(t, off + ihl, pend);
        return;
    }
    t.pkt.ip4_ttl = Some((h[8], off + 8));
    crate::dissect_ip_proto(t, proto, off + ihl, pend, total.saturating_sub(ihl), IpCtx::V4 { src, dst });
}

fn options(t: &mut Tree<'_>, mut off: usize, end: usize) {
    let o = t.add(&OPTIONS, off, end - off, Value::None);
    t.append(o, format_args!(": ({} bytes)", end - off));
    t.open(o);
    let rd = t.rd();
    while off < end {
        let Some(ty) = rd.u8(off) else { break };
        if ty == 0 || ty == 1 {
            let n = t.add(&OPT, off, 1, Value::None);
            t.append(n, format_args!(" - {}", if ty == 0 { "End of Options List (EOL)" } else { "No-Operation (NOP)" }));
            t.open(n);
            type_fields(t, off, ty);
            t.close();
            off += 1;
            if ty == 0 {
                break;
            }
            continue;
        }
        let Some(len) = rd.u8(off + 1).filter(|_| off + 1 < end) else {
            t.expert(&BAD_OPTION, off, 1, Some(format_args!("length octet of option {ty} is past the header")));
            break;
        };
        let len = usize::from(len);
        let n = t.add(&OPT, off, len.max(2).min(end - off), Value::None);
        let name = crate::field::val_name(IPOPT_VALS, u64::from(ty)).unwrap_or("Unknown");
        t.append(n, format_args!(" - {name} ({len} bytes)"));
        t.open(n);
        type_fields(t, off, ty);
        t.add_uint(&OPT_LEN, off + 1, 1, len as u64);
        if len < 2 || off + len > end {
            t.expert(&BAD_OPTION, off + 1, 1, Some(format_args!("option length {len}, {} bytes left", end - off)));
            t.close();
            break;
        }
        if ty == 148 && len == 4 {
            if let Some(ra) = rd.u16(off + 2) {
                t.add_uint(&OPT_RA, off + 2, 2, u64::from(ra));
            }
        } else if len > 2 {
            t.add(&OPT_DATA, off + 2, len - 2, Value::Bytes);
        }
        t.close();
        off += len;
    }
    t.close();
}

fn type_fields(t: &mut Tree<'_>, off: usize, ty: u8) {
    let n = t.add_uint(&OPT_TYPE, off, 1, u64::from(ty));
    t.open(n);
    for f in [&OPT_COPY, &OPT_CLASS, &OPT_NUMBER] {
        t.add_uint(f, off, 1, u64::from(ty));
    }
    t.close();
}

/// A UDP header (RFC 768), owned and lossless: what `parse` read re-emits identically; a
/// crafted one leaves Length and the checksum to be computed (over the IPv6 pseudo-header, or
/// the IPv4 one, with the Home Address / type 2 routing header substitutions already in the
/// `IpCtx`). The dissector parses with this same definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Udp {
    pub src_port: u16,
    pub dst_port: u16,
    /// 8 + the payload's length unless given.
    pub length: Auto<u16>,
    /// Computed unless given. Computed over IPv4 without an `IpCtx` it is 0 ("no checksum",
    /// RFC 768); a computed 0 is sent as 0xffff.
    pub checksum: Auto<u16>,
}

impl Udp {
    /// Octets of the header.
    pub const LEN: usize = 8;

    /// Parses the 8-octet header from the start of `i`, or `None` when fewer are there.
    pub fn parse(i: &[u8]) -> Option<Udp> {
        let [s0, s1, d0, d1, l0, l1, c0, c1] = *i.first_chunk::<8>()?;
        Some(Udp {
            src_port: u16::from_be_bytes([s0, s1]),
            dst_port: u16::from_be_bytes([d0, d1]),
            length: Auto::Given(u16::from_be_bytes([l0, l1])),
            checksum: Auto::Given(u16::from_be_bytes([c0, c1])),
        })
    }

    /// Appends the header and `payload`, computing what was not given; `ip` gives the
    /// pseudo-header (`None`: no checksum can be computed, 0 is sent).
    pub fn emit(&self, payload: &[u8], ip: Option<IpCtx>, out: &mut Vec<u8>) {
        let start = out.len();
        let length = self.length.or_else(|| (Self::LEN + payload.len()).min(usize::from(u16::MAX)) as u16);
        out.extend_from_slice(&self.src_port.to_be_bytes());
        out.extend_from_slice(&self.dst_port.to_be_bytes());
        out.extend_from_slice(&length.to_be_bytes());
        out.extend_from_slice(&self.checksum.given().unwrap_or(0).to_be_bytes());
        out.extend_from_slice(payload);
        if let (Auto::Computed, Some(ip)) = (self.checksum, ip) {
            // RFC 768: over the pseudo-header and the octets Length covers, whatever Length says.
            let all = &out[start..];
            let all = &all[..usize::from(length).min(all.len())];
            let c = checksum::finish(checksum::sum(all, ip.pseudo_sum(u32::from(length), 17)));
            let c = if c == 0 { 0xffff } else { c };
            out[start + 6..start + 8].copy_from_slice(&c.to_be_bytes());
        }
    }
}

/// UDP over IPv4 or IPv6.
pub fn dissect_udp(t: &mut Tree<'_>, off: usize, end: usize, ip: IpCtx) {
    let avail = end.saturating_sub(off);
    let p = t.protocol(&UDP, off, avail.min(8));
    let Some(u) = Udp::parse(t.bytes(off, end)) else {
        t.truncated(off, "UDP header");
        t.close();
        return;
    };
    let (sp, dp) = (u.src_port, u.dst_port);
    let (len, csum) = (usize::from(u.length.given().unwrap_or(0)), u.checksum.given().unwrap_or(0));
    t.append(p, format_args!(", Src Port: {sp}, Dst Port: {dp}"));
    t.add_uint(&UDP_SRCPORT, off, 2, u64::from(sp));
    t.add_uint(&UDP_DSTPORT, off + 2, 2, u64::from(dp));
    let a = t.add_uint(&UDP_PORT, off, 2, u64::from(sp));
    t.hide(a);
    let a = t.add_uint(&UDP_PORT, off + 2, 2, u64::from(dp));
    t.hide(a);
    t.add_uint(&UDP_LENGTH, off + 4, 2, len as u64);
    let ck = t.add_uint(&UDP_CHECKSUM, off + 6, 2, u64::from(csum));
    // Verify only when the whole datagram was captured and a checksum was sent.
    let seg = t.bytes(off, off + len);
    if len >= 8 && off + len <= end && seg.len() == len && (csum != 0 || matches!(ip, IpCtx::V6 { .. })) {
        let init = ip.pseudo_sum(len as u32, 17);
        let folded = checksum::finish(checksum::sum(seg, init));
        if folded != 0 {
            // Everything but the checksum field (octets 6 and 7; `seg` has at least 8).
            let (before, after) = (seg.get(..6).unwrap_or_default(), seg.get(8..).unwrap_or_default());
            let want = checksum::finish(checksum::sum(after, checksum::sum(before, init)));
            let want = if want == 0 { 0xffff } else { want };
            t.append(ck, format_args!(" [incorrect, should be 0x{want:04x}]"));
            t.open(ck);
            t.add_generated(&UDP_CHECKSUM_CALC, off + 6, 2, Value::Uint(u64::from(want)));
            t.close();
            t.expert(&UDP_BAD_CHECKSUM, off + 6, 2, Some(format_args!("0x{csum:04x}, should be 0x{want:04x}")));
        } else {
            // A verified checksum also shows its calculated value, as tshark does.
            t.append(ck, format_args!(" [correct]"));
            t.open(ck);
            t.add_generated(&UDP_CHECKSUM_CALC, off + 6, 2, Value::Uint(u64::from(csum)));
            t.close();
        }
    }
    t.set_protocol_column("UDP");
    t.set_info(format_args!("{sp} → {dp} Len={}", len.saturating_sub(8)));
    let pend = if len < 8 {
        t.expert(&UDP_BAD_LENGTH, off + 4, 2, Some(format_args!("{len} is less than 8")));
        t.close();
        return;
    } else if off + len > end {
        // A quoted packet (ICMP error) ends where its quote ends.
        let at_end = end == t.data.len() || t.in_error;
        t.length_exceeds(
            &UDP_BAD_LENGTH,
            at_end,
            off + 4,
            2,
            Some(format_args!("{len} is more than the {avail} bytes available")),
        );
        end
    } else {
        off + len
    };
    t.close();
    if pend > off + 8 {
        // tshark lists the payload as `udp.payload` whichever dissector takes it next.
        let pl = t.add(&UDP_PAYLOAD, off + 8, pend - off - 8, Value::Bytes);
        t.hide(pl);
        match crate::Next::of_udp_ports(sp, dp, t.prefs) {
            crate::Next::MhOverUdp => crate::mh::dissect(t, off + 8, pend, crate::mh::Carrier::Udp),
            crate::Next::Mip4 => crate::mip4::dissect(t, off + 8, pend),
            crate::Next::Vxlan => crate::vxlan::dissect(t, off + 8, pend),
            crate::Next::VxlanGpe => crate::vxlan::dissect_gpe(t, off + 8, pend),
            _ => crate::data(t, off + 8, pend),
        }
    }
}
