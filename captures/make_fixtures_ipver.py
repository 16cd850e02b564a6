#!/usr/bin/env python3
"""make_fixtures_ipver.py - IP packets of the wrong version, and IP headers too short to be
one, for mipscope. Standard library only; reuses make_fixtures.py's writers.

    python3 captures/make_fixtures_ipver.py

Writes captures/crafted/ip-versions.pcapng (an Ethernet interface and a LINKTYPE_RAW one) and
(re)writes its own section of captures/crafted/README.md between the "ip version fixtures"
markers. Deterministic.

Each frame puts a packet where its number (EtherType, IP protocol, GRE Protocol Type, raw
link type) says IPv4 or IPv6 while its Version field (RFC 791 section 3.1, RFC 8200 section 3:
the high four bits of the first octet) says otherwise, or gives an IP header fewer octets than
it has (Header Length below 5 words, an IPv6 header shorter than 40 octets).
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402

V4_A, V4_B = "192.0.2.1", "198.51.100.1"
V6_A, V6_B = "2001:db8::1", "2001:db8::2"
MAC_A, MAC_B = mf.mac(1), mf.mac(2)
ETH_IPV4, ETH_IPV6 = 0x0800, 0x86DD
GRE, IPIP, IPV6_IN, NO_NEXT, UDP = 47, 4, 41, 59, 17


def version(pkt, v):
    """`pkt` with the high nibble of its first octet set to `v` (nothing else changed)."""
    return bytes([(v << 4) | (pkt[0] & 0x0F)]) + pkt[1:]


def udp_datagram():
    return mf.ipv4(V4_A, V4_B, UDP, mf.udp4(V4_A, V4_B, 40000, 40010, b"version"))


def ipv6_no_next(v=6):
    return version(mf.ipv6(V6_A, V6_B, [], NO_NEXT, b""), v)


def gre(proto, payload):
    # RFC 2784 section 2: no optional fields, version 0.
    return struct.pack("!HH", 0, proto) + payload


def on_eth(ethertype, pkt):
    return mf.eth(MAC_B, MAC_A, ethertype, pkt)


def short_ihl():
    # Header Length 3 (12 octets), the rest of a 20-octet header after it.
    h = bytearray(mf.ipv4(V4_A, V4_B, UDP, b""))
    h[0] = 0x43
    return bytes(h)


def frames():
    eth = [
        (on_eth(ETH_IPV6, udp_datagram()),
         "EtherType IPv6 carrying an IPv4 datagram (version 4): bogus IPv6 version, the octets shown as data"),
        (on_eth(ETH_IPV6, ipv6_no_next(5)),
         "EtherType IPv6, an IPv6 header with version 5: bogus IPv6 version"),
        (on_eth(ETH_IPV4, version(udp_datagram(), 5)),
         "EtherType IPv4, an IPv4 header with version 5: bogus IPv4 version, nothing more read"),
        (on_eth(ETH_IPV4, version(udp_datagram(), 0)),
         "EtherType IPv4, version 0"),
        (on_eth(ETH_IPV4, ipv6_no_next()),
         "EtherType IPv4 carrying an IPv6 packet: bogus IPv4 version, then read as IPv6"),
        (on_eth(ETH_IPV4, mf.ipv4(V4_A, V4_B, IPV6_IN, ipv6_no_next(5))),
         "IPv4 protocol 41 carrying a version 5 header: bogus IPv6 version, data"),
        (on_eth(ETH_IPV6, mf.ipv6(V6_A, V6_B, [], IPV6_IN, ipv6_no_next(5))),
         "IPv6 next header 41 carrying a version 5 header: bogus IPv6 version, data"),
        (on_eth(ETH_IPV4, mf.ipv4(V4_A, V4_B, GRE, gre(ETH_IPV6, ipv6_no_next(5)))),
         "GRE Protocol Type IPv6 carrying a version 5 header"),
        (on_eth(ETH_IPV6, mf.ipv6(V6_A, V6_B, [], IPIP, version(udp_datagram(), 5))),
         "IPv6 next header 4 carrying a version 5 header: bogus IP version, nothing more read"),
        (on_eth(ETH_IPV4, mf.ipv4(V4_A, V4_B, GRE, gre(ETH_IPV4, ipv6_no_next()))),
         "GRE Protocol Type IPv4 carrying an IPv6 packet: read as IPv6 (no error)"),
        (on_eth(ETH_IPV4, mf.ipv4(V4_A, V4_B, IPIP, ipv6_no_next())),
         "IPv4 protocol 4 carrying an IPv6 packet: read as IPv6 (no error)"),
        (on_eth(ETH_IPV4, mf.ipv4(V4_A, V4_B, IPV6_IN, ipv6_no_next()[:20])),
         "IPv4 protocol 41 whose Total Length leaves 20 octets for the IPv6 header: invalid IPv6 header"),
        (on_eth(ETH_IPV4, short_ihl()),
         "EtherType IPv4, Header Length 3 (12 octets): bogus IPv4 header length, nothing more read"),
    ]
    raw = [
        (version(udp_datagram(), 5), "LINKTYPE_RAW, version 5: raw packet data"),
        (ipv6_no_next(7), "LINKTYPE_RAW, version 7"),
        (short_ihl(), "LINKTYPE_RAW, IPv4 with Header Length 3"),
        (ipv6_no_next(), "LINKTYPE_RAW, a whole IPv6 packet (version 6)"),
    ]
    # Carriers with their own fallbacks (null/loopback, LINKTYPE_IPV4/IPV6, PPP, ICMP's quote).
    null = lambda fam, pkt: struct.pack("<I", fam) + pkt  # noqa: E731 (BSD loopback, host order)
    pppoe = lambda proto, pkt: on_eth(0x8864, struct.pack("!BBHHH", 0x11, 0, 1, len(pkt) + 2, proto) + pkt)  # noqa: E731
    quote = version(udp_datagram(), 6)[:28]
    icmp = struct.pack("!BBHI", 3, 1, 0, 0) + quote
    icmp = icmp[:2] + struct.pack("!H", mf.inet_checksum(icmp)) + icmp[4:]
    more = [
        (0, null(2, version(udp_datagram(), 5)), "null/loopback AF_INET, version 5: tshark's generic ip"),
        (0, null(24, ipv6_no_next(5)), "null/loopback AF_INET6 (24), version 5"),
        (228, version(udp_datagram(), 5), "LINKTYPE_IPV4, version 5"),
        (229, ipv6_no_next(5), "LINKTYPE_IPV6, version 5: nothing after the IPv6 item"),
        (1, pppoe(0x0057, ipv6_no_next(5)), "PPPoE session, PPP IPv6 (0x0057) carrying version 5"),
        (1, pppoe(0x0021, version(udp_datagram(), 5)), "PPPoE session, PPP IPv4 (0x0021) carrying version 5"),
        (1, pppoe(0x0021, ipv6_no_next()), "PPPoE session, PPP IPv4 (0x0021) carrying an IPv6 packet"),
        (1, on_eth(ETH_IPV4, mf.ipv4(V4_A, V4_B, 1, icmp)),
         "ICMP Destination Unreachable quoting 28 octets of a version 6 header: read as IPv6 after an ip layer"),
        (1, on_eth(ETH_IPV4, udp_datagram()[:16]),
         "EtherType IPv4, the frame ending 16 octets into the header (Total Length 35): the fields that are there"),
    ]
    return eth, raw, more


README_BEGIN = "<!-- ip version fixtures: begin (captures/make_fixtures_ipver.py) -->"
README_END = "<!-- ip version fixtures: end -->"


def main():
    w = mf.Pcapng()
    e = w.iface(1, "eth0")
    r = w.iface(101, "raw0")
    eth, raw, more = frames()
    for data, desc in eth:
        w.packet(e, data, desc)
    for data, desc in raw:
        w.packet(r, data, desc)
    ifaces = {1: e, 101: r}
    for lt, data, desc in more:
        if lt not in ifaces:
            ifaces[lt] = w.iface(lt, "if%d" % lt)
        w.packet(ifaces[lt], data, desc)
    name = "ip-versions.pcapng"
    w.save(name)
    print("wrote %s (%d frames)" % (name, len(w.frames)))
    mf.readme_frames(README_BEGIN, README_END, name, "make_fixtures_ipver.py", w,
                     "Frames 1-%d on Ethernet (%s -> %s, IPv4 %s -> %s, IPv6 %s -> %s), frames %d-%d on LINKTYPE_RAW, "
                     "then other carriers (null/loopback, LINKTYPE_IPV4/IPV6, PPPoE, an ICMP quote): IP packets whose "
                     "Version is not the one their carrier names, and IP headers shorter than a header. tshark 4.0.17 "
                     "reads no further than the version (or the header length) and names the problem in the Info "
                     "column, each carrier falling back its own way; so does mipscope."
                     % (len(eth), "02:00:00:00:00:01", "02:00:00:00:00:02", V4_A, V4_B, V6_A, V6_B, len(eth) + 1,
                     len(eth) + len(raw)))


if __name__ == "__main__":
    main()
