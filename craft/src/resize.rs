//! A field given a value of another size: the element that holds it re-framed through the
//! protocol model, every length around it computed by the model's own rules.
//!
//! The frame is parsed into its stack (`FrameRepr`); the innermost layer whose own octets hold
//! the field is found by emitting each layer alone; inside it, the innermost element with a
//! length of its own (a Mobility Header option, a Mobile IPv4 extension, an IPv6 option, a
//! Neighbor Discovery option, an Agent Advertisement extension) takes the new octets as its raw data with that length left
//! `Computed`, and the layer's own length (Header Len, Hdr Ext Len) too, padding laid out
//! again where the element has a padding rule (RFC 6275 §6.2 for Mobility Header options,
//! RFC 8200 §4.2 for IPv6 options). A Routing header's data is typed again by its own parser
//! with Hdr Ext Len computed (a type 0 address list that grows, an SRH's segments with the
//! Last Entry that counted them); a TCP option's data or the option area as a whole takes the
//! new octets with the Data Offset computed (the model's zero padding to a 32-bit boundary,
//! at most 40 octets of options). A field of an element with no length of its own (an ICMP
//! message's data, an undecoded payload) is spliced into the layer's octets. Every length below
//! (IPv6 Payload Length, IPv4 Total Length, UDP Length, PPPoE Length, Enhanced GRE's Payload
//! Length) is then computed, and the
//! frame emitted: re-parsing it types the changed element again through its row.
//!
//! Nothing here knows a length rule: a size the element cannot say (an ND option not a whole
//! number of 8-octet units, a Length past 255) is the model's emission error, and whether the
//! value reads back where it was set is the dissector's word ([`crate::edit`] checks it and
//! names the sizes that would).

use dissect::icmpv4::{encode_extensions, AgentExt, AgentExtType, AgentExts, Icmpv4Body};
use dissect::icmpv6::opt::{NdOpt, NdOptBody, NdOptions};
use dissect::icmpv6::Icmpv6Msg;
use dissect::ipv6::{ExtHeader, Ipv6Opt, OptList, Opts, Routing, RoutingData};
use dissect::link::linktype;
use dissect::mh::opt::base::BaseOpt;
use dissect::mh::opt::{MhOption, OptType};
use dissect::mh::MhBody;
use dissect::mip4::ext::{ExtBody, ExtHeader as Mip4ExtHeader, ExtType};
use dissect::model::{Auto, EmitCx};
use dissect::prefs::Prefs;
use dissect::stack::{compute_checksums, compute_lengths, FrameRepr, Layer};
use dissect::tcp::{encode_options, Tcp, TcpOption};

