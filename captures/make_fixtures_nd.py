#!/usr/bin/env python3
"""Fixture capture for IPv6 Neighbor Discovery and MLD (dissect/src/icmpv6/).

Writes captures/crafted/icmpv6-nd.pcapng and appends its section to
captures/crafted/README.md (once):
* Neighbor Discovery (RFC 4861 4.1-4.5, options 4.6) with RFC 6275 7's additions: the
  Router Advertisement H flag (7.1), the Prefix Information R flag (7.2), the Advertisement
  Interval option (7.3) and the Home Agent Information option (7.4); the proxy Neighbor
  Advertisement a home agent multicasts for a mobile node away from home (RFC 6275 10.4.1);
* MLDv1 (RFC 2710 3) and MLDv2 (RFC 3810 5.1, 5.2);
* malformed messages: option Length 0 (RFC 4861 4.6), an option past the end, a wrong
  checksum, a message cut short.

Built byte by byte from the RFC layouts with make_fixtures.py's helpers; every ICMPv6
checksum is correct (RFC 4443 2.3) unless the frame says otherwise. Deterministic.

Neighbor Discovery and MLD need link-local (fe80::/64, RFC 4291 2.5.6) and link-scope
multicast addresses (ff02::1, ff02::2, ff02::16, solicited-node ff02::1:ffXX:XXXX, RFC 4291
2.7.1): those are used where the RFCs require them, derived from the 02:00:00:00:00:xx MACs.
Every global address is in 2001:db8::/32.
"""

import ipaddress
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import (CN, HA, HOA, MAC_AR, MAC_CN, MAC_HA, MAC_MN, OUT, Pcapng, a6, eth,  # noqa: E402
                           hbh, icmp6, ipv6, mac, opt_router_alert)

LL_MN = "fe80::ff:fe00:1"     # modified EUI-64 of 02:00:00:00:00:01 (U/L bit inverted: 00)
LL_AR = "fe80::ff:fe00:2"
LL_HA = "fe80::ff:fe00:4"
LL_R2 = "fe80::ff:fe00:5"     # a second router on the visited link (the better first hop)
MAC_R2 = mac(5)
ALL_NODES, ALL_ROUTERS, ALL_MLDV2 = "ff02::1", "ff02::2", "ff02::16"
SSM_GROUP = "ff3e:30:2001:db8::8000:1"   # RFC 3306 unicast-prefix-based, prefix 2001:db8::/48


def solicited_node(addr):
    """RFC 4291 2.7.1: ff02::1:ff00:0/104 + the low 24 bits of the address."""
    return str(ipaddress.IPv6Address(a6("ff02::1:ff00:0")[:13] + a6(addr)[13:]))


def mcast_mac(addr):
    """RFC 2464 7: 33:33 + the low 32 bits of the IPv6 multicast address."""
    return b"\x33\x33" + a6(addr)[12:]


