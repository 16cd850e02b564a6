//! Generic Routing Encapsulation (RFC 2784, key and sequence number from RFC 2890), IP
//! protocol 47: the tunnel PMIPv6 uses between MAG and LMA, with the GRE key that the GRE Key
//! mobility option (RFC 5845) negotiates. The payload is handed on by its EtherType.

use crate::checksum;
use crate::expert::{ExpertDef, Group, Severity};
use crate::field::{FieldDef, Kind};
use crate::tree::Tree;

static PROTO_VALS: &[(u64, &str)] = &[(0x0800, "IP"), (0x86dd, "IPv6"), (0x6558, "Transparent Ethernet bridging")];

pub static GRE: FieldDef = FieldDef::new("gre", "Generic Routing Encapsulation", Kind::Protocol);
pub static FLAGS_AND_VERSION: FieldDef = FieldDef::new("gre.flags_and_version", "Flags and Version", Kind::Uint(2)).hex();
pub static FLAG_CHECKSUM: FieldDef =
    FieldDef::new("gre.flags.checksum", "Checksum Bit", Kind::Bool(2)).mask(0x8000).tfs("Yes", "No");
pub static FLAG_ROUTING: FieldDef =
    FieldDef::new("gre.flags.routing", "Routing Bit", Kind::Bool(2)).mask(0x4000).tfs("Yes", "No");
pub static FLAG_KEY: FieldDef = FieldDef::new("gre.flags.key", "Key Bit", Kind::Bool(2)).mask(0x2000).tfs("Yes", "No");
pub static FLAG_SEQ: FieldDef =
    FieldDef::new("gre.flags.sequence_number", "Sequence Number Bit", Kind::Bool(2)).mask(0x1000).tfs("Yes", "No");
pub static FLAG_SSR: FieldDef =
    FieldDef::new("gre.flags.strict_source_route", "Strict Source Route Bit", Kind::Bool(2)).mask(0x0800).tfs("Yes", "No");
pub static FLAG_RECUR: FieldDef = FieldDef::new("gre.flags.recursion_control", "Recursion control", Kind::Uint(2)).mask(0x0700);
pub static FLAG_RESERVED: FieldDef = FieldDef::new("gre.flags.reserved", "Flags (Reserved)", Kind::Uint(2)).mask(0x00f8);
pub static FLAG_VERSION: FieldDef = FieldDef::new("gre.flags.version", "Version", Kind::Uint(2)).mask(0x0007);
pub static PROTO: FieldDef = FieldDef::new("gre.proto", "Protocol Type", Kind::Uint(2)).hex().vals(PROTO_VALS);
pub static CHECKSUM: FieldDef = FieldDef::new("gre.checksum", "Checksum", Kind::Uint(2)).hex();
pub static OFFSET: FieldDef = FieldDef::new("gre.offset", "Offset", Kind::Uint(2));
pub static KEY: FieldDef = FieldDef::new("gre.key", "Key", Kind::Uint(4)).hex();
pub static SEQ: FieldDef = FieldDef::new("gre.sequence_number", "Sequence Number", Kind::Uint(4));

pub static BAD_CHECKSUM: ExpertDef =
    ExpertDef::new("gre.checksum.incorrect", Group::Checksum, Severity::Error, "Incorrect GRE Checksum");
pub static UNSUPPORTED_VERSION: ExpertDef = ExpertDef::new(
    "gre.version.unsupported",
    Group::Undecoded,
    Severity::Note,
    "GRE version other than 0 (RFC 2784) is not decoded further",
);

pub static FIELDS: &[&FieldDef] = &[
    &GRE,
    &FLAGS_AND_VERSION,
    &FLAG_CHECKSUM,
    &FLAG_ROUTING,
    &FLAG_KEY,
    &FLAG_SEQ,
    &FLAG_SSR,
    &FLAG_RECUR,
    &FLAG_RESERVED,
    &FLAG_VERSION,
    &PROTO,
    &CHECKSUM,
    &OFFSET,
    &KEY,
    &SEQ,
];
pub static EXPERTS: &[&ExpertDef] = &[&BAD_CHECKSUM, &UNSUPPORTED_VERSION];