/// The frame `out` (of link type `linktype`) with the octets at `field` (offset, length) of the
/// field `name` replaced by `value`, of another length.
pub(crate) fn resize(
    name: &str,
    out: &[u8],
    linktype: u32,
    prefs: &Prefs,
    field: (usize, usize),
    value: &[u8],
) -> Result<Vec<u8>, String> {
    let (at, len) = field;
    let fixed = || format!("{name} is {len} octets here; what holds it cannot change size in an edit");
    let mut frame = FrameRepr::parse(linktype, out, prefs);
    let spans = own_spans(&frame, prefs).filter(|s| s.iter().map(|x| x.1).sum::<usize>() <= out.len()).ok_or_else(fixed)?;
    let idx = (0..spans.len()).rev().find(|&i| spans[i].0 <= at && at + len <= spans[i].0 + spans[i].1).ok_or_else(fixed)?;
    let (start, own) = spans[idx];
    let rel = at - start;
    let cx = EmitCx::new(prefs);
    let (below, above) = frame.layers.split_at_mut(idx);
    let layer = &mut above[0];
    match layer {
        Layer::Mh(mh) => mh_field(mh, &cx, rel, len, value, &fixed)?,
        Layer::Mip4(m) => {
            let mut head = m.clone();
            head.extensions.clear();
            head.trailer.clear();
            let mut pos = head.to_bytes(&cx).map_err(|e| e.to_string())?.len();
            let mut found = None;
            for (i, e) in m.extensions.iter().enumerate() {
                let mut eb = Vec::new();
                e.emit(&cx, &mut eb).map_err(|e| e.to_string())?;
                let mut data = Vec::new();
                e.body.emit(&mut data);
                let data_at = pos + eb.len() - data.len();
                if rel >= data_at && rel + len <= pos + eb.len() {
                    found = Some((i, rel - data_at, data, eb[0]));
                    break;
                }
                pos += eb.len();
            }
            let (i, inside, mut data, ty) = found.ok_or_else(fixed)?;
            data.splice(inside..inside + len, value.iter().copied());
            let e = &mut m.extensions[i];
            e.header = match e.header {
                Mip4ExtHeader::Short { .. } => Mip4ExtHeader::Short { length: Auto::Computed },
                Mip4ExtHeader::Long { sub, .. } => Mip4ExtHeader::Long { sub, length: Auto::Computed },
                Mip4ExtHeader::Padding => return Err(fixed()),
            };
            e.ty = Auto::Given(ExtType::from(ty));
            e.body = ExtBody::Data(data);
        }
        Layer::Ipv6Ext(ExtHeader::Opts(o)) => ipv6_option(o, rel, len, value, &fixed)?,
        Layer::Ipv6Ext(ExtHeader::Routing(r)) => routing(r, &cx, rel, len, value, &fixed)?,
        Layer::Tcp(t) => tcp_options(t, rel, len, value, &fixed)?,
        // A field of the whole packet an error quotes: resized in it as in a frame of its own
        // (a cut quote keeps its lengths: below).
        Layer::Icmpv6(m) if invoking_of(&m.msg).is_some_and(|q| rel >= own.saturating_sub(q.len()) && quote_whole(q, prefs)) => {
            if let Some(q) = invoking(&mut m.msg) {
                requote(q, name, rel - own.saturating_sub(q.len()), len, value, prefs)?;
            }
        }
        Layer::Icmpv4(m) if v4_quote(&m.body).is_some_and(|q| rel >= own.saturating_sub(q.len()) && quote_whole(q, prefs)) => {
            if let Some(q) = v4_invoking(&mut m.body) {
                requote(q, name, rel - own.saturating_sub(q.len()), len, value, prefs)?;
            }
        }
        Layer::Icmpv6(m) => {
            let options = nd_options(&mut m.msg);
            let area = options.as_ref().map_or(0, |o| o.wire_len());
            match options {
                Some(options) if rel >= own.saturating_sub(area) => {
                    nd_option(options, rel - own.saturating_sub(area), len, value, name)?
                }
                _ => *layer = spliced(out, (start, own), rel, len, value),
            }
        }
        Layer::Icmpv4(m) => {
            let code = m.code.value();
            match &mut m.body {
                Icmpv4Body::RouterAdvert(ra) if ra.has_extensions(code) && rel >= own.saturating_sub(ra.extensions.len()) => {
                    let area_at = own - ra.extensions.len();
                    ra.extensions = agent_extensions(&ra.extensions, rel - area_at, len, value, &fixed)?;
                }
                _ => *layer = spliced(out, (start, own), rel, len, value),
            }
        }
        // No length of their own: the octets change, the layers below count them.
        Layer::Data(_) => *layer = spliced(out, (start, own), rel, len, value),
        _ => return Err(fixed()),
    }
    compute_lengths(below);
    frame.emit(prefs).map_err(|e| e.why)
}

/// The invoking packet an ICMPv6 error quotes (RFC 4443 §3).
fn invoking(m: &mut Icmpv6Msg<Vec<u8>>) -> Option<&mut Vec<u8>> {
    match m {
        Icmpv6Msg::DestUnreachable { invoking, .. }
        | Icmpv6Msg::PacketTooBig { invoking, .. }
        | Icmpv6Msg::TimeExceeded { invoking, .. }
        | Icmpv6Msg::ParamProblem { invoking, .. } => Some(invoking),
        _ => None,
    }
}

