#!/usr/bin/env python3
"""make_fixtures_icmp4.py - crafted ICMPv4 / Mobile IPv4 agent discovery / ARP capture for mipscope.
Standard library only; reuses make_fixtures.py's writers.

    python3 captures/make_fixtures_icmp4.py

Writes captures/crafted/icmpv4-arp.pcapng (Ethernet) and (re)writes its own section of
captures/crafted/README.md between the "icmp4 fixtures" markers. Deterministic.

Layouts: ICMP RFC 792 (echo, destination unreachable, time exceeded, parameter problem,
redirect), ICMP Router Advertisement / Solicitation RFC 1256 section 3, Mobile IPv4 agent
discovery RFC 5944 section 2 (Agent Advertisement = Router Advertisement + Mobility Agent
Advertisement extension 16, Prefix-Lengths extension 19, One-byte Padding 0; Agent
Solicitation), Challenge extension 24 RFC 4721 section 2.1, ARP RFC 826 with the proxy and
gratuitous ARP of RFC 5944 section 4.6 and the probe/announcement of RFC 5227.

Every ICMP checksum and IPv4 header checksum is correct unless a frame's description says
otherwise (RFC 792: the checksum covers the ICMP message only, no pseudo-header).
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402

a4 = mf.a4
MN_HOA = mf.V4_MN_HOA      # 198.51.100.10  mobile node home address
HA = mf.V4_HA              # 198.51.100.1   home agent (home link router)
HA2 = "198.51.100.2"       # second home-link address of the home agent
HOME_HOST = "198.51.100.50"  # a correspondent on the home link
COA = mf.V4_COA            # 192.0.2.20     foreign agent care-of address used by the MN
FA = "192.0.2.1"           # foreign agent
FA2 = "192.0.2.2"          # second foreign-link router address
CN = mf.V4_CN              # 192.0.2.50
BCAST = "255.255.255.255"
MAC_MN, MAC_AR, MAC_CN, MAC_HA = mf.MAC_MN, mf.MAC_AR, mf.MAC_CN, mf.MAC_HA
MAC_FA = mf.mac(5)
MAC_BCAST = b"\xff" * 6
MAC_ZERO = b"\x00" * 6


# ------------------------------------------------------------------ ICMP (RFC 792)
def icmp(typ, code, rest4, body=b"", csum=None):
    """Type, Code, Checksum, 4 octets that depend on the type, then the body. The checksum
    is the one's complement of the one's complement sum of the ICMP message (RFC 792)."""
    m = struct.pack("!BBH", typ, code, 0) + rest4 + body
    c = mf.inet_checksum(m) if csum is None else csum
    return m[:2] + struct.pack("!H", c) + m[4:]


def ip_pkt(src, dst, payload, ttl=64, ident=1, proto=1):
    return mf.ipv4(src, dst, proto, payload, ttl=ttl, ident=ident)


def frame(dst_mac, src_mac, ip):
    return mf.eth(dst_mac, src_mac, 0x0800, ip)


def ping_payload(n):
    # Linux ping: a struct timeval (64-bit seconds, 64-bit microseconds, little-endian) at
    # the frame's own time (frame n is at T0 + n - 1 s), then the bytes 0x10..0x37.
    return struct.pack("<qq", mf.T0 + n - 1, 250000) + bytes(range(0x10, 0x38))


# ------------------------------------------------------------------ RFC 1256 / RFC 5944 section 2
def router_adv(code, lifetime, routers, exts=b"", num_addrs=None, entry_size=2):
    # RFC 1256 3: Num Addrs, Addr Entry Size (2), Lifetime, (Router Address, Preference Level)*
    n = len(routers) if num_addrs is None else num_addrs
    rest = struct.pack("!BBH", n, entry_size, lifetime)
    body = b"".join(a4(r) + struct.pack("!i", pref) for r, pref in routers)
    return icmp(9, code, rest, body + exts)


# RFC 5944 2.1.1 flag bits (16-bit word after the Registration Lifetime)
R, B, H, F, M, G, r_, T, U, X, I = (0x8000, 0x4000, 0x2000, 0x1000, 0x0800, 0x0400, 0x0200, 0x0100, 0x0080,
                                     0x0040, 0x0020)


def maa(seq, reg_life, flags, coas, length=None):
    # RFC 5944 2.1.1: Type 16, Length 6 + 4N, Sequence Number, Registration Lifetime, flags, CoAs
    body = struct.pack("!HHH", seq, reg_life, flags) + b"".join(a4(c) for c in coas)
    return bytes([16, len(body) if length is None else length]) + body


def prefix_lengths(pls, length=None):
    # RFC 5944 2.1.2: Type 19, Length N (= Num Addrs), one Prefix-Length octet per router address
    return bytes([19, len(pls) if length is None else length]) + bytes(pls)


PAD = b"\x00"  # RFC 5944 2.1.3 One-byte Padding extension: Type 0 only


def challenge(value):
    # RFC 4721 2.1: Type 24, Length, Challenge
    return bytes([24, len(value)]) + value


# ------------------------------------------------------------------ ARP (RFC 826)
def arp(op, sha, spa, tha, tpa, hrd=1, pro=0x0800):
    hln, pln = len(sha), len(spa)
    return struct.pack("!HHBBH", hrd, pro, hln, pln, op) + sha + spa + tha + tpa


def arp_frame(dst_mac, src_mac, body, pad_to=None):
    f = mf.eth(dst_mac, src_mac, 0x0806, body)
    if pad_to is not None and len(f) < pad_to:
        f += bytes(pad_to - len(f))
    return f


# ------------------------------------------------------------------ icmpv4-arp.pcapng
def f_icmp4_arp():
    w = mf.Pcapng()
    e = w.iface(1, "eth0")
    # 1-2 echo request / reply on the home link
    req = icmp(8, 0, struct.pack("!HH", 0x1234, 1), ping_payload(1))
    w.packet(e, frame(MAC_HA, MAC_MN, ip_pkt(MN_HOA, HA, req, ident=0x0101)),
             "Echo request MN home address -> HA, id 0x1234 seq 1, 56 octets of Linux ping data "
             "(16-octet little-endian timeval at the frame time + 0.25 s, then 0x10..0x37)")
    rep = icmp(0, 0, struct.pack("!HH", 0x1234, 1), ping_payload(1))
    w.packet(e, frame(MAC_MN, MAC_HA, ip_pkt(HA, MN_HOA, rep, ident=0x0202)),
             "Echo reply HA -> MN, id 0x1234 seq 1, the request's data")
    # 3 agent advertisement from the home agent
    exts = maa(257, 1800, H | F | G, [HA, HA2]) + prefix_lengths([24]) + PAD
    adv = router_adv(0, 1800, [(HA, 0)], exts)
    w.packet(e, frame(MAC_BCAST, MAC_HA, ip_pkt(HA, BCAST, adv, ttl=1, ident=0x0303)),
             "Agent Advertisement from the HA (code 0, TTL 1, to 255.255.255.255): 1 router address "
             "198.51.100.1 pref 0, lifetime 1800; Mobility Agent Advertisement seq 257, registration "
             "lifetime 1800, H F G, CoAs 198.51.100.1 198.51.100.2; Prefix-Lengths 24; One-byte Padding "
             "(ICMP length 36)")
    # 4 foreign agent advertisement
    exts = (maa(12, 600, R | F | M | G | T | U | X | I, [COA, "192.0.2.21", "192.0.2.22"])
            + prefix_lengths([24, 25]) + challenge(bytes(range(0xa0, 0xb0))))
    adv = router_adv(16, 9000, [(FA, 0), (FA2, -0x80000000)], exts)
    w.packet(e, frame(MAC_BCAST, MAC_FA, ip_pkt(FA, BCAST, adv, ttl=1, ident=0x0404)),
             "Agent Advertisement from the FA (code 16, TTL 1): routers 192.0.2.1 pref 0 and 192.0.2.2 "
             "pref 0x80000000 (-2147483648, never a default router), lifetime 9000; MAA seq 12, "
             "registration lifetime 600, R F M G T U X I (0x9de0), CoAs 192.0.2.20-22; Prefix-Lengths "
             "24 25; Challenge (RFC 4721) a0..af")
    # 5 agent solicitation
    sol = icmp(10, 0, b"\x00\x00\x00\x00")
    w.packet(e, frame(MAC_BCAST, MAC_MN, ip_pkt(MN_HOA, BCAST, sol, ttl=1, ident=0x0505)),
             "Agent Solicitation (Router Solicitation, TTL 1) MN -> 255.255.255.255")
    # 6 destination unreachable quoting a whole Registration Request
    rrq = mf.ipv4_rrq_packet()
    du = icmp(3, 3, b"\x00\x00\x00\x00", rrq)
    w.packet(e, frame(MAC_MN, MAC_AR, ip_pkt(HA, COA, du, ident=0x0606)),
             "Destination unreachable (port unreachable) HA -> CoA quoting the whole Registration "
             "Request it refused (IPv4 with Router Alert option, UDP 49152->434, RRQ + MN-HA "
             "authentication, %d octets; RFC 1812 4.3.2.3 allows more than 8 octets)" % len(rrq))
    # 7 time exceeded quoting IP header + 8 octets
    te = icmp(11, 0, b"\x00\x00\x00\x00", rrq[:24 + 8])
    w.packet(e, frame(MAC_MN, MAC_AR, ip_pkt(FA2, COA, te, ident=0x0707)),
             "Time exceeded in transit 192.0.2.2 -> CoA quoting the RRQ's IPv4 header + 8 octets "
             "(the UDP header only; the quote is cut, as RFC 792 allows)")
    # 8 parameter problem pointing at the Router Alert option
    pp = icmp(12, 0, b"\x14\x00\x00\x00", rrq[:24 + 8 + 20])
    w.packet(e, frame(MAC_MN, MAC_AR, ip_pkt(HA, COA, pp, ident=0x0808)),
             "Parameter problem, pointer 20 (the Router Alert option), quoting the RRQ's IPv4 header + "
             "28 octets (UDP header + the first 20 octets of the Registration Request: its Identification is cut)")
    # 9 redirect quoting an echo request
    inner_req = icmp(8, 0, struct.pack("!HH", 0x4321, 7), b"abcdefgh")
    inner = mf.ipv4(COA, CN, 1, inner_req, ident=0x0909)
    rd = icmp(5, 1, a4(FA), inner[:20 + 8])
    w.packet(e, frame(MAC_MN, MAC_AR, ip_pkt(FA2, COA, rd, ident=0x0a0a)),
             "Redirect for host: 192.0.2.2 tells the CoA to use gateway 192.0.2.1, quoting an echo "
             "request CoA -> 192.0.2.50 (IPv4 header + its 8-octet ICMP header)")
    # 10 bad checksum
    bad = icmp(8, 0, struct.pack("!HH", 0x1234, 2), b"mipscope", csum=0xbeef)
    w.packet(e, frame(MAC_AR, MAC_MN, ip_pkt(COA, CN, bad, ident=0x0b0b)),
             "Echo request CoA -> 192.0.2.50 with a wrong ICMP checksum (0xbeef), 8 octets of data")
    # 11-19 ARP
    w.packet(e, arp_frame(MAC_BCAST, MAC_MN, arp(1, MAC_MN, a4(COA), MAC_ZERO, a4(FA))),
             "ARP request: who has 192.0.2.1 (FA)? Tell 192.0.2.20 (MN), 42 octets")
    w.packet(e, arp_frame(MAC_MN, MAC_FA, arp(2, MAC_FA, a4(FA), MAC_MN, a4(COA)), pad_to=60),
             "ARP reply: 192.0.2.1 is at 02:00:00:00:00:05, Ethernet-padded to 60 octets")
    w.packet(e, arp_frame(MAC_BCAST, MAC_MN, arp(1, MAC_MN, a4("0.0.0.0"), MAC_ZERO, a4("192.0.2.30"))),
             "ARP probe (RFC 5227): sender IP 0.0.0.0, who has 192.0.2.30?")
    w.packet(e, arp_frame(MAC_BCAST, MAC_MN, arp(1, MAC_MN, a4(COA), MAC_ZERO, a4(COA))),
             "ARP announcement (RFC 5227) of 192.0.2.20 by the MN: sender = target IP, target MAC zero")
    w.packet(e, arp_frame(MAC_BCAST, MAC_CN, arp(1, MAC_CN, a4(HOME_HOST), MAC_ZERO, a4(MN_HOA))),
             "ARP request on the home link while the MN is away: who has 198.51.100.10? Tell "
             "198.51.100.50")
    w.packet(e, arp_frame(MAC_CN, MAC_HA, arp(2, MAC_HA, a4(MN_HOA), MAC_CN, a4(HOME_HOST))),
             "Proxy ARP reply from the HA (RFC 5944 4.6): 198.51.100.10 is at 02:00:00:00:00:04 (the HA)")
    w.packet(e, arp_frame(MAC_BCAST, MAC_HA, arp(1, MAC_HA, a4(MN_HOA), MAC_BCAST, a4(MN_HOA))),
             "Gratuitous ARP request from the HA for the MN's home address (RFC 5944 4.6), target MAC "
             "ff:ff:ff:ff:ff:ff")
    w.packet(e, arp_frame(MAC_BCAST, MAC_HA, arp(2, MAC_HA, a4(MN_HOA), MAC_BCAST, a4(MN_HOA))),
             "Gratuitous ARP reply from the HA for the MN's home address")
    eui64 = bytes.fromhex("0200000000000001")
    w.packet(e, arp_frame(MAC_BCAST, MAC_MN, arp(1, eui64, mf.a6("2001:db8:1::100"), bytes(8),
                                                 mf.a6("2001:db8:1::1"), hrd=6, pro=0x86DD)),
             "ARP request with hardware type 6 (IEEE 802), hardware size 8, protocol type 0x86dd, protocol "
             "size 16: decoded as bytes")
    # 20-25 malformed
    w.packet(e, arp_frame(MAC_BCAST, MAC_MN, arp(1, MAC_MN, a4(COA), MAC_ZERO, a4(FA))[:20]),
             "ARP request cut after 20 octets (hardware/protocol sizes promise 28)")
    # Prefix-Lengths with 2 entries for 1 router address, then a MAA whose Length 8 is not 6 + 4N
    # and which claims 2 octets more than the message holds.
    exts = prefix_lengths([24, 16]) + maa(3, 600, H, [], length=8)
    adv = router_adv(0, 1800, [(HA, 0)], exts)
    w.packet(e, frame(MAC_BCAST, MAC_HA, ip_pkt(HA, BCAST, adv, ttl=1, ident=0x1414)),
             "Agent Advertisement with lying lengths: Prefix-Lengths first with Length 2 (Num Addrs is "
             "1), then a Mobility Agent Advertisement with Length 8 (not 6 + 4N) that runs 2 octets past "
             "the message")
    adv = router_adv(0, 1800, [(HA, 0)], maa(4, 600, H | F, [HA]), num_addrs=3)
    w.packet(e, frame(MAC_BCAST, MAC_HA, ip_pkt(HA, BCAST, adv, ttl=1, ident=0x1515)),
             "Router Advertisement claiming 3 router addresses where the message holds 1 and a MAA "
             "(Num Addrs x Addr Entry Size runs past the message)")
    adv = router_adv(0, 1800, [(HA, 0)], maa(5, 600, H | B | R | r_ | 0x0001, []) + PAD + PAD)
    w.packet(e, frame(MAC_BCAST, MAC_HA, ip_pkt(HA, BCAST, adv, ttl=64, ident=0x1616)),
             "Agent Advertisement breaking RFC 5944 rules: TTL 64, flags H B R r + reserved bit 0x0001 "
             "(B and R without F), two One-byte Padding extensions")
    exts = maa(6, 600, F, []) + bytes([200, 2, 0xca, 0xfe]) + bytes([99, 1, 0x01])
    adv = router_adv(0, 1800, [(FA, 0)], exts)
    w.packet(e, frame(MAC_BCAST, MAC_FA, ip_pkt(FA, BCAST, adv, ttl=1, ident=0x1717)),
             "Agent Advertisement with F set but no care-of address, an unknown skippable extension "
             "(200) and an unknown non-skippable one (99, RFC 5944 1.9: the advertisement must be "
             "discarded)")
    short = icmp(8, 0, b"")[:4]
    w.packet(e, frame(MAC_AR, MAC_MN, ip_pkt(COA, CN, short, ident=0x1818)),
             "ICMP message of 4 octets (echo request without identifier or sequence number)")
    exts = maa(12, 600, R | F | T, [COA, "192.0.2.21", "192.0.2.22"]) + prefix_lengths([24, 25])
    adv = router_adv(16, 9000, [(FA, 0), (FA2, 0)], exts)
    full = frame(MAC_BCAST, MAC_FA, ip_pkt(FA, BCAST, adv, ttl=1, ident=0x1919))
    w.packet(e, full, "Agent Advertisement from the FA cut by the capture's snap length after 60 "
             "octets (%d on the wire)" % len(full), caplen=60)
    # 27-28 RARP (RFC 903 section 2): ARP's packet in EtherType 0x8035, opcodes 3 and 4
    rreq = arp(3, MAC_MN, a4("0.0.0.0"), MAC_MN, a4("0.0.0.0"))
    w.packet(e, mf.eth(MAC_BCAST, MAC_MN, 0x8035, rreq) + bytes(18),
             "RARP request (EtherType 0x8035, opcode 3): the MN asks which IPv4 address its own MAC "
             "02:00:00:00:00:01 has (padded to 60 octets)")
    rrep = arp(4, MAC_FA, a4(FA), MAC_MN, a4(COA))
    w.packet(e, mf.eth(MAC_MN, MAC_FA, 0x8035, rrep) + bytes(18),
             "RARP reply (opcode 4): the FA answers %s for 02:00:00:00:00:01 (padded to 60 octets)" % COA)
    # 29 a checksum of 0xffff where 0x0000 is computed: one's complement arithmetic has two
    # zeros, and a receiver sums the whole message, checksum included (RFC 1071 section 1,
    # RFC 1624 section 3), so either is right. The sequence number makes the sum come out so.
    exts = maa(0, 600, R | F, [COA])
    zero = router_adv(16, 1800, [(FA, 0)], exts)
    seq = (0xffff - (~mf.inet_checksum(zero[:2] + b"\0\0" + zero[4:]) & 0xffff)) & 0xffff
    exts = maa(seq, 600, R | F, [COA])
    rest = struct.pack("!BBH", 1, 2, 1800)
    adv = icmp(9, 16, rest, a4(FA) + struct.pack("!i", 0) + exts, csum=0xffff)
    assert mf.inet_checksum(adv[:2] + b"\0\0" + adv[4:]) in (0, 0xffff), "the computed checksum is a zero"
    w.packet(e, frame(MAC_BCAST, MAC_FA, ip_pkt(FA, BCAST, adv, ttl=1, ident=0x1d1d)),
             "Agent Advertisement (MAA seq 0x%04x, R F, CoA %s) whose checksum is 0xffff, the other "
             "zero of one's complement: the sum over the whole message is right (RFC 1624 section 3)"
             % (seq, COA))
    return w


README_BEGIN = "<!-- icmp4 fixtures: begin (captures/make_fixtures_icmp4.py) -->"
README_END = "<!-- icmp4 fixtures: end -->"


def main():
    w = f_icmp4_arp()
    name = "icmpv4-arp.pcapng"
    w.save(name)
    print("wrote %s (%d frames)" % (name, len(w.frames)))
    lines = [README_BEGIN, "", "## `%s` (%d frames, by `captures/make_fixtures_icmp4.py`)" % (name, len(w.frames)), "",
             "Ethernet. ICMPv4 (RFC 792), Mobile IPv4 agent discovery (RFC 5944 section 2 on RFC 1256 router "
             "discovery) and ARP (RFC 826, RFC 5944 4.6 proxy and gratuitous ARP, RFC 5227 probe and "
             "announcement). MN home address %s, HA %s (MAC 02:00:00:00:00:04), FA %s (MAC "
             "02:00:00:00:00:05), MN care-of address %s (MAC 02:00:00:00:00:01), router 192.0.2.2 (MAC "
             "02:00:00:00:00:02). Every ICMP and IPv4 checksum is correct unless said otherwise." %
             (MN_HOA, HA, FA, COA), "", "| frame | content |", "|---|---|"]
    lines += ["| %d | %s |" % (n, d.replace("|", "/")) for n, d in w.frames]
    lines += [
        "", "### What tshark 4.0.17 makes of this file", "",
        "* Frames 1-2: tshark 4.0 reads the first 8 data octets as a 32-bit timeval (`icmp.data_time`), so "
        "the 64-bit Linux timeval gives whole seconds and the data starts 8 octets in; mipscope does the same.",
        "* Frame 4: tshark counts the I flag (RFC 5944 2.1.1, regional registration) as reserved "
        "(`icmp.mip.reserved` 0x0020, mask 0x3f) and calls the r bit \"VJ Comp\"; mipscope shows `icmp.mip.i` "
        "and a reserved field of 5 bits.",
        "* Frame 5: tshark shows no field for the Router/Agent Solicitation's 4 Reserved octets.",
        "* Frame 8: tshark hands a Mobile IP message quoted in an ICMP error to its dissector only when 16 "
        "or more of its octets are there (with fewer it leaves the UDP payload undissected); the quote here "
        "carries 20.",
        "* Frame 12: tshark shows the 18 octets of Ethernet padding as `eth.padding`; mipscope shows no "
        "Ethernet padding.",
        "* Frames 20, 22, 24 and 25 end in Malformed Packet in tshark (ARP cut short; Num Addrs past the "
        "message; unknown extension 200, whose content tshark takes as Length - 4 octets; a 4-octet "
        "message); frame 26 in \"Packet size limited during capture\".",
        "* tshark walks agent advertisement extensions by the fields it decodes, not by their Length: in "
        "frame 21 the MAA with Length 8 is the last extension, so both tools agree on it.",
        "", README_END]
    mf.readme_section(README_BEGIN, README_END, lines)


if __name__ == "__main__":
    main()
