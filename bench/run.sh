#!/usr/bin/env bash
# Runs the turn benchmark: our stack (bench/BackCareBot.Bench.Host, SQLite state) against the official JS SDK
# (bench/botbuilder-js, MemoryStorage) with the same load, in one run, and writes bench/results/<date>.json.
# Settings: USERS (32), WARMUP (10 s), DURATION (30 s), MICRO=1 also runs the BenchmarkDotNet suite if present.
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench/.." && pwd)"
users="${USERS:-32}" warmup="${WARMUP:-10}" duration="${DURATION:-30}"
ours_port=3980 js_port=3979 fix_port=3981
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for tool in jq sqlite3 curl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done

echo "==> build (Release); the host is published (ReadyToRun), as ./run.sh runs the bot" >&2
dotnet publish "$bench/BackCareBot.Bench.Host" -c Release -o "$bench/BackCareBot.Bench.Host/bin/Release/publish" --nologo -v q >&2
dotnet build "$bench/BackCareBot.Load" -c Release --nologo -v q >&2
[ -d "$bench/botbuilder-js/node_modules" ] || (cd "$bench/botbuilder-js" && npm ci --no-audit --no-fund --loglevel=error >&2)

load="$bench/BackCareBot.Load/bin/Release/net10.0/BackCareBot.Load.dll"
host="$bench/BackCareBot.Bench.Host/bin/Release/publish/BackCareBot.Bench.Host.dll"
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

wait_healthy() { # url, seconds
  for _ in $(seq 1 $(($2 * 10))); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "not healthy: $1" >&2; return 1
}

# Peak and sampled RSS of a process while a command runs (VmRSS every 0.2 s; VmHWM at the end), in MB.
rss_mb() { awk -v k="$2:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
sample_rss() { # pid, out-file
  local peak=0
  while kill -0 "$1" 2>/dev/null; do
    local now; now=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0)
    [ "${now:-0}" -gt "$peak" ] && peak=$now && echo "$peak" >"$2"
    sleep 0.2
  done
}

# Polls the first activity every 10 ms (curl, so the poller takes almost no CPU from the starting host) until
# the consent question comes back; prints the milliseconds since the given start. Gives up after 60 s.
first_turn() { # port, start ms
  for attempt in $(seq 1 6000); do
    if curl -s -m 2 -H 'Content-Type: application/json' "http://127.0.0.1:$1/api/messages" -d '{"type":"message","id":"first-'"$attempt"'","channelId":"emulator","serviceUrl":"http://127.0.0.1:9/","deliveryMode":"expectReplies","locale":"en-US","from":{"id":"first-user"},"recipient":{"id":"bot"},"conversation":{"id":"first"},"text":"hi"}' 2>/dev/null \
      | grep -q '"text":"May I ask you a few questions about your back?'; then
      echo $(($(date +%s%3N) - $2)); return 0
    fi
    sleep 0.01
  done
  echo "the first turn was not answered within 60 s" >&2; return 1
}

# Time to first answered turn: three cold starts on an empty state folder, the last one kept for the load run.
echo "==> our host: time to first answered turn (3 starts)" >&2
first_turns=()
for attempt in 1 2 3; do
  rm -rf "$work/state"
  start_ms=$(date +%s%3N)
  dotnet "$host" --urls "http://127.0.0.1:$ours_port" --data "$work/state" >"$work/ours.log" 2>&1 &
  ours_pid=$!; pids+=("$ours_pid")
  first_turns+=("$(first_turn "$ours_port" "$start_ms")")
  [ "$attempt" = 3 ] || { kill "$ours_pid"; wait "$ours_pid" 2>/dev/null || true; }
done
first_turns_json=$(printf '%s\n' "${first_turns[@]}" | jq -s 'sort')
echo "first turn answered after ${first_turns[*]} ms" >&2

echo "==> JS SDK bot" >&2
(cd "$bench/botbuilder-js" && PORT=$js_port exec node index.js >"$work/js.log" 2>&1) &
js_pid=$!; pids+=("$js_pid")
wait_healthy "http://127.0.0.1:$js_port/healthz" 60

