#!/usr/bin/env python3
"""The `rfc6275-rr` scenario built with Scapy, for scripts/bench-craft.sh.

    scapy_rr.py COUNT OUT.pcap

Builds the same exchange `mipscope craft scenario rfc6275-rr` writes, packet for packet (same
addresses, MACs, headers, options and lengths; cookies, nonces and Kcn drawn from Python's
seeded generator instead of mipscope's XorShift), with the keygen tokens and the Binding
Authorization Data computed as RFC 6275 §5.2.5-5.2.6 say (hmac/hashlib), and writes COUNT
packets with Scapy's PcapWriter. Prints the packets per second of building and writing.

A round: HoTI, CoTI, HoT, CoT; BU (Home Address option, Nonce Indices, authenticator) and BA
(type 2 routing header); a refresh BU/BA; HoTI/HoT from home; de-registration BU/BA.
"""
import hashlib
import hmac
import random
import sys
import time

from scapy.layers.inet6 import (HAO, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrRouting, MIP6MH_BA, MIP6MH_BU,
                                MIP6MH_CoT, MIP6MH_CoTI, MIP6MH_HoT, MIP6MH_HoTI, MIP6OptBindingAuthData,
                                MIP6OptNonceIndices, PadN)
from scapy.layers.l2 import Ether
from scapy.utils import PcapWriter

HOA, COA, CN = "2001:db8:1::100", "2001:db8:2::100", "2001:db8:3::1"
MAC_MN, MAC_CN = "02:00:00:00:00:01", "02:00:00:00:00:02"
LIFETIME, GRANTED = 105, 105
RTT, GAP = 0.002, 0.010


def a16(s):
    import ipaddress
    return ipaddress.IPv6Address(s).packed


def token(kcn, addr, nonce, ident):
    return hmac.new(kcn, a16(addr) + nonce + bytes([ident]), hashlib.sha1).digest()[:8]


def authenticator(kbm, care_of, correspondent, mh):
    """First(96, HMAC_SHA1(Kbm, care-of | correspondent | MH data)), checksum zero, value left out."""
    data = mh[:4] + b"\0\0" + mh[6:-12]
    return hmac.new(kbm, a16(care_of) + a16(correspondent) + data, hashlib.sha1).digest()[:12]


def eth(src_is_mn):
    return Ether(src=MAC_MN, dst=MAC_CN) if src_is_mn else Ether(src=MAC_CN, dst=MAC_MN)


def sealed(msg_cls, fields, hni, cni, kbm, care_of, correspondent):
    """A BU or BA with Nonce Indices and a sealed Binding Authorization Data option."""
    # Scapy's defaults for these two options are wrong (Length 16 for both; RFC 6275 §6.2.6-7
    # say 4 and 12), and its BA sets the K flag unless told: every value is given here.
    opts = lambda auth: [MIP6OptNonceIndices(olen=4, hni=hni, coni=cni),
                         MIP6OptBindingAuthData(olen=12, authenticator=int.from_bytes(auth, "big"))]
    mh = bytes(msg_cls(options=opts(b"\0" * 12), cksum=0, **fields))
    return msg_cls(options=opts(authenticator(kbm, care_of, correspondent, mh)), **fields)


def rounds(rng):
    kcn = bytes(rng.getrandbits(8) for _ in range(20))
    index = rng.getrandbits(8)
    seq = rng.getrandbits(12)
    while True:
        out = []
        hc, cc = rng.getrandbits(64).to_bytes(8, "big"), rng.getrandbits(64).to_bytes(8, "big")
        out.append(eth(True) / IPv6(src=HOA, dst=CN) / MIP6MH_HoTI(cookie=hc))
        out.append(eth(True) / IPv6(src=COA, dst=CN) / MIP6MH_CoTI(cookie=cc))
        hni, hn = index, rng.getrandbits(64).to_bytes(8, "big")
        cni, cn_ = index + 1, rng.getrandbits(64).to_bytes(8, "big")
        index += 2
        home, care_of = token(kcn, HOA, hn, 0), token(kcn, COA, cn_, 1)
        out.append(eth(False) / IPv6(src=CN, dst=HOA) / MIP6MH_HoT(index=hni, cookie=hc, token=home))
        out.append(eth(False) / IPv6(src=CN, dst=COA) / MIP6MH_CoT(index=cni, cookie=cc, token=care_of))
        kbm = hashlib.sha1(home + care_of).digest()
        for _ in range(2):
            seq = (seq + 1) & 0xFFFF
            bu = sealed(MIP6MH_BU, dict(seq=seq, flags="A", mhtime=LIFETIME), hni, cni, kbm, COA, CN)
            out.append(eth(True) / IPv6(src=COA, dst=CN) /
                       IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\0\0"), HAO(hoa=HOA)]) / bu)
            ba = sealed(MIP6MH_BA, dict(status=0, flags=0, seq=seq, mhtime=GRANTED), hni, cni, kbm, COA, CN)
            out.append(eth(False) / IPv6(src=CN, dst=COA) /
                       IPv6ExtHdrRouting(type=2, segleft=1, addresses=[HOA]) / ba)
        hc = rng.getrandbits(64).to_bytes(8, "big")
        out.append(eth(True) / IPv6(src=HOA, dst=CN) / MIP6MH_HoTI(cookie=hc))
        hni, hn = index, rng.getrandbits(64).to_bytes(8, "big")
        index += 1
        home = token(kcn, HOA, hn, 0)
        out.append(eth(False) / IPv6(src=CN, dst=HOA) / MIP6MH_HoT(index=hni, cookie=hc, token=home))
        kbm = hashlib.sha1(home).digest()
        seq = (seq + 1) & 0xFFFF
        out.append(eth(True) / IPv6(src=HOA, dst=CN) /
                   sealed(MIP6MH_BU, dict(seq=seq, flags="A", mhtime=0), hni, 0, kbm, HOA, CN))
        out.append(eth(False) / IPv6(src=CN, dst=HOA) /
                   sealed(MIP6MH_BA, dict(status=0, flags=0, seq=seq, mhtime=0), hni, 0, kbm, HOA, CN))
        yield out


def main():
    count, path = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(1)
    start = time.perf_counter()
    w = PcapWriter(path, linktype=1, sync=False)
    n, t = 0, 1767225600.0
    for r in rounds(rng):
        for p in r:
            if n == count:
                break
            p.time = t
            t += GAP
            w.write(p)
            n += 1
        if n == count:
            break
    w.close()
    secs = time.perf_counter() - start
    print(f"scapy {n} packets {secs:.3f} s {n / secs:.0f} pkts/s")


if __name__ == "__main__":
    main()
