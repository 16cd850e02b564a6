#!/usr/bin/env python3
"""Fixture capture for IP reassembly (RFC 8200 4.5 IPv6 Fragment header, RFC 791 IPv4
fragmentation) carrying Mobile IPv6 and Mobile IPv4 signalling.

Writes captures/crafted/reassembly.pcapng and its section of captures/crafted/README.md.
Each datagram is built whole (checksums over the whole upper layer, as a sender computes them
before fragmenting), then cut into fragments here; `verify()` reassembles every datagram with
its own first-come-first-kept table (RFC 8200 4.5 rules: offsets in 8-octet units, M flag, the
unfragmentable part from the first fragment) and checks that the result equals the datagram
built. Deterministic: re-running reproduces the file bit for bit.
"""

import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from make_fixtures import (  # noqa: E402
    BU_A, BU_H, COA, HA, HOA, MAC_AR, MAC_MN, OUT, V4_COA, V4_HA, Pcapng, a6, body_ba, body_bu, dstopts,
    eth, inet_checksum, ipv4, ipv6, mh, mipv4_rrq, opt_altcoa, opt_hao, rh2, udp4,
)

NAME = "reassembly.pcapng"


def padn(n):
    """A Mobility Header PadN option (RFC 6275 6.2.2) of n octets in all: Type 1, Length n-2."""
    return bytes([1, n - 2]) + bytes(n - 2)


def bu_whole():
    """BU CoA -> HA with the Home Address option (in the fragmentable part, RFC 8200 4.5) and
    enough options (Alternate CoA, PadN) to need two fragments at a 128-octet MTU share."""
    return ipv6(COA, HA, [dstopts([opt_hao(HOA)])], 135,
                mh(5, body_bu(77, BU_A | BU_H, 150), [opt_altcoa(COA), padn(120)]), csum="mh")


def ba_whole():
    """BA HA -> CoA through a type 2 routing header (unfragmentable part, RFC 8200 4.5)."""
    return ipv6(HA, COA, [rh2(HOA)], 135, mh(6, body_ba(0, 0, 77, 150), [padn(120)]), csum="mh")


