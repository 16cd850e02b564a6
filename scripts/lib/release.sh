# Sourced by scripts/mipscope and scripts/bench.sh: builds the release binary the way users get
# it, with profile-guided optimisation (PGO), and sets MIPSCOPE_BIN to it.
#
# Why PGO: mipscope's time is spread over hundreds of small decisions per frame (which header,
# which option, which rule applies), with no hot loop left to tune by hand. Telling the compiler
# which way each branch goes on real traffic made the packet list about 20 % faster, -V and the
# statistics about 15 % (README, "Performance").
#
# How: an instrumented build (target/pgo-gen) dissects the repository's own captures (every
# fixture in every output mode, both code-point profiles) and a few thousand packets of each
# crafted scenario, then the counts it wrote are merged (llvm-profdata, rustup's llvm-tools)
# and the real build (target/pgo) is compiled with them. The training runs again only when the
# instrumented binary is newer than the profile (the sources changed). Without rustup's
# llvm-tools, or with MIPSCOPE_PGO=0, it is a plain `cargo build --release` (target/release).

release_build() {
  local root="${1:?root}" host sysroot profdata gen use raw merged sum
  local target="${CARGO_TARGET_DIR:-$root/target}"
  MIPSCOPE_BIN="$target/release/mipscope"
  if [ "${MIPSCOPE_PGO:-1}" = 0 ]; then
    cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p mipscope
    return
  fi
  host=$(rustc -vV | sed -n 's/^host: //p')
  sysroot=$(rustc --print sysroot)
  profdata="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
  if [ ! -x "$profdata" ] && command -v rustup >/dev/null 2>&1; then
    echo "installing: rustup component llvm-tools (llvm-profdata, for the optimised build)" >&2
    rustup component add llvm-tools >&2 || true
  fi
  if [ ! -x "$profdata" ]; then
    echo "llvm-profdata not found: a plain release build (MIPSCOPE_PGO=0 says so)" >&2
    cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p mipscope
    return
  fi
  gen="$target/pgo-gen"
  use="$target/pgo"
  raw="$gen/profraw"
  merged="$gen/merged.profdata"
  [ -x "$use/release/mipscope" ] ||
    echo "building mipscope: an instrumented build, a training run, the optimised build (minutes, once)" >&2
  RUSTFLAGS="-Cprofile-generate=$raw" cargo build --release --quiet --manifest-path "$root/Cargo.toml" \
    --target-dir "$gen" -p mipscope
  if [ ! -s "$merged" ] || [ "$gen/release/mipscope" -nt "$merged" ]; then
    echo "profiling mipscope on its own captures (once per change of the sources)" >&2
    rm -rf "$raw"
    pgo_train "$root" "$gen/release/mipscope"
    if ! "$profdata" merge -o "$merged.new" "$raw"; then
      echo "the training run left no profile: a plain release build" >&2
      cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p mipscope
      return
    fi
    mv "$merged.new" "$merged"
  fi
  # The profile is named by its content, so that a new one is a new flag and Cargo rebuilds.
  sum=$(cksum <"$merged" | cut -d' ' -f1)
  mkdir -p "$use"
  [ -s "$use/train-$sum.profdata" ] || { rm -f "$use"/train-*.profdata; cp "$merged" "$use/train-$sum.profdata"; }
  RUSTFLAGS="-Cprofile-use=$use/train-$sum.profdata" cargo build --release --quiet \
    --manifest-path "$root/Cargo.toml" --target-dir "$use" -p mipscope
  MIPSCOPE_BIN="$use/release/mipscope"
}

# The training run: what users do with mipscope, on the repository's captures. Output is
# discarded; a failure here (a capture a mode refuses) only means fewer counts.
pgo_train() {
  local root=$1 bin=$2 tmp f mode prof name
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/mipscope-pgo.XXXXXX")
  for name in $("$bin" craft scenario --list 2>/dev/null | awk '/^[a-z0-9]/ { print $1 }'); do
    "$bin" craft scenario "$name" --count 4000 -w "$tmp/scenario-$name.pcapng" >/dev/null 2>&1 || true
  done
  for f in "$root"/captures/crafted/*.pcap* "$root"/captures/real/*.pcap* "$tmp"/scenario-*.pcapng; do
    [ -f "$f" ] || continue
    for prof in rfc draft; do
      for mode in "" "-V" "-T json" "-T fields -e frame.number -e ipv6.src -e mip6.mhtype -e mip6.bu.seqnr" \
        "-Y mipv6" "-q -z mip6,stat"; do
        # shellcheck disable=SC2086 # the mode is several arguments
        "$bin" dissect -r "$f" --profile "$prof" $mode >/dev/null 2>&1 || true
      done
      "$bin" check -r "$f" --profile "$prof" >/dev/null 2>&1 || true
      "$bin" flow -r "$f" --profile "$prof" >/dev/null 2>&1 || true
    done
  done
  rm -rf "$tmp"
}
