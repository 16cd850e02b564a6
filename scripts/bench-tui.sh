#!/usr/bin/env bash
# Terminal UI benchmark (issue 16, "Speed"): `mipscope tui` on a capture of ~11 M mobility
# packets, driven without a terminal (tui/examples/tui_bench.rs: the real State, indexer,
# filter pass and widgets into a ratatui TestBackend), then a live capture at 100 k packets/s
# in a network namespace pair.
#
#   scripts/bench-tui.sh            full run: builds, makes the capture (once, kept), measures,
#                                   prints every figure with its target and PASS/FAIL, then the
#                                   live part (root only; skipped with a message otherwise);
#                                   exits 1 if a target is missed
#   scripts/bench-tui.sh --smoke    CI check: a 50,000-packet capture, the same measurements
#                                   (targets printed, not enforced), no live part
#   scripts/bench-tui.sh --no-live  the file part only
#   scripts/bench-tui.sh --live     the live part only
#
# The capture is mixed signalling: every `mipscope craft scenario` in turn (RFC 6275 return
# routability, PMIPv6, multiple care-of addresses, NEMO, the MAG reflector, Mobile IPv4 HAaRO,
# PMIPv6 route optimisation), CHUNK packets at a time with its own seed, written as one pcapng
# section each and concatenated (a pcapng file may hold several sections), times increasing.
#
# Environment: BENCH_DIR (default <repo>/bench-out), TUI_PACKETS (11,000,000), CHUNK (100,000),
# REDRAWS (50), LIVE_RATE (100,000 packets/s), LIVE_SECS (5), CARGO_TARGET_DIR.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SMOKE=0 FILE_PART=1 LIVE_PART=1
for arg in "$@"; do
    case "$arg" in
        --smoke) SMOKE=1 LIVE_PART=0 ;;
        --no-live) LIVE_PART=0 ;;
        --live) FILE_PART=0 ;;
        -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-tui.sh: unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done
BENCH_DIR=${BENCH_DIR:-$ROOT/bench-out}
N=${TUI_PACKETS:-11000000}
CHUNK=${CHUNK:-100000}
REDRAWS=${REDRAWS:-50}
LIVE_RATE=${LIVE_RATE:-100000}
LIVE_SECS=${LIVE_SECS:-5}
if [[ $SMOKE -eq 1 ]]; then N=50000 CHUNK=5000 REDRAWS=10; fi
mkdir -p "$BENCH_DIR"
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}

log() { printf '==> %s\n' "$*" >&2; }

SCENARIOS=(rfc6275-rr pmipv6 mcoa nemo-vmn-ro mag-reflector mip4-haaro pmipv6-ro)

# make_capture OUT N: the mixed capture, made once (kept for the next run; a partial one is
# never left under the final name).
make_capture() {
    local out=$1 n=$2 part="$1.part" k=0 left=$2 c s start
    [[ -s "$out" ]] && return 0
    log "making $out ($n packets, $CHUNK-packet sections of each scenario in turn)"
    : >"$part"
    while ((left > 0)); do
        s=${SCENARIOS[k % ${#SCENARIOS[@]}]}
        c=$((left < CHUNK ? left : CHUNK))
        # A section lasts under 1,000 s (a packet every 10 ms at most): the next starts after it.
        start=$((1767225600 + k * 1000))
        "$MIPSCOPE" craft scenario "$s" --count "$c" -p "seed=$((k + 1))" -p "start=$start" -w "$part.one"
        cat "$part.one" >>"$part"
        left=$((left - c)) k=$((k + 1))
    done
    rm -f "$part.one"
    mv "$part" "$out"
}
