//! Mobile IPv4 (RFC 5944) on UDP port 434 (preference `mip4.udp_port`).

use crate::field::{FieldDef, Kind, Value};
use crate::tree::Tree;

static TYPE_VALS: &[(u64, &str)] = &[
    (1, "Registration Request"),
    (3, "Registration Reply"),
    (4, "Tunnel Data"),
    (7, "Registration Revocation"),
    (15, "Registration Revocation Acknowledgement"),
];

pub static MIP: FieldDef = FieldDef::new("mip", "Mobile IP", Kind::Protocol);
pub static TYPE: FieldDef = FieldDef::new("mip.type", "Message Type", Kind::Uint(1)).vals(TYPE_VALS);
pub static DATA: FieldDef = FieldDef::new("mip.data", "Message data", Kind::Bytes);

pub static FIELDS: &[&FieldDef] = &[&MIP, &TYPE, &DATA];
pub static EXPERTS: &[&crate::expert::ExpertDef] = &[];

/// Dissects a Mobile IPv4 message at `off..end`.
pub fn dissect(t: &mut Tree<'_>, off: usize, end: usize) {
    t.protocol(&MIP, off, end.saturating_sub(off));
    t.set_protocol_column("MobileIP");
    let Some(&ty) = t.data.get(off).filter(|_| end > off) else {
        t.truncated(off, "Mobile IP message");
        t.close();
        return;
    };
    t.add_uint(&TYPE, off, 1, u64::from(ty));
    let name = TYPE.value_name(u64::from(ty)).unwrap_or("Unknown Mobile IP message");
    t.set_info(format_args!("{name}"));
    if end > off + 1 {
        t.add(&DATA, off + 1, end - off - 1, Value::Bytes);
    }
    t.close();
}
