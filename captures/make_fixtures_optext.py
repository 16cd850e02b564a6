#!/usr/bin/env python3
"""Fixture captures for mobility options 8-70 (dissect/tests/option_families.rs), option 35 excepted.

Writes into captures/crafted/:
  optext-pmipv6.pcapng  a PMIPv6 exchange (RFC 5213): Proxy Binding Update MAG -> LMA (A H P,
                        no Home Address option) with the mandatory options MN-ID (NAI), Home
                        Network Prefix, Handoff Indicator, Access Technology Type, Timestamp,
                        plus Link-local Address and GRE Key; the Proxy Binding Acknowledgement;
                        then an IPv4-support PBU/PBA pair (RFC 5844).
  optext-options.pcapng one Proxy Binding Update (or Acknowledgement) per remaining option type.
  optext-mnid.pcapng    MN Identifier subtypes 2-8 (RFC 8371), which tshark shows as text.
and rewrites its own section of captures/crafted/README.md in place (between the
"optext fixtures" begin/end markers), or appends it once.

Every option is placed at its RFC alignment (pack_options pads with Pad1/PadN); every Mobility
Header carries a correct checksum. Option data layouts are given next to each builder below.
"""

import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from make_fixtures import (  # noqa: E402
    BU_A, BU_H, BU_P, BA_P, OUT, Pcapng, a6, a4, body_ba, body_bu, eth6, ipv6, mh,
)

MAG = "2001:db8:4::4"
LMA = "2001:db8:5::5"
T_2026 = 1767225600          # 2026-01-01T00:00:00Z
NTP_OFFSET = 2208988800


def o(t, data, align=None):
    return (t, data, align)


def ts4(flags, fields):                # RFC 6088 3.1: flags word (A..N from the top bit), then the fields
    return struct.pack("!I", flags) + fields


def pbu(seq, options, flags=BU_A | BU_H | BU_P, lifetime=100):
    return ipv6(MAG, LMA, [], 135, mh(5, body_bu(seq, flags, lifetime), options), csum="mh")


def pba(seq, options, status=0, flags=BA_P, lifetime=100):
    return ipv6(LMA, MAG, [], 135, mh(6, body_ba(status, flags, seq, lifetime), options), csum="mh")


# ---- option builders (data after Type and Length)
def mnid(sub, ident):                  # RFC 4283 / 8371: Subtype, Identifier
    return o(8, bytes([sub]) + ident)


NAI = b"mn1@example.com"
HNP = "2001:db8:100::"


def hnp(prefix=HNP, plen=64):          # RFC 5213 8.3: Reserved, Prefix Length, Prefix; 8n+4
    return o(22, struct.pack("!BB", 0, plen) + a6(prefix), (8, 4))


def hi(v):                             # RFC 5213 8.4: Reserved, HI
    return o(23, struct.pack("!BB", 0, v))


def att(v):                            # RFC 5213 8.5: Reserved, ATT
    return o(24, struct.pack("!BB", 0, v))


def pmip_ts(secs, frac):               # RFC 5213 8.8: 48-bit seconds + 16-bit fraction; 8n+2
    return o(27, struct.pack("!Q", (secs << 16) | frac), (8, 2))


def lla(addr):                         # RFC 5213 8.7: Link-local Address; 8n+6
    return o(26, a6(addr), (8, 6))


def grek(key=None):                    # RFC 5845 3.1: Reserved (16), GRE Key Identifier (32); 4n (6.1)
    return o(33, struct.pack("!H", 0) + (struct.pack("!I", key) if key is not None else b""), (4, 0))


