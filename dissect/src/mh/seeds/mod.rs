//! The seed drafts' Mobility Header additions, numbered by preference (profiles.md), one
//! module per draft:
//!
//! * [`nemo_ro`]: seed 000, draft-huang-nemo-mn-ro-00 (NEMO RO Request/Acknowledgement, BRR
//!   M/H flags, CoTI/CoT annotations);
//! * [`mcoa`]: seed 002, draft-ietf-monami6-multiplecoa-03 / RFC 5648 (Binding Identifier in
//!   both layouts, draft BA statuses);
//! * [`pmipro`]: seed 004, draft-qin-mipshop-pmipro-00 (Proxy HoTI/HoT, Handover Home Keygen
//!   Token, early/complete proxy BU).
//!
//! This module holds the lookups the Mobility Header calls (messages and options by the
//! profile's numbers) and the field and expert lists. Every public item of the three modules
//! is re-exported here. The parsers here decode; the drafts' rules (the `check.*` items, the
//! roles a BU or BA plays, the draft BA status names) run after the frame is parsed, in
//! [`crate::analysis`], which adds the fields and expert items declared here.
//!
//! Draft-only values share Wireshark's abbreviations where Wireshark has the field; rows with
//! another row's abbreviation and type but another value table or bit are *profile variants*:
//! registered in their module's `fields!` block after the field's own row (the registry makes one field of every
//! row named so, as a display filter sees one name).

pub mod mcoa;
pub mod nemo_ro;
pub mod pmipro;

pub use mcoa::*;
pub use nemo_ro::*;
pub use pmipro::*;

use super::opt::OptDef;
use super::MsgDef;
use crate::expert::ExpertDef;
use crate::field::FieldDef;
use crate::model::Auto;
use crate::prefs::Prefs;

/// Profile-numbered MH types (checked before IANA's, so a preference may shadow any type).
pub fn lookup_msg(mh_type: u8, prefs: &Prefs) -> Option<&'static MsgDef> {
    profile_msg(mh_type, prefs)
}

/// The message a preference numbers at `mh_type` (seed 004's Proxy HoTI/HoT), if any: its
/// name is the type's name, whatever IANA's table says for that number.
pub fn profile_msg(mh_type: u8, prefs: &Prefs) -> Option<&'static MsgDef> {
    if mh_type == prefs.pmipro_mh_photi {
        Some(&pmipro::PHOTI)
    } else if mh_type == prefs.pmipro_mh_phot {
        Some(&pmipro::PHOT)
    } else {
        None
    }
}

/// The name option type `kind` has under the preferences when IANA's table does not give it
/// (a profile-numbered option: the Handover Home Keygen Token, or the Binding Identifier moved
/// off 35).
pub fn opt_type_name(kind: u8, prefs: &Prefs) -> Option<&'static str> {
    let def = lookup_opt(kind, prefs)?;
    (super::opt::OPT_TYPE.value_name(u64::from(kind)) != Some(def.name)).then_some(def.name)
}

/// A profile-numbered draft option, owned: which option, its type number (`Given` after a
/// parse; `Computed` takes the profile's number from [`crate::model::EmitCx::prefs`] on emit),
/// and its body in the layout the profile chose when it was parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeedOpt {
    /// Seed 002's Binding Identifier (`mcoa.bid_option_type`), in either layout.
    BindingId { code: Auto<u8>, bid: mcoa::BindingId },
    /// Seed 004's Handover Home Keygen Token (`pmipro.opt_handover_hkt`): the encrypted token.
    HandoverHkt { code: Auto<u8>, token: Vec<u8> },
}

