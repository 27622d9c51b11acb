#!/usr/bin/env bash
# Publishes src/BackCareBot.Web for ./run.sh and bench/run.sh and prints the folder it went to (the last line of stdout):
# - Native AOT (bin/Release/native): one executable compiled ahead of time, so nothing waits for the JIT at start-up
#   (bench/README.md, "Native AOT"). It needs clang and zlib1g-dev, installed here with apt-get when missing (as root).
# - ReadyToRun (bin/Release/publish), as before, when the Native AOT publish cannot be built: with a message that says
#   why. BOT_PUBLISH=r2r asks for it directly.
# Publishing is incremental; the first Native AOT publish takes several minutes (the native compile of the whole app).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
web="$root/src/BackCareBot.Web"
native="$web/bin/Release/native" r2r="$web/bin/Release/publish"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The native toolchain the ILCompiler package links with: clang, and zlib's headers and library.
has_aot_tools() { command -v clang >/dev/null && [ -e /usr/include/zlib.h ]; }
aot_tools() {
  has_aot_tools && return 0
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || { echo "clang or zlib1g-dev is missing (and this is not a root shell with apt-get to install them)"; return 1; }
  echo "==> installing clang and zlib1g-dev for the Native AOT publish" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev; } >/dev/null 2>&1 \
    || { echo "apt-get could not install clang and zlib1g-dev"; return 1; }
  has_aot_tools || { echo "clang or zlib1g-dev is still missing after apt-get"; return 1; }
}

rid() {
  case "$(uname -m)" in x86_64) echo linux-x64 ;; aarch64) echo linux-arm64 ;; *) return 1 ;; esac
}

aot() {
  local why
  [ "$(uname -s)" = Linux ] && rid >/dev/null || { echo "Native AOT is published here only for Linux x64 and arm64"; return 1; }
  why="$(aot_tools)" || { echo "$why"; return 1; }
  dotnet publish "$web" -c Release -r "$(rid)" -p:BotNativeAot=true -o "$native" --nologo -v q >&2 \
    || { echo "the Native AOT publish failed (its errors are above)"; return 1; }
}

if [ "${BOT_PUBLISH:-aot}" != r2r ]; then
  if why="$(aot)"; then
    echo "$native"; exit 0
  fi
  echo "==> Native AOT not published: $why; publishing ReadyToRun instead (slower first turn, more memory)" >&2
fi
# A stale native build must not be taken for this one.
rm -rf "$native"
dotnet publish "$web" -c Release -o "$r2r" --nologo -v q >&2
echo "$r2r"