# ---- RFC 4861 4.6 options: Type, Length (units of 8 octets, including Type and Length), data
def opt(t, data):
    assert (2 + len(data)) % 8 == 0, (t, len(data))
    return bytes([t, (2 + len(data)) // 8]) + data


def slla(m):                        # 4.6.1, type 1
    return opt(1, m)


def tlla(m):                        # 4.6.1, type 2
    return opt(2, m)


def pio(prefix, plen, flags, valid, preferred):   # 4.6.2 (+ RFC 6275 7.2 R flag), type 3
    return opt(3, struct.pack("!BBIII", plen, flags, valid, preferred, 0) + a6(prefix))


def redirected(pkt):                # 4.6.3, type 4: 6 reserved octets, then the packet, padded to 8n
    body = bytes(6) + pkt
    body += bytes((-(2 + len(body))) % 8)
    return opt(4, body)


def mtu(m):                         # 4.6.4, type 5
    return opt(5, struct.pack("!HI", 0, m))


def adv_interval(ms):               # RFC 6275 7.3, type 7
    return opt(7, struct.pack("!HI", 0, ms))


def ha_info(pref, lifetime):        # RFC 6275 7.4, type 8
    return opt(8, struct.pack("!HhH", 0, pref, lifetime))


PIO_L, PIO_A, PIO_R = 0x80, 0x40, 0x20
RA_M, RA_O, RA_H, RA_P = 0x80, 0x40, 0x20, 0x04


def nd(src, dst, typ, rest, options=b"", hlim=255, ethsrc=MAC_MN, ethdst=None):
    pkt = ipv6(src, dst, [], 58, icmp6(typ, 0, rest, options), csum="icmp6", hlim=hlim)
    if ethdst is None:
        ethdst = mcast_mac(dst)
    return eth(ethdst, ethsrc, 0x86DD, pkt)


def mld(src, dst, typ, rest, ethsrc=MAC_MN, code=0):
    # RFC 2710 3 / RFC 3810 5: link-local source, hop limit 1, Hop-by-Hop Router Alert (RFC 2711, value 0)
    pkt = ipv6(src, dst, [hbh([opt_router_alert(0)])], 58, icmp6(typ, code, rest), csum="icmp6", hlim=1)
    return eth(mcast_mac(dst), ethsrc, 0x86DD, pkt)


def ra_rest(hop, flags, lifetime, reachable, retrans):
    # 4.2: Cur Hop Limit | M O H Prf P Rsvd | Router Lifetime ; Reachable Time ; Retrans Timer
    # (the ICMPv6 header's 4 octets come first; `rest` is what follows the checksum)
    return struct.pack("!BBHII", hop, flags, lifetime, reachable, retrans)


def echo(src, dst, ident, seq, data):
    return ipv6(src, dst, [], 58, icmp6(128, 0, struct.pack("!HH", ident, seq), data), csum="icmp6")


def frames():
    f = []
    # 1 RS (4.1): Reserved (32), SLLA
    f.append((nd(LL_MN, ALL_ROUTERS, 133, bytes(4), slla(MAC_MN)),
              "Router Solicitation %s -> ff02::2, Source Link-layer Address 02:00:00:00:00:01" % LL_MN))
    # 2 RA from the home agent (RFC 6275 7.1 H flag; 7.2 R flag; 7.3; 7.4)
    opts = (slla(MAC_HA) + mtu(1500) + pio("2001:db8:1::", 64, PIO_L | PIO_A, 86400, 14400)
            + pio(HA, 64, PIO_L | PIO_A | PIO_R, 86400, 14400) + adv_interval(3000) + ha_info(10, 1800))
    f.append((nd(LL_HA, ALL_NODES, 134, ra_rest(64, RA_O | RA_H | 0x08, 1800, 30000, 1000), opts, ethsrc=MAC_HA),
              "Router Advertisement from the home agent %s: cur hop limit 64, flags O H, Prf high (0x68), router "
              "lifetime 1800, reachable 30000 ms, retrans 1000 ms; SLLA 02:00:00:00:00:04, MTU 1500, Prefix "
              "Information 2001:db8:1::/64 (L A), Prefix Information %s/64 (L A R: the HA's own address), "
              "Advertisement Interval 3000 ms, Home Agent Information preference 10 lifetime 1800" % (LL_HA, HA)))
    # 3 NS for DAD (4.3, RFC 4862 5.4.2): unspecified source, no SLLA
    f.append((nd("::", solicited_node(HOA), 135, bytes(4) + a6(HOA)),
              "Neighbor Solicitation for duplicate address detection: :: -> %s, target %s, no options"
              % (solicited_node(HOA), HOA)))
    # 4 NS for address resolution, with SLLA
    f.append((nd(HOA, solicited_node(HA), 135, bytes(4) + a6(HA), slla(MAC_MN)),
              "Neighbor Solicitation %s -> %s, target %s, SLLA 02:00:00:00:00:01" % (HOA, solicited_node(HA), HA)))
    # 5 NA (4.4): R S O, TLLA
    f.append((nd(HA, HOA, 136, struct.pack("!I", 0xE0000000) + a6(HA), tlla(MAC_HA), ethsrc=MAC_HA, ethdst=MAC_MN),
              "Neighbor Advertisement %s -> %s, flags R S O (0xe0000000), target %s, TLLA 02:00:00:00:00:04"
              % (HA, HOA, HA)))
    # 6 proxy NA a home agent multicasts for the mobile node away from home (RFC 6275 10.4.1)
    f.append((nd(HA, ALL_NODES, 136, struct.pack("!I", 0x20000000) + a6(HOA), tlla(MAC_HA), ethsrc=MAC_HA),
              "proxy Neighbor Advertisement (RFC 6275 10.4.1): home agent %s -> ff02::1, R 0 S 0 O 1 (0x20000000), "
              "target the mobile node's home address %s, TLLA the home agent's 02:00:00:00:00:04" % (HA, HOA)))
    # 7 Redirect (4.5) with TLLA and a Redirected Header carrying the whole echo request
    inner = echo(HOA, CN, 0x4d4e, 1, bytes(range(16)))
    f.append((nd(LL_AR, LL_MN, 137, bytes(4) + a6(LL_R2) + a6(CN), tlla(MAC_R2) + redirected(inner),
                 ethsrc=MAC_AR, ethdst=MAC_MN),
              "Redirect %s -> %s: target %s (better first hop), destination %s; TLLA 02:00:00:00:00:05, "
              "Redirected Header (Length %d) with the whole %d-octet echo request %s -> %s"
              % (LL_AR, LL_MN, LL_R2, CN, len(redirected(inner)) // 8, len(inner), HOA, CN)))
    # 8 Redirect whose Redirected Header quotes only the first 48 octets of a 104-octet packet and
    #   is followed by a TLLA option (the quote's cut ends at the option, not at the frame)
    big = echo(HOA, CN, 0x4d4e, 2, bytes(range(64)))
    rh = redirected(big[:48])
    f.append((nd(LL_AR, LL_MN, 137, bytes(4) + a6(CN) + a6(CN), rh + tlla(MAC_CN), ethsrc=MAC_AR, ethdst=MAC_MN),
              "Redirect %s -> %s: target = destination = %s (on-link); Redirected Header (Length %d) with the first "
              "48 of %d octets of an echo request (allowed cut, RFC 4861 4.6.3), then TLLA 02:00:00:00:00:03"
              % (LL_AR, LL_MN, CN, len(rh) // 8, len(big))))
    # 9-11 MLDv1 (RFC 2710 3): Maximum Response Delay (16), Reserved (16), Multicast Address
    f.append((mld(LL_AR, ALL_NODES, 130, struct.pack("!HH", 10000, 0) + bytes(16), ethsrc=MAC_AR),
              "MLDv1 general Query %s -> ff02::1, max response delay 10000 ms, multicast address ::" % LL_AR))
    f.append((mld(LL_MN, solicited_node(HOA), 131, struct.pack("!HH", 0, 0) + a6(solicited_node(HOA))),
              "MLDv1 Report %s -> %s for %s" % (LL_MN, solicited_node(HOA), solicited_node(HOA))))
    f.append((mld(LL_MN, ALL_ROUTERS, 132, struct.pack("!HH", 0, 0) + a6(solicited_node(HOA))),
              "MLDv1 Done %s -> ff02::2 for %s" % (LL_MN, solicited_node(HOA))))
    # 12 MLDv2 Query (RFC 3810 5.1): Max Resp Code, Reserved, Multicast Address, Resv S QRV, QQIC,
    #    Number of Sources, sources
    q = struct.pack("!HH", 1000, 0) + a6(SSM_GROUP) + bytes([0x08 | 2, 125]) + struct.pack("!H", 2) + a6(CN) + a6(HA)
    f.append((mld(LL_AR, SSM_GROUP, 130, q, ethsrc=MAC_AR),
              "MLDv2 multicast-address-and-source-specific Query %s -> %s: max response code 1000, S 1, QRV 2, "
              "QQIC 125, sources %s and %s" % (LL_AR, SSM_GROUP, CN, HA)))
    # 13 MLDv2 general Query with exponent-coded fields (RFC 3810 5.1.3, 5.1.9): Max Resp Code 0xffff
    #    = (0x0fff | 0x1000) << (7 + 3) = 8387584 ms, QQIC 0x8c = (0xc | 0x10) << (0 + 3) = 224 s
    q = struct.pack("!HH", 0xFFFF, 0) + bytes(16) + bytes([2, 0x8C]) + struct.pack("!H", 0)
    f.append((mld(LL_AR, ALL_NODES, 130, q, ethsrc=MAC_AR),
              "MLDv2 general Query %s -> ff02::1: Maximum Response Code 0xffff (8387584 ms), S 0, QRV 2, QQIC 0x8c "
              "(224 s), no sources" % LL_AR))
    # 14 MLDv2 Report (RFC 3810 5.2): Reserved, Nr of Mcast Address Records, records: Record Type, Aux Data
    #    Len (32-bit words), Number of Sources, Multicast Address, sources, aux data
    r1 = struct.pack("!BBH", 4, 0, 0) + a6(solicited_node(HOA))
    r2 = struct.pack("!BBH", 1, 1, 2) + a6(SSM_GROUP) + a6(CN) + a6(HA) + b"\xa5\xa5\xa5\xa5"
    f.append((mld(LL_MN, ALL_MLDV2, 143, struct.pack("!HH", 0, 2) + r1 + r2),
              "MLDv2 Report %s -> ff02::16, 2 records: CHANGE_TO_EXCLUDE (4) %s with no sources; MODE_IS_INCLUDE (1) "
              "%s, aux data len 1 (a5a5a5a5), sources %s and %s" % (LL_MN, solicited_node(HOA), SSM_GROUP, CN, HA)))
    # ---- malformed
    # 15 option Length 0 (4.6: "Nodes MUST silently discard an ND packet that contains an option with length zero")
    f.append((nd(LL_AR, ALL_NODES, 134, ra_rest(64, 0, 1800, 0, 0), slla(MAC_AR) + bytes([5, 0]) + bytes(6),
                 ethsrc=MAC_AR),
              "Router Advertisement %s with SLLA, then an MTU option of Length 0 (RFC 4861 4.6: discard)" % LL_AR))
    # 16 option running past the end of the message
    f.append((nd(LL_MN, ALL_ROUTERS, 133, bytes(4), bytes([1, 4]) + MAC_MN),
              "Router Solicitation whose SLLA option claims Length 4 (32 octets) with 8 present"))
    # 17 wrong checksum
    good = nd(HOA, solicited_node(HA), 135, bytes(4) + a6(HA), slla(MAC_MN))
    off = 14 + 40 + 2
    c = struct.unpack("!H", good[off:off + 2])[0]
    bad = good[:off] + struct.pack("!H", (c + 1) & 0xFFFF) + good[off + 2:]
    f.append((bad, "frame 4's Neighbor Solicitation with checksum 0x%04x (correct + 1)" % ((c + 1) & 0xFFFF)))
    # 18 message cut short: an NA whose IPv6 payload ends 8 octets into the target address
    na = icmp6(136, 0, struct.pack("!I", 0x60000000), a6(HA)[:8])
    f.append((eth(MAC_MN, MAC_HA, 0x86DD, ipv6(HA, HOA, [], 58, na, csum="icmp6", hlim=255)),
              "Neighbor Advertisement of 12 octets (IPv6 payload length 12): the target address is cut after 8 octets"))
    # 19 wrong fixed option lengths and an unknown option (shown raw)
    opts = pio("2001:db8:1::", 64, PIO_L, 600, 300)[:24] + opt(5, bytes(14)) + opt(200, bytes(6)) + ha_info(-1, 0)
    opts = bytes([3, 3]) + opts[2:]
    f.append((nd(LL_HA, ALL_NODES, 134, ra_rest(255, RA_M | RA_H | RA_P | 0x01, 0, 0, 0), opts, ethsrc=MAC_HA),
              "Router Advertisement: flags M H P + reserved bit 0 (0xa5), Prf 0, router lifetime 0; Prefix "
              "Information of Length 3 (must be 4), MTU option of Length 2 (must be 1), unknown option 200 of "
              "Length 1, Home Agent Information preference -1 lifetime 0 (must not be 0, RFC 6275 7.4)"))
    # 20 MLDv2 Report whose record claims more sources than the message holds
    r = struct.pack("!BBH", 2, 0, 3) + a6(SSM_GROUP) + a6(CN)
    f.append((mld(LL_MN, ALL_MLDV2, 143, struct.pack("!HH", 0, 1) + r),
              "MLDv2 Report with one MODE_IS_EXCLUDE (2) record claiming 3 sources; only one is present"))
    # 21 a Query of 26 octets: neither MLDv1 (24) nor MLDv2 (28 or more)
    f.append((mld(LL_AR, ALL_NODES, 130, struct.pack("!HH", 1000, 0) + bytes(16) + b"\x00\x00", ethsrc=MAC_AR),
              "Multicast Listener Query of 26 octets (RFC 3810 8.1: neither MLDv1 nor MLDv2, to be ignored)"))
    # 22 HMIPv6 (RFC 5380 4): an access router relays a MAP option (Distance 1, Preference 2, R set)
    map_opt = opt(23, struct.pack("!BBI", 0x12, 0x80, 600) + a6("2001:db8:5::1"))
    f.append((nd(LL_AR, ALL_NODES, 134, ra_rest(64, 0, 1800, 0, 0), slla(MAC_AR) + map_opt, ethsrc=MAC_AR),
              "Router Advertisement with a MAP option (RFC 5380 4): Distance 1, Preference 2, R (the MAP "
              "allocates the RCoA), Valid Lifetime 600, MAP 2001:db8:5::1"))
    # 23 the home agent's RA captured with a 96-octet snap length: the Prefix Information option
    # (with the R flag that names the HA's address) is cut after 18 of its 32 octets
    opts = slla(MAC_HA) + pio(HA, 64, PIO_L | PIO_A | PIO_R, 86400, 14400) + ha_info(10, 1800)
    f.append((nd(LL_HA, ALL_NODES, 134, ra_rest(64, RA_H, 1800, 0, 0), opts, ethsrc=MAC_HA),
              "Router Advertisement from the home agent (H) captured with a snap length of 96 octets: SLLA, then "
              "Prefix Information %s/64 (L A R) cut after 18 of its 32 octets (Prefix Length, flags and both "
              "lifetimes captured, the prefix not); the Home Agent Information option is not captured" % HA, 96))
    # 24 an RA with RFC 4191 Route Information (Length 1: ::/0; 2: a /48; 3: a /64 and a /128)
    # and RFC 8106 RDNSS (two servers) and DNSSL (two names, zero padding, infinite lifetime)
    rio = (opt(24, struct.pack("!BBI", 0, 0x18, 1800))
           + opt(24, struct.pack("!BBI", 48, 0x08, 3600) + a6("2001:db8:7::")[:8])
           + opt(24, struct.pack("!BBI", 64, 0x00, 0xffffffff) + a6("2001:db8:8:1::"))
           + opt(24, struct.pack("!BBI", 128, 0xe7 | 0x18, 0) + a6("2001:db8:9::9")))
    rdnss = opt(25, struct.pack("!HI", 0, 600) + a6("2001:db8::53") + a6("2001:db8::35"))
    names = b"\x07example\x03com\x00" + b"\x04home\x07example\x03net\x00"
    dnssl = struct.pack("!HI", 0, 0xffffffff) + names
    dnssl = opt(31, dnssl + bytes(-(2 + len(dnssl)) % 8))
    f.append((nd(LL_AR, ALL_NODES, 134, ra_rest(64, 0, 1800, 0, 0), slla(MAC_AR) + rio + rdnss + dnssl, ethsrc=MAC_AR),
              "Router Advertisement with Route Information (RFC 4191 2.3) ::/0 Prf 3 (Low) lifetime 1800, "
              "2001:db8:7::/48 High 3600 (Length 2), 2001:db8:8:1::/64 Medium infinite (Length 3), "
              "2001:db8:9::9/128 with every reserved flag bit set, lifetime 0; RDNSS (RFC 8106 5.1) 2001:db8::53 "
              "and 2001:db8::35, lifetime 600; DNSSL (5.2) example.com and home.example.net, infinite, padded"))
    # 25 an NS for DAD with a Nonce (RFC 3971 5.3.2; RFC 7527 2.2), 6 octets
    f.append((nd("::", solicited_node(HOA), 135, bytes(4) + a6(HOA), opt(14, bytes.fromhex("a1b2c3d4e5f6"))),
              "Neighbor Solicitation for duplicate address detection with a Nonce option a1b2c3d4e5f6"))
    # 26 RDNSS with no address (Length 1; RFC 8106 5.1 wants 3 or more, odd) and DNSSL whose
    # label runs past the option
    bad_dnssl = opt(31, struct.pack("!HI", 0, 60) + b"\x09example")
    f.append((nd(LL_AR, ALL_NODES, 134, ra_rest(64, 0, 1800, 0, 0), opt(25, struct.pack("!HI", 0, 60)) + bad_dnssl,
                 ethsrc=MAC_AR),
              "Router Advertisement with an RDNSS of Length 1 (no server; RFC 8106 5.1 requires at least 3) and a "
              "DNSSL whose one label claims 9 octets where 7 are left"))
    # 27 a DNSSL whose name fills the option with no root label (the next option's first octet
    # is not 0), RDNSS and DNSSL lifetimes 0 (RFC 8106 5.1, 5.2: MUST no longer be used)
    tail = opt(31, struct.pack("!HI", 0, 600) + b"\x07example") + mtu(1280)
    f.append((nd(LL_AR, ALL_NODES, 134, ra_rest(64, 0, 1800, 0, 0),
                 opt(25, struct.pack("!HI", 0, 0) + a6("2001:db8::53")) + opt(31, struct.pack("!HI", 0, 0) + b"\x01a\x00" + bytes(5))
                 + tail, ethsrc=MAC_AR),
              "Router Advertisement: RDNSS and DNSSL of lifetime 0; then a DNSSL whose name 'example' fills the "
              "option with no root label, followed by an MTU option"))
    # 28 Route Information of Length 4 (RFC 4191 2.3 allows 1-3) and a /96 in a Length 2 option
    rio = (opt(24, struct.pack("!BBI", 64, 0x08, 100) + a6("2001:db8:a::") + bytes.fromhex("1122334455667788"))
           + opt(24, struct.pack("!BBI", 96, 0x00, 100) + a6("2001:db8:b::")[:8]))
    f.append((nd(LL_AR, ALL_NODES, 134, ra_rest(64, 0, 1800, 0, 0), rio, ethsrc=MAC_AR),
              "Router Advertisement with a Route Information option of Length 4 and one of Length 2 for a /96 "
              "(RFC 4191 2.3: a Prefix Length above 64 needs Length 3)"))
    # 29 an RA with Route Information, RDNSS and DNSSL captured with a 150-octet snap length:
    # the DNSSL is cut inside its second name
    rio = opt(24, struct.pack("!BBI", 48, 0x08, 3600) + a6("2001:db8:7::")[:8])
    rdnss = opt(25, struct.pack("!HI", 0, 600) + a6("2001:db8::53") + a6("2001:db8::35"))
    names = b"\x07example\x03com\x00" + b"\x04home\x07example\x03net\x00"
    dnssl = struct.pack("!HI", 0, 600) + names
    dnssl = opt(31, dnssl + bytes(-(2 + len(dnssl)) % 8))
    f.append((nd(LL_AR, ALL_NODES, 134, ra_rest(64, 0, 1800, 0, 0), rio + rdnss + dnssl, ethsrc=MAC_AR),
              "Router Advertisement with Route Information, RDNSS (two servers) and DNSSL (example.com, "
              "home.example.net) captured with a snap length of 150 octets: the DNSSL is cut in its second name",
              150))
    # 30 Route Information of the reserved Route Preference 10 (RFC 4191 2.3: the receiver MUST
    # ignore the option)
    rio = opt(24, struct.pack("!BBI", 48, 0x10, 3600) + a6("2001:db8:7::")[:8])
    f.append((nd(LL_AR, ALL_NODES, 134, ra_rest(64, 0, 1800, 0, 0), rio, ethsrc=MAC_AR),
              "Router Advertisement with Route Information 2001:db8:7::/48 of the reserved Route Preference "
              "10 (RFC 4191 2.3: ignored by the receiver)"))
    # 31 frame 23 with a 92-octet snap length: the Prefix Information option is cut inside
    # Reserved2 (14 of its 32 octets)
    opts = slla(MAC_HA) + pio(HA, 64, PIO_L | PIO_A | PIO_R, 86400, 14400) + ha_info(10, 1800)
    f.append((nd(LL_HA, ALL_NODES, 134, ra_rest(64, RA_H, 1800, 0, 0), opts, ethsrc=MAC_HA),
              "Router Advertisement from the home agent (H) captured with a snap length of 92 octets: SLLA, then "
              "Prefix Information %s/64 (L A R) cut inside Reserved2, after 14 of its 32 octets" % HA, 92))
    return f


SECTION = """Built by `captures/make_fixtures_nd.py` from RFC 4861 (Neighbor Discovery), RFC 6275 7 and 10.4.1
(Mobile IPv6 changes to ND, proxy NA by a home agent), RFC 2710 (MLDv1), RFC 3810 (MLDv2) and RFC 5380 4
(HMIPv6's MAP option). Ethernet;
ND and MLD use the link-local and link-scope multicast addresses the RFCs require (fe80::ff:fe00:xx from the
MACs 02:00:00:00:00:xx: 01 mobile node, 02 access router, 04 home agent, 05 second router); global addresses
as above (HA 2001:db8:1::1, HoA 2001:db8:1::100, CN 2001:db8:3::3). ND messages have hop limit 255; MLD
messages hop limit 1 and a Hop-by-Hop Router Alert. Every ICMPv6 checksum is correct except frame 17's."""


def main():
    name = "icmpv6-nd.pcapng"
    w = Pcapng()
    i = w.iface(1, "eth0")
    for data, desc, *caplen in frames():
        w.packet(i, data, desc, caplen=caplen[0] if caplen else None)
    w.save(name)
    readme = os.path.join(OUT, "README.md")
    marker = "## " + name
    with open(readme) as fh:
        text = fh.read()
    lines = [marker, "", SECTION, "", "| frame | contents |", "|---|---|"]
    lines += ["| %d | %s |" % (k, d) for k, d in w.frames]
    section = "\n".join(lines) + "\n"
    if marker in text:
        # Replace this file's section (up to the next section or the end), nothing else.
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
