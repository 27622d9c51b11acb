#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK: the Node test tools (from the lock file), Debian's
# Chromium for the browser tests and the Noto CJK fonts for their Chinese screenshots. Safe to run again: each
# step is skipped when already done.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if [ ! -d "$root/tools/node/node_modules" ] || [ "$root/tools/node/package-lock.json" -nt "$root/tools/node/node_modules/.package-lock.json" ]; then
  echo "==> npm ci (tools/node)"
  (cd "$root/tools/node" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Polyfills for the Direct Line client test, and the Web Chat bundle the bot serves (the build also does this).
for dir in tests/BackCareBot.EndToEnd.Tests/node src/BackCareBot.Web/webchat; do
  if [ ! -d "$root/$dir/node_modules" ] || [ "$root/$dir/package-lock.json" -nt "$root/$dir/node_modules/.package-lock.json" ]; then
    echo "==> npm ci ($dir)"
    (cd "$root/$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

# Debian's Chromium for the browser tests, and Noto CJK so that Chinese text in screenshots is text, not boxes.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt-get install ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
