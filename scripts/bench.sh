#!/usr/bin/env bash
# Throughput and memory benchmark: mipscope vs tshark on the same large capture.
#
#   scripts/bench.sh            full run: build, make captures, time tshark and mipscope in four
#                               output modes, print a table, exit 1 if a target is missed
#   scripts/bench.sh --smoke    CI check: 2,000-packet capture, mipscope only (no tshark), checks
#                               every mode exits 0 and prints pkts/s
#
# Targets (full run): mipscope pkts/s >= RATIO_TARGET x tshark pkts/s in every mode, and peak RSS
# <= RSS_TARGET_MIB, also on a capture twice as large (memory must not grow with the file).
#
# Environment overrides:
#   BENCH_DIR       where captures and logs go (default: <repo>/bench-out, git-ignored)
#   BENCH_PACKETS   packets in the main capture (default 200160; the 2x capture has twice that)
#   MIPSCOPE_RUNS   timed runs per mode, best kept (default 7: a run lasts tens of milliseconds,
#                   so scheduler jitter is a larger share of it than of tshark's seconds)
#   TSHARK_RUNS     timed runs per mode, best kept (default 3, as for mipscope: both tools get
#                   their best run, which matters on a machine whose speed varies)
#   BENCH_MODES     modes to run, space-separated (default: all of summary verbose json fields
#                   filter stats)
#   RATIO_TARGET    default 20
#   RSS_TARGET_MIB  default 32
#   MIPSCOPE_PREBUILT  a directory whose mipscope is already built: no build (the test suite's
#                   smoke run takes the binary it tested)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

SMOKE=0
for arg in "$@"; do
    case "$arg" in
        --smoke) SMOKE=1 ;;
        -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench.sh: unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done

BENCH_DIR=${BENCH_DIR:-$ROOT/bench-out}
N=${BENCH_PACKETS:-200160}
MIPSCOPE_RUNS=${MIPSCOPE_RUNS:-7}
TSHARK_RUNS=${TSHARK_RUNS:-3}
RATIO_TARGET=${RATIO_TARGET:-20}
RSS_TARGET_MIB=${RSS_TARGET_MIB:-32}
# Allowed RSS growth from the 1x to the 2x capture before it counts as "grows with file size".
RSS_GROWTH_TOL_MIB=${RSS_GROWTH_TOL_MIB:-2}

read -ra MODES <<<"${BENCH_MODES:-summary verbose json fields filter stats}"

declare -A MODE_ARGS=(
    [summary]=""
    [verbose]="-V"
    [json]="-T json"
    [fields]="-T fields -e frame.number -e ipv6.src -e mip6.mhtype -e mip6.bu.seqnr"
    # A display filter on Mobility Header fields (no spaces: the arguments are split on them).
    [filter]="-Y mip6.mhtype==5&&mip6.bu.a_flag==1"
    # Every statistics table (= mipscope stats), against tshark's conversation table.
    [stats]="-q -z mip6,stat"
)
# What tshark runs where it differs from mipscope's arguments.
declare -A TSHARK_ARGS=(
    [stats]="-q -z conv,ipv6"
)
declare -A MODE_LABEL=(
    [summary]="summary"
    [verbose]="-V"
    [json]="-T json"
    [fields]="-T fields -e ..."
    [filter]="-Y (MH fields)"
    [stats]="stats (-q -z)"
)

log() { printf '==> %s\n' "$*" >&2; }

echo_cmd() { printf '    $'; printf ' %q' "$@"; printf '\n'; } >&2

now_ns() { date +%s%N; }