fn invoking_of(m: &Icmpv6Msg<Vec<u8>>) -> Option<&Vec<u8>> {
    match m {
        Icmpv6Msg::DestUnreachable { invoking, .. }
        | Icmpv6Msg::PacketTooBig { invoking, .. }
        | Icmpv6Msg::TimeExceeded { invoking, .. }
        | Icmpv6Msg::ParamProblem { invoking, .. } => Some(invoking),
        _ => None,
    }
}

/// The invoking packet an ICMPv4 error or Redirect quotes (RFC 792), when no RFC 4884
/// extension structure follows it (its Length then counts a quote padded to 128 octets).
fn v4_invoking(b: &mut Icmpv4Body<Vec<u8>>) -> Option<&mut Vec<u8>> {
    match b {
        Icmpv4Body::Error { length: 0, invoking, .. } | Icmpv4Body::Redirect { invoking, .. } => Some(invoking),
        _ => None,
    }
}

fn v4_quote(b: &Icmpv4Body<Vec<u8>>) -> Option<&Vec<u8>> {
    match b {
        Icmpv4Body::Error { length: 0, invoking, .. } | Icmpv4Body::Redirect { invoking, .. } => Some(invoking),
        _ => None,
    }
}

/// The quoted packet `q` with the field at `rel` (from its first octet) resized as in a frame
/// of its own (raw IP), its lengths and checksums computed.
fn requote(q: &mut Vec<u8>, name: &str, rel: usize, len: usize, value: &[u8], prefs: &Prefs) -> Result<(), String> {
    let mut quote = FrameRepr::parse(linktype::RAW, &resize(name, q, linktype::RAW, prefs, (rel, len), value)?, prefs);
    compute_checksums(&mut quote.layers);
    *q = quote.emit(prefs).map_err(|e| e.why)?;
    Ok(())
}

/// Whether a quoted packet is whole: its lengths, computed, are the ones it has (a quote cut
/// to fit the minimum MTU keeps the lengths of the packet that was sent, which an edit of the
/// quote cannot know).
fn quote_whole(q: &[u8], prefs: &Prefs) -> bool {
    let mut f = FrameRepr::parse(linktype::RAW, q, prefs);
    compute_lengths(&mut f.layers);
    f.emit(prefs).is_ok_and(|again| again == q)
}

/// Where each layer's own octets are (start, length): emitted alone, without what it carries
/// and without the octets an IP or PPPoE layer keeps after its payload (which come last).
fn own_spans(frame: &FrameRepr, prefs: &Prefs) -> Option<Vec<(usize, usize)>> {
    let mut at = 0;
    let mut spans = Vec::with_capacity(frame.layers.len());
    for l in &frame.layers {
        let alone = FrameRepr { linktype: frame.linktype, layers: vec![l.clone()] }.emit(prefs).ok()?;
        let trailer = match l {
            Layer::Ipv6 { trailer, .. } => trailer.len(),
            Layer::Ipv4(v) => v.trailer.len(),
            Layer::PppoeSession(p) => p.trailer.len(),
            _ => 0,
        };
        let n = alone.len().checked_sub(trailer)?;
        spans.push((at, n));
        at += n;
    }
    Some(spans)
}

/// The layer's own octets with the field's replaced, as data (its element read again when the
/// frame is parsed).
fn spliced(out: &[u8], (start, own): (usize, usize), rel: usize, len: usize, value: &[u8]) -> Layer {
    let mut b = out[start..start + own].to_vec();
    b.splice(rel..rel + len, value.iter().copied());
    Layer::Data(b)
}

fn is_mh_pad(o: &MhOption) -> bool {
    matches!(o, MhOption::Base(BaseOpt::Pad1(_) | BaseOpt::PadN(_)))
}