def frames_pmipv6():
    f = []
    ts = T_2026 + 3600
    f.append((pbu(1, [mnid(1, NAI), hnp(), hi(1), att(4), pmip_ts(ts, 0x8000), lla("fe80::1"), grek(0x1234)]),
              "Proxy Binding Update MAG %s -> LMA %s, seq 1, A H P (0xc200), lifetime 100 (400 s), no Home Address "
              "option; options MN-ID NAI %s, HNP %s/64, HI 1 (attachment over a new interface), ATT 4 "
              "(IEEE 802.11a/b/g), Timestamp 2026-01-01 01:00:00.5 UTC, Link-local Address fe80::1, GRE Key 4660 "
              "(0x1234)" % (MAG, LMA, NAI.decode(), HNP)))
    f.append((pba(1, [mnid(1, NAI), hnp(), hi(1), att(4), pmip_ts(ts, 0x8000), lla("fe80::1"), grek(0x5678)]),
              "Proxy Binding Acknowledgement LMA -> MAG, status 0, P (0x20), seq 1, lifetime 100; the same "
              "options echoed, GRE Key 22136 (0x5678) for the downlink"))
    # RFC 5844: IPv4 HoA Request 0.0.0.0/0 (LMA allocates), DHCP support mode S, GRE key without key id
    f.append((pbu(2, [mnid(1, NAI), hnp("::", 0), hi(1), att(8), pmip_ts(ts + 1, 0),
                      o(36, struct.pack("!BB", 0, 0) + a4("0.0.0.0"), (4, 0)),
                      o(39, struct.pack("!H", 1)), grek()]),
              "PBU seq 2 (IPv4 support, RFC 5844): MN-ID NAI, HNP ::/0 (request), HI 1, ATT 8 (3GPP E-UTRAN), "
              "Timestamp 2026-01-01 01:00:01 UTC, IPv4 HoA Request 0.0.0.0 prefix-len 0 (LMA allocates), "
              "IPv4 DHCP Support Mode S=1 (relay), GRE Key option without a key (Length 2)"))
    f.append((pba(2, [mnid(1, NAI), hnp("2001:db8:200::", 64), hi(1), att(8), pmip_ts(ts + 1, 0),
                      o(37, struct.pack("!BB", 0, 24 << 2) + a4("192.0.2.10"), (4, 0)),
                      o(38, struct.pack("!H", 0) + a4("192.0.2.1"), (4, 0))]),
              "PBA seq 2: IPv4 HoA Reply status 0 (Success) 192.0.2.10 prefix-len 24, IPv4 Default-Router "
              "192.0.2.1, HNP 2001:db8:200::/64"))
    return f