# measure OUT_PREFIX CMD...: runs CMD once with stdout to /dev/null, stderr to a log.
# Sets M_SECS (wall seconds), M_RSS_KIB (peak RSS, or empty without /usr/bin/time), M_RC.
measure() {
    local log_file=$1; shift
    local rss_file="$log_file.rss" t0 t1
    t0=$(now_ns)
    if [[ -n "${TIME_BIN:-}" ]]; then
        if "$TIME_BIN" -f %M -o "$rss_file" "$@" >/dev/null 2>"$log_file"; then M_RC=0; else M_RC=$?; fi
    else
        if "$@" >/dev/null 2>"$log_file"; then M_RC=0; else M_RC=$?; fi
    fi
    t1=$(now_ns)
    M_SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')
    if [[ -n "${TIME_BIN:-}" ]]; then
        M_RSS_KIB=$(tail -n 1 "$rss_file" 2>/dev/null || true)
    else
        M_RSS_KIB=""
    fi
}

# best_of RUNS LOG CMD...: best wall time (B_SECS) and largest peak RSS (B_RSS_KIB) of RUNS runs;
# B_RC is the first non-zero exit status seen (0 if all succeeded).
best_of() {
    local runs=$1 log_file=$2 i; shift 2
    B_SECS="" B_RSS_KIB=0 B_RC=0
    for ((i = 0; i < runs; i++)); do
        measure "$log_file" "$@"
        if [[ $M_RC -ne 0 && $B_RC -eq 0 ]]; then B_RC=$M_RC; fi
        if [[ -z "$B_SECS" ]] || awk -v a="$M_SECS" -v b="$B_SECS" 'BEGIN { exit !(a < b) }'; then
            B_SECS=$M_SECS
        fi
        if [[ -n "$M_RSS_KIB" && "$M_RSS_KIB" =~ ^[0-9]+$ && $M_RSS_KIB -gt $B_RSS_KIB ]]; then
            B_RSS_KIB=$M_RSS_KIB
        fi
    done
}

rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "inf" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

make_capture() {
    local out=$1 n=$2
    if [[ ! -s "$out" ]]; then
        log "making $out ($n packets)"
        python3 "$ROOT/scripts/make_big_capture.py" "$out" "$n"
    fi
}

