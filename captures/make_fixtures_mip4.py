#!/usr/bin/env python3
"""make_fixtures_mip4.py - crafted Mobile IPv4 captures (RFC 5944 and friends, seed 003 /
RFC 6521 HAaRO) for mipscope. Standard library only; reuses make_fixtures.py's writers.

    python3 captures/make_fixtures_mip4.py

Writes captures/crafted/mip4-*.pcapng and (re)writes its own section of
captures/crafted/README.md between the "mip4 fixtures" markers. Deterministic.

Every packet is Ethernet / IPv4 / UDP (port 434) with correct IPv4 and UDP checksums.
Registration Requests/Replies carry a Mobile-Home Authentication extension whose
authenticator is a real HMAC-MD5 (RFC 5944 3.5.1 default algorithm) with key 0x0b*16 over
the UDP payload up to and including the extension's Type, Length and SPI; the seed 003
Mobile-Correspondent authenticator is a real HMAC-SHA1 with Krm = SHA1(home keygen token |
care-of keygen token) over the same kind of protected data (reference.md 5.5).
"""

import hashlib
import hmac
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402

a4 = mf.a4
MN_HOA = mf.V4_MN_HOA      # 198.51.100.10
HA = mf.V4_HA              # 198.51.100.1
COA = mf.V4_COA            # 192.0.2.20
FA = "192.0.2.1"
CR_HOA = "198.51.100.20"   # correspondent (mobile) router home address
CR_COA = "192.0.2.40"
MNHA_KEY = b"\x0b" * 16
IDENT = struct.pack("!II", mf.T0 + 2208988800, 0x80000000)  # 2026-01-01 00:00:00.5 as NTP

HOME_TOKEN = bytes.fromhex("a1a2a3a4a5a6a7a8")
COA_TOKEN = bytes.fromhex("b1b2b3b4b5b6b7b8")
KRM = hashlib.sha1(HOME_TOKEN + COA_TOKEN).digest()


def udp_pkt(src, dst, payload, sport=434, dport=434):
    ip = mf.ipv4(src, dst, 17, mf.udp4(src, dst, sport, dport, payload))
    return mf.eth(mf.MAC_HA, mf.MAC_MN, 0x0800, ip)


def ext(t, data):                       # RFC 5944 1.9 short form
    return bytes([t, len(data)]) + data


def ext_long(t, sub, data):             # RFC 5944 1.10 long form
    return struct.pack("!BBH", t, sub, len(data)) + data


def rrq(flags=0x02, lifetime=1800, hoa=MN_HOA, ha=HA, coa=COA, ident=IDENT):
    # RFC 5944 3.3
    return struct.pack("!BBH", 1, flags, lifetime) + a4(hoa) + a4(ha) + a4(coa) + ident


def rrp(code=0, lifetime=1800, hoa=MN_HOA, ha=HA, ident=IDENT):
    # RFC 5944 3.4
    return struct.pack("!BBH", 3, code, lifetime) + a4(hoa) + a4(ha) + ident


def mn_ha_auth(msg, spi=256):
    # RFC 5944 3.5.2: Type 32, Length 4 + 16, SPI, HMAC-MD5(key, msg | Type | Length | SPI)
    head = bytes([32, 20]) + struct.pack("!I", spi)
    return head + hmac.new(MNHA_KEY, msg + head, hashlib.md5).digest()


def signed(msg):
    return msg + mn_ha_auth(msg)


def mc_auth_draft(msg, ty=120, hni=3, cni=4):
    # seed 003 4.7: Type, Length 24, HNI, CNI, HMAC_SHA1(Krm, msg | Type | Length | HNI | CNI)
    head = bytes([ty, 24]) + struct.pack("!HH", hni, cni)
    return head + hmac.new(KRM, msg + head, hashlib.sha1).digest()


def mc_auth_rfc(msg, hni=3, cni=4):
    # RFC 6521 5.3 extension 49 sub-type 2: Sub-Type, Reserved, HNI, CNI, then the Authenticator,
    # First(128, HMAC_SHA1(KRm, protected data)) by default: 16 octets. The protected data are the
    # message, prior extensions and every octet of this extension before the Authenticator (seed
    # 003 4.7: "just like on other cases where Authenticator is used", as RFC 5944's Type, Length,
    # SPI; RFC 6521's Sub-Type and Reserved sit among them).
    head = bytes([49, 22, 2, 0]) + struct.pack("!HH", hni, cni)
    return head + hmac.new(KRM, msg + head, hashlib.sha1).digest()[:16]


