#!/usr/bin/env python3
"""Fixture captures for Mobility Header types 8-23 (msg_ext.rs).

Writes captures/crafted/mhext-messages.pcapng: Ethernet, one plain IPv6 packet per frame,
each carrying one Mobility Header of type 8..23 (Binding Revocation, Flow Binding, HI and
HAck in several variants) with a correct checksum, and appends a section describing every
frame to captures/crafted/README.md (once; rerunning replaces nothing else).

Layouts (offsets from MH offset 6):
  8 FBU   RFC 5568 6.3.1  Sequence # (16) | A H L K + 12 reserved bits | Lifetime (16, 4 s units)
  9 FBack RFC 5568 6.3.2  Status | K + 7 reserved | Sequence # | Lifetime
 10 FNA   RFC 5568        Reserved (16)
 11 EMH   RFC 5096        Message data to the end of the header (no options)
 12 HAS   RFC 5142 5.1    # of Addresses | Reserved | N x 16-octet HA addresses
 13 HB    RFC 5847 5.1    Reserved (8) | 6 reserved bits, U, R | Sequence Number (32)
 14 HI    RFC 5568 6.2.2 / RFC 5949 6.1.1  Sequence # | S U P F + 4 reserved | Code
 15 HAck  RFC 5568 6.2.3 / RFC 5949 6.1.2  Sequence # | U P F + 5 reserved | Code
 16 BR    RFC 5846 6.1/6.2 B.R. Type | Trigger or Status | Sequence # | P V G + 13 reserved
 17 LRI   RFC 6705 8.1    Sequence # | Reserved (16) | Lifetime (16, seconds)
 18 LRA   RFC 6705 8.2    Sequence # | U + 7 reserved | Status | Lifetime
 19 UPN   RFC 7077 4.1    Sequence # (16) | Notification Reason (16) | A D + 14 reserved bits
 20 UPA   RFC 7077 4.2    Sequence # (16) | Status (8) | Reserved (24)
 21 FB    RFC 7109 6.1.1/6.1.2  FB Type (16) | Sequence # | Trigger or Status | A + 7 reserved
 22 SQ    RFC 7161 4.3.1.2  Sequence # (8) | Reserved (8)
 23 SR    RFC 7161 4.3.2.2  Sequence # (8) | I (Multicast Information) + 7 reserved
"""

import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from make_fixtures import (  # noqa: E402
    CN, COA, HA, HOA, OUT, Pcapng, a6, eth6, ipv6, mh, opt_altcoa, opt_bra, opt_lla, opt_ni,
)

MAG = "2001:db8:4::4"
LMA = "2001:db8:5::5"
HA2 = "2001:db8:1::2"
HA3 = "2001:db8:1::3"


def pkt(src, dst, mh_type, body, options=()):
    return ipv6(src, dst, [], 135, mh(mh_type, body, options), csum="mh")


def opt_raw(t, data, align=None):
    return (t, data, align)


