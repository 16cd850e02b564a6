//! The conformance rule catalogue: every rule mipscope checks on the wire, one row each.
//!
//! A row gives the rule's stable id (`check.<area>.<rule>`, also the name of its expert item,
//! so `-Y 'check.mcoa.bid_flags_differ'` selects it and `mipscope fields` lists it), its level
//! (RFC 2119's MUST, MUST NOT, SHOULD, SHOULD NOT), the citation (the document's name as its
//! header gives it and the section, as `../shared/spec/profiles.md` asks), the statement it
//! checks, and the expert item's severity and message. `mipscope check` reports from the same
//! rows. The checks themselves run in the analysis pass, one module per document
//! ([`super::mcoa`], [`super::nemo_ro`], [`super::pmipro`], [`super::haaro`], [`super::reflector`],
//! [`super::rfc5944`], [`super::rfc6275`], [`super::rfc5213`]); a row exists only with its check and its passing and failing tests.

use crate::expert::{ExpertDef, Group, Severity};

/// RFC 2119 requirement level of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Must,
    MustNot,
    Should,
    ShouldNot,
}

impl Level {
    pub const fn name(self) -> &'static str {
        match self {
            Level::Must => "MUST",
            Level::MustNot => "MUST NOT",
            Level::Should => "SHOULD",
            Level::ShouldNot => "SHOULD NOT",
        }
    }
    /// A failure of a MUST or MUST NOT rule makes `mipscope check` exit 1.
    pub const fn is_absolute(self) -> bool {
        matches!(self, Level::Must | Level::MustNot)
    }
}

/// One rule of the catalogue.
#[derive(Debug)]
pub struct Rule {
    /// The expert item a violation raises; its field name is the rule id.
    pub expert: ExpertDef,
    pub level: Level,
    /// Document and section, e.g. `RFC 6275 §6.2.7`.
    pub citation: &'static str,
    /// The statement checked, in the document's words where they are short enough.
    pub text: &'static str,
    /// Whether a violation involves the request an answer belongs to (its frame is reported).
    pub pair: bool,
}

impl Rule {
    pub fn id(&self) -> &'static str {
        self.expert.abbrev()
    }
}

