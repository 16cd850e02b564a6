#!/usr/bin/env python3
"""make_fixtures.py - deterministic crafted capture files for mipscope.

Builds every packet byte by byte from the RFC layouts (no scapy, standard
library only) and writes pcap / pcapng files into captures/crafted/ next to
this script, together with captures/crafted/README.md.

    python3 make_fixtures.py            # (re)generate everything
    python3 make_fixtures.py --check FILE...   # the same reader over any capture (craft's output)
    python3 make_fixtures.py --verify   # re-read the files with an independent
                                        # parser and re-check every checksum

Conventions
  * timestamps: frame N of a file is at 2026-01-01T00:00:00Z + (N-1) s
  * addresses: 2001:db8::/32, 192.0.2.0/24, 198.51.100.0/24 only
  * MACs: 02:00:00:00:00:xx
  * every Mobility Header carries a correct checksum (RFC 6275 6.1.1) unless
    the file is mh-bad-checksum.pcapng (frame 2) - the pseudo-header uses the
    Home Address option's address as source and the type 2 routing header's
    address as destination when those headers are present.
  * for the deliberately malformed MHs whose Header Len disagrees with the
    bytes present, the checksum covers the MH bytes actually present in the
    IPv6 payload and the pseudo-header length is that byte count.
"""

import hashlib
import hmac
import ipaddress
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "crafted")

T0 = 1767225600  # 2026-01-01T00:00:00Z

# ---------------------------------------------------------------- addresses
HA = "2001:db8:1::1"          # home agent
HOA = "2001:db8:1::100"       # mobile node home address
COA = "2001:db8:2::100"       # mobile node care-of address
AR = "2001:db8:2::1"          # access router on the visited link
CN = "2001:db8:3::3"          # correspondent node
MR_HOA = "2001:db8:1::200"    # NEMO mobile router home address
MR_COA = "2001:db8:2::200"    # NEMO mobile router care-of address
# RFC 6275 10.5 / RFC 2526: Mobile IPv6 Home-Agents anycast for 2001:db8:1::/64
HA_ANYCAST = "2001:db8:1:0:fdff:ffff:ffff:fffe"
# reference.md 5.4 known-answer vector
KAV_HOA = "2001:db8:aaaa::1"
KAV_COA = "2001:db8:bbbb::1"
KAV_CN = "2001:db8:cccc::2"
KCN = bytes(range(1, 21))                 # Kcn = 01 02 .. 14
HOME_NONCE = bytes(range(0, 8))           # 0001020304050607
COA_NONCE = bytes(range(8, 16))           # 08090a0b0c0d0e0f

V4_MN_HOA = "198.51.100.10"   # MIPv4 home address
V4_HA = "198.51.100.1"        # MIPv4 home agent / DSMIPv6 HA IPv4 address
V4_COA = "192.0.2.20"         # MIPv4 (FA) care-of address
V4_MN_COA6 = "192.0.2.100"    # DSMIPv6 IPv4 care-of address
V4_CN = "192.0.2.50"          # IPv4 correspondent


def a6(s):
    return ipaddress.IPv6Address(s).packed


def a4(s):
    return ipaddress.IPv4Address(s).packed


def mac(n):
    return bytes([0x02, 0, 0, 0, 0, n])


MAC_MN, MAC_AR, MAC_CN, MAC_HA = mac(1), mac(2), mac(3), mac(4)


# ---------------------------------------------------------------- checksums
def inet_checksum(data):
    """RFC 1071 16-bit one's complement of the one's complement sum."""
    if len(data) % 2:
        data += b"\x00"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def pseudo6(src, dst, length, nh):
    """RFC 8200 8.1 (RFC 2460 8.1) IPv6 pseudo-header."""
    return src + dst + struct.pack("!I", length) + b"\x00\x00\x00" + bytes([nh])


def pseudo4(src, dst, length, proto):
    """RFC 768 IPv4 pseudo-header."""
    return src + dst + bytes([0, proto]) + struct.pack("!H", length)


CSUM_OFFSET = {"mh": 4, "icmp6": 2, "udp": 6}
PROTO_OF = {"mh": 135, "icmp6": 58, "udp": 17}


def fill_checksum6(kind, payload, psrc, pdst):
    """Write the upper-layer checksum of `payload` (kind mh/icmp6/udp)."""
    off = CSUM_OFFSET[kind]
    p = bytearray(payload)
    p[off:off + 2] = b"\x00\x00"
    c = inet_checksum(pseudo6(psrc, pdst, len(p), PROTO_OF[kind]) + bytes(p))
    if kind == "udp" and c == 0:
        c = 0xFFFF
    p[off:off + 2] = struct.pack("!H", c)
    return bytes(p)


# ---------------------------------------------------------------- TLV options
def pad(n):
    """RFC 8200 4.2 / RFC 6275 6.2.2-6.2.3: Pad1 (0) or PadN (1) of n octets."""
    if n == 0:
        return b""
    if n == 1:
        return b"\x00"
    return bytes([1, n - 2]) + bytes(n - 2)


def pack_options(start, items):
    """Lay out TLV options starting at offset `start` of the enclosing header.

    items: raw bytes (inserted verbatim) or (type, data, (x, y)) tuples, meaning
    the option's Type octet must sit at an offset o with o % x == y
    (alignment xn+y, RFC 8200 4.2 notation). Pads the end to a multiple of 8.
    """
    out = b""
    for it in items:
        if isinstance(it, (bytes, bytearray)):
            out += it
            continue
        t, data, align = it
        if align:
            x, y = align
            out += pad((y - (start + len(out))) % x)
        out += bytes([t, len(data)]) + data
    out += pad((-(start + len(out))) % 8)
    return out


# ---------------------------------------------------------------- Mobility Header
# RFC 6275 6.1.1:
#  | Payload Proto | Header Len | MH Type | Reserved | Checksum (16) | Message Data ...
#  Header Len = length in 8-octet units, excluding the first 8 octets.
def mh(mh_type, body, options=(), proto=59, reserved=0, hlen=None):
    opts = pack_options(6 + len(body), options)
    total = 6 + len(body) + len(opts)
    assert total % 8 == 0, (mh_type, total)
    hl = total // 8 - 1 if hlen is None else hlen
    return struct.pack("!BBBBH", proto, hl, mh_type, reserved, 0) + body + opts


# Mobility options (RFC 6275 6.2, RFC 3963 4.3, RFC 5568 6.4.3)
def opt_bra(interval):          # 6.2.4 Binding Refresh Advice, 2n
    return (2, struct.pack("!H", interval), (2, 0))


def opt_altcoa(addr):           # 6.2.5 Alternate Care-of Address, 8n+6
    return (3, a6(addr), (8, 6))


def opt_ni(hni, cni):           # 6.2.6 Nonce Indices, 2n
    return (4, struct.pack("!HH", hni, cni), (2, 0))


def opt_bad(auth):              # 6.2.7 Binding Authorization Data, 8n+2
    return (5, auth, (8, 2))


def opt_mnp(prefix, plen):      # RFC 3963 4.3 Mobile Network Prefix, 8n+4
    return (6, bytes([0, plen]) + a6(prefix), (8, 4))


def opt_lla(code, lla):
    # RFC 5568 6.4.3 MH Link-Layer Address: Option-Code (2 = LLA of the MN) + LLA.
    # No alignment requirement could be verified here; placed at a 4n offset.
    return (7, bytes([code]) + lla, None)


# Message bodies (the octets after the 6-octet common header)
def body_brr():                          # 6.1.2: Reserved (16)
    return b"\x00\x00"


def body_hoti(cookie):                   # 6.1.3: Reserved (16), Home Init Cookie (64)
    return b"\x00\x00" + struct.pack("!Q", cookie)


def body_coti(cookie):                   # 6.1.4: Reserved (16), Care-of Init Cookie (64)
    return b"\x00\x00" + struct.pack("!Q", cookie)


def body_hot(index, cookie, token):      # 6.1.5: Home Nonce Index, cookie, Home Keygen Token
    return struct.pack("!HQ", index, cookie) + token


def body_cot(index, cookie, token):      # 6.1.6: Care-of Nonce Index, cookie, Care-of Keygen Token
    return struct.pack("!HQ", index, cookie) + token


# BU flags (RFC 6275 6.1.7 + IANA; reference.md 3.3)
BU_A, BU_H, BU_L, BU_K, BU_M, BU_R = 0x8000, 0x4000, 0x2000, 0x1000, 0x0800, 0x0400
BU_P, BU_F, BU_T, BU_B, BU_S, BU_D = 0x0200, 0x0100, 0x0080, 0x0040, 0x0020, 0x0010
BA_K, BA_R, BA_P, BA_T, BA_B, BA_S, BA_D = 0x80, 0x40, 0x20, 0x10, 0x08, 0x04, 0x02