def frames():
    f = []
    # 8 FBU: seq 7, A H, lifetime 10 (40 s), Alternate CoA (NCoA) option
    f.append((pkt(COA, "2001:db8:6::1", 8, struct.pack("!HBBH", 7, 0xC0, 0, 10), [opt_altcoa("2001:db8:7::100")]),
              "FBU (MH 8), PCoA -> PAR, seq 7, flags A H (0xc0), lifetime 10 (40 s), Alternate CoA 2001:db8:7::100"))
    # 9 FBack: status 1, K, seq 7, lifetime 10
    f.append((pkt("2001:db8:6::1", COA, 9, struct.pack("!BBHH", 1, 0x80, 7, 10)),
              "FBack (MH 9), PAR -> PCoA, status 1 (Accepted but use supplied NCoA), K, seq 7, lifetime 10 (40 s)"))
    # 10 FNA: reserved 0, MH Link-Layer Address option (code 2, MAC)
    f.append((pkt("2001:db8:7::100", "2001:db8:7::1", 10, struct.pack("!H", 0),
                  [opt_lla(2, bytes.fromhex("020000000001"))]),
              "FNA (MH 10, deprecated), NCoA -> NAR, reserved 0, MH-LLA option (code 2, 02:00:00:00:00:01)"))
    # 11 EMH: 10 octets of experimental data (6 + 10 = 16)
    f.append((pkt(COA, CN, 11, bytes(range(0xA0, 0xAA))),
              "Experimental MH (MH 11), CoA -> CN, 10 data octets a0..a9, no options"))
    # 12 HAS: 2 addresses, then a Binding Refresh Advice option
    f.append((pkt(HA, HOA, 12, struct.pack("!BB", 2, 0) + a6(HA2) + a6(HA3), [opt_bra(30)]),
              "HA Switch (MH 12), HA -> HoA, 2 addresses %s %s, Binding Refresh Advice 30 (120 s)" % (HA2, HA3)))
    # 13 HB: request, then unsolicited response
    f.append((pkt(MAG, LMA, 13, struct.pack("!BBI", 0, 0x00, 0x01020304)),
              "Heartbeat (MH 13), MAG -> LMA, request (U=0 R=0), seq 16909060 (0x01020304)"))
    f.append((pkt(LMA, MAG, 13, struct.pack("!BBI", 0, 0x03, 0x01020304), [opt_raw(28, struct.pack("!I", 5), (4, 2))]),
              "Heartbeat (MH 13), LMA -> MAG, response U R (0x03), seq 0x01020304, Restart Counter option 5"))
    # 14 HI: code 0 with S U; code 1; code 2 with P F (RFC 5949)
    f.append((pkt("2001:db8:6::1", "2001:db8:7::1", 14, struct.pack("!HBB", 100, 0xC0, 0)),
              "HI (MH 14), PAR -> NAR, seq 100, S U (0xc0), code 0 (FBU with the PCoA as source IP address)"))
    f.append((pkt("2001:db8:6::1", "2001:db8:7::1", 14, struct.pack("!HBB", 101, 0x00, 1)),
              "HI (MH 14), seq 101, no flags, code 1 (FBU whose source IP address is not PCoA)"))
    f.append((pkt("2001:db8:6::1", "2001:db8:7::1", 14, struct.pack("!HBB", 102, 0x30, 2)),
              "HI (MH 14), seq 102, P F (0x30, RFC 5949), code 2 (Indicate the completion of forwarding)"))
    # 15 HAck: code 0; code 128; code 0 with P (RFC 5949 name); code 5 U
    f.append((pkt("2001:db8:7::1", "2001:db8:6::1", 15, struct.pack("!HBB", 100, 0, 0)),
              "HAck (MH 15), NAR -> PAR, seq 100, code 0 (Handover Accepted with NCoA valid)"))
    f.append((pkt("2001:db8:7::1", "2001:db8:6::1", 15, struct.pack("!HBB", 101, 0, 128)),
              "HAck (MH 15), seq 101, code 128 (Handover Not Accepted, reason unspecified)"))
    f.append((pkt("2001:db8:7::1", "2001:db8:6::1", 15, struct.pack("!HBB", 102, 0x40, 0)),
              "HAck (MH 15), seq 102, P (0x40, RFC 5949), code 0 (Handover Accepted or Successful)"))
    f.append((pkt("2001:db8:7::1", "2001:db8:6::1", 15, struct.pack("!HBB", 103, 0xA0, 5)),
              "HAck (MH 15), seq 103, U F (0xa0), code 5 (Context Transfer Accepted or Successful)"))
    # 16 BRI trigger 2 with P G; BRA status 129 with P V; BRI trigger 250 (testing)
    f.append((pkt(LMA, MAG, 16, struct.pack("!BBHH", 1, 2, 500, 0xA000)),
              "BRI (MH 16, type 1), LMA -> MAG, trigger 2 (Inter-MAG Handover - same Access Type), seq 500, P G (0xa000)"))
    f.append((pkt(MAG, LMA, 16, struct.pack("!BBHH", 2, 129, 500, 0xC000)),
              "BRA (MH 16, type 2), MAG -> LMA, status 129 (IPv4 Home Address Option Required), seq 500, P V (0xc000)"))
    f.append((pkt(LMA, MAG, 16, struct.pack("!BBHH", 1, 250, 501, 0x0000)),
              "BRI (MH 16, type 1), trigger 250 (Reserved for Testing Purposes Only), seq 501, no flags"))
    # 17 LRI / 18 LRA (RFC 6705), lifetime in seconds
    f.append((pkt(LMA, MAG, 17, struct.pack("!HHH", 9, 0, 300)),
              "LRI (MH 17), LMA -> MAG, seq 9, reserved 0, lifetime 300 s"))
    f.append((pkt(MAG, LMA, 18, struct.pack("!HBBH", 9, 0x80, 128, 300)),
              "LRA (MH 18), MAG -> LMA, seq 9, U (0x80), status 128 (Localized Routing Not Allowed), lifetime 300 s"))
    # 19 UPN / 20 UPA (RFC 7077)
    f.append((pkt(LMA, MAG, 19, struct.pack("!HHH", 21, 1, 0x8000)),
              "UPN (MH 19), LMA -> MAG, seq 21, reason 1 (FORCE-REREGISTRATION, 16 bits), A (0x8000)"))
    f.append((pkt(MAG, LMA, 20, struct.pack("!HBBH", 21, 128, 0, 0)),
              "UPA (MH 20), MAG -> LMA, seq 21, status 128 (FAILED-TO-UPDATE-SESSION-PARAMETERS)"))
    # 21 Flow Binding (RFC 7109): indication with A, acknowledgement
    f.append((pkt(HA, HOA, 21, struct.pack("!HHBB", 1, 33, 2, 0x80)),
              "Flow Binding Indication (MH 21, 16-bit type 1), HA -> HoA, seq 33, trigger 2 (Administrative Reason), A"))
    f.append((pkt(HOA, HA, 21, struct.pack("!HHBB", 2, 33, 128, 0)),
              "Flow Binding Acknowledgement (MH 21, 16-bit type 2), HoA -> HA, seq 33, status 128 "
              "(Binding (target CoA) Does NOT Exist)"))
    # 22 SQ / 23 SR (RFC 7161): 2-octet fixed part, then Nonce Indices (2n) to pad to 8 octets... plus PadN
    f.append((pkt(LMA, MAG, 22, struct.pack("!BB", 5, 0)),
              "Subscription Query (MH 22), LMA -> MAG, seq 5"))
    f.append((pkt(MAG, LMA, 23, struct.pack("!BB", 5, 0x80), [opt_ni(1, 2)]),
              "Subscription Response (MH 23), MAG -> LMA, seq 5, I (0x80), Nonce Indices 1/2 (as a stand-in option)"))
    # malformed: HA Switch claiming 3 addresses with room for 1
    body = struct.pack("!BB", 3, 0) + a6(HA2)
    f.append((pkt(HA, HOA, 12, body),
              "HA Switch (MH 12) claiming 3 addresses with room for 1 (expert mip6.has.num_addrs.invalid)"))
    # reserved bits set: Heartbeat with reserved octet 0x01 and reserved flag bits 0x80
    f.append((pkt(MAG, LMA, 13, struct.pack("!BBI", 0x01, 0x80, 7)),
              "Heartbeat (MH 13) with reserved octet 0x01 and reserved flag bit 0x80 set (expert mip6.reserved.nonzero)"))
    return f