macro_rules! rules {
    ($( $(#[$m:meta])* $name:ident = $id:literal, $level:ident, $sev:ident, $pair:literal, $cite:literal,
        $summary:literal, $text:literal; )*) => {
        $( $(#[$m])*
        pub static $name: Rule = Rule {
            expert: ExpertDef::new($id, Group::Protocol, Severity::$sev, $summary),
            level: Level::$level,
            citation: $cite,
            text: $text,
            pair: $pair,
        }; )*
        /// The catalogue, in `--list-rules` order.
        pub static RULES: &[&Rule] = &[$(&$name),*];
        /// The rules' expert items (for the registry).
        pub static EXPERTS: &[&ExpertDef] = &[$(&$name.expert),*];
    };
}

rules! {
    // Seed 002: draft-ietf-monami6-multiplecoa-03.
    MCOA_BID_C_FLAG_LENGTH = "check.mcoa.bid_c_flag_length", Must, Note, false,
        "draft-ietf-monami6-multiplecoa-03 §4.2.1",
        "Binding Unique Identifier C flag and Length disagree",
        "Length value MUST be 4 when C flag is unset; if C flag is set, Length value MUST be set to 20.";
    MCOA_BID_ZERO = "check.mcoa.bid_zero", MustNot, Warn, false,
        "draft-ietf-monami6-multiplecoa-03 §5.1",
        "Binding Unique Identifier uses BID 0",
        "A zero value and negative values MUST NOT be taken as a BID.";
    MCOA_BID_FLAGS_DIFFER = "check.mcoa.bid_flags_differ", Must, Warn, false,
        "draft-ietf-monami6-multiplecoa-03 §5.4",
        "Binding Unique Identifier options of one message carry different flags",
        "When multiple Binding Unique Identifier sub-options are presented, the flag field of all the sub-options MUST have the same value.";
    MCOA_COTI_C_O_FLAG = "check.mcoa.coti_c_o_flag", MustNot, Warn, false,
        "draft-ietf-monami6-multiplecoa-03 §5.2",
        "Binding Unique Identifier in a Care-of Test Init has the C or O flag set",
        "A mobile node including a Binding Unique Identifier sub-option in a Care-of Test Init MUST NOT set the C and O flag in the sub-option.";
    MCOA_CN_BU_C_FLAG = "check.mcoa.cn_bu_c_flag", MustNot, Warn, false,
        "draft-ietf-monami6-multiplecoa-03 §5.3",
        "Binding Unique Identifier with the C flag in a Binding Update to a correspondent node",
        "In a Binding Update registering bindings to a correspondent node, the Mobile Node MUST NOT set the C flag in the Binding Unique Identifier sub-option.";
    MCOA_BA_BIDS_NOT_COPIED = "check.mcoa.ba_bids_not_copied", Must, Warn, true,
        "draft-ietf-monami6-multiplecoa-03 §4.2.2",
        "Binding Acknowledgement does not carry the Binding Unique Identifiers of its Binding Update",
        "The receiver of a Binding Update with Binding Unique Identifier sub-options MUST include the same Binding Unique Identifier sub-option(s) in the Binding Acknowledgment.";
    // Seed 000: draft-huang-nemo-mn-ro-00.
    NEMO_RO_BRR_H_WITHOUT_M = "check.nemo_ro.brr_h_without_m", Must, Warn, false,
        "draft-huang-nemo-mn-ro-00 §4.1.3",
        "BRR H flag set without M (draft-huang-nemo-mn-ro-00 §4.1.3: when H is set, M MUST be set)",
        "In a Binding Refresh Request, when the H flag is set, the M flag MUST be set.";
    NEMO_RO_BRR_H_WITHOUT_ACOA = "check.nemo_ro.brr_h_without_acoa", Must, Warn, false,
        "draft-huang-nemo-mn-ro-00 §4.1.3",
        "BRR H flag set without an Alternate Care-of Address option carrying the new VCoA (draft-huang-nemo-mn-ro-00 §4.1.3)",
        "A Binding Refresh Request with the H flag set MUST carry the new VCoA in an Alternate Care-of Address option.";
    NEMO_RO_ACK_WITHOUT_ACOA = "check.nemo_ro.ack_without_acoa", Must, Warn, false,
        "draft-huang-nemo-mn-ro-00 §4.1.2",
        "BA from a mobile router accepting a BU with HAO lacks the Alternate Care-of Address option (draft-huang-nemo-mn-ro-00 §4.1.2)",
        "An RO Acknowledgement (a Binding Acknowledgement from the mobile router accepting a visiting node's RO Request) MUST carry the VCoA in an Alternate Care-of Address option.";
    // Seed 004: draft-qin-mipshop-pmipro-00.
    PMIPRO_HHKT_NOT_IN_BA = "check.pmipro.hhkt_not_in_ba", Must, Note, false,
        "draft-qin-mipshop-pmipro-00 §8.3",
        "Handover Home Keygen Token option outside a (proxy) Binding Acknowledgement (draft-qin-mipshop-pmipro-00 §8.3)",
        "The Handover Home Keygen Token option is carried in a (proxy) Binding Acknowledgement.";
    PMIPRO_HAO = "check.pmipro.hao_present", MustNot, Warn, false,
        "draft-qin-mipshop-pmipro-00 §7",
        "Proxy Home Test Init with a Home Address option",
        "A Proxy Home Test Init MUST NOT include a Home Address destination option (early and complete proxy BUs are recognised by having none).";
    PMIPRO_PBU_IPV4_HOA = "check.pmipro.pbu_ipv4_hoa", MustNot, Warn, false,
        "draft-qin-mipshop-pmipro-00 §6",
        "Early / complete proxy Binding Update with an IPv4 Home Address option",
        "The PMA MUST NOT include the IPv4 home address option in proxy binding updates sent for route optimization.";
    // RFC 6275.
    RFC6275_BAD_NOT_LAST = "check.rfc6275.bad_not_last", Must, Warn, false,
        "RFC 6275 §6.2.7",
        "Binding Authorization Data option is not the last mobility option",
        "The Binding Authorization Data option, if present, MUST be the last option.";
    RFC6275_NONCE_WITHOUT_BAD = "check.rfc6275.nonce_without_bad", Must, Warn, false,
        "RFC 6275 §6.2.6",
        "Nonce Indices option without a Binding Authorization Data option",
        "The Nonce Indices option is valid only when present together with a Binding Authorization Data option.";
    RFC6275_HOME_BU_WITHOUT_A = "check.rfc6275.home_bu_without_a", Must, Warn, false,
        "RFC 6275 §11.7.1",
        "Home registration Binding Update without the A flag",
        "In a Binding Update to the home agent (H set), the Acknowledge (A) bit MUST be set.";
    RFC6275_CN_BU_WITHOUT_AUTH = "check.rfc6275.cn_bu_without_auth", Must, Warn, false,
        "RFC 6275 §9.5.1",
        "Correspondent registration Binding Update without Nonce Indices and Binding Authorization Data options",
        "A Binding Update that is not a home registration (H clear) MUST include a Nonce Indices option and a Binding Authorization Data option.";
    RFC6275_BRA_NOT_IN_BA = "check.rfc6275.bra_not_in_ba", Must, Warn, false,
        "RFC 6275 §6.2.4",
        "Binding Refresh Advice option outside a Binding Acknowledgement",
        "The Binding Refresh Advice option is valid only in the Binding Acknowledgement.";
    // Seed 003: draft-makela-mip4-nemo-haaro-00 (the extension rules read the draft's layouts;
    // the registration rules hold in either profile).
    HAARO_ROPA_X_SET = "check.haaro.ropa_x_set", Must, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §4.1",
        "Route optimization prefix advertisement with the reserved x bit set",
        "x: MUST be set to zero. Ignored on reception. Reserved for future use.";
    HAARO_ROPA_H_WITH_PREFIX = "check.haaro.ropa_h_with_prefix", Must, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §4.1",
        "Prefix advertisement: H is set (host route only) but a Prefix follows the Mobile Router HoA (seed 003 §4.1: no mobile networks are included)",
        "H: Host route only. If this bit is set, the route optimization is advertised only to the Mobile Router itself. No mobile networks are included.";
    HAARO_ROPA_H_NOT_ONLY = "check.haaro.ropa_h_not_only", Must, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §4.1",
        "Prefix advertisement with H set is not the only prefix advertisement in the packet",
        "H (host route only) also indicates that this is the only Route optimization prefix advertisement extension in the packet.";
    HAARO_ROCAP_S_WITHOUT_HOA = "check.haaro.rocap_s_without_hoa", Must, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §4.2",
        "S flag set but no Mobile Router HoA (seed 003 §4.2)",
        "S: Solicitating prefixes managed by specific Mobile Router. The Mobile Router is specified in the Optional Mobile Router HoA field.";
    HAARO_MC_RRQ_WITHOUT_MNP = "check.haaro.mc_rrq_without_mnp", Must, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §3.3.3",
        "Registration Request to a correspondent router (Mobile-Correspondent authentication) without a Mobile Network Request extension",
        "The registration request MUST include Mobile-Correspondent Authentication extension defined in Section 4.7 and Mobile Network Request Extension defined in [I-D.ietf-mip4-nemo-v4-base].";
    HAARO_MC_RRQ_WITHOUT_HOA = "check.haaro.mc_rrq_without_hoa", Must, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §3.3.3",
        "Registration Request to a correspondent router (Mobile-Correspondent authentication) with Home Address 0.0.0.0",
        "The registration request MUST include Home Address.";
    HAARO_ROPA_IN_REQUEST = "check.haaro.ropa_in_request", Must, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §4.1",
        "Route optimization prefix advertisement in a Registration Request",
        "This non-skippable extension MAY be sent by a Home Agent to a Mobile Router in the registration reply message. The extension is only included when explicitly requested by the Mobile Router in the registration request message.";
    HAARO_ROCAP_IN_REPLY = "check.haaro.rocap_in_reply", Must, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §4.2",
        "Mobile Router route optimization capability in a Registration Reply",
        "This skippable extension MAY be sent by a Mobile Router to a Home Agent in the registration request message.";
    HAARO_COA_IN_REQUEST = "check.haaro.coa_in_request", Must, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §4.8",
        "Care-of Address extension in a Registration Request",
        "The Care-of Address extension is added to a registration reply sent by the Correspondent Router to inform the Mobile Router of the upcoming tunnel endpoint.";
    HAARO_ROPA_NOT_REQUESTED = "check.haaro.ropa_not_requested", Must, Warn, true,
        "draft-makela-mip4-nemo-haaro-00 §4.1",
        "Registration Reply with a route optimization prefix advertisement its request did not ask for",
        "The extension is only included when explicitly requested by the Mobile Router in the registration request message (the Mobile Router route optimization capability extension with R, or S, set: §4.2).";
    HAARO_CR_RRQ_WITHOUT_MCAUTH = "check.haaro.cr_rrq_without_mcauth", Must, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §3.3.3",
        "Registration Request to a correspondent router without a Mobile-Correspondent Authentication extension",
        "After the return routability procedure, a registration request the Mobile Router sends to the Correspondent Router MUST include the Mobile-Correspondent Authentication extension (a request from the care-of address the correspondent router sent a Care-of Test to, to that router).";
    // Seed 001: draft-cui-netext-route-optimization-agent-ext-00.
    REFLECTOR_RH2_ON_ND = "check.reflector.rh2_on_nd", MustNot, Warn, false,
        "draft-cui-netext-route-optimization-agent-ext-00 §4.1.2",
        "Type 2 routing header on a Neighbor Discovery packet",
        "The MAG MAY use a type 2 routing header to route the packet to the destination node by way of its care-of address. However, the MAG MUST NOT do this ... when forwarding an IPv6 Neighbor Discovery packet.";
    // RFC 5944 (Mobile IPv4 registration).
    RFC5944_RRQ_WITHOUT_MN_HA = "check.rfc5944.rrq_without_mn_ha", Must, Warn, false,
        "RFC 5944 §3.5.2",
        "Registration Request without exactly one Mobile-Home Authentication extension",
        "Exactly one Mobile-Home Authentication Extension MUST be present in all Registration Requests (unless another authorization-enabling extension stands in for it: RFC 4721's Mobile-AAA, seed 003's Mobile-Correspondent authentication).";
    RFC5944_RRP_WITHOUT_MN_HA = "check.rfc5944.rrp_without_mn_ha", Must, Warn, true,
        "RFC 5944 §3.5.2",
        "Registration Reply without exactly one Mobile-Home Authentication extension",
        "Exactly one Mobile-Home Authentication Extension MUST be present in all ... Registration Replies (judged on a reply to a request that carried one, unless a foreign agent's denial, codes 64-127, or a failed authentication, 131).";
    RFC5944_MN_FA_BEFORE_MN_HA = "check.rfc5944.mn_fa_before_mn_ha", Must, Warn, false,
        "RFC 5944 §3.6.1.3",
        "Mobile-Foreign Authentication extension before the Mobile-Home Authentication extension",
        "The extensions of a Registration Request MUST be ordered: the fixed portion, non-authentication extensions for the home agent, an authorization-enabling extension (Mobile-Home Authentication), non-authentication extensions for the foreign agent, then the Mobile-Foreign Authentication extension, if present.";
    RFC5944_RRQ_RESERVED = "check.rfc5944.rrq_reserved", Must, Note, false,
        "RFC 5944 §3.3",
        "Registration Request with the reserved r or x flag set",
        "r: Sent as zero; ignored on reception. x: Sent as zero; ignored on reception.";
    // RFC 5213.
    RFC5213_PBA_WITHOUT_P = "check.rfc5213.pba_without_p", Must, Warn, true,
        "RFC 5213 §8.2",
        "Acknowledgement of a Proxy Binding Update without the P flag",
        "The Binding Acknowledgement answering a Proxy Binding Update (P set) has the Proxy Registration flag (P) set.";
    RFC5213_PBU_WITHOUT_MNID = "check.rfc5213.pbu_without_mnid", Must, Warn, false,
        "RFC 5213 §5.3.1",
        "Proxy Binding Update without a Mobile Node Identifier option",
        "A Proxy Binding Update MUST carry the Mobile Node Identifier option (the LMA rejects one without it: MISSING_MN_IDENTIFIER_OPTION).";
    RFC5213_PBU_WITHOUT_HNP = "check.rfc5213.pbu_without_hnp", Must, Warn, false,
        "RFC 5213 §5.3.1",
        "Proxy Binding Update without a Home Network Prefix option",
        "A Proxy Binding Update MUST carry at least one Home Network Prefix option (the LMA rejects one without: MISSING_HOME_NETWORK_PREFIX_OPTION).";
    RFC5213_PBU_WITHOUT_HI = "check.rfc5213.pbu_without_hi", Must, Warn, false,
        "RFC 5213 §5.3.1",
        "Proxy Binding Update without a Handoff Indicator option",
        "A Proxy Binding Update MUST carry the Handoff Indicator option (the LMA rejects one without: MISSING_HANDOFF_INDICATOR_OPTION).";
    RFC5213_PBU_WITHOUT_ATT = "check.rfc5213.pbu_without_att", Must, Warn, false,
        "RFC 5213 §5.3.1",
        "Proxy Binding Update without an Access Technology Type option",
        "A Proxy Binding Update MUST carry the Access Technology Type option (the LMA rejects one without: MISSING_ACCESS_TECH_TYPE_OPTION).";
}

/// The rule whose expert item `def` is, if it is one.
pub fn of_expert(def: &ExpertDef) -> Option<&'static Rule> {
    if !def.abbrev().starts_with("check.") {
        return None;
    }
    RULES.iter().copied().find(|r| std::ptr::eq(&r.expert, def))
}
