//! Which part a node plays, from what it sends and receives: the drafts' figures name their
//! columns MN, HA, CN, MR, VMN, MAG, LMA, CR and FA, and a capture shows the same nodes only
//! as addresses. A message says something about both ends ([`observe`]); a node's role is
//! decided once every message is seen ([`role`]), so a later, more telling message (an RO
//! Request from a node that also sent a home registration) wins over an earlier one.

use dissect::analysis::MsgProto;
use dissect::mh::msg::binding::{BrrFlags, BuFlags};

/// A node's part in the signalling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Mobile node (RFC 6275).
    Mn,
    /// Home agent (RFC 6275, RFC 3963, RFC 5944).
    Ha,
    /// Correspondent node (RFC 6275).
    Cn,
    /// Mobile router (RFC 3963).
    Mr,
    /// Visiting mobile node behind a mobile router (seed 000, draft-huang-nemo-mn-ro-00).
    Vmn,
    /// Mobile access gateway (RFC 5213), or seed 004's proxy mobile agent.
    Mag,
    /// Local mobility anchor (RFC 5213).
    Lma,
    /// Correspondent router (seed 003, draft-makela-mip4-nemo-haaro-00).
    Cr,
    /// Foreign agent (RFC 5944).
    Fa,
}

impl Role {
    /// The name the drafts' figures give the column.
    pub const fn name(self) -> &'static str {
        match self {
            Role::Mn => "MN",
            Role::Ha => "HA",
            Role::Cn => "CN",
            Role::Mr => "MR",
            Role::Vmn => "VMN",
            Role::Mag => "MAG",
            Role::Lma => "LMA",
            Role::Cr => "CR",
            Role::Fa => "FA",
        }
    }
}

/// What a node was seen doing: one bit per kind of message sent or received that tells a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Seen(pub u32);

impl Seen {
    /// Sent a home registration (BU with H, no R, no P).
    pub const SENT_HOME_BU: u32 = 1 << 0;
    /// Received one.
    pub const RECV_HOME_BU: u32 = 1 << 1;
    /// Sent a NEMO registration (BU with R), or a BRR with M (seed 000 §4.1.3).
    pub const SENT_NEMO: u32 = 1 << 2;
    /// Received a NEMO registration (BU with R).
    pub const RECV_NEMO_BU: u32 = 1 << 3;
    /// Sent a BU without H, R or P (to a correspondent).
    pub const SENT_CN_BU: u32 = 1 << 4;
    /// Received one, or a HoTI/CoTI.
    pub const RECV_AS_CN: u32 = 1 << 5;
    /// Sent a HoTI or CoTI (Mobility Header).
    pub const SENT_TEST_INIT: u32 = 1 << 6;
    /// Sent a PBU, a Proxy HoTI or a route-optimisation proxy BU.
    pub const SENT_PROXY: u32 = 1 << 7;
    /// Received a PBU (RFC 5213), or sent a PBA.
    pub const LMA_SIDE: u32 = 1 << 8;
    /// Sent an RO Request or received an RO Acknowledgement or a BRR with M (seed 000).
    pub const VMN_SIDE: u32 = 1 << 9;
    /// Received an RO Request or sent an RO Acknowledgement (seed 000).
    pub const MR_SIDE: u32 = 1 << 10;
    /// Sent a Mobile IPv4 Registration Request.
    pub const SENT_RRQ: u32 = 1 << 11;
    /// Received one.
    pub const RECV_RRQ: u32 = 1 << 12;
    /// Sent a Mobile IPv4 Home/Care-of Test Init (seed 003: a mobile router's return routability).
    pub const SENT_MIP4_TEST: u32 = 1 << 13;
    /// Received one (seed 003: the correspondent router).
    pub const RECV_MIP4_TEST: u32 = 1 << 14;
    /// Received a Mobile IPv4 Registration Reply.
    pub const RECV_RRP: u32 = 1 << 15;
    /// Sent a Mobile IPv4 Registration Reply.
    pub const SENT_RRP: u32 = 1 << 16;
    /// Received a Proxy HoTI or a route-optimisation proxy BU (seed 004: the correspondent's
    /// side, whatever else reaches it).
    pub const RECV_RO_PROXY: u32 = 1 << 17;

    pub const fn has(self, bit: u32) -> bool {
        self.0 & bit != 0
    }
}

/// One signalling message as [`observe`] reads it.
#[derive(Debug, Clone, Copy)]
pub struct Msg<'a> {
    pub proto: MsgProto,
    /// The message's name as the dissector records it ([`dissect::analysis::MsgFact::name`]).
    pub name: &'a str,
    /// Its Info column, where the analysis pass names a message's part ("RO Request: ",
    /// "(early proxy BU)").
    pub info: &'a str,
    /// A Binding Update's flags.
    pub bu: Option<BuFlags>,
    /// A Binding Refresh Request's flags.
    pub brr: Option<BrrFlags>,
}

