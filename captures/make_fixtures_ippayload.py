#!/usr/bin/env python3
"""make_fixtures_ippayload.py - what IPv4 and IPv6 carry when it is not the usual: IPsec over
IPv4, protocols nothing decodes, lengths that cannot be, ICMPv6 error codes, for mipscope.
Standard library only; reuses make_fixtures.py's writers.

    python3 captures/make_fixtures_ippayload.py

Writes captures/crafted/ip-payloads.pcapng (Ethernet) and (re)writes its own section of
captures/crafted/README.md between the "ip payload fixtures" markers. Deterministic.

Layouts: RFC 791 section 3.1 (IPv4 Total Length), RFC 8200 section 3, RFC 4302 section 2 (AH:
Next Header, Payload Len in 4-octet units minus 2, Reserved, SPI, Sequence Number, ICV),
RFC 4303 section 2 (ESP: SPI, Sequence Number, then opaque), RFC 768 (UDP Length), RFC 4443
sections 3-4 (ICMPv6 errors and echo).
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402

V4_A, V4_B = "192.0.2.1", "198.51.100.1"
V6_A, V6_B, V6_C = "2001:db8::1", "2001:db8::2", "2001:db8::3"
MAC_A, MAC_B = mf.mac(1), mf.mac(2)
UDP, AH, ESP, ICMP6 = 17, 51, 50, 58


def on4(pkt):
    return mf.eth(MAC_B, MAC_A, 0x0800, pkt)


def on6(pkt):
    return mf.eth(MAC_B, MAC_A, 0x86DD, pkt)


def udp_raw(length, payload, csum=0):
    return struct.pack("!HHHH", 1234, 5678, length, csum) + payload


def ah(next_header, spi, seq, icv):
    # RFC 4302 section 2.2: Payload Len is the header's length in 4-octet units minus 2.
    return bytes([next_header, (12 + len(icv)) // 4 - 2]) + struct.pack("!HII", 0, spi, seq) + icv


def esp(spi, seq, opaque):
    return struct.pack("!II", spi, seq) + opaque


def rewrite(pkt, at, field):
    """An IPv4 packet with `field` written at octet `at` of its header, the checksum made right."""
    h = bytearray(pkt[:20])
    h[at:at + len(field)] = field
    h[10:12] = b"\x00\x00"
    h[10:12] = struct.pack("!H", mf.inet_checksum(bytes(h)))
    return bytes(h) + pkt[20:]


def total_len(pkt, n):
    return rewrite(pkt, 2, struct.pack("!H", n))


def icmp6(ty, code, word, body):
    msg = struct.pack("!BBHI", ty, code, 0, word) + body
    return on6(mf.ipv6(V6_A, V6_B, [], ICMP6, msg, csum="icmp6"))


def icmp4(ty, code, body):
    m = struct.pack("!BBHI", ty, code, 0, 0) + body
    return m[:2] + struct.pack("!H", mf.inet_checksum(m)) + m[4:]


def jumbo_udp():
    # Length 0; checksum over the pseudo-header with the real length (13).
    u = bytearray(struct.pack("!HHHH", 1, 2, 0, 0) + b"hello")
    ph = mf.pseudo6(mf.a6(V6_A), mf.a6(V6_B), len(u), UDP)
    u[6:8] = struct.pack("!H", mf.inet_checksum(ph + bytes(u)) or 0xFFFF)
    return bytes(u)


def opts(next_header):
    # A Hop-by-Hop or Destination Options header of 8 octets: a PadN of 4 (RFC 8200 section 4.2).
    return bytes([next_header, 0, 1, 4, 0, 0, 0, 0])


def echo6_raw():
    return struct.pack("!BBHHH", 128, 0, 0, 9, 1) + b"ping"


def frames():
    udp4 = mf.udp4(V4_A, V4_B, 1234, 5678, b"hello!")
    quoted = mf.ipv6(V6_B, V6_C, [], 59, b"")
    return [
        (on4(mf.ipv4(V4_A, V4_B, AH, ah(UDP, 0x100, 1, bytes(12)) + udp4)),
         "IPv4 carrying an Authentication Header (SPI 0x100, 12-octet ICV) protecting UDP 1234 -> 5678"),
        (on4(mf.ipv4(V4_A, V4_B, AH, ah(ESP, 0x101, 2, bytes(12)) + esp(0x200, 3, b"opaque-bytes"))),
         "IPv4: AH protecting ESP (SPI 0x200)"),
        (on4(mf.ipv4(V4_A, V4_B, ESP, esp(0x300, 4, b"encrypted payload"))),
         "IPv4 carrying ESP (SPI 0x300), its payload opaque"),
        (on4(mf.ipv4(V4_A, V4_B, AH, bytes([UDP, 200]) + bytes(10))),
         "IPv4: an Authentication Header whose Payload Len (200) runs past the packet"),
        (on4(mf.ipv4(V4_A, V4_B, 200, b"unknown protocol")),
         "IPv4 protocol 200 (unassigned): data, Info 'Unassigned (200)'"),
        (on6(mf.ipv6(V6_A, V6_B, [], 200, b"unknown protocol")),
         "IPv6 next header 200: data, Info 'Unknown IP Protocol: Unassigned (200)'"),
        (on4(total_len(mf.ipv4(V4_A, V4_B, UDP, udp4), 0)),
         "IPv4 Total Length 0: taken for TCP segmentation offload, the datagram is the frame's"),
        (on4(total_len(mf.ipv4(V4_A, V4_B, UDP, udp4), 19)),
         "IPv4 Total Length 19, less than the 20-octet header: nothing after it is read"),
        (on4(mf.ipv4(V4_A, V4_B, UDP, b"")),
         "IPv4 protocol UDP with no payload (Total Length 20): nothing to decode"),
        (on4(mf.ipv4(V4_A, V4_B, UDP, udp_raw(20, b"hello!"))),
         "UDP Length 20 in a 14-octet payload (checksum 0: none)"),
        (on4(mf.ipv4(V4_A, V4_B, UDP, udp_raw(4, b"hello!"))),
         "UDP Length 4, less than its own header"),
        (on6(mf.ipv6(V6_A, V6_B, [], UDP, udp_raw(14, b"hello!"))),
         "UDP over IPv6 with checksum 0 (RFC 8200 section 8.1 forbids it)"),
        (on4(rewrite(mf.ipv4(V4_A, V4_B, UDP, udp4[:8] + b"frag", ident=0x1234), 6, b"\x20\x00")),
         "IPv4 first fragment (MF set, no second one): Info names the protocol ('proto=UDP 17')"),
        (icmp6(1, 0, 0, quoted), "ICMPv6 Destination Unreachable, code 0"),
        (icmp6(1, 4, 0, quoted), "ICMPv6 Destination Unreachable, code 4"),
        (icmp6(1, 9, 0, quoted), "ICMPv6 Destination Unreachable, code 9 (unassigned)"),
        (icmp6(3, 1, 0, quoted), "ICMPv6 Time Exceeded, code 1"),
        (icmp6(3, 2, 0, quoted), "ICMPv6 Time Exceeded, code 2 (unassigned)"),
        (icmp6(4, 2, 40, quoted), "ICMPv6 Parameter Problem, code 2, pointer 40"),
        (icmp6(128, 0, 0x00070001, b"ping"), "ICMPv6 Echo Request id 7 seq 1, hop limit 64"),
        # Found by review: what follows the packet is not the packet.
        (mf.eth(MAC_B, MAC_A, 0x8864, struct.pack("!BBHHH", 0x11, 0, 1, 2, 0x0021) + bytes([0x55]) * 30),
         "PPPoE session whose PPP frame is the protocol number alone (IPv4, no packet), then 30 octets of "
         "Ethernet padding 0x55: the padding is no IP version"),
        (on4(mf.ipv4(V4_A, V4_B, 1, icmp4_quote := icmp4(3, 3, mf.ipv4(V4_A, V4_B, UDP, udp4)[:12]))),
         "ICMP Port Unreachable quoting 12 octets of an IPv4 header: a quote may end anywhere"),
        (on4(mf.ipv4(V4_A, V4_B, AH, ah(200, 0x102, 5, bytes(12)) + b"abc")),
         "IPv4: AH protecting protocol 200: AH's Info stays"),
        (on4(mf.ipv4(V4_A, V4_B, AH, ah(UDP, 0x103, 6, bytes(12)))),
         "IPv4: AH protecting UDP of no octets: the UDP header is cut"),
        (on6(mf.ipv6(V6_A, V6_B, [], UDP, jumbo_udp())),
         "UDP over IPv6 with Length 0 (RFC 2675's jumbogram reading) in a 13-octet payload"),
        (on6(mf.ipv6(V6_A, V6_B, [], 4, mf.ipv4(V4_A, V4_B, ICMP6, echo6_raw()))),
         "IPv6 carrying IPv4 carrying an ICMPv6 echo: no IPv6 Hop Limit applies"),
        (on4(mf.ipv4(V4_A, V4_B, AH, bytes([UDP, 4, 0, 0, 0, 0]))),
         "IPv4: an Authentication Header of 6 octets, cut"),
        # What IPv6 says when what follows says nothing: its last extension header's name.
        (on6(mf.ipv6(V6_A, V6_B, [], 0, opts(UDP))), "IPv6 Hop-by-Hop Options, then UDP of no octets"),
        (on6(mf.ipv6(V6_A, V6_B, [], 60, opts(UDP))), "IPv6 Destination Options, then UDP of no octets"),
        (on6(mf.ipv6(V6_A, V6_B, [], 43, bytes([UDP, 2, 2, 1, 0, 0, 0, 0]) + bytes(16))),
         "IPv6 type 2 Routing header, then UDP of no octets"),
        (on6(mf.ipv6(V6_A, V6_B, [], 0, b"\x11\x00\x01")), "IPv6 Hop-by-Hop Options cut after 3 octets"),
        (on6(mf.ipv6(V6_A, V6_B, [], UDP, b"\x00\x01")), "IPv6 carrying 2 octets of UDP"),
        (on6(mf.ipv6(V6_A, V6_B, [], 6, b"\x00\x01")), "IPv6 carrying 2 octets of TCP: too few to name the column"),
        (on6(mf.ipv6(V6_A, V6_B, [], 6, b"\x00\x01\x00\x02\x00\x00\x00\x01")), "IPv6 carrying 8 octets of TCP"),
        # Payload Length 0 outside a jumbogram: nothing (tshark's ipv6.tso_support off), the
        # frame's rest a trailer; before No Next Header, a plain empty packet.
        (on6(mf.ipv6(V6_A, V6_B, [], UDP, udp_raw(12, b"abcd"), plen=0)),
         "IPv6 Payload Length 0 before a whole UDP datagram: an empty payload, the datagram a trailer"),
        (on6(mf.ipv6(V6_A, V6_B, [], ICMP6, echo6_raw(), plen=0)),
         "IPv6 Payload Length 0 before an ICMPv6 echo request"),
        (on6(mf.ipv6(V6_A, V6_B, [], 59, b"", plen=0)), "IPv6 Payload Length 0, No Next Header: nothing to note"),
    ]


README_BEGIN = "<!-- ip payload fixtures: begin (captures/make_fixtures_ippayload.py) -->"
README_END = "<!-- ip payload fixtures: end -->"


def main():
    w = mf.Pcapng()
    e = w.iface(1, "eth0")
    for data, desc in frames():
        w.packet(e, data, desc)
    name = "ip-payloads.pcapng"
    w.save(name)
    print("wrote %s (%d frames)" % (name, len(w.frames)))
    lines = [README_BEGIN, "", "## `%s` (%d frames, by `captures/make_fixtures_ippayload.py`)" % (name, len(w.frames)), "",
             "Ethernet, IPv4 %s -> %s and IPv6 %s -> %s: IPsec over IPv4, protocols nothing decodes, IPv4 and UDP "
             "lengths that cannot be, an unreassembled fragment, ICMPv6 error codes and an echo. The Info column of "
             "each is tshark 4.0.17's." % (V4_A, V4_B, V6_A, V6_B),
             "", "| frame | content |", "|---|---|"]
    lines += ["| %d | %s |" % (n, d.replace("|", "/")) for n, d in w.frames]
    lines += ["", "### What tshark 4.0.17 makes of this file", "",
              "* Frame 15: tshark names ICMPv6 Destination Unreachable code 4 \"Port unreachable\"; mipscope "
              "shows RFC 4443's name (\"port unreachable\"), in the tree as in the Info column.",
              "* Frames 2 and 3: tshark (no ESP decryption configured) adds no item for ESP's opaque octets; "
              "mipscope shows them as esp.encrypted_data.",
              "* Frame 26 (ICMPv6 over IPv4, which no RFC defines): both tools find its checksum wrong.",
              "", README_END]
    mf.readme_section(README_BEGIN, README_END, lines)


if __name__ == "__main__":
    main()
