#!/usr/bin/env bash
# Everything the test suites need on a fresh Debian machine: OS packages from apt, then the
# locked npm dependencies. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Real Secret Service (libsecret + gnome-keyring on a private D-Bus) for the keychain adapter
# test; openssl makes the certificates of the TLS tests; dunst, Xvfb and libnotify receive real
# desktop notifications; chromium runs the end-to-end tests.
apt_packages=(libsecret-tools gnome-keyring dbus openssl libnotify-bin dunst xvfb xauth dbus-x11 x11-apps imagemagick chromium fonts-dejavu-core)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

npm ci --no-audit --no-fund
