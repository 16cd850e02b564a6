//! The seed drafts' Mobility Header additions, numbered by preference (profiles.md):
//! seed 000 (NEMO RO Request/Acknowledgement, BRR M/H flags), seed 002 (Binding Identifier in
//! the RFC 5648 and draft-03 layouts), seed 004 (Proxy HoTI/HoT, Handover Home Keygen Token,
//! early/complete proxy BU).

use super::opt::{OptDef, OptSummary};
use super::{MsgCtx, MsgDef};
use crate::prefs::Prefs;
use crate::tree::Tree;

/// Profile-numbered MH types.
pub fn lookup_msg(_mh_type: u8, _prefs: &Prefs) -> Option<&'static MsgDef> {
    None
}

/// Profile-numbered mobility options.
pub fn lookup_opt(_kind: u8, _prefs: &Prefs) -> Option<&'static OptDef> {
    None
}

/// After a Binding Update's options: recognise draft roles (RO Request, proxy BU kinds).
pub fn after_bu(_t: &mut Tree<'_>, _c: &MsgCtx, _s: &OptSummary) {}

/// After a Binding Acknowledgement's options: recognise an RO Acknowledgement.
pub fn after_ba(_t: &mut Tree<'_>, _c: &MsgCtx, _s: &OptSummary) {}

pub static FIELDS: &[&crate::field::FieldDef] = &[];
pub static EXPERTS: &[&crate::expert::ExpertDef] = &[];
