//! Preferences and code-point profiles: every tunable number, like Wireshark's preferences.
//!
//! The drafts mipscope decodes left many numbers "TBD"; a *profile* (`rfc`, the default, or
//! `draft`) gives each a documented default, and every one can be overridden on its own with
//! `-o key=value`, a profile file, or the library API (`../shared/spec/profiles.md`).
//! Precedence: profile defaults, then the profile file, then `-o` (later wins). Unknown keys
//! and unparsable values are errors, never silently ignored: a mistyped key that quietly did
//! nothing would make a user trust a decode that used the default.

use std::fmt;

/// A named set of code points and layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// IANA numbers and final RFC layouts wherever an RFC exists.
    Rfc,
    /// The layouts exactly as the seed drafts print them.
    Draft,
}

impl Profile {
    pub fn name(self) -> &'static str {
        match self {
            Profile::Rfc => "rfc",
            Profile::Draft => "draft",
        }
    }
}

/// Which Binding Identifier layout to decode (seed 002 vs RFC 5648).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BidLayout {
    Rfc5648,
    Draft03,
}

/// How a preference's text is checked.
#[derive(Debug, Clone, Copy)]
pub enum PrefKind {
    Bool,
    U8,
    U16,
    /// 1..=32.
    Nesting,
    Choice(&'static [&'static str]),
    /// Comma-separated IPv6 addresses (may be empty).
    Ipv6List,
    /// A file path (may be empty: none).
    Path,
}

/// A preference's default under the `rfc` profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrefDefault {
    Text(&'static str),
    /// A code point whose row declares it (the row is its one place: the Binding Identifier's
    /// option row, a HAaRO extension row, a seed message row, an element's UDP port): the
    /// preference reads it there.
    Row(u16),
}

/// One preference: its key, defaults under each profile, and what it does.
#[derive(Debug)]
pub struct PrefDef {
    pub key: &'static str,
    pub kind: PrefKind,
    pub rfc: PrefDefault,
    /// Default under the `draft` profile when it differs from `rfc`.
    pub draft: Option<&'static str>,
    pub help: &'static str,
}

impl PrefDef {
    pub fn default_for(&self, p: Profile) -> std::borrow::Cow<'static, str> {
        match (p, self.draft, self.rfc) {
            (Profile::Draft, Some(d), _) | (_, _, PrefDefault::Text(d)) => d.into(),
            (_, _, PrefDefault::Row(n)) => n.to_string().into(),
        }
    }
}

const fn pd(key: &'static str, kind: PrefKind, rfc: &'static str, draft: Option<&'static str>, help: &'static str) -> PrefDef {
    PrefDef { key, kind, rfc: PrefDefault::Text(rfc), draft, help }
}

/// A code-point preference whose default is the number its row declares.
const fn row(key: &'static str, code: u8, help: &'static str) -> PrefDef {
    PrefDef { key, kind: PrefKind::U8, rfc: PrefDefault::Row(code as u16), draft: None, help }
}

/// A UDP port preference whose default is the port its element's module declares.
const fn port(key: &'static str, port: u16, help: &'static str) -> PrefDef {
    PrefDef { key, kind: PrefKind::U16, rfc: PrefDefault::Row(port), draft: None, help }
}

