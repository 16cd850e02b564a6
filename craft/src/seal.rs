//! Filling in authenticators once a frame is laid out.
//!
//! An authenticator covers the octets around it (RFC 6275 §5.2.6: the Mobility Header without
//! its checksum and without the authenticator value, and two addresses that depend on the
//! message and on the packet's Home Address option, routing header and Alternate Care-of
//! Address option). Sealing emits the frame, lets the dissector find what is signed
//! (`dissect::crypto::rr::signed`, the function the verifier uses), computes the value and puts
//! it into the option; the checksum, left computed, then covers it when the frame is emitted.
//!
//! A plain frame (the link, one IPv6 header, Destination Options and type 2 routing headers with
//! everything computed, the Mobility Header last with its layout computed) is read from the
//! model instead: the dissection and the whole frame's emission were two thirds of a scenario's
//! work, and for such a frame the model gives the same answer through the dissector's own
//! pieces (`ipv6::Pseudo` for the Home Address option, `seeds::profile_msg` for the message, the
//! option TLVs of the emitted header). Debug builds (every test) seal both ways and compare.

use dissect::crypto::rr::{self, Kbm, Signed};
use dissect::crypto::HmacSha1Key;
use dissect::frame::FrameMeta;
use dissect::ipv6::{ExtHeader, OptsKind, Pseudo, RoutingData};
use dissect::link::{linktype, Link, VlanTags};
use dissect::mh::opt::base::BaseOpt;
use dissect::mh::opt::MhOption;
use dissect::mh::{MhBody, MhType};
use dissect::model::{Auto, EmitCx};
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
    /// A Mobility Header's fixed part, emitted alone to find where its options start.
    body: Vec<u8>,
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
        let Look { d, bufs, bytes, body, key } = look;
        let key = match key {
            Some((k, key)) if k == kbm => &*key,
            _ => &key.insert((*kbm, HmacSha1Key::new(kbm))).1,
        };
        let mac = |signed: &Signed, bytes: &[u8]| {
            let mh = &bytes[signed.mh.clone()];
            rr::authenticator_with(key, &signed.care_of, &signed.correspondent, mh, signed.value_at)
                .ok_or(SealError::NothingToSign)
        };
        let dissected = |d: &mut Dissection, bufs: &mut EmitBufs, bytes: &mut Vec<u8>| {
            frame.emit_into(prefs, bufs, bytes).map_err(SealError::Emit)?;
            let signed = by_dissection(d, frame.linktype, bytes, prefs)?;
            mac(&signed, bytes)
        };
        match from_model(frame, prefs, bytes, body) {
            Some(signed) => {
                let value = mac(&signed, bytes)?;
                if cfg!(debug_assertions) {
                    let slow = dissected(d, bufs, bytes);
                    debug_assert_eq!(slow, Ok(value), "the model and the dissector disagree on what is signed: {frame:?}");
                }
                Ok(value)
            }
            None => dissected(d, bufs, bytes),
        }
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

/// What is signed in the emitted frame `bytes`, as the verifier finds it.
fn by_dissection(d: &mut Dissection, linktype: u32, bytes: &[u8], prefs: &Prefs) -> Result<Signed, SealError> {
    let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype, ..Default::default() };
    // The parsers' facts say what is signed: no tree, no analysis pass, no capture state
    // (`track_facts`, the look that costs least).
    dissect::track_facts(d, bytes, &meta, prefs, None, bytes);
    d.facts.mh.iter().find_map(|m| rr::signed(&d.facts, m, bytes)).ok_or(SealError::NothingToSign)
}

