#!/usr/bin/env python3
"""Fixture capture for the transports PMIPv6 and NEMO use (issue 3 item 2).

Writes captures/crafted/transport-pmipv6.pcapng and appends its section to
captures/crafted/README.md (once):
* GRE (RFC 2784 / RFC 2890) MAG<->LMA tunnels with the GRE key that the GRE Key mobility
  option (RFC 5845) negotiates, over IPv6 and over IPv4, carrying IPv6 and IPv4;
* PMIPv6 signalling over IPv4 transport (RFC 5844 §3): a PBU/PBA in UDP port 5436.

Built byte by byte from the RFC layouts with make_fixtures.py's helpers. Deterministic.
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures_optext as ox  # noqa: E402
from make_fixtures import (BA_P, BU_A, BU_H, BU_P, OUT, Pcapng, body_ba, body_bu, eth, eth6,  # noqa: E402
                           inet_checksum, ipv4, ipv6, mh, udp4)

MAG6, LMA6 = "2001:db8:20::1", "2001:db8:10::1"
MAG4, LMA4 = "192.0.2.1", "198.51.100.1"
MN_HOA6, CN6 = "2001:db8:100::10", "2001:db8:3::3"
MN_HOA4, CN4 = "198.51.100.77", "192.0.2.99"
KEY_UP, KEY_DOWN = 0x12345678, 0x0000ABCD
MAC_MAG = bytes.fromhex("020000000010")
MAC_LMA = bytes.fromhex("020000000011")
MAC_MN = bytes.fromhex("020000000012")
MAC_CN = bytes.fromhex("020000000013")


def gre(proto, payload, key=None, seq=None, checksum=False, routing=None):
    # RFC 2784 2.1 / RFC 2890 2: C (0x8000), K (0x2000), S (0x1000), Ver 0, Protocol Type;
    # then Checksum + Reserved1 if C, Key if K, Sequence Number if S.
    # RFC 1701 2.1: R (0x4000) adds Checksum + Offset and, after Key and Sequence Number, the
    # Source Route Entries (Address Family, SRE Offset, SRE Length, Routing Information) up to a
    # null SRE (family 0, length 0).
    flags = (0x8000 if checksum else 0) | (0x2000 if key is not None else 0) | (0x1000 if seq is not None else 0)
    flags |= 0x4000 if routing is not None else 0
    hdr = struct.pack("!HH", flags, proto)
    rest = b""
    if checksum or routing is not None:
        rest += b"\x00\x00\x00\x00"
    if key is not None:
        rest += struct.pack("!I", key)
    if seq is not None:
        rest += struct.pack("!I", seq)
    if routing is not None:
        for af, off, info in routing:
            rest += struct.pack("!HBB", af, off, len(info)) + info
        rest += struct.pack("!HBB", 0, 0, 0)
    pkt = bytearray(hdr + rest + payload)
    if checksum:
        # RFC 2784 2.2: the one's complement checksum of the GRE header and payload.
        pkt[4:6] = struct.pack("!H", inet_checksum(bytes(pkt)))
    return bytes(pkt)


def with_version(ver, pkt):
    # The low three bits of the first word (RFC 2784 2.1: Ver).
    return bytes([pkt[0], (pkt[1] & 0xF8) | ver]) + pkt[2:]


def gre_enhanced(payload, call_id, seq=None, ack=None):
    # RFC 2637 4.1 (PPTP's Enhanced GRE): K (0x2000) always, S (0x1000) with a Sequence Number,
    # A (0x0080) with an Acknowledgment Number, Ver 1, Protocol Type 0x880B (PPP); the Key is
    # the payload's length (16 bits) and the peer's Call ID (16 bits).
    flags = 0x2001 | (0x1000 if seq is not None else 0) | (0x0080 if ack is not None else 0)
    hdr = struct.pack("!HHHH", flags, 0x880B, len(payload), call_id)
    for v in (seq, ack):
        if v is not None:
            hdr += struct.pack("!I", v)
    return hdr + payload


def ppp_hdlc(protocol, payload):
    # RFC 1662 3.1: Address 0xff, Control 0x03, then the two-octet Protocol (RFC 1661 2).
    return b"\xff\x03" + struct.pack("!H", protocol) + payload


def arp_request(sha, spa, tpa):
    # RFC 826: Ethernet (1), IPv4 (0x0800), lengths 6 and 4, op 1 (request).
    import socket
    return struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + sha + socket.inet_aton(spa) + bytes(6) + socket.inet_aton(tpa)


def inner6():
    # The mobile node's IPv6 packet from its home network prefix to a correspondent (UDP).
    from make_fixtures import fill_checksum6
    u = struct.pack("!HHHH", 40000, 50007, 8 + 5, 0) + b"hello"
    return ipv6(MN_HOA6, CN6, [], 17, u, csum="udp")


def inner4():
    return ipv4(MN_HOA4, CN4, 17, udp4(MN_HOA4, CN4, 40000, 50007, b"hello"))


def pbu4():
    # RFC 5844 3.1: over IPv4 transport the PBU is sent in UDP to port 5436; the options are
    # those of RFC 5213 plus the IPv4 HoA Request (36) for the mobile node's IPv4 address.
    opts = [ox.mnid(1, ox.NAI), ox.hnp(), ox.hi(1), ox.att(4), ox.pmip_ts(0x6955B900, 0), ox.grek(KEY_UP)]
    m = mh(5, body_bu(7, BU_A | BU_H | BU_P, 100), opts)
    return ipv4(MAG4, LMA4, 17, udp4(MAG4, LMA4, 5436, 5436, m))


def pba4():
    opts = [ox.mnid(1, ox.NAI), ox.hnp(), ox.hi(1), ox.att(4), ox.pmip_ts(0x6955B900, 0), ox.grek(KEY_DOWN)]
    m = mh(6, body_ba(0, BA_P, 7, 100), opts)
    return ipv4(LMA4, MAG4, 17, udp4(LMA4, MAG4, 5436, 5436, m))


def frames():
    return [
        (eth(MAC_MAG, MAC_LMA, 0x86DD, ipv6(LMA6, MAG6, [], 47, gre(0x86DD, inner6(), key=KEY_DOWN))),
         "IPv6 LMA -> MAG, GRE (K, key 0x0000abcd) carrying the MN's IPv6 packet 2001:db8:100::10 -> 2001:db8:3::3 (UDP 40000 -> 50007)"),
        (eth(MAC_LMA, MAC_MAG, 0x86DD, ipv6(MAG6, LMA6, [], 47, gre(0x0800, inner4(), key=KEY_UP, seq=1, checksum=True))),
         "IPv6 MAG -> LMA, GRE (C K S, key 0x12345678, seq 1, correct checksum) carrying the MN's IPv4 packet 198.51.100.77 -> 192.0.2.99"),
        (eth(MAC_LMA, MAC_MAG, 0x0800, ipv4(MAG4, LMA4, 47, gre(0x86DD, inner6(), key=KEY_UP))),
         "IPv4 transport (RFC 5844) MAG -> LMA, GRE (K, key 0x12345678) carrying IPv6"),
        (eth(MAC_LMA, MAC_MAG, 0x0800, pbu4()),
         "IPv4 192.0.2.1 -> 198.51.100.1 UDP 5436: PBU seq 7 (A H P) with MN-ID, HNP, HI, ATT, Timestamp, GRE Key 0x12345678 (MH checksum 0, not verified over UDP)"),
        (eth(MAC_MAG, MAC_LMA, 0x0800, pba4()),
         "IPv4 198.51.100.1 -> 192.0.2.1 UDP 5436: PBA seq 7 status 0 (P) with the same options and GRE Key 0x0000abcd"),
        (eth(MAC_LMA, MAC_MAG, 0x86DD, ipv6(MAG6, LMA6, [], 47, gre(0x86DD, inner6(), key=KEY_UP,
                                                                    routing=[(0x0800, 0, bytes([198, 51, 100, 1]))]))),
         "IPv6 MAG -> LMA, GRE with RFC 1701 routing (R K: Checksum/Offset 0, key 0x12345678, one IPv4 SRE 198.51.100.1, null SRE) carrying IPv6: RFC 2784 reserves R (warning)"),
        (eth(MAC_LMA, MAC_MAG, 0x0800, ipv4(MAG4, LMA4, 47, gre(0x6558, eth(MAC_MN, MAC_CN, 0x86DD, inner6()), key=KEY_UP))),
         "IPv4 MAG -> LMA, GRE (K, key 0x12345678) Transparent Ethernet Bridging (0x6558) carrying an Ethernet frame 02:00:00:00:00:13 -> 02:00:00:00:00:12 with the MN's IPv6 packet"),
        (eth(MAC_LMA, MAC_MAG, 0x0800, ipv4(MAG4, LMA4, 47, gre_enhanced(ppp_hdlc(0x0021, inner4()), 7, seq=5, ack=3))),
         "IPv4, Enhanced GRE (RFC 2637: K S A, version 1, PPP; Payload Length 37, Call ID 7, seq 5, ack 3) carrying PPP (ff 03, IPv4) with the MN's IPv4 packet"),
        (eth(MAC_MAG, MAC_LMA, 0x0800, ipv4(LMA4, MAG4, 47, gre_enhanced(b"", 9, ack=5))),
         "IPv4, Enhanced GRE acknowledgment alone (K A, version 1, PPP; Payload Length 0, Call ID 9, ack 5), no payload"),
        (eth(MAC_LMA, MAC_MAG, 0x0800, ipv4(MAG4, LMA4, 47, gre(0x0806, arp_request(MAC_MN, "198.51.100.77", "198.51.100.1")))),
         "IPv4 MAG -> LMA, GRE carrying an ARP request (0x0806) who-has 198.51.100.1 tell 198.51.100.77"),
        (eth(MAC_LMA, MAC_MAG, 0x0800, ipv4(MAG4, LMA4, 47, with_version(2, gre(0x0800, inner4(), key=KEY_UP)))),
         "IPv4 MAG -> LMA, GRE version 2 (K, key 0x12345678) carrying IPv4: RFC 2784 2.3.1 requires version 0 (warning; read with version 0's layout, as tshark)"),
    ]


SECTION = """Built by `captures/make_fixtures_transport.py` from RFC 2784/2890 (GRE), RFC 5213/5845 (PMIPv6, GRE key)
and RFC 5844 (IPv4 transport: Mobility Header in UDP port 5436). Ethernet; MAG 2001:db8:20::1 / 192.0.2.1,
LMA 2001:db8:10::1 / 198.51.100.1."""


def main():
    name = "transport-pmipv6.pcapng"
    w = Pcapng()
    i = w.iface(1, "eth0")
    for data, desc in frames():
        w.packet(i, data, desc)
    w.save(name)
    readme = os.path.join(OUT, "README.md")
    marker = "## " + name
    with open(readme) as fh:
        text = fh.read()
    if marker not in text:
        lines = ["", marker, "", SECTION, "", "| frame | contents |", "|---|---|"]
        lines += ["| %d | %s |" % (k, d) for k, d in w.frames]
        with open(readme, "a") as fh:
            fh.write("\n".join(lines) + "\n")
    print("%s %d frames" % (name, len(w.frames)))


if __name__ == "__main__":
    main()