/// Every preference mipscope knows, in the order `codepoints` prints them.
pub static PREFS: &[PrefDef] = &[
    pd(
        "profile",
        PrefKind::Choice(&["rfc", "draft"]),
        "rfc",
        Some("draft"),
        "Code-point profile: rfc (IANA numbers, RFC layouts) or draft (the seed drafts' layouts)",
    ),
    pd(
        "mip6.verify_checksum",
        PrefKind::Bool,
        "true",
        None,
        "Verify the Mobility Header checksum against the IPv6 pseudo-header (HAO/RH2 aware)",
    ),
    port("pmip6.udp_port", crate::mh::UDP_PORT, "UDP port carrying Mobility Headers over IPv4 (PMIPv6 IPv4 transport, RFC 5844)"),
    port("mip4.udp_port", crate::mip4::UDP_PORT, "UDP port of Mobile IPv4 (RFC 5944)"),
    pd("ip.defragment", PrefKind::Bool, "true", None, "Reassemble fragmented IPv4 datagrams (outermost IP layer)"),
    pd("ipv6.defragment", PrefKind::Bool, "true", None, "Reassemble fragmented IPv6 datagrams (outermost IP layer)"),
    pd(
        "ipv6.tso_support",
        PrefKind::Bool,
        "false",
        None,
        "Take an IPv6 Payload Length of 0 for TCP segmentation offload (the payload is what the frame holds), not an empty payload",
    ),
    pd(
        "ip.max_nesting",
        PrefKind::Nesting,
        "16",
        None,
        "Deepest nesting of IP-in-IP tunnels and ICMPv6 error payloads dissected (1-32)",
    ),
    pd(
        "nemo.mr_addresses",
        PrefKind::Ipv6List,
        "",
        None,
        "Mobile-router addresses for recognising RO Request/Acknowledgement (seed 000); also learned from NEMO BUs",
    ),
    pd(
        "mip6.keys_file",
        PrefKind::Path,
        "",
        None,
        "Keys file for verifying authenticators (Kcn, nonces, keygen tokens, Mobile IPv4 SPIs; README \"Keys\")",
    ),
    pd(
        "mip6.show_keys",
        PrefKind::Bool,
        "false",
        None,
        "Show the derived keys (mip6.bad.kbm, mip.ext.mcauth.krm) as generated fields",
    ),
    row(
        "mcoa.bid_option_type",
        crate::mh::seeds::mcoa::BI_DEF.code,
        "Mobility option type of the Binding Identifier (seed 002; IANA 35)",
    ),
    pd(
        "mcoa.layout",
        PrefKind::Choice(&["rfc5648", "draft03"]),
        "rfc5648",
        Some("draft03"),
        "Binding Identifier layout: RFC 5648 (H + BID-PRI, IPv4/IPv6 CoA) or draft-03 (C/O/H, IPv6 CoA)",
    ),
    row(
        "mcoa.ba_status.prohibited",
        crate::mh::seeds::mcoa::BaDraftStatus::Prohibited.value(),
        "BA status MCOA PROHIBITED (seed 002 §4.2.2)",
    ),
    row(
        "mcoa.ba_status.bulk_not_supported",
        crate::mh::seeds::mcoa::BaDraftStatus::BulkNotSupported.value(),
        "BA status MCOA BULK REGISTRATION NOT SUPPORTED (seed 002 §4.2.2)",
    ),
    row(
        "mcoa.ba_status.flag_conflicts",
        crate::mh::seeds::mcoa::BaDraftStatus::FlagConflicts.value(),
        "BA status MCOA FLAG CONFLICTS (seed 002 §4.2.2)",
    ),
    row("haaro.msg_hoti", crate::mip4::haaro::RrMsg::Hoti.iana(), "MIPv4 message type Home Test Init (seed 003; RFC 6521: 24)"),
    row(
        "haaro.msg_coti",
        crate::mip4::haaro::RrMsg::Coti.iana(),
        "MIPv4 message type Care-of Test Init (seed 003; RFC 6521: 25)",
    ),
    row("haaro.msg_hot", crate::mip4::haaro::RrMsg::Hot.iana(), "MIPv4 message type Home Test (seed 003; RFC 6521: 26)"),
    row("haaro.msg_cot", crate::mip4::haaro::RrMsg::Cot.iana(), "MIPv4 message type Care-of Test (seed 003; RFC 6521: 27)"),
    row(
        "haaro.ext_ropa",
        crate::mip4::haaro::ROPA_DRAFT.code,
        "MIPv4 extension: route-optimization prefix advertisement (seed 003 §4.1; RFC 6521 Route Optimization Data 50)",
    ),
    row(
        "haaro.ext_ropa_subtype",
        crate::mip4::haaro::RodSubType::PrefixAdvertisement.value(),
        "Sub-type of the prefix advertisement",
    ),
    row(
        "haaro.ext_rocap",
        crate::mip4::haaro::ROCAP_DRAFT.code,
        "MIPv4 extension: mobile-router RO capability (seed 003 §4.2; RFC 6521: 153)",
    ),
    row(
        "haaro.ext_rocap_subtype",
        crate::mip4::haaro::RocapSubType::Capability.value(),
        "Sub-type of the RO capability extension",
    ),
    row(
        "haaro.ext_mcauth",
        crate::mip4::haaro::MCAUTH_DRAFT.code,
        "MIPv4 extension: Mobile-Correspondent authentication, draft layout (seed 003 §4.7)",
    ),
    row("haaro.ext_coa", crate::mip4::haaro::COA_DRAFT.code, "MIPv4 extension: Care-of Address, draft layout (seed 003 §4.8)"),
    row("pmipro.mh_photi", crate::mh::seeds::pmipro::PHOTI.code, "MH type Proxy Home Test Init (seed 004 §8.2)"),
    row("pmipro.mh_phot", crate::mh::seeds::pmipro::PHOT.code, "MH type Proxy Home Test (seed 004 §8.1)"),
    row(
        "pmipro.opt_handover_hkt",
        crate::mh::seeds::pmipro::HHKT_DEF.code,
        "Mobility option type Handover Home Keygen Token (seed 004 §8.3)",
    ),
];

