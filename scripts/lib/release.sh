# Sourced by scripts/mipscope, bench.sh, bench-craft.sh and bench-flow.sh: builds the release
# binary the way users get it, with profile-guided optimisation (PGO), and sets MIPSCOPE_BIN.
#
# Why PGO: mipscope's time is spread over hundreds of small decisions per frame (which header,
# which option, which rule applies), with no hot loop left to tune by hand. Telling the compiler
# which way each branch goes on real traffic made the packet list about 15 % faster, -Y about
# 20 %, -V and the statistics about 10 % (README, "Performance").
#
# How: an instrumented build (target/pgo-gen) dissects the repository's own captures (every
# fixture in every output mode, both code-point profiles) and a few thousand packets of each
# crafted scenario, then the counts it wrote are merged (llvm-profdata, rustup's llvm-tools)
# and the real build (target/pgo) is compiled with them. The training runs again only when the
# sources (the instrumented binary is newer than the profile) or this file change. Without rustup's
# llvm-tools, or with MIPSCOPE_PGO=0, it is a plain `cargo build --release` (target/release).

# The binary to run: MIPSCOPE_PREBUILT names a directory whose `mipscope` is already built (the
# test suite's smoke runs take the one `cargo test` just built and tested: the optimised build
# is three whole-program builds, 7 of CI's 23 minutes on two cores); else `release_build`.
mipscope_bin() {
  if [ -n "${MIPSCOPE_PREBUILT:-}" ]; then
    MIPSCOPE_BIN="$MIPSCOPE_PREBUILT/mipscope"
    [ -x "$MIPSCOPE_BIN" ] || { echo "MIPSCOPE_PREBUILT: no $MIPSCOPE_BIN" >&2; return 1; }
    return 0
  fi
  release_build "$1"
}

release_build() {
  local root="${1:?root}" host sysroot profdata gen use raw merged sum fd recipe
  local target="${CARGO_TARGET_DIR:-$root/target}"
  # Absolute: rustc runs each dependency's build from that crate's own directory, where a
  # relative profile path does not exist.
  mkdir -p "$target" && target=$(cd "$target" && pwd)
  MIPSCOPE_BIN="$target/release/mipscope"
  if [ "${MIPSCOPE_PGO:-1}" = 0 ]; then
    plain_build "$root" "$target"
    return
  fi
  host=$(rustc -vV | sed -n 's/^host: //p')
  sysroot=$(rustc --print sysroot)
  profdata="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
  # One attempt a day to install it (offline, every call would try again).
  if [ ! -x "$profdata" ] && command -v rustup >/dev/null 2>&1 &&
    [ -z "$(find "$target/.no-llvm-tools" -mtime -1 2>/dev/null)" ]; then
    echo "installing: rustup component llvm-tools (llvm-profdata, for the optimised build)" >&2
    rustup component add llvm-tools >&2 || touch "$target/.no-llvm-tools"
  fi
  if [ ! -x "$profdata" ]; then
    echo "llvm-profdata not found: a plain release build (MIPSCOPE_PGO=0 skips the attempt)" >&2
    plain_build "$root" "$target"
    return
  fi
  gen="$target/pgo-gen"
  use="$target/pgo"
  raw="$gen/profraw"
  merged="$gen/merged.profdata"
  mkdir -p "$gen" "$use"
  # Two builds at once (`scripts/mipscope craft … | scripts/mipscope dissect -r -` on a fresh
  # checkout) would train into, and merge from, the same files: one at a time.
  exec {fd}>"$gen/.lock"
  command -v flock >/dev/null 2>&1 && flock "$fd"
  [ -x "$use/release/mipscope" ] ||
    echo "building mipscope: an instrumented build, a training run, the optimised build (minutes, once)" >&2
  CARGO_ENCODED_RUSTFLAGS=$(rustflags "-Cprofile-generate=$raw") cargo build --release --quiet \
    --manifest-path "$root/Cargo.toml" --target-dir "$gen" -p mipscope
  # The profile is stale when the sources changed (the instrumented binary is newer) or the
  # training did (this file); a training that failed is not tried again until either changes.
  recipe=$(cksum <"${BASH_SOURCE[0]}" | cut -d' ' -f1)
  fresh() { [ -s "$merged" ] && [ ! "$gen/release/mipscope" -nt "$merged" ] && [ "$(cat "$gen/.recipe" 2>/dev/null)" = "$recipe" ]; }
  if ! fresh && { [ "$gen/release/mipscope" -nt "$gen/.failed" ] || [ "$(cat "$gen/.failed" 2>/dev/null)" != "$recipe" ]; }; then
    echo "profiling mipscope on its own captures (once per change of the sources)" >&2
    rm -rf "$raw"
    pgo_train "$root" "$gen/release/mipscope"
    if "$profdata" merge -o "$merged.new" "$raw"; then
      mv "$merged.new" "$merged"
      echo "$recipe" >"$gen/.recipe"
      rm -f "$gen/.failed"
    else
      rm -f "$merged" "$merged.new"
      echo "$recipe" >"$gen/.failed"
    fi
  fi
  if ! fresh; then
    echo "the training run left no profile: a plain release build" >&2
    exec {fd}>&-
    plain_build "$root" "$target"
    return
  fi
  # The profile is named by its content, so that a new one is a new flag and Cargo rebuilds.
  sum=$(cksum <"$merged" | cut -d' ' -f1)
  [ -s "$use/train-$sum.profdata" ] || { rm -f "$use"/train-*.profdata; cp "$merged" "$use/train-$sum.profdata"; }
  CARGO_ENCODED_RUSTFLAGS=$(rustflags "-Cprofile-use=$use/train-$sum.profdata") cargo build --release --quiet \
    --manifest-path "$root/Cargo.toml" --target-dir "$use" -p mipscope
  exec {fd}>&-
  MIPSCOPE_BIN="$use/release/mipscope"
}