# ------------------------------------------------------------------ mip4-messages.pcapng
def f_messages():
    w = mf.Pcapng()
    e = w.iface(1, "eth0")
    # 1 RRQ with every flag S B D M G r T x set, lifetime 65535, MN-HA auth
    w.packet(e, udp_pkt(COA, HA, signed(rrq(flags=0xFF, lifetime=0xFFFF)), sport=49152),
             "Registration Request, flags S B D M G r T x all set, lifetime 65535, MN-HA auth (HMAC-MD5)")
    # 2 RRQ with T only (deregistration lifetime 0)
    w.packet(e, udp_pkt(COA, HA, signed(rrq(flags=0x02, lifetime=0)), sport=49152),
             "Registration Request, T only, lifetime 0 (deregistration), MN-HA auth")
    # 3 RRP accepted
    w.packet(e, udp_pkt(HA, COA, signed(rrp(0)), dport=49152), "Registration Reply, code 0, MN-HA auth")
    # 4-8 RRP with error codes from RFC 3519, RFC 5177, RFC 6521
    for code, why in [(142, "ERROR_HA_UDP-ENCAP_UNAVAIL (RFC 3519)"), (147, "HA_MOBNET_ERROR (RFC 5177)"),
                      (148, "HA_MOBNET_DISALLOWED (RFC 5177)"), (201, "Expired Home nonce Index (RFC 6521)"),
                      (210, "210: in the CN range, unassigned")]:
        w.packet(e, udp_pkt(HA, COA, signed(rrp(code, lifetime=0)), dport=49152),
                 "Registration Reply, code %s" % why)
    # 9 Registration Revocation (RFC 3543 3.1): A and I set, Revocation Support ext
    rev = struct.pack("!BBH", 7, 0, 0xC000) + a4(MN_HOA) + a4(HA) + a4(FA) + struct.pack("!I", 0x01020304)
    rev += ext(137, struct.pack("!HI", 0x8000, 1767225600))
    w.packet(e, udp_pkt(HA, FA, rev), "Registration Revocation, A+I, HDA=HA, FDA=FA, id 0x01020304, "
             "Revocation Support ext (I, timestamp)")
    # 10 Revocation Acknowledgment (3.2), I set
    ack = struct.pack("!BBH", 15, 0, 0x8000) + a4(MN_HOA) + struct.pack("!I", 0x01020304)
    w.packet(e, udp_pkt(FA, HA, ack), "Revocation Acknowledgment, I set, id 0x01020304")
    # 11 Tunnel Data (RFC 3519 3.3) next header 4: inner IPv4/UDP packet
    inner = mf.ipv4(MN_HOA, "192.0.2.50", 17, mf.udp4(MN_HOA, "192.0.2.50", 5000, 5001, b"hello"))
    w.packet(e, udp_pkt(COA, HA, struct.pack("!BBH", 4, 4, 0) + inner, sport=49152),
             "Tunnel Data, next header 4: inner IPv4/UDP 5000->5001 'hello'")
    # 12 Tunnel Data with GRE
    gre = struct.pack("!HH", 0, 0x0800) + inner
    w.packet(e, udp_pkt(COA, HA, struct.pack("!BBH", 4, 47, 0) + gre, sport=49152),
             "Tunnel Data, next header 47 (GRE), shown as data")
    # 13 Tunnel Data with minimal encapsulation (RFC 2004): proto, S=0, csum, dst, [src]
    mh = struct.pack("!BBH", 17, 0, 0) + a4("192.0.2.50")
    w.packet(e, udp_pkt(COA, HA, struct.pack("!BBH", 4, 55, 0) + mh + b"xyz", sport=49152),
             "Tunnel Data, next header 55 (minimal encapsulation), shown as data")
    # 14 Handoff Request (type 16): named, not decoded
    w.packet(e, udp_pkt(FA, HA, bytes([16]) + bytes(11)), "Handoff Request (16): type only, data raw")
    # 15 truncated Registration Request (18 octets)
    w.packet(e, udp_pkt(COA, HA, rrq()[:18], sport=49152), "Registration Request cut short after 18 octets")
    return w


