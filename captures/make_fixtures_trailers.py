#!/usr/bin/env python3
"""make_fixtures_trailers.py - what follows the packet in a link layer other than a plain
Ethernet frame's: after VLAN tags, after a Linux cooked header (v1 and v2), and in an Ethernet
frame inside a tunnel (VXLAN, GRE). Padding to the 60-octet minimum, a trailer, and with a
capture that says its frames end with a 4-octet FCS, that FCS. Standard library only; reuses
make_fixtures.py's writers.

    python3 captures/make_fixtures_trailers.py

Writes captures/crafted/link-trailers.pcapng and (re)writes its own section of
captures/crafted/README.md between the "link trailer fixtures" markers. Deterministic.

tshark 4.0 reads these octets in the layer whose type field introduced the packet (the last
VLAN tag's, the cooked header's, the tunnelled Ethernet header's: `vlan.trailer`,
`ieee8021ah.trailer`, `sll.trailer`, `eth.trailer`), with no FCS there (the outer Ethernet
layer takes a capture's FCS; a cooked header has none), and decides the padding on the frame's
whole length (the FCS's four octets, a cooked header's 16 or 20 and a tunnel's outer headers
included). The frames cover each of those cases.
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402
import make_fixtures_reasm as reasm  # noqa: E402

A, B = "192.0.2.1", "192.0.2.2"
A6, B6 = "2001:db8:1::10", "2001:db8:2::1"
Q, AD = 0x8100, 0x88A8
ARP, IPV4, IPV6 = 0x0806, 0x0800, 0x86DD


def arp_request():
    # RFC 826 over Ethernet: hardware 1, protocol IPv4, sizes 6 and 4, opcode 1
    return (struct.pack("!HHBBH", 1, IPV4, 6, 4, 1) + mf.mac(1) + mf.a4(A) + bytes(6) + mf.a4(B))


def echo4():
    m = struct.pack("!BBHHH", 8, 0, 0, 0x0100, 1)
    return mf.ipv4(A, B, 1, m[:2] + struct.pack("!H", mf.inet_checksum(m)) + m[4:])


def echo6():
    return mf.ipv6(A6, B6, [], 58, struct.pack("!BBHHH", 128, 0, 0, 0x0600, 1), csum="icmp6")


def tagged(ethertype, payload, after=b"", tags=((Q, 100),)):
    return mf.eth(b"\xff" * 6, mf.mac(1), ethertype, payload, vlans=tags) + after


def sll(proto, payload):
    # Linux cooked v1, an incoming unicast frame (packet type 0) from MAC 1
    return mf.sll(proto, payload, pkttype=0)


def sll2(proto, payload):
    return mf.sll2(proto, payload, pkttype=0)


def vxlan(inner):
    # VXLAN (RFC 7348, UDP 4789): flags I, VNI 100, then the tunnelled Ethernet frame
    vx = struct.pack("!II", 0x08000000, 100 << 8) + inner
    return mf.eth(mf.mac(4), mf.mac(3), IPV4, mf.ipv4("198.51.100.1", "198.51.100.2", 17,
                                                      mf.udp4("198.51.100.1", "198.51.100.2", 49152, 4789, vx)))


def gre(inner):
    # GRE (RFC 2784) carrying an Ethernet frame (transparent Ethernet bridging, 0x6558)
    return mf.eth(mf.mac(4), mf.mac(3), IPV4, mf.ipv4("198.51.100.1", "198.51.100.2", 47, struct.pack("!HH", 0, 0x6558) + inner))


def inner(ethertype, payload, after=b""):
    return mf.eth(mf.mac(2), mf.mac(1), ethertype, payload) + after


def zeros(n):
    return bytes(n)


FCS = bytes.fromhex("deadbeef")


def frames():
    """(interface, frame, description): interface 0 gives no FCS length, interface 1 gives 4,
    interfaces 2 and 3 are Linux cooked v1 and v2."""
    return [
        (0, tagged(ARP, arp_request(), zeros(14)), "802.1Q (VLAN 100), ARP request padded with zeros to 60 octets: eth.padding in the tag's subtree"),
        (0, tagged(ARP, arp_request(), zeros(14) + b"\x11" * 10),
         "802.1Q, ARP, 14 octets of padding then 10 of trailer (70 octets): vlan.trailer, no FCS guessed in a tag's layer"),
        (0, tagged(ARP, arp_request(), b"\x11" * 2), "802.1Q, ARP and 2 octets (a 48-octet frame): a trailer, no padding under 60 octets"),
        (0, tagged(ARP, arp_request(), b"\xaa" * 20),
         "802.1Q, ARP and 20 octets of 0xaa: not zeros, so all trailer, with the note eth.padding_bad under it"),
        (0, tagged(ARP, arp_request(), zeros(10), tags=((AD, 10), (Q, 100))),
         "802.1ad S-tag (10) then 802.1Q C-tag (100), ARP padded to 60: padding in the inner tag's subtree"),
        (0, tagged(ARP, arp_request(), zeros(14) + b"\x44" * 4, tags=((AD, 10),)),
         "802.1ad alone, ARP, padding then 4 octets: ieee8021ah.trailer"),
        (0, tagged(IPV4, echo4(), zeros(14)), "802.1Q, IPv4 ICMP echo request (28 octets) padded to 60"),
        (0, tagged(IPV6, echo6(), b"\x77" * 6), "802.1Q, IPv6 ICMPv6 echo request and 6 octets of trailer"),
        (0, tagged(IPV6, echo6()), "802.1Q, IPv6 ICMPv6 echo request ending the frame: nothing after it"),
        (1, tagged(ARP, arp_request(), zeros(14) + FCS),
         "Capture FCS length 4: 802.1Q, ARP, 14 zeros and the FCS (64 octets): eth.fcs; in the tag, 10 octets of padding "
         "(the FCS counts in the frame's length) and 4 zero octets of trailer"),
        (1, tagged(ARP, arp_request(), zeros(14) + b"\x33" * 6 + FCS),
         "Capture FCS length 4: 802.1Q, ARP, 14 zeros, 6 octets and the FCS (70 octets)"),
        (1, tagged(ARP, arp_request(), zeros(10) + FCS), "Capture FCS length 4: 802.1Q, ARP, 10 zeros and the FCS (60 octets)"),
        (2, sll(ARP, arp_request() + zeros(18)),
         "Linux cooked v1, ARP and 18 zeros: 16 octets of padding (the 16-octet header counts in the frame's length) and a "
         "2-octet sll.trailer"),
        (2, sll(ARP, arp_request() + zeros(16) + b"\x12" * 10), "Linux cooked v1, ARP, 16 zeros and 10 octets: no FCS guessed"),
        (2, sll(ARP, arp_request() + b"\x01" + zeros(20)), "Linux cooked v1, ARP, then 21 octets that are not all zeros: trailer with the note"),
        (2, sll(IPV4, echo4() + zeros(4)), "Linux cooked v1, IPv4 ICMP echo request and 4 zeros (a 48-octet frame): trailer only"),
        (2, sll(Q, struct.pack("!HH", 100, ARP) + arp_request() + zeros(12)),
         "Linux cooked v1, 802.1Q, ARP and 12 zeros: padding in the tag's subtree, not the cooked header's"),
        (3, sll2(ARP, arp_request() + zeros(18)), "Linux cooked v2, ARP and 18 zeros: 12 octets of padding and 6 of trailer"),
        (0, vxlan(inner(ARP, arp_request(), zeros(10) + b"\x66" * 3)),
         "VXLAN, an Ethernet frame with ARP, 10 zeros and 3 octets: all eth.trailer in the inner Ethernet (the outer frame is over 60)"),
        (0, vxlan(inner(IPV4, echo4(), b"\x55" * 8)), "VXLAN, an Ethernet frame with an IPv4 echo request and 8 octets: inner eth.trailer"),
        (0, vxlan(inner(ARP, arp_request(), zeros(30) + b"\x66" * 10)), "VXLAN, an inner frame of 82 octets: no FCS guessed in a tunnel"),
        (0, gre(inner(ARP, arp_request(), zeros(18))), "GRE (transparent Ethernet bridging), an ARP frame with 18 zeros: inner eth.trailer"),
    ] + [
        (0, frag, desc) for frag, desc in zip(
            [mf.eth(mf.mac(4), mf.mac(3), IPV4, f) for f in reasm.frag4(
                mf.ipv4("198.51.100.1", "198.51.100.2", 47, struct.pack("!HH", 0, 0x6558) + inner(ARP, arp_request(), zeros(18)),
                        ident=0x0777), 0x0777, [32])],
            ["GRE over IPv4, first fragment (32 octets of a 64-octet datagram)",
             "Last fragment (66 octets): the reassembled GRE's Ethernet frame with ARP and 18 zeros; its padding is decided "
             "on this frame's 66 octets (not the reassembled payload's): 12 of padding, 6 of trailer"])
    ]


README_BEGIN = "<!-- link trailer fixtures: begin (captures/make_fixtures_trailers.py) -->"
README_END = "<!-- link trailer fixtures: end -->"


def main():
    w = mf.Pcapng()
    ifaces = [w.iface(1, "eth0"), w.iface(1, "eth1", fcslen=4), w.iface(113, "any"), w.iface(276, "any2")]
    for i, data, desc in frames():
        w.packet(ifaces[i], data, desc)
    name = "link-trailers.pcapng"
    w.save(name)
    print("wrote %s (%d frames)" % (name, len(w.frames)))
    mf.readme_frames(README_BEGIN, README_END, name, "make_fixtures_trailers.py", w,
                     "Frames one second apart with padding, trailers and FCSs after the packet in a layer other than "
                     "a plain Ethernet frame's, as tshark 4.0 splits them: in the subtree of the layer whose type field "
                     "introduced the packet (`eth.padding`, `vlan.trailer`, `ieee8021ah.trailer`, `sll.trailer`, a "
                     "tunnelled frame's `eth.trailer`), the padding decided on the frame's whole length. Frames 1-9 and "
                     "19-22 come from an Ethernet interface with no FCS length, 10-12 from one whose `if_fcslen` is 4 "
                     "(the outer Ethernet layer shows `eth.fcs`), 13-17 from a Linux cooked v1 interface, 18 from a v2 one.")


if __name__ == "__main__":
    main()
