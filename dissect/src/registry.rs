//! The registry of every field and expert item: drives `mipscope fields`, `-T fields` name
//! checking and (later) display-filter compilation.

use crate::expert::ExpertDef;
use crate::field::FieldDef;

/// Every field list, layer by layer (the Mobility Header's message and option families included).
pub fn field_lists() -> impl Iterator<Item = &'static [&'static FieldDef]> {
    [
        crate::frame::FIELDS,
        crate::link::FIELDS,
        crate::ipv4::FIELDS,
        crate::ipv4::routing::FIELDS,
        crate::ipv6::FIELDS,
        crate::icmpv6::FIELDS,
        crate::mh::FIELDS,
        crate::mh::msg::FIELDS,
        crate::mh::opt::FIELDS,
        crate::tree::FIELDS,
    ]
    .into_iter()
    .chain(crate::mh::seeds::FIELD_LISTS.iter().copied())
    .chain(crate::mip4::FIELD_LISTS.iter().copied())
    .chain([
        crate::gre::FIELDS,
        crate::mh::ts::FIELDS,
        crate::tcp::FIELDS,
        crate::pppoe::FIELDS,
        crate::vxlan::FIELDS,
        crate::icmpv4::FIELDS,
        crate::arp::FIELDS,
        crate::reasm::FIELDS,
        crate::analysis::track::FIELDS,
        crate::analysis::auth::FIELDS,
    ])
    .chain(crate::mh::msg::FAMILIES.iter().map(|f| f.fields))
    .chain(crate::mh::opt::FAMILIES.iter().map(|f| f.fields))
}

/// The presence fields of the mobility option rows (each row names its option's subtree), the
/// seeds' profile-numbered rows included.
fn row_fields() -> impl Iterator<Item = &'static FieldDef> {
    crate::mh::opt::FAMILIES.iter().flat_map(|f| f.rows).chain(crate::mh::seeds::OPT_ROWS.iter().copied()).map(|d| d.presence)
}

/// Every expert list.
pub fn expert_lists() -> impl Iterator<Item = &'static [&'static ExpertDef]> {
    [
        crate::expert::EXPERTS,
        crate::ipv4::EXPERTS,
        crate::ipv4::routing::EXPERTS,
        crate::ipv6::EXPERTS,
        crate::icmpv6::EXPERTS,
        crate::mh::expert::EXPERTS,
        MISC_EXPERTS,
        crate::mh::opt::EXPERTS,
        crate::mh::seeds::EXPERTS,
        crate::mip4::EXPERTS,
        crate::gre::EXPERTS,
        crate::mh::ts::EXPERTS,
        crate::tcp::EXPERTS,
        crate::pppoe::EXPERTS,
        crate::icmpv4::EXPERTS,
        crate::arp::EXPERTS,
        crate::vxlan::EXPERTS,
        crate::reasm::EXPERTS,
        crate::analysis::track::EXPERTS,
        crate::analysis::rules::EXPERTS,
        crate::analysis::auth::EXPERTS,
    ]
    .into_iter()
    .chain(crate::mh::msg::FAMILIES.iter().map(|f| f.experts))
    .chain(crate::mh::opt::FAMILIES.iter().map(|f| f.experts))
}

static MISC_EXPERTS: &[&ExpertDef] =
    &[&crate::link::UNSUPPORTED, &crate::link::ETH_PADDING_BAD, &crate::frame::SNAPPED, &crate::frame::COMMENT_EXPERT];

/// Every field definition, including each expert item's own field.
pub fn all_fields() -> impl Iterator<Item = &'static FieldDef> {
    field_lists()
        .flat_map(|l| l.iter().copied())
        .chain(row_fields())
        .chain(expert_lists().flat_map(|l| l.iter().map(|e| &e.field)))
}

/// Every expert definition.
pub fn all_experts() -> impl Iterator<Item = &'static ExpertDef> {
    expert_lists().flat_map(|l| l.iter().copied())
}

