//! Mobility Header types 8–23 (IANA registry after RFC 6275): FMIPv6, Experimental,
//! HA Switch, Heartbeat, Handover Initiate/Acknowledge, Binding Revocation, Localized
//! Routing, Update Notification, Flow Binding, Subscription Query/Response.

use super::MsgDef;

/// The decoder for MH types 8–23, if known.
pub fn lookup_msg(_mh_type: u8) -> Option<&'static MsgDef> {
    None
}

pub static FIELDS: &[&crate::field::FieldDef] = &[];
pub static EXPERTS: &[&crate::expert::ExpertDef] = &[];