/// A field of a Mobility Header (`rel` from its first octet): inside an option, the option
/// re-framed through its row; inside the message's own data, the message read again from its
/// new octets. Either way the options are laid out again with their padding and Header Len
/// computed.
fn mh_field(
    mh: &mut dissect::mh::MhRepr,
    cx: &EmitCx,
    rel: usize,
    len: usize,
    value: &[u8],
    fixed: &dyn Fn() -> String,
) -> Result<(), String> {
    let mut body = Vec::new();
    mh.body.emit(&mut body).map_err(|e| e.to_string())?;
    let mut pos = 6 + body.len();
    if rel >= 6 && rel + len <= pos {
        // The message's own variable part: the body read again by its row on the next parse.
        let mh_type = dissect::mh::MhType::from(mh.body.mh_type(cx.prefs));
        body.splice(rel - 6..rel - 6 + len, value.iter().copied());
        mh.body = MhBody::Raw { mh_type, data: body };
    } else {
        let mut found = None;
        for (i, o) in mh.options.iter().enumerate() {
            let mut ob = Vec::new();
            o.emit(cx, &mut ob).map_err(|e| e.to_string())?;
            if rel >= pos + 2 && rel + len <= pos + ob.len() {
                found = Some((i, rel - pos, ob));
                break;
            }
            pos += ob.len();
        }
        let (i, inside, mut ob) = found.ok_or_else(fixed)?;
        if is_mh_pad(&mh.options[i]) {
            return Err("padding is laid out again when a value changes size, not set (set a PadN of the same size)".into());
        }
        // The option's data with the value in it, its Length by its type's row (octets, or
        // RFC 7411's words), then typed again by that row.
        let mut data = ob.split_off(2);
        data.splice(inside - 2..inside - 2 + len, value.iter().copied());
        let raw = MhOption::Raw { kind: OptType::from(ob[0]), length: Auto::Computed, data };
        let mut wire = Vec::new();
        raw.emit(cx, &mut wire).map_err(|e| e.to_string())?;
        mh.options[i] = match MhOption::parse_in(&wire, cx.prefs) {
            Ok(([], o)) => o,
            _ => return Err(format!("its option cannot hold a value of {} octets", value.len())),
        };
    }
    mh.options.retain(|o| !is_mh_pad(o));
    mh.padding = Auto::Computed;
    mh.hdr_len = Auto::Computed;
    Ok(())
}

/// A field of an option of a Hop-by-Hop or Destination Options header (`rel` from the
/// header's first octet): the option takes the new data, and the options are laid out again
/// (RFC 8200 §4.2: each at its alignment, Pad1/PadN between, the header a multiple of 8
/// octets) with the PadN that was set, if it was one, kept at its new size.
fn ipv6_option(o: &mut Opts<Vec<u8>>, rel: usize, len: usize, value: &[u8], fixed: &dyn Fn() -> String) -> Result<(), String> {
    let owned = o.to_owned();
    let OptList::Items { options, trailer } = &owned.options else { return Err(fixed()) };
    if !trailer.is_empty() {
        return Err(format!("{} has octets after its last option; they are not laid out again", kind_name(o)));
    }
    let mut at = 2;
    let mut found = None;
    for (i, opt) in options.iter().enumerate() {
        if rel >= at + 2 && rel + len <= at + opt.wire_len() {
            found = Some((i, rel - at - 2));
        }
        at += opt.wire_len();
    }
    let (i, inside) = found.ok_or_else(fixed)?;
    let mut data = Vec::new();
    options[i].emit(&mut data).map_err(|e| e.to_string())?;
    let mut data = data.split_off(2);
    data.splice(inside..inside + len, value.iter().copied());
    let set_pad = matches!(options[i], Ipv6Opt::PadN(_));
    let new = if set_pad { Ipv6Opt::PadN(data) } else { Ipv6Opt::Other { ty: options[i].ty(), data } };
    // Typed again by the option's own parser (its Length from the data).
    let mut wire = Vec::new();
    new.emit(&mut wire).map_err(|e| e.to_string())?;
    let new = Ipv6Opt::parse(&wire).map_err(|_| fixed())?.0.to_owned();
    let kept = options.iter().enumerate().filter_map(|(j, x)| match (j == i, x) {
        (true, _) => Some(new.clone()),
        (false, Ipv6Opt::Pad1 | Ipv6Opt::PadN(_)) => None,
        (false, x) => Some(x.clone()),
    });
    let mut laid = Opts::new(o.kind, kept);
    laid.next_header = o.next_header;
    *o = laid;
    Ok(())
}

