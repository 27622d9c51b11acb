#!/usr/bin/env bash
# Renders every exercise picture in dialogs/images/*.svg (the editable source) to the PNG beside it, at twice the
# SVG's size. Adaptive Cards accept PNG, JPEG and GIF only, so the cards link to the PNGs. Run it after editing an SVG.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for svg in dialogs/images/*.svg; do
  size=$(grep -o 'width="[0-9]*" height="[0-9]*"' "$svg" | head -1 | sed -E 's/width="([0-9]+)" height="([0-9]+)"/\1,\2/')
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$profile" --force-device-scale-factor=2 --hide-scrollbars \
    --window-size="$size" --screenshot="$PWD/${svg%.svg}.png" "file://$PWD/$svg" >/dev/null 2>&1
  echo "${svg%.svg}.png"
done