plain_build() {
  cargo build --release --quiet --manifest-path "$1/Cargo.toml" --target-dir "$2" -p mipscope
}

# The user's flags (CARGO_ENCODED_RUSTFLAGS, else RUSTFLAGS), then `$1`, in Cargo's encoding
# (separated by 0x1f): a path with spaces stays one argument.
rustflags() {
  local user="${CARGO_ENCODED_RUSTFLAGS:-}"
  if [ -z "$user" ] && [ -n "${RUSTFLAGS:-}" ]; then
    user=$(printf '%s' "$RUSTFLAGS" | tr -s ' \t' '\037\037' | sed 's/^\x1f//; s/\x1f$//')
  fi
  if [ -n "$user" ]; then printf '%s\037%s' "$user" "$1"; else printf '%s' "$1"; fi
}

# The training run: what users do with mipscope, on the repository's captures. Output is
# discarded; a failure here (a capture a mode refuses) only means fewer counts.
pgo_train() {
  local root=$1 bin=$2 tmp f mode prof name
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/mipscope-pgo.XXXXXX")
  trap 'rm -rf "$tmp"' INT TERM
  for name in $("$bin" craft scenario --list 2>/dev/null </dev/null | awk '/^[a-z0-9]/ { print $1 }'); do
    "$bin" craft scenario "$name" --count 4000 -w "$tmp/scenario-$name.pcapng" >/dev/null 2>&1 </dev/null || true
  done
  for f in "$root"/captures/crafted/*.pcap* "$root"/captures/real/*.pcap* "$tmp"/scenario-*.pcapng; do
    [ -f "$f" ] || continue
    for prof in rfc draft; do
      for mode in "" "-V" "-T json" "-T fields -e frame.number -e ipv6.src -e mip6.mhtype -e mip6.bu.seqnr" \
        "-Y mipv6" "-q -z mip6,stat"; do
        # shellcheck disable=SC2086 # the mode is several arguments
        "$bin" dissect -r "$f" --profile "$prof" $mode >/dev/null 2>&1 </dev/null || true
      done
      "$bin" check -r "$f" --profile "$prof" >/dev/null 2>&1 </dev/null || true
      "$bin" flow -r "$f" --profile "$prof" >/dev/null 2>&1 </dev/null || true
    done
  done
  rm -rf "$tmp"
  trap - INT TERM
}