# ------------------------------------------------------------------ mip4-extensions.pcapng
def f_extensions():
    w = mf.Pcapng()
    e = w.iface(1, "eth0")

    def req(exts, desc, reply=False, auth=True):
        body = (rrp() if reply else rrq()) + b"".join(exts)
        if auth:
            body = signed(body)
        src, dst = (HA, COA) if reply else (COA, HA)
        w.packet(e, udp_pkt(src, dst, body), desc)

    req([bytes([0]), bytes([0])], "RRQ: two One-byte Padding extensions (type 0, no Length) before MN-HA auth")
    req([], "RRQ: Mobile-Home Authentication (32) only")
    req([ext(33, struct.pack("!I", 0x200) + bytes(range(16)))], "RRQ: Mobile-Foreign Authentication (33)", auth=False)
    req([ext(34, struct.pack("!I", 0x300) + bytes(range(16, 32)))], "RRQ: Foreign-Home Authentication (34)", auth=False)
    req([ext_long(36, 1, struct.pack("!I", 0x400) + bytes(range(20)))],
        "RRQ: Generalized MIP Authentication (36, long form), sub-type 1 MN-AAA", auth=False)
    req([ext_long(38, 0, struct.pack("!IH", 32473, 0x0102) + b"cvse")], "RRQ: CVSE (38, long form), vendor 32473")
    req([ext_long(40, 1, struct.pack("!I", 0x1001))], "RRQ: MN-FA-KeyGen Request (40, long form, RFC 3957 6.1), sub-type 1, MN SPI 0x1001")
    req([ext_long(41, 1, struct.pack("!I", 3600) + b"data")], "RRP: MN-FA-KeyGen Reply (41), lifetime 3600",
        reply=True)
    req([ext_long(42, 1, struct.pack("!I", 0x1002) + bytes(range(8, 12)))], "RRQ: MN-HA-KeyGen Request (42, RFC 3957 6.3), MN SPI 0x1002, 4 octets of subtype data")
    req([ext_long(43, 1, struct.pack("!I", 7200) + b"sub")], "RRP: MN-HA-KeyGen Reply (43), lifetime 7200",
        reply=True)
    req([ext(44, struct.pack("!BBHH", 0, 0, 0x8000, 110))], "RRP: UDP Tunnel Reply (44), code 0, F, keepalive 110",
        reply=True)
    req([ext(45, bytes([0, 70]))], "RRP: FA Error (45, RFC 4636 3), sub-type 0, status 70 (poorly formed Request)",
        reply=True)
    req([ext(46, bytes([0, 0]) + a4("192.0.2.2"))], "RRQ: GFA IP Address (46, RFC 4857 9.1), reserved 0, 192.0.2.2")
    req([ext_long(47, 1, bytes([1]))], "RRQ: PMIPv4 Non-skippable (47, long form), per-node auth method 1")
    req([ext_long(48, 0, struct.pack("!I", 0xdeadbeef))], "RRQ: GRE Key (48, RFC 6245 5, long form), sub-type 0, key 0xdeadbeef")
    req([ext(127, b"exp")], "RRQ: Non-skippable experimental (127)")
    req([ext(128, b"old"), ext(129, b"skip"), ext(130, b"\x00\x01")],
        "RRQ: Deprecated 128, SKIP Firewall Traversal 129, Encapsulating Delivery Style 130")
    req([ext(131, b"mn@example.com")], "RRQ: Mobile Node NAI (131) mn@example.com")
    req([ext(132, bytes(range(32, 48)))], "RRQ: MN-FA Challenge (132), 16 octets")
    req([ext(134, struct.pack("!HIH", 0, 32473, 7) + b"nvse")], "RRQ: NVSE (134), vendor 32473, type 7")
    req([ext(136, bytes([1]) + b"ha.example.com")], "RRQ: NAI Carrying (136), sub-type 1 HA identity")
    req([ext(137, struct.pack("!HI", 0x8000, 1767225600))], "RRQ: Revocation Support (137), I, timestamp")
    req([ext(138, bytes([3, 0]) + bytes(6))], "RRQ: Generalized Link Layer Address Registration (138)")
    req([ext(139, bytes([2]) + a4("198.51.100.2"))], "RRP: Dynamic HA (139), sub-type 2 redirected, 198.51.100.2",
        reply=True)
    req([ext(140, a4(FA)), ext(141, bytes([0, 3])), ext(142, struct.pack("!H", 300))],
        "RRQ: Hierarchical FA 140, Replay Protection Style 141, Regional Registration Lifetime 142")
    req([ext(144, struct.pack("!BBBBH", 0, 0, 0xC0, 4, 0))], "RRQ: UDP Tunnel Request (144), F R, encap 4")
    req([ext(145, bytes([1]) + b"Welcome home")], "RRP: Message String (145), sub-type 1, 'Welcome home'",
        reply=True)
    req([ext(147, bytes([1]) + b"\x00\x01\x02\x03\x04\x05"), ext(147, bytes([2, 1]) + mf.MAC_MN),
         ext(147, bytes([3, 1]) + b"\x24\x40\x01"), ext(147, bytes([4, 5]))],
        "RRQ: PMIPv4 Skippable (147) sub-types 1 interface ID, 2 device ID (MAC), 3 subscriber ID (IMSI), 4 ATT LTE")
    req([ext(148, bytes([0, 24]) + a4("192.0.2.128"))], "RRQ: Mobile Network Request (148/0) 192.0.2.128/24")
    req([ext(148, bytes([1, 0, 24, 0]) + a4("192.0.2.128")), ext(148, bytes([2, 0, 24, 0]) + a4("192.0.2.0"))],
        "RRP: Mobile Network explicit ack (148/1, code 0, 192.0.2.128/24) and implicit ack (148/2, code 0, "
        "192.0.2.0/24)", reply=True)
    req([ext(148, bytes([1, 2, 24, 0]) + a4("203.0.113.0"))],
        "RRP: Mobile Network explicit ack, code 2 MOBNET_UNAUTHORIZED", reply=True)
    req([ext(149, bytes([0])), ext(150, b"r"), ext(151, b"internet"), ext(152, bytes([1, 0, 64])),
         ext(154, bytes([1, 0]))],
        "RRQ: TNC 149, Reserved 150, Service Selection 151 'internet', Dual Stack 152, Multipath 154")
    req([ext(255, b"experimental")], "RRQ: Skippable experimental (255)")
    req([ext(200, b"\x01\x02\x03")], "RRQ: unknown skippable extension 200 (note, skipped; MN-HA auth follows)")
    req([ext(60, b"\x01\x02")], "RRQ: unknown non-skippable extension 60, last (must be rejected; no MN-HA auth)",
        auth=False)
    body = rrq() + bytes([131, 40]) + b"short"
    w.packet(e, udp_pkt(COA, HA, body), "RRQ: NAI extension whose Length 40 runs past the message (5 octets)")
    body = rrq() + ext(137, struct.pack("!H", 0x8000))
    w.packet(e, udp_pkt(COA, HA, body), "RRQ: Revocation Support with Length 2 (should be 6)")
    return w