/// A field of a Routing header after its Segments Left (`rel` from the header's first octet):
/// the type-specific data takes the new octets and is typed again by the header's own parser
/// (type 0 addresses, a type 2 home address, SRH segments and TLVs, another type's data), Hdr
/// Ext Len computed in 8-octet units (RFC 8200 §4.4: a size it cannot say is the model's
/// emission error). Segments Left stays as it was; an SRH's Last Entry is computed again when
/// it counted the segments before.
fn routing(
    r: &mut Routing<Vec<u8>>,
    cx: &EmitCx,
    rel: usize,
    len: usize,
    value: &[u8],
    fixed: &dyn Fn() -> String,
) -> Result<(), String> {
    let mut wire = Vec::new();
    r.emit(&[], cx, &mut wire).map_err(|e| e.to_string())?;
    if rel < 4 || rel + len > wire.len() {
        return Err(fixed());
    }
    // An SRH's Last Entry that counted the segments, and the change inside the segment list:
    // the new count, so that the parse below reads the segments (not TLVs) where they are.
    let recount = match &r.data {
        RoutingData::Srh { last_entry: Auto::Given(l), segments, .. }
            if usize::from(*l) + 1 == segments.len() / 16 && rel >= 8 && rel + len <= 8 + segments.len() =>
        {
            (segments.len() + value.len()).checked_sub(len).filter(|n| n % 16 == 0 && *n > 0).map(|n| n / 16 - 1)
        }
        _ => None,
    };
    let mut data = wire.split_off(4);
    data.splice(rel - 4..rel - 4 + len, value.iter().copied());
    if let Some(last) = recount {
        data[0] = u8::try_from(last).map_err(|_| "an SRH holds at most 256 segments (Last Entry is one octet)".to_string())?;
    }
    let raw = Routing {
        next_header: r.next_header,
        hdr_ext_len: Auto::Computed,
        segments_left: r.segments_left,
        data: RoutingData::Other { ty: r.routing_type(), data },
    };
    let mut wire = Vec::new();
    raw.emit(&[], cx, &mut wire).map_err(|e| e.to_string())?;
    let (mut new, _) = Routing::parse(&wire).map_err(|c| c.to_string())?;
    new.hdr_ext_len = Auto::Computed;
    if let (RoutingData::Srh { last_entry, .. }, Some(_)) = (&mut new.data, recount) {
        *last_entry = Auto::Computed;
    }
    *r = new.to_owned();
    Ok(())
}

/// A field of a TCP header's options (`rel` from the header's first octet): inside an
/// option's data, the option takes the new data with its Length computed; otherwise (the
/// option area as a whole, `tcp.options`) the area is the new octets. The End of Option List
/// padding after the last option goes, and the Data Offset is computed: the model pads with
/// zero octets (End of Option List, RFC 9293 §3.1) to a 32-bit boundary, and more than 40
/// octets of options is its emission error.
fn tcp_options(t: &mut Tcp<Vec<u8>>, rel: usize, len: usize, value: &[u8], fixed: &dyn Fn() -> String) -> Result<(), String> {
    let area_at = Tcp::<Vec<u8>>::FIXED_LEN;
    if rel < area_at || rel + len > area_at + t.options.len() {
        return Err(fixed());
    }
    let (rel, mut list) = (rel - area_at, t.options().map(|o| o.to_owned()).collect::<Vec<_>>());
    let mut at = 0;
    let mut found = None;
    for (i, o) in list.iter().enumerate() {
        if matches!(o, TcpOption::Other { len: Auto::Given(l), data, .. } if usize::from(*l) == data.len() + 2)
            && rel >= at + 2
            && rel + len <= at + o.wire_len()
        {
            found = Some((i, rel - at - 2));
        }
        at += o.wire_len();
    }
    t.options = match found {
        Some((i, inside)) => {
            let TcpOption::Other { kind, data, .. } = &list[i] else { return Err(fixed()) };
            let mut data = data.clone();
            data.splice(inside..inside + len, value.iter().copied());
            list[i] = TcpOption::Other { kind: *kind, len: Auto::Computed, data };
            while matches!(list.last(), Some(TcpOption::Eol)) {
                list.pop();
            }
            encode_options(&list).map_err(|e| e.to_string())?
        }
        None => {
            let mut area = t.options.clone();
            area.splice(rel..rel + len, value.iter().copied());
            area
        }
    };
    t.data_offset = Auto::Computed;
    Ok(())
}

