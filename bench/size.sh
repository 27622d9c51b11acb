#!/usr/bin/env bash
# Turn cost against the number of stored conversations (bench/README.md, "Flat with size"): the published bot
# (Production settings, SQLite) walking bench/conversation.json with 0, 100k and 1M conversations already in its
# store (filled by the load generator's --fill in the product's own schema, 10% with a check-in entry), each with
# the check-in sweep every CHECKIN_SWEEP_SECONDS (10 s, so sweeps fall inside the measured window) and with the
# sweep held off (one sweep at start-up, inside the warm-up, then none for a day). Writes bench/results/size-<date>.json.
# STORE=blob runs the same against Azure Blob Storage in Azurite (tools/node, in memory; state blobs filled through
# BlobStateStore, check-ins in Azurite's queue), each size in containers of its own; writes size-blob-<date>.json.
# Settings: STORE (sqlite | blob), SIZES ("0 100000 1000000"; "0 100000" for blob), USERS (8), WARMUP (10 s), DURATION (30 s).
set -euo pipefail
# Seconds as a TimeSpan setting (d.hh:mm:ss), the form CheckIn:PollInterval takes.
interval() { printf '%d.%02d:%02d:%02d' $(($1 / 86400)) $(($1 % 86400 / 3600)) $(($1 % 3600 / 60)) $(($1 % 60)); }
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench/.." && pwd)"
store="${STORE:-sqlite}"
default_sizes="0 100000 1000000"; [ "$store" = blob ] && default_sizes="0 100000"
users="${USERS:-8}" warmup="${WARMUP:-10}" duration="${DURATION:-30}" sizes="${SIZES:-$default_sizes}"
ours_port=3980 connector_port=3990
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
work="$(mktemp -d "${TMPDIR:-/tmp}/size.XXXXXX")"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
source "$bench/lib.sh"

# Azurite (blob and queue services, in memory) for STORE=blob; its well-known development account.
azurite_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
azurite_connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$azurite_key;BlobEndpoint=http://127.0.0.1:3991/devstoreaccount1;QueueEndpoint=http://127.0.0.1:3992/devstoreaccount1;"
if [ "$store" = blob ]; then
  azurite="$root/tools/node/node_modules/.bin/azurite"
  [ -x "$azurite" ] || (cd "$root/tools/node" && npm ci --no-audit --no-fund --loglevel=error >&2)
  "$azurite" --blobHost 127.0.0.1 --blobPort 3991 --queueHost 127.0.0.1 --queuePort 3992 --tableHost 127.0.0.1 --tablePort 3993 \
    --inMemoryPersistence --skipApiVersionCheck --disableProductStyleUrl --silent >"$work/azurite.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 600); do curl -s -o /dev/null "http://127.0.0.1:3991/devstoreaccount1?comp=list" && break; sleep 0.1; done
fi

# Where a size's state lives: its SQLite folder, or (blob) its own state and check-in containers and queue.
store_settings() { # data folder, size
  if [ "$store" = blob ]; then
    echo "Storage__Kind=Blob" "Storage__Blob__ConnectionString=$azurite_connection" "Storage__Blob__Container=state-$2" \
      "CheckIn__Container=checkins-$2" "CheckIn__Queue=checkins-$2"
  else
    echo "Storage__DataFolder=$1"
  fi
}

start_ours() { # data folder, log file, check-in poll seconds[, size]; sets ours_pid
  local settings
  read -r -a settings <<<"$(store_settings "$1" "${4:-template}")"
  # The runtime settings the Bicep gives App Service (deploymentTemplates/azure/modules/webApp.bicep).
  (cd "$web" && exec env ASPNETCORE_ENVIRONMENT=Production DOTNET_EnableWriteXorExecute=0 DOTNET_GCgen0size=600000 "${settings[@]}" CheckIn__PollInterval="$(interval "$3")" \
    dotnet bin/Release/publish/BackCareBot.Web.dll --urls "http://127.0.0.1:$ours_port" >"$2" 2>&1) &
  ours_pid=$!; pids+=("$ours_pid")
  wait_healthy "http://127.0.0.1:$ours_port/healthz" 120
}

