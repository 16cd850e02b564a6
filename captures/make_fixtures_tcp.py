#!/usr/bin/env python3
"""Fixture capture for TCP (RFC 9293), PPPoE/PPP (RFC 2516, RFC 1661) and VXLAN / VXLAN-GPE
(RFC 7348, draft-ietf-nvo3-vxlan-gpe) carrying Mobile IPv6 / PMIPv6 / Mobile IPv4 signalling.

Writes captures/crafted/tcp-tunnels.pcapng and rewrites its own section of
captures/crafted/README.md (between the begin/end markers), or appends it once.

Every TCP checksum is computed over the pseudo-header the receiver uses: for IPv6 with a Home
Address option the home address is the source (RFC 6275 6.3), with a type 2 routing header the
home address is the destination (RFC 6275 6.4, RFC 8200 8.1), except in the one frame whose
checksum is deliberately wrong. `verify()` re-reads every frame with its own parser (walking
the IPv6 extension headers from the bytes) and checks each TCP checksum independently of the
builders; it runs on every generation. Deterministic: re-running reproduces the file bit for bit.
"""

import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import make_fixtures_optext as ox  # noqa: E402
from make_fixtures import (  # noqa: E402
    BA_P, BU_A, BU_H, BU_P, CN, COA, HOA, MAC_AR, MAC_MN, OUT, Pcapng, a4, a6, body_ba, body_bu, dstopts, eth,
    inet_checksum, ipv4, ipv4_rrq_packet, ipv6, mh, opt_hao, pkt_bu_hao, pseudo4, pseudo6, rh2, udp4,
)

NAME = "tcp-tunnels.pcapng"

# IPv4 hosts of the plain TCP handshake.
H4_CLIENT, H4_SERVER = "192.0.2.10", "198.51.100.80"
# VXLAN tunnel endpoints (IPv4 underlay).
VTEP_A, VTEP_B = "192.0.2.1", "198.51.100.1"
MAC_VTEP_A, MAC_VTEP_B = bytes.fromhex("020000000021"), bytes.fromhex("020000000022")
MAC_MAG, MAC_LMA = bytes.fromhex("020000000010"), bytes.fromhex("020000000011")
MAC_BRAS = bytes.fromhex("020000000030")
MAG4, LMA4 = "192.0.2.4", "198.51.100.5"

# ---------------------------------------------------------------- TCP (RFC 9293 3.1)
#  0                   1                   2                   3
#  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
# +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
# |          Source Port          |       Destination Port        |
# |                        Sequence Number                        |
# |                    Acknowledgment Number                      |
# |  Data |       |C|E|U|A|P|R|S|F|                               |
# | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
# |           Checksum            |         Urgent Pointer        |
# |                           [Options]                           |
FIN, SYN, RST, PSH, ACK, URG, ECE, CWR = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80


def tcp(sport, dport, seq, ack, flags, window, options=b"", payload=b"", urg=0, doff=None):
    """A TCP segment with a zero checksum; options are padded with zeros (EOL) to 4n."""
    opts = options + bytes((-len(options)) % 4)
    off = 5 + len(opts) // 4 if doff is None else doff
    hdr = struct.pack("!HHIIHHHH", sport, dport, seq, ack, (off << 12) | flags, window, 0, urg)
    return hdr + opts + payload


def with_checksum(seg, pseudo):
    c = inet_checksum(pseudo + seg)
    return seg[:16] + struct.pack("!H", c) + seg[18:]


def tcp6(seg, psrc, pdst):
    return with_checksum(seg, pseudo6(a6(psrc), a6(pdst), len(seg), 6))


def tcp4(seg, src, dst):
    return with_checksum(seg, pseudo4(a4(src), a4(dst), len(seg), 6))


# Options (RFC 9293 3.2; RFC 7323 for Window Scale and Timestamps; RFC 2018 for SACK)
def o_mss(v):
    return struct.pack("!BBH", 2, 4, v)


def o_ws(shift):
    return struct.pack("!BBB", 3, 3, shift)


def o_sack_perm():
    return b"\x04\x02"


