# Sourced by scripts/mipscope and scripts/test.sh: installs missing system packages with apt.
# `missing` is an array the caller fills; building mipscope itself needs libpcap (found through
# pkg-config), which build_deps adds.

build_deps() {
  command -v pkg-config >/dev/null 2>&1 || missing+=(pkgconf)
  pkg-config --exists libpcap 2>/dev/null || missing+=(libpcap-dev)
}

install_missing() {
  [ ${#missing[@]} -gt 0 ] || return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections 2>/dev/null || true
  $sudo apt-get update -q >&2
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}
