//! The registry of every field and expert item: drives `mipscope fields`, `-T fields` name
//! checking and (later) display-filter compilation.

use crate::expert::ExpertDef;
use crate::field::FieldDef;

/// Every field list, layer by layer.
pub fn field_lists() -> [&'static [&'static FieldDef]; 19] {
    [
        crate::frame::FIELDS,
        crate::link::FIELDS,
        crate::ipv4::FIELDS,
        crate::ipv6::FIELDS,
        crate::icmpv6::FIELDS,
        crate::mh::FIELDS,
        crate::mh::msg::FIELDS,
        crate::mh::opt::FIELDS,
        crate::tree::FIELDS,
        crate::mh::msg_ext::FIELDS,
        crate::mh::opt_ext::FIELDS,
        crate::mh::seeds::FIELDS,
        crate::mip4::FIELDS,
        crate::gre::FIELDS,
        crate::mip4::haaro::RFC_FIELDS,
        crate::mh::ts::FIELDS,
        crate::tcp::FIELDS,
        crate::pppoe::FIELDS,
        crate::vxlan::FIELDS,
    ]
}

/// Every expert list.
pub fn expert_lists() -> [&'static [&'static ExpertDef]; 14] {
    [
        crate::expert::EXPERTS,
        crate::ipv4::EXPERTS,
        crate::ipv6::EXPERTS,
        crate::icmpv6::EXPERTS,
        crate::mh::expert::EXPERTS,
        MISC_EXPERTS,
        crate::mh::msg_ext::EXPERTS,
        crate::mh::opt_ext::EXPERTS,
        crate::mh::seeds::EXPERTS,
        crate::mip4::EXPERTS,
        crate::gre::EXPERTS,
        crate::mh::ts::EXPERTS,
        crate::tcp::EXPERTS,
        crate::pppoe::EXPERTS,
    ]
}

static MISC_EXPERTS: &[&ExpertDef] = &[&crate::link::UNSUPPORTED, &crate::frame::SNAPPED];

/// Every field definition, including each expert item's own field.
pub fn all_fields() -> impl Iterator<Item = &'static FieldDef> {
    field_lists()
        .into_iter()
        .flat_map(|l| l.iter().copied())
        .chain(expert_lists().into_iter().flat_map(|l| l.iter().map(|e| &e.field)))
}

/// Every expert definition.
pub fn all_experts() -> impl Iterator<Item = &'static ExpertDef> {
    expert_lists().into_iter().flat_map(|l| l.iter().copied())
}

/// Looks a field up by its abbreviation.
pub fn lookup(abbrev: &str) -> Option<&'static FieldDef> {
    all_fields().find(|f| f.abbrev == abbrev)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::{Kind, Strings};
    use std::collections::HashSet;

    #[test]
    fn abbrevs_are_unique() {
        let mut seen = HashSet::new();
        for f in all_fields() {
            assert!(seen.insert(f.abbrev), "duplicate field abbreviation {}", f.abbrev);
        }
        assert!(seen.len() > 250, "registry unexpectedly small: {}", seen.len());
    }

    #[test]
    fn masks_and_values_fit_their_width() {
        for f in all_fields() {
            let bits = f.bit_width();
            if f.mask != 0 {
                assert!(bits > 0, "{} has a mask but no integer width", f.abbrev);
                assert!(bits == 64 || f.mask >> bits == 0, "{} mask {:#x} exceeds {bits} bits", f.abbrev, f.mask);
            }
            if let Strings::Vals(t) = f.strings {
                assert!(matches!(f.kind, Kind::Uint(_)), "{} has value names but is not an integer", f.abbrev);
                let span = if f.mask != 0 { 64 - f.mask.leading_zeros() - f.mask.trailing_zeros() } else { bits };
                for (v, name) in t {
                    assert!(span >= 64 || v >> span == 0, "{}: value {v} ({name}) does not fit {span} bits", f.abbrev);
                }
                let mut keys = HashSet::new();
                for (v, _) in t {
                    assert!(keys.insert(v), "{}: value {v} listed twice", f.abbrev);
                }
            }
            if matches!(f.strings, Strings::Tfs(..)) {
                assert!(matches!(f.kind, Kind::Bool(_)), "{} has true/false strings but is not boolean", f.abbrev);
            }
            assert!(!f.name.is_empty(), "{} has no name", f.abbrev);
            assert!(
                f.abbrev.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')),
                "{} has characters a filter cannot name",
                f.abbrev
            );
        }
    }
}
