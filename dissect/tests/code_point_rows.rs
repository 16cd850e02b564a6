//! The code-point tables that became rows (`code_points!`) in place of literals in GRE,
//! VXLAN-GPE, ARP, SLL, ICMPv4, PPPoE and the Mobile IPv4 extensions, checked against an
//! independent source: tshark 4.0's own value table for the same field (`tshark -G values`)
//! where tshark has one, else the numbers of the RFC that assigns them (cited per table).
//!
//! Each table is also checked to be what its field shows (the field's value table is the
//! row's `VALS`, not a copy). Where tshark names a value differently, the difference is listed
//! with the reason ([`Table::differs`]), and a listed difference that no longer differs fails
//! too, so the list stays exact.
//!
//! Also: tshark's value names for the fields both have are names mipscope's filters read as
//! the same values (`FieldDef::tshark_names` where mipscope names them otherwise).
//!
//! Without tshark on PATH the tshark half prints a skip message and passes, unless `CI` is set.

use std::collections::HashMap;
use std::process::Command;

use dissect::field::{FieldDef, Strings};

/// One table: the field that shows it, its rows, and what is known of it.
struct Table {
    field: &'static FieldDef,
    /// The rows (`Enum::VALS`), which the field must show.
    vals: &'static [(u64, &'static str)],
    /// tshark 4.0's field whose value table is the reference (`None`: tshark has none).
    tshark: Option<&'static str>,
    /// Values tshark names otherwise, with why ours is the name here.
    differs: &'static [(u64, &'static str)],
    /// Without a tshark table (or for values it does not name): the RFC's numbers and the
    /// citation.
    rfc: Option<(&'static [u64], &'static str)>,
}

fn vals(f: &FieldDef) -> &'static [(u64, &'static str)] {
    match f.strings {
        Strings::Vals(t) => t,
        _ => panic!("{} has no value table", f.abbrev),
    }
}

use dissect::mip4::{ext, haaro, msg};

const IANA_NAME: &str = "IANA's registry name (the RFC's), which mipscope shows; tshark 4.0 abbreviates it";