def o_sack(blocks):
    return struct.pack("!BB", 5, 2 + 8 * len(blocks)) + b"".join(struct.pack("!II", le, re) for le, re in blocks)


def o_ts(val, ecr):
    return struct.pack("!BBII", 8, 10, val, ecr)


NOP, EOL = b"\x01", b"\x00"


# ---------------------------------------------------------------- PPPoE / PPP
# RFC 2516 4: | VER | TYPE | CODE | SESSION_ID | LENGTH | payload (LENGTH octets)
def pppoe(code, session, payload):
    return struct.pack("!BBHH", 0x11, code, session, len(payload)) + payload


def ppp(proto, payload):
    # RFC 2516 7: the PPP payload of a session frame starts with the PPP Protocol field (no
    # Address/Control octets, RFC 1661 2).
    return struct.pack("!H", proto) + payload


def pppoed_tag(tag, value):
    # RFC 2516 A: TAG_TYPE (16), TAG_LENGTH (16), TAG_VALUE
    return struct.pack("!HH", tag, len(value)) + value


# ---------------------------------------------------------------- VXLAN / VXLAN-GPE
def vxlan(vni, inner):
    # RFC 7348 5: |R|R|R|R|I|R|R|R| Reserved (24) | VNI (24) | Reserved (8)
    return struct.pack("!B3sI", 0x08, b"\x00\x00\x00", vni << 8) + inner


def vxlan_gpe(vni, next_proto, inner, flags=0x0C):
    # draft-ietf-nvo3-vxlan-gpe-12 3.3: |R|R|Ver|I|P|B|O| Reserved (16) | Next Protocol |
    # VNI (24) | Reserved (8); I and P set.  Next Protocol 1 IPv4, 2 IPv6, 3 Ethernet.
    return struct.pack("!BHBI", flags, 0, next_proto, vni << 8) + inner


# ---------------------------------------------------------------- frames
def tcp_ro_hao():
    # RFC 6275 9.3.1 / 6.3: route-optimised data MN -> CN, sent from the care-of address with a
    # Home Address option; the checksum uses the home address as the source.
    seg = tcp(40000, 50007, 0x10000000, 0x20000000, PSH | ACK, 512, NOP + NOP + o_ts(1000, 2000), b"route-optimised\n")
    return ipv6(COA, CN, [dstopts([opt_hao(HOA)])], 6, tcp6(seg, HOA, CN))


def tcp_ro_rh2():
    # RFC 6275 6.4: CN -> MN through a type 2 routing header; the checksum uses the home
    # address (the final destination) as the destination.
    seg = tcp(50007, 40000, 0x20000000, 0x10000010, ACK, 1024, NOP + NOP + o_ts(2001, 1000), b"reply\n")
    return ipv6(CN, COA, [rh2(HOA)], 6, tcp6(seg, CN, HOA))


def tcp_ro_hao_bad():
    # The same route-optimised segment with its checksum computed over the care-of address (as
    # if the Home Address option were ignored): wrong for the receiver.
    seg = tcp(40000, 50007, 0x10000010, 0x20000006, PSH | ACK, 512, NOP + NOP + o_ts(1002, 2001), b"wrong sum\n")
    return ipv6(COA, CN, [dstopts([opt_hao(HOA)])], 6, tcp6(seg, COA, CN))


SYN_OPTS = o_mss(1460) + o_sack_perm() + o_ts(3000, 0) + NOP + o_ws(7)


def hs_syn():
    # RFC 3168 6.1.1: an ECN-setup SYN carries ECE and CWR.
    seg = tcp(40000, 50007, 0xA0000000, 0, SYN | ECE | CWR, 64240, SYN_OPTS)
    return ipv4(H4_CLIENT, H4_SERVER, 6, tcp4(seg, H4_CLIENT, H4_SERVER))


def hs_synack():
    opts = o_mss(1400) + o_sack_perm() + o_ts(4000, 3000) + NOP + o_ws(8)
    seg = tcp(50007, 40000, 0xB0000000, 0xA0000001, SYN | ACK | ECE, 65160, opts)
    return ipv4(H4_SERVER, H4_CLIENT, 6, tcp4(seg, H4_SERVER, H4_CLIENT))