echo "==> a template conversation document: the bot (SQLite) walks the conversation for a few seconds" >&2
store_kind=$store store=sqlite
start_ours "$work/template" "$work/template.log" 86400
store=$store_kind
warmup_saved=$warmup duration_saved=$duration; warmup=0 duration=3
run_load template "$ours_port" "$ours_pid" "$work/template.log"
warmup=$warmup_saved duration=$duration_saved
kill "$ours_pid"; wait "$ours_pid" 2>/dev/null || true
template_bytes=$(sqlite3 "$work/template/backcarebot.db" "SELECT MAX(LENGTH(data)) FROM state WHERE key LIKE 'conversation/%'")

results=()
for size in $sizes; do
  folder="$work/store-$size"
  mkdir -p "$folder"
  if [ "$size" -gt 0 ]; then
    echo "==> filling $size stored conversations ($store)" >&2
    blob_args=(); [ "$store" = blob ] && blob_args=(--blob "$azurite_connection" --container "state-$size")
    dotnet "$load" --fill "$folder" --conversations "$size" --template "$work/template/backcarebot.db" --checkin-percent 10 "${blob_args[@]}"
  fi
  db_mb=$(du -m "$folder/backcarebot.db" 2>/dev/null | cut -f1 || echo 0)
  # Blob: the conversation documents' bytes (the blobs' content), as Azurite keeps them in memory.
  [ "$store" = blob ] && db_mb=$((size * template_bytes / 1048576))
  for sweep in off on; do
    poll=86400; [ "$sweep" = on ] && poll="${CHECKIN_SWEEP_SECONDS:-10}"
    label="size-$size-sweep-$sweep"
    start_ours "$folder" "$work/$label.log" "$poll" "$size"
    run_load "$label" "$ours_port" "$ours_pid" "$work/$label.log"
    kill "$ours_pid"; wait "$ours_pid" 2>/dev/null || true
    jq --arg size "$size" --arg sweep "$sweep" --arg mb "${db_mb:-0}" --arg store "$store" '. + { store: $store, storedConversations: ($size | tonumber), sweep: $sweep, databaseMb: ($mb | tonumber) }' \
      "$work/$label.full.json" >"$work/$label.row.json"
    results+=("$work/$label.row.json")
  done
done

prefix=size; [ "$store" = blob ] && prefix=size-blob
out="$bench/results/$prefix-$(date -u +%Y-%m-%dT%H%M%SZ).json"
mkdir -p "$bench/results"
jq -s --argjson machine "$(machine_json)" --arg date "$(date -u +%FT%TZ)" '
  def ratio(a; b): if b > 0 then (a / b * 100 | round / 100) else null end;
  . as $rows | { date: $date, machine: $machine, runs: [ $rows[] | . as $r
    | ($rows[] | select(.storedConversations == 0 and .sweep == $r.sweep)) as $empty
    | $r + { p99OverEmpty: ratio($r.p99Ms; $empty.p99Ms), cpuPerTurnOverEmpty: ratio($r.cpuMsPerTurn; $empty.cpuMsPerTurn),
             throughputOverEmpty: ratio($r.turnsPerSecond; $empty.turnsPerSecond) } ] }' "${results[@]}" >"$out"
jq -r '"| Stored conversations | Sweep | Stored MB | Turns/s | p99 ms | CPU ms/turn | p99 / empty | CPU / empty | Failed |",
  "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  (.runs[] | "| \(.storedConversations) | \(.sweep) | \(.databaseMb) | \(.turnsPerSecond) | \(.p99Ms) | \(.cpuMsPerTurn) | \(.p99OverEmpty)x | \(.cpuPerTurnOverEmpty)x | \(.failures) |")' "$out"
echo "results: ${out#"$root/"}" >&2
