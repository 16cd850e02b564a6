//! Enhanced Route Optimization for Mobile IPv6 (RFC 4866 §5.2): CGA Parameters Request (11),
//! CGA Parameters (12), Signature (13), Permanent Home Keygen Token (14), Care-of Test Init (15)
//! and Care-of Test (16).

use super::Len::{Fixed, Min};
use super::OptType;
use super::{raw, Empty, OptCtx, OptSummary, NO_ALIGN};
use crate::expert::ExpertDef;
use crate::field::{FieldDef, Kind};
use crate::tree::Tree;

// Presence fields (the option subtrees).
pub static P_CGAPR: FieldDef = FieldDef::new("mip6.options.cgapr", "MIPv6 Option - CGA Parameters Request", Kind::Protocol);
pub static P_CGAR: FieldDef = FieldDef::new("mip6.options.cgar", "MIPv6 Option - CGA Parameters", Kind::Protocol);
pub static P_SIGN: FieldDef = FieldDef::new("mip6.options.sign", "MIPv6 Option - Signature", Kind::Protocol);
pub static P_PHKT: FieldDef = FieldDef::new("mip6.options.phkt", "MIPv6 Option - Permanent Home Keygen Token", Kind::Protocol);
pub static P_COTI: FieldDef = FieldDef::new("mip6.options.coti", "MIPv6 Option - Care-of Test Init", Kind::Protocol);
pub static P_COT: FieldDef = FieldDef::new("mip6.options.cot", "MIPv6 Option - Care-of Test", Kind::Protocol);

crate::mh::fields! {
    // 12–16 (RFC 4866)
    pub static CGAR: FieldDef = FieldDef::new("mip6.cgar.cga_par", "CGA Parameters", Kind::Bytes);
    pub static SIGN: FieldDef = FieldDef::new("mip6.sign.sign", "Signature", Kind::Bytes);
    pub static PHKT: FieldDef = FieldDef::new("mip6.phkt.phkt", "Permanent Home Keygen Token", Kind::Bytes);
    pub static COT_TOKEN: FieldDef = FieldDef::new("mip6.mocot.co_keygen_tok", "Care-of Keygen Token", Kind::Bytes);
}

fn nothing(_: &mut Tree<'_>, _: &OptCtx<'_>, _: &mut OptSummary) {}

fn cgar(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    raw(t, &CGAR, c.off, c.end);
}

fn sign(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    raw(t, &SIGN, c.off, c.end);
}

fn phkt(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    raw(t, &PHKT, c.off, c.end);
}

fn cot(t: &mut Tree<'_>, c: &OptCtx<'_>, _: &mut OptSummary) {
    raw(t, &COT_TOKEN, c.off, c.end);
}

options! {
    /// Enhanced Route Optimization's options, owned (their data is opaque octets).
    pub enum EroOpt => Ero {
        CgaParametersRequest(Empty) = OptType::CgaParametersRequest, "CGA Parameters Request", &P_CGAPR, Fixed(0), NO_ALIGN, nothing;
        CgaParameters(Vec<u8>) = OptType::CgaParameters, "CGA Parameters", &P_CGAR, Min(1), NO_ALIGN, cgar;
        Signature(Vec<u8>) = OptType::Signature, "Signature", &P_SIGN, Min(1), NO_ALIGN, sign;
        PermanentHomeKeygenToken(Vec<u8>) = OptType::PermanentHomeKeygenToken, "Permanent Home Keygen Token", &P_PHKT, Min(1), NO_ALIGN, phkt;
        CareOfTestInit(Empty) = OptType::CareOfTestInit, "Care-of Test Init", &P_COTI, Fixed(0), NO_ALIGN, nothing;
        /// The care-of keygen token.
        CareOfTest(Vec<u8>) = OptType::CareOfTest, "Care-of Test", &P_COT, Fixed(8), NO_ALIGN, cot;
    }
}

pub static EXPERTS: &[&ExpertDef] = &[];
