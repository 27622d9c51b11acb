#!/usr/bin/env bash
# Turn cost with 1M pending check-ins against none, and the sweep of 10k due out of 1M (bench/README.md, "Pending
# check-ins"): the published bot (Production settings, SQLite) walking bench/conversation.json with the check-in
# index (checkins.db) empty and holding PENDING entries (filled by the load generator's --fill-checkins through
# SqliteCheckInIndex's own schema, none due), the sweep every 10 s; then, on a bot holding PENDING entries with a
# sweep every second, DUE of them are made due at once and the time and bot CPU until they are all sent and
# completed is taken. CPU per turn from /proc is the main figure: the machine is shared, so wall-clock figures
# move with its load (the load average is recorded with each row).
# Settings: PENDING (1000000), DUE (10000), USERS (8), WARMUP (10 s), DURATION (30 s), RUNS (2 per store).
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench/.." && pwd)"
users="${USERS:-8}" warmup="${WARMUP:-10}" duration="${DURATION:-30}" pending="${PENDING:-1000000}" due_count="${DUE:-10000}" runs="${RUNS:-2}"
ours_port=3981 connector_port=3991
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for tool in jq sqlite3 curl; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null; }
done

web="$root/src/BackCareBot.Web"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  dotnet publish "$web" -c Release -o "$web/bin/Release/publish" --nologo -v q >&2
  dotnet build "$bench/BackCareBot.Load" -c Release --nologo -v q >&2
fi
load="$bench/BackCareBot.Load/bin/Release/net10.0/BackCareBot.Load.dll"
work="$(mktemp -d "${TMPDIR:-/tmp}/pending.XXXXXX")"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
source "$bench/lib.sh"
loadavg() { cut -d' ' -f1 /proc/loadavg; }

start_ours() { # data folder, log file, check-in poll interval (TimeSpan); sets ours_pid
  # The runtime settings the Bicep gives App Service (deploymentTemplates/azure/modules/webApp.bicep).
  (cd "$web" && ASPNETCORE_ENVIRONMENT=Production DOTNET_EnableWriteXorExecute=0 DOTNET_GCgen0size=600000 Storage__DataFolder="$1" CheckIn__PollInterval="$3" \
    exec dotnet bin/Release/publish/BackCareBot.Web.dll --urls "http://127.0.0.1:$ours_port" >"$2" 2>&1) &
  ours_pid=$!; pids+=("$ours_pid")
  wait_healthy "http://127.0.0.1:$ours_port/healthz" 120
}

empty="$work/store-0" full="$work/store-$pending"
mkdir -p "$empty" "$full"
echo "==> filling $pending pending check-ins" >&2
dotnet "$load" --fill-checkins "$full" --pending "$pending"
index_mb=$(du -m "$full/checkins.db" | cut -f1)

# Turns: the two stores in turn, RUNS times, each on a fresh bot process with the sweep every 10 s.
results=()
for run in $(seq 1 "$runs"); do
  for folder in "$empty" "$full"; do
    size=0; [ "$folder" = "$full" ] && size=$pending
    label="pending-$size-run-$run"
    start_ours "$folder" "$work/$label.log" "00:00:10"
    before=$(loadavg)
    run_load "$label" "$ours_port" "$ours_pid" "$work/$label.log"
    after=$(loadavg)
    kill "$ours_pid"; wait "$ours_pid" 2>/dev/null || true
    jq --arg size "$size" --arg run "$run" --arg before "$before" --arg after "$after" \
      '. + { pendingCheckIns: ($size | tonumber), run: ($run | tonumber), loadAverageBefore: ($before | tonumber), loadAverageAfter: ($after | tonumber) }' \
      "$work/$label.full.json" >"$work/$label.row.json"
    results+=("$work/$label.row.json")
  done
done

