#!/bin/sh
# Machine set-up for `npm test`, run by it before vitest (and safe to run by hand):
#   - Java 17 or newer: DynamoDB Local, the stand-in for DynamoDB in integration and e2e tests, is a Java program;
#   - Debian's Chromium at /usr/bin/chromium: the browser tests drive it (playwright-core never
#     downloads a browser of its own).
# What is present is left alone, so on a ready machine this does nothing and needs no network.
# What is missing is installed from Debian's packages through apt (with sudo when not root); when
# that is not possible it stops with the command to run by hand. The tests only check.
set -eu

CHROMIUM=/usr/bin/chromium
JAVA_PACKAGE=openjdk-17-jre-headless
CHROMIUM_PACKAGE=chromium

java_major() {
  # `openjdk version "17.0.15" 2025-04-15`; Java 8 and older say "1.8.0_…".
  java -version 2>&1 | sed -n 's/^[^"]*version "\([0-9]*\).*/\1/p' | head -n 1
}

has_java() {
  command -v java >/dev/null 2>&1 || return 1
  major=$(java_major)
  [ -n "$major" ] && [ "$major" -ge 17 ]
}

has_chromium() {
  [ -x "$CHROMIUM" ]
}

missing=""
has_java || missing="$missing $JAVA_PACKAGE"
has_chromium || missing="$missing $CHROMIUM_PACKAGE"
[ -z "$missing" ] && exit 0

echo "setup-machine: installing from Debian's packages:$missing" >&2

give_up() {
  echo "setup-machine: $1" >&2
  echo "setup-machine: install them by hand, then run npm test again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends$missing" >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || give_up "apt-get is not available on this machine."
if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif command -v sudo >/dev/null 2>&1; then
  # Without a terminal sudo cannot ask for a password: -n makes it fail at once instead of hanging.
  if [ -t 0 ]; then as_root="sudo"; else as_root="sudo -n"; fi
else
  give_up "not root, and sudo is not available."
fi

# shellcheck disable=SC2086 # $as_root and $missing are word lists on purpose.
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q ||
  give_up "apt-get update failed (no network or no permission?)."
# shellcheck disable=SC2086
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing ||
  give_up "apt-get install failed."

has_java || give_up "$JAVA_PACKAGE is installed, but \`java -version\` does not report Java 17 or newer."
has_chromium || give_up "$CHROMIUM_PACKAGE is installed, but $CHROMIUM is missing."
echo "setup-machine: done." >&2
