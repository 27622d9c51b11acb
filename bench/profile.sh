#!/usr/bin/env bash
# Where the published bot's CPU goes under the bench load (bench/README.md, "Where the CPU goes"): starts the bot
# as bench/run.sh does (without publishing it again: run bench/run.sh or ./run.sh first), samples it with `perf
# record` (software cpu-clock events, so it works without hardware counters) while the load generator walks
# bench/conversation.json, and prints the hottest methods and assemblies. JIT-compiled methods are named through
# the runtime's perf map (DOTNET_PerfMapEnabled=1); precompiled (ReadyToRun) code that never got hot enough to be
# recompiled shows as its image. A Native AOT publish (BOT_DIR=src/BackCareBot.Web/bin/Release/native, what
# scripts/publish-bot.sh makes) is named from its own symbols (the .dbg file beside it), with no perf map.
# Settings: USERS (8), WARMUP (5 s), DURATION (20 s), TOP (60 lines), BOT_DIR (the ReadyToRun publish).
# Extra environment for the bot (e.g. BOT_ENV="DOTNET_GCgen0size=0x400000") is passed through.
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench/.." && pwd)"
users="${USERS:-8}" warmup="${WARMUP:-5}" duration="${DURATION:-20}" top="${TOP:-60}"
ours_port=3980 connector_port=3990
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 1; }
web="$root/src/BackCareBot.Web"
load="$bench/BackCareBot.Load/bin/Release/net10.0/BackCareBot.Load.dll"
bot_dir="$(cd "${BOT_DIR:-$web/bin/Release/publish}" 2>/dev/null && pwd)" || bot_dir=""
{ [ -f "$bot_dir/BackCareBot.Web.dll" ] || [ -x "$bot_dir/BackCareBot.Web" ]; } && [ -f "$load" ] || { echo "publish the bot first: ReadyToRun (dotnet publish src/BackCareBot.Web -c Release -o src/BackCareBot.Web/bin/Release/publish), or Native AOT (scripts/publish-bot.sh) with BOT_DIR=src/BackCareBot.Web/bin/Release/native; and build the load generator (bench/run.sh)" >&2; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/profile.XXXXXX")"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
source "$bench/lib.sh"
bot_command "$bot_dir"

# shellcheck disable=SC2086 # BOT_ENV is a list of NAME=value words
(cd "$web" && exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_EnableWriteXorExecute=0 DOTNET_GCgen0size=600000 DOTNET_PerfMapEnabled=1 \
  Storage__DataFolder="$work/state" ${BOT_ENV:-} "${bot_cmd[@]}" --urls "http://127.0.0.1:$ours_port" >"$work/ours.log" 2>&1) &
ours_pid=$!; pids+=("$ours_pid")
wait_healthy "http://127.0.0.1:$ours_port/healthz" 120

dotnet "$load" --url "http://127.0.0.1:$ours_port/api/messages" --label profile --users "$users" --warmup "$warmup" --duration "$duration" \
  --script "$bench/conversation.json" --connector-port "$connector_port" >"$work/load.json" &
load_pid=$!; pids+=("$load_pid")
sleep "$warmup"
cpu_before=$(cpu_ms "$ours_pid")
perf record -e cpu-clock -F 999 -g -p "$ours_pid" -o "$work/perf.data" -- sleep "$duration" 2>"$work/perf.err" >/dev/null
cpu_after=$(cpu_ms "$ours_pid")
wait "$load_pid"
turns=$(jq .allTurns "$work/load.json")
echo "turns/s $(jq .turnsPerSecond "$work/load.json"), CPU while sampled $((cpu_after - cpu_before)) ms, RSS peak $(rss_mb "$ours_pid" VmHWM) MB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
[ -z "${KEEP:-}" ] || { cp "$work/perf.data" "$KEEP"; echo "perf data: $KEEP (symbols: /tmp/perf-$ours_pid.map)"; }
report() { perf report -i "$work/perf.data" --stdio -g none "$@" 2>/dev/null | grep -v -e '^#' -e '^$' || true; }
echo "==> by assembly (self time)"
report --no-children --sort dso >"$work/dso.txt"; head -25 "$work/dso.txt"
echo "==> by method (self time)"
report --no-children --sort symbol >"$work/self.txt"; head -"$top" "$work/self.txt"
if [ -n "${CALLERS:-}" ]; then
  echo "==> inclusive time (children), methods matching $CALLERS"
  report --children --sort symbol >"$work/children.txt"; grep -E "$CALLERS" "$work/children.txt" | head -"$top" || true
fi
echo "turns in the whole load run: $turns" >&2