# The sweep: DUE entries of the full index made due now (one UPDATE from outside, as if their mornings had come),
# then the bot's sweeps (every second) claim them in batches, run each one's check-in turn (a conversation with no
# stored state: the turn loads it, finds no plan and sends nothing) and complete them. Timed until the due range is empty.
echo "==> sweep: $due_count due of $pending" >&2
start_ours "$full" "$work/sweep.log" "00:00:01"
sleep 3
lease_ticks=$((10 * 60 * 10000000))
now_ticks() { echo $(( $(date +%s%3N) * 10000 + 621355968000000000 )); }
cpu_before=$(cpu_ms "$ours_pid"); sweep_before=$(loadavg)
start_ms=$(date +%s%3N)
sqlite3 -cmd ".timeout 5000" "$full/checkins.db" "UPDATE checkin SET due = $(now_ticks) WHERE key IN (SELECT key FROM checkin ORDER BY due LIMIT $due_count);"
made_ms=$(date +%s%3N)
until [ "$(sqlite3 -cmd ".timeout 5000" "$full/checkins.db" "SELECT count(*) FROM checkin WHERE due < $(( $(now_ticks) + lease_ticks ));" 2>/dev/null || echo 1)" = 0 ]; do
  sleep 0.1
  [ $(( $(date +%s%3N) - start_ms )) -lt 600000 ] || { echo "the sweep did not finish within 10 minutes" >&2; exit 1; }
done
end_ms=$(date +%s%3N)
cpu_after=$(cpu_ms "$ours_pid"); sweep_after=$(loadavg)
left=$(sqlite3 "$full/checkins.db" "SELECT count(*) FROM checkin;")
kill "$ours_pid"; wait "$ours_pid" 2>/dev/null || true
jq -n --arg pending "$pending" --arg due "$due_count" --arg ms "$((end_ms - made_ms))" --arg cpu "$((cpu_after - cpu_before))" --arg left "$left" \
  --arg before "$sweep_before" --arg after "$sweep_after" \
  '{ pendingCheckIns: ($pending | tonumber), due: ($due | tonumber), sweepMs: ($ms | tonumber), botCpuMs: ($cpu | tonumber),
     cpuMsPerCheckIn: (($cpu | tonumber) / ($due | tonumber) * 1000 | round / 1000), entriesLeft: ($left | tonumber),
     loadAverageBefore: ($before | tonumber), loadAverageAfter: ($after | tonumber) }' >"$work/sweep.json"

out="$bench/results/pending-$(date -u +%Y-%m-%dT%H%M%SZ).json"
mkdir -p "$bench/results"
jq -s --argjson machine "$(machine_json)" --arg date "$(date -u +%FT%TZ)" --arg mb "$index_mb" --slurpfile sweep "$work/sweep.json" '
  def ratio(a; b): if b > 0 then (a / b * 100 | round / 100) else null end;
  . as $rows | { date: $date, machine: $machine, indexMb: ($mb | tonumber), sweep: $sweep[0], runs: [ $rows[] | . as $r
    | ($rows[] | select(.pendingCheckIns == 0 and .run == $r.run)) as $empty
    | $r + { p99OverEmpty: ratio($r.p99Ms; $empty.p99Ms), cpuPerTurnOverEmpty: ratio($r.cpuMsPerTurn; $empty.cpuMsPerTurn) } ] }' "${results[@]}" >"$out"
jq -r '"| Pending check-ins | Run | Turns | Turns/s | p99 ms | CPU ms/turn | CPU / none | p99 / none | Load avg | Failed |",
  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
  (.runs[] | "| \(.pendingCheckIns) | \(.run) | \(.allTurns) | \(.turnsPerSecond) | \(.p99Ms) | \(.cpuMsPerTurn) | \(.cpuPerTurnOverEmpty)x | \(.p99OverEmpty)x | \(.loadAverageBefore)-\(.loadAverageAfter) | \(.failures) |"),
  "",
  "sweep: \(.sweep.due) due of \(.sweep.pendingCheckIns) in \(.sweep.sweepMs) ms, bot CPU \(.sweep.botCpuMs) ms (\(.sweep.cpuMsPerCheckIn) ms per check-in), \(.sweep.entriesLeft) entries left, load \(.sweep.loadAverageBefore)-\(.sweep.loadAverageAfter); index \(.indexMb) MB"' "$out"
echo "results: ${out#"$root/"}" >&2