fn tables() -> Vec<Table> {
    vec![
        Table {
            field: &dissect::link::ETH_TYPE,
            vals: dissect::link::EtherType::VALS,
            tshark: Some("eth.type"),
            differs: &[(
                0x9100,
                "the legacy Q-in-Q TPID named as the other VLAN rows are; tshark 4.0: \"QinQ: old non-standard 802.1ad\"",
            )],
            rfc: Some((&[0x880b], "RFC 2637 §4.1: Enhanced GRE's Protocol Type for PPP, 0x880B, which tshark's eth.type table does not name (its gre.proto table does: \"PPP\")")),
        },
        Table {
            field: &dissect::vxlan::NEXT_PROTO,
            vals: dissect::vxlan::GpeNextProto::VALS,
            tshark: Some("vxlan.next_proto"),
            differs: &[],
            rfc: None,
        },
        Table {
            field: &dissect::arp::HW_TYPE,
            vals: dissect::arp::HwType::VALS,
            tshark: Some("arp.hw.type"),
            differs: &[(12, IANA_NAME), (15, IANA_NAME), (33, IANA_NAME)],
            rfc: None,
        },
        Table {
            field: &dissect::arp::OPCODE,
            vals: dissect::arp::ArpOp::VALS,
            tshark: Some("arp.opcode"),
            differs: &[],
            rfc: None,
        },
        Table {
            field: &ext::GEN_AUTH_SUBTYPE,
            vals: ext::GenAuthSubType::VALS,
            tshark: Some("mip.ext.auth.subtype"),
            differs: &[(1, IANA_NAME), (2, IANA_NAME), (3, IANA_NAME)],
            rfc: None,
        },
        Table {
            field: &ext::KEYGEN_SUBTYPE,
            vals: ext::KeyGenSubType::VALS,
            tshark: None,
            differs: &[],
            rfc: Some((&[1], "RFC 3957 §6.1-§6.4: Subtype 1, \"the key generation nonce is from AAA\"")),
        },
        Table {
            field: &ext::UTRP_SUBTYPE,
            vals: ext::UtrpSubType::VALS,
            tshark: Some("mip.ext.utrp.subtype"),
            differs: &[],
            rfc: None,
        },
        Table {
            field: &ext::UTRQ_SUBTYPE,
            vals: ext::UtrqSubType::VALS,
            tshark: Some("mip.ext.utrq.subtype"),
            differs: &[(0, "tshark 4.0's table has the value with an empty name; RFC 3519 §3.1 names it")],
            rfc: None,
        },
        Table {
            field: &ext::FAERR_SUBTYPE,
            vals: ext::FaErrSubType::VALS,
            tshark: None,
            differs: &[],
            rfc: Some((&[0], "RFC 4636 §3: Sub-Type 0, FA Error Indication to MN")),
        },
        Table {
            field: &ext::GREKEY_SUBTYPE,
            vals: ext::GreKeySubType::VALS,
            tshark: None,
            differs: &[],
            rfc: Some((&[0], "RFC 6245 §5: Sub-Type 0, the GRE Key Extension")),
        },
        Table {
            field: &ext::NAIC_SUBTYPE,
            vals: ext::NaiCarryingSubType::VALS,
            tshark: None,
            differs: &[],
            rfc: Some((&[1, 2, 3], "RFC 3846 §3 and IANA's NAI Carrying Extension sub-types: 1 HA, 2 AAAH, 3 FA-NAI")),
        },
        Table {
            field: &ext::DYNHA_SUBTYPE,
            vals: ext::DynHaSubType::VALS,
            tshark: Some("mip.ext.dynha.subtype"),
            differs: &[],
            rfc: None,
        },
        Table {
            field: &ext::MSGSTR_SUBTYPE,
            vals: ext::MsgStrSubType::VALS,
            tshark: Some("mip.ext.msgstr.subtype"),
            differs: &[
                (1, "RFC 4917 §3 names the sender (\"Home Agent\"); tshark says \"HA Extension\""),
                (2, "likewise: \"Foreign Agent\""),
            ],
            rfc: None,
        },
        Table {
            field: &ext::PMIP_NONSKIP_SUBTYPE,
            vals: ext::PmipNonSkipSubType::VALS,
            tshark: Some("mip.ext.pmipv4nonskipext.subtype"),
            differs: &[(1, "RFC 5563 §5.1's name, PMIPv4 prefixed; tshark: \"Per-Node Authentication Method\"")],
            rfc: None,
        },
        Table {
            field: &ext::PMIP_AUTH_METHOD,
            vals: ext::PerNodeAuthMethod::VALS,
            tshark: Some("mip.ext.pmipv4nonskipext.pernodeauthmethod"),
            differs: &[],
            rfc: None,
        },
        Table {
            field: &ext::PMIP_SKIP_SUBTYPE,
            vals: ext::PmipSkipSubType::VALS,
            tshark: Some("mip.ext.pmipv4skipext.subtype"),
            differs: &[
                (1, "RFC 5563 §5.2's name, PMIPv4 prefixed; tshark: \"Interface ID\""),
                (2, "RFC 5563 §5.3's, likewise"),
                (3, "RFC 5563 §5.4's, likewise"),
            ],
            rfc: None,
        },
        Table {
            field: &ext::PMIP_DEVICE_ID_TYPE,
            vals: ext::PmipDeviceIdType::VALS,
            tshark: Some("mip.ext.pmipv4skipext.deviceid_type"),
            differs: &[],
            rfc: None,
        },
        Table {
            field: &ext::PMIP_SUBSCRIBER_ID_TYPE,
            vals: ext::PmipSubscriberIdType::VALS,
            tshark: Some("mip.ext.pmipv4skipext.subscriberid_type"),
            differs: &[],
            rfc: None,
        },
        Table {
            field: &ext::PMIP_ACCESS_TECH,
            vals: ext::AccessTechType::VALS,
            tshark: Some("mip.ext.pmipv4skipext.accesstechnology_type"),
            differs: &[],
            rfc: None,
        },
        Table {
            field: &ext::MNE_SUBTYPE,
            vals: ext::MneSubType::VALS,
            tshark: Some("mip.ext.mne.subtype"),
            differs: &[(0, IANA_NAME), (1, IANA_NAME), (2, IANA_NAME)],
            rfc: None,
        },
        Table {
            field: &ext::UTRQ_ENCAPTYPE,
            vals: msg::TunnelEncap::VALS,
            tshark: Some("mip.ext.utrq.encaptype"),
            differs: &[
                (4, "RFC 3519 §3.1.4 names the encapsulation and its RFC; tshark says \"IP Header\""),
                (47, "likewise (tshark: \"GRE Header\")"),
                (55, "likewise (tshark: \"Minimal IP Encapsulation Header\")"),
            ],
            rfc: Some((&[0], "RFC 3519 §3.1.4: 0, \"the value of 'M' and 'G'\" of the request, which tshark does not name")),
        },
        Table {
            field: &msg::NATTT_NEXTHDR,
            vals: msg::NEXT_HEADER_VALS,
            tshark: Some("mip.nattt.nexthdr"),
            differs: &[
                (4, "RFC 3519 §3.3 names the encapsulation and its RFC; tshark says \"IP Header\""),
                (47, "likewise (tshark: \"GRE Header\")"),
                (55, "likewise (tshark: \"Minimal IP Encapsulation Header\")"),
            ],
            rfc: None,
        },
        Table {
            field: &haaro::RORP_CODE,
            vals: haaro::RoReplyCode::VALS,
            tshark: None,
            differs: &[],
            rfc: Some((&[0, 16], "RFC 6521 §5.2: Code 0 \"will do route optimization\", 16 \"declined, reason unspecified\"")),
        },
        Table {
            field: &dissect::ipv4::PROTO,
            vals: dissect::ip_proto::VALS,
            tshark: Some("ip.proto"),
            differs: &[],
            rfc: None,
        },
        Table {
            field: &haaro::ROPA_INFO,
            vals: haaro::RopaInfo::VALS,
            tshark: None,
            differs: &[],
            rfc: Some((&[0, 1], "RFC 6521 §5.5: Info 0 none, 1 outbound connections only")),
        },
    ]
}

