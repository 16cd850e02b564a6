//! Messages and options by name, with their fixed parts zeroed: the starting point that
//! `mipscope craft MSG --set …` and the description files fill in.
//!
//! Nothing here lists a message's layout. A message of any MH type is its profile's row
//! (`dissect::mh::lookup_msg`, the row the dissector decodes it with) parsed from a fixed part
//! of zeros; an option is its row (`dissect::mh::opt::lookup`) parsed from the shortest data
//! its length rule allows. Both are then values of the model like any parsed one, whose
//! lengths, padding and checksum are left to be computed. Seed messages and options come out
//! at the profile's numbers because the lookups are the profile's.

use dissect::mh::opt::{self, Len, MhOption};
use dissect::mh::{self, MhRepr};
use dissect::prefs::Prefs;

/// Short names for messages, as Wireshark's field prefixes spell them (`mip6.bu.*`), beside
/// the full names (`binding-update`) every message also answers to.
const MESSAGE_SHORT: &[(&str, &str)] = &[
    ("brr", "Binding Refresh Request"),
    ("hoti", "Home Test Init"),
    ("coti", "Care-of Test Init"),
    ("hot", "Home Test"),
    ("cot", "Care-of Test"),
    ("bu", "Binding Update"),
    ("ba", "Binding Acknowledgement"),
    ("be", "Binding Error"),
    ("fbu", "Fast Binding Update"),
    ("fback", "Fast Binding Acknowledgment"),
    ("fna", "Fast Neighbor Advertisement"),
    ("emh", "Experimental Mobility Header"),
    ("has", "Home Agent Switch"),
    ("hb", "Heartbeat"),
    ("hi", "Handover Initiate"),
    ("hack", "Handover Acknowledge"),
    ("br", "Binding Revocation"),
    ("lri", "Localized Routing Initiation"),
    ("lra", "Localized Routing Acknowledgment"),
    ("upn", "Update Notification"),
    ("upa", "Update Notification Acknowledgement"),
    ("fb", "Flow Binding"),
    ("sq", "Subscription Query"),
    ("sr", "Subscription Response"),
];

/// Short names for options in common use, beside the Wireshark suffix (`acoa` for
/// `mip6.options.acoa`), the full name (`alternate-care-of-address`) and the number.
const OPTION_SHORT: &[(&str, &str)] = &[
    ("alt-coa", "Alternate Care-of Address"),
    ("nonce", "Nonce Indices"),
    ("bad", "Binding Authorization Data"),
    ("refresh", "Binding Refresh Advice"),
];

/// `Binding Update` → `binding-update`.
pub fn kebab(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A message type under the profile: its number, full name and short name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageName {
    pub mh_type: u8,
    pub name: &'static str,
    pub short: Option<&'static str>,
}

/// Every message the profile decodes, by MH type.
pub fn messages(prefs: &Prefs) -> Vec<MessageName> {
    (0..=255u8)
        .filter_map(|t| {
            let d = mh::lookup_msg(t, prefs)?;
            let short = MESSAGE_SHORT.iter().find(|(_, n)| *n == d.name).map(|(s, _)| *s);
            Some(MessageName { mh_type: t, name: d.name, short })
        })
        .collect()
}

/// The MH type a name stands for under the profile: a short name, the full name in kebab case,
/// or the number.
pub fn message_type(name: &str, prefs: &Prefs) -> Option<u8> {
    let want = name.to_ascii_lowercase();
    messages(prefs)
        .into_iter()
        .find(|m| m.short == Some(want.as_str()) || kebab(m.name) == want || m.mh_type.to_string() == want)
        .map(|m| m.mh_type)
}

/// Fields a message built by name is given before the user's `--set`s, where zeros are not a
/// valid message of its type: a Binding Revocation's B.R. Type and a Flow Binding's FB Type,
/// whose 0 no document defines, start as the indication (RFC 5846 §6.1, RFC 7109 §5.1). Field
/// names, so the values are the dissector's to read. Not for a number the profile gives a seed
/// message (`-o pmipro.mh_photi=16`): that is the seed's.
pub fn message_defaults(mh_type: u8, prefs: &Prefs) -> &'static [(&'static str, &'static str)] {
    if mh::seeds::profile_msg(mh_type, prefs).is_some() {
        return &[];
    }
    match mh::MhType::from(mh_type) {
        mh::MhType::BindingRevocation => &[("mip6.bri_br.type", "1")],
        mh::MhType::FlowBinding => &[("mip6.fb.type", "1")],
        _ => &[],
    }
}

