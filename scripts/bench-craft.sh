#!/usr/bin/env bash
# Crafting benchmark: `mipscope craft scenario rfc6275-rr --count N -w FILE` against Scapy
# building and writing the same packets (scripts/scapy_rr.py), side by side in one run.
#
#   scripts/bench-craft.sh           full run: installs Scapy in a venv if missing, times both
#                                    (turns, best of each), checks both files hold the same
#                                    packet sizes in the same order, prints a table, exits 1
#                                    if mipscope writes < 1,000,000 pkts/s or < 500x Scapy
#   scripts/bench-craft.sh --smoke   CI check: 20,000 packets, mipscope only, exit status and
#                                    peak RSS (streaming: memory must not grow with --count)
#
# Environment: BENCH_DIR (default <repo>/bench-out), CRAFT_PACKETS (1,000,080: a whole number
# of 12-packet rounds), SCAPY_PACKETS (6,000: Scapy's rate does not depend on the count),
# RUNS (3), CARGO_TARGET_DIR, MIPSCOPE_PREBUILT (a directory whose mipscope is already built:
# no build).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SMOKE=0
for arg in "$@"; do
    case "$arg" in
        --smoke) SMOKE=1 ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-craft.sh: unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done
BENCH_DIR=${BENCH_DIR:-$ROOT/bench-out}
N=${CRAFT_PACKETS:-1000080}
SN=${SCAPY_PACKETS:-6000}
RUNS=${RUNS:-3}
mkdir -p "$BENCH_DIR"

# The binary users get (scripts/mipscope): profile-guided (scripts/lib/release.sh).
. "$ROOT/scripts/lib/release.sh"
mipscope_bin "$ROOT"
MIPSCOPE="$MIPSCOPE_BIN"

# wall SECONDS and peak RSS (KiB) of one run: sets W_SECS, W_RSS.
run() {
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -f %M -o "$BENCH_DIR/craft.rss" "$@" >/dev/null 2>"$BENCH_DIR/craft.err" ||
        { cat "$BENCH_DIR/craft.err" >&2; exit 1; }
    t1=$(date +%s%N)
    W_SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
    W_RSS=$(tail -n 1 "$BENCH_DIR/craft.rss")
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
less() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

if [[ $SMOKE -eq 1 ]]; then
    run "$MIPSCOPE" craft scenario rfc6275-rr --count 20000 -w "$BENCH_DIR/craft-smoke.pcapng"
    printf 'craft scenario rfc6275-rr: 20000 packets, %s pkts/s, peak RSS %s KiB\n' "$(rate 20000 "$W_SECS")" "$W_RSS"
    [[ $W_RSS -le 32768 ]] || { echo "bench-craft.sh: peak RSS $W_RSS KiB > 32 MiB" >&2; exit 1; }
    rm -f "$BENCH_DIR/craft-smoke.pcapng"
    exit 0
fi

PY="$BENCH_DIR/venv/bin/python"
if ! "$PY" -c 'import scapy' 2>/dev/null; then
    echo "==> installing Scapy in $BENCH_DIR/venv" >&2
    python3 -m venv "$BENCH_DIR/venv"
    "$BENCH_DIR/venv/bin/pip" install --quiet scapy
fi
SCAPY_VERSION=$("$PY" -c 'import scapy; print(scapy.__version__)')

best_m="" best_s="" rss_m=0
for ((i = 0; i < RUNS; i++)); do
    run "$MIPSCOPE" craft scenario rfc6275-rr --count "$N" -w "$BENCH_DIR/craft-mipscope.pcapng"
    { [[ -z $best_m ]] || less "$W_SECS" "$best_m"; } && best_m=$W_SECS
    (( W_RSS > rss_m )) && rss_m=$W_RSS
    run "$PY" scripts/scapy_rr.py "$SN" "$BENCH_DIR/craft-scapy.pcap"
    { [[ -z $best_s ]] || less "$W_SECS" "$best_s"; } && best_s=$W_SECS
done

# The same packets: sizes in the same order (their random values differ: each tool draws its
# own cookies, nonces and Kcn), and what mipscope's dissector says of Scapy's.
lens() { "$MIPSCOPE" dissect -r "$1" -c "$SN" -T fields -e frame.len | md5sum | cut -d' ' -f1; }
same="no"
[[ $(lens "$BENCH_DIR/craft-mipscope.pcapng") == $(lens "$BENCH_DIR/craft-scapy.pcap") ]] && same="yes"
experts=$("$MIPSCOPE" dissect -r "$BENCH_DIR/craft-scapy.pcap" -q -z expert | grep -E '^ +[0-9]' | sed 's/^ */    /' || true)

m_rate=$(rate "$N" "$best_m")
s_rate=$(rate "$SN" "$best_s")
ratio=$(awk -v a="$m_rate" -v b="$s_rate" 'BEGIN { printf "%.0f", a / b }')
printf '%-34s %10s %12s %10s\n' "builder (rfc6275-rr)" "packets" "pkts/s" "RSS MiB"
printf '%-34s %10s %12s %10.1f\n' "mipscope craft scenario -w" "$N" "$m_rate" "$(awk -v k="$rss_m" 'BEGIN { print k / 1024 }')"
printf '%-34s %10s %12s %10s\n' "Scapy $SCAPY_VERSION (scapy_rr.py)" "$SN" "$s_rate" "-"
printf 'ratio %sx; same packet sizes in the same order: %s\n' "$ratio" "$same"
[[ -n $experts ]] && printf "mipscope's expert items on Scapy's packets:\n%s\n" "$experts"
status=0
[[ $same == yes ]] || { echo "FAIL: the two builders' packets differ in size" >&2; status=1; }
(( m_rate >= 1000000 )) || { echo "FAIL: mipscope below 1,000,000 pkts/s" >&2; status=1; }
(( ratio >= 500 )) || { echo "FAIL: below 500x Scapy" >&2; status=1; }
exit $status
