#!/usr/bin/env bash
# A/B of runtime settings on the published bot (bench/README.md, "Comparing settings"): each variant is a list of
# environment assignments for the bot (DOTNET_* runtime knobs, app settings as Section__Key=value, or BOT_DIR=<a
# publish folder> to run another build, ReadyToRun or Native AOT); the variants run one after the other on fresh
# processes and empty stores, ROUNDS times in turn (ABAB...), with the same load, and each prints its CPU ms per turn (/proc: over the whole load
# run, and over the measured window alone, after the warm-up), turns/s, p99 and
# peak RSS, and the time and CPU to its first answered turn. Nothing is published: run bench/run.sh (or dotnet publish) first.
# Usage: VARIANTS='|DOTNET_GCgen0size=0x400000|DOTNET_GCConserveMemory=5' bench/compare.sh
# Settings: VARIANTS ('|' between variants; the empty variant is the bot as bench/run.sh starts it), ROUNDS (2),
# USERS (8), WARMUP (5 s), DURATION (15 s), OURS_PORT (3980), CONNECTOR_PORT (3990), KEEP (a folder: each run's
# figures, with the per-step p50/p99 of the load generator, as r<round>-v<variant>.json, its measured turns as .csv).
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench/.." && pwd)"
users="${USERS:-8}" warmup="${WARMUP:-5}" duration="${DURATION:-15}" rounds="${ROUNDS:-2}"
# Other ports (OURS_PORT, CONNECTOR_PORT) let two comparisons run on one machine.
ours_port="${OURS_PORT:-3980}" connector_port="${CONNECTOR_PORT:-3990}"
web="$root/src/BackCareBot.Web"
load="$bench/BackCareBot.Load/bin/Release/net10.0/BackCareBot.Load.dll"
work="$(mktemp -d "${TMPDIR:-/tmp}/compare.XXXXXX")"
[ -z "${KEEP:-}" ] || { mkdir -p "$KEEP"; KEEP="$(cd "$KEEP" && pwd)"; }
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
source "$bench/lib.sh"
# The build bench/run.sh last published: Native AOT (scripts/publish-bot.sh), else ReadyToRun.
default_dir="$web/bin/Release/native"
[ -x "$default_dir/BackCareBot.Web" ] || default_dir="$web/bin/Release/publish"
IFS='|' read -r -a variants <<<"${VARIANTS:-}"
[ "${#variants[@]}" -gt 0 ] || variants=("")

echo "| Variant | Round | CPU ms/turn | Steady CPU ms/turn | Turns/s | p99 ms | Peak RSS MB | Failed | First turn ms (CPU ms) | Load average |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
for round in $(seq 1 "$rounds"); do
  for index in "${!variants[@]}"; do
    variant="${variants[$index]}"
    dir="$default_dir" settings=()
    for assignment in $variant; do
      case "$assignment" in BOT_DIR=*) dir="${assignment#BOT_DIR=}" ;; *) settings+=("$assignment") ;; esac
    done
    bot_command "$dir"
    rm -rf "$work/state"
    start_ms=$(date +%s%3N)
    # The runtime settings the Bicep gives App Service, then the variant's (later assignments win).
    (cd "$web" && exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_EnableWriteXorExecute=0 DOTNET_GCgen0size=600000 \
      Storage__DataFolder="$work/state" "${settings[@]}" "${bot_cmd[@]}" --urls "http://127.0.0.1:$ours_port" >"$work/ours.log" 2>&1) &
    ours_pid=$!; pids+=("$ours_pid")
    first_cpu_file="$work/first-cpu"
    first_ms=$(first_turn "$ours_port" "$start_ms" "$ours_pid")
    samples_file="${KEEP:+$KEEP/r$round-v$index.csv}"
    run_load "v$index" "$ours_port" "$ours_pid" "$work/ours.log" 2>/dev/null
    [ -z "${KEEP:-}" ] || cp "$work/v$index.full.json" "$KEEP/r$round-v$index.json"
    kill "$ours_pid"; wait "$ours_pid" 2>/dev/null || true
    jq -r --arg name "${variant:-(as bench/run.sh)}" --arg round "$round" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
      --arg first "$first_ms ($(cat "$first_cpu_file"))" \
      '"| \($name) | \($round) | \(.cpuMsPerTurn) | \(.steadyCpuMsPerTurn) | \(.turnsPerSecond) | \(.p99Ms) | \(.vmHwmMb) | \(.failures) | \($first) | \($load) |"' "$work/v$index.full.json"
  done
done
