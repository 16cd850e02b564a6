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
# REDRAWS (50), LIVE_RATE (100,000 packets/s), LIVE_SECS (5), CARGO_TARGET_DIR,
# MIPSCOPE_PREBUILT (a directory holding mipscope and examples/ already built: no build).
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

if [[ -n ${MIPSCOPE_PREBUILT:-} ]]; then
    # Already built there (the test suite's smoke run: what `cargo test` built and tested).
    log "prebuilt binaries: $MIPSCOPE_PREBUILT"
    MIPSCOPE="$MIPSCOPE_PREBUILT/mipscope"
    EXAMPLES="$MIPSCOPE_PREBUILT/examples"
    for b in "$MIPSCOPE" "$EXAMPLES/tui_bench" "$EXAMPLES/tui_live_bench"; do
        [[ -x $b ]] || { echo "bench-tui.sh: MIPSCOPE_PREBUILT: no $b" >&2; exit 1; }
    done
else
    log "cargo build --release (mipscope, the tui benchmarks)"
    # One invocation: built apart, the two would unify features differently and rebuild dissect each time.
    cargo build --release --quiet -p mipscope -p tui --bin mipscope --example tui_bench --example tui_live_bench
    MIPSCOPE="$TARGET/release/mipscope"
    EXAMPLES="$TARGET/release/examples"
fi
fail=0
load() { awk '{ printf "load average %s %s %s", $1, $2, $3 }' /proc/loadavg; printf ' on %s cores\n' "$(nproc)"; }

# ---------------------------------------------------------------------------------------------
# The file: first screen, index, G, redraws, filter, cancel (tui/examples/tui_bench.rs).
# ---------------------------------------------------------------------------------------------
if [[ $FILE_PART -eq 1 ]]; then
    if [[ $SMOKE -eq 1 ]]; then
        CAP_DIR=$(mktemp -d "${TMPDIR:-/tmp}/mipscope-bench-tui.XXXXXX")
        trap 'rm -rf "$CAP_DIR"' EXIT
    else
        CAP_DIR=$BENCH_DIR
    fi
    CAP="$CAP_DIR/tui-$N.pcapng"
    make_capture "$CAP" "$N"
    log "$(load) before the run"
    # Peak RSS of the whole run from the kernel (/usr/bin/time) where it is installed.
    TIME=()
    [[ -x /usr/bin/time ]] && TIME=(/usr/bin/time -f 'peak RSS (whole run, /usr/bin/time): %M KiB')
    out="$CAP_DIR/tui-bench.out"
    "${TIME[@]}" "$EXAMPLES/tui_bench" "$CAP" 'mip6.mhtype == 5' "$REDRAWS" >"$out" 2>&1 || { cat "$out"; exit 1; }
    cat "$out"
    log "$(load) after the run"
    grep -q ' FAIL$' "$out" && fail=1
fi

# ---------------------------------------------------------------------------------------------
# Live: a veth pair in a namespace of its own (documentation addresses only, deleted on any
# exit); the capture side (the app, libpcap, the spool) is started first, then LIVE_RATE
# frames a second are injected for LIVE_SECS on the other end of the pair.
# ---------------------------------------------------------------------------------------------
if [[ $LIVE_PART -eq 1 ]]; then
    if [[ $(id -u) -ne 0 ]] || ! command -v ip >/dev/null; then
        echo "live part skipped: it needs root and iproute2 (network namespaces)"
    else
        NS="mipscope-bench-tui-$$"
        LIVE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/mipscope-bench-tui-live.XXXXXX")
        cleanup() { ip netns del "$NS" 2>/dev/null || true; rm -rf "$LIVE_DIR"; }
        trap cleanup EXIT
        ip netns add "$NS"
        ip -n "$NS" link add va type veth peer name vb
        # IPv6 off in the namespace: the kernel sends nothing of its own on the pair.
        ip netns exec "$NS" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
        ip netns exec "$NS" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
        ip -n "$NS" link set va up
        ip -n "$NS" link set vb up
        # What is sent: a round of every scenario (their documentation addresses), in turn.
        for s in "${SCENARIOS[@]}"; do
            "$MIPSCOPE" craft scenario "$s" --count 1000 -w "$LIVE_DIR/one.pcapng"
            cat "$LIVE_DIR/one.pcapng" >>"$LIVE_DIR/frames.pcapng"
        done
        log "$(load) before the live run"
        ip netns exec "$NS" ${RECV_WRAP:-} "$EXAMPLES/tui_live_bench" recv vb $((LIVE_SECS + 30)) >"$LIVE_DIR/recv.out" 2>&1 &
        recv_pid=$!
        for ((i = 0; i < 100; i++)); do
            grep -q '^ready' "$LIVE_DIR/recv.out" && break
            sleep 0.1
        done
        grep -q '^ready' "$LIVE_DIR/recv.out" || { cat "$LIVE_DIR/recv.out"; echo "live: the capture side did not start" >&2; exit 1; }
        ip netns exec "$NS" "$EXAMPLES/tui_live_bench" send va "$LIVE_RATE" "$LIVE_SECS" "$LIVE_DIR/frames.pcapng"
        wait "$recv_pid" || { cat "$LIVE_DIR/recv.out"; exit 1; }
        grep -v '^ready' "$LIVE_DIR/recv.out"
        log "$(load) after the live run"
        grep -q ' FAIL$' "$LIVE_DIR/recv.out" && fail=1
    fi
fi

if [[ $SMOKE -eq 1 ]]; then
    echo "bench-tui smoke: ran (targets are for the full run)"
    exit 0
fi
exit $fail