/// Tables that name only some of another table's rows: each row is the other's (value and
/// name), so that table stays the one truth.
#[test]
fn subset_tables_take_their_rows_from_the_code_points() {
    use dissect::link::EtherType;
    // gre.proto: EtherType's names but tshark's "IP" for IPv4.
    for &(v, n) in vals(&dissect::gre::PROTO) {
        let ty = EtherType::from(v as u16);
        assert!(ty.name().is_some(), "gre.proto {v:#x} is no EtherType row");
        if ty != EtherType::Ipv4 {
            assert_eq!(Some(n), ty.name(), "gre.proto {v:#x}");
        }
    }
    // arp.proto.type: AX.25's IP, then EtherType rows.
    for &(v, n) in vals(&dissect::arp::PROTO_TYPE) {
        let ety = EtherType::from(v as u16).name();
        let ax25 = dissect::arp::NonEtherPro::from(v as u16).name();
        assert_eq!(Some(n), ety.or(ax25), "arp.proto.type {v:#x}");
    }
    // Tunnel Data's Next Header: the UDP Tunnel Request's encapsulations but 0.
    let encap: Vec<_> = msg::TunnelEncap::VALS.iter().filter(|r| r.0 != u64::from(msg::TunnelEncap::AsFlags.value())).collect();
    assert_eq!(msg::NEXT_HEADER_VALS.iter().collect::<Vec<_>>(), encap);
    // The dispatch's IP protocol numbers: named as the whole table names them.
    for &(v, n) in dissect::IpProto::VALS {
        assert_eq!(Some(n), dissect::field::val_name(dissect::ip_proto::VALS, v), "IP protocol {v}");
    }
    // SLL's MAC address types: Linux numbers Ethernet as IANA does.
    assert_eq!(dissect::link::SllHaType::Ether.value(), dissect::arp::HwType::Ethernet.value());
}

/// Every table is what its field shows, and its numbers are the RFC's where tshark has none.
#[test]
fn fields_show_the_rows_and_rfc_numbers_hold() {
    for t in tables() {
        assert_eq!(vals(t.field), t.vals, "{} shows another table than its rows", t.field.abbrev);
        if let Some((numbers, cite)) = t.rfc {
            for n in numbers {
                assert!(t.vals.iter().any(|r| r.0 == *n), "{}: {cite}: {n} has no row", t.field.abbrev);
            }
            if t.tshark.is_none() {
                let ours: Vec<u64> = t.vals.iter().map(|r| r.0).collect();
                assert_eq!(&ours, numbers, "{}: {cite}", t.field.abbrev);
            }
        }
    }
}