run_load() { # label, port, pid
  echo "==> load: $1 ($users users, ${warmup}s warm-up, ${duration}s measured)" >&2
  echo 0 >"$work/$1.rss"
  sample_rss "$3" "$work/$1.rss" &
  local sampler=$!
  dotnet "$load" --url "http://127.0.0.1:$2/api/messages" --label "$1" --users "$users" --warmup "$warmup" --duration "$duration" >"$work/$1.json"
  kill "$sampler" 2>/dev/null || true
  jq --arg rss "$(awk '{ printf "%.1f", $1 / 1024 }' "$work/$1.rss")" --arg hwm "$(rss_mb "$3" VmHWM)" \
    '. + { rssPeakSampledMb: ($rss | tonumber), vmHwmMb: ($hwm | tonumber) }' "$work/$1.json" >"$work/$1.full.json"
}
run_load js "$js_port" "$js_pid"
run_load ours "$ours_port" "$ours_pid"
kill "$ours_pid" "$js_pid"; wait "$ours_pid" "$js_pid" 2>/dev/null || true

# Experiments that locate where the time goes, each on a fresh host: state writes queued one at a time
# (SerializedWrites.cs), the in-memory store (what the JS bot uses), and long-lived prepared SQLite connections
# with one writer (PreparedSqliteStore.cs).
run_experiment() { # label, port, host options...
  local label=$1 port=$2; shift 2
  dotnet "$host" --urls "http://127.0.0.1:$port" --data "$work/state-$label" "$@" >"$work/$label.log" 2>&1 &
  local pid=$!; pids+=("$pid")
  wait_healthy "http://127.0.0.1:$port/healthz" 60
  run_load "$label" "$port" "$pid"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
run_experiment ours-serialized-writes "$fix_port" --state-writes serialized
run_experiment ours-memory "$fix_port" --state memory
run_experiment ours-prepared "$fix_port" --state sqlite-prepared

# Stored state per conversation: key + data bytes of every row (conversation rows and the user rows written at the
# end), divided by the number of conversation rows; the largest conversation row too.
db="$work/state/backcarebot.db"
state_json=$(sqlite3 -json "$db" "
  SELECT (SELECT COUNT(*) FROM state WHERE key LIKE '%/conversations/%') AS conversations,
         (SELECT SUM(LENGTH(key) + LENGTH(data)) FROM state) AS bytes,
         (SELECT MAX(LENGTH(key) + LENGTH(data)) FROM state WHERE key LIKE '%/conversations/%') AS largestConversationRow" | jq '.[0]')

machine=$(jq -n --arg cpu "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)" --arg nproc "$(nproc)" \
  --arg mem "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)" --arg dotnet "$(dotnet --version)" \
  --arg node "$(node --version)" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  '{ cpu: $cpu, cores: ($nproc | tonumber), memory: $mem, dotnetSdk: $dotnet, node: $node, loadAverageAfterRun: $load }')

mkdir -p "$bench/results"
out="$bench/results/$(date -u +%Y-%m-%dT%H%M%SZ).json"
jq -n --slurpfile js "$work/js.full.json" --slurpfile ours "$work/ours.full.json" --slurpfile fix "$work/ours-serialized-writes.full.json" --slurpfile mem "$work/ours-memory.full.json" --slurpfile prep "$work/ours-prepared.full.json" --argjson state "$state_json" \
  --argjson machine "$machine" --argjson first "$first_turns_json" --arg date "$(date -u +%FT%TZ)" '
  ($js[0]) as $j | ($ours[0]) as $o | ($fix[0]) as $f | ($mem[0]) as $m | ($prep[0]) as $p |
  { date: $date, machine: $machine, js: $j, ours: $o, oursSerializedWrites: $f, oursMemoryStore: $m, oursPreparedSqlite: $p,
    firstTurnMs: { runs: $first, median: $first[1], max: $first[-1] },
    state: ($state + { bytesPerConversation: (if $state.conversations > 0 then ($state.bytes / $state.conversations | floor) else null end) }),
    ratios: { throughputOursOverJs: (if $j.turnsPerSecond > 0 then ($o.turnsPerSecond / $j.turnsPerSecond * 100 | round / 100) else null end),
              p99JsOverOurs: (if $o.p99Ms > 0 then ($j.p99Ms / $o.p99Ms * 100 | round / 100) else null end),
              serializedWritesThroughputOverJs: (if $j.turnsPerSecond > 0 then ($f.turnsPerSecond / $j.turnsPerSecond * 100 | round / 100) else null end),
              serializedWritesP99JsOverOurs: (if $f.p99Ms > 0 then ($j.p99Ms / $f.p99Ms * 100 | round / 100) else null end),
              memoryStoreThroughputOverJs: (if $j.turnsPerSecond > 0 then ($m.turnsPerSecond / $j.turnsPerSecond * 100 | round / 100) else null end),
              memoryStoreP99JsOverOurs: (if $m.p99Ms > 0 then ($j.p99Ms / $m.p99Ms * 100 | round / 100) else null end),
              preparedSqliteThroughputOverJs: (if $j.turnsPerSecond > 0 then ($p.turnsPerSecond / $j.turnsPerSecond * 100 | round / 100) else null end),
              preparedSqliteP99JsOverOurs: (if $p.p99Ms > 0 then ($j.p99Ms / $p.p99Ms * 100 | round / 100) else null end) } }' >"$out"

jq -r '
  "| Measure | JS SDK (botbuilder 4.23.3, MemoryStorage) | Ours (SQLite) | Ratio / bar | Ours, writes serialized (experiment) | Ours, memory store (experiment) | Ours, prepared SQLite (experiment) |",
  "| --- | ---: | ---: | --- | ---: | ---: | ---: |",
  "| Turns/s | \(.js.turnsPerSecond) | \(.ours.turnsPerSecond) | \(.ratios.throughputOursOverJs)x (bar: >= 4x) | \(.oursSerializedWrites.turnsPerSecond) (\(.ratios.serializedWritesThroughputOverJs)x) | \(.oursMemoryStore.turnsPerSecond) (\(.ratios.memoryStoreThroughputOverJs)x) | \(.oursPreparedSqlite.turnsPerSecond) (\(.ratios.preparedSqliteThroughputOverJs)x) |",
  "| p50 / p95 ms | \(.js.p50Ms) / \(.js.p95Ms) | \(.ours.p50Ms) / \(.ours.p95Ms) | | \(.oursSerializedWrites.p50Ms) / \(.oursSerializedWrites.p95Ms) | \(.oursMemoryStore.p50Ms) / \(.oursMemoryStore.p95Ms) | \(.oursPreparedSqlite.p50Ms) / \(.oursPreparedSqlite.p95Ms) |",
  "| p99 ms | \(.js.p99Ms) | \(.ours.p99Ms) | JS/ours \(.ratios.p99JsOverOurs)x (bar: >= 3x) | \(.oursSerializedWrites.p99Ms) (\(.ratios.serializedWritesP99JsOverOurs)x) | \(.oursMemoryStore.p99Ms) (\(.ratios.memoryStoreP99JsOverOurs)x) | \(.oursPreparedSqlite.p99Ms) (\(.ratios.preparedSqliteP99JsOverOurs)x) |",
  "| Failed turns | \(.js.failures) | \(.ours.failures) | | \(.oursSerializedWrites.failures) | \(.oursMemoryStore.failures) | \(.oursPreparedSqlite.failures) |",
  "| Peak RSS under load (MB) | \(.js.vmHwmMb) | \(.ours.vmHwmMb) | bar: < 150 MB | \(.oursSerializedWrites.vmHwmMb) | \(.oursMemoryStore.vmHwmMb) | \(.oursPreparedSqlite.vmHwmMb) |",
  "| State per conversation (bytes) | | \(.state.bytesPerConversation) (largest row \(.state.largestConversationRow)) | bar: < 2048 | | | |",
  "| First turn answered after start (ms), median of 3 (runs) | | \(.firstTurnMs.median) (\(.firstTurnMs.runs | map(tostring) | join(", "))) | bar: <= 1000 | | | |"' "$out"
echo "results: ${out#"$root/"}" >&2

if [ "${MICRO:-0}" = 1 ] && [ -f "$bench/BackCareBot.Bench/BackCareBot.Bench.csproj" ]; then
  echo "==> BenchmarkDotNet (bench/BackCareBot.Bench)" >&2
  dotnet run -c Release --project "$bench/BackCareBot.Bench" -- --filter '*' >&2
fi
