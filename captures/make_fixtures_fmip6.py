#!/usr/bin/env python3
"""Fixture capture for fast handovers' ICMPv6 messages (dissect/src/icmpv6/fmip6.rs).

Writes captures/crafted/icmpv6-fmip6.pcapng and appends its section to
captures/crafted/README.md (once): ICMPv6 type 154 with the subtypes RFC 5568 6.1 defines
(Router Solicitation for Proxy Advertisement, Proxy Router Advertisement) and the two RFC 5268
6.2 carried in ICMPv6 before RFC 5568 moved them to the Mobility Header (Handover Initiate,
Handover Acknowledge), type 150 (RFC 4068's number), every code tshark 4.0 names and a few it
does not, an unknown subtype, a message cut inside its fixed part and a wrong checksum.

The options: Source/Target Link-layer Address and Prefix Information (RFC 4861), and RFC
5568 6.4's own: IP Address/Prefix (17), New Router Prefix Information (18, RFC 4068 6.4.2),
Link-Layer Address (19) and Neighbor Advertisement Acknowledgment (20). Built byte by byte with make_fixtures.py's helpers; every ICMPv6
checksum is correct unless the frame says otherwise. Deterministic. Addresses: link-local
(fe80::/64, derived from the 02:00:00:00:00:xx MACs) and 2001:db8::/32.
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import MAC_AR, MAC_HA, MAC_MN, OUT, Pcapng, a6, eth, icmp6, ipv6  # noqa: E402
from make_fixtures_nd import pio, PIO_A, PIO_L, slla, tlla  # noqa: E402

LL_MN = "fe80::ff:fe00:1"      # the mobile node on the previous access router's link
PAR = "2001:db8:2::1"          # previous access router
NAR = "2001:db8:4::1"          # new access router
PCOA = "2001:db8:2::100"
NCOA = "2001:db8:4::100"

RTSOLPR, PRRTADV, HI, HACK = 2, 3, 4, 5
MAC_NAP = b"\x02\x00\x00\x00\x00\x09"   # the new access point the mobile node asks about


def opt(t, data):
    assert (2 + len(data)) % 8 == 0, (t, len(data))
    return bytes([t, (2 + len(data)) // 8]) + data


def ipa(code, plen, addr):          # RFC 5568 6.4.1, type 17: Option-code, Prefix Length, Reserved, address
    return opt(17, struct.pack("!BBI", code, plen, 0) + a6(addr))


def nrpi(code, plen, prefix):       # RFC 4068 6.4.2, type 18: the same layout, the new router's prefix
    return opt(18, struct.pack("!BBI", code, plen, 0) + a6(prefix))


def lla(code, addr):                # RFC 5568 6.4.3, type 19: Option-code, the address, padding to 8n
    body = bytes([code]) + addr
    return opt(19, body + bytes((-(2 + len(body))) % 8))


def naack(status, code=0):          # RFC 5568 6.4.5, type 20: Option-Code, Status, Reserved
    # (RFC 4068 6.4.5's Length 3 form with a supplied NCoA is tested in dissect/tests/icmpv6.rs:
    # tshark 4.0 reads that address 4 octets early)
    return opt(20, struct.pack("!BBI", code, status, 0))
HI_S, HI_U = 0x80, 0x40


def fmip(src, dst, code, subtype, mid, ident, options=b"", ty=154, ethsrc=MAC_MN, ethdst=MAC_AR, bad_csum=None,
         cut=None):
    """Type | Code | Checksum | Subtype | Reserved or HI's S U flags | Identifier | options; the
    checksum over what is sent (`cut` octets of it), or `bad_csum` instead."""
    msg = icmp6(ty, code, struct.pack("!BBH", subtype, mid, ident), options)
    if cut is not None:
        msg = msg[:cut]
    pkt = ipv6(src, dst, [], 58, msg, csum="icmp6", hlim=255)
    if bad_csum is not None:
        pkt = pkt[:42] + struct.pack("!H", bad_csum) + pkt[44:]
    return eth(ethdst, ethsrc, 0x86DD, pkt)


def frames():
    f = []
    # 1-2 RFC 5568 6.1.1 / 6.1.2: the mobile node asks its access router about a new access point
    f.append((fmip(LL_MN, "fe80::ff:fe00:2", 0, RTSOLPR, 0, 0x1234, slla(MAC_MN) + lla(1, MAC_NAP)),
              "Router Solicitation for Proxy Advertisement (154/2), Identifier 4660, Source Link-layer Address, "
              "Link-Layer Address option code 1 (the new access point's, 02:00:00:00:00:09)"))
    f.append((fmip("fe80::ff:fe00:2", LL_MN, 0, PRRTADV, 0, 0x1234,
                   slla(MAC_AR) + lla(1, MAC_NAP) + lla(3, MAC_HA) + ipa(3, 128, NAR) + ipa(4, 64, "2001:db8:4::")
                   + pio("2001:db8:4::", 64, PIO_L | PIO_A, 86400, 14400), ethsrc=MAC_AR, ethdst=MAC_MN),
              "Proxy Router Advertisement (154/3) code 0 (MN should use AP-ID, AR-info tuple) answering it: "
              "Source Link-layer Address; Link-Layer Address options code 1 (the access point) and 3 (the new "
              "router's, 02:00:00:00:00:04); IP Address/Prefix options code 3 (NAR's address 2001:db8:4::1/128) and "
              "4 (NAR's prefix 2001:db8:4::/64); Prefix Information 2001:db8:4::/64"))
    # 3-6 the other Proxy Router Advertisement codes, one it does not name
    for code, what in ((1, "Network Initiated Handover trigger"), (2, "No new router information"),
                       (4, "Unsolicited"), (7, "a code tshark 4.0 does not name")):
        f.append((fmip("fe80::ff:fe00:2", LL_MN, code, PRRTADV, 0, 0x1235 + code, slla(MAC_AR), ethsrc=MAC_AR,
                       ethdst=MAC_MN),
                  "Proxy Router Advertisement code %d (%s)" % (code, what)))
    # 7-8 RFC 5268 6.2.1: Handover Initiate from the previous to the new access router
    f.append((fmip(PAR, NAR, 0, HI, HI_S | HI_U, 0x4242,
                   slla(MAC_MN) + tlla(MAC_MN) + ipa(1, 64, PCOA) + ipa(2, 64, NCOA) + lla(2, MAC_MN),
                   ethsrc=MAC_AR, ethdst=MAC_HA),
              "Handover Initiate (154/4) code 0 (FBU sent from previous link), S and U set, Identifier 16962, "
              "the mobile node's link-layer address in Source and Target Link-layer Address options, IP "
              "Address/Prefix options code 1 (PCoA 2001:db8:2::100/64) and 2 (NCoA 2001:db8:4::100/64), "
              "Link-Layer Address option code 2 (the mobile node's)"))
    f.append((fmip(PAR, NAR, 1, HI, 0x3F, 0x4243, ethsrc=MAC_AR, ethdst=MAC_HA),
              "Handover Initiate code 1 (FBU sent from new link), S and U clear, the six reserved bits set"))
    # 9-12 RFC 5268 6.2.2: Handover Acknowledge
    for code, what, opts, odesc in (
            (0, "Handover Accepted, NCoA valid", b"", ""),
            (3, "Handover Accepted, NCoA assigned", ipa(2, 64, "2001:db8:4::200") + naack(2),
             ", IP Address/Prefix code 2 (the NCoA it assigns, 2001:db8:4::200/64), Neighbor Advertisement "
             "Acknowledgment status 2 (use the supplied CoA)"),
            (129, "Administratively prohibited", naack(128) + nrpi(0, 64, "2001:db8:4::"),
             ", Neighbor Advertisement Acknowledgment status 128 (LLA is unrecognized), New Router Prefix "
             "Information 2001:db8:4::/64"),
            (200, "a code tshark 4.0 does not name", naack(1, code=7) + lla(9, b"\x01\x02\x03\x04\x05"),
             ", Neighbor Advertisement Acknowledgment option-code 7 status 1, Link-Layer Address option of "
             "unknown code 9 with a 5-octet address")):
        f.append((fmip(NAR, PAR, code, HACK, 0, 0x4242, opts, ethsrc=MAC_HA, ethdst=MAC_AR),
                  "Handover Acknowledge (154/5) code %d (%s)%s" % (code, what, odesc)))
    # 13 RFC 4068's type number for the same messages
    f.append((fmip(LL_MN, "fe80::ff:fe00:2", 0, RTSOLPR, 0, 0x0001, slla(MAC_MN), ty=150),
              "Router Solicitation for Proxy Advertisement as type 150 (Experimental Mobility, RFC 4068)"))
    # 14 an unknown subtype: no Reserved octet shown (as tshark), then options
    f.append((fmip(LL_MN, "fe80::ff:fe00:2", 0, 9, 0xAB, 0x0002, slla(MAC_MN)),
              "FMIPv6 message of unknown subtype 9 (its second octet 0xab), Source Link-layer Address"))
    # 15 cut inside the fixed part (IPv6 Payload Length says so: the message ends there)
    f.append((fmip(PAR, NAR, 0, HI, HI_S, 0x4244, ethsrc=MAC_AR, ethdst=MAC_HA, cut=6),
              "Handover Initiate of 6 octets: the Identifier is cut"))
    # 16 a wrong checksum
    f.append((fmip(NAR, PAR, 0, HACK, 0, 0x4244, ethsrc=MAC_HA, ethdst=MAC_AR, bad_csum=0xBEEF),
              "Handover Acknowledge with a wrong checksum (0xbeef)"))
    return f


SECTION = """Built by `captures/make_fixtures_fmip6.py` from RFC 5568 6.1 (Router Solicitation for Proxy
Advertisement, Proxy Router Advertisement) and RFC 5268 6.2 (Handover Initiate and Acknowledge as ICMPv6
type 154 subtypes 4 and 5, before RFC 5568 moved them to the Mobility Header). Ethernet; the mobile node
fe80::ff:fe00:1 (02:00:00:00:00:01) and its access router fe80::ff:fe00:2 (02:00:00:00:00:02) on the
previous link; previous access router 2001:db8:2::1, new access router 2001:db8:4::1. Hop limit 255.
Every ICMPv6 checksum is correct except frame 16's."""


def main():
    name = "icmpv6-fmip6.pcapng"
    w = Pcapng()
    i = w.iface(1, "eth0")
    for data, desc in frames():
        w.packet(i, data, desc)
    w.save(name)
    readme = os.path.join(OUT, "README.md")
    marker = "## " + name
    with open(readme) as fh:
        text = fh.read()
    lines = [marker, "", SECTION, "", "| frame | contents |", "|---|---|"]
    lines += ["| %d | %s |" % (k, d) for k, d in w.frames]
    section = "\n".join(lines) + "\n"
    if marker in text:
        start = text.index(marker)
        nxt = text.find("\n## ", start + len(marker))
        text = text[:start] + section + (text[nxt:] if nxt >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(readme, "w") as fh:
        fh.write(text)
    print("%s %d frames" % (name, len(w.frames)))


if __name__ == "__main__":
    main()