/// Where a preference's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The active profile's default.
    Default,
    /// A profile file (its path).
    File(String),
    /// `-o key=value` or the API.
    CommandLine,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File(p) => write!(f, "file {p}"),
            Source::CommandLine => f.write_str("-o"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrefError(pub String);

impl fmt::Display for PrefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PrefError {}

/// The active preference values, parsed once so dissectors read plain fields.
#[derive(Debug, Clone)]
pub struct Prefs {
    pub profile: Profile,
    pub verify_checksum: bool,
    pub pmip6_udp_port: u16,
    pub mip4_udp_port: u16,
    pub max_nesting: u8,
    pub ip_defragment: bool,
    pub ipv6_defragment: bool,
    /// `ipv6.tso_support` (Wireshark's): a Payload Length of 0 with no Jumbo Payload option is a
    /// sender's capture of what its interface segments, the payload being the frame's rest.
    pub ipv6_tso_support: bool,
    pub nemo_mr_addresses: Vec<[u8; 16]>,
    /// Keys for verification (`mip6.keys_file`), shared by every clone.
    pub keys: std::sync::Arc<crate::crypto::keys::Keys>,
    /// Whether derived keys are shown (`mip6.show_keys`).
    pub show_keys: bool,
    pub mcoa_bid_option_type: u8,
    pub mcoa_layout: BidLayout,
    pub mcoa_status_prohibited: u8,
    pub mcoa_status_bulk_not_supported: u8,
    pub mcoa_status_flag_conflicts: u8,
    pub haaro_msg_hoti: u8,
    pub haaro_msg_coti: u8,
    pub haaro_msg_hot: u8,
    pub haaro_msg_cot: u8,
    pub haaro_ext_ropa: u8,
    pub haaro_ext_ropa_subtype: u8,
    pub haaro_ext_rocap: u8,
    pub haaro_ext_rocap_subtype: u8,
    pub haaro_ext_mcauth: u8,
    pub haaro_ext_coa: u8,
    pub pmipro_mh_photi: u8,
    pub pmipro_mh_phot: u8,
    pub pmipro_opt_handover_hkt: u8,
    /// Text and source of every key, in [`PREFS`] order.
    values: Vec<(String, Source)>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs::with_profile(Profile::Rfc)
    }
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" | "on" => Some(true),
        "false" | "no" | "0" | "off" => Some(false),
        _ => None,
    }
}

impl Prefs {
    /// Every preference at the given profile's defaults.
    pub fn with_profile(profile: Profile) -> Self {
        // Every value below is a placeholder: the loop sets each from its row of PREFS (the one
        // place a default is written, or read from the protocol row that declares it).
        let mut p = Prefs {
            profile,
            verify_checksum: false,
            pmip6_udp_port: 0,
            mip4_udp_port: 0,
            max_nesting: 0,
            ip_defragment: false,
            ipv6_defragment: false,
            ipv6_tso_support: false,
            nemo_mr_addresses: Vec::new(),
            keys: Default::default(),
            show_keys: false,
            mcoa_bid_option_type: 0,
            mcoa_layout: BidLayout::Rfc5648,
            mcoa_status_prohibited: 0,
            mcoa_status_bulk_not_supported: 0,
            mcoa_status_flag_conflicts: 0,
            haaro_msg_hoti: 0,
            haaro_msg_coti: 0,
            haaro_msg_hot: 0,
            haaro_msg_cot: 0,
            haaro_ext_ropa: 0,
            haaro_ext_ropa_subtype: 0,
            haaro_ext_rocap: 0,
            haaro_ext_rocap_subtype: 0,
            haaro_ext_mcauth: 0,
            haaro_ext_coa: 0,
            pmipro_mh_photi: 0,
            pmipro_mh_phot: 0,
            pmipro_opt_handover_hkt: 0,
            values: Vec::with_capacity(PREFS.len()),
        };
        for d in PREFS {
            let v = d.default_for(profile);
            // A unit test proves each default parses.
            let _ = p.store(d.key, &v);
            p.values.push((v.into_owned(), Source::Default));
        }
        p
    }