/// What a message says about its sender and its receiver.
pub fn observe(m: &Msg<'_>) -> (u32, u32) {
    match m.proto {
        MsgProto::Mip4 => match m.name {
            "Registration Request" => (Seen::SENT_RRQ, Seen::RECV_RRQ),
            "Registration Reply" => (Seen::SENT_RRP, Seen::RECV_RRP),
            "Home Test Init" | "Care-of Test Init" => (Seen::SENT_MIP4_TEST, Seen::RECV_MIP4_TEST),
            _ => (0, 0),
        },
        MsgProto::Mip6 => {
            if m.info.starts_with("RO Request") {
                return (Seen::VMN_SIDE, Seen::MR_SIDE);
            }
            if m.info.starts_with("RO Acknowledgement") {
                return (Seen::MR_SIDE, Seen::VMN_SIDE);
            }
            match m.name {
                "Proxy Binding Update" if m.info.contains("proxy BU)") => (Seen::SENT_PROXY, Seen::RECV_RO_PROXY),
                "Proxy Binding Update" => (Seen::SENT_PROXY, Seen::LMA_SIDE),
                "Proxy Binding Acknowledgement" => (Seen::LMA_SIDE, 0),
                "Proxy Home Test Init" => (Seen::SENT_PROXY, Seen::RECV_RO_PROXY),
                "Binding Update" => match m.bu {
                    Some(f) if f.has(BuFlags::R) => (Seen::SENT_NEMO, Seen::RECV_NEMO_BU),
                    Some(f) if f.has(BuFlags::H) => (Seen::SENT_HOME_BU, Seen::RECV_HOME_BU),
                    Some(_) => (Seen::SENT_CN_BU, Seen::RECV_AS_CN),
                    None => (0, 0),
                },
                "Home Test Init" | "Care-of Test Init" => (Seen::SENT_TEST_INIT, Seen::RECV_AS_CN),
                "Binding Refresh Request" if m.brr.is_some_and(|f| f.has(BrrFlags::M)) => (Seen::SENT_NEMO, Seen::VMN_SIDE),
                _ => (0, 0),
            }
        }
    }
}

