#!/usr/bin/env python3
"""make_fixtures_ipv4opt.py - crafted IPv4 route and timestamp options for mipscope.
Standard library only; reuses make_fixtures.py's writers.

    python3 captures/make_fixtures_ipv4opt.py

Writes captures/crafted/ipv4-options.pcapng (Ethernet) and (re)writes its own section of
captures/crafted/README.md between the "ipv4 option fixtures" markers. Deterministic.

Layouts from RFC 791 section 3.1: Record Route (7), Loose and Strict Source and Record Route
(131, 137) - type, length, pointer, then 4-octet addresses; Internet Timestamp (68) - type,
length, pointer, overflow/flag, then 4-octet timestamps or address/timestamp pairs (flags 1
and 3). Each datagram carries UDP 1000 -> 2000 whose checksum is computed over the
pseudo-header with the *final* destination (RFC 1122 3.2.1.8: a source route's last address)
unless the description says otherwise.
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402

a4 = mf.a4
SRC, HOP = "192.0.2.1", "192.0.2.2"
R1, R2, FINAL = "198.51.100.10", "198.51.100.11", "203.0.113.5"
MAC_A, MAC_B = mf.mac(1), mf.mac(2)

LSRR, SSRR, RR, TS, NOP, EOL = 131, 137, 7, 68, 1, 0


def route(kind, ptr, addrs, length=None, extra=b""):
    body = b"".join(a4(a) for a in addrs) + extra
    return bytes([kind, 3 + len(body) if length is None else length, ptr]) + body


def stamp(ptr, overflow, flag, entries, length=None):
    body = b""
    for e in entries:
        body += (a4(e[0]) + struct.pack("!I", e[1])) if isinstance(e, tuple) else struct.pack("!I", e)
    return bytes([TS, 4 + len(body) if length is None else length, ptr, (overflow << 4) | flag]) + body


def datagram(options, final=None, checksum_dst=None):
    # The UDP checksum's pseudo-header destination: the final one unless told otherwise.
    udp = mf.udp4(SRC, checksum_dst or final or HOP, 1000, 2000, b"mobility")
    return mf.eth(MAC_B, MAC_A, 0x0800, mf.ipv4(SRC, HOP, 17, udp, options=options))


def frames():
    ra = bytes([148, 4, 0, 0])
    return [
        (datagram(route(LSRR, 4, [R1, FINAL]) + bytes([EOL]), FINAL),
         "Loose Source Route, pointer 4: next hop %s, final destination %s (ip.dst; the header's %s is "
         "ip.cur_rt)" % (R1, FINAL, HOP)),
        (datagram(route(LSRR, 12, [R1, FINAL]) + bytes([EOL])),
         "Loose Source Route, pointer 12 past Length 11: exhausted, both addresses recorded; ip.dst is the header's"),
        (datagram(route(SSRR, 8, [R1, FINAL]) + bytes([EOL]), FINAL),
         "Strict Source Route, pointer 8: %s recorded, the next hop is the final destination %s" % (R1, FINAL)),
        (datagram(route(RR, 8, [R1, "0.0.0.0"]) + bytes([EOL])),
         "Record Route, pointer 8: %s recorded, one empty slot next" % R1),
        (datagram(stamp(9, 0, 0, [1000, 0])),
         "Internet Timestamp, flag 0 (time stamps only), pointer 9: one of two stamps taken"),
        (datagram(stamp(13, 2, 1, [(R1, 2000), ("0.0.0.0", 0)])),
         "Internet Timestamp, flag 1 (address and time stamp), pointer 13, overflow 2"),
        (datagram(stamp(5, 0, 3, [(FINAL, 0)])),
         "Internet Timestamp, flag 3 (prespecified address %s), pointer 5" % FINAL),
        (datagram(route(LSRR, 5, [R1]) + route(LSRR, 3, [R2]) + bytes(2)),
         "Two Loose Source Routes with bad pointers: 5 (inside the first address) and 3 (before it); "
         "neither names a final destination"),
        (datagram(route(LSRR, 4, [R1], extra=b"\x01\x02") + bytes(3)),
         "Loose Source Route of Length 9: one address, then 2 octets short of another (suboption too long)"),
        (datagram(route(LSRR, 4, []) + bytes([EOL])),
         "Loose Source Route of Length 3: a pointer and no address"),
        (datagram(stamp(4, 0, 0, [1, 2])),
         "Internet Timestamp with pointer 4 (RFC 791: the smallest legal value is 5)"),
        (datagram(stamp(5, 0, 1, [(R1, 5)], length=16) + struct.pack("!I", 6)),
         "Internet Timestamp, flag 1, Length 16: one address/stamp pair, then 4 octets short of another"),
        (datagram(route(LSRR, 8, [R1]) + route(LSRR, 4, [FINAL]) + bytes(2)),
         "Two Loose Source Routes: the first exhausted (pointer 8, Length 7), the second naming %s; tshark "
         "reads the final destination from the first only, so the header's destination stays ip.dst" % FINAL),
        (datagram(route(SSRR, 4, [FINAL]) + bytes([EOL]), FINAL),
         "Strict Source Route with one address: the final destination %s is the next hop" % FINAL),
        (datagram(bytes([NOP]) + ra + route(LSRR, 4, [FINAL]), FINAL),
         "No-Operation, Router Alert, then a Loose Source Route naming %s" % FINAL),
        (datagram(stamp(13, 15, 0, [1, 2])),
         "Internet Timestamp full (pointer 13 past Length 12), overflow 15"),
        (datagram(route(LSRR, 4, [R1, FINAL]) + bytes([EOL]), FINAL, checksum_dst=HOP),
         "Loose Source Route as frame 1, the UDP checksum computed over the header's destination %s "
         "instead of the final one: wrong (RFC 1122 3.2.1.8)" % HOP),
        (datagram(bytes([LSRR, 2, 0, 0])),
         "Loose Source Route of Length 2: no room for its pointer"),
    ]


README_BEGIN = "<!-- ipv4 option fixtures: begin (captures/make_fixtures_ipv4opt.py) -->"
README_END = "<!-- ipv4 option fixtures: end -->"


def main():
    w = mf.Pcapng()
    e = w.iface(1, "eth0")
    for data, desc in frames():
        w.packet(e, data, desc)
    name = "ipv4-options.pcapng"
    w.save(name)
    print("wrote %s (%d frames)" % (name, len(w.frames)))
    lines = [README_BEGIN, "", "## `%s` (%d frames, by `captures/make_fixtures_ipv4opt.py`)" % (name, len(w.frames)), "",
             "Ethernet, IPv4 %s -> %s with RFC 791 route and timestamp options, each carrying UDP 1000 -> 2000 "
             "(8 octets of data) whose checksum uses the final destination unless said otherwise." % (SRC, HOP),
             "", "| frame | content |", "|---|---|"]
    lines += ["| %d | %s |" % (n, d.replace("|", "/")) for n, d in w.frames]
    lines += [
        "", "### What tshark 4.0.17 makes of this file", "",
        "* Frame 9: tshark takes the option's last four octets (2 of the address and the 2 after it) as the "
        "final destination: its item says `Dst: 100.10.1.2, Via: 192.0.2.2`, it adds no `ip.dst`, shows the "
        "header's destination as `ip.cur_rt` and judges the UDP checksum over that address bad; mipscope "
        "keeps the header's destination as `ip.dst`, since a route that is not whole addresses names no "
        "final destination.",
        "* Frame 18: tshark reads the pointer past the option and reports a malformed packet; mipscope "
        "reports the Length.",
        "* Frames 8 and 11: tshark flags route pointers as mipscope does; a timestamp pointer below 5 it "
        "annotates (\"points before first address\") without an expert item.",
        "", README_END]
    mf.readme_section(README_BEGIN, README_END, lines)


if __name__ == "__main__":
    main()
