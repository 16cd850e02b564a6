//! Filling in authenticators once a frame is laid out.
//!
//! An authenticator covers the octets around it (RFC 6275 §5.2.6: the Mobility Header without
//! its checksum and without the authenticator value, and two addresses that depend on the
//! message and on the packet's Home Address option, routing header and Alternate Care-of
//! Address option). Rather than re-derive any of that, sealing emits the frame, lets the
//! dissector find what is signed (`dissect::crypto::rr::signed`, the function the verifier
//! uses), computes the value and puts it into the option; the checksum, left computed, then
//! covers it when the frame is emitted.

use dissect::crypto::rr::{self, Kbm};
use dissect::crypto::HmacSha1Key;
use dissect::frame::FrameMeta;
use dissect::mh::opt::base::BaseOpt;
use dissect::mh::opt::MhOption;
use dissect::prefs::Prefs;
use dissect::stack::{EmitBufs, EmitError, FrameRepr, Layer};
use dissect::tree::Dissection;
use std::cell::RefCell;
use std::fmt;

/// What sealing works with, kept between calls: a scenario seals every BU and BA it writes
/// (half of `rfc6275-rr`'s packets), so the frame is emitted into reused buffers and looked at
/// with a reused dissection, allocating nothing once they have grown.
#[derive(Default)]
struct Look {
    d: Dissection,
    bufs: EmitBufs,
    bytes: Vec<u8>,
    /// The last Kbm sealed with, as an HMAC key: a BU, its BA and their refresh share one.
    key: Option<(Kbm, HmacSha1Key)>,
}

thread_local! {
    static LOOK: RefCell<Look> = RefCell::new(Look::default());
}

/// Why a frame could not be sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealError {
    /// The frame cannot be emitted.
    Emit(EmitError),
    /// No BU or BA with a 12-octet Binding Authorization Data option in the frame.
    NothingToSign,
}

impl fmt::Display for SealError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SealError::Emit(e) => write!(f, "cannot emit the frame: {e}"),
            SealError::NothingToSign => {
                f.write_str("no Binding Update or Acknowledgement with a 12-octet Binding Authorization Data option")
            }
        }
    }
}

impl std::error::Error for SealError {}

/// Sets the authenticator of the frame's BU or BA from `kbm`. The option must be there (its
/// value of any 12 octets, zeros when built); only its value changes.
pub fn binding_authorization(frame: &mut FrameRepr, kbm: &Kbm, prefs: &Prefs) -> Result<rr::Authenticator, SealError> {
    let value = LOOK.with_borrow_mut(|look| {
        let Look { d, bufs, bytes, key } = look;
        frame.emit_into(prefs, bufs, bytes).map_err(SealError::Emit)?;
        let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype: frame.linktype, ..Default::default() };
        // The parsers' facts say what is signed: no tree, no analysis pass, no capture state
        // (`track_facts`, the look that costs least).
        dissect::track_facts(d, bytes, &meta, prefs, None, bytes);
        let signed = d.facts.mh.iter().find_map(|m| rr::signed(&d.facts, m, bytes)).ok_or(SealError::NothingToSign)?;
        let mh = &bytes[signed.mh.clone()];
        let key = match key {
            Some((k, key)) if k == kbm => key,
            _ => &key.insert((*kbm, HmacSha1Key::new(kbm))).1,
        };
        rr::authenticator_with(key, &signed.care_of, &signed.correspondent, mh, signed.value_at).ok_or(SealError::NothingToSign)
    })?;
    // The first Mobility Header of the stack is the one the dissector found first.
    let opt = frame.layers.iter_mut().find_map(|l| match l {
        Layer::Mh(r) => r.options.iter_mut().rev().find_map(|o| match o {
            MhOption::Base(BaseOpt::BindingAuthData(v)) if v.len() == 12 => Some(v),
            _ => None,
        }),
        _ => None,
    });
    let v = opt.ok_or(SealError::NothingToSign)?;
    v.copy_from_slice(&value);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::packet::Ipv6Packet;
    use dissect::crypto::rr::{care_of_keygen_token, home_keygen_token, kbm, KbmInput};
    use dissect::mh::msg::binding::{Bu, BuFlags};
    use dissect::mh::opt::base::NonceIndices;
    use dissect::mh::MhRepr;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    /// `../shared/spec/reference.md` §5.4: the whole 32-octet Mobility Header, authenticator and
    /// checksum 0x9bbf included, from the keys, nonces and addresses of the vector.
    #[test]
    fn reference_bu() {
        let kcn: [u8; 20] = core::array::from_fn(|i| i as u8 + 1);
        let (hoa, coa, cn) =
            ("2001:db8:aaaa::1".parse().unwrap(), "2001:db8:bbbb::1".parse().unwrap(), "2001:db8:cccc::2".parse().unwrap());
        let home = home_keygen_token(&kcn, &std::net::Ipv6Addr::octets(&hoa), &hex("0001020304050607"));
        let care_of = care_of_keygen_token(&kcn, &std::net::Ipv6Addr::octets(&coa), &hex("08090a0b0c0d0e0f"));
        let k = kbm(KbmInput::Both { home, care_of });
        let mut bu = MhRepr::new(Bu { seq: 1, flags: BuFlags(BuFlags::A), lifetime: 0x10 });
        bu.options = vec![
            MhOption::Base(BaseOpt::NonceIndices(NonceIndices { home: 1, careof: 2 })),
            MhOption::Base(BaseOpt::BindingAuthData(vec![0; 12])),
        ];
        let mut frame = Ipv6Packet::new(coa, cn).home_address(hoa).mh(bu);
        let prefs = Prefs::default();
        let a = binding_authorization(&mut frame, &k, &prefs).unwrap();
        assert_eq!(a.to_vec(), hex("03e315717e3c17bd6a88adae"));
        let bytes = frame.emit(&prefs).unwrap();
        assert_eq!(bytes[bytes.len() - 32..], hex("3b0305009bbf000180000010040400010002050c03e315717e3c17bd6a88adae")[..]);
        // The dissector reads it back without a complaint (checksum over the HAO pseudo-header).
        let mut d = Dissection::default();
        dissect::dissect_frame(
            &mut d,
            &bytes,
            &FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype: 1, ..Default::default() },
            &prefs,
        );
        assert!(d.experts.is_empty(), "{:?}", d.experts);
    }

    #[test]
    fn nothing_to_sign() {
        let bu = MhRepr::new(Bu { seq: 1, flags: BuFlags(0), lifetime: 1 });
        let mut frame = Ipv6Packet::new("2001:db8::1".parse().unwrap(), "2001:db8::2".parse().unwrap()).mh(bu);
        assert_eq!(binding_authorization(&mut frame, &[0; 20], &Prefs::default()), Err(SealError::NothingToSign));
    }
}
