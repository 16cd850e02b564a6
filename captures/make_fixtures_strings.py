#!/usr/bin/env python3
"""make_fixtures_strings.py - string fields holding what a terminal or a cell must not take raw.

    python3 captures/make_fixtures_strings.py

Writes captures/crafted/strings.pcapng (Ethernet) and its section of captures/crafted/README.md.
Deterministic; standard library only (reuses make_fixtures.py's writers).

Each frame carries one awkward octet string in every string field mipscope shares with tshark:
Mobile IPv4 Mobile Node NAI (131, RFC 5944 3.7.2 / RFC 2794) and Message String (145, RFC 7184)
in a Registration Request/Reply; MIPv6 Mobile Node Identifier (8, NAI subtype 1, RFC 4283),
Service Selection (20, RFC 5149) and Access Network Identifier (52, RFC 6757 network and
access-point names) in a Proxy Binding Update. (Not the MAG Identifier's NAI, option 64 of RFC 8278:
tshark 4.0 does not decode it.)
Wireshark reads some of them as ASCII and some as UTF-8, stops each at a NUL, and escapes
controls differently in a tree label and in a -T fields cell; the tshark comparison checks
mipscope against all of that (dissect/src/text.rs).
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402
import make_fixtures_mip4 as m4  # noqa: E402
import make_fixtures_optext as ox  # noqa: E402

# (octets, what they test). Each starts with a printable character: a Service Selection
# identifier whose first octet is below 0x20 is read as 3GPP APN labels, not text.
STRINGS = [
    (b"a\tb\nc\rd\x07e", "tab, new line, carriage return, bell"),
    (b"b\x08\x0c\x0b\\\"'", "backspace, form feed, vertical tab, backslash and quotes"),
    (b"ab\x00cd", "a NUL inside: the value ends there"),
    (b"A\xc3\xa9Z", "e-acute in UTF-8: one character under UTF-8, two U+FFFD under ASCII"),
    (b"x\xc3(\xe9\xa9.", "ill-formed UTF-8: a lead octet without its continuation, a cut sequence"),
    (b"x\x1b\x7f\xc2\x80\xe2\x80\x8by", "escape, delete, a C1 control and a zero-width space"),
    (b"\xf0\x9f\x98\x80ok", "a character beyond the Basic Multilingual Plane"),
    (b"x\xf4\x90\x80\x80\xed\xa0\x80", "octets no UTF-8 allows (above U+10FFFF, a surrogate)"),
]


def frames():
    out = []
    for s, what in STRINGS:
        rrq = m4.signed(m4.rrq() + m4.ext(131, s))
        out.append((m4.udp_pkt(m4.COA, m4.HA, rrq), "RRQ, Mobile Node NAI (131): %s" % what))
        rrp = m4.signed(m4.rrp() + m4.ext(145, bytes([1]) + s))
        out.append((m4.udp_pkt(m4.HA, m4.COA, rrp), "RRP, Message String (145) sub-type 1: %s" % what))
        ani = bytes([1, 3 + 2 * len(s), 0x80, len(s)]) + s + bytes([len(s)]) + s
        opts = [ox.mnid(1, s), ox.o(20, s), ox.o(52, ani, (4, 0)), ox.hnp(), ox.hi(1), ox.att(4)]
        out.append((mf.eth6(ox.pbu(len(out), opts)),
                    "PBU: MN Identifier NAI (8), Service Selection (20), ANI network and AP names (52): %s"
                    % what))
    return out


BEGIN = "<!-- strings fixtures: begin (captures/make_fixtures_strings.py) -->"
END = "<!-- strings fixtures: end -->"


def main():
    w = mf.Pcapng()
    e = w.iface(1, "eth0")
    for data, desc in frames():
        w.packet(e, data, desc)
    w.save("strings.pcapng")
    print("strings.pcapng %d frames" % len(w.frames))
    mf.readme_frames(BEGIN, END, "strings.pcapng", "make_fixtures_strings.py", w,
                     "Ethernet. The same awkward octets in every string field mipscope shares with tshark, "
                     "three frames per string (MIPv4 RRQ with a NAI, RRP with a Message String, PMIPv6 PBU "
                     "with MN-ID, Service Selection and ANI). tshark 4.0.17 reads mip.nai, mip.ext.msgstr.text "
                     "and mip6.ss.identifier as ASCII, mip6.mnid.identifier and the ANI names as UTF-8.")


if __name__ == "__main__":
    main()