def hs_ack():
    seg = tcp(40000, 50007, 0xA0000001, 0xB0000001, ACK, 502, NOP + NOP + o_ts(3001, 4000))
    return ipv4(H4_CLIENT, H4_SERVER, 6, tcp4(seg, H4_CLIENT, H4_SERVER))


def data_sack():
    # Two SACK blocks (RFC 2018 3) after the timestamps; a full-sized 40-octet option space.
    opts = NOP + NOP + o_ts(4010, 3001) + NOP + NOP + o_sack([(0xA0000101, 0xA0000201), (0xA0000301, 0xA0000401)])
    seg = tcp(50007, 40000, 0xB0000001, 0xA0000001, ACK, 509, opts, b"x" * 8)
    return ipv4(H4_SERVER, H4_CLIENT, 6, tcp4(seg, H4_SERVER, H4_CLIENT))


def urg_unknown_eol():
    # URG with an urgent pointer, FIN, an option tshark 4.0 does not know (kind 99, 3 data
    # octets), then End of Option List and one zero octet of padding.
    opts = NOP + struct.pack("!BB", 99, 5) + b"\xde\xad\xbe" + EOL
    seg = tcp(40000, 50007, 0xA0000001, 0xB0000009, URG | ACK | PSH | FIN, 502, opts, b"!urgent!", urg=8)
    return ipv4(H4_CLIENT, H4_SERVER, 6, tcp4(seg, H4_CLIENT, H4_SERVER))


def rst():
    seg = tcp(50007, 40000, 0xB0000009, 0xA000000A, RST | ACK, 0)
    return ipv4(H4_SERVER, H4_CLIENT, 6, tcp4(seg, H4_SERVER, H4_CLIENT))


def bad_doff_small():
    # Data Offset 4 (16 octets): below the 5 words of the fixed header.
    seg = tcp(40001, 50007, 1, 0, SYN, 1024, doff=4)
    return ipv4(H4_CLIENT, H4_SERVER, 6, tcp4(seg, H4_CLIENT, H4_SERVER))


def bad_doff_past():
    # Data Offset 15 (60 octets) in a 24-octet segment: the header runs past the segment.
    seg = tcp(40002, 50007, 2, 0, SYN, 1024, o_mss(1460), doff=15)
    return ipv4(H4_CLIENT, H4_SERVER, 6, tcp4(seg, H4_CLIENT, H4_SERVER))


def oddities():
    # No ACK flag but a nonzero Acknowledgment Number, no URG flag but a nonzero Urgent Pointer,
    # a Window Scale shift of 15 (RFC 7323 2.3: at most 14), a Timestamps option of Length 6
    # (must be 10), End of Option List followed by a nonzero octet (padding must be zero).
    opts = o_ws(15) + struct.pack("!BB", 8, 6) + b"\x00\x00\x00\x01" + EOL + b"\x05\x00"
    seg = tcp(40003, 50007, 3, 0x12345678, PSH, 1024, opts, b"odd", urg=5)
    return ipv4(H4_CLIENT, H4_SERVER, 6, tcp4(seg, H4_CLIENT, H4_SERVER))


def pppoe_bu():
    # A Binding Update (with its Home Address option) from the MN on a PPPoE access line.
    return eth(MAC_BRAS, MAC_MN, 0x8864, pppoe(0x00, 0x1234, ppp(0x0057, pkt_bu_hao(seq=60))))


def pppoe_rrq():
    # A Mobile IPv4 Registration Request (UDP 434) over PPPoE/PPP IPv4.
    return eth(MAC_BRAS, MAC_MN, 0x8864, pppoe(0x00, 0x1234, ppp(0x0021, ipv4_rrq_packet())))


def pppoe_padi():
    # RFC 2516 5.1 PADI: code 0x09, session 0, tags Service-Name (empty) and Host-Uniq.
    tags = pppoed_tag(0x0101, b"") + pppoed_tag(0x0103, bytes.fromhex("cafe0001"))
    return eth(b"\xff" * 6, MAC_MN, 0x8863, pppoe(0x09, 0x0000, tags))