# ------------------------------------------------------------------ HAaRO
def rr_messages(draft):
    """HoTI, CoTI, HoT, CoT (types 24-27)."""
    out = []
    lenb = (lambda n: bytes([n])) if draft else (lambda n: b"\x00")
    # seed 003: Length + Reserved (16); RFC 6521 5.6/5.7: only the Reserved octet before the cookie
    init_rsv = b"\x00\x00" if draft else b""
    out.append((MN_HOA, CR_HOA, bytes([24]) + lenb(10) + init_rsv + bytes.fromhex("0102030405060708"),
                "Home Test Init, cookie 0102030405060708"))
    out.append((COA, CR_HOA, bytes([25]) + lenb(10) + init_rsv + bytes.fromhex("1112131415161718"),
                "Care-of Test Init, cookie 1112131415161718"))
    out.append((CR_HOA, MN_HOA, bytes([26]) + lenb(18) + struct.pack("!H", 3) + bytes.fromhex("0102030405060708")
                + HOME_TOKEN, "Home Test, nonce index 3, home keygen token a1..a8"))
    out.append((CR_HOA, COA, bytes([27]) + lenb(18) + struct.pack("!H", 4) + bytes.fromhex("1112131415161718")
                + COA_TOKEN, "Care-of Test, nonce index 4, care-of keygen token b1..b8"))
    return out


