#!/usr/bin/env bash
# The turn benchmark (bench/README.md): the real bot (the published src/BackCareBot.Web, SQLite state, its own
# /api/messages in Connector mode) against the official JS SDK (bench/botbuilder-js, MemoryStorage), both walking
# bench/conversation.json from the bot being added to the exercise cards, in one run; writes bench/results/<date>.json.
# Settings: USERS (8), WARMUP (10 s), DURATION (30 s).
set -euo pipefail
# Seconds as a TimeSpan setting (d.hh:mm:ss), the form CheckIn:PollInterval takes.
interval() { printf '%d.%02d:%02d:%02d' $(($1 / 86400)) $(($1 % 86400 / 3600)) $(($1 % 3600 / 60)) $(($1 % 60)); }
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench/.." && pwd)"
users="${USERS:-8}" warmup="${WARMUP:-10}" duration="${DURATION:-30}"
ours_port=3980 js_port=3979 connector_port=3990
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for tool in jq sqlite3 curl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done

echo "==> build: the bot published as ./run.sh publishes it (Release, Native AOT or else ReadyToRun); the load generator" >&2
web="$root/src/BackCareBot.Web"
published="$("$root/scripts/publish-bot.sh" | tail -n 1)"
dotnet build "$bench/BackCareBot.Load" -c Release --nologo -v q >&2
[ -d "$bench/botbuilder-js/node_modules" ] || (cd "$bench/botbuilder-js" && npm ci --no-audit --no-fund --loglevel=error >&2)
# The publish and the install leave hundreds of MB of dirty pages: written back now, and a pause, so the first start
# below is timed against the bot's own work rather than the disk's.
sync; sleep "${SETTLE_SECONDS:-5}"

load="$bench/BackCareBot.Load/bin/Release/net10.0/BackCareBot.Load.dll"
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
source "$bench/lib.sh"
bot_command "$published"

# The bot as it runs in Azure: Production settings (appsettings.json only), anonymous (no app id), SQLite in a
# fresh folder. Its working directory is the project folder, as ./run.sh runs it.
start_ours() { # data folder, log file; sets ours_pid
  # The runtime settings the Bicep gives App Service (deploymentTemplates/azure/modules/webApp.bicep).
  (cd "$web" && ASPNETCORE_ENVIRONMENT=Production DOTNET_EnableWriteXorExecute=0 DOTNET_GCgen0size=600000 Storage__DataFolder="$1" CheckIn__PollInterval="$(interval "${CHECKIN_POLL_SECONDS:-60}")" \
    exec "${bot_cmd[@]}" --urls "http://127.0.0.1:$ours_port" >"$2" 2>&1) &
  ours_pid=$!; pids+=("$ours_pid")
}

echo "==> ours: time to first answered turn (3 starts on an empty store)" >&2
first_turns=() first_cpus=() first_cpu_file="$work/first-cpu"
for attempt in 1 2 3; do
  rm -rf "$work/state"
  start_ms=$(date +%s%3N)
  start_ours "$work/state" "$work/ours.log"
  first_turns+=("$(first_turn "$ours_port" "$start_ms" "$ours_pid")")
  first_cpus+=("$(cat "$first_cpu_file")")
  [ "$attempt" = 3 ] || { kill "$ours_pid"; wait "$ours_pid" 2>/dev/null || true; }
done
first_turns_json=$(printf '%s\n' "${first_turns[@]}" | jq -s 'sort')
first_cpus_json=$(printf '%s\n' "${first_cpus[@]}" | jq -s 'sort')
echo "first turn answered after ${first_turns[*]} ms, the bot having used ${first_cpus[*]} ms of CPU" >&2

echo "==> JS SDK bot" >&2
(cd "$bench/botbuilder-js" && PORT=$js_port exec node index.js >"$work/js.log" 2>&1) &
js_pid=$!; pids+=("$js_pid")
wait_healthy "http://127.0.0.1:$js_port/healthz" 60

run_load js "$js_port" "$js_pid" "$work/js.log"
run_load ours "$ours_port" "$ours_pid" "$work/ours.log"
kill "$ours_pid" "$js_pid"; wait "$ours_pid" "$js_pid" 2>/dev/null || true

