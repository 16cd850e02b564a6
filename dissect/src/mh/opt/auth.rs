//! Authentication options for Mobile IPv6 (RFC 4285): the Mobility Message Authentication
//! option (9, AUTH-OPTION-TYPE) and the Mobility Message Replay Protection option (10,
//! MESG-ID-OPTION-TYPE, an NTP-format timestamp).

use super::Len::{Fixed, Min};
use super::OptType;
use super::{raw, OptCtx, OptSummary, Tail};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind, Value};
use crate::layout;
use crate::tree::Tree;

// Presence fields (the option subtrees).
pub static P_AUTH: FieldDef = FieldDef::new("mip6.options.auth", "MIPv6 Option - AUTH-OPTION-TYPE", Kind::Protocol);
pub static P_MESGID: FieldDef = FieldDef::new("mip6.options.mseg_id", "MIPv6 Option - MESG-ID-OPTION-TYPE", Kind::Protocol);

crate::code_points! {
    /// RFC 4285 §5 authentication option subtypes.
    pub enum AuthSubtype: u8 {
        MnHa = 1 => "MN-HA authentication mobility option",
        MnAaa = 2 => "MN-AAA authentication mobility option",
    }
}
wire_code!(AuthSubtype: u8);
static AUTH_SUBTYPE_VALS: &[(u64, &str)] = AuthSubtype::VALS;

crate::mh::fields! {
    // 9 AUTH (RFC 4285)
    pub static AUTH_SUBTYPE: FieldDef = FieldDef::new("mip6.auth.subtype", "Subtype", Kind::Uint(1)).vals(AUTH_SUBTYPE_VALS).tshark_names(&[
            (0, "Reserved (not available for assignment)"),
            (3, "HMAC_SHA1_SPI"),
            (5, "Reserved for use by 3GPP2"),
        ]);
    pub static AUTH_SPI: FieldDef = FieldDef::new("mip6.auth.mobility_spi", "Mobility SPI", Kind::Uint(4));
    pub static AUTH_DATA: FieldDef = FieldDef::new("mip6.auth.auth_data", "Authentication Data", Kind::Bytes);
    // 10 MESG-ID (RFC 4285)
    pub static MESGID_TS: FieldDef = FieldDef::new("mip6.mseg_id.timestamp", "Timestamp", Kind::AbsTime)
        .blurb("64-bit NTP-format timestamp (seconds since 1900 and 1/2^32 fractions)");
}

layout! {
    /// AUTH fixed part (RFC 4285 §5): Subtype, Mobility SPI.
    pub struct AuthFixed { pub subtype: AuthSubtype => [&AUTH_SUBTYPE], pub spi: u32 => [&AUTH_SPI] }
}

layout! {
    /// MESG-ID data (RFC 4285 §6): NTP-format timestamp.
    pub struct MesgId { pub raw: u64 => [] }
}

/// Converts an NTP timestamp (seconds since 1900, 1/2^32 fractions) to Unix seconds and ns.
pub fn ntp_to_unix(raw: u64) -> (i64, u32) {
    let secs = (raw >> 32) as i64 - 2_208_988_800;
    let ns = (((raw & 0xffff_ffff) * 1_000_000_000) >> 32) as u32;
    (secs, ns)
}

fn auth(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    let Ok(_) = AuthFixed::dissect(t, c.off, c.end) else { return };
    raw(t, &AUTH_DATA, c.off + AuthFixed::LEN, c.end);
}

fn mesgid(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    if let Ok(v) = MesgId::dissect(t, c.off, c.end) {
        let (s, ns) = ntp_to_unix(v.raw);
        t.add(&MESGID_TS, c.off, 8, Value::AbsTime(s, ns));
    }
}

options! {
    /// RFC 4285's options, owned.
    pub enum AuthOpt => Auth {
        /// Subtype, Mobility SPI and the authentication data.
        Auth(Tail<AuthFixed>) = OptType::Auth, "AUTH-OPTION-TYPE", &P_AUTH, Min(5), (4, 1), auth;
        MesgId(MesgId) = OptType::MesgId, "MESG-ID-OPTION-TYPE", &P_MESGID, Fixed(8), (8, 2), mesgid;
    }
}

pub static EXPERTS: &[&ExpertDef] = &[];
