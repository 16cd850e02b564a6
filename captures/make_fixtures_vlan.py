#!/usr/bin/env python3
"""make_fixtures_vlan.py - what follows the packet in a VLAN-tagged Ethernet frame: padding to
the 60-octet minimum, a trailer, and with a capture that says the frames end with a 4-octet
FCS, that FCS. Standard library only; reuses make_fixtures.py's writers.

    python3 captures/make_fixtures_vlan.py

Writes captures/crafted/vlan-trailers.pcapng and (re)writes its own section of
captures/crafted/README.md between the "vlan fixtures" markers. Deterministic.

tshark 4.0 reads these octets in the last tag's layer (its 802.1Q and 802.1ad dissectors hand
the EtherType layer their own trailer field, `vlan.trailer` or `ieee8021ah.trailer`, and no
FCS: the Ethernet layer takes that), and decides the padding on the frame's whole length, the
FCS's four octets included. The frames cover each of those cases.
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402

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


def zeros(n):
    return bytes(n)


FCS = bytes.fromhex("deadbeef")


def frames():
    """(interface, frame, description): interface 0 gives no FCS length, interface 1 gives 4."""
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
    ]


README_BEGIN = "<!-- vlan fixtures: begin (captures/make_fixtures_vlan.py) -->"
README_END = "<!-- vlan fixtures: end -->"


def main():
    w = mf.Pcapng()
    ifaces = [w.iface(1, "eth0"), w.iface(1, "eth1", fcslen=4)]
    for i, data, desc in frames():
        w.packet(ifaces[i], data, desc)
    name = "vlan-trailers.pcapng"
    w.save(name)
    print("wrote %s (%d frames)" % (name, len(w.frames)))
    mf.readme_frames(README_BEGIN, README_END, name, "make_fixtures_vlan.py", w,
                     "VLAN-tagged Ethernet frames one second apart with padding, trailers and FCSs after the packet, "
                     "as tshark 4.0 splits them: in the last tag's subtree (`eth.padding`, `vlan.trailer`, "
                     "`ieee8021ah.trailer`), the padding decided on the frame's whole length. Frames 1-9 come from an "
                     "interface with no FCS length, 10-12 from one whose `if_fcslen` is 4 (the Ethernet layer shows "
                     "`eth.fcs`).")


if __name__ == "__main__":
    main()
