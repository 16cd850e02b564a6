# Sourced by scripts/mipscope and scripts/test.sh: installs missing system packages with apt.
# `missing` is an array the caller fills; building mipscope itself needs libpcap (found through
# pkg-config), which build_deps adds.

# A /dev/null that became a regular file (deleted, then recreated by the next `> /dev/null`)
# hands everything thrown away to whoever reads it: cargo's `rustc -` probe then reads the
# build's old error messages as source and every build fails. Made a device again when root.
sane_dev_null() {
  [ -c /dev/null ] && return 0
  echo "/dev/null is not a character device: recreating it" >&2
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo rm -f /dev/null && $sudo mknod -m 666 /dev/null c 1 3
}

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
