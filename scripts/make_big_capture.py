#!/usr/bin/env python3
"""Build a large classic-pcap capture for benchmarking mipscope against tshark.

Usage: scripts/make_big_capture.py OUT.pcap [N]

Cycles through the Ethernet packets of several crafted fixtures (Mobility Header messages and
options, IPv6 extension headers, mobile ICMPv6, tunnels) until N packets (default 200,160) have
been written, with strictly increasing timestamps (1 ms apart). Output is a little-endian,
microsecond classic pcap with linktype 1 (Ethernet). Standard library only.
"""

import os
import struct
import sys

DEFAULT_N = 200_160
FIXTURES = [
    "mh-messages.pcapng",
    "mh-options.pcapng",
    "ipv6-ext.pcapng",
    "icmpv6-mobile.pcapng",
    "tunnels.pcapng",
]
LINKTYPE_ETHERNET = 1
SNAPLEN = 262_144
START_SECS = 1_767_225_600  # 2026-01-01T00:00:00Z
STEP_US = 1_000


def read_pcap(buf):
    """Yields (linktype, data) for every record of a classic pcap."""
    magic = buf[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        raise ValueError("not a pcap file")
    linktype = struct.unpack(e + "I", buf[20:24])[0] & 0x0FFFFFFF
    off = 24
    while off + 16 <= len(buf):
        _, _, caplen, _ = struct.unpack(e + "IIII", buf[off:off + 16])
        off += 16
        if off + caplen > len(buf):
            break  # truncated record
        yield linktype, bytes(buf[off:off + caplen])
        off += caplen


def read_pcapng(buf):
    """Yields (linktype, data) for every EPB/SPB of a pcapng (all sections, all interfaces)."""
    off = 0
    e = "<"
    links = []
    while off + 12 <= len(buf):
        btype_raw = buf[off:off + 4]
        if btype_raw == b"\x0a\x0d\x0d\x0a":  # Section Header Block: detect byte order
            bom = buf[off + 8:off + 12]
            e = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">"
            links = []
        btype, blen = struct.unpack(e + "II", buf[off:off + 8])
        if blen < 12 or off + blen > len(buf):
            break  # corrupt or truncated block
        body = buf[off + 8:off + blen - 4]
        if btype == 1:  # Interface Description Block
            links.append(struct.unpack(e + "H", body[:2])[0])
        elif btype == 6:  # Enhanced Packet Block
            if_id, _, _, caplen, _ = struct.unpack(e + "IIIII", body[:20])
            if if_id < len(links):
                yield links[if_id], bytes(body[20:20 + caplen])
        elif btype == 3:  # Simple Packet Block
            origlen = struct.unpack(e + "I", body[:4])[0]
            if links:
                yield links[0], bytes(body[4:4 + min(origlen, len(body) - 4)])
        off += blen


def read_capture(path):
    with open(path, "rb") as f:
        buf = f.read()
    if buf[:4] == b"\x0a\x0d\x0d\x0a":
        return list(read_pcapng(buf))
    return list(read_pcap(buf))


def main(argv):
    if len(argv) not in (2, 3) or argv[1] in ("-h", "--help"):
        sys.stderr.write(__doc__)
        return 2
    out = argv[1]
    n = int(argv[2]) if len(argv) == 3 else DEFAULT_N
    if n < 1:
        sys.stderr.write("N must be positive\n")
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    crafted = os.path.join(here, "..", "captures", "crafted")
    packets = []
    for name in FIXTURES:
        for linktype, data in read_capture(os.path.join(crafted, name)):
            if linktype == LINKTYPE_ETHERNET:
                packets.append(data)
    if not packets:
        sys.stderr.write("no Ethernet packets found in the fixtures\n")
        return 1
    # Pre-encode each record body once; only the timestamp changes per packet.
    bodies = [struct.pack("<II", len(p), len(p)) + p for p in packets]
    hdr = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, SNAPLEN, LINKTYPE_ETHERNET)
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(hdr)
        chunk = []
        k = len(bodies)
        for i in range(n):
            us = i * STEP_US
            chunk.append(struct.pack("<II", START_SECS + us // 1_000_000, us % 1_000_000))
            chunk.append(bodies[i % k])
            if len(chunk) >= 16384:
                f.write(b"".join(chunk))
                chunk.clear()
        f.write(b"".join(chunk))
    os.replace(tmp, out)
    sys.stderr.write(f"{out}: {n} packets ({len(packets)} distinct, cycled), {os.path.getsize(out)} bytes\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