def frames_options():
    f = []
    n = [10]

    def add(opts, desc, ack=False, status=0):
        n[0] += 1
        pkt = pba(n[0], opts, status=status) if ack else pbu(n[0], opts)
        f.append((pkt, desc))

    ntp = ((T_2026 + NTP_OFFSET) << 32) | 0x40000000
    add([o(9, struct.pack("!BI", 1, 256) + bytes(range(0x10, 0x1c)), (4, 1))],
        "AUTH (9, RFC 4285): subtype 1 (MN-HA), SPI 256, 12 octets authentication data 10..1b")
    add([o(10, struct.pack("!Q", ntp), (8, 2))],
        "MESG-ID (10, RFC 4285): NTP timestamp 2026-01-01 00:00:00.25 UTC")
    add([o(11, b""), o(12, bytes(range(0x20, 0x28))), o(13, bytes(range(0x30, 0x36))),
         o(14, bytes(range(0x40, 0x48)))],
        "RFC 4866: CGA Parameters Request (11, empty), CGA Parameters (12, 8 octets 20..27), Signature "
        "(13, 6 octets 30..35), Permanent Home Keygen Token (14, 8 octets 40..47)")
    add([o(15, b""), o(16, bytes(range(0x50, 0x58)))],
        "RFC 4866: Care-of Test Init (15, empty), Care-of Test (16, keygen token 50..57)")
    add([o(17, struct.pack("!BB", 0, 0x80) + b"\x02mn\x07example\x03com\x00")],
        "DNS-UPDATE-TYPE (17, RFC 5026): status 0, R set, MN identity mn.example.com (DNS wire form, 16 octets)")
    add([o(18, bytes(range(0x60, 0x66)))], "Experimental (18, RFC 5096): 6 octets 60..65")
    add([o(19, struct.pack("!IB", 9, 3) + b"\xaa\xbb\xcc", (4, 2))],
        "Vendor Specific (19, RFC 5094): vendor 9, sub-type 3, data aabbcc (4n+2)")
    add([o(20, b"ims.example")], "Service Selection (20, RFC 5149): identifier \"ims.example\" (UTF-8)")
    add([o(20, b"\x03ims\x07example")],
        "Service Selection (20): identifier in 3GPP APN label form 03 'ims' 07 'example' (shown ims.example)")
    add([o(21, struct.pack("!I", 0x1000) + bytes(range(0x70, 0x7c)))],
        "BADF (21, RFC 5568): SPI 4096, 12 octets authenticator 70..7b")
    add([o(25, struct.pack("!H", 0) + bytes.fromhex("020000000001"))],
        "MN Link-layer Identifier (25, RFC 5213): reserved 0, identifier 02:00:00:00:00:01 (RFC 5213 8.6 sets no fixed alignment)")
    add([o(28, struct.pack("!I", 7), (4, 2))], "Restart Counter (28, RFC 5847 3.4, 4n+2): 7")
    add([o(29, struct.pack("!H", (24 << 10) | 0x0200) + a4("192.0.2.20"), (4, 0))],
        "IPv4 Home Address (29, RFC 5555): prefix-len 24, P set, 192.0.2.20")
    add([o(30, struct.pack("!BB", 0, 24 << 2) + a4("192.0.2.20"), (4, 0))],
        "IPv4 Address Acknowledgement (30, RFC 5555), in a BA: status 0 (Success), prefix-len 24, 192.0.2.20",
        ack=True)
    add([o(31, struct.pack("!HI", 0x8000, 110), (4, 0))],
        "NAT Detection (31, RFC 5555), in a BA: F set, refresh time 110 s", ack=True)
    add([o(32, struct.pack("!H", 0) + a4("198.51.100.7"), (4, 0))],
        "IPv4 Care-of Address (32, RFC 5555): 198.51.100.7")
    add([o(34, struct.pack("!BB", 3, 64) + a6("2001:db8:7::1"), (8, 4))],
        "MH IPv6 Address/Prefix (34, RFC 5568): option-code 3 (NAR's IP address), prefix length 64, 2001:db8:7::1")
    add([o(37, struct.pack("!BB", 132, 0) + a4("0.0.0.0"), (4, 0))],
        "IPv4 HoA Reply (37, RFC 5844), in a PBA: status 132 (Dynamic IPv4 home address assignment not "
        "available), 0.0.0.0", ack=True, status=0)
    add([o(40, struct.pack("!H", 0) + bytes([22, 0, 19, 5]) + struct.pack("!IB", 10415, 1) + bytes([30, 2, 0xde, 0xad]))],
        "Context Request (40, RFC 5949): reserved 0; requests HNP (22, length 0), Vendor Specific (19, vendor "
        "10415 sub-type 1), type 30 with 2 octets dead")
    add([o(41, struct.pack("!BB", 1, 0) + a6(LMA)), o(41, struct.pack("!BB", 2, 0) + a4("192.0.2.5"))],
        "LMA Address (41, RFC 5949): option-code 1 IPv6 %s; option-code 2 IPv4 192.0.2.5" % LMA)
    add([o(42, struct.pack("!H", 0) + bytes.fromhex("0200000000000001"))],
        "MN Link-local Address Interface Identifier (42, RFC 5949): reserved 0, IID 0200:0000:0000:0001")
    add([o(43, struct.pack("!BB", 0x01, 5))],
        "Transient Binding (43, RFC 6058): L set, lifetime 5 (500 ms)")
    # RFC 6089 4.2: FID(16) FID-PRI(16) Reserved(8) Status(8), sub-options Pad1 / type-length-data.
    add([o(44, struct.pack("!HHH", 1, 2, 3), (2, 0)),
         o(45, struct.pack("!HHBB", 7, 2, 0, 0) + bytes([0]) + bytes([2, 2, 0, 9]) + bytes([3, 15, 1, 0]) +
           ts4(0xC0080000, a4("192.0.2.1") + a4("192.0.2.9") + bytes([17])), (2, 0))],
        "Flow Summary (44, RFC 6089 4.2.2): FIDs 1 2 3; Flow Identification (45, 4.2): FID 7, FID-PRI 2, "
        "reserved 0, status 0; sub-options Pad1, Binding Reference (BID 9), Traffic Selector (TS Format 1, "
        "reserved 0, RFC 6088 selector A B M: source 192.0.2.1-192.0.2.9, protocol 17)")
    add([o(46, struct.pack("!H", 0), (4, 0)), o(47, struct.pack("!H", 0x8000) + a6("2001:db8:5::6"), (4, 0))],
        "Redirect-Capability (46, RFC 6463 4.1, 4n), Redirect (47, 4.2, 4n): K, r2LMA 2001:db8:5::6 (Length 18)",
        ack=True)
    add([o(48, struct.pack("!HIIII", 3, 100, 1000, 20, 80), (4, 0)), o(49, a4("198.51.100.8"), (4, 2))],
        "Load Information (48, RFC 6463): priority 3, sessions 100/1000, capacity 20/80; Alternate IPv4 CoA "
        "(49): 198.51.100.8")
    add([o(50, struct.pack("!BBI", 1, 0, 1))],
        "MN Group Identifier (50, RFC 6602): sub-type 1 (Bulk Binding Update Group), group 1 (ALL-SESSIONS)")
    add([o(51, struct.pack("!BB", 0, 128) + a6(MAG), (8, 4))],
        "MAG IPv6 Address (51, RFC 6705): reserved 0, address length 128, %s (Length 18)" % MAG)
    ani = (bytes([1, 13, 0x80, 4]) + b"wlan" + bytes([6]) + b"ap-one" +
           bytes([2, 6]) + struct.pack("!i", int(48.5 * 32768))[1:] + struct.pack("!i", int(-2.25 * 32768))[1:] +
           bytes([3, 4, 1]) + bytes([0, 0, 9]))
    add([o(52, ani, (4, 0))],
        "Access Network Identifier (52, RFC 6757): Network-Identifier (E set, net-name \"wlan\", AP-name "
        "\"ap-one\"), Geo-Location (48.5, -2.25), Operator-Identifier (type 1 PEN, 000009)")
    # RFC 6909 3.1 (4n): M(1) Reserved(31) + RFC 6089 Traffic Selector sub-option;
    # RFC 7028 5.1.2: Protocol(8) M(1) Reserved(7) N(16) + MLDv2 Multicast Address Records.
    add([o(53, struct.pack("!I", 0x80000000) + bytes([3, 12, 1, 0]) + ts4(0x20800000, a4("192.0.2.2") + struct.pack("!H", 443)),
           (4, 0)),
         o(54, bytes([143, 0x80]) + struct.pack("!H", 1) + bytes([4, 0, 0, 0]) + a6("ff0e::1"))],
        "IPv4 Traffic Offload Selector (53, RFC 6909): M set, Traffic Selector sub-option TS Format 1, RFC 6088 "
        "selector C I: destination 192.0.2.2, destination port 443; "
        "Dynamic IP Multicast Selector (54, RFC 7028): protocol 143 (MLDv2), M set, 1 record "
        "(CHANGE_TO_EXCLUDE ff0e::1)")
    add([o(55, struct.pack("!BB", 0, 56) + a6("2001:db8:300::"), (8, 2)), o(55, struct.pack("!BB", 0x80, 28) + a4("198.51.100.0"), (8, 2))],
        "Delegated MNP (55, RFC 7148): IPv6 2001:db8:300::/56 (V clear); IPv4 198.51.100.0/28 (V set)")
    # RFC 7161 4.1.2: MLD/IGMP Type(8) + Multicast Membership Context; 57 is 8n+1.
    add([o(56, bytes([0x22, 4, 0, 0, 0]) + a4("224.0.1.1")),
         o(57, bytes([143, 4, 0, 0, 0]) + a6("ff0e::1"), (8, 1))],
        "Active Multicast Subscription IPv4 (56, RFC 7161): IGMP type 0x22 (IGMPv3), group record 224.0.1.1; "
        "IPv6 (57, 8n+1): MLD type 143 (MLDv2), address record ff0e::1")
    # RFC 7222 4.1 (4n): SR-ID(8) TC(8) = DSCP(6) Reserved(2), OC(8) Reserved(24), then 4.2 attributes
    # Type(8) Length(8) Value: rates are Reserved(16) (or S E Reserved(14)) + 32-bit bps, Length 6;
    # ARP is Reserved(8) PL(4) PC(2) PV(2), Length 2; QoS-Traffic-Selector is Reserved(8) TS Format(8) TS;
    # QoS-Vendor-Specific is Reserved(16) Vendor ID(32) Sub-Type(8) data.
    qos_attrs = (bytes([1, 6]) + struct.pack("!HI", 0, 50000000)            # Per-MN-Agg-Max-DL 50 Mbps
                 + bytes([3, 6]) + struct.pack("!HI", 0xc000, 2000000)       # Per-Session DL, S E, 2 Mbps
                 + bytes([5, 2]) + bytes([0, (2 << 4) | (1 << 2) | 0])       # ARP PL 2 PC 1 PV 0
                 + bytes([8, 6]) + struct.pack("!HI", 0, 64000)              # GBR DL 64 kbps
                 + bytes([10, 10]) + bytes([0, 1]) + ts4(0x20000000, a4("192.0.2.99"))  # TS format 1, C
                 + bytes([11, 8]) + struct.pack("!HIB", 0, 9, 7) + b"\xaa")  # vendor 9 sub-type 7, data aa
    add([o(58, struct.pack("!BBI", 0, 46 << 2, 1 << 24) + qos_attrs, (4, 0))],
        "Quality-of-Service (58, RFC 7222 4.1, 4n): SR-ID 0, DSCP 46 (EF), OC 1 (ALLOCATE); attributes "
        "Per-MN-Agg-Max-DL-Bit-Rate 50000000 bps, Per-Session-Agg-Max-DL-Bit-Rate S=1 E=1 2000000 bps, "
        "Allocation-Retention-Priority PL 2 PC 1 (Disabled) PV 0 (Enabled), Guaranteed-DL-Bit-Rate 64000 bps, "
        "QoS-Traffic-Selector TS Format 1 (RFC 6088 selector C: destination 192.0.2.99), QoS-Vendor-Specific vendor 9 sub-type 7 data aa")
    add([o(59, struct.pack("!H", 0) + a6("2001:db8:5::100"), (8, 2)),
         o(59, struct.pack("!H", 0) + a4("192.0.2.50"), (8, 2))],
        "LMA User-Plane Address (59, RFC 7389 4, 8n+2): reserved 0, 2001:db8:5::100; 192.0.2.50", ack=True)
    # RFC 7411 5.3/5.4 (no alignment): Option-Code(8) Reserved/Status(8), then the MLDv2 Report Payload
    # Reserved(16) No of Mcast Address Records(16) + records (RFC 3810 5.2). Length counts the 32-bit
    # words after Option-Code and Reserved/Status, so these options are written as raw bytes.
    mld_rec = bytes([4, 0]) + struct.pack("!H", 0) + a6("ff0e::1")            # CHANGE_TO_EXCLUDE, no sources

    def words_opt(t, head, payload):
        assert len(payload) % 4 == 0
        return bytes([t, len(payload) // 4]) + head + payload
    add([words_opt(60, bytes([2, 0]), struct.pack("!HH", 0, 1) + mld_rec),
         words_opt(61, bytes([0, 2]), struct.pack("!HH", 0, 1) + mld_rec)],
        "Multicast Mobility Option (60, RFC 7411 5.3): Option-Code 2 (MLDv2), M=1, record type 4 ff0e::1; "
        "Multicast Acknowledgement (61, 5.4): Option-Code 0, Status 2 (Requested group service unsupported), "
        "the same record. Length 6 = 32-bit words after Option-Code and Reserved/Status")
    # RFC 8127 3 (4n+2): LCMP sub-options (4n) type 1 / 2, each three 16-bit timers, LCMP Length 6.
    add([o(62, bytes([1, 6]) + struct.pack("!HHH", 1, 32, 5) + bytes([2, 6]) + struct.pack("!HHH", 60, 3, 5),
           (4, 2))],
        "LMA-Controlled MAG Parameters (62, RFC 8127, 4n+2): Binding Re-registration Control (start 1 x 4 s, "
        "initial 32 s, maximum 5 s), Heartbeat Control (interval 60 s, retransmission delay 3 s, 5 retransmissions)",
        ack=True)
    # RFC 8278 4.1: If-ATT If-Label BID B O Reserved(22), 6 octets; 4.2: Subtype Reserved Identifier.
    add([o(63, struct.pack("!BBBBH", 4, 1, 2, 0x80, 0)), o(64, bytes([1, 0]) + b"mag1@example.com")],
        "MAG Multipath Binding (63, RFC 8278): If-ATT 4, If-Label 1, BID 2, B set; MAG Identifier (64): "
        "subtype 1 (NAI), reserved 0, 'mag1@example.com'")
    # RFC 8885 4.3-4.6: 65/66/67 at 8n+4, 68 at 8n+6.
    add([o(65, struct.pack("!BB", 0, 64) + a6("2001:db8:400::"), (8, 4)),
         o(66, struct.pack("!BB", 0, 64) + a6("2001:db8:500::"), (8, 4)),
         o(67, struct.pack("!BB", 0, 64) + a6("2001:db8:6::6") + a6("2001:db8:600::"), (8, 4)),
         o(68, a6("2001:db8:7::7"), (8, 6))],
        "RFC 8885: Anchored Prefix 2001:db8:400::/64, Local Prefix 2001:db8:500::/64, Previous MAAR "
        "2001:db8:6::6 with HNP 2001:db8:600::/64, Serving MAAR 2001:db8:7::7")
    # RFC 8885 4.7 (8n+6), 4.8: Reserved(16) + link-layer address.
    add([o(69, a6("fe80::5"), (8, 6)), o(70, struct.pack("!H", 0) + bytes.fromhex("020000000005"))],
        "RFC 8885: DLIF Link-Local Address fe80::5, DLIF Link-Layer Address reserved 0, 02:00:00:00:00:05")
    # a wrong length for a fixed option and a DMNP with a bad Length: experts, decoding continues
    add([o(23, struct.pack("!BBB", 0, 1, 0)), o(24, struct.pack("!BB", 0, 3))],
        "Handoff Indicator with Length 3 (expert mip6.opt.len.invalid, shown raw), then a valid ATT 3 (IEEE 802.3)")
    # RFC 6463 4.2: N alone means an IPv4 r2LMA and Length 6 (K and N together are not allowed;
    # dissect/tests/option_families.rs checks that case).
    add([o(47, struct.pack("!H", 0x4000) + a4("192.0.2.6"), (4, 0))],
        "Redirect (47, RFC 6463 4.2): N, r2LMA 192.0.2.6 (Length 6)", ack=True)
    return f


def frames_mnid():
    f = []
    for seq, (sub, ident, what) in enumerate([
        (2, a6("2001:db8:100::1"), "IPv6 address 2001:db8:100::1"),
        (3, bytes.fromhex("13001032547698f0"), "IMSI 310001234567890 (TBCD 13 00 10 32 54 76 98 f0)"),
        (4, bytes.fromhex("c0a1b2c3"), "P-TMSI 0xc0a1b2c3"),
        (5, bytes.fromhex("020000000009"), "EUI-48 02:00:00:00:00:09"),
        (6, bytes.fromhex("0200000000000009"), "EUI-64 02:00:00:00:00:00:00:09"),
        (7, bytes.fromhex("13f0010001020a0b0c0d"), "GUTI (10 octets)"),
        (8, bytes.fromhex("000300010200000000a1"), "DUID-LL 0003 0001 02:00:00:00:00:a1"),
        (5, bytes.fromhex("0200000000"), "EUI-48 of only 5 octets (expert mip6.mnid.len.invalid, shown raw)"),
    ], start=20):
        f.append((pbu(seq, [mnid(sub, ident), hnp(), hi(1), att(3), pmip_ts(T_2026, 0)]),
                  "PBU seq %d: MN-ID subtype %d, %s; HNP, HI 1, ATT 3, Timestamp" % (seq, sub, what)))
    return f


SECTIONS = {
    "optext-pmipv6.pcapng": "Written by `captures/make_fixtures_optext.py`. Ethernet; PMIPv6 (RFC 5213) exchange "
    "between MAG 2001:db8:4::4 and LMA 2001:db8:5::5 with no Home Address option (the MH checksum uses the plain "
    "IPv6 addresses). Timestamps are 48-bit seconds + 16-bit 1/65536 fractions.",
    "optext-options.pcapng": "Written by `captures/make_fixtures_optext.py`. Ethernet; one Proxy Binding Update "
    "(MAG -> LMA, A H P) or Acknowledgement (LMA -> MAG, P) per frame carrying the listed mobility options "
    "(types 9-70 except 35), each at its RFC alignment, correct MH checksums.",
    "optext-mnid.pcapng": "Written by `captures/make_fixtures_optext.py`. Ethernet; Proxy Binding Updates whose "
    "Mobile Node Identifier option uses the RFC 8371 subtypes 2-8.",
}

TSHARK_NOTES = {
    "optext-pmipv6.pcapng": "tshark 4.0.17: files the HNP under mip6.nemo.mnp.* and the GRE Key's Reserved as "
    "mip6.ipv4dra.reserved; uses its wrong status table for the IPv4 HoA Reply (frame 4).",
    "optext-options.pcapng": "tshark 4.0.17: shows the AUTH data, CGA Parameters, Signature, PHKT, Care-of "
    "keygen token, DNS-Update identity, Experimental data, VSM data and BADF authenticator two octets short "
    "(reference.md 1.8.1); reads the MESG-ID timestamp as seconds + nanoseconds since 1970 (frame 2 shows 2096) "
    "instead of NTP format; flags the correct 18-octet MAG IPv6 Address as a bad length (1.8.3); decodes "
    "neither 42-45 nor 53-54 and 56-70 (mipscope follows the RFC layouts there); decodes the Handoff Indicator of Length 3 (frame 39) anyway.",
    "optext-mnid.pcapng": "tshark 4.0.17: shows every identifier as UTF-8 text under mip6.mnid.identifier "
    "whatever the subtype.",
}


BEGIN = "<!-- optext fixtures: begin (captures/make_fixtures_optext.py) -->"
END = "<!-- optext fixtures: end -->"


def main():
    readme = os.path.join(OUT, "README.md")
    lines = [BEGIN]
    for name, frames in [("optext-pmipv6.pcapng", frames_pmipv6()), ("optext-options.pcapng", frames_options()),
                         ("optext-mnid.pcapng", frames_mnid())]:
        w = Pcapng()
        i = w.iface(1, "eth0")
        for data, desc in frames:
            w.packet(i, eth6(data), desc)
        w.save(name)
        lines += ["", "## " + name, "", SECTIONS[name], "", "| frame | contents |", "|---|---|"]
        lines += ["| %d | %s |" % (k, d) for k, d in w.frames]
        lines += ["", TSHARK_NOTES[name]]
        print("%s %d frames" % (name, len(w.frames)))
    lines += ["", END]
    section = "\n".join(lines)
    if "--no-readme" in sys.argv:
        return
    with open(readme) as fh:
        text = fh.read()
    if BEGIN in text and END in text:
        # Rewrite our own section in place.
        i = text.index(BEGIN)
        j = text.index(END, i) + len(END)
        text = text[:i] + section + text[j:]
    elif "## optext-pmipv6.pcapng" in text:
        # An unmarked section from an older run: replace it (up to the heading after optext-mnid).
        i = text.index("## optext-pmipv6.pcapng")
        last = text.find("## optext-mnid.pcapng", i)
        j = text.find("\n## ", last + 1) if last >= 0 else -1
        j = j + 1 if j >= 0 else len(text)
        text = text[:i] + section + "\n\n" + text[j:]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    with open(readme, "w") as fh:
        fh.write(text)


if __name__ == "__main__":
    main()
