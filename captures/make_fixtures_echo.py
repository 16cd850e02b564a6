#!/usr/bin/env python3
"""make_fixtures_echo.py - ICMP and ICMPv6 echo requests and replies for mipscope's
request/response matching (tshark's "(request in N)", icmp.resp_to, icmpv6.resptime).
Standard library only; reuses make_fixtures.py's writers.

    python3 captures/make_fixtures_echo.py

Writes captures/crafted/icmp-echo.pcapng and (re)writes its own section of
captures/crafted/README.md between the "echo fixtures" markers. Deterministic.

A reply pairs with a request between the same two addresses (either way round) with the same
Identifier, Sequence Number and data (the request's checksum, worked back from the reply's:
RFC 792 and RFC 4443 section 4.2 make the reply the request with another type). The frames
cover what tshark 4.0 does at the edges: a repeated request (the reply answers the last one),
a repeated reply (only the first answers), other data, no request, a reply sent the same way
as its request, a request quoted in an ICMP error (never matched), a request in a tunnel (its
inner addresses; over UDP, as VXLAN, only with a reply over UDP), a Mobile IPv6 node's echo through its Home Address option and type 2
routing header, multicast and broadcast requests, checksums at one's complement's two zeros, and an echo
through an RPL Source Route header (RFC 6554: its last address, compressed, is the
destination).
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402

A, B, C = "192.0.2.10", "198.51.100.1", "203.0.113.7"
X, Y = "192.0.2.1", "203.0.113.1"
A6, B6 = "2001:db8:1::10", "2001:db8:2::1"
COA, HOA, CN = "2001:db8:3::100", "2001:db8:1::100", "2001:db8:4::1"
ICMP, IPIP, UDP, AH, ICMP6 = 1, 4, 17, 51, 58


def icmp4(ty, ident, seq, data, csum=None):
    m = struct.pack("!BBHHH", ty, 0, 0, ident, seq) + data
    c = mf.inet_checksum(m) if csum is None else csum
    return m[:2] + struct.pack("!H", c) + m[4:]


def icmp6(ty, ident, seq, data):
    # The checksum over the pseudo-header is filled in by mf.ipv6 (csum="icmp6").
    return struct.pack("!BBHHH", ty, 0, 0, ident, seq) + data


def v4(src, dst, msg, ttl=64):
    return mf.eth(mf.mac(2), mf.mac(1), 0x0800, mf.ipv4(src, dst, ICMP, msg, ttl=ttl))


def v6(src, dst, msg, exts=(), csum=None):
    if csum is not None:
        # A checksum given as is (wrong on purpose), not computed.
        msg = msg[:2] + struct.pack("!H", csum) + msg[4:]
        return mf.eth(mf.mac(2), mf.mac(1), 0x86DD, mf.ipv6(src, dst, list(exts), ICMP6, msg))
    return mf.eth(mf.mac(2), mf.mac(1), 0x86DD, mf.ipv6(src, dst, list(exts), ICMP6, msg, csum="icmp6"))


def vxlan(src, dst, frame):
    # RFC 7348 section 5: flags (I set), reserved, VNI 42, reserved; then the inner frame.
    return mf.eth(mf.mac(2), mf.mac(1), 0x0800, mf.ipv4(src, dst, UDP, mf.udp4(src, dst, 49152, 4789,
                                                                            struct.pack("!II", 0x08000000, 42 << 8) + frame)))


def ah(next_header, payload):
    # RFC 4302 section 2: Next Header, Payload Len (words - 2), reserved, SPI, sequence, 12-octet ICV.
    return bytes([next_header, 4]) + struct.pack("!HII", 0, 0x100, 1) + bytes(12) + payload


RPL_HOP, RPL_VIA, RPL_DST = "2001:db8:9::1", "2001:db8:9::5", "2001:db8:9::2"


def rpl(addrs, cmpr_i, cmpr_e):
    # RFC 6554 section 3: Hdr Ext Len, type 3, Segments Left, CmprI/CmprE, Pad/Reserved, 16 bits
    # reserved; the addresses less their first CmprI octets (the last less CmprE), shared with
    # the IPv6 Destination Address; Pad octets to a multiple of 8.
    body = b"".join(mf.a6(a)[cmpr_i:] for a in addrs[:-1]) + mf.a6(addrs[-1])[cmpr_e:]
    pad = -(8 + len(body)) % 8
    rest = bytes([(cmpr_i << 4) | cmpr_e, pad << 4, 0, 0]) + body + bytes(pad)
    return mf.Ext(43, bytes([(4 + len(rest)) // 8 - 1, 3, len(addrs)]) + rest, final_dst=mf.a6(addrs[-1]))


def frames():
    ping = b"mipscope echo 01"
    unreach = struct.pack("!BBHI", 3, 3, 0, 0) + mf.ipv4(A, B, ICMP, icmp4(8, 7, 1, ping))[:28]
    unreach = unreach[:2] + struct.pack("!H", mf.inet_checksum(unreach)) + unreach[4:]
    return [
        (v4(A, B, icmp4(8, 0x1234, 1, ping)), "Echo request A -> B, id 0x1234 seq 1"),
        (v4(B, A, icmp4(0, 0x1234, 1, ping)), "Echo reply B -> A: answers frame 1"),
        (v4(A, B, icmp4(8, 0x1234, 2, ping)), "Echo request seq 2: never answered"),
        (v4(A, B, icmp4(8, 0x1234, 3, ping)), "Echo request seq 3"),
        (v4(A, B, icmp4(8, 0x1234, 3, ping)), "The same request again: the reply answers this one"),
        (v4(B, A, icmp4(0, 0x1234, 3, ping)), "Echo reply seq 3: answers frame 5"),
        (v4(B, A, icmp4(0, 0x1234, 3, ping)), "The same reply again: answers nothing"),
        (v4(C, A, icmp4(0, 0x0009, 1, ping)), "Echo reply with no request"),
        (v4(A, B, icmp4(8, 0x0002, 1, b"request data")), "Echo request id 2"),
        (v4(B, A, icmp4(0, 0x0002, 1, b"other data!!")), "Echo reply id 2 with other data: answers nothing"),
        (v4(A, B, icmp4(8, 0x0003, 1, ping)), "Echo request id 3"),
        (v4(A, B, icmp4(0, 0x0003, 1, ping)), "Echo reply id 3 sent A -> B, as the request: answers frame 11"),
        (v4(B, A, unreach), "Port unreachable quoting an echo request (id 7): not a request"),
        (v4(A, B, icmp4(0, 0x0007, 1, ping)), "Echo reply id 7: the quoted request is none"),
        (mf.eth(mf.mac(2), mf.mac(1), 0x0800, mf.ipv4(X, Y, IPIP, mf.ipv4(A, B, ICMP, icmp4(8, 0x0004, 1, ping)))),
         "Echo request id 4 in IP-in-IP (outer X -> Y, inner A -> B)"),
        (v4(B, A, icmp4(0, 0x0004, 1, ping)), "Echo reply id 4 B -> A: answers the tunnelled request"),
        (v4(A, B, icmp4(8, 0x0005, 1, ping, csum=0xBEEF)), "Echo request id 5 with a wrong checksum"),
        (v4(B, A, icmp4(0, 0x0005, 1, ping, csum=0xBEEF + 0x0800)),
         "Echo reply id 5 whose checksum is the request's plus 0x0800: answers frame 17"),
        (v4(A, B, icmp4(15, 0x0006, 1, b"")), "Information request: not tracked"),
        (v4(B, A, icmp4(16, 0x0006, 1, b"")), "Information reply: not tracked"),
        (v6(A6, B6, icmp6(128, 0x1234, 1, ping)), "ICMPv6 echo request A6 -> B6"),
        (v6(B6, A6, icmp6(129, 0x1234, 1, ping)), "ICMPv6 echo reply: answers frame 21"),
        (v6(A6, B6, icmp6(128, 0x1234, 2, ping)), "ICMPv6 echo request seq 2: never answered"),
        (v6(COA, CN, icmp6(128, 0x0042, 1, ping), [mf.dstopts([mf.opt_hao(HOA)])]),
         "ICMPv6 echo request from a mobile node's care-of address with its Home Address option"),
        (v6(CN, COA, icmp6(129, 0x0042, 1, ping), [mf.rh2(HOA)]),
         "ICMPv6 echo reply to the care-of address through a type 2 routing header"),
        (v6(A6, "ff02::1", icmp6(128, 0x0008, 1, ping)), "ICMPv6 echo request to all nodes"),
        (v6(B6, A6, icmp6(129, 0x0008, 1, ping)), "ICMPv6 echo reply from one node: answers nothing"),
        # One's complement has two zeros, 0x0000 and 0xffff: tshark takes them as one.
        (v4(A, B, icmp4(8, 0x0009, 1, ping, csum=0x0000)), "Echo request id 9 with checksum 0x0000"),
        (v4(B, A, icmp4(0, 0x0009, 1, ping, csum=0x0800)),
         "Echo reply id 9 with checksum 0x0800 (0xffff + 0x0800): answers frame 28"),
        (v6(A6, B6, icmp6(128, 0x0009, 1, ping), csum=0xFFFF), "ICMPv6 echo request id 9 with checksum 0xffff"),
        (v6(B6, A6, icmp6(129, 0x0009, 1, ping), csum=0xFEFF),
         "ICMPv6 echo reply id 9 with checksum 0xfeff (0x0000 - 0x0100): answers frame 30"),
        (v4(A, "255.255.255.255", icmp4(8, 0x000A, 1, ping)), "Echo request to the limited broadcast address"),
        (v4(A, "224.0.0.1", icmp4(8, 0x000B, 1, ping)), "Echo request to all systems (224.0.0.1)"),
        (vxlan(X, Y, v4(A, B, icmp4(8, 0x000C, 1, ping))), "Echo request id 12 inside VXLAN (UDP 4789)"),
        (v4(B, A, icmp4(0, 0x000C, 1, ping)), "Echo reply id 12, not tunnelled: answers nothing (tshark pairs over UDP apart)"),
        (vxlan(Y, X, v4(B, A, icmp4(0, 0x000C, 1, ping))), "Echo reply id 12 inside VXLAN: answers frame 34"),
        (mf.eth(mf.mac(2), mf.mac(1), 0x0800, mf.ipv4(A, B, AH, ah(ICMP, icmp4(8, 0x000D, 1, ping)))),
         "Echo request id 13 after an Authentication Header: no TTL in the Info"),
        (v6(A6, RPL_HOP, icmp6(128, 0x000E, 1, ping), [rpl([RPL_VIA, RPL_DST], 8, 10)]),
         "ICMPv6 echo request through an RPL Source Route header (CmprI 8, CmprE 10, Pad 2): "
         "to its last address, which the checksum covers"),
        (v6(RPL_DST, A6, icmp6(129, 0x000E, 1, ping)), "ICMPv6 echo reply from the RPL route's last address: answers frame 38"),
    ]


README_BEGIN = "<!-- echo fixtures: begin (captures/make_fixtures_echo.py) -->"
README_END = "<!-- echo fixtures: end -->"


def main():
    w = mf.Pcapng()
    e = w.iface(1, "eth0")
    for data, desc in frames():
        w.packet(e, data, desc)
    name = "icmp-echo.pcapng"
    w.save(name)
    print("wrote %s (%d frames)" % (name, len(w.frames)))
    mf.readme_frames(README_BEGIN, README_END, name, "make_fixtures_echo.py", w,
                     "ICMP and ICMPv6 echo requests and replies one second apart on Ethernet (IPv4 A %s, B %s, C %s; "
                     "IPv6 A6 %s, B6 %s; a mobile node's care-of address %s, home address %s, correspondent %s): "
                     "which reply answers which request, as tshark 4.0.17 pairs them (`(request in N)` in one pass, "
                     "`(reply in N)` and `(no response found!)` with `-2`)." % (A, B, C, A6, B6, COA, HOA, CN))


if __name__ == "__main__":
    main()