/// The data `--opt NAME` gives an option when none is given: the zeroed shortest data
/// ([`zeroed_option`]), except where those are not a valid option of the type, so a default
/// dissects without a warning about itself. Keyed by the option's presence field, so a seed
/// option keeps its example under any profile's number.
fn option_example(presence: &str, zeroed: &[u8]) -> Option<Vec<u8>> {
    const DOC6: [u8; 16] = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    let mut v = Vec::new();
    match presence {
        // RFC 6275 §5.2.6: the authenticator is First(96, HMAC_SHA1(...)), 12 octets.
        "mip6.options.bad_auth" => v.resize(12, 0),
        // RFC 4283 §3: subtype 1 (NAI) and an identifier of at least one octet.
        "mip6.options.mnid" => {
            v.push(1);
            v.extend_from_slice(b"mn@example.com");
        }
        // RFC 5949 §6.2.4: Option-Code 1 (IPv6), Reserved, the address.
        "mip6.options.lmaa" => {
            v.extend_from_slice(&[1, 0]);
            v.extend_from_slice(&DOC6);
        }
        // RFC 6463 §6.2: K set (an IPv6 r2LMA address follows), Reserved, the address.
        "mip6.options.redir" => {
            v.extend_from_slice(&opt::lra::RedirFlags::K.to_be_bytes());
            v.extend_from_slice(&DOC6);
        }
        // RFC 7148 §3.1: V clear (IPv6), Reserved, Prefix Length 64, the prefix.
        "mip6.options.dmnp" => {
            v.extend_from_slice(&[0, 64]);
            v.extend_from_slice(&DOC6[..8]);
            v.resize(18, 0);
        }
        // RFC 5648 §6.1 and draft-03: BID 0 is reserved; the rest of the layout stays zeroed.
        "mip6.options.bi" if zeroed.len() >= 2 => {
            v.extend_from_slice(zeroed);
            v[1] = 1;
        }
        _ => return None,
    }
    Some(v)
}

/// The option `--opt NAME` builds when given no data: [`option_example`]'s data, else the
/// zeroed shortest one.
pub fn default_option(code: u8, prefs: &Prefs) -> Option<MhOption> {
    let zeroed = zeroed_option(code, prefs)?;
    let presence = opt::lookup(code, prefs)?.presence.abbrev;
    let mut whole = Vec::new();
    zeroed.emit(&dissect::model::EmitCx::new(prefs), &mut whole).ok()?;
    match option_example(presence, whole.get(2..)?) {
        Some(example) => option_with(code, &example, prefs),
        None => Some(zeroed),
    }
}

/// A header of MH type `mh_type` with its message's fixed part zeroed and no options;
/// everything derived left computed. `None` when the profile has no row for the type.
pub fn zeroed_message(mh_type: u8, prefs: &Prefs) -> Option<MhRepr> {
    let d = mh::lookup_msg(mh_type, prefs)?;
    let (body, _) = (d.parse)(mh_type, &vec![0; d.min_len])?;
    Some(MhRepr::new(body))
}

/// An option type under the profile: its number, full name and Wireshark suffix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionName {
    pub code: u8,
    pub name: &'static str,
    /// `acoa` for `mip6.options.acoa`.
    pub suffix: &'static str,
    pub short: Option<&'static str>,
}

/// Every option the profile decodes, by type (Pad1 and PadN excluded: emission pads).
pub fn options(prefs: &Prefs) -> Vec<OptionName> {
    (2..=255u8)
        .filter_map(|c| {
            let d = opt::lookup(c, prefs)?;
            let suffix = d.presence.abbrev.rsplit('.').next().unwrap_or(d.presence.abbrev);
            let short = OPTION_SHORT.iter().find(|(_, n)| *n == d.name).map(|(s, _)| *s);
            Some(OptionName { code: c, name: d.name, suffix, short })
        })
        .collect()
}

/// The option type a name stands for under the profile.
pub fn option_type(name: &str, prefs: &Prefs) -> Option<u8> {
    let want = name.to_ascii_lowercase();
    options(prefs)
        .into_iter()
        .find(|o| o.short == Some(want.as_str()) || o.suffix == want || kebab(o.name) == want || o.code.to_string() == want)
        .map(|o| o.code)
}