state_json=$(state_size "$work/state/backcarebot.db")
out="$bench/results/$(date -u +%Y-%m-%dT%H%M%SZ).json"
mkdir -p "$bench/results"
jq -n --slurpfile js "$work/js.full.json" --slurpfile ours "$work/ours.full.json" --argjson state "$state_json" \
  --argjson machine "$(machine_json)" --argjson first "$first_turns_json" --argjson firstCpu "$first_cpus_json" --arg date "$(date -u +%FT%TZ)" '
  ($js[0]) as $j | ($ours[0]) as $o |
  def ratio(a; b): if b > 0 then (a / b * 100 | round / 100) else null end;
  { date: $date, machine: $machine, conversation: "bench/conversation.json", js: $j, ours: $o,
    firstTurnMs: { runs: $first, median: $first[1], max: $first[-1] },
    firstTurnCpuMs: { runs: $firstCpu, median: $firstCpu[1] },
    state: $state,
    ratios: { throughputOursOverJs: ratio($o.turnsPerSecond; $j.turnsPerSecond),
              p99JsOverOurs: ratio($j.p99Ms; $o.p99Ms),
              cpuPerTurnJsOverOurs: ratio($j.cpuMsPerTurn; $o.cpuMsPerTurn),
              steadyCpuPerTurnJsOverOurs: ratio($j.steadyCpuMsPerTurn; $o.steadyCpuMsPerTurn),
              conversationP99JsOverOurs: ratio($j.conversationP99Ms; $o.conversationP99Ms) } }' >"$out"

jq -r '
  "| Measure | JS SDK (botbuilder 4.23.3, MemoryStorage) | Ours (SQLite) | Ratio | Goal |",
  "| --- | ---: | ---: | ---: | --- |",
  "| Turns/s | \(.js.turnsPerSecond) | \(.ours.turnsPerSecond) | \(.ratios.throughputOursOverJs)x | >= 5x |",
  "| CPU ms per turn (/proc, whole load run) | \(.js.cpuMsPerTurn) | \(.ours.cpuMsPerTurn) | 1/\(.ratios.cpuPerTurnJsOverOurs) | <= 1/8 |",
  "| CPU ms per turn (/proc, measured window only, after warm-up) | \(.js.steadyCpuMsPerTurn) | \(.ours.steadyCpuMsPerTurn) | 1/\(.ratios.steadyCpuPerTurnJsOverOurs) | |",
  "| p50 / p95 ms | \(.js.p50Ms) / \(.js.p95Ms) | \(.ours.p50Ms) / \(.ours.p95Ms) | | |",
  "| p99 ms | \(.js.p99Ms) | \(.ours.p99Ms) | 1/\(.ratios.p99JsOverOurs) | <= 1/5 |",
  "| Conversations/s (\(.ours.turnsPerConversation // "script") turns) | \(.js.conversationsPerSecond) | \(.ours.conversationsPerSecond) | | |",
  "| Conversation p50 / p99 ms | \(.js.conversationP50Ms) / \(.js.conversationP99Ms) | \(.ours.conversationP50Ms) / \(.ours.conversationP99Ms) | | |",
  "| Replies per turn (bytes) | \(.js.repliesPerTurn) (\(.js.replyBytesPerTurn)) | \(.ours.repliesPerTurn) (\(.ours.replyBytesPerTurn)) | | |",
  "| Failed turns | \(.js.failures) | \(.ours.failures) | | 0 |",
  "| Peak RSS under load (MB) | \(.js.vmHwmMb) | \(.ours.vmHwmMb) | | <= 120 MB |",
  "| Log lines per turn | \(.js.logLinesPerTurn) | \(.ours.logLinesPerTurn) | | <= 1 |",
  "| State per conversation (bytes) | | \(.state.bytesPerConversation) (largest \(.state.largestConversationRow)) | | < 2048 |",
  "| First turn after start (ms), median of 3 | | \(.firstTurnMs.median) (\(.firstTurnMs.runs | map(tostring) | join(", "))) | | <= 500 ms |",
  "| CPU used by the first turn (ms, from process start), median of 3 | | \(.firstTurnCpuMs.median) (\(.firstTurnCpuMs.runs | map(tostring) | join(", "))) | | |"' "$out"
echo "results: ${out#"$root/"}" >&2
