#!/usr/bin/env bash
# Runs every test mipscope has. Installs what the tests need (tshark, the cell-by-cell
# oracle) when it is missing, then runs the whole Cargo test suite and a benchmark smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/lib/deps.sh
sane_dev_null
missing=()
command -v tshark >/dev/null 2>&1 || missing+=(tshark)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# Live capture: libpcap to build and link against, `ip` for the network namespaces
# tests/live.rs creates.
build_deps
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
# The terminal UI's end-to-end test runs the binary in a tmux pane (tests/tui.rs).
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
install_missing

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Hygiene first: formatting and lints are part of the suite, not a separate habit.
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
# The suite runs as root in CI: the live tests must run there, not skip.
MIPSCOPE_LIVE_REQUIRED=1 cargo test --workspace 2>&1 | tee "$log"
# No test may leave the machine worse: a /dev/null turned into a file breaks every later build.
[ -c /dev/null ] || { echo "the tests left /dev/null a regular file" >&2; exit 1; }
# The fixtures re-read by an independent parser (checksums HAO/RH2 aware, MH layouts).
verify=$(python3 captures/make_fixtures.py --verify 2>&1) || { echo "$verify"; exit 1; }
echo "fixtures: ${verify##*$'\n'}"
if [ -x scripts/bench.sh ]; then
  # The smoke runs check that the benchmarks run, with the binaries the tests above built and
  # passed (target/debug): building the optimised binary (profile-guided, three whole-program
  # builds) took 11 of the suite's 23 minutes. Full benchmarks build it (`scripts/bench.sh`).
  target=${CARGO_TARGET_DIR:-target}
  export MIPSCOPE_PREBUILT
  MIPSCOPE_PREBUILT=$(cd "$target/debug" && pwd)
  scripts/bench.sh --smoke
  # Crafting streams: a scenario written to a file keeps memory flat whatever its count.
  scripts/bench-craft.sh --smoke
  # The terminal UI on a 50,000-packet capture: first screen, index, redraws, a filter.
  scripts/bench-tui.sh --smoke
fi
# One closing line for the whole suite (cargo's last line is the doc-test run, often empty).
awk '/^test result:/ { p += $4; f += $6 } END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
