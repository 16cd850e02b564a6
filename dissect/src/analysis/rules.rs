//! The conformance rule catalogue: every rule mipscope checks on the wire, one row each.
//!
//! A row gives the rule's stable id (`check.<area>.<rule>`, also the name of its expert item,
//! so `-Y 'check.mcoa.bid_flags_differ'` selects it and `mipscope fields` lists it), its level
//! (RFC 2119's MUST, MUST NOT, SHOULD, SHOULD NOT), the citation (the document's name as its
//! header gives it and the section, as `../shared/spec/profiles.md` asks), the statement it
//! checks, and the expert item's severity and message. `mipscope check` reports from the same
//! rows. The checks themselves run in the analysis pass, one module per document
//! ([`super::mcoa`], [`super::nemo_ro`], [`super::pmipro`], [`super::haaro`], [`super::reflector`],
//! [`super::rfc5944`], [`super::rfc6275`], [`super::rfc5213`]), except rules about one header's own
//! fields, which the parser reading that header checks (the IPv6 Home Address option and type 2
//! routing header, the Mobility Header's Payload Proto, Neighbor Discovery): they hold in packets
//! the analysis pass never sees. A row exists only with its check and its passing and failing tests.

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
        "Length value MUST be 4 when C flag is unset. On the other hand if C flag is set, Length value MUST be set to 20.";
    MCOA_BID_ZERO = "check.mcoa.bid_zero", MustNot, Warn, false,
        "draft-ietf-monami6-multiplecoa-03 §5.1",
        "Binding Unique Identifier uses BID 0",
        "Zero and negative values MUST NOT be taken as a BID.";
    MCOA_BID_FLAGS_DIFFER = "check.mcoa.bid_flags_differ", Must, Warn, false,
        "draft-ietf-monami6-multiplecoa-03 §5.4",
        "Binding Unique Identifier options of one message carry different flags",
        "When multiple Binding Unique Identifier sub-options are presented, the flag field of all the sub-options MUST have the same value.";
    MCOA_COTI_C_O_FLAG = "check.mcoa.coti_c_o_flag", MustNot, Warn, false,
        "draft-ietf-monami6-multiplecoa-03 §5.2",
        "Binding Unique Identifier in a Care-of Test Init has the C or O flag set",
        "If the Mobile Node manages bindings with BID, it MUST include a Binding Unique Identifier sub-option in a Care-of Test Init message. It MUST NOT set the C and O flag in the sub-option.";
    MCOA_CN_BU_C_FLAG = "check.mcoa.cn_bu_c_flag", MustNot, Warn, false,
        "draft-ietf-monami6-multiplecoa-03 §5.3",
        "Binding Unique Identifier with the C flag in a Binding Update to a correspondent node",
        "If a mobile node registers bindings to a correspondent node, [...] The Mobile Node MUST NOT set the C flag in the Binding Unique Identifier sub-option.";
    MCOA_BA_BIDS_NOT_COPIED = "check.mcoa.ba_bids_not_copied", Must, Warn, true,
        "draft-ietf-monami6-multiplecoa-03 §4.2.2",
        "Binding Acknowledgement does not carry the Binding Unique Identifiers of its Binding Update",
        "The receiver node MUST include the same Binding Unique Identifier sub-option(s) in the Binding Acknowledgment (§6.3: \"Whenever a Binding Acknowledgment is returned, all the Binding Unique Identifier sub-options stored in the Binding Update MUST be copied to the Binding Acknowledgment\").";
    MCOA_ACOA_WITH_C_FLAG = "check.mcoa.acoa_with_c_flag", ShouldNot, Note, false,
        "draft-ietf-monami6-multiplecoa-03 §5.7",
        "Alternate Care-of Address option in a Binding Update whose Binding Unique Identifier has the C flag",
        "If C flag is set in a Binding Unique Identifier sub-option, an Alternate Care-of Address sub-option SHOULD NOT be used.";
    MCOA_BA_BID_CONFLICT_STATUS = "check.mcoa.ba_bid_conflict_status", Must, Warn, false,
        "draft-ietf-monami6-multiplecoa-03 §6.3",
        "Binding Acknowledgement with a MCOA BID CONFLICT Binding Unique Identifier but a Status other than 0",
        "If the receiver has a regular binding which does not have BID for the mobile node, it de-registers the regular binding and registers a new binding including BID according to the Binding Update. In this case, the receiver MUST specify [MCOA BID CONFLICT] to the Binding Unique Identifier sub-option which is replied to the Mobile Node. The Status field of the replying Binding Acknowledgment MUST be set to [Binding Update ACCEPTED, 0].";
    MCOA_BA_BULK_BID_STATUS = "check.mcoa.ba_bulk_bid_status", Must, Warn, false,
        "draft-ietf-monami6-multiplecoa-03 §6.3",
        "Binding Acknowledgement MCOA BULK REGISTRATION NOT SUPPORTED with a Binding Unique Identifier status other than MCOA REASON UNSPECIFIED",
        "When C flag is set, the receiver MUST support the bulk registration. Otherwise, it MUST reject the Binding Update and returns all the received Binding Unique Identifier sub-option which status value is set to [MCOA REASON UNSPECIFIED]. The status field of the Binding Acknowledgment MUST be set to [MCOA BULK REGISTRATION NOT SUPPORTED].";
    MCOA_BA_FLAG_CONFLICTS_BID_STATUS = "check.mcoa.ba_flag_conflicts_bid_status", Must, Warn, false,
        "draft-ietf-monami6-multiplecoa-03 §6.3",
        "Binding Acknowledgement MCOA FLAG CONFLICTS with a Binding Unique Identifier status other than MCOA REASON UNSPECIFIED",
        "When either C or O flag is set, the flags field of all the Binding Unique Identifier sub-option stored in the same Binding Update MUST be equal. Otherwise, the receiver MUST reject the Binding Update and returns all the received Binding Unique Identifier sub-option which status value is set to [MCOA REASON UNSPECIFIED]. The status field of the Binding Acknowledgment MUST be set to [MCOA FLAG CONFLICTS].";
    MCOA_BA_ACCEPTS_REFUSED_BU = "check.mcoa.ba_accepts_refused_bu", Must, Warn, true,
        "draft-ietf-monami6-multiplecoa-03 §6.3",
        "Binding Acknowledgement accepts a Binding Update whose Binding Unique Identifiers must be refused",
        "The length value MUST be either 4 or 20 depending on C flag. If the length is incorrect, the receiver MUST rejects the Binding Update [...] When either C or O flag is set, the flags field of all the Binding Unique Identifier sub-option stored in the same Binding Update MUST be equal. Otherwise, the receiver MUST reject the Binding Update (with status 128 or MCOA FLAG CONFLICTS).";
    MCOA_BA_LENGTH_REFUSAL_STATUS = "check.mcoa.ba_length_refusal_status", Must, Warn, true,
        "draft-ietf-monami6-multiplecoa-03 §6.3",
        "Binding Acknowledgement refusing a Binding Unique Identifier Length without status 128 and MCOA INCOMPLIANT",
        "If the length is incorrect, the receiver MUST rejects the Binding Update and returns all the received Binding Unique Identifier sub-option which status value is set to [MCOA INCOMPLIANT]. The status field of the Binding Acknowledgment MUST be set to [REASON UNSPECIFIED, 128].";
    MCOA_COT_INCOMPLIANT_NOT_ZEROED = "check.mcoa.cot_incompliant_not_zeroed", Must, Warn, false,
        "draft-ietf-monami6-multiplecoa-03 §6.2",
        "Care-of Test refusing a Binding Unique Identifier (MCOA INCOMPLIANT) with fields not zero",
        "If C flag is set in the sub-option, the Correspondent Node SHOULD NOT calculate a care-of keygen token and MUST include a Binding Unique Identifier sub-option which status value set to [MCOA INCOMPLIANT] in the returned Care-of Test message. All the fields of the Care-of Test message MUST be set to zero (judged on a Care-of Test whose Binding Unique Identifier status is MCOA INCOMPLIANT).";
    MCOA_COT_C_FLAG_NOT_INCOMPLIANT = "check.mcoa.cot_c_flag_not_incompliant", Must, Warn, true,
        "draft-ietf-monami6-multiplecoa-03 §6.2",
        "Care-of Test answering a C-flagged Binding Unique Identifier without MCOA INCOMPLIANT",
        "If C flag is set in the sub-option, the Correspondent Node SHOULD NOT calculate a care-of keygen token and MUST include a Binding Unique Identifier sub-option which status value set to [MCOA INCOMPLIANT] in the returned Care-of Test message.";
    MCOA_COT_NOT_ACCEPTING = "check.mcoa.cot_not_accepting", Must, Warn, true,
        "draft-ietf-monami6-multiplecoa-03 §6.2",
        "Care-of Test answering a Binding Unique Identifier without the C flag with a status other than MCOA ACCEPTING BID",
        "Otherwise, the correspondent node MUST include a Binding Unique Identifier sub-option which status value MUST be set to [MCOA ACCEPTING BID] in the returning a Care-of Test message (otherwise: the CoTI's sub-option has no C flag; one with O set is processed the same way).";
    MCOA_COT_BIDS_NOT_COPIED = "check.mcoa.cot_bids_not_copied", Should, Note, true,
        "draft-ietf-monami6-multiplecoa-03 §6.2",
        "Care-of Test does not carry the Binding Unique Identifiers of its Care-of Test Init",
        "The Binding Unique Identifier sub-option SHOULD be copied from the received one except for the Status Field and the Care-of address Field (the C flag's bullet says the same: \"All the Binding Unique Identifier sub-options SHOULD be copied from the received one except for the Status Field and the Care-of Address field\").";
    MCOA_BULK_WITHOUT_C = "check.mcoa.bulk_without_c", Should, Warn, false,
        "draft-ietf-monami6-multiplecoa-03 §4.2.1",
        "Binding Update with several Binding Unique Identifiers (bulk registration), none with the C flag",
        "C flag: [...] This flag must be used whenever a mobile node sends multiple bindings in a single Binding Update, i.e. bulk registration (a lowercase \"must\", no RFC 2119 keyword: read as SHOULD, RFC 8174; judged on registering BUs: a de-registration's BIDs are §5.5's MUST, check.mcoa.dereg_all_without_c).";
    MCOA_DEREG_ALL_WITHOUT_C = "check.mcoa.dereg_all_without_c", Must, Warn, false,
        "draft-ietf-monami6-multiplecoa-03 §5.5",
        "De-registering Binding Update with several Binding Unique Identifiers, not all with the C flag",
        "when a mobile node decides to return home [...], it MUST de-register all the registered bindings. To do so, the mobile node stores multiple Binding Unique Identifier sub-options in a Binding Update which lifetime is set to zero or which source address is set to the Home Address. C flag MUST be specified in all the Binding Unique Identifier sub-options. (Judged on a BU without P carrying two or more draft-03 BIDs, with lifetime 0, or sent from the home address (no Home Address option) with no BID's H flag: §5.6's home binding registers. One BID is §5.5's particular binding, whose C flag MUST NOT be set, or the last binding of a node going home: not judged.)";
    MCOA_BRR_BID_NOT_IN_BU = "check.mcoa.brr_bid_not_in_bu", Must, Warn, true,
        "draft-ietf-monami6-multiplecoa-03 §5.9",
        "Binding Update answering a Binding Refresh Request with a Binding Unique Identifier does not carry that BID",
        "If a mobile node receives a Binding Refresh Request with a Binding Unique Identifier sub-option, this Binding Refresh Request requests a binding indicated by the BID. [...] The mobile node MUST put a Binding Unique Identifier sub-option into the Binding Update sent to refresh the entry.";
    MCOA_O_FLAG_NOT_HOME = "check.mcoa.o_flag_not_home", Should, Warn, false,
        "draft-ietf-monami6-multiplecoa-03 §4.2.1",
        "Binding Unique Identifier with the Overwrite (O) flag in a Binding Update that is not a home registration",
        "Overwrite (O) flag: When this flag is set, a mobile node requests a home agent to replace all the bindings to binding entries stored in a Binding Update. This flag is valid for Home Registration and Deregistration (no RFC 2119 keyword: read as SHOULD; judged on a Binding Update with neither H nor P set).";
    MCOA_H_FLAG_NOT_HOME = "check.mcoa.h_flag_not_home", Should, Warn, false,
        "draft-ietf-monami6-multiplecoa-03 §4.2.1",
        "Binding Unique Identifier with the Home Binding (H) flag in a Binding Update that is not a home registration",
        "Home Binding (H) flag: This flag indicates that the mobile node is attached to the home link. This flag is valid for Home Registration, Deregistration and bulk registration (no RFC 2119 keyword: read as SHOULD; judged on a Binding Update with neither H nor P set).";
    MCOA_ACOA_NOT_AFTER_BID = "check.mcoa.acoa_not_after_bid", Should, Note, false,
        "draft-ietf-monami6-multiplecoa-03 §5.7",
        "Alternate Care-of Address option before the Binding Unique Identifier, or more than one, in a Binding Update",
        "An Alternate care-of address sub-option can be presented only once in a Binding Update after a Binding Unique Identifier sub-option (no RFC 2119 keyword: read as SHOULD; judged on a Binding Update carrying draft-03 Binding Unique Identifiers).";
    MCOA_BA_FLAG_CONFLICTS_FLAGS_EQUAL = "check.mcoa.ba_flag_conflicts_flags_equal", Must, Warn, true,
        "draft-ietf-monami6-multiplecoa-03 §6.3",
        "Binding Acknowledgement with MCOA FLAG CONFLICTS answering a Binding Update whose Binding Unique Identifiers' flags are all equal",
        "When either C or O flag is set, the flags field of all the Binding Unique Identifier sub-option stored in the same Binding Update MUST be equal. Otherwise, the receiver MUST reject the Binding Update [...] The status field of the Binding Acknowledgment MUST be set to [MCOA FLAG CONFLICTS] (§5.8: it indicates that the different flag values are used; judged only when the BU's flags were all equal).";
    MCOA_BU_BID_AFTER_COT_WITHOUT_BID = "check.mcoa.bu_bid_after_cot_without_bid", MustNot, Warn, true,
        "draft-ietf-monami6-multiplecoa-03 §5.2",
        "Binding Update with a Binding Unique Identifier to a correspondent whose Care-of Test answered a CoTI's BID without one",
        "If a Binding Unique Identifier sub-option is not presented in CoT in reply to the CoTI containing the Binding Unique Identifier sub-option, a correspondent node does not support the Multiple Care-of Address registration. Thus, the mobile node MUST NOT use a Binding Unique Identifier sub-option in the Binding Update (judged on BUs from the tested care-of address to that correspondent, until a CoT with a BID answers).";
    MCOA_BU_BID_AFTER_PROHIBITED = "check.mcoa.bu_bid_after_prohibited", Must, Warn, true,
        "draft-ietf-monami6-multiplecoa-03 §5.8",
        "Registering Binding Update with a Binding Unique Identifier to a peer that answered MCOA PROHIBITED",
        "If the Status value of the Binding Acknowledgment is [MCOA PROHIBITED], the mobile node MUST give up registering multiple bindings to the peer sending the Binding Acknowledgment. It MUST return to the regular Mobile IPv6 [2] for the peer node (judged on later BUs with a lifetime from the same home address to that peer).";
    MCOA_DEREG_UNKNOWN_BID_ACCEPTED = "check.mcoa.dereg_unknown_bid_accepted", Must, Warn, true,
        "draft-ietf-monami6-multiplecoa-03 §6.3",
        "Binding Acknowledgement accepting a de-registration of a Binding Unique Identifier its sender had already deleted",
        "If the Lifetime field of the Binding Update is zero, the receiver node deletes the binding entry which BID is same as BID sent by the Binding Unique Identifier sub-option. If the receiver node does not have appropriate binding which BID is matched with the Binding Update, it MUST reject this de-registration Binding Update (judged on a BA, Status below 128, answering a de-registration whose every BID the same receiver deleted earlier in the capture, by an accepted de-registration or a regular binding replacing them, and no accepted registration brought back).";
    MCOA_DEREG_UNKNOWN_BID_STATUS = "check.mcoa.dereg_unknown_bid_status", Should, Note, true,
        "draft-ietf-monami6-multiplecoa-03 §6.3",
        "Home agent's Binding Acknowledgement refusing a de-registration of an unknown Binding Unique Identifier with a Status other than 133",
        "If the receiver node does not have appropriate binding which BID is matched with the Binding Update, it MUST reject this de-registration Binding Update. If the receiver is a Home Agent, it SHOULD also return a Binding Acknowledgment to the mobile node, in which the Status field is set to [not Home Agent for this mobile node, 133] (judged on a BA refusing a home de-registration whose every BID that home agent deleted earlier in the capture, unless the BIDs' Length or flags call for their own refusal).";
    MCOA_BRR_WITHOUT_BID = "check.mcoa.brr_without_bid", Should, Note, false,
        "draft-ietf-monami6-multiplecoa-03 §6.4",
        "Binding Refresh Request without a Binding Unique Identifier to a mobile node whose binding with a BID its sender accepted",
        "If the registered binding has BID, the correspondent node SHOULD contain a Binding Unique Identifier sub-option in the Binding Refresh Request (judged on a BRR from a correspondent node or home agent to a home address whose registration with a BID it accepted earlier in the capture and has not deleted since).";
    // Seed 000: draft-huang-nemo-mn-ro-00.
    NEMO_RO_BRR_H_WITHOUT_M = "check.nemo_ro.brr_h_without_m", Must, Warn, false,
        "draft-huang-nemo-mn-ro-00 §4.1.3",
        "BRR H flag set without M (draft-huang-nemo-mn-ro-00 §4.1.3: when H is set, M MUST be set)",
        "Handover of mobile route (H): The Handover of mobile route (H) bit is set by mobile router to indicate that handover has taken place on MR. When H bit is set, M bit MUST be set.";
    NEMO_RO_BRR_H_WITHOUT_ACOA = "check.nemo_ro.brr_h_without_acoa", Must, Warn, false,
        "draft-huang-nemo-mn-ro-00 §4.1.3",
        "BRR H flag set without an Alternate Care-of Address option carrying the new VCoA (draft-huang-nemo-mn-ro-00 §4.1.3)",
        "Alternate Care-of Address option which can be used to carry new VCoA MUST be included in the Mobility options (of the Binding Refresh Request; §5.8: the mobile router sends it \"with M flag and H flag set to 1\" after a handover, and \"The new VCoA MUST be included in Alternate Care-of Address option\"; judged on a Binding Refresh Request with H set).";
    NEMO_RO_ACK_WITHOUT_ACOA = "check.nemo_ro.ack_without_acoa", Must, Warn, false,
        "draft-huang-nemo-mn-ro-00 §4.1.2",
        "BA from a mobile router accepting a BU with HAO lacks the Alternate Care-of Address option (draft-huang-nemo-mn-ro-00 §4.1.2)",
        "Alternate Care-of Address option which carries VCoA MUST be included in the Mobility options (of the Route Optimization Acknowledgement: a Binding Acknowledgement from the mobile router accepting a visiting node's Route Optimization Request).";
    NEMO_RO_REQUEST_WITHOUT_HAO = "check.nemo_ro.ro_request_without_hao", Must, Warn, false,
        "draft-huang-nemo-mn-ro-00 §4.1.1",
        "Binding Update from a visiting node to its mobile router (RO Request) without a Home Address option",
        "Just like RFC3775, Home Address option in Destination Option extension header MUST be included in the message to provide MR of VMN's HoA (the Route Optimization Request: a Binding Update from a visiting node to its mobile router).";
    NEMO_RO_COTI_WITHOUT_HAO = "check.nemo_ro.coti_without_hao", Should, Note, false,
        "draft-huang-nemo-mn-ro-00 §4.2",
        "Care-of Test Init from a visiting node to its mobile router without a Home Address option",
        "Home Address option in Destination Option extension header SHOULD be added to CoTI message (checked on a CoTI a visiting node sends its mobile router, §5.5; RFC 6275 §6.1 forbids it elsewhere).";
    NEMO_RO_COT_WITHOUT_RH2 = "check.nemo_ro.cot_without_rh2", Should, Note, false,
        "draft-huang-nemo-mn-ro-00 §4.2",
        "Care-of Test from a mobile router to a visiting node without a type 2 routing header",
        "Type 2 routing header SHOULD be added to CoT messages (checked on a CoT a mobile router sends a visiting node, §5.5; a correspondent's CoT reaches the VCoA, an address only a profile key can name).";
    NEMO_RO_BRR_M_NOT_FROM_MR = "check.nemo_ro.brr_m_not_from_mr", Should, Warn, false,
        "draft-huang-nemo-mn-ro-00 §4.1.3",
        "Binding Refresh Request with the M flag from a node that is not a known mobile router",
        "The Mobile router binding (M) bit is set by mobile router to indicate that the message is from MR (a description, no RFC 2119 keyword: read as SHOULD; checked when nemo.mr_addresses names the mobile routers).";
    NEMO_RO_COT_RH2_NOT_COTI_HOA = "check.nemo_ro.cot_rh2_not_coti_hoa", Should, Note, true,
        "draft-huang-nemo-mn-ro-00 §6",
        "Care-of Test answering a Care-of Test Init with a Home Address option does not carry that home address in a type 2 routing header",
        "CN SHOULD send CoT with HoA in type 2 routing Header as a response to CoTI. HoA can be extracted from Home Address option of Destination Option extension header in CoTI message (§5.6: the same home address in both; a mobile router's CoT without the header is check.nemo_ro.cot_without_rh2's).";
    NEMO_RO_HOME_BU_LIFETIME = "check.nemo_ro.home_bu_lifetime", Must, Warn, false,
        "draft-huang-nemo-mn-ro-00 §5.7",
        "Binding Update naming its home address as its care-of address (Alternate Care-of Address) with a lifetime other than zero",
        "If VMN returns home, it MUST de-register all the bindings by sending a Binding Update with lifetime set to zero (judged on a Binding Update whose Alternate Care-of Address is its home address; one without the option is not: from home and missing its Home Address option look alike. Not a proxy registration, nor one with Binding Identifiers or an IPv4 care-of address, which RFC 5648 and RFC 5555 let a node at home send).";
    NEMO_RO_COTI_HAO_AGAINST_RFC6275 = "check.nemo_ro.coti_hao_against_rfc6275", Should, Note, false,
        "draft-huang-nemo-mn-ro-00 §4.2; RFC 6275 §6.1",
        "Care-of Test Init with a Home Address option: seed 000 §4.2 asks for it, RFC 6275 §6.1 forbids it (a Note: the draft governs its exchange)",
        "Home Address option in Destination Option extension header SHOULD be added to CoTI message (seed 000 §4.2), against \"Mobility Header messages also MUST NOT be used with a Home Address destination option, except as described in Sections 11.7.1 and 11.7.2 for Binding Update\" (RFC 6275 §6.1). profiles.md: the draft rule governs packets of its exchange and the contradiction is a Note, not a MUST failure. Whether a CoTI is a visiting node's is not on the wire (§5.6: it goes to a correspondent as well as to its mobile router, from a care-of address nothing names), so every CoTI with the option is read as seed 000's unless its home address is a mobile router's (nemo.mr_addresses, or learned from a NEMO Binding Update): a mobile router is no visiting node (§7: nested NEMO is out of scope), and that CoTI is check.rfc6275.mh_with_hao's.";
    NEMO_RO_VCOA_BU_WITHOUT_BID = "check.nemo_ro.vcoa_bu_without_bid", Should, Warn, false,
        "draft-huang-nemo-mn-ro-00 §5.8",
        "Binding Update registering a VCoA without a Binding Unique Identifier",
        "Then it registers the new VCoA with HA and CN by sending Binding Update with a Binding Unique Identifier sub-option. The BID is copied from a Binding Update List to the Binding Unique Identifier sub-option (§5.3: after getting VCoA from MR, VMN ... registers them by sending a Binding Update with a Binding Unique Identifier sub-option; descriptions, no RFC 2119 keyword: read as SHOULD; judged on a BU with a lifetime, not to a mobile router, whose care-of address, its Alternate Care-of Address or else its source, is a VCoA an RO Acknowledgement or a BRR with H handed out earlier in the capture).";
    NEMO_RO_VCOA_DATA_WITHOUT_HAO = "check.nemo_ro.vcoa_data_without_hao", Should, Warn, false,
        "draft-huang-nemo-mn-ro-00 §5.4.1",
        "Data packet from a VCoA without a Home Address option",
        "the packets from VMN to CN will be encapsulated by VMN. [...] The Source Address in the inner IPv6 header is set to VCoA and the Destination Address in the inner IPv6 header is set to CN address. Home Address option containing HoA is included in the inner packet (no RFC 2119 keyword: read as SHOULD, RFC 8174; judged on data (not a Mobility Header nor ICMPv6), tunnelled or as the mobile router sends it on, whose source is a VCoA an RO Acknowledgement or a BRR with H handed out earlier in the capture).";
    NEMO_RO_VCOA_DATA_WITHOUT_RH2 = "check.nemo_ro.vcoa_data_without_rh2", Should, Warn, false,
        "draft-huang-nemo-mn-ro-00 §5.4.1",
        "Data packet to a VCoA without a type 2 routing header",
        "The Source Address in the packet's IPv6 header is set to CN address and the Destination Address in the packet's IPv6 header is set to VCoA. Type 2 routing header containing HoA of VMN is included in the original packet. [...] IPv6 header (source = MR address, destination = VMN_CoA) IPv6 header (source = CN address, destination = VCoA) Routing header (type 2) (no RFC 2119 keyword: read as SHOULD, RFC 8174; judged on data (not a Mobility Header nor ICMPv6), as the correspondent sends it or tunnelled on by the mobile router, whose destination is a VCoA handed out earlier in the capture; not a tunnel's outer header: the home agent's tunnel to the VCoA as a care-of address).";
    NEMO_RO_VCOA_TUNNEL_NOT_VMN_COA = "check.nemo_ro.vcoa_tunnel_not_vmn_coa", Should, Warn, false,
        "draft-huang-nemo-mn-ro-00 §5.4.1",
        "Tunnelled VCoA data whose outer header does not end at the VMN_CoA the RO Request registered",
        "The Source Address in the outer IPv6 header is set to MR address and the Destination Address in the packet's outer IPv6 header is set to VMN_CoA. [...] The Source Address in the outer IPv6 header is set to VMN_CoA and the Destination Address in the outer IPv6 header is set to MR address (no RFC 2119 keyword: read as SHOULD, RFC 8174; judged on data in IPv6 in IPv6 from or to a VCoA handed out earlier in the capture whose Home Address option or type 2 routing header names a home address an RO Request registered: the outer destination, or source, is the care-of address that request came from; the mobile router's end is not judged, it may use any of its addresses).";
    NEMO_RO_VCOA_PRIORITY = "check.nemo_ro.vcoa_priority", Should, Note, false,
        "draft-huang-nemo-mn-ro-00 §5.3",
        "Binding Update giving a VCoA's Binding Identifier a lower priority (BID-PRI) than another care-of address's",
        "The priority of Binding Cache Entry which is used to select a binding is notified by the VMN by means of a Binding Unique Identifier sub-option. VCoA SHOULD have higher priority than VMN_CoA (judged on a BU with several RFC 5648 Binding Identifiers whose care-of addresses, the option's or else the BU's, include a VCoA handed out earlier in the capture: RFC 6089's BID-PRI, lower is higher priority, 0 unset and not compared; the draft-03 layout has no priority field).";
    // RFC 5648.
    RFC5648_BID_ZERO = "check.rfc5648.bid_zero", ShouldNot, Note, false,
        "RFC 5648 §6.1",
        "Binding Identifier mobility option with BID 0",
        "Binding ID (BID): The BID that is assigned to the binding indicated by the care-of address in the Binding Update or the Binding Identifier mobility option. The value of zero is reserved and SHOULD NOT be used.";
    RFC5648_BID_H_NOT_HOME = "check.rfc5648.bid_h_not_home", Should, Warn, false,
        "RFC 5648 §6.1",
        "Binding Identifier with the Simultaneous Home and Foreign Binding (H) flag in a Binding Update that is not a home registration",
        "Simultaneous Home and Foreign Binding (H) flag: This flag indicates that the mobile node registers multiple bindings to the home agent while it is attached to the home link. This flag is valid only for a Binding Update sent to the home agent (\"valid only\", no RFC 2119 keyword: read as SHOULD).";
    RFC5648_CN_BID_IPV4_COA = "check.rfc5648.cn_bid_ipv4_coa", ShouldNot, Warn, false,
        "RFC 5648 §6.1",
        "Binding Identifier with an IPv4 care-of address in a Binding Update to a correspondent node",
        "For the binding registration to correspondent nodes (i.e., route optimization), only IPv6 care-of addresses can be stored in this field (no RFC 2119 keyword: read as SHOULD NOT, RFC 8174).";
    // RFC 3963.
    RFC3963_BA_R_WITHOUT_BU_R = "check.rfc3963.ba_r_without_bu_r", Should, Warn, true,
        "RFC 3963 §4.2",
        "Binding Acknowledgement with the Mobile Router flag answering a Binding Update without it",
        "The Mobile Router Flag (R) of a Binding Acknowledgement is set to 1 only if the corresponding Binding Update had the Mobile Router Flag set to 1 (no RFC 2119 keyword: read as SHOULD, RFC 8174).";
    // Seed 004: draft-qin-mipshop-pmipro-00.
    PMIPRO_HHKT_NOT_IN_BA = "check.pmipro.hhkt_not_in_ba", Should, Note, false,
        "draft-qin-mipshop-pmipro-00 §8.3",
        "Handover Home Keygen Token option outside a (proxy) Binding Acknowledgement (draft-qin-mipshop-pmipro-00 §8.3)",
        "Handover home keygen token is a mobility option. It is sent by CN in proxy binding acknowledgement message (a description, no RFC 2119 keyword: read as SHOULD).";
    PMIPRO_HAO = "check.pmipro.hao_present", MustNot, Warn, false,
        "draft-qin-mipshop-pmipro-00 §7",
        "Proxy Home Test Init, or early / complete proxy Binding Update, with a Home Address option",
        "Upon receiving a Proxy Home Test Init message, Early Proxy Binding Update and Complete Proxy Binding Update message, the correspondent node verifies the following: The packet MUST NOT include a Home Address destination option (the BUs recognised by P set and their options whatever the Home Address option: Care-of Test Init, or CGA Parameters and Signature; sent to a correspondent, H clear; one with RFC 5213's Mobile Node Identifier or Home Network Prefix is check.rfc5213.pbu_hao's).";
    PMIPRO_PBU_IPV4_HOA = "check.pmipro.pbu_ipv4_hoa", MustNot, Warn, false,
        "draft-qin-mipshop-pmipro-00 §6",
        "Early / complete proxy Binding Update with an IPv4 Home Address option",
        "PMA MUST not include IPv4 home address option [6] in proxy binding updates sent for route optimization (\"MUST not\": the keyword MUST with a lowercase \"not\", read as MUST NOT).";
    PMIPRO_COT_BEFORE_HOT = "check.pmipro.cot_before_hot", MustNot, Warn, false,
        "draft-qin-mipshop-pmipro-00 §4.3",
        "Early proxy Binding Update (care-of test) started while its proxy home test awaited the Proxy Home Test, towards a correspondent a proxy mobile agent serves (Figure 9)",
        "Due to the address exchange using PHoTI and PHoT messages, care-of test signaling in Figure 9 MUST NOT be started in parallel to home test signaling (Figure 9 is a correspondent without Mobile IP served by a proxy mobile agent of its own, which the wire shows in the Proxy HoT: its Care-of Address, \"the care-of address assigned to the CN by PMA\" (§8.1), is set and not the correspondent's own. Judged when that Proxy HoT arrives, on an early proxy BU from the care-of address its Proxy HoTI named to that correspondent, sent after the Proxy HoTI and not yet answered; §3's correspondents run the care-of test concurrently by design, §3.3).";
    PMIPRO_PHOTI_NOT_FROM_HOME = "check.pmipro.photi_not_from_home", Should, Warn, false,
        "draft-qin-mipshop-pmipro-00 §3.1",
        "Proxy Home Test Init sent from its own Care-of Address rather than the mobile node's home address",
        "Both the source address of proxy home test init message and the destination address of proxy home test message are home address of mobile node (a description, no RFC 2119 keyword: read as SHOULD; a Proxy HoTI whose source is the care-of address it carries, the proxy mobile agent's, is not sent from the home address).";
    PMIPRO_PHOT_NOT_TO_HOME = "check.pmipro.phot_not_to_home", Should, Warn, false,
        "draft-qin-mipshop-pmipro-00 §3.1",
        "Proxy Home Test sent to the proxy mobile agent's care-of address rather than the mobile node's home address",
        "Both the source address of proxy home test init message and the destination address of proxy home test message are home address of mobile node (a description, no RFC 2119 keyword: read as SHOULD; a Proxy HoT from a correspondent to the care-of address an open Proxy HoTI to it carried is not sent to the home address).";
    PMIPRO_PBU_WITHOUT_AUTH = "check.pmipro.pbu_without_auth", Should, Warn, false,
        "draft-qin-mipshop-pmipro-00 §3.3",
        "Early / complete proxy Binding Update without Nonce Indices or Binding Authorization Data",
        "If proxy mobile agent has permanent home keygen token, proxy mobile agent calculates the Binding Authorization Data option field of early proxy binding update with permanent home keygen token and care-of keygen token which is set to ZERO (§3.3; §3.5 for the complete proxy BU: \"The Binding Authorization Data option field of it is calculated by care-of keygen token\"; so both carry a Nonce Indices and a Binding Authorization Data option; one with Nonce Indices but no Binding Authorization Data is RFC 6275 §6.2.6's finding alone; not judged with H set, a home registration that IPsec protects; no RFC 2119 keyword: read as SHOULD, RFC 8174).";
    PMIPRO_EARLY_PBA_WITHOUT_COT = "check.pmipro.early_pba_without_cot", Should, Warn, true,
        "draft-qin-mipshop-pmipro-00 §3.3",
        "Proxy Binding Acknowledgement accepting an early proxy Binding Update without a Care-of Test option",
        "As a correspondent node receives a proxy binding update message, which contains care-of test init option, [...] it returns a care-of keygen token in care-of test option piggybacked onto proxy binding acknowledgement (PBA) message (judged when the PBA accepts the BU, Status below 128; no RFC 2119 keyword: read as SHOULD, RFC 8174).";
    PMIPRO_COMPLETE_PBA_WITHOUT_TOKENS = "check.pmipro.complete_pba_without_tokens", Should, Warn, true,
        "draft-qin-mipshop-pmipro-00 §3.5",
        "Proxy Binding Acknowledgement accepting a complete proxy Binding Update without the Permanent and Handover Home Keygen Token options",
        "PBU message must be sent with CGA parameters and signature option for the proxy mobile agent to request permanent home keygen token and handover home keygen token; [...] Both of the two tokens are transferred from correspondent node [...] via the proxy binding acknowledgement response to the complete proxy binding update message (a description, no RFC 2119 keyword: read as SHOULD; judged when the PBA accepts the BU, Status below 128).";
    PMIPRO_COMPLETE_BEFORE_EARLY = "check.pmipro.complete_before_early", Should, Warn, false,
        "draft-qin-mipshop-pmipro-00 §3.5",
        "Complete proxy Binding Update while the early proxy Binding Update from its care-of address awaits its PBA",
        "After proxy binding update which piggybacks care-of test exchanges is finished, a complete proxy binding update must be brought forward (a lowercase \"must\", no RFC 2119 keyword: read as SHOULD; a complete proxy BU from a care-of address to a correspondent is sent only after a Binding Acknowledgement answered the early proxy BU from there; one older than the tracker's timeout is taken as lost).";
    PMIPRO_CN_RH2_NOT_TO_PMA = "check.pmipro.cn_rh2_not_to_pma", Must, Warn, false,
        "draft-qin-mipshop-pmipro-00 §7",
        "Correspondent's packet with a type 2 routing header for a proxy-registered home address not sent to a care-of address its proxy Binding Updates came from",
        "CN MUST use Type 2 routing header in outgoing packets to PMA. The destination address is PMA's egress interface address which serves as Care-of address for the mobile node and the type 2 routing header contains MN's home address (judged on a packet from a correspondent whose type 2 routing header names a home address that seed 004 proxy BUs to that correspondent registered, their CGA Parameters naming it: its destination is the care-of address one of them came from).";
    PMIPRO_CN_TUNNEL_NOT_FROM_PMA = "check.pmipro.cn_tunnel_not_from_pma", Must, Warn, false,
        "draft-qin-mipshop-pmipro-00 §7",
        "Data tunnelled to a correspondent from a proxy-registered home address, not from a care-of address its proxy Binding Updates came from",
        "Correspondent node MUST receive route optimized data packets from PMA encapsulated in IP-in-IP encapsulation. Source address of the outer header MUST be equal PMA's egress interface address and MUST match the Binding Cache entry (judged on IPv6 in IPv6 to a correspondent, outer and inner destination alike, whose inner source is a home address that seed 004 proxy BUs to that correspondent registered: the outer source is the care-of address one of them came from; a tunnel to another node, a MAG's to its LMA, is not judged).";
    PMIPRO_HANDOVER_EARLY_WITHOUT_CGA = "check.pmipro.handover_early_without_cga", Should, Note, false,
        "draft-qin-mipshop-pmipro-00 §3.3",
        "Early proxy Binding Update authorised with the handover home keygen token without CGA Parameters and Signature",
        "If proxy mobile agent has only handover home keygen token, [...] In order to renew permanent home keygen token and handover home keygen token, proxy mobile agent must include MN's CGA parameters and signature in this early proxy binding update (a lowercase \"must\", read as SHOULD; judged when the Binding Authorization Data, home nonce index 0, verifies with a handover home keygen token the capture or the keys gave the correspondent and with no permanent one).";
    // RFC 6275.
    RFC6275_BAD_NOT_LAST = "check.rfc6275.bad_not_last", Should, Warn, false,
        "RFC 6275 §6.2.7",
        "Binding Authorization Data option is not the last mobility option",
        "The Binding Authorization Data option does not have alignment requirements as such. However, since this option must be the last mobility option, an implicit alignment requirement is 8n + 2 (a lowercase \"must\", no RFC 2119 keyword: read as SHOULD, RFC 8174).";
    RFC6275_NONCE_WITHOUT_BAD = "check.rfc6275.nonce_without_bad", Should, Warn, false,
        "RFC 6275 §6.2.6",
        "Nonce Indices option without a Binding Authorization Data option",
        "The Nonce Indices option is valid only when present together with a Binding Authorization Data option (\"valid only\", no RFC 2119 keyword: read as SHOULD).";
    RFC6275_HOME_BU_WITHOUT_A = "check.rfc6275.home_bu_without_a", Must, Warn, false,
        "RFC 6275 §11.7.1",
        "Home registration Binding Update without the A flag",
        "The Acknowledge (A) bit MUST be set in the Binding Update (§11.7.1's list for a Binding Update to the home agent, which also says \"The Home Registration (H) bit MUST be set in the Binding Update\": judged on a Binding Update with H set).";
    RFC6275_CN_BU_WITHOUT_AUTH = "check.rfc6275.cn_bu_without_auth", Must, Warn, false,
        "RFC 6275 §9.5.1",
        "Correspondent registration Binding Update without Nonce Indices and Binding Authorization Data options",
        "A Binding Update that is not a home registration (H clear) MUST include a Nonce Indices option and a Binding Authorization Data option.";
    RFC6275_BRA_NOT_IN_BA = "check.rfc6275.bra_not_in_ba", Should, Warn, false,
        "RFC 6275 §6.2.4",
        "Binding Refresh Advice option outside a Binding Acknowledgement",
        "The Binding Refresh Advice option is valid only in the Binding Acknowledgement (\"valid only\", no RFC 2119 keyword: read as SHOULD).";
    RFC6275_MH_WITH_RH2 = "check.rfc6275.mh_with_rh2", MustNot, Warn, false,
        "RFC 6275 §6.1",
        "Mobility Header message other than a Binding Acknowledgement sent with a type 2 routing header",
        "Mobility Header messages MUST NOT be sent with a type 2 routing header, except as described in Section 9.5.4 for Binding Acknowledgement.";
    RFC6275_MH_WITH_HAO = "check.rfc6275.mh_with_hao", MustNot, Warn, false,
        "RFC 6275 §6.1",
        "Mobility Header message other than a Binding Update sent with a Home Address option",
        "Mobility Header messages also MUST NOT be used with a Home Address destination option, except as described in Sections 11.7.1 and 11.7.2 for Binding Update.";
    RFC6275_K_FLAG_NOT_HOME = "check.rfc6275.k_flag_not_home", Must, Warn, false,
        "RFC 6275 §6.1.7",
        "K flag set in a Binding Update that is not a home registration",
        "Key Management Mobility Capability (K): [...] This bit is valid only in Binding Updates sent to the home agent, and MUST be cleared in other Binding Updates.";
    RFC6275_NONCE_NOT_IN_CN_BU = "check.rfc6275.nonce_not_in_cn_bu", Should, Warn, false,
        "RFC 6275 §6.2.6",
        "Nonce Indices option outside a Binding Update to a correspondent node",
        "The Nonce Indices option is valid only in the Binding Update message sent to a correspondent node (\"valid only\", no RFC 2119 keyword: read as SHOULD).";
    RFC6275_ACOA_NOT_IN_BU = "check.rfc6275.acoa_not_in_bu", Should, Warn, false,
        "RFC 6275 §6.2.5",
        "Alternate Care-of Address option outside a Binding Update",
        "The Alternate Care-of Address option is valid only in Binding Update (\"valid only\", no RFC 2119 keyword: read as SHOULD).";
    RFC6275_BRA_NOT_HOME = "check.rfc6275.bra_not_home", Should, Warn, true,
        "RFC 6275 §6.2.4",
        "Binding Refresh Advice option in the acknowledgement of a correspondent registration",
        "The Binding Refresh Advice option is valid only in the Binding Acknowledgement, and only on Binding Acknowledgements sent from the mobile node's home agent in reply to a home registration (\"valid only\", no RFC 2119 keyword: read as SHOULD).";
    RFC6275_BA_EXPIRED_NONCE_WITH_BAD = "check.rfc6275.ba_expired_nonce_with_bad", MustNot, Warn, false,
        "RFC 6275 §9.5.4",
        "Binding Acknowledgement with an expired-nonce status (136-138) carries a Binding Authorization Data option",
        "If the Status field in the Binding Acknowledgement contains the value 136 (expired home nonce index), 137 (expired care-of nonce index), or 138 (expired nonces), then the message MUST NOT include the Binding Authorization Data mobility option.";
    RFC6275_CN_BA_WITHOUT_BAD = "check.rfc6275.cn_ba_without_bad", Must, Warn, true,
        "RFC 6275 §9.5.4",
        "Binding Acknowledgement of a correspondent registration without a Binding Authorization Data option",
        "Otherwise, the Binding Authorization Data mobility option MUST be included, and MUST meet the specific authentication requirements for Binding Acknowledgements as defined in Section 5.2 (otherwise: a Status other than 136, 137 or 138; judged on the Binding Acknowledgement a correspondent node sends).";
    RFC6275_HOME_BU_WITHOUT_ACOA = "check.rfc6275.home_bu_without_acoa", Must, Note, false,
        "RFC 6275 §11.7.1",
        "Home registration Binding Update without an Alternate Care-of Address option",
        "The care-of address for the binding MUST be used as the Source Address in the packet's IPv6 header, unless an Alternate Care-of Address mobility option is included in the Binding Update. This option MUST be included in all home registrations, as the ESP protocol will not be able to protect care-of addresses in the IPv6 header. (Mobile IPv6 implementations that know they are using IPsec AH to protect a particular message might avoid this option.) Not judged, as profiles.md reads later documents: on de-registrations (lifetime 0), on BUs whose Binding Identifiers carry a care-of address (RFC 5648 §5.2) or the C flag (seed 002 §5.7), nor on proxy registrations, BUs with an IPv4 care-of address (RFC 5555) or BUs protected by AH.";
    // RFC 6275's header rules checked by the parsers that read the headers (IPv6 options and
    // routing header, Mobility Header), in any packet.
    RFC6275_MH_PAYLOAD_PROTO = "check.rfc6275.mh_payload_proto", Should, Warn, false,
        "RFC 6275 §6.1.1",
        "Payload Proto is not 59 (IPPROTO_NONE), as RFC 6275 §6.1.1 requires",
        "Payload Proto: implementations conforming to this specification SHOULD set the payload protocol type to IPPROTO_NONE (59 decimal).";
    RFC6275_HAO_NOT_DSTOPTS = "check.rfc6275.hao_not_dstopts", Should, Warn, false,
        "RFC 6275 §6.3",
        "Home Address option outside a Destination Options header (RFC 6275 §6.3); not used as the source",
        "The Home Address option is carried by the Destination Option extension header (Next Header value = 60). (A description, no RFC 2119 keyword: read as SHOULD.)";
    RFC6275_HAO_ALIGNMENT = "check.rfc6275.hao_alignment", Should, Warn, false,
        "RFC 6275 §6.3",
        "Home Address option is not at an 8n+6 offset (RFC 6275 §6.3)",
        "The alignment requirement [6] for the Home Address option is 8n+6. (No RFC 2119 keyword: read as SHOULD; the option is read wherever it is.)";
    RFC6275_HAO_PLACEMENT = "check.rfc6275.hao_placement", Must, Warn, false,
        "RFC 6275 §6.3",
        "Home Address option before a routing header, or after a Fragment or Authentication Header (RFC 6275 §6.3)",
        "The Home Address option MUST be placed as follows: After the routing header, if that header is present; Before the Fragment Header, if that header is present; Before the AH Header or ESP Header, if either one of those headers is present.";
    RFC6275_HAO_NOT_UNICAST = "check.rfc6275.hao_not_unicast", Must, Warn, false,
        "RFC 6275 §6.3",
        "Home Address option with an address that is not a unicast routable address (RFC 6275 §6.3)",
        "Home Address: The home address of the mobile node sending the packet. This address MUST be a unicast routable address.";
    RFC6275_RH2_SEGMENTS_LEFT = "check.rfc6275.rh2_segments_left", Must, Warn, false,
        "RFC 6275 §6.4.1",
        "Type 2 routing header must have Segments Left 1 (RFC 6275 §6.4.1)",
        "For a type 2 routing header, the Hdr Ext Len MUST be 2. [...] Segments Left MUST be 1.";
    // RFC 4861 (Neighbor Discovery), RFC 4191, RFC 6275 §7: checked by the ICMPv6 parsers
    // (one packet's own fields), listed here so `mipscope check` reports them.
    RFC4861_DAD_SLLA = "check.rfc4861.dad_slla", MustNot, Warn, false,
        "RFC 4861 §4.3",
        "Source Link-layer Address option in a Neighbor Solicitation from the unspecified address (RFC 4861 §4.3: MUST NOT be included)",
        "Source link-layer address: The link-layer address for the sender. MUST NOT be included when the source IP address is the unspecified address.";
    RFC4861_TARGET_MULTICAST = "check.rfc4861.target_multicast", MustNot, Warn, false,
        "RFC 4861 §4.3, §4.4",
        "Target Address is a multicast address (RFC 4861 §4.3, §4.4: MUST NOT be; the message is silently discarded, §7.1)",
        "Target Address: The IP address of the target of the solicitation. It MUST NOT be a multicast address (§4.3; §4.4, of the advertisement: \"The Target Address MUST NOT be a multicast address.\").";
    RFC4861_NA_SOLICITED_MULTICAST = "check.rfc4861.na_solicited_multicast", MustNot, Warn, false,
        "RFC 4861 §4.4",
        "Solicited flag set in a Neighbor Advertisement to a multicast address (RFC 4861 §4.4, §7.1.2)",
        "S: Solicited flag. When set, the S-bit indicates that the advertisement was sent in response to a Neighbor Solicitation from the Destination address. [...] It MUST NOT be set in multicast advertisements or in unsolicited unicast advertisements.";
    RFC4861_REDIRECT_ADDRESSES = "check.rfc4861.redirect_addresses", Must, Warn, false,
        "RFC 4861 §8.1",
        "Redirect Target neither link-local nor the Destination, or a multicast Destination (RFC 4861 §8.1)",
        "The ICMP Destination Address field in the redirect message does not contain a multicast address. The ICMP Target Address is either a link-local address (when redirected to a router) or the same as the ICMP Destination Address (when redirected to the on-link destination) (§8.1's validity checks: a host MUST silently discard a Redirect that fails them).";
    RFC4861_HOP_LIMIT = "check.rfc4861.hop_limit", Must, Warn, false,
        "RFC 4861 §6.1.1, §6.1.2, §7.1.1, §7.1.2, §8.1",
        "Neighbor Discovery message with an IP Hop Limit other than 255: receivers silently discard it (it may come from off-link)",
        "A node MUST silently discard any received Neighbor Solicitation messages that do not satisfy all of the following validity checks: The IP Hop Limit field has a value of 255, i.e., the packet could not possibly have been forwarded by a router. (§7.1.1; §6.1.1, §6.1.2, §7.1.2 and §8.1 make the same check of Router Solicitations, Router Advertisements, Neighbor Advertisements and Redirects.)";
    RFC4861_CODE = "check.rfc4861.code", Must, Warn, false,
        "RFC 4861 §6.1.1, §6.1.2, §7.1.1, §7.1.2, §8.1",
        "Neighbor Discovery message with an ICMP Code other than 0: receivers silently discard it",
        "A node MUST silently discard any received Neighbor Solicitation messages that do not satisfy all of the following validity checks: [...] ICMP Code is 0. (§7.1.1; §6.1.1, §6.1.2, §7.1.2 and §8.1 make the same check of Router Solicitations, Router Advertisements, Neighbor Advertisements and Redirects.)";
    RFC4861_RS_UNSPECIFIED_SLLA = "check.rfc4861.rs_unspecified_slla", MustNot, Warn, false,
        "RFC 4861 §4.1",
        "Router Solicitation from the unspecified address with a Source Link-layer Address option (RFC 4861 §4.1: MUST NOT be included; §6.1.1: silently discarded)",
        "Source link-layer address: The link-layer address of the sender, if known. MUST NOT be included if the Source Address is the unspecified address.";
    RFC4861_SOURCE_NOT_LINK_LOCAL = "check.rfc4861.source_not_link_local", Must, Warn, false,
        "RFC 4861 §4.2, §4.5",
        "Router Advertisement or Redirect whose IP source is not a link-local address: receivers silently discard it",
        "Source Address MUST be the link-local address assigned to the interface from which this message is sent (Router Advertisement, Redirect).";
    RFC4861_PREFIX_LENGTH = "check.rfc4861.prefix_length", Must, Warn, false,
        "RFC 4861 §4.6.2",
        "Prefix Length above 128 (RFC 4861 §4.6.2: the number of leading bits of the Prefix that are valid)",
        "Prefix Length: 8-bit unsigned integer. The number of leading bits in the Prefix that are valid. The value ranges from 0 to 128. (The field's range: no RFC 2119 keyword, read as MUST, the format leaving no other reading.)";
    RFC4861_PREFIX_LIFETIMES = "check.rfc4861.prefix_lifetimes", MustNot, Warn, false,
        "RFC 4861 §4.6.2",
        "Preferred Lifetime exceeds Valid Lifetime (RFC 4861 §4.6.2: it MUST NOT)",
        "Preferred Lifetime: [...] Note that the value of this field MUST NOT exceed the Valid Lifetime field to avoid preferring addresses that are no longer valid.";
    RFC4191_PRF_RESERVED = "check.rfc4191.prf_reserved", MustNot, Warn, false,
        "RFC 4191 §2.1, §2.2",
        "Router Advertisement Default Router Preference is the reserved value 10 (RFC 4191 §2.2: the receiver treats it as 00, Medium)",
        "Preference values: 10 Reserved - MUST NOT be sent.";
    RFC4191_ROUTE_PRF_RESERVED = "check.rfc4191.route_prf_reserved", Must, Warn, false,
        "RFC 4191 §2.3",
        "Route Information option with the reserved Route Preference 10 (RFC 4191 §2.3: the receiver MUST ignore the option)",
        "Prf (Route Preference): [...] If the Reserved (10) value is received, the Route Information Option MUST be ignored.";
    RFC6275_HA_INFO_WITHOUT_H = "check.rfc6275.ha_info_without_h", MustNot, Warn, false,
        "RFC 6275 §7.4",
        "Home Agent Information option in a Router Advertisement without the H flag (RFC 6275 §7.4)",
        "This option MUST NOT be included in a Router Advertisement in which the Home Agent (H) bit (see Section 7.1) is not set.";
    RFC6275_HA_LIFETIME_ZERO = "check.rfc6275.ha_lifetime_zero", MustNot, Warn, false,
        "RFC 6275 §7.4",
        "Home Agent Lifetime 0 (RFC 6275 §7.4: the value 0 MUST NOT be used)",
        "Home Agent Lifetime: 16-bit unsigned integer. The lifetime associated with the home agent in units of seconds. [...] A value of 0 MUST NOT be used.";
    // Seed 003: draft-makela-mip4-nemo-haaro-00 (the extension rules read the draft's layouts;
    // the registration rules hold in either profile).
    HAARO_ROPA_X_SET = "check.haaro.ropa_x_set", Must, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §4.1",
        "Route optimization prefix advertisement with the reserved x bit set",
        "x: MUST be set to zero. Ignored on reception. Reserved for future use.";
    HAARO_ROPA_H_WITH_PREFIX = "check.haaro.ropa_h_with_prefix", ShouldNot, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §4.1",
        "Prefix advertisement: H is set (host route only) but a Prefix follows the Mobile Router HoA (seed 003 §4.1: no mobile networks are included)",
        "H: Host route only. If this bit is set, the route optimization is advertised only to the Mobile Router itself. No mobile networks are included (a description, no RFC 2119 keyword: read as SHOULD NOT; the same sentence says the length field is then ignored, so a Prefix after the HoA is not a format error).";
    HAARO_ROPA_H_NOT_ONLY = "check.haaro.ropa_h_not_only", Should, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §4.1",
        "Prefix advertisement with H set is not the only prefix advertisement in the packet",
        "H: Host route only. [...] This also indicates that this is the only Route optimization prefix advertisement extension in the packet (a description, no RFC 2119 keyword: read as SHOULD).";
    HAARO_ROCAP_S_WITHOUT_HOA = "check.haaro.rocap_s_without_hoa", Should, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §4.2",
        "S flag set but no Mobile Router HoA (seed 003 §4.2)",
        "S: Solicitating prefixes managed by specific Mobile Router. The Mobile Router is specified in the Optional Mobile Router HoA field (a description, no RFC 2119 keyword: read as SHOULD).";
    HAARO_MC_RRQ_WITHOUT_MNP = "check.haaro.mc_rrq_without_mnp", Must, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §3.3.3",
        "Registration Request to a correspondent router (Mobile-Correspondent authentication) without a Mobile Network Request extension",
        "The registration request MUST include Mobile-Correspondent Authentication extension defined in Section 4.7 and Mobile Network Request Extension defined in [I-D.ietf-mip4-nemo-v4-base].";
    HAARO_MC_RRQ_WITHOUT_HOA = "check.haaro.mc_rrq_without_hoa", Must, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §3.3.3",
        "Registration Request to a correspondent router (Mobile-Correspondent authentication) with Home Address 0.0.0.0",
        "The registration request MUST include Home Address.";
    HAARO_ROPA_IN_REQUEST = "check.haaro.ropa_in_request", ShouldNot, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §4.1",
        "Route optimization prefix advertisement in a Registration Request",
        "This non-skippable extension MAY be sent by a Home Agent to a Mobile Router in the registration reply message. The extension is only included when explicitly requested by the Mobile Router in the registration request message (the MAY allows the reply and forbids nothing; the second sentence, a description without RFC 2119 keyword, ties the extension to a reply answering a request: read as SHOULD NOT in a request).";
    HAARO_ROCAP_IN_REPLY = "check.haaro.rocap_in_reply", ShouldNot, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §4.2",
        "Mobile Router route optimization capability in a Registration Reply",
        "This skippable extension MAY be sent by a Mobile Router to a Home Agent in the registration request message (the MAY forbids nothing; §3.1.1: \"This request is defined in Section 4.2\", the extension is the mobile router's request, and §4.2: a Home Agent that does not support it \"can ignore this request and simply not include any information in the reply\": a description without RFC 2119 keyword, read as SHOULD NOT in a reply).";
    HAARO_COA_IN_REQUEST = "check.haaro.coa_in_request", ShouldNot, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §4.8",
        "Care-of Address extension in a Registration Request",
        "The Care-of Address extension is added to a registration reply sent by the Correspondent Router to inform the Mobile Router of the upcoming tunnel endpoint (a description, no RFC 2119 keyword: read as SHOULD NOT in a request).";
    HAARO_ROPA_NOT_REQUESTED = "check.haaro.ropa_not_requested", ShouldNot, Warn, true,
        "draft-makela-mip4-nemo-haaro-00 §4.1",
        "Registration Reply with a route optimization prefix advertisement its request did not ask for",
        "The extension is only included when explicitly requested by the Mobile Router in the registration request message (a description, no RFC 2119 keyword: read as SHOULD NOT when not requested; requested: the Mobile Router route optimization capability extension with R, or S, set: §4.2).";
    HAARO_CR_RRQ_WITHOUT_MCAUTH = "check.haaro.cr_rrq_without_mcauth", Must, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §3.3.3",
        "Registration Request to a correspondent router without a Mobile-Correspondent Authentication extension",
        "After completion of the procedure, a Mobile Router MAY send a registration request to the Correspondent Router's HoA. [...] The registration request MUST include Mobile-Correspondent Authentication extension defined in Section 4.7 (the procedure: return routability; judged on a request from the care-of address the correspondent router sent a Care-of Test to, to that router).";
    HAARO_MC_RRQ_SOURCE_NOT_COA = "check.haaro.mc_rrq_source_not_coa", Should, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §3.3.3",
        "Registration Request to a correspondent router (Mobile-Correspondent authentication) whose IP source is not its Care-of Address field, without UDP encapsulation",
        "The registration request's source address and Care-of address field are set to the Mobile Router's Care-of address. [...] If either of the conditions apply, registration request MUST specify UDP encapsulation (the conditions: the Correspondent Router's Route Optimization Cache Entry has NAT set or the Mobile Router itself is behind NAT or firewall. The first sentence has no RFC 2119 keyword and the wire cannot tell a NAT crossed, which would make it the MUST, from a wrong source: read as SHOULD; a request with RFC 3519's UDP Tunnel Request extension may have crossed a NAT and is not judged).";
    HAARO_CR_RRP_WITHOUT_COA = "check.haaro.cr_rrp_without_coa", Should, Warn, true,
        "draft-makela-mip4-nemo-haaro-00 §4.8",
        "Correspondent router's Registration Reply accepting a registration without a Care-of Address extension",
        "The Care-of Address extension is added to a registration reply sent by the Correspondent Router to inform the Mobile Router of the upcoming tunnel endpoint (§3.3: \"This is accomplished with a new extension, 'Care-of Address', in registration reply\"; descriptions without RFC 2119 keyword: read as SHOULD; judged on a reply, code 0 or 1 and lifetime not 0, to a request carrying the Mobile-Correspondent authentication).";
    HAARO_MC_HNI_NOT_FROM_HOT = "check.haaro.mc_hni_not_from_hot", Should, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §4.5",
        "Registration Request to a correspondent router citing a Home Nonce Index none of that router's Home Tests gave",
        "Home Nonce Index: This field will be echoed back by the Mobile Router to the Correspondent Router in a subsequent registration request (descriptive, no RFC 2119 keyword: read as SHOULD; §4.7: the Mobile-Correspondent authentication's Home Nonce Index; judged when the capture shows the correspondent router's Home Tests to the request's home address or source, any index one of them gave being right: §3.2.2 keeps previous nonces valid).";
    HAARO_MC_CNI_NOT_FROM_COT = "check.haaro.mc_cni_not_from_cot", Should, Warn, false,
        "draft-makela-mip4-nemo-haaro-00 §4.6",
        "Registration Request to a correspondent router citing a Care-of Nonce Index none of that router's Care-of Tests gave",
        "Care-of Nonce Index: This field will be echoed back by the Mobile Router to the Correspondent Router in a subsequent registration request (descriptive, no RFC 2119 keyword: read as SHOULD; §4.7: the Mobile-Correspondent authentication's Care-of Nonce Index, \"ignored in requests to remove a binding\", so not judged at lifetime 0; judged when the capture shows the correspondent router's Care-of Tests to the request's source or Care-of Address, any index one of them gave being right).";
    HAARO_CR_ACCEPTS_UNADVERTISED = "check.haaro.cr_accepts_unadvertised_prefix", Must, Warn, true,
        "draft-makela-mip4-nemo-haaro-00 §3.3.3",
        "Correspondent router's Registration Reply accepting a registration whose mobile network prefixes the home agent's update did not advertise",
        "If the prefixes don't match, the Correspondent Router SHOULD send a re-registration request to Home Agent with the 'S' (solicitation) bit set [...]. If, even after this update, the prefixes still don't match, the Correspondent Router MUST reject the registration request (judged when a home agent's reply to the correspondent router advertised prefixes behind the mobile router's home address after the request, §3.1.1; a claimed Mobile Network Request prefix matches when it lies inside one of them or is the home address itself; rejecting is any code but 0 and 1, and a de-registration is not judged).";
    // Seed 001: draft-cui-netext-route-optimization-agent-ext-00.
    REFLECTOR_RH2_ON_ND = "check.reflector.rh2_on_nd", MustNot, Warn, false,
        "draft-cui-netext-route-optimization-agent-ext-00 §4.1.2",
        "Type 2 routing header on a Neighbor Discovery packet",
        "The MAG MAY use a type 2 routing header to route the packet to the destination node by way of its care-of address. However, the MAG MUST NOT do this in the following cases: [...] When forwarding an IPv6 Neighbor Discovery packet.";
    REFLECTOR_RH2_ON_COT = "check.reflector.rh2_on_cot", MustNot, Warn, true,
        "draft-cui-netext-route-optimization-agent-ext-00 §4.1.2",
        "Care-of Test with a type 2 routing header answering a Care-of Test Init without a Home Address option",
        "However, the MAG MUST NOT do this in the following cases: [...] When forwarding the packets that are noted in Section 6.1 of [RFC3775] (this: use a type 2 routing header; those packets are Mobility Header messages other than a Binding Acknowledgement: check.rfc6275.mh_with_rh2 leaves the CoT to this rule, since seed 000 §4.2 puts the header in a CoT answering a CoTI with a Home Address option, or sent by a mobile router).";
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
        "r: Sent as zero; ignored on reception. x: Sent as zero; ignored on reception. (The format's value: no RFC 2119 keyword, read as MUST, the format leaving no other reading.)";
    // RFC 5213.
    RFC5213_PBA_WITHOUT_P = "check.rfc5213.pba_without_p", Must, Warn, true,
        "RFC 5213 §5.3.6",
        "Acknowledgement of a Proxy Binding Update without the P flag",
        "BA /* P flag MUST be set to value of 1 */ (the Proxy Binding Acknowledgement the local mobility anchor constructs; §8.2: set only if the corresponding Proxy Binding Update had the P flag set).";
    RFC5213_PBU_WITHOUT_MNID = "check.rfc5213.pbu_without_mnid", Must, Warn, false,
        "RFC 5213 §6.9.1.5",
        "Proxy Binding Update without a Mobile Node Identifier option",
        "The Mobile Node Identifier option [RFC4283] MUST be present (in the Proxy Binding Update; the LMA rejects one without it, §5.3.1: MISSING_MN_IDENTIFIER_OPTION).";
    RFC5213_PBU_WITHOUT_HNP = "check.rfc5213.pbu_without_hnp", Must, Warn, false,
        "RFC 5213 §6.9.1.5",
        "Proxy Binding Update without a Home Network Prefix option",
        "At least one Home Network Prefix option MUST be present (in the Proxy Binding Update; the LMA rejects one without, §5.3.1: MISSING_HOME_NETWORK_PREFIX_OPTION).";
    RFC5213_PBU_WITHOUT_HI = "check.rfc5213.pbu_without_hi", Must, Warn, false,
        "RFC 5213 §6.9.1.5",
        "Proxy Binding Update without a Handoff Indicator option",
        "The Handoff Indicator option MUST be present (in the Proxy Binding Update; the LMA rejects one without, §5.3.1: MISSING_HANDOFF_INDICATOR_OPTION).";
    RFC5213_PBU_WITHOUT_ATT = "check.rfc5213.pbu_without_att", Must, Warn, false,
        "RFC 5213 §6.9.1.5",
        "Proxy Binding Update without an Access Technology Type option",
        "The Access Technology Type option MUST be present (in the Proxy Binding Update; the LMA rejects one without, §5.3.1: MISSING_ACCESS_TECH_TYPE_OPTION).";
    RFC5213_PBU_WITHOUT_A = "check.rfc5213.pbu_without_a", Must, Warn, false,
        "RFC 5213 §6.9.1.5",
        "Proxy Binding Update without the A flag",
        "The mobile access gateway, when sending the Proxy Binding Update message to the local mobility anchor, MUST construct the message as specified below. [...] BU P & A flags MUST be set to value 1 (Figure 12).";
    RFC5213_PBU_HAO = "check.rfc5213.pbu_hao", MustNot, Warn, false,
        "RFC 5213 §6.9.1.5",
        "Proxy Binding Update with a Home Address option",
        "Unlike in Mobile IPv6 [RFC3775], the Home Address option [RFC3775] MUST NOT be present in the IPv6 Destination Options extension header of the Proxy Binding Update message (a BU with P set carrying RFC 5213's Mobile Node Identifier or Home Network Prefix option).";
    RFC5213_PBA_MNID_NOT_COPIED = "check.rfc5213.pba_mnid_not_copied", Must, Warn, true,
        "RFC 5213 §5.3.6",
        "Proxy Binding Acknowledgement does not carry the Mobile Node Identifier of its Proxy Binding Update",
        "The Mobile Node Identifier option MUST be present in the Proxy Binding Acknowledgement; its identifier is copied from the Mobile Node Identifier option of the received Proxy Binding Update.";
    RFC5213_PBA_WITHOUT_HNP = "check.rfc5213.pba_without_hnp", Must, Warn, true,
        "RFC 5213 §5.3.6",
        "Proxy Binding Acknowledgement without a Home Network Prefix option",
        "At least one Home Network Prefix option MUST be present in the Proxy Binding Acknowledgement (judged when the Proxy Binding Update carried one).";
    RFC5213_PBA_HI_NOT_COPIED = "check.rfc5213.pba_hi_not_copied", Must, Warn, true,
        "RFC 5213 §5.3.6",
        "Proxy Binding Acknowledgement does not carry the Handoff Indicator of its Proxy Binding Update",
        "The Handoff Indicator option MUST be present in the Proxy Binding Acknowledgement; its value is copied from the Handoff Indicator option of the received Proxy Binding Update.";
    RFC5213_PBA_ATT_NOT_COPIED = "check.rfc5213.pba_att_not_copied", Must, Warn, true,
        "RFC 5213 §5.3.6",
        "Proxy Binding Acknowledgement does not carry the Access Technology Type of its Proxy Binding Update",
        "The Access Technology Type option MUST be present in the Proxy Binding Acknowledgement; its value is copied from the Access Technology Type option of the received Proxy Binding Update.";
    RFC5213_PBA_TIMESTAMP_UNASKED = "check.rfc5213.pba_timestamp_unasked", Must, Warn, true,
        "RFC 5213 §5.3.6",
        "Proxy Binding Acknowledgement with a Timestamp option its Proxy Binding Update did not carry",
        "The Timestamp option MUST be present only if the same option was present in the received Proxy Binding Update.";
    RFC5213_PBA_MNLLI_UNASKED = "check.rfc5213.pba_mnlli_unasked", Must, Warn, true,
        "RFC 5213 §5.3.6",
        "Proxy Binding Acknowledgement with a Mobile Node Link-layer Identifier option its Proxy Binding Update did not carry",
        "The Mobile Node Link-layer Identifier option MUST be present only if the same option was present in the received Proxy Binding Update.";
    RFC5213_PBA_LLA_UNASKED = "check.rfc5213.pba_lla_unasked", Must, Warn, true,
        "RFC 5213 §5.3.6",
        "Proxy Binding Acknowledgement with a Link-local Address option its Proxy Binding Update did not carry",
        "The Link-local Address option MUST be present only if the same option was present in the received Proxy Binding Update.";
}

/// The rule whose expert item `def` is, if it is one.
pub fn of_expert(def: &ExpertDef) -> Option<&'static Rule> {
    if !def.abbrev().starts_with("check.") {
        return None;
    }
    RULES.iter().copied().find(|r| std::ptr::eq(&r.expert, def))
}