def frag6(pkt, unfrag_len, ident, cuts, override=None):
    """Cuts an IPv6 packet after its unfragmentable part (`unfrag_len` octets from the IPv6
    header's start, the last of whose Next Header fields becomes 44) into fragments at the
    octet offsets `cuts` (each a multiple of 8). override: {index: replacement payload}."""
    head, frag = bytearray(pkt[:unfrag_len]), pkt[unfrag_len:]
    # The Next Header field to replace: the IPv6 header's own, or the last extension's.
    if unfrag_len == 40:
        nh_at = 6
    else:
        nh_at = 40                        # one extension header in these fixtures
    nxt = head[nh_at]
    head[nh_at] = 44
    bounds = [0] + list(cuts) + [len(frag)]
    out = []
    for i in range(len(bounds) - 1):
        a, b = bounds[i], bounds[i + 1]
        data = frag[a:b] if not override or i not in override else override[i]
        more = 1 if b < len(frag) else 0
        fh = struct.pack("!BBHI", nxt, 0, (a // 8) << 3 | more, ident)
        h = bytearray(head)
        struct.pack_into("!H", h, 4, len(h) - 40 + 8 + len(data))
        out.append((a, bytes(h) + fh + data))
    return out


def frag4(pkt, ident, cuts):
    """Cuts an IPv4 packet (no options) into fragments at octet offsets `cuts` of its payload."""
    ihl = (pkt[0] & 15) * 4
    head, payload = pkt[:ihl], pkt[ihl:]
    bounds = [0] + list(cuts) + [len(payload)]
    out = []
    for i in range(len(bounds) - 1):
        a, b = bounds[i], bounds[i + 1]
        more = 0x2000 if b < len(payload) else 0
        h = bytearray(head)
        struct.pack_into("!HHH", h, 2, ihl + b - a, ident, more | (a // 8))
        h[10:12] = b"\x00\x00"
        h[10:12] = struct.pack("!H", inet_checksum(bytes(h)))
        out.append(bytes(h) + payload[a:b])
    return out


def rrq_whole():
    """RRQ CoA -> HA, UDP 434, without DF (it is to be fragmented)."""
    p = bytearray(ipv4(V4_COA, V4_HA, 17, udp4(V4_COA, V4_HA, 49152, 434, mipv4_rrq()), ident=0x0435))
    struct.pack_into("!H", p, 6, 0)
    p[10:12] = b"\x00\x00"
    p[10:12] = struct.pack("!H", inet_checksum(bytes(p[:20])))
    return bytes(p)


def up(p):
    return eth(MAC_AR, MAC_MN, 0x86DD, p)


def down(p):
    return eth(MAC_MN, MAC_AR, 0x86DD, p)


def frames():
    bu, ba = bu_whole(), ba_whole()
    bu_f = frag6(bu, 40, 0x1001, [128])
    ba_f = frag6(ba, 40 + 24, 0x2002, [64])
    rrq = rrq_whole()
    rrq_f = frag4(rrq, 0x0435, [32])
    dup = frag6(bu_whole(), 40, 0x3003, [64])
    # Conflicting overlap: the second fragment starts at 56 (inside the first's 0..64) and its
    # first 8 octets differ from the first fragment's.
    bu2 = bu_whole()
    c = frag6(bu2, 40, 0x4004, [64])
    frag_part = bu2[40:]
    tail = bytearray(frag_part[56:])
    tail[0] ^= 0xFF
    conflict2 = frag6(bu2, 40, 0x4004, [56], override={1: bytes(tail)})[1]
    # Benign overlap: same octets at 56..64 sent twice.
    ov = frag6(bu_whole(), 40, 0x5005, [56])
    ov1 = frag6(bu_whole(), 40, 0x5005, [64])[0]
    lone = frag6(bu_whole(), 40, 0x6006, [64])[0]
    return [
        (up(bu_f[0][1]), "IPv6 fragment 1/2 (ident 0x00001001, offset 0, M) of a BU CoA -> HA with HAO, Alternate CoA, PadN"),
        (up(bu_f[1][1]), "IPv6 fragment 2/2 (offset 128): the BU is reassembled here (2 fragments)"),
        (down(ba_f[1][1]), "IPv6 fragment 2/2 of a BA HA -> CoA through RH2 (ident 0x00002002, offset 64), before its first fragment"),
        (down(ba_f[0][1]), "IPv6 fragment 1/2 (offset 0, M): out of order, the BA is reassembled here"),
        (eth(MAC_AR, MAC_MN, 0x0800, rrq_f[0]), "IPv4 fragment 1/2 (ID 0x0435, MF) of a Mobile IPv4 RRQ 192.0.2.20 -> 198.51.100.1 UDP 434"),
        (eth(MAC_AR, MAC_MN, 0x0800, rrq_f[1]), "IPv4 fragment 2/2 (offset 32): the RRQ is reassembled here"),
        (up(dup[0][1]), "IPv6 fragment 1/2 of a BU (ident 0x00003003)"),
        (up(dup[0][1]), "the same fragment again (a duplicate: overlap without conflict)"),
        (up(dup[1][1]), "IPv6 fragment 2/2: reassembled with the duplicate reported as an overlap"),
        (up(c[0][1]), "IPv6 fragment 1/2 of a BU (ident 0x00004004, 0..64)"),
        (up(conflict2[1]), "IPv6 fragment 2/2 at offset 56 whose first 8 octets differ from fragment 1's: conflicting overlap"),
        (up(ov[0][1]), "IPv6 fragment 1/3 of a BU (ident 0x00005005, 0..56)"),
        (up(ov1[1]), "IPv6 fragment 2/3 (0..64, M): overlaps 56..64 with the same octets"),
        (up(ov[1][1]), "IPv6 fragment 3/3 (56.., last): reassembled with an overlap"),
        (up(lone[1]), "IPv6 fragment 1/2 of a BU (ident 0x00006006) whose other fragment never comes"),
    ]


def reassemble(frames_bytes):
    """Independent reassembler over the Ethernet frames: returns {frame#: reassembled IP packet}."""
    table, done = {}, {}
    for n, f in enumerate(frames_bytes, 1):
        et = struct.unpack("!H", f[12:14])[0]
        ip = f[14:]
        if et == 0x86DD:
            nh, at = ip[6], 40
            while nh != 44:
                nh, at = ip[at], at + (ip[at + 1] + 1) * 8
            nxt, off_m, ident = ip[at], struct.unpack("!H", ip[at + 2:at + 4])[0], struct.unpack("!I", ip[at + 4:at + 8])[0]
            key = (6, ip[8:40], ident)
            unfrag, data = ip[:at], ip[at + 8:40 + struct.unpack("!H", ip[4:6])[0]]
            off, more = off_m & 0xFFF8, off_m & 1
        else:
            ihl = (ip[0] & 15) * 4
            fo = struct.unpack("!H", ip[6:8])[0]
            key = (4, ip[12:20] + ip[9:10], struct.unpack("!H", ip[4:6])[0])
            unfrag, data = ip[:ihl], ip[ihl:struct.unpack("!H", ip[2:4])[0]]
            off, more, nxt = (fo & 0x1FFF) * 8, fo & 0x2000, None
        e = table.setdefault(key, {"parts": {}, "end": None, "head": None})
        for i, b in enumerate(data):
            e["parts"].setdefault(off + i, b)     # first come, first kept
        if off == 0:
            e["head"] = (unfrag, nxt, at if et == 0x86DD else None)
        if not more:
            e["end"] = off + len(data)
        if e["end"] is not None and e["head"] and all(i in e["parts"] for i in range(e["end"])):
            payload = bytes(e["parts"][i] for i in range(e["end"]))
            unfrag, nxt, at = e["head"]
            h = bytearray(unfrag)
            if et == 0x86DD:
                h[6 if at == 40 else 40] = nxt
                struct.pack_into("!H", h, 4, len(h) - 40 + len(payload))
            else:
                struct.pack_into("!H", h, 2, len(h) + len(payload))
                struct.pack_into("!H", h, 6, 0)
                h[10:12] = b"\x00\x00"
                h[10:12] = struct.pack("!H", inet_checksum(bytes(h)))
            done[n] = bytes(h) + payload
            del table[key]
    return done


def verify():
    fs = [f for f, _ in frames()]
    done = reassemble(fs)
    ok = True
    rrq = bytearray(rrq_whole())
    want = {2: bu_whole(), 4: ba_whole(), 6: bytes(rrq), 9: bu_whole(), 14: bu_whole()}
    for n, pkt in want.items():
        if done.get(n) != pkt:
            print("%s: frame %d does not reassemble to the datagram built" % (NAME, n))
            ok = False
    # The conflicting overlap (first come, first kept) reassembles to the original too.
    if done.get(11) != bu_whole():
        print("%s: frame 11 (conflict, first kept) differs" % NAME)
        ok = False
    if 15 in done:
        print("%s: the lone fragment was reassembled" % NAME)
        ok = False
    with open(os.path.join(OUT, NAME), "rb") as fh:
        data = fh.read()
    w = Pcapng()
    i = w.iface(1, "eth0")
    for f, d in frames():
        w.packet(i, f, d)
    if bytes(w.buf) != data:
        print("%s: file differs from what the builders give" % NAME)
        ok = False
    return ok


SECTION = """Built by `captures/make_fixtures_reasm.py`: Mobile IPv6 and Mobile IPv4 signalling cut into
IPv6 fragments (RFC 8200 4.5) and IPv4 fragments (RFC 791). Checksums cover the whole datagram;
`--verify` reassembles every datagram independently and compares it with the one built."""


def main():
    w = Pcapng()
    i = w.iface(1, "eth0")
    for data, desc in frames():
        w.packet(i, data, desc)
    w.save(NAME)
    readme = os.path.join(OUT, "README.md")
    marker = "## " + NAME
    with open(readme) as fh:
        text = fh.read()
    if marker not in text:
        lines = ["", marker, "", SECTION, "", "| frame | contents |", "|---|---|"]
        lines += ["| %d | %s |" % (k, d) for k, d in w.frames]
        with open(readme, "a") as fh:
            fh.write("\n".join(lines) + "\n")
    print("%s %d frames" % (NAME, len(w.frames)))


if __name__ == "__main__":
    if "--verify" in sys.argv[1:]:
        sys.exit(0 if verify() else 1)
    main()