def pppoe_raw():
    # PPP protocol 0x4021 (Stacker LZS compressed datagram, RFC 1974): shown raw, as tshark does.
    return eth(MAC_BRAS, MAC_MN, 0x8864, pppoe(0x00, 0x1234, ppp(0x4021, bytes.fromhex("0001a5a5a5a5"))))


def pbu6():
    return ox.pbu(30, [ox.mnid(1, ox.NAI), ox.hnp(), ox.hi(1), ox.att(4), ox.pmip_ts(0x6955B900, 0)])


def pba6():
    return ox.pba(30, [ox.mnid(1, ox.NAI), ox.hnp(), ox.hi(1), ox.att(4), ox.pmip_ts(0x6955B900, 0)])


def pbu4():
    # RFC 5844 3: the PBU over IPv4 transport, in UDP port 5436.
    opts = [ox.mnid(1, ox.NAI), ox.hnp(), ox.hi(1), ox.att(4), ox.pmip_ts(0x6955B900, 0)]
    m = mh(5, body_bu(31, BU_A | BU_H | BU_P, 100), opts)
    return ipv4(MAG4, LMA4, 17, udp4(MAG4, LMA4, 5436, 5436, m))


def underlay(src, dst, sport, dport, payload, up=True):
    u = udp4(src, dst, sport, dport, payload)
    macs = (MAC_VTEP_B, MAC_VTEP_A) if up else (MAC_VTEP_A, MAC_VTEP_B)
    return eth(macs[0], macs[1], 0x0800, ipv4(src, dst, 17, u))


def vx_pbu():
    inner = eth(MAC_LMA, MAC_MAG, 0x86DD, pbu6())
    return underlay(VTEP_A, VTEP_B, 49152, 4789, vxlan(5000, inner))


def vx_pba():
    inner = eth(MAC_MAG, MAC_LMA, 0x86DD, pba6())
    return underlay(VTEP_B, VTEP_A, 49153, 4789, vxlan(5000, inner), up=False)


def gpe_pbu6():
    return underlay(VTEP_A, VTEP_B, 49154, 4790, vxlan_gpe(6000, 2, pbu6()))


def gpe_pba_eth():
    inner = eth(MAC_MAG, MAC_LMA, 0x86DD, pba6())
    return underlay(VTEP_B, VTEP_A, 49155, 4790, vxlan_gpe(6000, 3, inner), up=False)


def gpe_pbu4():
    return underlay(VTEP_A, VTEP_B, 49156, 4790, vxlan_gpe(6001, 1, pbu4()))


def e6(pkt, up=True):
    return eth(MAC_AR, MAC_MN, 0x86DD, pkt) if up else eth(MAC_MN, MAC_AR, 0x86DD, pkt)


def e4(pkt, up=True):
    return eth(MAC_AR, MAC_MN, 0x0800, pkt) if up else eth(MAC_MN, MAC_AR, 0x0800, pkt)