/// A field's identity: its entry's index in the registry. Nodes are found by entry, never by
/// pointer to one row, so a field with several rows (a profile's other layout) or reachable
/// under an alias is always found whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldId(pub u32);

/// One name a filter, `-e` or the TUI can use, and every row whose nodes it finds.
#[derive(Debug)]
pub struct Entry {
    pub id: FieldId,
    pub abbrev: &'static str,
    /// Rows named `abbrev`: one, or one per layout when a profile changes the layout (seed 002's
    /// draft-03 Binding Identifier has its own status names and H bit) or a protocol variant
    /// has its own width (VXLAN-GPE's one-octet `vxlan.flags`, as tshark registers it). All of
    /// one kind (integers of any width are one kind).
    pub rows: Vec<&'static FieldDef>,
    /// Rows of other fields whose values are also shown under this name (`FieldDef::also`):
    /// where tshark files a value under another field.
    pub aliased: Vec<&'static FieldDef>,
    /// A name of tshark's that shows the aliased values as text (`FieldDef::also_as_text`).
    pub text: bool,
}

impl Entry {
    /// Whether a node of `def` is a value of this field.
    #[inline]
    pub fn matches(&self, def: &FieldDef) -> bool {
        // Two plain loops, not a chained iterator: a filter asks this of every node of every
        // frame, and the chain's state cost more than the comparisons.
        self.rows.iter().any(|r| std::ptr::eq(*r, def)) || self.aliased.iter().any(|r| std::ptr::eq(*r, def))
    }
    /// Every row whose nodes this field finds (its own, then aliased ones).
    pub fn members(&self) -> impl Iterator<Item = &'static FieldDef> + '_ {
        self.rows.iter().chain(&self.aliased).copied()
    }
    /// The row that describes the field (type, name, blurb): its own first row, or for a name
    /// that is only an alias, the first aliased row.
    pub fn def(&self) -> &'static FieldDef {
        self.rows.first().or(self.aliased.first()).copied().expect("an entry has at least one row")
    }
    /// A name that exists only as another field's alias.
    pub fn is_alias_only(&self) -> bool {
        self.rows.is_empty()
    }
    /// The type as `mipscope fields` and tshark name it (FT_STRING for a text alias).
    pub fn type_name(&self) -> &'static str {
        if self.text {
            "FT_STRING"
        } else {
            self.def().type_name()
        }
    }
}

/// Every field by name, built once from the field and expert lists.
#[derive(Debug)]
pub struct Registry {
    entries: Vec<Entry>,
    by_name: std::collections::HashMap<&'static str, usize>,
}

impl Registry {
    fn build() -> Self {
        let mut r = Registry { entries: Vec::new(), by_name: std::collections::HashMap::new() };
        let defs: Vec<&'static FieldDef> = all_fields().collect();
        for d in &defs {
            let i = r.slot(d.abbrev);
            r.entries[i].rows.push(d);
        }
        for d in &defs {
            for a in d.aliases {
                let i = r.slot(a);
                r.entries[i].aliased.push(d);
            }
            for a in d.text_aliases {
                let i = r.slot(a);
                r.entries[i].aliased.push(d);
                r.entries[i].text = true;
            }
        }
        r
    }
    fn slot(&mut self, abbrev: &'static str) -> usize {
        let n = self.entries.len();
        *self.by_name.entry(abbrev).or_insert_with(|| {
            self.entries.push(Entry { id: FieldId(n as u32), abbrev, rows: Vec::new(), aliased: Vec::new(), text: false });
            n
        })
    }
    /// Every entry, in registration order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
    pub fn get(&self, id: FieldId) -> Option<&Entry> {
        self.entries.get(id.0 as usize)
    }
    pub fn entry(&self, abbrev: &str) -> Option<&Entry> {
        self.by_name.get(abbrev).map(|&i| &self.entries[i])
    }
}

/// The registry (built on first use).
pub fn registry() -> &'static Registry {
    static R: std::sync::OnceLock<Registry> = std::sync::OnceLock::new();
    R.get_or_init(Registry::build)
}

