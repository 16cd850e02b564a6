//! Mobility options 8–70 (IANA registry after RFC 6275): PMIPv6, ERO (RFC 4866), DSMIPv6,
//! FMIPv6 and later RFCs.

use super::opt::OptDef;

/// The decoder for option types 8–70, if known.
pub fn lookup_opt(_kind: u8) -> Option<&'static OptDef> {
    None
}

pub static FIELDS: &[&crate::field::FieldDef] = &[];
pub static EXPERTS: &[&crate::expert::ExpertDef] = &[];