# The binary users get (scripts/mipscope): profile-guided (scripts/lib/release.sh); with
# MIPSCOPE_PREBUILT, the one already built there.
if [[ -n ${MIPSCOPE_PREBUILT:-} ]]; then log "prebuilt binary: $MIPSCOPE_PREBUILT/mipscope"; else log "release build (scripts/lib/release.sh)"; fi
. "$ROOT/scripts/lib/release.sh"
mipscope_bin "$ROOT"
MIPSCOPE="$MIPSCOPE_BIN"
[[ -x "$MIPSCOPE" ]] || { echo "bench.sh: $MIPSCOPE was not built" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Smoke mode (CI): tiny capture, mipscope only, checks exit status and output line count.
# ---------------------------------------------------------------------------------------------
if [[ $SMOKE -eq 1 ]]; then
    SMOKE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/mipscope-bench-smoke.XXXXXX")
    trap 'rm -rf "$SMOKE_DIR"' EXIT
    SN=2000
    make_capture "$SMOKE_DIR/smoke.pcap" "$SN"
    TIME_BIN=""
    status=0
    printf '%-18s %12s %8s\n' "mode" "pkts/s" "status"
    for mode in "${MODES[@]}"; do
        read -ra margs <<<"${MODE_ARGS[$mode]}"
        best_of 1 "$SMOKE_DIR/$mode.err" "$MIPSCOPE" dissect -r "$SMOKE_DIR/smoke.pcap" "${margs[@]}"
        st=ok
        if [[ $B_RC -ne 0 ]]; then
            st="exit $B_RC"; status=1
            sed 's/^/    /' "$SMOKE_DIR/$mode.err" >&2
        fi
        printf '%-18s %12s %8s\n' "${MODE_LABEL[$mode]}" "$(rate "$SN" "$B_SECS")" "$st"
    done
    lines=$("$MIPSCOPE" dissect -r "$SMOKE_DIR/smoke.pcap" | wc -l)
    if [[ $lines -ne $SN ]]; then
        echo "smoke: summary printed $lines lines for $SN packets" >&2
        status=1
    fi
    if [[ $status -eq 0 ]]; then echo "smoke: PASS"; else echo "smoke: FAIL"; fi
    exit $status
fi

# ---------------------------------------------------------------------------------------------
# Full run.
# ---------------------------------------------------------------------------------------------
command -v tshark >/dev/null || { echo "bench.sh: tshark not found (needed for the full run; try --smoke)" >&2; exit 1; }
if [[ ! -x /usr/bin/time ]]; then
    log "/usr/bin/time missing: installing the Debian 'time' package"
    SUDO=""
    [[ $(id -u) -ne 0 ]] && SUDO="sudo -n"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null \
        || { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null \
             && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null; }
fi
TIME_BIN=/usr/bin/time
[[ -x $TIME_BIN ]] || { echo "bench.sh: /usr/bin/time unavailable" >&2; exit 1; }

mkdir -p "$BENCH_DIR"
N2=$((2 * N))
CAP="$BENCH_DIR/big-$N.pcap"
CAP2="$BENCH_DIR/big-$N2.pcap"
make_capture "$CAP" "$N"
make_capture "$CAP2" "$N2"

# The harness's own cost (date, fork, /usr/bin/time, exec) is timed like a tool running
# `true` and taken off both tools' times, as hyperfine corrects for shell spawning: it is ~4 ms,
# a tenth of mipscope's packet-list run and nothing of tshark's.
HARNESS_SECS=""
for ((i = 0; i < 10; i++)); do
    measure "$BENCH_DIR/harness.err" true
    if [[ -z "$HARNESS_SECS" ]] || awk -v a="$M_SECS" -v b="$HARNESS_SECS" 'BEGIN { exit !(a < b) }'; then HARNESS_SECS=$M_SECS; fi
done
net() { awk -v s="$1" -v h="$HARNESS_SECS" 'BEGIN { d = s - h; if (d < 0.000001) d = 0.000001; printf "%.6f", d }'; }
log "harness overhead ${HARNESS_SECS}s (best of 10 runs of 'true'), subtracted from every timing below"

log "tshark $(tshark --version 2>/dev/null | head -n 1 | awk '{print $3}'), $(nproc) CPUs, $N packets ($((N2)) for the 2x RSS check)"
log "best of $TSHARK_RUNS tshark and $MIPSCOPE_RUNS mipscope runs per mode, taking turns; output to /dev/null"

declare -A T_RATE M_RATE RATIO RSS RSS2 RESULT
fail=0
for mode in "${MODES[@]}"; do
    read -ra margs <<<"${MODE_ARGS[$mode]}"
    read -ra targs <<<"${TSHARK_ARGS[$mode]:-${MODE_ARGS[$mode]}}"
    log "mode ${MODE_LABEL[$mode]}"

    echo_cmd tshark -r "$CAP" "${targs[@]}"
    echo_cmd "$MIPSCOPE" dissect -r "$CAP" "${margs[@]}"
    # The two tools take turns (tshark, mipscope, tshark, ...), so that a change in the
    # machine's speed during the run (a shared host's is seen to vary by half) hits both alike;
    # each keeps its best run.
    t_secs="" m_secs="" t_rc=0 m_rc=0 m_rss=0
    rounds=$(( TSHARK_RUNS > MIPSCOPE_RUNS ? TSHARK_RUNS : MIPSCOPE_RUNS ))
    for ((r = 0; r < rounds; r++)); do
        if (( r < TSHARK_RUNS )); then
            measure "$BENCH_DIR/tshark-$mode.err" tshark -r "$CAP" "${targs[@]}"
            [[ $M_RC -ne 0 && $t_rc -eq 0 ]] && t_rc=$M_RC
            if [[ -z "$t_secs" ]] || awk -v a="$M_SECS" -v b="$t_secs" 'BEGIN { exit !(a < b) }'; then t_secs=$M_SECS; fi
        fi
        if (( r < MIPSCOPE_RUNS )); then
            measure "$BENCH_DIR/mipscope-$mode.err" "$MIPSCOPE" dissect -r "$CAP" "${margs[@]}"
            [[ $M_RC -ne 0 && $m_rc -eq 0 ]] && m_rc=$M_RC
            if [[ -z "$m_secs" ]] || awk -v a="$M_SECS" -v b="$m_secs" 'BEGIN { exit !(a < b) }'; then m_secs=$M_SECS; fi
            if [[ -n "$M_RSS_KIB" && "$M_RSS_KIB" =~ ^[0-9]+$ && $M_RSS_KIB -gt $m_rss ]]; then m_rss=$M_RSS_KIB; fi
        fi
    done
    t_secs=$(net "$t_secs")
    m_secs=$(net "$m_secs")
    T_RATE[$mode]=$(rate "$N" "$t_secs")
    log "    tshark   ${t_secs}s  ${T_RATE[$mode]} pkts/s  rc=$t_rc"
    M_RATE[$mode]=$(rate "$N" "$m_secs")
    RSS[$mode]=$m_rss
    log "    mipscope ${m_secs}s  ${M_RATE[$mode]} pkts/s  rss=$(mib "$m_rss") MiB  rc=$m_rc"

    best_of 1 "$BENCH_DIR/mipscope-$mode-2x.err" "$MIPSCOPE" dissect -r "$CAP2" "${margs[@]}"
    m2_rc=$B_RC
    RSS2[$mode]=$B_RSS_KIB
    log "    mipscope 2x ${B_SECS}s  rss=$(mib "$B_RSS_KIB") MiB  rc=$m2_rc"

    RATIO[$mode]=$(awk -v m="${M_RATE[$mode]}" -v t="${T_RATE[$mode]}" 'BEGIN { if (t > 0) printf "%.1f", m / t; else print "0" }')
    why=()
    [[ $t_rc -ne 0 ]] && why+=("tshark exit $t_rc")
    [[ $m_rc -ne 0 || $m2_rc -ne 0 ]] && why+=("mipscope exit $m_rc/$m2_rc")
    awk -v r="${RATIO[$mode]}" -v t="$RATIO_TARGET" 'BEGIN { exit !(r >= t) }' || why+=("ratio<$RATIO_TARGET")
    max_rss=$(( RSS[$mode] > RSS2[$mode] ? RSS[$mode] : RSS2[$mode] ))
    (( max_rss <= RSS_TARGET_MIB * 1024 )) || why+=("rss>${RSS_TARGET_MIB}MiB")
    (( RSS2[$mode] <= RSS[$mode] + RSS_GROWTH_TOL_MIB * 1024 )) || why+=("rss grows")
    if [[ ${#why[@]} -eq 0 ]]; then
        RESULT[$mode]=PASS
    else
        RESULT[$mode]="FAIL (${why[*]})"
        fail=1
    fi
done

echo
echo "mipscope vs tshark, $N packets ($(du -h "$CAP" | cut -f1)), $(nproc) CPUs; targets: ratio >= $RATIO_TARGET, peak RSS <= $RSS_TARGET_MIB MiB"
echo "(times net of the harness's ${HARNESS_SECS}s; best of $TSHARK_RUNS tshark and $MIPSCOPE_RUNS mipscope runs, taking turns)"
printf '%-17s %14s %16s %8s %10s %13s  %s\n' "mode" "tshark pkts/s" "mipscope pkts/s" "ratio" "RSS MiB" "RSS 2x MiB" "result"
for mode in "${MODES[@]}"; do
    printf '%-17s %14s %16s %8s %10s %13s  %s\n' "${MODE_LABEL[$mode]}" "${T_RATE[$mode]}" "${M_RATE[$mode]}" \
        "${RATIO[$mode]}" "$(mib "${RSS[$mode]}")" "$(mib "${RSS2[$mode]}")" "${RESULT[$mode]}"
done
echo
if [[ $fail -eq 0 ]]; then echo "bench: PASS"; else echo "bench: FAIL"; fi
exit $fail
