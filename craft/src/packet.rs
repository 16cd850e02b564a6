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

    /// A Home Address option (RFC 6275 §6.3) in the last Destination Options header, added at
    /// the end of the chain when there is none; placed at 8n+6 with padding.
    pub fn home_address(self, hoa: Ipv6Addr) -> Self {
        self.dest_option(Ipv6Opt::HomeAddress(Ip6(hoa.octets())))
    }

    /// An option in the last Destination Options header (one is added when there is none),
    /// placed at its alignment; the header is re-padded to 8 octets.
    pub fn dest_option(mut self, opt: Ipv6Opt<Vec<u8>>) -> Self {
        let last = self.exts.iter().rposition(|e| matches!(e, ExtHeader::Opts(o) if o.kind == OptsKind::Destination));
        match last {
            Some(i) => {
                if let ExtHeader::Opts(o) = &mut self.exts[i] {
                    // Laid out again from the options without their padding.
                    let mut options: Vec<Ipv6Opt<Vec<u8>>> = o
                        .options()
                        .filter_map(Result::ok)
                        .filter(|(_, x)| !matches!(x, Ipv6Opt::Pad1 | Ipv6Opt::PadN(_)))
                        .map(|(_, x)| x.to_owned())
                        .collect();
                    options.push(opt);
                    *o = Opts::new(OptsKind::Destination, options);
                }
            }
            None => self.exts.push(ExtHeader::Opts(Opts::new(OptsKind::Destination, [opt]))),
        }
        self
    }

    /// A type 2 routing header to `hoa` (RFC 6275 §6.4), placed before any Fragment and final
    /// Destination Options header as RFC 8200 §4.1 orders them.
    pub fn type2(mut self, hoa: Ipv6Addr) -> Self {
        let at = self
            .exts
            .iter()
            .position(|e| {
                matches!(e, ExtHeader::Fragment(_) | ExtHeader::Ah(_) | ExtHeader::Esp(_))
                    || matches!(e, ExtHeader::Opts(o) if o.kind == OptsKind::Destination)
            })
            .unwrap_or(self.exts.len());
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