    /// Builds preferences from a profile name or profile file, then `key=value` settings.
    /// `profile` may be `rfc`, `draft`, or a path to a file of `key = value` lines (`#`
    /// comments) that may itself start from `profile = draft`.
    pub fn build(profile: Option<&str>, settings: &[String]) -> Result<Self, PrefError> {
        // A profile named with -o decides the base too; it is applied first.
        let from_o = settings.iter().rev().find_map(|kv| {
            let (k, v) = split_kv(kv)?;
            (k == "profile").then(|| v.to_string())
        });
        let mut p;
        match profile {
            None | Some("rfc") | Some("draft") => {
                let name = from_o.as_deref().or(profile).unwrap_or("rfc");
                p = Prefs::with_profile(parse_profile(name)?);
            }
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| PrefError(format!("profile file {path}: {e}")))?;
                let mut lines = Vec::new();
                for (n, line) in text.lines().enumerate() {
                    let line = line.split('#').next().unwrap_or("").trim();
                    if line.is_empty() {
                        continue;
                    }
                    let (k, v) = split_kv(line)
                        .ok_or_else(|| PrefError(format!("profile file {path} line {}: expected key = value", n + 1)))?;
                    lines.push((k.to_string(), v.to_string()));
                }
                let base = from_o
                    .or_else(|| lines.iter().find(|(k, _)| k == "profile").map(|(_, v)| v.clone()))
                    .unwrap_or_else(|| "rfc".into());
                p = Prefs::with_profile(parse_profile(&base)?);
                for (k, v) in lines.iter().filter(|(k, _)| k != "profile") {
                    p.set_from(k, v, Source::File(path.to_string()))
                        .map_err(|e| PrefError(format!("profile file {path}: {e}")))?;
                }
            }
        }
        for kv in settings {
            p.set(kv)?;
        }
        Ok(p)
    }

    /// Applies one `key=value` setting (the `-o` syntax).
    pub fn set(&mut self, kv: &str) -> Result<(), PrefError> {
        let (k, v) = split_kv(kv).ok_or_else(|| PrefError(format!("preference '{kv}' is not key=value")))?;
        if k == "profile" {
            let prof = parse_profile(v)?;
            if prof != self.profile {
                return Err(PrefError(format!("profile={v} must be given before other settings (use --profile {v})")));
            }
            self.record(k, v, Source::CommandLine);
            return Ok(());
        }
        self.set_from(k, v, Source::CommandLine)
    }

    fn set_from(&mut self, k: &str, v: &str, src: Source) -> Result<(), PrefError> {
        if k == "profile" {
            return Err(PrefError("profile can only be chosen once, first".into()));
        }
        self.store(k, v)?;
        self.record(k, v, src);
        Ok(())
    }

    fn record(&mut self, k: &str, v: &str, src: Source) {
        if let Some(i) = PREFS.iter().position(|d| d.key == k) {
            if let Some(slot) = self.values.get_mut(i) {
                *slot = (v.to_string(), src);
            }
        }
    }

    fn store(&mut self, k: &str, v: &str) -> Result<(), PrefError> {
        let def = PREFS
            .iter()
            .find(|d| d.key == k)
            .ok_or_else(|| PrefError(format!("unknown preference '{k}' (see `mipscope codepoints`)")))?;
        let bad = || PrefError(format!("invalid value '{v}' for preference '{k}'"));
        let u8v = || v.parse::<u8>().map_err(|_| bad());
        match def.kind {
            PrefKind::Bool => {
                parse_bool(v).ok_or_else(bad)?;
            }
            PrefKind::U8 => {
                u8v()?;
            }
            PrefKind::U16 => {
                v.parse::<u16>().map_err(|_| bad())?;
            }
            PrefKind::Nesting => {
                if !(1..=32).contains(&u8v()?) {
                    return Err(bad());
                }
            }
            PrefKind::Choice(c) => {
                if !c.contains(&v) {
                    return Err(PrefError(format!("invalid value '{v}' for preference '{k}' (one of: {})", c.join(", "))));
                }
            }
            PrefKind::Path => {}
            PrefKind::Ipv6List => {
                for a in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    a.parse::<std::net::Ipv6Addr>().map_err(|_| bad())?;
                }
            }
        }
        match k {
            "profile" => self.profile = parse_profile(v)?,
            "mip6.verify_checksum" => self.verify_checksum = parse_bool(v).ok_or_else(bad)?,
            "pmip6.udp_port" => self.pmip6_udp_port = v.parse().map_err(|_| bad())?,
            "mip4.udp_port" => self.mip4_udp_port = v.parse().map_err(|_| bad())?,
            "ip.max_nesting" => self.max_nesting = u8v()?,
            "ip.defragment" => self.ip_defragment = parse_bool(v).ok_or_else(bad)?,
            "ipv6.defragment" => self.ipv6_defragment = parse_bool(v).ok_or_else(bad)?,
            "ipv6.tso_support" => self.ipv6_tso_support = parse_bool(v).ok_or_else(bad)?,
            "nemo.mr_addresses" => {
                self.nemo_mr_addresses = v
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .filter_map(|a| a.parse::<std::net::Ipv6Addr>().ok().map(|x| x.octets()))
                    .collect()
            }
            "mip6.keys_file" => {
                let keys =
                    if v.is_empty() { Default::default() } else { crate::crypto::keys::Keys::load(v).map_err(PrefError)? };
                self.keys = std::sync::Arc::new(keys);
            }
            "mip6.show_keys" => self.show_keys = parse_bool(v).ok_or_else(bad)?,
            "mcoa.bid_option_type" => self.mcoa_bid_option_type = u8v()?,
            "mcoa.layout" => self.mcoa_layout = if v == "draft03" { BidLayout::Draft03 } else { BidLayout::Rfc5648 },
            "mcoa.ba_status.prohibited" => self.mcoa_status_prohibited = u8v()?,
            "mcoa.ba_status.bulk_not_supported" => self.mcoa_status_bulk_not_supported = u8v()?,
            "mcoa.ba_status.flag_conflicts" => self.mcoa_status_flag_conflicts = u8v()?,
            "haaro.msg_hoti" => self.haaro_msg_hoti = u8v()?,
            "haaro.msg_coti" => self.haaro_msg_coti = u8v()?,
            "haaro.msg_hot" => self.haaro_msg_hot = u8v()?,
            "haaro.msg_cot" => self.haaro_msg_cot = u8v()?,
            "haaro.ext_ropa" => self.haaro_ext_ropa = u8v()?,
            "haaro.ext_ropa_subtype" => self.haaro_ext_ropa_subtype = u8v()?,
            "haaro.ext_rocap" => self.haaro_ext_rocap = u8v()?,
            "haaro.ext_rocap_subtype" => self.haaro_ext_rocap_subtype = u8v()?,
            "haaro.ext_mcauth" => self.haaro_ext_mcauth = u8v()?,
            "haaro.ext_coa" => self.haaro_ext_coa = u8v()?,
            "pmipro.mh_photi" => self.pmipro_mh_photi = u8v()?,
            "pmipro.mh_phot" => self.pmipro_mh_phot = u8v()?,
            "pmipro.opt_handover_hkt" => self.pmipro_opt_handover_hkt = u8v()?,
            _ => return Err(PrefError(format!("unknown preference '{k}'"))),
        }
        Ok(())
    }

    /// Code-point preferences set to a number IANA gives another element, or to the number of
    /// another such preference, one line each: the draft's element then takes those frames (a
    /// Binding Update read as a Proxy Home Test Init). Said, not refused: an implementation may
    /// have used the number before IANA assigned it, and its capture is read as it meant.
    pub fn collisions(&self) -> Vec<String> {
        use crate::mh::opt::OptType;
        use crate::mh::MhType;
        use crate::mip4::MsgType;
        let mut out = Vec::new();
        let mut iana = |key: &str, v: u8, what: &str, name: Option<&str>| {
            if let Some(name) = name {
                out.push(format!("{key}={v} is IANA's {what} {v} ({name}): such frames are read as the draft's element"));
            }
        };
        let mh = [("pmipro.mh_photi", self.pmipro_mh_photi), ("pmipro.mh_phot", self.pmipro_mh_phot)];
        for (k, v) in mh {
            iana(k, v, "MH type", MhType::from(v).name());
        }
        // The Binding Identifier's own number is IANA's (35): not a collision.
        let opts = [
            ("mcoa.bid_option_type", self.mcoa_bid_option_type, Some(OptType::BindingIdentifier)),
            ("pmipro.opt_handover_hkt", self.pmipro_opt_handover_hkt, None),
        ];
        for (k, v, own) in opts {
            let t = OptType::from(v);
            iana(k, v, "mobility option type", t.name().filter(|_| Some(t) != own));
        }
        // RFC 6521 numbers the same four messages 24-27: each its own.
        let m4 = [
            ("haaro.msg_hoti", self.haaro_msg_hoti, MsgType::HomeTestInitMessage),
            ("haaro.msg_coti", self.haaro_msg_coti, MsgType::CareOfTestInitMessage),
            ("haaro.msg_hot", self.haaro_msg_hot, MsgType::HomeTestMessage),
            ("haaro.msg_cot", self.haaro_msg_cot, MsgType::CareOfTestMessage),
        ];
        for (k, v, own) in m4 {
            let t = MsgType::from(v);
            iana(k, v, "Mobile IPv4 message type", t.name().filter(|_| t != own));
        }
        let opts: Vec<(&str, u8)> = opts.iter().map(|&(k, v, _)| (k, v)).collect();
        let m4: Vec<(&str, u8)> = m4.iter().map(|&(k, v, _)| (k, v)).collect();
        for g in [&mh[..], &opts, &m4] {
            for (i, (a, va)) in g.iter().enumerate() {
                if let Some((b, _)) = g[i + 1..].iter().find(|(_, vb)| vb == va) {
                    out.push(format!("{a} and {b} are both {va}: one number for two elements"));
                }
            }
        }
        out
    }

    /// Current value of a preference as text.
    pub fn get(&self, key: &str) -> Option<&str> {
        PREFS.iter().position(|d| d.key == key).and_then(|i| self.values.get(i)).map(|(v, _)| v.as_str())
    }

    pub fn source(&self, key: &str) -> Option<&Source> {
        PREFS.iter().position(|d| d.key == key).and_then(|i| self.values.get(i)).map(|(_, s)| s)
    }
}

