//! An IPv6 packet around a mobility message, with valid defaults.
//!
//! ```
//! use craft::packet::Ipv6Packet;
//! use dissect::mh::{msg::binding::{Bu, BuFlags}, MhRepr};
//! let hoa = "2001:db8:1::2".parse().unwrap();
//! let frame = Ipv6Packet::new("2001:db8:2::2".parse().unwrap(), "2001:db8::1".parse().unwrap())
//!     .home_address(hoa)
//!     .mh(MhRepr::new(Bu { seq: 7, flags: BuFlags(BuFlags::A | BuFlags::H), lifetime: 150 }));
//! let bytes = frame.emit(&Default::default()).unwrap();
//! assert_eq!(bytes.len(), 14 + 40 + 24 + 16);
//! ```

use dissect::ipv6::{ExtHeader, Ipv6Header, Ipv6Opt, Opts, OptsKind, Routing};
use dissect::link::{linktype, Ethernet, Link, RawIp};
use dissect::mh::MhRepr;
use dissect::model::Auto;
use dissect::stack::{FrameRepr, Layer};
use dissect::wire::Ip6;
use std::net::Ipv6Addr;

/// MACs from the locally administered range the project's captures use (02:00:00:00:00:xx).
pub const SRC_MAC: [u8; 6] = [2, 0, 0, 0, 0, 1];
pub const DST_MAC: [u8; 6] = [2, 0, 0, 0, 0, 2];

/// An IPv6 packet being built: its link layer, fixed header and extension headers, in the
/// order they are sent. Everything is public: set any field, or use the builder methods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ipv6Packet {
    /// `None`: a raw IP frame (LINKTYPE_RAW).
    pub ethernet: Option<Ethernet>,
    pub header: Ipv6Header,
    pub exts: Vec<ExtHeader<Vec<u8>>>,
}

impl Ipv6Packet {
    /// A packet from `src` to `dst` in an Ethernet frame from [`SRC_MAC`] to [`DST_MAC`], Hop
    /// Limit 64, every length and next-header number computed.
    pub fn new(src: Ipv6Addr, dst: Ipv6Addr) -> Self {
        Ipv6Packet {
            ethernet: Some(Ethernet { dst: DST_MAC, src: SRC_MAC, tags: Default::default(), ethertype: Auto::Computed }),
            header: Ipv6Header::new(src.octets(), dst.octets()),
            exts: Vec::new(),
        }
    }

    /// Without a link layer (LINKTYPE_RAW).
    pub fn raw(mut self) -> Self {
        self.ethernet = None;
        self
    }

    /// The Ethernet addresses.
    pub fn macs(mut self, src: [u8; 6], dst: [u8; 6]) -> Self {
        let e = self.ethernet.get_or_insert(Ethernet { dst, src, tags: Default::default(), ethertype: Auto::Computed });
        (e.src, e.dst) = (src, dst);
        self
    }

    pub fn hop_limit(mut self, h: u8) -> Self {
        self.header.hop_limit = h;
        self
    }

    /// A Home Address option (RFC 6275 §6.3), placed at 8n+6 with padding, in the Destination
    /// Options header §6.3 puts it in: after any routing header, before any Fragment, AH or ESP
    /// header. One there already takes it; otherwise a new one goes just before the first
    /// Fragment, AH or ESP header (the end of the chain when there is none). Not
    /// [`Ipv6Packet::dest_option`]'s last header: after a Fragment header that one is in the
    /// wrong place.
    pub fn home_address(mut self, hoa: Ipv6Addr) -> Self {
        let opt = Ipv6Opt::HomeAddress(Ip6(hoa.octets()));
        let before = self.exts.iter().position(fragment_or_security);
        let before = before.unwrap_or(self.exts.len());
        // After the last routing header, and after a Hop-by-Hop header (always first).
        let after = self.exts[..before]
            .iter()
            .rposition(|e| matches!(e, ExtHeader::Routing(_)) || matches!(e, ExtHeader::Opts(o) if o.kind == OptsKind::HopByHop))
            .map_or(0, |i| i + 1);
        let within = (after..before).rev().find(|&i| is_dest_opts(&self.exts[i]));
        match within {
            Some(i) => add_option(&mut self.exts[i], opt),
            None => self.exts.insert(before, ExtHeader::Opts(Opts::new(OptsKind::Destination, [opt]))),
        }
        self
    }

