#!/usr/bin/env bash
# Set up VP Desktop from a checkout on Debian 12 (or a derivative) and start it or test it.
#
#   bash installer/setup-debian.sh app    install what is needed, start the app on a demo journal
#   bash installer/setup-debian.sh test   install what is needed, run the test suite
#   bash installer/setup-debian.sh build  only the Debian packages installer/build.sh needs
#
# Installs the Debian packages Qt needs (with sudo when not root), creates .venv in the
# checkout and installs VP Desktop into it. Safe to run again: it only adds what is missing.
set -euo pipefail

mode="${1:-app}"
shift || true
cd "$(dirname "$0")/.."

runtime_packages=(
  python3 python3-venv python3-pip
  libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libglib2.0-0 libxkbcommon0 libbrotli1
  fonts-dejavu-core
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1 libxcb-randr0
)
# strace: the no-network test; msitools, wixl: the MSI test (tests/test_installers.py);
# dbus-daemon: the screen-lock test over a private bus; at-spi2-core, python3-pyatspi,
# gir1.2-atspi-2.0, xdotool: the accessibility tree test (tests/atspi_harness.py, issue 12)
test_packages=(poppler-utils xvfb xauth strace msitools wixl dbus-daemon
               at-spi2-core python3-pyatspi gir1.2-atspi-2.0 xdotool)
# installer/build.sh: PyInstaller's ELF tools (binutils), RUNPATH clean-up, the .deb and its checks
build_packages=(binutils patchelf dpkg-dev xz-utils lintian appstream desktop-file-utils)

case "$mode" in
  app) packages=("${runtime_packages[@]}"); extras="" ;;
  test) packages=("${runtime_packages[@]}" "${test_packages[@]}"); extras="[test]" ;;
  build) packages=("${runtime_packages[@]}" "${build_packages[@]}"); extras="" ;;
  *) echo "gebruik: bash installer/setup-debian.sh app|test|build" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || {
      echo "Nodig: ${missing[*]}. Installeer die als root (apt-get install …) of installeer sudo." >&2
      exit 1
    }
    sudo="sudo"
  fi
  echo "Debian-pakketten installeren: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ "$mode" = build ]; then  # build.sh makes its own venvs under build/
  exit 0
fi

python_bin="$(command -v python3)"
"$python_bin" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "VP Desktop heeft Python 3.11 of nieuwer nodig." >&2; exit 1; }
[ -x .venv/bin/python ] || "$python_bin" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".${extras}"

if [ "$mode" = app ]; then
  exec .venv/bin/vp-desktop --demo "$@"
fi

export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check vp_desktop tests
.venv/bin/lint-imports --no-cache          # the layer table of the README, lazy imports too
.venv/bin/mypy vp_desktop/domain vp_desktop/storage vp_desktop/letters vp_desktop/stats \
  vp_desktop/services vp_desktop/dutch.py vp_desktop/i18n.py
run_pytest() {
  local status=0
  .venv/bin/python -m pytest "$@" || status=$?
  if [ "$status" -eq 5 ]; then
    echo "Er is geen enkele test uitgevoerd: dat telt als mislukt." >&2
    return 1
  fi
  return "$status"
}
if [ "$#" -gt 0 ]; then  # a chosen selection: run just that
  run_pytest "$@"
  exit $?
fi
# the default suite (fast), then the crash tests with real processes killed (slow)
run_pytest -m "not slow" -n 2   # two workers: the suite runs well inside a minute
run_pytest -m slow -q -n 2 --dist loadgroup   # the AT-SPI walk stays in one worker