def f_haaro_draft():
    w = mf.Pcapng()
    e = w.iface(1, "eth0")
    for src, dst, body, desc in rr_messages(True):
        w.packet(e, udp_pkt(src, dst, body), "seed 003 " + desc + " (Length %d)" % body[1])
    # HoTI with a wrong Length
    w.packet(e, udp_pkt(MN_HOA, CR_HOA, bytes([24, 12]) + bytes(10)), "seed 003 Home Test Init with Length 12 "
             "(should be 10): expert item, fields still decoded")
    # RRQ MR -> HA with RO capability (seed 003 4.2, type 153 sub-type 1): A R S + HoA
    m = rrq(hoa=MN_HOA) + ext(148, bytes([0, 24]) + a4("192.0.2.128")) + ext(153, bytes([1, 0xE0]) + a4(CR_HOA))
    w.packet(e, udp_pkt(COA, HA, signed(m)), "RRQ MR->HA: Mobile Network Request, RO capability (153/1) "
             "A R S + MR HoA 198.51.100.20, MN-HA auth")
    # RRP HA -> MR with two prefix advertisements (seed 003 4.1, type 50 sub-type 1)
    p1 = ext(50, bytes([1, 0x40 | 24]) + a4(CR_HOA) + a4("203.0.113.0") + b"@example.com")
    p2 = ext(50, bytes([1, 0x20]) + a4("198.51.100.30"))
    m = rrp() + ext(148, bytes([1, 0, 24, 0]) + a4("192.0.2.128")) + p1 + p2
    w.packet(e, udp_pkt(HA, COA, signed(m)), "RRP HA->MR: explicit MNP ack, prefix advertisements "
             "O /24 203.0.113.0 via 198.51.100.20 realm @example.com, and H (host route 198.51.100.30/32)")
    # RRQ MR -> CR with Mobile-Correspondent authentication (type 120), real HMAC-SHA1
    m = rrq(hoa=MN_HOA, ha=CR_HOA, coa=COA) + ext(148, bytes([0, 24]) + a4("192.0.2.128"))
    w.packet(e, udp_pkt(COA, CR_HOA, m + mc_auth_draft(m)), "RRQ MR->CR: Mobile Network Request, "
             "Mobile-Correspondent auth (120), HNI 3 CNI 4, HMAC-SHA1 with Krm=SHA1(a1..a8|b1..b8)")
    # RRP CR -> MR with Care-of Address extension (type 121)
    m = rrp(hoa=MN_HOA, ha=CR_HOA) + ext(121, b"\x00\x00" + a4(CR_COA))
    w.packet(e, udp_pkt(CR_HOA, COA, m), "RRP CR->MR: Care-of Address extension (121) 192.0.2.40")
    return w


def f_haaro_rfc():
    w = mf.Pcapng()
    e = w.iface(1, "eth0")
    for src, dst, body, desc in rr_messages(False):
        w.packet(e, udp_pkt(src, dst, body), "RFC 6521 " + desc)
    # RFC 6521 5.1: Sub-Type 1, A R (0xc0), S clear so no MR HoA
    m = rrq(hoa=MN_HOA) + ext(153, bytes([1, 0xC0]))
    w.packet(e, udp_pkt(COA, HA, signed(m)), "RRQ MR->HA: MR RO Capability (153/1) A R")
    # RFC 6521 5.2 RO Reply: O N S + 5-bit code (0x40 = N, code 0); 5.5 Prefix Advertisement in the
    # long form (Type, Sub-Type, Length 16): MR HoA structure (M, Info 0), /24 prefix (3 octets) with
    # realm "example" (label-length tag 7), then a delta /25 (0x05) with an empty realm
    pa = (bytes([0x40]) + a4(CR_HOA) + bytes([24, 203, 0, 113, 7]) + b"example" + b"\x00"
          + bytes([0x80 | 25, 0x05, 0x00]))
    m = rrp() + ext(49, bytes([1, 0x40])) + bytes([50, 1]) + struct.pack("!H", len(pa)) + pa
    w.packet(e, udp_pkt(HA, COA, signed(m)), "RRP HA->MR: RO Reply (49/1) N code 0, Prefix Advertisement "
             "(50/1, long form): MR 198.51.100.20, 203.0.113.0/24 realm example, delta 0x05/25")
    m = rrq(hoa=MN_HOA, ha=CR_HOA, coa=COA)
    w.packet(e, udp_pkt(COA, CR_HOA, m + mc_auth_rfc(m)), "RRQ MR->CR: Mobile-Correspondent Authentication "
             "(49/2), HNI 3 CNI 4, First(128, HMAC-SHA1)")
    m = rrp(hoa=MN_HOA, ha=CR_HOA) + ext(49, bytes([3, 0]) + a4(CR_COA) + a4("192.0.2.41"))
    w.packet(e, udp_pkt(CR_HOA, COA, m), "RRP CR->MR: Care-of Address (49/3) 192.0.2.40, 192.0.2.41")
    m = rrp(code=203, hoa=MN_HOA, ha=CR_HOA)
    w.packet(e, udp_pkt(CR_HOA, COA, m), "RRP CR->MR: code 203 Expired nonces")
    return w