impl SeedOpt {
    /// The type number emitted under `prefs`.
    pub fn code(&self, prefs: &Prefs) -> u8 {
        match self {
            SeedOpt::BindingId { code, .. } => code.or_else(|| prefs.mcoa_bid_option_type),
            SeedOpt::HandoverHkt { code, .. } => code.or_else(|| prefs.pmipro_opt_handover_hkt),
        }
    }
    /// The draft option `prefs` numbers at `kind`, from its data (`None`: not one, or its
    /// length does not fit the draft).
    pub fn parse(kind: u8, data: &[u8], prefs: &Prefs) -> Option<Self> {
        if kind == prefs.mcoa_bid_option_type {
            let bid = mcoa::BindingId::parse(data, prefs.mcoa_layout)?;
            Some(SeedOpt::BindingId { code: Auto::Given(kind), bid })
        } else if kind == prefs.pmipro_opt_handover_hkt {
            (data.len() >= 8).then(|| SeedOpt::HandoverHkt { code: Auto::Given(kind), token: data.to_vec() })
        } else {
            None
        }
    }
    /// Appends the option data.
    pub fn emit_body(&self, out: &mut Vec<u8>) -> Result<(), super::opt::OptError> {
        match self {
            SeedOpt::BindingId { bid, .. } => bid.emit(out),
            SeedOpt::HandoverHkt { token, .. } => out.extend_from_slice(token),
        }
        Ok(())
    }
    /// The alignment requirement `(x, y)` for `xn + y`.
    pub fn align(&self, _prefs: &Prefs) -> (usize, usize) {
        match self {
            SeedOpt::BindingId { bid, .. } => bid.align(),
            // §8.3 gives no rule; profiles.md: crafted at 8n+2 (its token is 8 octets before
            // encryption, as the RFC 4866 tokens beside it), any alignment accepted on reading.
            SeedOpt::HandoverHkt { .. } => (8, 2),
        }
    }
}

/// Profile-numbered mobility options.
pub fn lookup_opt(kind: u8, prefs: &Prefs) -> Option<&'static OptDef> {
    if kind == prefs.mcoa_bid_option_type {
        Some(&mcoa::BI_DEF)
    } else if kind == prefs.pmipro_opt_handover_hkt {
        Some(&pmipro::HHKT_DEF)
    } else {
        None
    }
}

/// The three drafts' fields, each declared once in its module's `fields!` block (profile
/// variants after their field's own row); the option rows' presence fields come from
/// [`OPT_ROWS`], as the option families' do.
pub static FIELD_LISTS: &[&[&FieldDef]] = &[MCOA_FIELDS, NEMO_RO_FIELDS, PMIPRO_FIELDS];

/// The profile-numbered option rows (each row's `code` is the default its preference takes).
pub static OPT_ROWS: &[&OptDef] = &[&mcoa::BI_DEF, &pmipro::HHKT_DEF];

/// The seeds' conformance findings are rows of the rule catalogue (`crate::analysis::rules`).
pub static EXPERTS: &[&ExpertDef] = &[];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mh::opt::{Len, MhOption};
    use crate::model::EmitCx;
    use crate::prefs::Profile;

    /// Adding a draft option or message is its row plus its owned variant: under both profiles
    /// each row is what the lookup finds at its preference's number, and the owned form parses
    /// the row's shortest data typed, numbered as the row, and emits it back.
    #[test]
    fn every_seed_row_is_found_at_its_number_and_owned() {
        for prof in [Profile::Rfc, Profile::Draft] {
            let p = Prefs::with_profile(prof);
            for row in OPT_ROWS {
                assert!(std::ptr::eq(lookup_opt(row.code, &p).expect(row.name), *row), "{row:?}");
                let Len::Min(n) = row.len else { panic!("{row:?}: a draft option's length is a minimum") };
                let mut wire = vec![row.code, n as u8];
                wire.extend((0..n as u8).map(|i| i.wrapping_mul(37) & 0x1f));
                let (rest, o) = MhOption::parse_in(&wire, &p).expect(row.name);
                assert!(rest.is_empty());
                let MhOption::Seed(s) = &o else { panic!("{row:?}: parsed as {o:?}") };
                assert_eq!(s.code(&p), row.code);
                let mut again = Vec::new();
                o.emit(&EmitCx::new(&p), &mut again).unwrap();
                assert_eq!(again, wire, "{row:?}");
            }
            for def in [&pmipro::PHOTI, &pmipro::PHOT] {
                assert!(std::ptr::eq(lookup_msg(def.code, &p).expect(def.name), def));
                let data: Vec<u8> = (0..def.min_len as u8).collect();
                let (body, n) = (def.parse)(def.code, &data).expect(def.name);
                assert_eq!((body.mh_type(&p), n), (def.code, def.min_len), "{def:?}");
                let mut again = Vec::new();
                body.emit(&mut again).unwrap();
                assert_eq!(again, data, "{def:?}");
            }
        }
    }
}