/// An option of type `code` with the shortest data its row allows, zeroed. `None` when the
/// profile has no row for the type.
pub fn zeroed_option(code: u8, prefs: &Prefs) -> Option<MhOption> {
    let d = opt::lookup(code, prefs)?;
    let len = match d.len {
        Len::Fixed(n) | Len::Min(n) => n,
        Len::OneOf(ns) => ns.first().copied().unwrap_or(0),
    };
    // The Length octet standing for `len` data octets under the row's counting rule.
    let octet = (0..=255u8).find(|&o| d.span.data_len(o) == len)?;
    let mut bytes = vec![code, octet];
    bytes.resize(2 + len, 0);
    let (rest, o) = MhOption::parse_in(&bytes, prefs).ok()?;
    rest.is_empty().then_some(o)
}

/// An option of type `code` with exactly these data octets, read as the dissector reads them
/// (a length its row rejects gives the untyped form, which still emits these octets). `None`
/// when the Length octet cannot say the length under the row's counting rule.
pub fn option_with(code: u8, data: &[u8], prefs: &Prefs) -> Option<MhOption> {
    let span = opt::lookup(code, prefs).map(|d| d.span);
    let octet = match span {
        Some(s) => (0..=255u8).find(|&o| s.data_len(o) == data.len())?,
        None => u8::try_from(data.len()).ok()?,
    };
    let mut bytes = vec![code, octet];
    bytes.extend_from_slice(data);
    let (rest, o) = MhOption::parse_in(&bytes, prefs).ok()?;
    rest.is_empty().then_some(o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dissect::model::EmitCx;

    #[test]
    fn names() {
        let p = Prefs::default();
        assert_eq!(kebab("Care-of Test Init"), "care-of-test-init");
        assert_eq!(message_type("bu", &p), Some(5));
        assert_eq!(message_type("binding-acknowledgement", &p), Some(6));
        assert_eq!(message_type("16", &p), Some(16));
        assert_eq!(message_type("nope", &p), None);
        assert_eq!(option_type("alt-coa", &p), Some(3));
        assert_eq!(option_type("acoa", &p), Some(3));
        assert_eq!(option_type("home-network-prefix", &p), Some(22));
        assert_eq!(option_type("1", &p), None, "PadN is emission's business");
    }

    /// Every message row of both profiles builds, emits as a whole header, and parses back to
    /// the same message.
    #[test]
    fn every_message_zeroed_round_trips() {
        for prefs in [Prefs::default(), Prefs::build(Some("draft"), &[]).unwrap()] {
            let all = messages(&prefs);
            assert!(all.len() >= 24, "{all:?}");
            for m in all {
                let r = zeroed_message(m.mh_type, &prefs).unwrap_or_else(|| panic!("{m:?}"));
                let mut out = Vec::new();
                r.emit(&EmitCx::new(&prefs), &mut out).unwrap();
                assert_eq!(out.len() % 8, 0);
                assert_eq!(out[2], m.mh_type, "{m:?}");
                let (_, back) = MhRepr::parse_in(&out, &prefs).unwrap();
                // The Experimental Mobility Header's data runs to Header Len's end: its
                // padding reads back as data.
                if !matches!(r.body, dissect::mh::MhBody::Emh(_)) {
                    assert_eq!(back.body, r.body, "{m:?}");
                }
            }
        }
    }

    /// Every option row of both profiles builds at its shortest and reads back as the same
    /// option inside a header.
    #[test]
    fn every_option_zeroed_round_trips() {
        for prefs in [Prefs::default(), Prefs::build(Some("draft"), &[]).unwrap()] {
            let all = options(&prefs);
            assert!(all.len() >= 60, "{}", all.len());
            for o in all {
                let opt = zeroed_option(o.code, &prefs).unwrap_or_else(|| panic!("{o:?}"));
                let mut r = zeroed_message(5, &prefs).unwrap();
                r.options.push(opt.clone());
                let mut out = Vec::new();
                r.emit(&EmitCx::new(&prefs), &mut out).unwrap();
                let (_, back) = MhRepr::parse_in(&out, &prefs).unwrap();
                assert!(back.options.contains(&opt), "{o:?}: {:?}", back.options);
            }
        }
    }
}