/// The entry for a field name (an alias included).
pub fn entry(abbrev: &str) -> Option<&'static Entry> {
    registry().entry(abbrev)
}

/// Looks a field up by its name: the row that describes it (see [`Entry::def`]).
pub fn lookup(abbrev: &str) -> Option<&'static FieldDef> {
    entry(abbrev).map(Entry::def)
}

/// A protocol's short name, as tshark's `-z expert` shows an item's protocol (`MIPv6` for
/// `mipv6`); the name itself for one that has none.
pub fn protocol_short_name(abbrev: &str) -> &str {
    lookup(abbrev).map(|d| d.short).filter(|s| !s.is_empty()).unwrap_or(abbrev)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::field::{Kind, Strings};
    use std::collections::HashSet;

    /// A row's type for comparison: integers of any width compare alike in a filter.
    fn kind_of(f: &FieldDef) -> &'static str {
        match f.kind {
            Kind::Uint(_) => "FT_UINT*",
            _ => f.type_name(),
        }
    }

    #[test]
    fn rows_of_one_name_agree() {
        // Several rows may share a name only as one field's layouts: same type (an integer's
        // width may differ, as tshark's two vxlan.flags), so a filter compares them alike; and
        // no row is listed twice.
        let mut seen = HashSet::new();
        for f in all_fields() {
            assert!(seen.insert(f as *const FieldDef), "{} listed twice", f.abbrev);
        }
        for e in registry().entries() {
            let k = kind_of(e.def());
            for r in e.members() {
                assert_eq!(kind_of(r), k, "{}: rows of different types ({})", e.abbrev, r.abbrev);
            }
        }
        let flags = entry("vxlan.flags").unwrap();
        assert_eq!(flags.rows.iter().map(|r| r.type_name()).collect::<Vec<_>>(), ["FT_UINT16", "FT_UINT8"]);
        assert!(registry().entries().len() > 250, "registry unexpectedly small: {}", registry().entries().len());
    }

    #[test]
    fn aliases_name_tshark_fields_and_are_found() {
        let e = entry("mip6.nemo.mnp.pfl").expect("alias entry");
        assert!(e.matches(&crate::mh::opt::base::MNP_PFL), "its own row");
        assert!(e.aliased.iter().any(|r| r.abbrev == "mip6.hnp.pfl"), "the PMIPv6 HNP length is reachable");
        assert!(!e.is_alias_only());
        for e in registry().entries() {
            assert_eq!(entry(e.abbrev).map(|x| x.id), Some(e.id));
            assert_eq!(registry().get(e.id).map(|x| x.abbrev), Some(e.abbrev));
        }
    }

    #[test]
    fn rows_named_by_their_node_follow_their_fields_row() {
        // A type field's second row (Strings::NodeName) only names the value differently: the
        // field's own row comes first (it describes the field) and agrees in everything else.
        let mut n = 0;
        for e in registry().entries() {
            for r in e.rows.iter().filter(|r| matches!(r.strings, Strings::NodeName)) {
                n += 1;
                let first = e.def();
                assert!(!std::ptr::eq(first, *r), "{}: the named row comes first", e.abbrev);
                assert!(matches!(r.kind, Kind::Uint(_)), "{} is named by its node but not an integer", e.abbrev);
                assert_eq!((first.name, first.kind, first.base, first.mask), (r.name, r.kind, r.base, r.mask), "{}", e.abbrev);
            }
        }
        assert_eq!(n, 4, "mip6.mhtype, mip6.opt.type, mip.type, mip.ext.type");
    }

    #[test]
    fn masks_and_values_fit_their_width() {
        for f in all_fields() {
            let bits = f.bit_width();
            if f.mask != 0 {
                assert!(bits > 0, "{} has a mask but no integer width", f.abbrev);
                assert!(bits == 64 || f.mask >> bits == 0, "{} mask {:#x} exceeds {bits} bits", f.abbrev, f.mask);
            }
            if let Some(t) = f.value_names() {
                assert!(matches!(f.kind, Kind::Uint(_) | Kind::Int(_)), "{} has value names but is not an integer", f.abbrev);
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