/// Dissects a GRE header at `off..end` and the packet it carries.
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize) {
    let rd = t.rd();
    let p = t.protocol(&GRE, off, end.saturating_sub(off).min(4));
    t.set_protocol_column("GRE");
    let (Some(fv), Some(proto)) = (rd.u16(off).filter(|_| end >= off + 4), rd.u16(off + 2)) else {
        t.truncated(off, "GRE header");
        t.close();
        return;
    };
    let f = t.add_uint(&FLAGS_AND_VERSION, off, 2, u64::from(fv));
    t.open(f);
    for d in [&FLAG_CHECKSUM, &FLAG_ROUTING, &FLAG_KEY, &FLAG_SEQ, &FLAG_SSR, &FLAG_RECUR, &FLAG_RESERVED, &FLAG_VERSION] {
        t.add_uint(d, off, 2, u64::from(fv));
    }
    t.close();
    t.add_uint(&PROTO, off + 2, 2, u64::from(proto));
    let mut at = off + 4;
    let version = fv & 7;
    if version != 0 {
        t.expert(&UNSUPPORTED_VERSION, off + 1, 1, Some(format_args!("version {version}")));
        t.close();
        crate::data(t, at, end);
        return;
    }
    if fv & 0xc000 != 0 {
        let (Some(ck), Some(o)) = (rd.u16(at).filter(|_| end >= at + 4), rd.u16(at + 2)) else {
            t.truncated(at, "GRE checksum");
            t.close();
            return;
        };
        let c = t.add_uint(&CHECKSUM, at, 2, u64::from(ck));
        // The whole GRE packet, and its octets before and after the checksum field.
        let covered = (rd.slice(off, end), rd.slice(off, at), rd.slice(at + 2, end));
        if let (true, (Some(all), Some(before), Some(after))) = (fv & 0x8000 != 0 && !t.cut, covered) {
            if checksum::finish(checksum::sum(all, 0)) == 0 {
                t.append(c, format_args!(" [correct]"));
            } else {
                let want = checksum::finish(checksum::sum(after, checksum::sum(before, 0)));
                t.append(c, format_args!(" [incorrect, should be 0x{want:04x}]"));
                t.expert(&BAD_CHECKSUM, at, 2, Some(format_args!("0x{ck:04x}, should be 0x{want:04x}")));
            }
        }
        t.add_uint(&OFFSET, at + 2, 2, u64::from(o));
        at += 4;
    }
    let mut key = None;
    if fv & 0x2000 != 0 {
        let Some(k) = rd.u32(at).filter(|_| end >= at + 4) else {
            t.truncated(at, "GRE key");
            t.close();
            return;
        };
        t.add_uint(&KEY, at, 4, u64::from(k));
        key = Some(k);
        at += 4;
    }
    if fv & 0x1000 != 0 {
        let Some(s) = rd.u32(at).filter(|_| end >= at + 4) else {
            t.truncated(at, "GRE sequence number");
            t.close();
            return;
        };
        t.add_uint(&SEQ, at, 4, u64::from(s));
        at += 4;
    }
    t.set_len(p, at - off);
    if let Some(k) = key {
        t.append(p, format_args!(", Key: 0x{k:08x}"));
    }
    t.close();
    // RFC 2784's routing-present bit is deprecated (RFC 2784 §2.1): no routing fields follow
    // in version 0, so the payload starts here.
    t.set_info(format_args!("Encapsulated {}", PROTO.value_name(u64::from(proto)).unwrap_or("unknown protocol")));
    t.nesting += 1;
    if t.nesting > t.prefs.max_nesting {
        t.expert(&crate::expert::DEPTH_LIMIT, at, end.saturating_sub(at), None);
    } else if matches!(proto, 0x0800 | 0x86dd) {
        crate::dissect_ethertype(t, proto, at, end);
    } else if end > at {
        crate::data(t, at, end);
    }
    t.nesting -= 1;
}