def body_bu(seq, flags, lifetime):       # 6.1.7: Sequence #, flags+reserved (16), Lifetime (4 s units)
    return struct.pack("!HHH", seq, flags, lifetime)


def body_ba(status, flags, seq, lifetime):  # 6.1.8: Status, K R P T B S D + reserved, Seq, Lifetime
    return struct.pack("!BBHH", status, flags, seq, lifetime)


def body_be(status, hoa, reserved=0):    # 6.1.9: Status, Reserved, Home Address
    return bytes([status, reserved]) + a6(hoa)


# ---------------------------------------------------------------- return routability
def keygen_token(addr, nonce, which):
    """RFC 6275 5.2.5: First(64, HMAC_SHA1(Kcn, addr | nonce | 0/1))."""
    return hmac.new(KCN, a6(addr) + nonce + bytes([which]), hashlib.sha1).digest()[:8]


def kbm(home_token, coa_token):
    """RFC 6275 5.2.5: Kbm = SHA1(home keygen token | care-of keygen token)."""
    return hashlib.sha1(home_token + coa_token).digest()


def authenticator(key, coa, cn, mh_data):
    """RFC 6275 6.2.7: First(96, HMAC_SHA1(Kbm, CoA | CN | MH Data))."""
    return hmac.new(key, a6(coa) + a6(cn) + mh_data, hashlib.sha1).digest()[:12]


# ---------------------------------------------------------------- IPv6 + extension headers
class Ext:
    """An IPv6 extension header: protocol number and the octets after Next Header."""

    def __init__(self, proto, rest, hoa=None, final_dst=None):
        self.proto, self.rest, self.hoa, self.final_dst = proto, rest, hoa, final_dst