def frames():
    return [
        (e6(tcp_ro_hao()), "IPv6 CoA -> CN with Destination Options [Home Address 2001:db8:1::100], TCP 40000 -> 50007 [PSH, ACK] "
         "seq 0x10000000 ack 0x20000000, NOP NOP Timestamps, 16 data octets; checksum over the home address (correct)"),
        (e6(tcp_ro_rh2(), up=False), "IPv6 CN -> CoA with a type 2 routing header [2001:db8:1::100], TCP 50007 -> 40000 [ACK], "
         "6 data octets; checksum over the home address as destination (correct)"),
        (e6(tcp_ro_hao_bad()), "as frame 1, next segment, but the checksum was computed over the care-of address: wrong "
         "(tcp.checksum_bad.expert)"),
        (e4(hs_syn()), "IPv4 192.0.2.10 -> 198.51.100.80 TCP 40000 -> 50007 [SYN, ECE, CWR] seq 0xa0000000, window 64240, "
         "MSS 1460, SACK permitted, Timestamps 3000/0, NOP, Window scale 7"),
        (e4(hs_synack(), up=False), "SYN-ACK [SYN, ACK, ECE] seq 0xb0000000 ack 0xa0000001, MSS 1400, SACK permitted, "
         "Timestamps 4000/3000, NOP, Window scale 8"),
        (e4(hs_ack()), "ACK, NOP NOP Timestamps 3001/4000, Len 0"),
        (e4(data_sack(), up=False), "ACK with 8 data octets, NOP NOP Timestamps, NOP NOP SACK with two blocks "
         "(0xa0000101-0xa0000201, 0xa0000301-0xa0000401): 40 octets of options"),
        (e4(urg_unknown_eol()), "[FIN, PSH, ACK, URG] urgent pointer 8, options NOP, unknown kind 99 (length 5), "
         "End of Option List, one zero octet of padding; 8 data octets"),
        (e4(rst(), up=False), "[RST, ACK], window 0"),
        (e4(bad_doff_small()), "SYN with Data Offset 4 (16 octets, below the minimum 5): tcp.bogus_header_length"),
        (e4(bad_doff_past()), "SYN with Data Offset 15 (60 octets) in a 24-octet segment: header past the segment"),
        (e4(oddities()), "[PSH] with Acknowledgment Number 0x12345678 (no ACK flag), Urgent Pointer 5 (no URG flag), "
         "Window scale shift 15, Timestamps option of Length 6, EOL followed by a nonzero octet; 3 data octets"),
        (pppoe_bu(), "PPPoE session 0x1234 (0x8864), PPP protocol 0x0057 (IPv6): BU seq 60 CoA -> HA with Home Address option"),
        (pppoe_rrq(), "PPPoE session 0x1234, PPP protocol 0x0021 (IPv4): Mobile IPv4 Registration Request (UDP 434) "
         "192.0.2.20 -> 198.51.100.1"),
        (pppoe_padi(), "PPPoE Discovery (0x8863) PADI (code 0x09), session 0, tags Service-Name (empty) and Host-Uniq cafe0001"),
        (pppoe_raw(), "PPPoE session 0x1234, PPP protocol 0x4021 (Stacker LZS, RFC 1974): PPP payload shown raw"),
        (vx_pbu(), "IPv4 192.0.2.1 -> 198.51.100.1 UDP 49152 -> 4789 VXLAN (I, VNI 5000), inner Ethernet, IPv6 PBU "
         "MAG 2001:db8:4::4 -> LMA 2001:db8:5::5 seq 30 (A H P) with MN-ID, HNP, HI, ATT, Timestamp"),
        (vx_pba(), "VXLAN VNI 5000 back: inner Ethernet, IPv6 PBA LMA -> MAG seq 30, status 0 (P)"),
        (gpe_pbu6(), "UDP 49154 -> 4790 VXLAN-GPE (I P, VNI 6000, next protocol 2 IPv6): the PBU seq 30 directly"),
        (gpe_pba_eth(), "VXLAN-GPE (VNI 6000, next protocol 3 Ethernet): inner Ethernet, the PBA seq 30"),
        (gpe_pbu4(), "VXLAN-GPE (VNI 6001, next protocol 1 IPv4): IPv4 192.0.2.4 -> 198.51.100.5 UDP 5436 PBU seq 31 "
         "(RFC 5844)"),
        # Snap-length cuts (caplen < origlen): the segment length is the IP header's, not the
        # capture's (RFC 9293 3.1), and a cut inside the header is the cut, not a bad header.
        (e6(tcp_ro_hao()), "frame 1 captured with a snap length of 116 (of 126): tcp.len 16 from the IPv6 Payload "
         "Length, 6 of the data octets captured", 116),
        (e4(data_sack(), up=False), "frame 7 captured with a snap length of 75 (of 94): cut inside the SACK option, "
         "tcp.len 8 from the IPv4 Total Length", 75),
    ]