/// `field -> [(value, name)]` of `tshark -G values`, every row in tshark's order.
fn tshark_value_rows() -> Option<HashMap<String, Vec<(u64, String)>>> {
    let out = Command::new("tshark").args(["-G", "values"]).output().ok().filter(|o| o.status.success())?;
    let mut m: HashMap<String, Vec<(u64, String)>> = HashMap::new();
    for l in String::from_utf8_lossy(&out.stdout).lines() {
        let mut c = l.split('\t');
        let (Some("V"), Some(f), Some(v), Some(n)) = (c.next(), c.next(), c.next(), c.next()) else { continue };
        let v = match v.strip_prefix("0x") {
            Some(h) => u64::from_str_radix(h, 16),
            None => v.parse(),
        };
        if let Ok(v) = v {
            m.entry(f.to_string()).or_default().push((v, n.to_string()));
        }
    }
    Some(m)
}

/// `field -> value -> name` of `tshark -G values`.
fn tshark_values() -> Option<HashMap<String, HashMap<u64, String>>> {
    let rows = tshark_value_rows()?;
    let mut m: HashMap<String, HashMap<u64, String>> = HashMap::new();
    for (f, rows) in rows {
        for (v, n) in rows {
            // First row wins, as in a value_string lookup.
            m.entry(f.clone()).or_default().entry(v).or_insert(n);
        }
    }
    Some(m)
}

/// Every row's value and name are tshark 4.0's for that field, but the listed differences
/// (each with its reason, each still a difference); a value tshark does not name is one the
/// table's RFC gives.
#[test]
fn rows_are_tshark_4_0s_values_and_names() {
    let Some(tv) = tshark_values() else {
        assert!(std::env::var_os("CI").is_none(), "tshark is needed under CI");
        eprintln!("tshark not found: skipped");
        return;
    };
    let mut wrong = Vec::new();
    for t in tables() {
        let Some(tf) = t.tshark else { continue };
        let theirs = tv.get(tf).unwrap_or_else(|| panic!("tshark 4.0 has no value table for {tf}"));
        for &(v, name) in t.vals {
            let listed = t.differs.iter().any(|d| d.0 == v);
            match theirs.get(&v) {
                Some(n) if n == name && listed => wrong.push(format!("{tf} {v}: listed as differing but both say {name:?}")),
                Some(n) if n != name && !listed => wrong.push(format!("{tf} {v}: ours {name:?}, tshark {n:?}")),
                None if !t.rfc.is_some_and(|(ns, _)| ns.contains(&v)) => {
                    wrong.push(format!("{tf} {v}: tshark does not name it and no RFC number is cited"))
                }
                _ => {}
            }
        }
        for d in t.differs {
            if !t.vals.iter().any(|r| r.0 == d.0) {
                wrong.push(format!("{tf} {}: listed as differing but no row has it", d.0));
            }
        }
    }
    // Tables no field shows, used to recognise a number: the same check against the field
    // tshark names them under.
    for (tf, rows) in [("mip.ext.type", ext::WiresharkOldVendorType::VALS), ("sll.hatype", dissect::link::SllHaType::VALS)] {
        for &(v, name) in rows {
            if tv.get(tf).and_then(|m| m.get(&v)).map(String::as_str) != Some(name) {
                wrong.push(format!("{tf} {v}: ours {name:?}, tshark {:?}", tv.get(tf).and_then(|m| m.get(&v))));
            }
        }
    }
    assert!(wrong.is_empty(), "{} rows disagree with tshark 4.0:\n{}", wrong.len(), wrong.join("\n"));
}