def main():
    w = Pcapng()
    i = w.iface(1, "eth0")
    for data, desc in frames():
        w.packet(i, eth6(data), desc)
    w.save("mhext-messages.pcapng")
    readme = os.path.join(OUT, "README.md")
    marker = "## mhext-messages.pcapng"
    with open(readme) as fh:
        text = fh.read()
    lines = [marker, "",
             "Written by `captures/make_fixtures_mhext.py`. Ethernet; plain IPv6 header, then one Mobility "
             "Header of IANA types 8-23 per frame (msg_ext.rs), correct MH checksums. Lifetimes of FBU/FBack "
             "are in 4-second units, LRI/LRA lifetimes in seconds.", "",
             "| frame | contents |", "|---|---|"]
    lines += ["| %d | %s |" % (n, d) for n, d in w.frames]
    lines += ["",
              "tshark 4.0.17: decodes types 8-18 only (19-23 are \"Unknown MH Type\"); reads LRI/LRA (frames "
              "18-19) from MH offset 0 instead of 6; uses its obsolete 0-6 table for the BRA status (frame 16); "
              "on the HA Switch (frame 5) it starts the option walk 6 octets early. See the msg_ext report.", ""]
    section = "\n".join(lines)
    # Rewrite the section in place (heading up to the next "## " heading or "<!--" marker line),
    # or append it once.
    if marker in text:
        i = text.index(marker)
        ends = [k for k in (text.find("\n## ", i + len(marker)), text.find("\n<!--", i + len(marker))) if k >= 0]
        j = min(ends) if ends else -1
        text = text[:i] + section + (text[j:] if j >= 0 else "")
    else:
        text = text + "\n" + section
    with open(readme, "w") as fh:
        fh.write(text)
    print("mhext-messages.pcapng %d frames" % len(w.frames))


if __name__ == "__main__":
    main()