fn split_kv(kv: &str) -> Option<(&str, &str)> {
    let (k, v) = kv.split_once('=').or_else(|| kv.split_once(':'))?;
    Some((k.trim(), v.trim()))
}

fn parse_profile(v: &str) -> Result<Profile, PrefError> {
    match v {
        "rfc" => Ok(Profile::Rfc),
        "draft" => Ok(Profile::Draft),
        _ => Err(PrefError(format!("unknown profile '{v}' (rfc or draft, or a profile file)"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A code point moved onto IANA's number for another element is said (before, `-o
    /// pmipro.mh_photi=5` silently read every Binding Update as a Proxy Home Test Init); the
    /// defaults, the Binding Identifier at its own 35 and HAaRO at RFC 6521's 24-27 are not.
    #[test]
    fn colliding_code_points_are_said() {
        for profile in [None, Some("draft")] {
            assert_eq!(Prefs::build(profile, &[]).unwrap().collisions(), Vec::<String>::new());
        }
        let said = |set: &[&str]| {
            let set: Vec<String> = set.iter().map(|s| s.to_string()).collect();
            Prefs::build(Some("draft"), &set).unwrap().collisions()
        };
        assert_eq!(
            said(&["pmipro.mh_photi=5"]),
            ["pmipro.mh_photi=5 is IANA's MH type 5 (Binding Update): such frames are read as the draft's element"]
        );
        assert_eq!(said(&["mcoa.bid_option_type=35", "haaro.msg_hoti=24"]), Vec::<String>::new());
        assert!(said(&["mcoa.bid_option_type=3"])[0].contains("mobility option type 3 (Alternate Care-of Address)"));
        assert!(said(&["haaro.msg_cot=1"])[0].contains("Mobile IPv4 message type 1 (Registration Request)"));
        assert_eq!(
            said(&["pmipro.mh_photi=150", "pmipro.mh_phot=150"]),
            ["pmipro.mh_photi and pmipro.mh_phot are both 150: one number for two elements"]
        );
    }

    #[test]
    fn defaults_parse_and_round_trip_under_both_profiles() {
        for prof in [Profile::Rfc, Profile::Draft] {
            let p = Prefs::with_profile(prof);
            for d in PREFS {
                assert_eq!(p.get(d.key), Some(&*d.default_for(prof)), "{}", d.key);
                assert_eq!(p.source(d.key), Some(&Source::Default));
                let mut q = Prefs::with_profile(prof);
                q.store(d.key, &d.default_for(prof)).unwrap();
            }
        }
        assert_eq!(Prefs::with_profile(Profile::Draft).mcoa_layout, BidLayout::Draft03);
        assert_eq!(Prefs::default().mcoa_layout, BidLayout::Rfc5648);
    }

    /// The code points a protocol row declares are that row's, under both profiles: the
    /// preference reads its default from the row (one place), and the dissector finds the row
    /// at that number. The numbers themselves are profiles.md's, written out here to check.
    #[test]
    fn code_point_defaults_are_their_rows() {
        use crate::mh::msg::binding::BaStatus;
        use crate::mh::seeds::mcoa::BaDraftStatus;
        use crate::mh::seeds::{self, mcoa, pmipro};
        use crate::mip4::haaro::{self, RrMsg};
        for prof in [Profile::Rfc, Profile::Draft] {
            let p = Prefs::with_profile(prof);
            assert_eq!(p.mcoa_bid_option_type, mcoa::BI_DEF.code);
            assert_eq!(p.pmipro_opt_handover_hkt, pmipro::HHKT_DEF.code);
            assert_eq!((p.pmipro_mh_photi, p.pmipro_mh_phot), (pmipro::PHOTI.code, pmipro::PHOT.code));
            let msgs = [RrMsg::Hoti, RrMsg::Coti, RrMsg::Hot, RrMsg::Cot];
            assert_eq!(msgs.map(|m| m.number(&p)), msgs.map(RrMsg::iana));
            assert_eq!(
                [p.haaro_ext_ropa, p.haaro_ext_rocap, p.haaro_ext_mcauth, p.haaro_ext_coa],
                [haaro::ROPA_DRAFT.code, haaro::ROCAP_DRAFT.code, haaro::MCAUTH_DRAFT.code, haaro::COA_DRAFT.code]
            );
            assert!(std::ptr::eq(seeds::lookup_opt(p.mcoa_bid_option_type, &p).unwrap(), &mcoa::BI_DEF));
            assert!(std::ptr::eq(seeds::lookup_opt(p.pmipro_opt_handover_hkt, &p).unwrap(), &pmipro::HHKT_DEF));
            assert!(std::ptr::eq(seeds::lookup_msg(p.pmipro_mh_photi, &p).unwrap(), &pmipro::PHOTI));
            assert!(std::ptr::eq(seeds::lookup_msg(p.pmipro_mh_phot, &p).unwrap(), &pmipro::PHOT));
            for m in msgs {
                assert_eq!(RrMsg::of(&p, m.iana()), Some(m));
            }
            assert_eq!(
                (p.mcoa_bid_option_type, p.pmipro_mh_photi, p.pmipro_mh_phot, p.pmipro_opt_handover_hkt),
                (35, 200, 201, 200)
            );
            assert_eq!([p.haaro_msg_hoti, p.haaro_msg_coti, p.haaro_msg_hot, p.haaro_msg_cot], [24, 25, 26, 27]);
            assert_eq!([p.haaro_ext_ropa, p.haaro_ext_rocap, p.haaro_ext_mcauth, p.haaro_ext_coa], [50, 153, 120, 121]);
            // The draft's BA statuses (seed 002 §4.2.2), named by their rows.
            let st = [p.mcoa_status_prohibited, p.mcoa_status_bulk_not_supported, p.mcoa_status_flag_conflicts];
            let draft = [BaDraftStatus::Prohibited, BaDraftStatus::BulkNotSupported, BaDraftStatus::FlagConflicts];
            assert_eq!(st, draft.map(BaDraftStatus::value));
            assert_eq!(st.map(|n| BaDraftStatus::from(n).name()), draft.map(BaDraftStatus::name));
            assert_eq!(st, [166, 168, 164]);
            // profiles.md's numbers are RFC 5648's for the first two; its 164 is MCOA MALFORMED.
            assert_eq!(
                st.map(BaStatus::from),
                [BaStatus::McoaProhibited, BaStatus::McoaBulkRegistrationProhibited, BaStatus::McoaMalformed]
            );
            // The HAaRO sub-types: RFC 6521's, which the draft's extensions keep.
            assert_eq!(p.haaro_ext_ropa_subtype, haaro::RodSubType::PrefixAdvertisement.value());
            assert_eq!(p.haaro_ext_rocap_subtype, haaro::RocapSubType::Capability.value());
            assert_eq!((p.haaro_ext_ropa_subtype, p.haaro_ext_rocap_subtype), (1, 1));
            // The UDP ports: their elements' (RFC 5844's IANA port, RFC 5944's).
            assert_eq!((p.pmip6_udp_port, p.mip4_udp_port), (crate::mh::UDP_PORT, crate::mip4::UDP_PORT));
            assert_eq!((p.pmip6_udp_port, p.mip4_udp_port), (5436, 434));
            assert_eq!(crate::Next::of_udp_ports(40000, crate::mh::UDP_PORT, &p), crate::Next::MhOverUdp);
            assert_eq!(crate::Next::of_udp_ports(crate::mip4::UDP_PORT, 40000, &p), crate::Next::Mip4);
        }
        // Every row-owned default is a row's number, shown as text by `codepoints`.
        let rows: Vec<_> = PREFS.iter().filter(|d| matches!(d.rfc, PrefDefault::Row(_))).map(|d| d.key).collect();
        assert_eq!(rows.len(), 19, "{rows:?}");
        // No code point or port is written as text: every U8/U16 default is a row's.
        let text: Vec<_> = PREFS
            .iter()
            .filter(|d| matches!(d.kind, PrefKind::U8 | PrefKind::U16) && matches!(d.rfc, PrefDefault::Text(_)))
            .map(|d| d.key)
            .collect();
        assert!(text.is_empty(), "{text:?}");
    }

    #[test]
    fn unknown_and_bad_values_are_errors() {
        let mut p = Prefs::default();
        assert!(p.set("no.such=1").is_err());
        assert!(p.set("pmip6.udp_port=70000").is_err());
        assert!(p.set("ip.max_nesting=0").is_err());
        assert!(p.set("mcoa.layout=bogus").is_err());
        assert!(p.set("nemo.mr_addresses=2001:db8::1,zzz").is_err());
        assert!(p.set("justakey").is_err());
        p.set("pmip6.udp_port=6000").unwrap();
        assert_eq!(p.pmip6_udp_port, 6000);
        assert_eq!(p.source("pmip6.udp_port"), Some(&Source::CommandLine));
        p.set("nemo.mr_addresses=2001:db8::1, 2001:db8::2").unwrap();
        assert_eq!(p.nemo_mr_addresses.len(), 2);
    }

    #[test]
    fn profile_then_file_then_command_line() {
        let f = std::env::temp_dir().join(format!("mipscope-prefs-{}-lab.profile", std::process::id()));
        std::fs::write(&f, "# lab\nprofile = draft\npmipro.mh_photi = 150\nmcoa.bid_option_type=7\n").unwrap();
        let path = f.to_str().unwrap();
        let p = Prefs::build(Some(path), &["mcoa.bid_option_type=9".into()]).unwrap();
        assert_eq!(p.profile, Profile::Draft);
        assert_eq!(p.mcoa_layout, BidLayout::Draft03);
        assert_eq!(p.pmipro_mh_photi, 150);
        assert_eq!(p.source("pmipro.mh_photi"), Some(&Source::File(path.into())));
        assert_eq!(p.mcoa_bid_option_type, 9);
        assert_eq!(p.source("mcoa.bid_option_type"), Some(&Source::CommandLine));
        let p = Prefs::build(None, &["profile=draft".into(), "mcoa.layout=rfc5648".into()]).unwrap();
        assert_eq!((p.profile, p.mcoa_layout), (Profile::Draft, BidLayout::Rfc5648));
        assert!(Prefs::build(Some("nonsense-profile"), &[]).is_err());
        std::fs::write(&f, "no equals sign\n").unwrap();
        assert!(Prefs::build(Some(path), &[]).is_err());
        std::fs::remove_file(&f).ok();
    }
}