/// ARP's Protocol and Info columns come from the opcode's row (`ArpOp` variants, no longer
/// opcode ranges): for every opcode, what tshark 4.0 shows for the same Ethernet/IPv4 packet
/// (sender 02:00:00:00:00:01 192.0.2.1, target 00:00:00:00:00:00 192.0.2.2; written out from
/// `tshark -r` on these frames).
#[test]
fn arp_columns_follow_the_opcode_rows() {
    const WHO_IS: &str = "Who is 00:00:00:00:00:00? Tell 02:00:00:00:00:01";
    const IS_AT_TPA: &str = "00:00:00:00:00:00 is at 192.0.2.2";
    let expect: &[(u16, &str, &str)] = &[
        (0, "ARP", "Reserved opcode 0"),
        (1, "ARP", "Who has 192.0.2.2? Tell 192.0.2.1"),
        (2, "ARP", "192.0.2.1 is at 02:00:00:00:00:01"),
        (3, "RARP", WHO_IS),
        (4, "RARP", IS_AT_TPA),
        (5, "DRARP", WHO_IS),
        (6, "DRARP", IS_AT_TPA),
        (7, "DRARP", "DRARP Error"),
        (8, "Inverse ARP", WHO_IS),
        (9, "Inverse ARP", "02:00:00:00:00:01 is at 192.0.2.1"),
        (10, "ARP", "ARP NAK"),
        (11, "MARS", "MARS request from 02:00:00:00:00:01 at 192.0.2.1"),
        (12, "MARS", "MARS MULTI request from 02:00:00:00:00:01 at 192.0.2.1"),
        (13, "MARS", "MARS MSERV request from 02:00:00:00:00:01 at 192.0.2.1"),
        (14, "MARS", "MARS JOIN request from 02:00:00:00:00:01 at 192.0.2.1"),
        (15, "MARS", "MARS LEAVE from 02:00:00:00:00:01 at 192.0.2.1"),
        (16, "MARS", "MARS NAK from 02:00:00:00:00:01 at 192.0.2.1"),
        (17, "MARS", "MARS UNSERV request from 02:00:00:00:00:01 at 192.0.2.1"),
        (18, "MARS", "MARS SJOIN request from 02:00:00:00:00:01 at 192.0.2.1"),
        (19, "MARS", "MARS SLEAVE from 02:00:00:00:00:01 at 192.0.2.1"),
        (20, "MARS", "MARS grouplist request from 02:00:00:00:00:01 at 192.0.2.1"),
        (21, "MARS", "MARS grouplist reply from 02:00:00:00:00:01 at 192.0.2.1"),
        (22, "MARS", "MARS redirect map from 02:00:00:00:00:01 at 192.0.2.1"),
        (23, "MAPOS", "MAPOS UNARP request from 02:00:00:00:00:01 at 192.0.2.1"),
        (24, "ARP", "Experimental 1 ( opcode 24 )"),
        (25, "ARP", "Experimental 2 ( opcode 25 )"),
        (26, "ARP", "Unknown ARP opcode 0x001a"),
        (65535, "ARP", "Reserved opcode 65535"),
    ];
    let prefs = dissect::prefs::Prefs::default();
    for &(op, protocol, info) in expect {
        let mut f = vec![0xff; 6];
        f.extend_from_slice(&[2, 0, 0, 0, 0, 1, 0x08, 0x06, 0, 1, 0x08, 0, 6, 4]);
        f.extend_from_slice(&op.to_be_bytes());
        f.extend_from_slice(&[2, 0, 0, 0, 0, 1, 192, 0, 2, 1, 0, 0, 0, 0, 0, 0, 192, 0, 2, 2]);
        let mut d = dissect::tree::Dissection::new();
        let meta = dissect::frame::FrameMeta { number: 1, wire_len: f.len() as u32, linktype: 1, ..Default::default() };
        dissect::dissect_frame(&mut d, &f, &meta, &prefs);
        assert_eq!((d.cols.protocol, d.cols.info.as_str()), (protocol, info), "opcode {op}");
    }
}

fn own_name(def: &FieldDef, v: u64) -> Option<&'static str> {
    def.value_names().and_then(|t| t.iter().find(|r| r.0 == v)).map(|r| r.1)
}