def opts_header(proto, items, hoa=None):
    # RFC 8200 4.3/4.6: Next Header, Hdr Ext Len (8-octet units - 1), options
    body = pack_options(2, items)
    return Ext(proto, bytes([(2 + len(body)) // 8 - 1]) + body, hoa=hoa)


def hbh(items):
    return opts_header(0, items)


def dstopts(items):
    hoa = None
    for it in items:
        if isinstance(it, tuple) and it[0] == 201:
            hoa = it[1]
    return opts_header(60, items, hoa=hoa)


def opt_hao(addr):
    # RFC 6275 6.3 Home Address option: type 201, length 16, alignment 8n+6
    return (201, a6(addr), (8, 6))


def opt_router_alert(value):
    # RFC 2711: type 5, length 2, value; alignment 2n+0
    return (5, struct.pack("!H", value), (2, 0))


def rh2(hoa):
    # RFC 6275 6.4: Hdr Ext Len 2, Routing Type 2, Segments Left 1, Reserved (32), Home Address
    return Ext(43, bytes([2, 2, 1]) + bytes(4) + a6(hoa), final_dst=a6(hoa))


def rh0(addrs, segleft):
    # RFC 2460 4.4 (deprecated by RFC 5095): type 0, Reserved (32), addresses
    return Ext(43, bytes([2 * len(addrs), 0, segleft]) + bytes(4) + b"".join(a6(a) for a in addrs),
               final_dst=a6(addrs[-1]))


def rh3(addrs, segleft):
    # RFC 6554 3: type 3, Segments Left, CmprI(4) CmprE(4) Pad(4) Reserved(20), addresses
    # (CmprI = CmprE = 0: every address carried in full, so Hdr Ext Len = 2 x addresses)
    return Ext(43, bytes([2 * len(addrs), 3, segleft]) + bytes(4) + b"".join(a6(a) for a in addrs),
               final_dst=a6(addrs[-1]))


def srh(segments, segleft, tag=0):
    # RFC 8754 2: type 4, Segments Left, Last Entry, Flags, Tag, Segment List[0..n]
    segs = b"".join(a6(a) for a in segments)
    return Ext(43, bytes([2 * len(segments), 4, segleft, len(segments) - 1, 0]) + struct.pack("!H", tag) + segs,
               final_dst=a6(segments[0]))


def frag(offset, more, ident):
    # RFC 8200 4.5: Next Header, Reserved, Fragment Offset(13) Res(2) M(1), Identification (32)
    return Ext(44, b"\x00" + struct.pack("!HI", (offset << 3) | (1 if more else 0), ident))


def ah(spi, seq, icv):
    # RFC 4302 2: Next Header, Payload Len (4-octet units - 2), Reserved, SPI, Seq, ICV
    total = 12 + len(icv)
    assert total % 8 == 0
    return Ext(51, bytes([total // 4 - 2]) + b"\x00\x00" + struct.pack("!II", spi, seq) + icv)


def pseudo_addrs(src, dst, exts):
    """RFC 6275 6.1.1 / 9.3.1 and RFC 8200 8.1: addresses for the pseudo-header."""
    psrc, pdst = a6(src), a6(dst)
    for e in exts:
        if e.hoa:
            psrc = e.hoa
        if e.final_dst:
            pdst = e.final_dst
    return psrc, pdst


def ipv6(src, dst, exts, proto, payload, csum=None, hlim=64, plen=None):
    # RFC 8200 3: Version 6, Traffic Class, Flow Label, Payload Length, Next Header, Hop Limit
    if csum:
        payload = fill_checksum6(csum, payload, *pseudo_addrs(src, dst, exts))
    chain = [e.proto for e in exts] + [proto]
    hdrs = b"".join(bytes([chain[i + 1]]) + e.rest for i, e in enumerate(exts))
    body = hdrs + payload
    hdr = struct.pack("!IHBB", 6 << 28, len(body) if plen is None else plen, chain[0], hlim)
    return hdr + a6(src) + a6(dst) + body


# ---------------------------------------------------------------- IPv4 / UDP / MIPv4
def ipv4(src, dst, proto, payload, options=b"", ident=1, ttl=64):
    # RFC 791 3.1: IHL counts 32-bit words; header checksum over the header only
    options += bytes((-len(options)) % 4)
    ihl = 5 + len(options) // 4
    hdr = struct.pack("!BBHHHBBH", 0x40 | ihl, 0, 4 * ihl + len(payload), ident, 0x4000,
                      ttl, proto, 0) + a4(src) + a4(dst) + options
    c = inet_checksum(hdr)
    return hdr[:10] + struct.pack("!H", c) + hdr[12:] + payload


IPV4_OPT_ROUTER_ALERT = bytes([0x94, 0x04, 0x00, 0x00])   # RFC 2113


def udp4(src, dst, sport, dport, payload):
    # RFC 768: ports, length, checksum over the IPv4 pseudo-header
    u = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    c = inet_checksum(pseudo4(a4(src), a4(dst), len(u), 17) + u) or 0xFFFF
    return u[:6] + struct.pack("!H", c) + u[8:]


def mipv4_rrq():
    # RFC 5944 3.3 Registration Request: Type 1, flags S B D M G r T x, Lifetime,
    # Home Address, Home Agent, Care-of Address, Identification (64) + extensions;
    # 3.5.2 Mobile-Home Authentication Extension: Type 32, Length, SPI, Authenticator
    # (default algorithm HMAC-MD5, over the request, prior extensions and Type/Length/SPI).
    ident = struct.pack("!II", T0 + 2208988800, 1)
    rrq = struct.pack("!BBH", 1, 0x02, 1800) + a4(V4_MN_HOA) + a4(V4_HA) + a4(V4_COA) + ident
    spi = 256
    head = bytes([32, 4 + 16]) + struct.pack("!I", spi)
    auth = hmac.new(b"\x0b" * 16, rrq + head, hashlib.md5).digest()
    return rrq + head + auth


def ipv4_rrq_packet():
    return ipv4(V4_COA, V4_HA, 17, udp4(V4_COA, V4_HA, 49152, 434, mipv4_rrq()),
                options=IPV4_OPT_ROUTER_ALERT, ident=0x0434)


# ---------------------------------------------------------------- link layers
def eth(dst, src, ethertype, payload, vlans=()):
    # IEEE 802.3 / 802.1Q / 802.1ad: tags are (TPID, TCI) pairs, outermost first
    tags = b"".join(struct.pack("!HH", tpid, tci) for tpid, tci in vlans)
    return dst + src + tags + struct.pack("!H", ethertype) + payload


def eth6(pkt, up=True):
    """Ethernet II around an IPv6 packet; up=True: MN -> router, else router -> MN."""
    return eth(MAC_AR, MAC_MN, 0x86DD, pkt) if up else eth(MAC_MN, MAC_AR, 0x86DD, pkt)


def sll(proto, payload, pkttype=4, addr=MAC_MN):
    # Linux cooked v1 (LINKTYPE 113): packet type, ARPHRD, addr len, addr(8), protocol
    return struct.pack("!HHH", pkttype, 1, len(addr)) + addr.ljust(8, b"\x00") + struct.pack("!H", proto) + payload


def sll2(proto, payload, ifindex=2, pkttype=4, addr=MAC_MN):
    # Linux cooked v2 (LINKTYPE 276): protocol, reserved, ifindex, ARPHRD, pkttype, addr len, addr(8)
    return struct.pack("!HHIHBB", proto, 0, ifindex, 1, pkttype, len(addr)) + addr.ljust(8, b"\x00") + payload


def null_hdr(af, payload):
    # LINKTYPE_NULL: 4-octet address family in the writer's byte order (little-endian here)
    return struct.pack("<I", af) + payload


# ---------------------------------------------------------------- pcapng / pcap writers
class Pcapng:
    """Minimal pcapng writer (little-endian section)."""

    def __init__(self):
        self.buf = bytearray()
        self.blocks = []          # (type, offset, length)
        self.npackets = 0
        self.ifaces = []          # tsresol exponent per interface
        self.frames = []          # (frame#, description)
        self.block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1) +
                   self.options([(4, b"mipscope captures/make_fixtures.py")]))

    @staticmethod
    def options(opts):
        out = b""
        for code, val in opts:
            out += struct.pack("<HH", code, len(val)) + val + bytes((-len(val)) % 4)
        return out + (struct.pack("<HH", 0, 0) if opts else b"")

    def block(self, btype, body):
        body = bytes(body) + bytes((-len(body)) % 4)
        total = 12 + len(body)
        self.blocks.append((btype, len(self.buf), total))
        self.buf += struct.pack("<II", btype, total) + body + struct.pack("<I", total)

    def iface(self, linktype, name, snaplen=0, tsresol=None, fcslen=None):
        opts = [(2, name.encode())]
        if tsresol is not None:
            opts.append((9, bytes([tsresol])))
        if fcslen is not None:
            # if_fcslen (code 13): the octets of frame check sequence that end each frame
            opts.append((13, bytes([fcslen])))
        self.block(1, struct.pack("<HHI", linktype, 0, snaplen) + self.options(opts))
        self.ifaces.append(tsresol if tsresol is not None else 6)
        return len(self.ifaces) - 1

    def packet(self, iface, data, desc, ts_extra_ns=0, caplen=None):
        t = T0 + self.npackets
        res = self.ifaces[iface]
        ts = t * 10 ** res + ts_extra_ns * 10 ** res // 10 ** 9
        cap = data[:caplen] if caplen is not None else data
        self.block(6, struct.pack("<IIIII", iface, ts >> 32, ts & 0xFFFFFFFF, len(cap), len(data)) + cap)
        self.npackets += 1
        self.frames.append((self.npackets, desc))

    def custom_block(self, pen, data):
        # pcapng Custom Block, copiable variant: type 0x00000BAD, PEN, opaque data
        self.block(0x00000BAD, struct.pack("<I", pen) + data)

    def save(self, name):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(self.buf)
        return bytes(self.buf)


def pcap_file(frames, big_endian, nsec, linktype=1):
    """Classic libpcap: global header + (ts_sec, ts_frac, incl_len, orig_len) records."""
    e = ">" if big_endian else "<"
    magic = 0xA1B23C4D if nsec else 0xA1B2C3D4
    out = struct.pack(e + "IHHiIII", magic, 2, 4, 0, 0, 65535, linktype)
    for i, data in enumerate(frames):
        out += struct.pack(e + "IIII", T0 + i, 0, len(data), len(data)) + data
    return out


# ================================================================= packet kinds
# ---- RFC 6275 6.1.2 Binding Refresh Request (CN -> MN home address)
def pkt_brr():
    return ipv6(CN, HOA, [], 135, mh(0, body_brr()), csum="mh")


# ---- RFC 6275 6.1.3 Home Test Init (MN HoA -> CN, reverse-tunnelled in reality; shown plain)
def pkt_hoti(cookie=0x0102030405060708):
    return ipv6(HOA, CN, [], 135, mh(1, body_hoti(cookie)), csum="mh")


# ---- RFC 6275 6.1.4 Care-of Test Init (MN CoA -> CN)
def pkt_coti(cookie=0x1112131415161718):
    return ipv6(COA, CN, [], 135, mh(2, body_coti(cookie)), csum="mh")


# ---- RFC 6275 6.1.5 Home Test (CN -> HoA)
def pkt_hot():
    tok = keygen_token(HOA, HOME_NONCE, 0)
    return ipv6(CN, HOA, [], 135, mh(3, body_hot(0x1234, 0x0102030405060708, tok)), csum="mh")


# ---- RFC 6275 6.1.6 Care-of Test (CN -> CoA)
def pkt_cot():
    tok = keygen_token(COA, COA_NONCE, 1)
    return ipv6(CN, COA, [], 135, mh(4, body_cot(0x5678, 0x1112131415161718, tok)), csum="mh")


# ---- RFC 6275 6.1.7 Binding Update (plain: CoA -> HA)
def pkt_bu(seq=42, flags=BU_A | BU_H, lifetime=150, options=(), src=COA, dst=HA, exts=(), **kw):
    return ipv6(src, dst, list(exts), 135, mh(5, body_bu(seq, flags, lifetime), options, **kw), csum="mh")


# ---- RFC 6275 6.1.8 Binding Acknowledgement (plain: HA -> CoA)
def pkt_ba(status=0, flags=0, seq=42, lifetime=150, options=(), src=HA, dst=COA, exts=()):
    return ipv6(src, dst, list(exts), 135, mh(6, body_ba(status, flags, seq, lifetime), options), csum="mh")


# ---- RFC 6275 6.1.9 Binding Error
def pkt_be(status, src=CN, dst=COA, reserved=0):
    return ipv6(src, dst, [], 135, mh(7, body_be(status, HOA, reserved)), csum="mh")


# ---- RFC 6275 6.1.7 + 6.3 BU to the HA with a Home Address option (PadN before it)
def pkt_bu_hao(seq=42, pad1=False):
    items = [b"\x00\x00\x00\x00", opt_hao(HOA)] if pad1 else [opt_hao(HOA)]
    return pkt_bu(seq=seq, exts=[dstopts(items)])


# ---- RFC 6275 6.1.8 + 6.4 BA from the HA through a type 2 routing header
def pkt_ba_rh2(seq=42):
    return pkt_ba(seq=seq, exts=[rh2(HOA)])


# ---- reference.md 5.4 / RFC 6275 5.2.5, 6.2.6, 6.2.7: BU to CN with Nonce Indices + BAD
KAV_MH_HEX = "3b0305009bbf000180000010040400010002050c03e315717e3c17bd6a88adae"


def kav_mh():
    home_tok = keygen_token(KAV_HOA, HOME_NONCE, 0)
    coa_tok = keygen_token(KAV_COA, COA_NONCE, 1)
    assert home_tok.hex() == "07e524c4f5890391" and coa_tok.hex() == "9a5de1e63dd567f4"
    key = kbm(home_tok, coa_tok)
    assert key.hex() == "e9b3e448017fcaa574c82af41c3e05394e7d8dee"
    placeholder = mh(5, body_bu(1, BU_A, 0x0010), [opt_ni(1, 2), opt_bad(bytes(12))])
    mh_data = placeholder[:-12]       # through the BAD Type/Length, checksum zero
    assert mh_data.hex() == "3b0305000000000180000010040400010002050c"
    auth = authenticator(key, KAV_COA, KAV_CN, mh_data)
    assert auth.hex() == "03e315717e3c17bd6a88adae"
    return mh_data + auth


def pkt_bu_kav():
    exts = [dstopts([opt_hao(KAV_HOA)])]
    pkt = ipv6(KAV_COA, KAV_CN, exts, 135, kav_mh(), csum="mh")
    mhb = pkt[40 + 24:]
    assert mhb.hex() == KAV_MH_HEX, mhb.hex()
    assert struct.unpack("!H", mhb[4:6])[0] == 0x9BBF
    return pkt


# ---- RFC 4443 3.1 / 3.4 ICMPv6 error header: Type, Code, Checksum, 32-bit field, invoking packet
def icmp6(typ, code, rest, payload=b""):
    return bytes([typ, code, 0, 0]) + rest + payload


# ---- RFC 6275 6.5 Home Agent Address Discovery Request: Identifier, Reserved
def pkt_haad_req():
    return ipv6(COA, HA_ANYCAST, [], 58, icmp6(144, 0, struct.pack("!HH", 0x4D49, 0)), csum="icmp6")


# ---- RFC 6275 6.6 Home Agent Address Discovery Reply: Identifier, Reserved, HA addresses
def pkt_haad_rep():
    addrs = a6(HA) + a6("2001:db8:1::2")
    return ipv6(HA, COA, [], 58, icmp6(145, 0, struct.pack("!HH", 0x4D49, 0), addrs), csum="icmp6")


# ---- RFC 6275 6.7 Mobile Prefix Solicitation (CoA -> HA with HAO): Identifier, Reserved
def pkt_mps():
    return ipv6(COA, HA, [dstopts([opt_hao(HOA)])], 58, icmp6(146, 0, struct.pack("!HH", 0x5053, 0)),
                csum="icmp6")


# ---- RFC 6275 6.8 Mobile Prefix Advertisement (HA -> CoA with RH2): Identifier, M, O, Reserved,
#      options; RFC 4861 4.6.2 Prefix Information (with the RFC 6275 7.2 R flag)
def pkt_mpa():
    pio = struct.pack("!BBBBIII", 3, 4, 64, 0x40 | 0x20, 86400, 14400, 0) + a6(HA)
    msg = icmp6(147, 0, struct.pack("!HH", 0x5053, 0x8000 | 0x4000), pio)
    return ipv6(HA, COA, [rh2(HOA)], 58, msg, csum="icmp6")


# ---- RFC 4443 3.4 Parameter Problem code 2 (unrecognized IPv6 option), pointer -> HAO type
def pkt_param_problem():
    inv = pkt_bu_hao(seq=77)
    ptr = 40 + inv[40:].index(bytes([201, 16]))
    return ipv6(CN, COA, [], 58, icmp6(4, 2, struct.pack("!I", ptr), inv), csum="icmp6"), ptr


# ---- RFC 4443 3.1 Destination Unreachable code 3, invoking packet truncated inside its MH
def pkt_dest_unreach():
    inv = ipv6(COA, CN, [dstopts([opt_hao(HOA)])], 135, mh(5, body_bu(78, BU_A, 150)), csum="mh")
    cut = 40 + 24 + 8
    return ipv6(AR, COA, [], 58, icmp6(1, 3, bytes(4), inv[:cut]), csum="icmp6"), len(inv), cut


# ================================================================= files
def f_mh_messages():
    w = Pcapng()
    i = w.iface(1, "eth0")
    w.packet(i, eth6(pkt_brr(), False), "BRR (MH 0), CN -> HoA")
    w.packet(i, eth6(pkt_hoti()), "HoTI (MH 1), HoA -> CN, cookie 0x0102030405060708")
    w.packet(i, eth6(pkt_coti()), "CoTI (MH 2), CoA -> CN, cookie 0x1112131415161718")
    w.packet(i, eth6(pkt_hot(), False), "HoT (MH 3), CN -> HoA, nonce index 0x1234, cookie 0x0102030405060708, "
             "token %s" % keygen_token(HOA, HOME_NONCE, 0).hex())
    w.packet(i, eth6(pkt_cot(), False), "CoT (MH 4), CN -> CoA, nonce index 0x5678, cookie 0x1112131415161718, "
             "token %s" % keygen_token(COA, COA_NONCE, 1).hex())
    w.packet(i, eth6(pkt_bu()), "BU (MH 5), CoA -> HA, seq 42, flags A H (0xc000), lifetime 150 (600 s)")
    allf = 0xFFF0
    w.packet(i, eth6(pkt_bu(seq=43, flags=allf)), "BU, seq 43, every flag A H L K M R P F T B S D (0xfff0), lifetime 150")
    for name, fl in [("K", BA_K), ("R", BA_R), ("P", BA_P), ("T", BA_T), ("B", BA_B), ("S", BA_S), ("D", BA_D)]:
        w.packet(i, eth6(pkt_ba(flags=fl), False), "BA (MH 6), HA -> CoA, status 0, flag %s only (0x%02x), seq 42, "
                 "lifetime 150" % (name, fl))
    w.packet(i, eth6(pkt_ba(flags=0xFE), False), "BA, status 0, all flags K R P T B S D (0xfe), seq 42, lifetime 150")
    w.packet(i, eth6(pkt_ba(status=140, lifetime=0), False),
             "BA, status 140 (Mobile Router Operation not permitted), seq 42, lifetime 0")
    w.packet(i, eth6(pkt_be(1), False), "BE (MH 7), CN -> CoA, status 1, home address %s" % HOA)
    w.packet(i, eth6(pkt_be(2, src=HA), False), "BE, HA -> CoA, status 2, home address %s" % HOA)
    return w


def f_mh_options():
    w = Pcapng()
    i = w.iface(1, "eth0")
    w.packet(i, eth6(pkt_bu(seq=100, options=[b"\x00\x00", opt_altcoa("2001:db8:2::101")])),
             "BU seq 100 with Pad1, Pad1, Alternate CoA 2001:db8:2::101 (at offset 14 = 8n+6)")
    w.packet(i, eth6(pkt_bu(seq=101, options=[pad(12)])), "BU seq 101 with one PadN of 12 octets (10 data octets)")
    w.packet(i, eth6(pkt_ba(seq=101, options=[opt_bra(75)]), False),
             "BA seq 101 with Binding Refresh Advice, interval 75 (300 s)")
    w.packet(i, eth6(pkt_bu_kav()), "reference.md 5.4 known-answer BU: CoA %s -> CN %s with HAO %s; Nonce Indices "
             "hni 1 cni 2, Binding Authorization Data 03e315717e3c17bd6a88adae, MH checksum 0x9bbf"
             % (KAV_COA, KAV_CN, KAV_HOA))
    w.packet(i, eth6(pkt_bu(seq=7, flags=BU_A | BU_H | BU_R, src=MR_COA,
                            options=[opt_mnp("2001:db8:1000::", 48), opt_mnp("2001:db8:2000::", 64)])),
             "NEMO BU seq 7, flags A H R (0xc400), MR CoA -> HA, MNP 2001:db8:1000::/48 and 2001:db8:2000::/64")
    w.packet(i, eth6(pkt_ba(flags=BA_R, seq=7, dst=MR_COA), False), "NEMO BA seq 7, status 0, R flag (0x40)")
    w.packet(i, eth6(pkt_bu(seq=102, options=[opt_lla(2, MAC_MN)])),
             "BU seq 102 with MH Link-Layer Address option, code 2, 02:00:00:00:00:01 (at offset 12)")
    w.packet(i, eth6(pkt_bu(seq=103, options=[(250, b"\xde\xad\xbe", None)])),
             "BU seq 103 with unknown mobility option type 250, length 3 (de ad be)")
    w.packet(i, eth6(ipv6(COA, HA, [], 135, mh(99, bytes(range(0x90, 0x98))), csum="mh")),
             "unknown MH type 99: 8 body octets 90..97 then a 2-octet PadN (01 00), Header Len 1")
    return w


def f_ipv6_ext():
    w = Pcapng()
    i = w.iface(1, "eth0")
    w.packet(i, eth6(pkt_bu_hao()), "BU CoA -> HA; Destination Options: PadN(2) + Home Address option %s" % HOA)
    w.packet(i, eth6(pkt_bu_hao(seq=43, pad1=True)), "BU seq 43; Destination Options: 4 x Pad1 + Home Address option")
    w.packet(i, eth6(pkt_ba_rh2(), False), "BA HA -> CoA with type 2 routing header (segments left 1, %s)" % HOA)
    w.packet(i, eth6(pkt_bu(seq=44, exts=[hbh([opt_router_alert(0)]),
                                          dstopts([(0x1E, b"\x4d\x53", (2, 0))])])),
             "Hop-by-Hop (Router Alert 0) + Destination Options (RFC 4727 experimental option 0x1e) + BU seq 44")
    full = fill_checksum6("mh", mh(5, body_bu(45, BU_A | BU_H, 150), [opt_altcoa("2001:db8:2::101")]),
                          a6(COA), a6(HA))
    w.packet(i, eth6(ipv6(COA, HA, [frag(0, True, 0x4D495053)], 135, full[:16])),
             "Fragment header (offset 0, M=1, id 0x4d495053) carrying the first 16 of 32 octets of a BU seq 45 "
             "(its checksum covers the whole 32-octet MH)")
    w.packet(i, eth6(pkt_bu(seq=46, exts=[ah(0x1000, 1, bytes([0xAA]) * 12)])),
             "AH (SPI 0x1000, seq 1, dummy 12-octet ICV) + BU seq 46")
    esp = struct.pack("!II", 0x200, 1) + hashlib.sha256(b"mipscope-esp").digest()
    w.packet(i, eth6(ipv6(COA, HA, [], 50, esp)), "ESP (SPI 0x200, seq 1, 32 opaque octets)")
    w.packet(i, eth6(ipv6(HOA, CN, [], 59, b"")), "IPv6 with Next Header 59 (No Next Header), empty payload")
    w.packet(i, eth6(pkt_bu(seq=47, dst=AR, exts=[rh0(["2001:db8:4::4", CN], 2)])),
             "routing header type 0 (2 addresses, segments left 2) + BU seq 47 (checksum destination = %s)" % CN)
    w.packet(i, eth6(ipv6(COA, AR, [rh3([CN], 1)], 59, b"")),
             "routing header type 3 (RPL, CmprI=CmprE=0, 1 address) + No Next Header")
    w.packet(i, eth6(pkt_bu(seq=48, exts=[srh([HA], 0)])),
             "routing header type 4 (SRH, one segment %s, segments left 0) + BU seq 48" % HA)
    return w


def f_icmpv6():
    w = Pcapng()
    i = w.iface(1, "eth0")
    w.packet(i, eth6(pkt_haad_req()), "ICMPv6 144 HAAD Request, id 0x4d49, to %s" % HA_ANYCAST)
    w.packet(i, eth6(pkt_haad_rep(), False), "ICMPv6 145 HAAD Reply, id 0x4d49, HAs %s and 2001:db8:1::2" % HA)
    w.packet(i, eth6(pkt_mps()), "ICMPv6 146 Mobile Prefix Solicitation, id 0x5053, with HAO")
    w.packet(i, eth6(pkt_mpa(), False), "ICMPv6 147 Mobile Prefix Advertisement, id 0x5053, M+O flags, RH2, "
             "Prefix Information 2001:db8:1::1/64 (A and R flags)")
    pp, ptr = pkt_param_problem()
    w.packet(i, eth6(pp, False), "ICMPv6 Parameter Problem code 2, pointer %d (HAO type octet) of the invoking "
             "BU-with-HAO (complete)" % ptr)
    du, inv_len, cut = pkt_dest_unreach()
    w.packet(i, eth6(du, False), "ICMPv6 Destination Unreachable code 3 with the invoking BU-with-HAO truncated to "
             "%d of %d octets (IPv6 + DstOpts + first 8 MH octets)" % (cut, inv_len))
    return w


def f_tunnels():
    w = Pcapng()
    i = w.iface(1, "eth0")
    inner = pkt_ba(src=HA, dst=HOA)
    w.packet(i, eth6(ipv6(HA, COA, [], 41, inner), False), "6in6: outer HA -> CoA, inner BA HA -> HoA")
    w.packet(i, eth6(ipv6(COA, HA, [], 41, pkt_hoti())), "6in6: outer CoA -> HA, inner HoTI HoA -> CN (reverse tunnel)")
    u = udp4(V4_MN_COA6, V4_CN, 49152, 9, b"mipscope 4in6")
    w.packet(i, eth6(ipv6(COA, HA, [], 4, ipv4(V4_MN_COA6, V4_CN, 17, u, ident=0x46))),
             "4in6: outer CoA -> HA, inner IPv4 %s -> %s UDP 49152 -> 9" % (V4_MN_COA6, V4_CN))
    w.packet(i, eth(MAC_AR, MAC_MN, 0x0800, ipv4(V4_MN_COA6, V4_HA, 41, pkt_bu(src=HOA, dst=HA, seq=60), ident=0x64)),
             "6in4 (IPv4 proto 41): outer %s -> %s, inner BU HoA -> HA seq 60" % (V4_MN_COA6, V4_HA))
    u = udp4(V4_CN, V4_MN_HOA, 40000, 9, b"mipscope 4in4")
    w.packet(i, eth(MAC_MN, MAC_AR, 0x0800, ipv4(V4_HA, V4_COA, 4, ipv4(V4_CN, V4_MN_HOA, 17, u, ident=0x44),
                                               ident=0x45)),
             "4in4 (IPv4 proto 4): outer HA %s -> CoA %s, inner %s -> %s UDP 40000 -> 9" %
             (V4_HA, V4_COA, V4_CN, V4_MN_HOA))
    pkt = pkt_brr()
    for level in range(1, 11):
        pkt = ipv6("2001:db8:ffff::%x" % level, "2001:db8:ffff::%x" % (level + 0x100), [], 41, pkt)
    w.packet(i, eth6(pkt, False), "6in6 nested 10 deep: 10 encapsulating IPv6 headers (11 IPv6 headers in all) "
             "around a BRR CN -> HoA")
    return w


def f_linktypes():
    w = Pcapng()
    bu = lambda seq: pkt_bu_hao(seq=seq)
    v4 = ipv4_rrq_packet()
    e0 = w.iface(1, "eth0")
    e1 = w.iface(1, "eth0.100 (802.1Q)")
    e2 = w.iface(1, "eth0 QinQ (802.1ad)", tsresol=6)
    s1 = w.iface(113, "any (SLL)")
    s2 = w.iface(276, "any (SLL2)")
    r = w.iface(101, "raw (LINKTYPE_RAW)")
    r4 = w.iface(228, "raw4 (LINKTYPE_IPV4)")
    r6 = w.iface(229, "raw6 (LINKTYPE_IPV6, ns)", tsresol=9)
    lo = w.iface(0, "lo0 (LINKTYPE_NULL)")
    w.packet(e0, eth6(bu(200)), "Ethernet: BU+HAO seq 200")
    w.packet(e1, eth(MAC_AR, MAC_MN, 0x86DD, bu(201), vlans=[(0x8100, (3 << 13) | 100)]),
             "Ethernet + 802.1Q VLAN 100 (PCP 3): BU+HAO seq 201")
    w.packet(e2, eth(MAC_AR, MAC_MN, 0x86DD, bu(202), vlans=[(0x88A8, 200), (0x8100, 100)]),
             "Ethernet QinQ: S-tag 0x88a8 VLAN 200, C-tag 0x8100 VLAN 100: BU+HAO seq 202")
    w.packet(s1, sll(0x86DD, bu(203)), "Linux SLL (113), outgoing, BU+HAO seq 203")
    w.packet(s2, sll2(0x86DD, bu(204)), "Linux SLL2 (276), ifindex 2, outgoing, BU+HAO seq 204")
    w.custom_block(32473, b"mipscope: skip me")
    w.packet(r, bu(205), "LINKTYPE_RAW (101) IPv6: BU+HAO seq 205")
    w.packet(r, v4, "LINKTYPE_RAW (101) IPv4: MIPv4 Registration Request (UDP 434), IPv4 Router Alert option")
    w.packet(r4, v4, "LINKTYPE_IPV4 (228): MIPv4 Registration Request (UDP 434), IPv4 Router Alert option")
    w.packet(r6, bu(206), "LINKTYPE_IPV6 (229), if_tsresol=9: BU+HAO seq 206, timestamp +123 ns", ts_extra_ns=123)
    w.packet(lo, null_hdr(24, bu(207)), "LINKTYPE_NULL AF 24 (NetBSD/OpenBSD IPv6): BU+HAO seq 207")
    w.packet(lo, null_hdr(30, bu(208)), "LINKTYPE_NULL AF 30 (macOS IPv6): BU+HAO seq 208")
    w.packet(lo, null_hdr(2, v4), "LINKTYPE_NULL AF 2 (IPv4): MIPv4 Registration Request, Router Alert option")
    return w


def pcap_frames():
    return [eth6(pkt_bu_hao()), eth6(pkt_ba_rh2(), False)]


def f_bad_checksum():
    w = Pcapng()
    i = w.iface(1, "eth0")
    good = pkt_bu_hao(seq=42)
    off = 40 + 24 + 4
    c = struct.unpack("!H", good[off:off + 2])[0]
    bad = good[:off] + struct.pack("!H", (c + 1) & 0xFFFF) + good[off + 2:]
    w.packet(i, eth6(good), "BU+HAO seq 42, correct MH checksum 0x%04x (pseudo-header source = HoA)" % c)
    w.packet(i, eth6(bad), "the same BU with MH checksum 0x%04x (off by one)" % ((c + 1) & 0xFFFF))
    return w


def f_malformed():
    w = Pcapng()
    i = w.iface(1, "eth0")
    i2 = w.iface(1, "eth0-snap72", snaplen=72)
    m = struct.pack("!BBBBHH", 59, 0, 5, 0, 0, 42)
    w.packet(i, eth6(ipv6(COA, HA, [], 135, m, csum="mh")),
             "BU with Header Len 0 (8 octets): only Sequence # fits, flags/lifetime missing; IPv6 payload 8")
    m = mh(5, body_bu(42, BU_A | BU_H, 150), hlen=3)
    w.packet(i, eth6(ipv6(COA, HA, [], 135, m, csum="mh")),
             "BU with Header Len 3 (claims 32 octets) but 16 octets present; IPv6 payload length 16")
    m = mh(5, body_bu(42, BU_A | BU_H, 150), [b"\x03\x10\x20\x01"])
    w.packet(i, eth6(ipv6(COA, HA, [], 135, m, csum="mh")),
             "BU whose Alternate CoA option (length 16) starts at offset 12 and runs past the 16-octet header")
    m = mh(5, body_bu(42, BU_A | BU_H, 150), [(4, b"\x00\x01\x00", (2, 0))])
    w.packet(i, eth6(ipv6(COA, HA, [], 135, m, csum="mh")), "BU with Nonce Indices of length 3 (must be 4)")
    m = mh(5, body_bu(42, BU_A, 150), [opt_ni(1, 2), b"\x00\x00", (5, bytes(range(12)), None)])
    w.packet(i, eth6(ipv6(COA, CN, [dstopts([opt_hao(HOA)])], 135, m, csum="mh")),
             "BU to CN with Binding Authorization Data at offset 20 (8n+4, must be 8n+2)")
    w.packet(i, eth6(pkt_bu(reserved=0xA5)), "BU with MH Reserved octet 0xa5")
    w.packet(i, eth6(pkt_be(1, reserved=0x5A), False), "BE status 1 with BE Reserved octet 0x5a")
    w.packet(i, eth6(pkt_bu(proto=6)), "BU with Payload Proto 6 (TCP) instead of 59")
    nemo = eth6(pkt_bu(seq=7, flags=BU_A | BU_H | BU_R, src=MR_COA,
                       options=[opt_mnp("2001:db8:1000::", 48), opt_mnp("2001:db8:2000::", 64)]))
    w.packet(i2, nemo, "NEMO BU (MH 56 octets) snap-length truncated: caplen 72 < origlen %d, cut 6 octets into "
             "the first MNP option" % len(nemo), caplen=72)
    return w


# ================================================================= damage + README
def first_blocks(w, btype):
    return [(off, ln) for t, off, ln in w.blocks if t == btype]


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {}  # name -> (frames list, notes)

    builders = [
        ("mh-messages.pcapng", f_mh_messages, "Ethernet; every MH type 0-7, plain IPv6 header directly followed by "
         "the MH (HAO/RH2 variants are in ipv6-ext.pcapng). HoT/CoT tokens are real RFC 6275 5.2.5 keygen tokens "
         "(Kcn 0102..14, home nonce 0001..07, care-of nonce 0809..0f, HoA %s, CoA %s)." % (HOA, COA)),
        ("mh-options.pcapng", f_mh_options, "Ethernet; mobility options 0-7, one unknown option, one unknown MH type."),
        ("ipv6-ext.pcapng", f_ipv6_ext, "Ethernet; IPv6 extension headers in front of (or instead of) an MH."),
        ("icmpv6-mobile.pcapng", f_icmpv6, "Ethernet; ICMPv6 144-147 and ICMPv6 errors quoting MH packets."),
        ("tunnels.pcapng", f_tunnels, "Ethernet; IP-in-IP tunnels."),
        ("linktypes.pcapng", f_linktypes, "9 interfaces (IDBs) of different link types; a pcapng Custom Block "
         "(type 0x00000BAD, PEN 32473 = RFC 5612 documentation PEN, 17 data octets) sits between packets 5 and 6; "
         "interface 7 (LINKTYPE_IPV6) has if_tsresol=9, interface 2 has an explicit if_tsresol=6, the others use "
         "the default (microseconds). LINKTYPE_NULL AF values are little-endian like the section."),
        ("mh-bad-checksum.pcapng", f_bad_checksum, "Ethernet; identical BU twice, the second with checksum + 1."),
        ("mh-malformed.pcapng", f_malformed, "Ethernet; deliberately malformed MHs. Checksums are still correct "
         "over the MH octets present in the IPv6 payload (pseudo-header length = that count). Frame 9 is on "
         "interface 1 (snaplen 72)."),
    ]
    written = {}
    for name, fn, note in builders:
        w = fn()
        written[name] = (w, w.save(name))
        files[name] = (w.frames, note)

    # classic pcap variants of a 2-frame BU/BA exchange
    pf = pcap_frames()
    pdesc = [(1, "BU+HAO CoA -> HA, seq 42, A H, lifetime 150"),
             (2, "BA HA -> CoA with type 2 routing header, status 0, seq 42, lifetime 150")]
    for name, be, ns, what in [("bu-ba-le-usec.pcap", False, False, "little-endian, microsecond magic a1b2c3d4"),
                               ("bu-ba-be-usec.pcap", True, False, "big-endian, microsecond magic a1b2c3d4"),
                               ("bu-ba-le-nsec.pcap", False, True, "little-endian, nanosecond magic a1b23c4d"),
                               ("bu-ba-be-nsec.pcap", True, True, "big-endian, nanosecond magic a1b23c4d")]:
        data = pcap_file(pf, be, ns)
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        files[name] = (pdesc, "classic pcap, %s, LINKTYPE_ETHERNET, snaplen 65535" % what)
        written[name] = (None, data)

    # damaged files
    damage = []
    w, data = written["mh-messages.pcapng"]
    epbs = first_blocks(w, 6)
    off5, len5 = epbs[4]
    cut = off5 + len5 // 2
    with open(os.path.join(OUT, "truncated.pcapng"), "wb") as f:
        f.write(data[:cut])
    damage.append(("truncated.pcapng", "mh-messages.pcapng cut in the middle of its 5th Enhanced Packet Block "
                   "(block starts at %d, length %d); file length %d" % (off5, len5, cut), cut, 4))
    off4, _ = epbs[3]
    bad = bytearray(data)
    bad[off4 + 4:off4 + 8] = struct.pack("<I", 0xFFFFFFF0)
    with open(os.path.join(OUT, "corrupt-blocklen.pcapng"), "wb") as f:
        f.write(bad)
    damage.append(("corrupt-blocklen.pcapng", "copy of mh-messages.pcapng whose 4th EPB (starting at %d) has its "
                   "leading Block Total Length (offset %d) replaced by 0xFFFFFFF0; the trailing copy is unchanged"
                   % (off4, off4 + 4), off4 + 4, 3))
    pdata = written["bu-ba-le-usec.pcap"][1]
    r2 = 24 + 16 + len(pf[0])
    pcut = r2 + (16 + len(pf[1])) // 2
    with open(os.path.join(OUT, "truncated.pcap"), "wb") as f:
        f.write(pdata[:pcut])
    damage.append(("truncated.pcap", "bu-ba-le-usec.pcap cut in the middle of the second record (record header at "
                   "%d, record length %d); file length %d" % (r2, 16 + len(pf[1]), pcut), pcut, 1))

    write_readme(files, damage)
    for name in files:
        print("%-26s %3d frames" % (name, len(files[name][0])))
    for name, what, off, n in damage:
        print("%-26s damage at byte %d, %d complete packets before it" % (name, off, n))


TSHARK_NOTES = """## What tshark 4.0.17 makes of these files (checked with `tshark -r FILE -V`)

* Only `mh-malformed.pcapng` raises expert warnings/errors: frames 1, 2 and 4 end in "Malformed Packet",
  frame 3 warns "option goes past end of options", frame 4 also warns "Nonce Indices ... should be 4",
  frame 9 shows "Packet size limited during capture". tshark says nothing about frames 5-8 (misaligned
  BAD, non-zero MH/BE reserved, Payload Proto 6) - mipscope should.
* tshark never verifies MH checksums, so the two frames of `mh-bad-checksum.pcapng` look identical to it.
  It does verify ICMPv6 checksums (all "Good", including the HAO/RH2 ones) and, with
  `-o ip.check_checksum:TRUE -o udp.check_checksum:TRUE`, IPv4/UDP checksums (all "Good").
* `linktypes.pcapng`: tshark lists the Custom Block as a frame of its own ("PCAPNG ... Custom Block"),
  so tshark frame numbers 7-13 correspond to packets 6-12 of the table above.
* The Source/Destination columns show the Home Address option's address as source and the type 2 /
  type 0 routing header's final address as destination (e.g. ipv6-ext frame 1 shows 2001:db8:1::100 ->
  2001:db8:1::1 although the IPv6 source is the care-of address).
* BU flags S (0x0020) / D (0x0010) and BA flags S (0x04) / D (0x02) are not displayed.
* The unknown option 250 (Length 3) is shown with "Length: 2"; the walk nevertheless resumes correctly at
  the following PadN. The unknown MH type 99 is shown as raw "Message Data" including its trailing PadN.
* The 10-deep 6in6 frame is decoded all the way down (11 IPv6 headers, then the BRR); tshark has no depth
  limit there. The truncated invoking packet inside the Destination Unreachable is decoded without error.
* The fragment (ipv6-ext frame 5) is shown as "IPv6 fragment" only (no reassembly possible).
""".splitlines()


def readme_section(begin, end, lines):
    # Replaces the lines between a fixture script's markers in crafted/README.md (the markers
    # are the first and last of `lines`), or appends them the first time.
    path = os.path.join(OUT, "README.md")
    text = open(path).read() if os.path.exists(path) else ""
    if begin in text and end in text:
        a = text.index(begin)
        b = text.index(end) + len(end)
        text = text[:a] + "\n".join(lines) + text[b:]
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    with open(path, "w") as f:
        f.write(text)


def readme_frames(begin, end, name, script, w, intro):
    """A fixture script's README section: its heading, `intro`, and a table of the frames `w`
    (a Pcapng) holds with their descriptions."""
    lines = [begin, "", "## `%s` (%d frames, by `captures/%s`)" % (name, len(w.frames), script), "", intro,
             "", "| frame | content |", "|---|---|"]
    lines += ["| %d | %s |" % (n, d.replace("|", "/")) for n, d in w.frames]
    readme_section(begin, end, lines + ["", end])


def write_readme(files, damage):
    L = ["# Crafted captures", "",
         "Every file here was built byte by byte from the RFC layouts (RFC 6275, RFC 3963, RFC 4443, RFC 8200,",
         "RFC 5568, RFC 6554, RFC 8754, RFC 4302, RFC 5944, RFC 791/768) by `captures/make_fixtures.py`",
         "(Python 3 standard library only, no scapy). The script is deterministic: re-running it reproduces these",
         "files bit for bit. `python3 captures/make_fixtures.py --verify` re-reads every file with an independent",
         "parser and re-checks each IPv4 header, UDP, ICMPv6 and Mobility Header checksum (HAO/RH2 aware).", "",
         "Common facts:", "",
         "* Frame N of each file is timestamped 2026-01-01T00:00:00Z + (N-1) s (one exception: linktypes.pcapng",
         "  packet 9 = tshark frame 10 has +123 ns to exercise if_tsresol=9).",
         "* Addresses: HA %s, MN home address %s, MN care-of address %s, CN %s, access router %s," % (HA, HOA, COA, CN, AR),
         "  mobile router HoA %s / CoA %s; IPv4 192.0.2.0/24 and 198.51.100.0/24; MACs 02:00:00:00:00:01 (MN)," % (MR_HOA, MR_COA),
         "  02:00:00:00:00:02 (router).",
         "* Every Mobility Header has a correct checksum (RFC 6275 6.1.1: pseudo-header source = Home Address option",
         "  address when present, destination = type 2 routing header address when present; with type 0/4 routing",
         "  headers the final destination) except frame 2 of mh-bad-checksum.pcapng. tshark never verifies MH",
         "  checksums; use `--verify`.",
         "* MH lengths are multiples of 8 with Header Len = len/8 - 1 and options aligned per RFC 6275 6.2 /",
         "  RFC 3963 (BRA 2n, AltCoA 8n+6, Nonce Indices 2n, BAD 8n+2, MNP 8n+4) except in mh-malformed.pcapng.",
         "  The MH Link-Layer Address option (RFC 5568) is placed at offset 12; no alignment rule for it was",
         "  verified against the RFC text.", ""]
    for name, (frames, note) in files.items():
        L.append("## `%s` (%d frames)" % (name, len(frames)))
        L.append("")
        L.append(note)
        L.append("")
        L.append("| # | content |")
        L.append("|---|---|")
        for n, d in frames:
            L.append("| %d | %s |" % (n, d))
        L.append("")
    L.append("## Damaged files")
    L.append("")
    L.append("| file | damage | damage starts at byte | complete packets before it |")
    L.append("|---|---|---|---|")
    for name, what, off, n in damage:
        L.append("| `%s` | %s | %d | %d |" % (name, what, off, n))
    L.append("")
    L += TSHARK_NOTES
    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write("\n".join(L))


# ================================================================= --verify
def read_pcapng(data):
    """Return ([(linktype, captured bytes, origlen)], error or None); stops at structural damage."""
    pos, ifaces, out = 0, [], []
    while pos < len(data):
        if pos + 12 > len(data):
            return out, "truncated block header at %d" % pos
        btype, blen = struct.unpack_from("<II", data, pos)
        if blen < 12 or blen % 4 or pos + blen > len(data):
            return out, "bad block length %#x at %d" % (blen, pos)
        if struct.unpack_from("<I", data, pos + blen - 4)[0] != blen:
            return out, "trailing length mismatch at %d" % pos
        body = data[pos + 8:pos + blen - 4]
        if btype == 1:
            ifaces.append(struct.unpack_from("<H", body, 0)[0])
        elif btype == 6:
            iid, _, _, cap, orig = struct.unpack_from("<IIIII", body, 0)
            out.append((ifaces[iid], body[20:20 + cap], orig))
        pos += blen
    return out, None


def read_pcap(data):
    magic = data[:4]
    e = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    lt = struct.unpack_from(e + "I", data, 20)[0]
    pos, out = 24, []
    while pos < len(data):
        if pos + 16 > len(data):
            return out, "truncated record header at %d" % pos
        _, _, incl, orig = struct.unpack_from(e + "IIII", data, pos)
        if pos + 16 + incl > len(data):
            return out, "truncated record at %d" % pos
        out.append((lt, data[pos + 16:pos + 16 + incl], orig))
        pos += 16 + incl
    return out, None


MH_FIXED = {0: 2, 1: 10, 2: 10, 3: 18, 4: 18, 5: 6, 6: 6, 7: 18}
OPT_ALIGN = {2: (2, 0), 3: (8, 6), 4: (2, 0), 5: (8, 2), 6: (8, 4)}
OPT_LEN = {2: 2, 3: 16, 4: 4, 6: 18}
# RFC 7411 5.3/5.4: the multicast options (60, 61) count Length in 32-bit words after their
# Option-Code and Reserved/Status octets, so they span 2 + 2 + 4 * Length octets.
OPT_SPAN_WORDS = {60, 61}


def mh_layout_ok(m):
    """RFC 6275 6.1.1/6.2: 8n length, Header Len, Payload Proto 59, reserved 0, aligned options."""
    if len(m) < 8 or len(m) % 8 or (m[1] + 1) * 8 != len(m) or m[0] != 59 or m[3] != 0:
        return False
    if m[2] not in MH_FIXED:
        return True                      # unknown type: body is opaque
    q = 6 + MH_FIXED[m[2]]
    if m[2] == 7 and m[7] != 0:
        return False
    while q < len(m):
        t = m[q]
        if t == 0:
            q += 1
            continue
        if q + 2 > len(m):
            return False
        span = 2 + 4 * m[q + 1] if t in OPT_SPAN_WORDS else m[q + 1]
        if q + 2 + span > len(m):
            return False
        if t in OPT_ALIGN and q % OPT_ALIGN[t][0] != OPT_ALIGN[t][1]:
            return False
        if t in OPT_LEN and m[q + 1] != OPT_LEN[t]:
            return False
        q += 2 + span
    return q == len(m)


def final_destination4(opts):
    # RFC 791 3.1 / RFC 1122 3.2.1.8: the first Loose or Strict Source Route option (131, 137)
    # whose pointer (>= 4, a multiple of 4) has not passed its Length names the final
    # destination in its last four octets, when the route is whole addresses.
    i = 0
    while i < len(opts):
        t = opts[i]
        if t == 0:
            return None
        if t == 1:
            i += 1
            continue
        if i + 1 >= len(opts) or opts[i + 1] < 2:
            return None
        n = opts[i + 1]
        if t in (131, 137):
            if n < 7 or (n - 3) % 4 or i + n > len(opts):
                return None
            ptr = opts[i + 2]
            if ptr < 4 or ptr % 4 or ptr > n:
                return None
            return opts[i + n - 4:i + n]
        i += n
    return None


class Checker:
    def __init__(self):
        self.results = []   # (what, ok)

    def note(self, what, ok):
        self.results.append((what, ok))

    def link(self, lt, d):
        if lt == 1:
            et, p = struct.unpack_from("!H", d, 12)[0], 14
            while et in (0x8100, 0x88A8):
                et, p = struct.unpack_from("!H", d, p + 2)[0], p + 4
            return self.l3(et, d[p:])
        if lt == 113:
            return self.l3(struct.unpack_from("!H", d, 14)[0], d[16:])
        if lt == 276:
            return self.l3(struct.unpack_from("!H", d, 0)[0], d[20:])
        if lt in (101, 228, 229):
            return self.l3({4: 0x0800, 6: 0x86DD}.get(d[0] >> 4), d)
        if lt == 0:
            af = struct.unpack_from("<I", d, 0)[0]
            return self.l3(0x0800 if af == 2 else 0x86DD, d[4:])
        raise ValueError("linktype %d" % lt)

    def l3(self, et, d, in_error=False):
        if et == 0x86DD:
            return self.v6(d, in_error)
        if et == 0x0800:
            return self.v4(d, in_error)

    def v4(self, d, in_error=False):
        # Not IPv4 by its own Version (ip-versions.pcapng): version 6 is IPv6, anything else
        # and a Header Length below 5 words is no header to check.
        if d[0] >> 4 == 6:
            return self.v6(d, in_error)
        ihl = (d[0] & 15) * 4
        if d[0] >> 4 != 4 or ihl < 20:
            self.note("ip-version(skipped)", True)
            return
        if len(d) < ihl:
            self.note("ipv4-truncated(skipped)", True)
            return
        self.note("ipv4-hdr", inet_checksum(d[:ihl]) == 0)
        tot, proto = struct.unpack_from("!H", d, 2)[0], d[9]
        # Total Length 0: TCP segmentation offload's, the datagram is the rest; one below the
        # header's length frames nothing; an empty payload has nothing to check.
        tot = tot or len(d)
        if tot <= ihl:
            self.note("ip-length(skipped)", True)
            return
        pl = d[ihl:tot]
        if len(d) < tot:
            return
        if struct.unpack_from("!H", d, 6)[0] & 0x3FFF:
            # MF or an offset: make_fixtures_reasm.py checks the reassembled datagram.
            self.note("fragment(skipped)", True)
            return
        if proto == 17:
            dst = final_destination4(d[20:ihl]) or d[16:20]
            self.note("udp4", inet_checksum(pseudo4(d[12:16], dst, len(pl), 17) + pl) == 0)
        elif proto == 4:
            self.v4(pl)
        elif proto == 41:
            self.v6(pl)

    def v6(self, d, in_error=False):
        if d[0] >> 4 != 6 or len(d) < 40:
            self.note("ip-version(skipped)", True)
            return
        plen, nh = struct.unpack_from("!HB", d, 4)
        src, dst = d[8:24], d[24:40]
        if len(d) < 40 + plen:
            if not in_error:
                self.note("ipv6-truncated(skipped)", True)
            return
        p, end = 40, 40 + plen
        while True:
            # An extension header cut short (ip-payloads.pcapng) frames nothing to check.
            hlen = lambda: 8 if nh == 44 else (d[p + 1] + 2) * 4 if nh == 51 else (d[p + 1] + 1) * 8  # noqa: E731
            if nh in (0, 43, 44, 51, 60) and (p + 8 > end or p + hlen() > end):
                self.note("ipv6-ext-cut(skipped)", True)
                return
            if nh in (0, 60):
                hl = (d[p + 1] + 1) * 8
                q = p + 2
                while q < p + hl:
                    if d[q] == 0:
                        q += 1
                        continue
                    if d[q] == 201:
                        src = d[q + 2:q + 18]
                    q += 2 + d[q + 1]
                nh, p = d[p], p + hl
            elif nh == 43:
                hl, rt, sl = (d[p + 1] + 1) * 8, d[p + 2], d[p + 3]
                if rt == 2:
                    dst = d[p + 8:p + 24]
                elif rt == 0 and sl:
                    dst = d[p + hl - 16:p + hl]
                elif rt == 4:
                    dst = d[p + 8:p + 24]
                elif rt == 3 and sl:
                    # RFC 6554 3: n addresses, the last 16 - CmprE octets after n - 1 of
                    # 16 - CmprI, its first CmprE octets the Destination Address's.
                    ci, ce, pad = d[p + 4] >> 4, d[p + 4] & 15, d[p + 5] >> 4
                    n = (hl - 8 - pad - (16 - ce)) // (16 - ci) + 1
                    at = p + 8 + (n - 1) * (16 - ci)
                    dst = dst[:ce] + d[at:at + 16 - ce]
                nh, p = d[p], p + hl
            elif nh == 44:
                self.note("fragment(skipped)", True)
                return
            elif nh == 51:
                nh, p = d[p], p + (d[p + 1] + 2) * 4
            else:
                break
        pl = d[p:end]
        if nh in (17, 58, 135) and len(pl) < 8 - 4 * (nh == 58):
            # An upper layer cut short by the IPv6 payload (ip-payloads.pcapng): nothing to check.
            self.note("upper-cut(skipped)", True)
            return
        if nh == 135:
            self.note("mh", inet_checksum(pseudo6(src, dst, len(pl), 135) + pl) == 0)
            self.note("mh-layout", mh_layout_ok(pl))
        elif nh == 58:
            self.note("icmp6", inet_checksum(pseudo6(src, dst, len(pl), 58) + pl) == 0)
            if pl[0] < 128:
                self.v6(pl[8:], in_error=True)
        elif nh == 17:
            self.note("udp6", inet_checksum(pseudo6(src, dst, len(pl), 17) + pl) == 0)
        elif nh == 41:
            self.v6(pl)
        elif nh == 4:
            self.v4(pl)


def verify():
    ok = True
    # known-answer vector
    pkt = pkt_bu_kav()
    print("KAV: MH %s checksum 0x%04x" % (pkt[64:].hex(), struct.unpack_from("!H", pkt, 68)[0]))
    # Checksums wrong on purpose (each file's README section says so).
    expected_bad = {("mh-bad-checksum.pcapng", 2), ("icmpv6-nd.pcapng", 17), ("ipv4-options.pcapng", 17)}
    # UDP Lengths that cannot be and IPv6's forbidden zero checksum (ip-payloads.pcapng).
    expected_bad |= {("ip-payloads.pcapng", n) for n in (10, 11, 12)}
    # make_fixtures_echo.py: an echo pair with checksums at one's complement's zeros, given as is.
    expected_bad |= {("icmp-echo.pcapng", n) for n in (30, 31)}
    # make_fixtures_fmip6.py: a Handover Acknowledge with a wrong checksum.
    expected_bad |= {("icmpv6-fmip6.pcapng", 16)}
    for name in sorted(os.listdir(OUT)):
        path = os.path.join(OUT, name)
        if not (name.endswith(".pcap") or name.endswith(".pcapng")):
            continue
        data = open(path, "rb").read()
        pkts, err = read_pcapng(data) if name.endswith(".pcapng") else read_pcap(data)
        damaged = {"truncated.pcapng": 4, "corrupt-blocklen.pcapng": 3, "truncated.pcap": 1}
        if err or name in damaged:
            good = name in damaged and err and len(pkts) == damaged[name]
            print("%-26s %s: %d packets readable, then: %s" % (name, "OK" if good else "UNEXPECTED", len(pkts), err))
            ok = ok and bool(good)
            continue
        counts = {}
        for n, (lt, d, orig) in enumerate(pkts, 1):
            c = Checker()
            if len(d) < orig:
                counts["snap-truncated(skipped)"] = counts.get("snap-truncated(skipped)", 0) + 1
                continue
            c.link(lt, d)
            for what, good in c.results:
                key = what + ("" if good else "-BAD")
                counts[key] = counts.get(key, 0) + 1
                if not good and what == "mh-layout" and name == "mh-malformed.pcapng":
                    continue
                if not good and (name, n) not in expected_bad:
                    print("  UNEXPECTED bad %s in %s frame %d" % (what, name, n))
                    ok = False
                if good and (name, n) in expected_bad and what == "mh":
                    print("  expected bad MH checksum in %s frame %d but it verified" % (name, n))
                    ok = False
        print("%-26s %2d frames  %s" % (name, len(pkts), ", ".join("%s=%d" % kv for kv in sorted(counts.items()))))
    import make_fixtures_reasm
    ok = make_fixtures_reasm.verify() and ok
    print("VERIFY", "OK" if ok else "FAILED")
    return ok


def check(paths):
    """Re-reads files mipscope wrote (craft, edit): every checksum and MH layout this
    independent reader knows must hold. Prints one line per frame; False if any fails."""
    ok = True
    for path in paths:
        data = open(path, "rb").read()
        pkts, err = read_pcapng(data) if data[:4] == b"\x0a\x0d\x0d\x0a" else read_pcap(data)
        if err:
            print("%s: %s" % (path, err))
            ok = False
        for n, (lt, d, orig) in enumerate(pkts, 1):
            c = Checker()
            c.link(lt, d)
            bad = [what for what, good in c.results if not good]
            print("%s frame %d: %s%s" % (path, n, ", ".join(w for w, _ in c.results) or "nothing checked",
                                         "; BAD " + ", ".join(bad) if bad else ""))
            ok = ok and not bad
    return ok


if __name__ == "__main__":
    if sys.argv[1:2] == ["--check"]:
        sys.exit(0 if check(sys.argv[2:]) else 1)
    if "--verify" in sys.argv[1:]:
        sys.exit(0 if verify() else 1)
    main()