/// What is signed in a plain frame, read from the model: its Mobility Header is emitted alone
/// into `mh` (what is signed is then a range of it); `None` for any other frame, which the
/// dissector reads. The address rule is `rr::signed`'s (§5.2.6): a BU registers its Alternate
/// Care-of Address or its source with the final destination (a type 2 header's home address),
/// a BA is for its destination from its Home Address option's address or its source.
fn from_model(frame: &FrameRepr, prefs: &Prefs, mh: &mut Vec<u8>, body: &mut Vec<u8>) -> Option<Signed> {
    let (Layer::Mh(m), below) = frame.layers.split_last()? else { return None };
    let (ip, exts) = match below {
        [Layer::Link(Link::Ethernet(e)), Layer::Ipv6 { header, .. }, exts @ ..]
            if frame.linktype == linktype::ETHERNET && e.ethertype == Auto::Computed && e.tags == VlanTags::NONE =>
        {
            (header, exts)
        }
        [Layer::Link(Link::Raw(_)), Layer::Ipv6 { header, .. }, exts @ ..] if frame.linktype == linktype::RAW => (header, exts),
        _ => return None,
    };
    if ip.version != 6 || ip.payload_len != Auto::Computed || ip.next_header != Auto::Computed {
        return None;
    }
    // The dissector's own walk of the addresses: the first Home Address option of a
    // Destination Options header stands in for the source, a type 2 header's home address is
    // the final destination.
    let mut pseudo = Pseudo::new(ip);
    let mut rh2 = None;
    for l in exts {
        let Layer::Ipv6Ext(e) = l else { return None };
        match e {
            ExtHeader::Opts(o)
                if o.kind == OptsKind::Destination
                    && o.next_header == Auto::Computed
                    && o.hdr_ext_len == Auto::Computed
                    && o.options().all(|r| r.is_ok()) => {}
            ExtHeader::Routing(r) if rh2.is_none() && r.next_header == Auto::Computed && r.hdr_ext_len == Auto::Computed => {
                match &r.data {
                    RoutingData::Type2 { home, trailer, .. } if trailer.is_empty() => rh2 = Some(home.0),
                    _ => return None,
                }
            }
            _ => return None,
        }
        pseudo.step(e);
    }
    if m.hdr_len != Auto::Computed || m.padding != Auto::Computed || !m.trailing.is_empty() {
        return None;
    }
    if !m.options.iter().all(|o| matches!(o, MhOption::Base(_))) {
        return None;
    }
    let want = match m.body {
        MhBody::Bu(_) => MhType::BindingUpdate,
        MhBody::Ba(_) => MhType::BindingAcknowledgement,
        _ => return None,
    };
    // A type a preference numbers is the draft's message to the dissector, not a BU or BA.
    let ty = m.mh_type(prefs);
    if MhType::from(ty) != want || dissect::mh::seeds::profile_msg(ty, prefs).is_some() {
        return None;
    }
    // Without the pseudo-header: the checksum, which the authenticator leaves out, stays 0.
    mh.clear();
    m.emit(&EmitCx::new(prefs), mh).ok()?;
    body.clear();
    m.body.emit(body).ok()?;
    // The options' TLVs as the dissector walks them (Pad1 alone, the others Type, Length,
    // data): the last 12-octet Binding Authorization Data holds the value.
    let bad = BaseOpt::BindingAuthData(Vec::new()).code();
    let mut at = 6 + body.len();
    let mut value_at = None;
    while at < mh.len() {
        let kind = mh[at];
        if kind == 0 {
            at += 1;
            continue;
        }
        let len = usize::from(*mh.get(at + 1)?);
        if at + 2 + len > mh.len() {
            return None;
        }
        if kind == bad && len == 12 {
            value_at = Some(at + 2);
        }
        at += 2 + len;
    }
    let (src, dst) = (ip.src.0, ip.dst.0);
    let (care_of, correspondent) = match want {
        MhType::BindingUpdate => {
            let alt = m.options.iter().rev().find_map(|o| match o {
                MhOption::Base(BaseOpt::AltCoa(a)) => Some(a.address.0),
                _ => None,
            });
            (alt.unwrap_or(src), rh2.unwrap_or(dst))
        }
        _ => (dst, pseudo.hao.unwrap_or(src)),
    };
    Some(Signed { care_of, correspondent, mh: 0..mh.len(), value_at: value_at? })
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

    fn addr(s: &str) -> std::net::Ipv6Addr {
        s.parse().unwrap()
    }

    /// What the model reads of `frame` and what the dissector finds in it, side by side: the
    /// same addresses, the same Mobility Header (its checksum aside, which the model leaves 0
    /// and the authenticator leaves out) and the value at the same place.
    fn both_ways(frame: &FrameRepr) -> (Option<Signed>, Signed) {
        let prefs = Prefs::default();
        let (mut mh, mut body) = (Vec::new(), Vec::new());
        let model = from_model(frame, &prefs, &mut mh, &mut body);
        let bytes = frame.emit(&prefs).unwrap();
        let found = by_dissection(&mut Dissection::default(), frame.linktype, &bytes, &prefs).unwrap();
        if let Some(m) = &model {
            assert_eq!((m.care_of, m.correspondent, m.value_at), (found.care_of, found.correspondent, found.value_at));
            let mut framed = bytes[found.mh.clone()].to_vec();
            framed[4..6].copy_from_slice(&[0, 0]);
            assert_eq!(mh[m.mh.clone()], framed[..]);
        }
        (model, found)
    }

    fn bu(options: Vec<MhOption>) -> MhRepr {
        MhRepr { options, ..MhRepr::new(Bu { seq: 9, flags: BuFlags(BuFlags::A), lifetime: 4 }) }
    }

    fn bad() -> MhOption {
        MhOption::Base(BaseOpt::BindingAuthData(vec![0; 12]))
    }

    /// The model's reading agrees with the dissector's where the scenarios never go: an
    /// Alternate Care-of Address (the address registered), a BA with both a Home Address
    /// option and a type 2 header (the correspondent is its home address), a raw IP frame, a
    /// second Binding Authorization Data (the last counts).
    #[test]
    fn model_reads_what_the_dissector_finds() {
        use dissect::mh::msg::binding::{Ba, BaFlags, BaStatus};
        use dissect::mh::opt::base::AltCoa;
        use dissect::wire::Ip6;
        let (hoa, coa, alt, cn, cn_hoa) =
            (addr("2001:db8:1::1"), addr("2001:db8:2::1"), addr("2001:db8:4::1"), addr("2001:db8:3::1"), addr("2001:db8:5::1"));
        let alt_opt = MhOption::Base(BaseOpt::AltCoa(AltCoa { address: Ip6(alt.octets()) }));
        let (m, found) = both_ways(&Ipv6Packet::new(coa, cn).home_address(hoa).mh(bu(vec![alt_opt, bad()])));
        assert!(m.is_some());
        assert_eq!((found.care_of, found.correspondent), (alt.octets(), cn.octets()));

        let ba = MhRepr {
            options: vec![bad()],
            ..MhRepr::new(Ba { status: BaStatus::BindingUpdateAccepted, flags: BaFlags(0), seq: 9, lifetime: 4 })
        };
        let (m, found) = both_ways(&Ipv6Packet::new(coa, cn).home_address(cn_hoa).type2(hoa).mh(ba));
        assert!(m.is_some());
        assert_eq!((found.care_of, found.correspondent), (cn.octets(), cn_hoa.octets()));

        let (m, found) = both_ways(&Ipv6Packet::new(coa, cn).raw().type2(cn_hoa).mh(bu(vec![bad(), bad()])));
        assert!(m.is_some());
        assert_eq!((found.care_of, found.correspondent, found.value_at), (coa.octets(), cn_hoa.octets(), 36));
    }

    /// Anything but a plain frame goes to the dissector: a Fragment header, a Length the option
    /// does not have; sealing still works (or fails) as the dissector says.
    #[test]
    fn the_rest_is_dissected() {
        use dissect::ipv6::{ExtHeader, Fragment};
        let (coa, cn) = (addr("2001:db8:2::1"), addr("2001:db8:3::1"));
        let frag =
            ExtHeader::Fragment(Fragment { next_header: Auto::Computed, reserved: 0, offset: 0, res: 0, more: false, ident: 7 });
        let prefs = Prefs::default();
        let mut frame = Ipv6Packet::new(coa, cn).ext(frag).mh(bu(vec![bad()]));
        assert!(from_model(&frame, &prefs, &mut Vec::new(), &mut Vec::new()).is_none());
        let bytes = frame.emit(&prefs).unwrap();
        let found = by_dissection(&mut Dissection::default(), frame.linktype, &bytes, &prefs).unwrap();
        let value = binding_authorization(&mut frame, &[1; 20], &prefs).unwrap();
        let mh = &bytes[found.mh.clone()];
        assert_eq!(Some(value), rr::authenticator(&[1; 20], &found.care_of, &found.correspondent, mh, found.value_at));
        let lying = MhOption::WithLength { length: 12, option: Box::new(MhOption::Base(BaseOpt::BindingAuthData(vec![0; 12]))) };
        let frame = Ipv6Packet::new(coa, cn).mh(bu(vec![lying]));
        assert!(from_model(&frame, &Prefs::default(), &mut Vec::new(), &mut Vec::new()).is_none());
    }

    #[test]
    fn nothing_to_sign() {
        let bu = MhRepr::new(Bu { seq: 1, flags: BuFlags(0), lifetime: 1 });
        let mut frame = Ipv6Packet::new("2001:db8::1".parse().unwrap(), "2001:db8::2".parse().unwrap()).mh(bu);
        assert_eq!(binding_authorization(&mut frame, &[0; 20], &Prefs::default()), Err(SealError::NothingToSign));
    }
}