    /// An option in the last Destination Options header (one is added when there is none),
    /// placed at its alignment; the header is re-padded to 8 octets.
    pub fn dest_option(mut self, opt: Ipv6Opt<Vec<u8>>) -> Self {
        match self.exts.iter().rposition(is_dest_opts) {
            Some(i) => add_option(&mut self.exts[i], opt),
            None => self.exts.push(ExtHeader::Opts(Opts::new(OptsKind::Destination, [opt]))),
        }
        self
    }

    /// A type 2 routing header to `hoa` (RFC 6275 §6.4): right after another routing header
    /// when there is one (§6.4.1: the type 2 header follows it), else before the first Fragment,
    /// AH, ESP or Destination Options header (without a routing header, a Destination Options
    /// header is the final one or the Home Address option's, both after routing in RFC 8200
    /// §4.1's order).
    pub fn type2(mut self, hoa: Ipv6Addr) -> Self {
        let at = match self.exts.iter().rposition(|e| matches!(e, ExtHeader::Routing(_))) {
            Some(i) => i + 1,
            None => self.exts.iter().position(|e| fragment_or_security(e) || is_dest_opts(e)).unwrap_or(self.exts.len()),
        };
        self.exts.insert(at, ExtHeader::Routing(Routing::type2(hoa.octets())));
        self
    }

    /// Any extension header, after the ones already there.
    pub fn ext(mut self, e: ExtHeader<Vec<u8>>) -> Self {
        self.exts.push(e);
        self
    }

    /// The frame carrying a Mobility Header.
    pub fn mh(self, mh: MhRepr) -> FrameRepr {
        self.carrying([Layer::Mh(mh)])
    }

    /// The frame carrying `upper` (transport, message, data) above the extension headers.
    pub fn carrying(self, upper: impl IntoIterator<Item = Layer>) -> FrameRepr {
        let upper = upper.into_iter();
        // Sized once: a scenario makes a frame per packet.
        let mut layers = Vec::with_capacity(2 + self.exts.len() + upper.size_hint().0);
        let linktype = match self.ethernet {
            Some(e) => {
                layers.push(Layer::Link(Link::Ethernet(e)));
                linktype::ETHERNET
            }
            None => {
                layers.push(Layer::Link(Link::Raw(RawIp)));
                linktype::RAW
            }
        };
        layers.push(Layer::Ipv6 { header: self.header, trailer: Vec::new() });
        layers.extend(self.exts.into_iter().map(Layer::Ipv6Ext));
        layers.extend(upper);
        FrameRepr { linktype, layers }
    }
}

/// A Fragment, AH or ESP header: what RFC 6275 puts the Home Address option and the type 2
/// routing header before (after them, a header is in the fragments or under the security).
fn fragment_or_security(e: &ExtHeader<Vec<u8>>) -> bool {
    matches!(e, ExtHeader::Fragment(_) | ExtHeader::Ah(_) | ExtHeader::Esp(_))
}

fn is_dest_opts(e: &ExtHeader<Vec<u8>>) -> bool {
    matches!(e, ExtHeader::Opts(o) if o.kind == OptsKind::Destination)
}