README_BEGIN = "<!-- mip4 fixtures: begin (captures/make_fixtures_mip4.py) -->"
README_END = "<!-- mip4 fixtures: end -->"


def main():
    files = [
        ("mip4-messages.pcapng", f_messages, "Ethernet/IPv4/UDP 434: every decoded MIPv4 message type."),
        ("mip4-extensions.pcapng", f_extensions, "Ethernet/IPv4/UDP 434: one frame per registration extension "
         "(IANA registry), plus unknown and malformed ones. Every frame ends in a real HMAC-MD5 MN-HA "
         "authentication extension (SPI 256, key 0x0b x16) unless the description says otherwise."),
        ("mip4-haaro-draft.pcapng", f_haaro_draft, "seed 003 (draft-makela-mip4-nemo-haaro-00) layouts at the "
         "`draft` profile numbers (messages 24-27, extensions 50/1, 153/1, 120, 121). Decode with "
         "`-o profile=draft`."),
        ("mip4-haaro-rfc.pcapng", f_haaro_rfc, "RFC 6521 numbers (messages 24-27, extensions 49/1-3, 50/1, "
         "153/1) in the layouts of RFC 6521 section 5 (see dissect/src/mip4/haaro.rs)."),
    ]
    lines = [README_BEGIN, "", "## Mobile IPv4 (`mip4-*.pcapng`, by `captures/make_fixtures_mip4.py`)", "",
             "Addresses: MN/MR HoA %s, HA %s, CoA %s, FA %s, correspondent router HoA %s / CoA %s. "
             "Identification = NTP 2026-01-01 00:00:00.5. Seed 003 tokens: home a1..a8, care-of b1..b8; "
             "Krm = SHA1(home | care-of) = %s." % (MN_HOA, HA, COA, FA, CR_HOA, CR_COA, KRM.hex()), ""]
    for name, fn, note in files:
        w = fn()
        w.save(name)
        lines += ["### `%s`" % name, "", note, "", "| frame | content |", "|---|---|"]
        lines += ["| %d | %s |" % (n, d.replace("|", "/")) for n, d in w.frames]
        lines.append("")
        print("wrote %s (%d frames)" % (name, len(w.frames)))
    lines += [
        "### What tshark 4.0.17 makes of these files", "",
        "* `mip4-extensions.pcapng` frame 1: tshark reads the One-byte Padding (type 0) as a type/length pair "
        "(RFC 5944 1.9: it has no Length octet), so its extension list there is wrong.",
        "* Frames 7-10 of `mip4-extensions.pcapng`: tshark reads the KeyGen extensions 40-43 in the short form; "
        "RFC 3957 uses Type, Subtype, 16-bit Length, so tshark ends in Malformed Packet.",
        "* `mip4-messages.pcapng` frames 12-13: tshark hands Tunnel Data with Next Header 47 (GRE) and 55 "
        "(minimal encapsulation) to its IPv4 dissector (\"Bogus IP version\"); mipscope shows them as data.",
        "* Message types 16 and 24-27: tshark 4.0 names some of them but does not decode them "
        "(`mip4-messages.pcapng` frame 14, `mip4-haaro-*.pcapng` frames 1-5 are not claimed or end "
        "Malformed); reply codes 2, 110-116, 145-153, 193, 201-203 have no names in tshark.",
        "* tshark decodes 45, 46, 48, 132, 136, 138, 140-142, 149-154 only as raw `mip.extension` octets.",
        ""]
    lines.append(README_END)
    mf.readme_section(README_BEGIN, README_END, lines)


if __name__ == "__main__":
    main()