/// A node's role from everything it was seen doing; the most specific part wins (a visiting
/// node also registers with its home agent, a correspondent router is a mobile router too).
pub fn role(s: Seen) -> Option<Role> {
    let any = |bits: u32| s.0 & bits != 0;
    if any(Seen::VMN_SIDE) {
        Some(Role::Vmn)
    } else if any(Seen::RECV_MIP4_TEST) && !any(Seen::SENT_MIP4_TEST) {
        Some(Role::Cr)
    } else if any(Seen::MR_SIDE | Seen::SENT_NEMO | Seen::SENT_MIP4_TEST) {
        Some(Role::Mr)
    } else if any(Seen::SENT_PROXY) {
        Some(Role::Mag)
    } else if any(Seen::RECV_RO_PROXY) {
        Some(Role::Cn)
    } else if any(Seen::LMA_SIDE) {
        Some(Role::Lma)
    } else if any(Seen::RECV_RRQ) && any(Seen::SENT_RRQ) || any(Seen::RECV_RRP) && any(Seen::SENT_RRP) {
        // RFC 5944 §3.7: a foreign agent relays the request to the home agent and the reply
        // back to the mobile node.
        Some(Role::Fa)
    } else if any(Seen::RECV_HOME_BU | Seen::RECV_NEMO_BU | Seen::RECV_RRQ | Seen::SENT_RRP) {
        Some(Role::Ha)
    } else if any(Seen::RECV_AS_CN) {
        Some(Role::Cn)
    } else if any(Seen::SENT_HOME_BU | Seen::SENT_CN_BU | Seen::SENT_TEST_INIT | Seen::SENT_RRQ | Seen::RECV_RRP) {
        Some(Role::Mn)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mh<'a>(name: &'a str, info: &'a str, bu: Option<u16>) -> Msg<'a> {
        Msg { proto: MsgProto::Mip6, name, info, bu: bu.map(BuFlags), brr: None }
    }
    fn mip4(name: &str) -> Msg<'_> {
        Msg { proto: MsgProto::Mip4, name, info: "", bu: None, brr: None }
    }
    /// The roles of sender and receiver of these messages, each (sender, receiver) given as
    /// indices into a small set of nodes.
    fn roles(msgs: &[(Msg<'_>, usize, usize)]) -> Vec<Option<Role>> {
        let n = msgs.iter().map(|m| m.1.max(m.2) + 1).max().unwrap_or(0);
        let mut seen = vec![Seen::default(); n];
        for (m, from, to) in msgs {
            let (s, r) = observe(m);
            seen[*from].0 |= s;
            seen[*to].0 |= r;
        }
        seen.into_iter().map(role).collect()
    }

    #[test]
    fn home_registration_gives_mn_and_ha() {
        let bu = mh("Binding Update", "Binding Update seq=1 A H", Some(BuFlags::A | BuFlags::H));
        let ba = mh("Binding Acknowledgement", "", None);
        assert_eq!(roles(&[(bu, 0, 1), (ba, 1, 0)]), [Some(Role::Mn), Some(Role::Ha)]);
    }

    #[test]
    fn return_routability_and_bu_without_h_give_cn() {
        let hoti = mh("Home Test Init", "", None);
        let bu = mh("Binding Update", "", Some(BuFlags::A));
        assert_eq!(roles(&[(hoti, 0, 1), (bu, 0, 1)]), [Some(Role::Mn), Some(Role::Cn)]);
    }

    #[test]
    fn nemo_bu_gives_mr() {
        let bu = mh("Binding Update", "", Some(BuFlags::A | BuFlags::H | BuFlags::R));
        assert_eq!(roles(&[(bu, 0, 1)]), [Some(Role::Mr), Some(Role::Ha)]);
    }

    #[test]
    fn ro_request_gives_vmn_even_after_a_home_registration() {
        let home = mh("Binding Update", "", Some(BuFlags::A | BuFlags::H));
        let ro = mh("Binding Update", "RO Request: Binding Update seq=33", Some(BuFlags::A));
        let coti = mh("Care-of Test Init", "", None);
        assert_eq!(roles(&[(home, 0, 2), (coti, 0, 1), (ro, 0, 1)]), [Some(Role::Vmn), Some(Role::Mr), Some(Role::Ha)]);
        let brr = Msg { brr: Some(BrrFlags(BrrFlags::M)), ..mh("Binding Refresh Request", "", None) };
        assert_eq!(roles(&[(brr, 0, 1)]), [Some(Role::Mr), Some(Role::Vmn)]);
    }

    #[test]
    fn pbu_gives_mag_and_pba_lma() {
        let pbu = mh("Proxy Binding Update", "Binding Update seq=1 A H P", Some(BuFlags::A | BuFlags::H | BuFlags::P));
        let pba = mh("Proxy Binding Acknowledgement", "", None);
        assert_eq!(roles(&[(pbu, 0, 1), (pba, 1, 0)]), [Some(Role::Mag), Some(Role::Lma)]);
        // The PBA alone says who the LMA is.
        assert_eq!(roles(&[(pba, 1, 0)]), [None, Some(Role::Lma)]);
    }

    #[test]
    fn route_optimisation_proxy_bu_goes_to_a_cn() {
        let early = mh("Proxy Binding Update", "Binding Update seq=50 A P (early proxy BU)", Some(BuFlags::A | BuFlags::P));
        assert_eq!(roles(&[(early, 0, 1)]), [Some(Role::Mag), Some(Role::Cn)]);
        // Seed 004's Proxy HoTI reaches the correspondent's side; a plain PBU to it later
        // does not make it an LMA.
        let photi = mh("Proxy Home Test Init", "", None);
        let pbu = mh("Proxy Binding Update", "Binding Update seq=53 A P", Some(BuFlags::A | BuFlags::P));
        assert_eq!(roles(&[(photi, 0, 1), (pbu, 0, 1)]), [Some(Role::Mag), Some(Role::Cn)]);
    }

    #[test]
    fn mip4_registration_direct_and_via_fa() {
        let rrq = mip4("Registration Request");
        let rrp = mip4("Registration Reply");
        // Co-located care-of address: MN to HA.
        assert_eq!(roles(&[(rrq, 0, 1), (rrp, 1, 0)]), [Some(Role::Mn), Some(Role::Ha)]);
        // Through a foreign agent, which relays both ways.
        assert_eq!(
            roles(&[(rrq, 0, 1), (rrq, 1, 2), (rrp, 2, 1), (rrp, 1, 0)]),
            [Some(Role::Mn), Some(Role::Fa), Some(Role::Ha)]
        );
    }

    #[test]
    fn mip4_return_routability_gives_mr_and_cr() {
        let hoti = mip4("Home Test Init");
        let rrq = mip4("Registration Request");
        assert_eq!(roles(&[(hoti, 0, 1), (rrq, 0, 2), (rrq, 0, 1)]), [Some(Role::Mr), Some(Role::Cr), Some(Role::Ha)]);
    }

    #[test]
    fn nothing_telling_gives_no_role() {
        assert_eq!(roles(&[(mh("Binding Error", "", None), 0, 1)]), [None, None]);
    }
}
