#!/usr/bin/env python3
"""Fixture captures for the seed drafts' Mobility Header additions (issue 3 items 3-5).

Writes captures/crafted/seeds-*.pcapng with the helpers of make_fixtures.py (pcapng writer,
IPv6/MH builders, checksums) and appends (or refreshes) a section of captures/crafted/README.md.

* seeds-nemo-ro.pcapng - seed 000 (draft-huang-nemo-mn-ro-00): NEMO BU/BA from the mobile router,
  CoTI with HAO / CoT with RH2, RO Request / RO Acknowledgement, BRR with M/H.
* seeds-mcoa.pcapng - seed 002 (draft-ietf-monami6-multiplecoa-03) and RFC 5648: Binding Identifier
  option (type 35) in both layouts; the README says which profile each frame is meant for.
* seeds-pmipro.pcapng - seed 004 (draft-qin-mipshop-pmipro-00): Proxy HoTI (MH 200), Proxy HoT (MH 201),
  early / complete proxy BUs, proxy BAs with the Handover Home Keygen Token option (200).

Deterministic: re-running reproduces the files bit for bit. Python 3 standard library only.
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_fixtures as mf  # noqa: E402
from make_fixtures import (BA_R, BU_A, BU_H, BU_P, BU_R, COA, CN, HA, HOA, MR_COA, MR_HOA, Pcapng,  # noqa: E402
                           a6, body_ba, body_bu, body_cot, body_coti, dstopts, eth6, ipv6, mh, opt_altcoa,
                           opt_bad, opt_hao, opt_mnp, opt_ni, pad, rh2)

MNP = "2001:db8:1000::"            # the mobile router's Mobile Network Prefix (/48)
MR_IN = "2001:db8:1000::1"         # mobile router's ingress address (inside the MNP)
VMN_HOA = "2001:db8:5::100"        # visiting mobile node's home address
VMN_HA = "2001:db8:5::1"           # its home agent
VMN_COA = "2001:db8:1000::100"     # VMN_CoA, inside the mobile network
VCOA = "2001:db8:2::201"           # the VCoA the mobile router reserves on its egress link
VCOA2 = "2001:db8:4::201"          # the VCoA after the mobile router's handover

BID_TYPE = 35                      # mcoa.bid_option_type under both profiles
PHOTI, PHOT, HHKT = 200, 201, 200  # pmipro.mh_photi / mh_phot / opt_handover_hkt defaults


def mhpkt(src, dst, mh_type, body, options=(), exts=()):
    return ipv6(src, dst, list(exts), 135, mh(mh_type, body, options), csum="mh")


# ---------------------------------------------------------------- seed 002 / RFC 5648 BID
def bid_rfc(bid, status=0, h=False, pri=0, coa=None):
    """RFC 5648 4.3: BID(16) Status(8) H(0x80)+BID-PRI(0x7f, RFC 6089) [CoA 4 or 16]."""
    data = struct.pack("!HBB", bid, status, (0x80 if h else 0) | (pri & 0x7f))
    if coa is not None:
        data += bytes(int(x) for x in coa.split(".")) if "." in coa else a6(coa)
    # RFC 5648 4.3: 2n without a Care-of Address, 8n+2 with one (IPv4 or IPv6).
    return (BID_TYPE, data, (8, 2) if len(data) > 4 else (2, 0))


def bid_draft(bid, status=0, c=False, o=False, h=False, coa=None, reserved=0):
    """draft-ietf-monami6-multiplecoa-03 4.2.1: BID(16) Status(8) C(0x80) O(0x40) H(0x20) Rsvd(5) [CoA 16]."""
    flags = (0x80 if c else 0) | (0x40 if o else 0) | (0x20 if h else 0) | (reserved & 0x1f)
    data = struct.pack("!HBB", bid, status, flags) + (a6(coa) if coa else b"")
    return (BID_TYPE, data, (8, 2) if len(data) == 20 else (2, 0))


def hao_ext(addr):
    return [dstopts([opt_hao(addr)])]


def f_mcoa():
    w = Pcapng()
    i = w.iface(1, "eth0")
    bu = lambda opts, seq=10, flags=BU_A | BU_H: mhpkt(COA, HA, 5, body_bu(seq, flags, 150), opts, hao_ext(HOA))
    ba = lambda opts, status=0, seq=10: mhpkt(HA, COA, 6, body_ba(status, 0, seq, 150), opts, [rh2(HOA)])
    w.packet(i, eth6(bu([bid_rfc(1, pri=5)])),
             "[rfc] BU+HAO CoA -> HA seq 10, BID option Length 4: BID 1, status 0, H 0, BID-PRI 5")
    w.packet(i, eth6(bu([bid_rfc(2, h=True, pri=1, coa="192.0.2.10")], seq=11)),
             "[rfc] BU seq 11, BID option Length 8: BID 2, H 1, BID-PRI 1, IPv4 CoA 192.0.2.10")
    w.packet(i, eth6(bu([bid_rfc(1, pri=1, coa="2001:db8:2::101"), bid_rfc(2, pri=2, coa="2001:db8:3::101"),
                         bid_rfc(3, pri=3, coa="2001:db8:4::101")], seq=12)),
             "[rfc] bulk registration BU seq 12: BIDs 1, 2, 3 (Length 20, IPv6 CoAs 2001:db8:2::101, "
             "2001:db8:3::101, 2001:db8:4::101; BID-PRI 1, 2, 3)")
    w.packet(i, eth6(ba([bid_rfc(1), bid_rfc(2), bid_rfc(3, status=167)], seq=12), False),
             "[rfc] BA+RH2 seq 12, BA status 0, BIDs 1 (0), 2 (0), 3 (status 167 MCOA UNKNOWN COA)")
    w.packet(i, eth6(bu([(BID_TYPE, bid_rfc(4, coa="2001:db8:2::101")[1][:6], (2, 0))], seq=13)),
             "[rfc] BU seq 13 with a BID option of Length 6 (BID 4 + 2 octets of an IPv6 CoA): invalid length")
    w.packet(i, eth6(bu([bid_draft(1, c=True, o=True, coa="2001:db8:2::101"),
                         bid_draft(2, c=True, o=True, coa="2001:db8:3::101")], seq=20)),
             "[draft] bulk registration BU seq 20: BIDs 1, 2 with C and O set (flags 0xc0), IPv6 CoAs "
             "2001:db8:2::101, 2001:db8:3::101")
    w.packet(i, eth6(ba([bid_draft(1), bid_draft(2, status=130)], seq=20), False),
             "[draft] BA seq 20, BA status 0, BIDs 1 (ACCEPTING BID) and 2 (130 BID CONFLICT: accepted, "
             "replaced a regular binding, seed 002 6.3)")
    w.packet(i, eth6(ba([bid_draft(1, status=128), bid_draft(2, status=128)], status=168, seq=21), False),
             "[draft] BA seq 21, BA status 168 (draft: MCOA BULK REGISTRATION NOT SUPPORTED; IANA: MCOA BULK "
             "REGISTRATION PROHIBITED), BIDs 1 and 2 status 128 (REASON UNSPECIFIED)")
    w.packet(i, eth6(mhpkt(COA, CN, 2, body_coti(0x1122334455667788), [bid_draft(7, h=True)])),
             "[draft] CoTI CoA -> CN with BID option Length 4: BID 7, C/O clear, H set (0x20)")
    w.packet(i, eth6(mhpkt(CN, COA, 4, body_cot(3, 0x1122334455667788, bytes.fromhex("0102030405060708")), [bid_draft(7)]), False),
             "[draft] CoT CN -> CoA, nonce index 3, BID 7 status 0 (MCOA ACCEPTING BID)")
    w.packet(i, eth6(bu([bid_draft(5, coa="2001:db8:2::105")], seq=22)),
             "[draft] BU seq 22, BID 5 with Length 20 but C clear (draft 4.2.1: Length 4 without C)")
    return w


# ---------------------------------------------------------------- seed 000 NEMO RO
def f_nemo_ro():
    w = Pcapng()
    i = w.iface(1, "eth0")
    w.packet(i, eth6(mhpkt(MR_COA, HA, 5, body_bu(7, BU_A | BU_H | BU_R, 150), [opt_mnp(MNP, 48)], hao_ext(MR_HOA))),
             "NEMO BU (RFC 3963) MR CoA %s -> HA with HAO %s, seq 7, A H R, MNP %s/48: mipscope learns the "
             "mobile router" % (MR_COA, MR_HOA, MNP))
    w.packet(i, eth6(mhpkt(HA, MR_COA, 6, body_ba(0, BA_R, 7, 150), (), [rh2(MR_HOA)]), False),
             "NEMO BA HA -> MR CoA with RH2 %s, status 0, R" % MR_HOA)
    w.packet(i, eth6(mhpkt(VMN_COA, MR_IN, 2, body_coti(0xa1a2a3a4a5a6a7a8), (), hao_ext(VMN_HOA))),
             "CoTI VMN_CoA %s -> MR %s with HAO %s (seed 000 4.2)" % (VMN_COA, MR_IN, VMN_HOA))
    w.packet(i, eth6(mhpkt(MR_IN, VMN_COA, 4, body_cot(1, 0xa1a2a3a4a5a6a7a8, bytes.fromhex("1111222233334444")), (),
                           [rh2(VMN_HOA)]), False),
             "CoT MR -> VMN_CoA with type 2 routing header %s (seed 000 4.2)" % VMN_HOA)
    w.packet(i, eth6(mhpkt(VMN_COA, MR_IN, 5, body_bu(33, BU_A, 100), [opt_ni(0, 1), opt_bad(bytes(range(12)))],
                           hao_ext(VMN_HOA))),
             "RO Request: BU VMN_CoA -> MR %s with HAO %s, seq 33, A, Nonce Indices 0/1, BAD" % (MR_IN, VMN_HOA))
    w.packet(i, eth6(mhpkt(MR_IN, VMN_COA, 6, body_ba(0, 0, 33, 100), [opt_altcoa(VCOA)], [rh2(VMN_HOA)]), False),
             "RO Acknowledgement: BA MR -> VMN_CoA with RH2 %s, status 0, seq 33, Alternate CoA (VCoA) %s"
             % (VMN_HOA, VCOA))
    w.packet(i, eth6(mhpkt(MR_IN, VMN_COA, 0, struct.pack("!H", 0xc000), [opt_altcoa(VCOA2)]), False),
             "BRR MR -> VMN_CoA with M and H (0xc000), Alternate CoA = new VCoA %s (seed 000 5.8)" % VCOA2)
    w.packet(i, eth6(mhpkt(MR_IN, VMN_COA, 0, struct.pack("!H", 0x4000)), False),
             "BRR with H but not M (0x4000) and no Alternate CoA: breaks seed 000 4.1.3 twice")
    w.packet(i, eth6(mhpkt(VMN_COA, VMN_HA, 5, body_bu(34, BU_A | BU_H, 100), [opt_altcoa(VCOA)], hao_ext(VMN_HOA))),
             "BU VMN_CoA -> its own HA %s with HAO (not to a mobile router: not an RO Request), Alt CoA = VCoA"
             % VMN_HA)
    return w


# ---------------------------------------------------------------- seed 004 PMIPv6 RO
def f_pmipro():
    w = Pcapng()
    i = w.iface(1, "eth0")
    pma = COA  # the PMA's egress address serves as the MN's care-of address
    w.packet(i, eth6(mhpkt(HOA, CN, PHOTI, struct.pack("!HQ", 0, 0x0102030405060708) + a6(pma))),
             "Proxy HoTI (MH 200) HoA %s -> CN, cookie 0x0102030405060708, CoA %s" % (HOA, pma))
    w.packet(i, eth6(mhpkt(CN, HOA, PHOT, struct.pack("!HQQ", 5, 0x0102030405060708, 0xa0a1a2a3a4a5a6a7)
                           + a6("2001:db8:3::33")), False),
             "Proxy HoT (MH 201) CN -> HoA, nonce index 5, cookie 0x0102030405060708, token 0xa0a1a2a3a4a5a6a7, "
             "CoA 2001:db8:3::33")
    cga = bytes(range(0x40, 0x40 + 22))
    sig = bytes(range(0x80, 0x80 + 30))
    w.packet(i, eth6(mhpkt(pma, CN, 5, body_bu(50, BU_A | BU_P, 100),
                           [(15, b"", None), opt_ni(5, 0), opt_bad(bytes(12))])),
             "early proxy BU CoA -> CN, seq 50, A P (0x8200), no HAO, Care-of Test Init option (15), Nonce Indices 5/0, BAD")
    w.packet(i, eth6(mhpkt(CN, pma, 6, body_ba(0, 0, 50, 100), [(16, bytes(range(0x10, 0x18)), None)]), False),
             "proxy BA CN -> CoA, status 0, seq 50, Care-of Test option (16) with care-of keygen token 1011..17")
    w.packet(i, eth6(mhpkt(pma, CN, 5, body_bu(51, BU_A | BU_P, 100),
                           [(12, cga, None), (13, sig, None), opt_ni(5, 1), opt_bad(bytes(12))])),
             "complete proxy BU CoA -> CN, seq 51, A P, CGA Parameters (12, 22 octets), Signature (13, 30 octets), "
             "Nonce Indices 5/1, BAD")
    w.packet(i, eth6(mhpkt(CN, pma, 6, body_ba(0, 0, 51, 100),
                           [(14, bytes(range(0x20, 0x28)), None), (HHKT, bytes(range(0xc0, 0xd0)), (8, 2))]), False),
             "proxy BA CN -> CoA, seq 51, Permanent Home Keygen Token (14) and Handover Home Keygen Token (200, "
             "16 octets c0..cf)")
    w.packet(i, eth6(mhpkt(COA, CN, 5, body_bu(52, BU_A, 100), [(15, b"", None), opt_ni(5, 1), opt_bad(bytes(12))],
                           hao_ext(HOA))),
             "plain RFC 4866 BU with HAO and Care-of Test Init option, P clear: neither early nor complete proxy BU")
    w.packet(i, eth6(mhpkt(pma, CN, 5, body_bu(53, BU_A | BU_P, 100), [(15, b"", None)], hao_ext(HOA))),
             "BU with P set but a Home Address option and Care-of Test Init: not a proxy BU (seed 004 7)")
    return w


README_MARK = "<!-- make_fixtures_seeds.py -->"


def readme_section(files):
    L = [README_MARK, "", "# Seed-draft fixtures (`captures/make_fixtures_seeds.py`)", "",
         "Built with make_fixtures.py's helpers; every MH checksum is correct (HAO/RH2 aware). Frames marked",
         "**[rfc]** are meant for the default profile (RFC 5648 Binding Identifier layout), frames marked",
         "**[draft]** for `--profile draft` (`mcoa.layout=draft03`); the option type is 35 under both.",
         "MH types 200/201 and option type 200 are the `pmipro.*` defaults (profiles.md). Addresses beyond",
         "the common ones: MNP %s/48, mobile router ingress %s, VMN home %s (HA %s)," % (MNP, MR_IN, VMN_HOA, VMN_HA),
         "VMN_CoA %s, VCoA %s, new VCoA %s." % (VMN_COA, VCOA, VCOA2), ""]
    for name, (frames, note) in files.items():
        L += ["## `%s` (%d frames)" % (name, len(frames)), "", note, "", "| # | content |", "|---|---|"]
        L += ["| %d | %s |" % (n, d) for n, d in frames]
        L.append("")
    L.append(README_MARK + " end")
    return "\n".join(L) + "\n"


def main():
    files = {}
    for name, fn, note in [
        ("seeds-nemo-ro.pcapng", f_nemo_ro, "Ethernet; seed 000 (draft-huang-nemo-mn-ro-00). Frame 1 teaches "
         "mipscope the mobile router (R flag, MNP); frames 5/6 are then recognised as RO Request / RO "
         "Acknowledgement (dissect the whole file in order)."),
        ("seeds-mcoa.pcapng", f_mcoa, "Ethernet; Binding Identifier option 35, RFC 5648 and "
         "draft-ietf-monami6-multiplecoa-03 layouts (see [rfc]/[draft] tags)."),
        ("seeds-pmipro.pcapng", f_pmipro, "Ethernet; seed 004 (draft-qin-mipshop-pmipro-00). RFC 4866 options "
         "12-16 are filled with patterned octets (no real CGA/signature)."),
    ]:
        w = fn()
        w.save(name)
        files[name] = (w.frames, note)
    path = os.path.join(mf.OUT, "README.md")
    text = open(path).read() if os.path.exists(path) else ""
    if README_MARK in text:
        head = text.split(README_MARK)[0]
        tail = text.split(README_MARK + " end\n", 1)[1] if README_MARK + " end\n" in text else ""
        text = head + tail
    if text and not text.endswith("\n\n"):
        text += "\n"
    with open(path, "w") as f:
        f.write(text + readme_section(files))


if __name__ == "__main__":
    main()