# ---------------------------------------------------------------- independent check
def verify(data):
    """Parses one Ethernet frame from scratch and returns [(checksum ok, segment)] for every TCP
    segment found (through PPPoE, VXLAN and VXLAN-GPE); the pseudo-header source is the Home
    Address option's address when present, the destination the last routing-header address."""
    found = []

    def l3(ty, b):
        if ty == 0x0800:
            ihl = (b[0] & 15) * 4
            total = struct.unpack("!H", b[2:4])[0]
            src, dst, proto, body = b[12:16], b[16:20], b[9], b[ihl:total]
            if proto == 6:
                ok = inet_checksum(src + dst + bytes([0, 6]) + struct.pack("!H", len(body)) + body) == 0
                found.append((ok, body))
            elif proto == 17:
                l4udp(body)
        elif ty == 0x86DD:
            plen, nh = struct.unpack("!HB", b[4:7])
            src, dst, at, end = b[8:24], b[24:40], 40, 40 + plen
            while nh in (0, 43, 60):
                n, hl = b[at], (b[at + 1] + 1) * 8
                if nh == 60:
                    o = at + 2
                    while o < at + hl:
                        if b[o] == 0:
                            o += 1
                            continue
                        if b[o] == 201:
                            src = b[o + 2:o + 18]
                        o += 2 + b[o + 1]
                if nh == 43 and b[at + 2] == 2:
                    dst = b[at + 8:at + 24]
                nh, at = n, at + hl
            if nh == 6:
                body = b[at:end]
                ok = inet_checksum(src + dst + struct.pack("!I", len(body)) + b"\x00\x00\x00\x06" + body) == 0
                found.append((ok, body))

    def l4udp(u):
        dport = struct.unpack("!H", u[2:4])[0]
        if dport == 4789:
            ether(u[16:])
        elif dport == 4790:
            nxt, inner = u[11], u[16:]
            if nxt == 3:
                ether(inner)
            else:
                l3({1: 0x0800, 2: 0x86DD}[nxt], inner)

    def ether(f):
        ty = struct.unpack("!H", f[12:14])[0]
        if ty == 0x8864:
            proto = struct.unpack("!H", f[20:22])[0]
            if proto in (0x0021, 0x0057):
                l3({0x0021: 0x0800, 0x0057: 0x86DD}[proto], f[22:])
        else:
            l3(ty, f[14:])

    ether(data)
    return found


def main():
    w = Pcapng()
    i = w.iface(1, "eth0")
    for n, (data, desc, *caplen) in enumerate(frames(), 1):
        segs = verify(data)
        if n in (1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12):
            assert len(segs) == 1, n
            # Frames 10-12 are odd TCP headers, but their checksums are still right.
            assert segs[0][0], "frame %d: TCP checksum does not verify" % n
        if n == 3:
            assert segs and not segs[0][0], "frame 3 must carry a wrong checksum"
        w.packet(i, data, desc, caplen=caplen[0] if caplen else None)
    w.save(NAME)
    readme = os.path.join(OUT, "README.md")
    begin, end = "<!-- make_fixtures_tcp.py --> begin", "<!-- make_fixtures_tcp.py --> end"
    lines = [begin, "", "## `%s` (%d frames)" % (NAME, len(w.frames)), "", SECTION, "", "| # | content |", "|---|---|"]
    lines += ["| %d | %s |" % (k, d) for k, d in w.frames]
    lines += ["", end]
    block = "\n".join(lines)
    with open(readme) as fh:
        text = fh.read()
    if begin in text and end in text:
        text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    with open(readme, "w") as fh:
        fh.write(text)
    print("%s %d frames" % (NAME, len(w.frames)))


SECTION = """Built by `captures/make_fixtures_tcp.py` from RFC 9293 (TCP), RFC 7323 (window scale, timestamps),
RFC 2018 (SACK), RFC 3168 (ECN flags), RFC 2516 (PPPoE) with RFC 1661 (PPP), RFC 7348 (VXLAN) and
draft-ietf-nvo3-vxlan-gpe (VXLAN-GPE). Ethernet. Every TCP checksum is right for the pseudo-header with the
Home Address option / type 2 routing header substitutions (RFC 6275 6.3, 6.4; RFC 8200 8.1) except frame 3;
the script re-checks each one with its own parser. PMIPv6 MAG 2001:db8:4::4, LMA 2001:db8:5::5; VXLAN
tunnel endpoints 192.0.2.1 and 198.51.100.1. mipscope shows raw sequence numbers (tshark's with
`-o tcp.relative_sequence_numbers:FALSE`)."""


if __name__ == "__main__":
    main()