/// Values whose tshark 4.0 name is not taken, with why: `../shared/spec/reference.md` §1.4 and
/// its recommendation 1 (never adopt these tables).
const NOT_TAKEN: &[(&str, std::ops::RangeInclusive<u64>, &str)] = &[
    ("mip6.ba.status", 143..=148, "names of obsolete drafts' numbers (reference.md §1.4)"),
    (
        "mip6.vsm.subtype",
        1..=30,
        "3GPP TS 29.275's names of the 3GPP vendor's sub-types, shown for that vendor alone: tshark 4.0's filters take none of them either",
    ),
    ("mip6.ipv4aa.sts", 128..=132, "access-technology names where IANA has IPv4 Home Address Reply statuses (§1.4)"),
    (
        "mip6.bri_status",
        0..=6,
        "numbered 0-6 where IANA's Binding Revocation Acknowledgement statuses are 0, 1 and 128-135 (§1.4)",
    ),
    (
        "vlan.priority",
        0..=7,
        "tshark 4.0 has four tables, one per drop-eligibility encoding (its vlan.priority_drop_encoding preference); mipscope names by the default, IEEE 802.1Q-2014's 8P0D",
    ),
];

/// The fields whose every tshark value name is taken, named or not by mipscope: the mobility
/// protocols' own tables. Elsewhere (EtherTypes, IP protocols, PPP protocols, and the Mobility
/// Header's Payload Proto, an IP protocol number) the names of values mipscope names are.
fn whole_table(abbrev: &str) -> bool {
    ["mip.", "mip6.", "icmp.mip.", "icmpv6.mip."].iter().any(|p| abbrev.starts_with(p)) && abbrev != "mip6.proto"
}

/// tshark 4.0's value names reach mipscope's values: for every field both have, each name
/// `tshark -G values` gives a value is one mipscope's filters (and `craft --set`) read as that
/// value ([`FieldDef::value_of_name`]), either because mipscope names it so or through the
/// field's [`FieldDef::tshark_names`]. Those lists are exact: each entry is tshark's name for
/// its value and differs from mipscope's own.
#[test]
fn tshark_value_names_read_as_the_same_values() {
    let Some(tv) = tshark_value_rows() else {
        assert!(std::env::var_os("CI").is_none(), "tshark is needed under CI");
        eprintln!("tshark not found: skipped");
        return;
    };
    let mut wrong = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for def in dissect::registry::all_fields() {
        if !seen.insert(def.abbrev) {
            continue;
        }
        let Some(theirs) = tv.get(def.abbrev) else {
            if !def.tshark_names.is_empty() {
                wrong.push(format!("{}: tshark_names listed but tshark 4.0 has no value table", def.abbrev));
            }
            continue;
        };
        if def.value_names().is_none() && def.tshark_names.is_empty() {
            continue;
        }
        let not_taken = |v: u64| NOT_TAKEN.iter().any(|(f, r, _)| *f == def.abbrev && r.contains(&v));
        let mut here = Vec::new();
        for (v, name) in theirs {
            // A name tshark gives two values names neither for certain.
            if name.is_empty() || theirs.iter().any(|(w, n)| n == name && w != v) {
                continue;
            }
            match def.value_of_name(name) {
                Some(x) if x == *v => {}
                Some(x) if !not_taken(*v) => wrong.push(format!("{}: tshark's {name:?} is {v}, mipscope reads {x}", def.abbrev)),
                None if !not_taken(*v) && (own_name(def, *v).is_some() || whole_table(def.abbrev)) => {
                    here.push(format!("({v}, {name:?})"))
                }
                _ => {}
            }
        }
        if !here.is_empty() {
            missing.push(format!("{}: {}", def.abbrev, here.join(", ")));
        }
        for &(v, name) in def.tshark_names {
            if !theirs.iter().any(|(w, n)| *w == v && n == name) {
                wrong.push(format!("{}: tshark_names has ({v}, {name:?}), which tshark 4.0 does not", def.abbrev));
            }
            if own_name(def, v).is_some_and(|o| o.eq_ignore_ascii_case(name)) {
                wrong.push(format!("{}: tshark_names has ({v}, {name:?}), mipscope's own name", def.abbrev));
            }
            if not_taken(v) {
                wrong.push(format!("{}: tshark_names has ({v}, {name:?}), a name not to take", def.abbrev));
            }
        }
    }
    assert!(
        wrong.is_empty() && missing.is_empty(),
        "{} wrong:\n{}\n{} fields miss tshark's names:\n{}",
        wrong.len(),
        wrong.join("\n"),
        missing.len(),
        missing.join("\n")
    );
}
