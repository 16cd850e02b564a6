#!/usr/bin/env bash
# `mipscope flow` benchmark: how long drawing 10,000 messages takes (target: under a second).
#
#   scripts/bench-flow.sh [CAPTURE]
#
# Reads the first FLOW_MESSAGES (default 10000) signalling frames of CAPTURE (default: the
# benchmark capture scripts/bench.sh uses, made with scripts/make_big_capture.py when missing)
# and draws them as text and as SVG, FLOW_RUNS times each (default 5, best kept). Prints the
# seconds, messages per second and peak RSS per format; exits 1 if a format takes a second or
# more. Builds the release binary first (CARGO_TARGET_DIR is honoured).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BENCH_DIR=${BENCH_DIR:-$ROOT/bench-out}
MSGS=${FLOW_MESSAGES:-10000}
RUNS=${FLOW_RUNS:-5}
mkdir -p "$BENCH_DIR"
CAP=${1:-$BENCH_DIR/big-200160.pcap}
if [[ ! -f $CAP ]]; then
    python3 scripts/make_big_capture.py "$CAP" 200160
fi
# The binary users get (scripts/mipscope): profile-guided (scripts/lib/release.sh).
. "$ROOT/scripts/lib/release.sh"
release_build "$ROOT"
BIN="$MIPSCOPE_BIN"

# Signalling frames only, so that -c counts drawn messages.
FILTER='mipv6 || mip'
arrows=$("$BIN" flow -r "$CAP" -Y "$FILTER" -c "$MSGS" --format svg | grep -c 'class="arrow"' || true)
fail=0
printf '%-6s %8s %10s %12s %10s\n' format arrows seconds "messages/s" "RSS MiB"
for fmt in text svg; do
    best=
    rss=0
    for _ in $(seq "$RUNS"); do
        out=$( { /usr/bin/time -f '%e %M' "$BIN" flow -r "$CAP" -Y "$FILTER" -c "$MSGS" --format "$fmt" >/dev/null; } 2>&1 | tail -1)
        t=${out% *}
        m=${out#* }
        if [[ -z $best ]] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
        ((m > rss)) && rss=$m
    done
    rate=$(awk "BEGIN{printf \"%.0f\", $arrows / ($best > 0 ? $best : 0.01)}")
    printf '%-6s %8s %10s %12s %10s\n' "$fmt" "$arrows" "$best" "$rate" "$((rss / 1024))"
    if awk "BEGIN{exit !($best >= 1.0)}"; then
        echo "bench-flow.sh: $fmt took ${best}s for $arrows messages (target: under 1 s)" >&2
        fail=1
    fi
done
exit $fail
