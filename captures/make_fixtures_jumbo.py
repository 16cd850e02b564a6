#!/usr/bin/env python3
"""make_fixtures_jumbo.py - IPv6 Payload Lengths against the framing, and jumbograms (RFC 2675),
for mipscope. Standard library only; reuses make_fixtures.py's writers.

    python3 captures/make_fixtures_jumbo.py

Writes captures/crafted/ipv6-jumbo.pcapng and (re)writes its own section of
captures/crafted/README.md between the "jumbogram fixtures" markers. Deterministic.

RFC 2675 section 3: a Payload Length of 0 with a Hop-by-Hop header says the length is in the
header's Jumbo Payload option, which must be more than 65,535 (section 2); a Jumbo Payload
option under a non-zero Payload Length, and a Fragment header in a jumbogram, are errors. The
Mobility Headers carried are Home Test Inits with their checksums right (the pseudo-header's
upper-layer length is the MH's, RFC 8200 section 8.1).
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402

MN, CN = "2001:db8:1::100", "2001:db8:3::1"
HBH, FRAG, MH, NO_NEXT = 0, 44, 135, 59


def hoti():
    return mf.fill_checksum6("mh", mf.mh(1, mf.body_hoti(0x6D697073636F7065)), mf.a6(MN), mf.a6(CN))


def opt_jumbo(value):
    # RFC 2675 section 2: type 0xC2, length 4, alignment 4n+2.
    return (0xC2, struct.pack("!I", value), (4, 2))


def packet(plen, exts, proto, payload):
    """An IPv6 packet with this Payload Length (whatever it carries)."""
    return mf.eth(mf.mac(2), mf.mac(1), 0x86DD, mf.ipv6(MN, CN, exts, proto, payload, plen=plen))


def frames():
    m = hoti()
    pad = mf.hbh([(1, bytes(4), None)])
    data = bytes(range(256)) * 256          # 65,536 octets after the No Next Header
    whole = 8 + len(data)                   # the Hop-by-Hop header and them
    return [
        (packet(0, [pad], MH, m), None,
         "Payload Length 0, Hop-by-Hop (PadN only) + HoTI: Jumbo Payload option missing (error)"),
        (packet(0, [mf.hbh([opt_jumbo(24)])], MH, m), None,
         "Payload Length 0, Hop-by-Hop Jumbo Payload 24 + HoTI: no valid Jumbo Payload option (error), "
         "and one of less than 65,536 (warning)"),
        (packet(0, [mf.hbh([opt_jumbo(70000)])], MH, m), None,
         "Payload Length 0, Jumbo Payload 70,000 + HoTI: a jumbogram longer than its frame (24 octets after "
         "the header)"),
        (packet(24, [mf.hbh([opt_jumbo(24)])], MH, m), None,
         "Payload Length 24, Jumbo Payload 24 + HoTI: the option where it must not be, and under 65,536"),
        (packet(24, [mf.hbh([opt_jumbo(70000)])], MH, m), None,
         "Payload Length 24, Jumbo Payload 70,000 + HoTI: the option where it must not be"),
        (packet(0, [mf.hbh([opt_jumbo(70000)]), mf.frag(0, False, 0x4A554D42)], MH, m), None,
         "Payload Length 0, Jumbo Payload 70,000, atomic Fragment header + HoTI: a fragment header in a "
         "jumbogram"),
        (packet(0, [mf.hbh([opt_jumbo(whole)])], NO_NEXT, data), 200,
         "Payload Length 0, Jumbo Payload %d, No Next Header + 65,536 octets, captured to 200 octets (snap "
         "length): no length warning (dissect/tests/ip_layer.rs reads the whole jumbogram, built there)" % whole),
        (packet(100, [], MH, m), None,
         "Payload Length 100 + HoTI (16 octets in the frame): the payload length exceeds the framing"),
    ]


README_BEGIN = "<!-- jumbogram fixtures: begin (captures/make_fixtures_jumbo.py) -->"
README_END = "<!-- jumbogram fixtures: end -->"


def main():
    w = mf.Pcapng()
    e = w.iface(1, "eth0")
    for data, caplen, desc in frames():
        w.packet(e, data, desc, caplen=caplen)
    name = "ipv6-jumbo.pcapng"
    w.save(name)
    print("wrote %s (%d frames)" % (name, len(w.frames)))
    mf.readme_frames(README_BEGIN, README_END, name, "make_fixtures_jumbo.py", w,
                     "Ethernet, IPv6 %s -> %s: Payload Lengths of 0 with and without a valid Jumbo Payload "
                     "option (RFC 2675), the option where it must not be, a Fragment header in a jumbogram, and "
                     "a Payload Length longer than the frame." % (MN, CN))


if __name__ == "__main__":
    main()