fn kind_name(o: &Opts<Vec<u8>>) -> &'static str {
    match o.kind {
        dissect::ipv6::OptsKind::HopByHop => "the Hop-by-Hop Options header",
        dissect::ipv6::OptsKind::Destination => "the Destination Options header",
    }
}

/// The options of an ICMPv6 message that carries Neighbor Discovery options.
fn nd_options(m: &mut Icmpv6Msg<Vec<u8>>) -> Option<&mut NdOptions<Vec<u8>>> {
    use Icmpv6Msg as M;
    Some(match m {
        M::RouterSolicitation(w) => &mut w.options,
        M::RouterAdvertisement(w) => &mut w.options,
        M::NeighborSolicitation(w) => &mut w.options,
        M::NeighborAdvertisement(w) => &mut w.options,
        M::Redirect(w) => &mut w.options,
        M::MobilePrefixSolicitation(w) => &mut w.options,
        M::MobilePrefixAdvertisement(w) => &mut w.options,
        _ => return None,
    })
}

/// A field of a Neighbor Discovery option (`rel` from the options' first octet): the option
/// takes the new data with its Length computed, in 8-octet units (RFC 4861 §4.6): a size the
/// units cannot say is the option's emission error.
fn nd_option(options: &mut NdOptions<Vec<u8>>, rel: usize, len: usize, value: &[u8], name: &str) -> Result<(), String> {
    let owned = options.to_owned();
    let NdOptions::Items { options: mut list, trailer } = owned else {
        return Err(format!("{name}: its options could not be read"));
    };
    let mut at = 0;
    let mut found = None;
    for (i, o) in list.iter().enumerate() {
        if rel >= at + 2 && rel + len <= at + o.wire_len() {
            found = Some((i, rel - at - 2));
        }
        at += o.wire_len();
    }
    let (i, inside) = found.ok_or_else(|| format!("{name} is {len} octets here; what holds it cannot change size in an edit"))?;
    let mut wire = Vec::new();
    list[i].emit(&mut wire).map_err(|e| e.to_string())?;
    let mut data = wire.split_off(2);
    data.splice(inside..inside + len, value.iter().copied());
    let new = NdOpt { len: Auto::Computed, body: NdOptBody::Other { ty: list[i].ty(), data } };
    let mut wire = Vec::new();
    new.emit(&mut wire)
        .map_err(|_| format!("an ND option is a whole number of 8-octet units (RFC 4861 §4.6), not {} octets", new.wire_len()))?;
    list[i] = NdOpt::parse(&wire).map_err(|c| c.to_string())?.0.to_owned();
    *options = NdOptions::Items { options: list, trailer };
    Ok(())
}

/// A field of an Agent Advertisement extension (`rel` from the extensions' first octet, RFC
/// 5944 §2.1): the extension takes the new data with its Length computed; the others are
/// emitted as they were.
fn agent_extensions(area: &[u8], rel: usize, len: usize, value: &[u8], fixed: &dyn Fn() -> String) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(area.len() + value.len());
    let mut found = false;
    for e in AgentExts::new(area) {
        let at = out.len();
        let mut wire = encode_extensions(&[e]).map_err(|e| e.to_string())?;
        let framed = !matches!(e, AgentExt::Padding | AgentExt::Unframed(_));
        if framed && !found && rel >= at + 2 && rel + len <= at + wire.len() {
            found = true;
            let mut data = wire.split_off(2);
            data.splice(rel - at - 2..rel - at - 2 + len, value.iter().copied());
            let new = AgentExt::Other { ty: AgentExtType::from(wire[0]), length: Auto::Computed, data };
            wire = encode_extensions(&[new]).map_err(|e| e.to_string())?;
        }
        out.extend_from_slice(&wire);
    }
    if found {
        Ok(out)
    } else {
        Err(fixed())
    }
}