/// Adds `opt` to an options header at its alignment, keeping what the header has
/// ([`Opts::add`]).
fn add_option(e: &mut ExtHeader<Vec<u8>>, opt: Ipv6Opt<Vec<u8>>) {
    if let ExtHeader::Opts(o) = e {
        o.add(opt);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dissect::frame::FrameMeta;
    use dissect::ipv6::{Ah, Fragment, RoutingData};
    use dissect::mh::msg::binding::{Ba, BaFlags, BaStatus, Bu, BuFlags};
    use dissect::prefs::Prefs;
    use dissect::tree::Dissection;

    const PLACEMENT: &str = "check.rfc6275.hao_placement";

    fn addr(s: &str) -> Ipv6Addr {
        s.parse().unwrap()
    }

    fn fragment() -> ExtHeader<Vec<u8>> {
        ExtHeader::Fragment(Fragment { next_header: Auto::Computed, reserved: 0, offset: 0, res: 0, more: false, ident: 7 })
    }

    fn ah() -> ExtHeader<Vec<u8>> {
        let icv = vec![0xa5; 12];
        ExtHeader::Ah(Ah { next_header: Auto::Computed, payload_len: Auto::Computed, reserved: 0, spi: 0x100, seq: 1, icv })
    }

    /// The chain's headers by protocol number, a Destination Options header with its options'
    /// types (201: Home Address) after it.
    fn chain(p: &Ipv6Packet) -> Vec<(u8, Vec<u8>)> {
        p.exts
            .iter()
            .map(|e| {
                let opts = match e {
                    ExtHeader::Opts(o) => o.options().filter_map(Result::ok).map(|(_, x)| x.ty().value()).collect(),
                    _ => Vec::new(),
                };
                (e.proto(), opts.into_iter().filter(|&c| c > 1).collect())
            })
            .collect()
    }

    /// The expert items the dissector raises on the packet carrying a home registration BU, or
    /// with `ba` a BA (what a type 2 routing header may carry, RFC 6275 §6.1).
    fn experts(p: Ipv6Packet, ba: bool) -> Vec<&'static str> {
        let prefs = Prefs::default();
        let mh = if ba {
            MhRepr::new(Ba { status: BaStatus::BindingUpdateAccepted, flags: BaFlags(0), seq: 1, lifetime: 4 })
        } else {
            MhRepr::new(Bu { seq: 1, flags: BuFlags(BuFlags::A | BuFlags::H), lifetime: 4 })
        };
        let bytes = p.mh(mh).emit(&prefs).unwrap();
        let meta = FrameMeta { number: 1, wire_len: bytes.len() as u32, linktype: 1, ..Default::default() };
        let mut d = Dissection::default();
        dissect::dissect_frame(&mut d, &bytes, &meta, &prefs);
        d.experts.iter().map(|e| e.def.abbrev()).collect()
    }

    /// RFC 6275 §6.3: the Home Address option goes before a Fragment or AH header added
    /// earlier, in a Destination Options header of its own, and a type 2 routing header added
    /// after it still goes first. The dissector (its placement rule) agrees. Before, the option
    /// went into a header appended after the Fragment header.
    #[test]
    fn the_home_address_goes_before_a_fragment_or_ah_header() {
        let (src, dst, hoa) = (addr("2001:db8:2::2"), addr("2001:db8::1"), addr("2001:db8:1::2"));
        let p = Ipv6Packet::new(src, dst).ext(fragment()).home_address(hoa);
        assert_eq!(chain(&p), [(60, vec![201]), (44, vec![])]);
        assert!(!experts(p, false).contains(&PLACEMENT));
        // What it did before: the option appended after the Fragment header, which the rule
        // names.
        let wrong = Ipv6Packet::new(src, dst).ext(fragment()).dest_option(Ipv6Opt::HomeAddress(Ip6(hoa.octets())));
        assert_eq!(chain(&wrong), [(44, vec![]), (60, vec![201])]);
        assert!(experts(wrong, false).contains(&PLACEMENT));
        let p = Ipv6Packet::new(src, dst).ext(fragment()).ext(ah()).home_address(hoa).type2(hoa);
        assert_eq!(chain(&p), [(43, vec![]), (60, vec![201]), (44, vec![]), (51, vec![])]);
        assert!(!experts(p, true).contains(&PLACEMENT));
    }

    /// A Destination Options header already in the §6.3 place takes the option; one after an
    /// AH header (options for the final destination) or before a routing header does not.
    #[test]
    fn the_home_address_joins_only_a_header_in_its_place() {
        let (src, dst, hoa) = (addr("2001:db8:2::2"), addr("2001:db8::1"), addr("2001:db8:1::2"));
        let unknown = || Ipv6Opt::Other { ty: dissect::ipv6::OptType::Experimental1e, data: vec![1, 2] };
        let early = Ipv6Packet::new(src, dst).dest_option(unknown()).home_address(hoa);
        assert_eq!(chain(&early), [(60, vec![0x1e, 201])]);
        let late = Ipv6Packet::new(src, dst).ext(ah()).dest_option(unknown()).home_address(hoa);
        assert_eq!(chain(&late), [(60, vec![201]), (51, vec![]), (60, vec![0x1e])]);
        let rh2 = ExtHeader::Routing(Routing::type2(hoa.octets()));
        let before_routing = Ipv6Packet::new(src, dst).dest_option(unknown()).ext(rh2).home_address(hoa);
        assert_eq!(chain(&before_routing), [(60, vec![0x1e]), (43, vec![]), (60, vec![201])]);
    }

    /// The Home Address option joins a deliberately odd Destination Options header without
    /// mending it: an option no parser reads, padding with data in it and octets after the last
    /// whole option (a cut option) stay, in order, the option at 8n+6 after them and the cut
    /// option last. Before, the header was laid out again from the options that parse: the
    /// padding's data and the cut option were lost. A plain header loses only the padding that
    /// ended it: the same octets as one built with both options.
    #[test]
    fn the_home_address_keeps_what_an_odd_header_has() {
        use dissect::ipv6::{OptList, OptType};
        let (src, dst, hoa) = (addr("2001:db8:2::2"), addr("2001:db8::1"), addr("2001:db8:1::2"));
        let unknown = |data: Vec<u8>| Ipv6Opt::Other { ty: OptType::Experimental1e, data };
        let options = vec![unknown(vec![1, 2, 3]), Ipv6Opt::PadN(vec![9, 9]), Ipv6Opt::Pad1, Ipv6Opt::Pad1];
        let odd = Opts {
            kind: OptsKind::Destination,
            next_header: Auto::Computed,
            hdr_ext_len: Auto::Computed,
            options: OptList::Items { options, trailer: vec![0x3e, 9, 0xaa] },
        };
        // The header as the frame carries it (after Ethernet and the fixed header).
        let header = |p: Ipv6Packet| {
            let bytes = p
                .mh(MhRepr::new(Bu { seq: 1, flags: BuFlags(BuFlags::A | BuFlags::H), lifetime: 4 }))
                .emit(&Prefs::default())
                .unwrap();
            let len = (usize::from(bytes[55]) + 1) * 8;
            bytes[54..54 + len].to_vec()
        };
        let before = header(Ipv6Packet::new(src, dst).ext(ExtHeader::Opts(odd.clone())));
        assert_eq!(before.len(), 16);
        let after = header(Ipv6Packet::new(src, dst).ext(ExtHeader::Opts(odd)).home_address(hoa));
        assert_eq!(after.len(), 40);
        assert_eq!(after[2..13], before[2..13], "the options before it");
        assert_eq!(after[14..16], [201, 16]);
        assert_eq!(after[16..32], hoa.octets());
        assert_eq!(after[37..], [0x3e, 9, 0xaa], "the cut option, last");
        assert_eq!((after[13], &after[32..37]), (0, &[1, 3, 0, 0, 0][..]), "the padding");
        // The same header as parsed from the wire (its Hdr Ext Len given) gives the same octets.
        let wire = Opts {
            kind: OptsKind::Destination,
            next_header: Auto::Computed,
            hdr_ext_len: Auto::Given(1),
            options: OptList::Wire(before[2..].to_vec()),
        };
        assert_eq!(header(Ipv6Packet::new(src, dst).ext(ExtHeader::Opts(wire)).home_address(hoa)), after);
        let plain = header(Ipv6Packet::new(src, dst).dest_option(unknown(vec![1, 2])).home_address(hoa));
        let built = Opts::new(OptsKind::Destination, [unknown(vec![1, 2]), Ipv6Opt::HomeAddress(Ip6(hoa.octets()))]);
        assert_eq!(plain, header(Ipv6Packet::new(src, dst).ext(ExtHeader::Opts(built))));
        assert_eq!(plain.len(), 24);
    }

    /// RFC 6275 §6.4.1: a type 2 routing header follows another routing header, and a
    /// Destination Options header before that one (RFC 8200 §4.1: options for the routing
    /// header's destinations) stays before both. Before, the type 2 header went before the first
    /// Destination Options header, ahead of the other routing header.
    #[test]
    fn a_type_2_routing_header_follows_another_routing_header() {
        let (src, dst, hoa) = (addr("2001:db8:2::2"), addr("2001:db8::1"), addr("2001:db8:1::2"));
        let unknown = || Ipv6Opt::Other { ty: dissect::ipv6::OptType::Experimental1e, data: vec![1, 2] };
        let data = RoutingData::Type0 { reserved: 0, addresses: Vec::new(), trailer: Vec::new() };
        let rh0 = Routing { next_header: Auto::Computed, hdr_ext_len: Auto::Computed, segments_left: 0, data };
        let p = Ipv6Packet::new(src, dst).dest_option(unknown()).ext(ExtHeader::Routing(rh0)).type2(hoa);
        let type2 = |e: &ExtHeader<Vec<u8>>| matches!(e, ExtHeader::Routing(r) if matches!(r.data, RoutingData::Type2 { .. }));
        let kinds: Vec<(u8, bool)> = p.exts.iter().map(|e| (e.proto(), type2(e))).collect();
        assert_eq!(kinds, [(60, false), (43, false), (43, true)]);
        // Without another routing header: before the Home Address option's header, as before.
        let p = Ipv6Packet::new(src, dst).home_address(hoa).type2(hoa);
        assert_eq!(chain(&p), [(43, vec![]), (60, vec![201])]);
    }
}
