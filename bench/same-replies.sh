#!/usr/bin/env bash
# Checks that two published builds of the bot (a ReadyToRun and a Native AOT one, say) answer alike (bench/README.md,
# "Native AOT"): walks each answers file through each build with the load generator's --record (the Connector mode
# bench/record.sh uses: Production settings, anonymous, SQLite on an empty store) and compares what each build sent,
# byte for byte (texts, cards, suggested actions; the random run ids written as one). Nothing is published.
# Usage: bench/same-replies.sh <publish folder A> <publish folder B>
# Settings: ANSWERS (answers files, space-separated; bench/answers-more.json and bench/answers-zh.json), OUT (a folder
# to keep the replies in, <answers>.1.json and <answers>.2.json).
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench/.." && pwd)"
web="$root/src/BackCareBot.Web"
port=3983 connector_port=3992
[ $# = 2 ] || { echo "usage: bench/same-replies.sh <publish folder A> <publish folder B>" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$bench/BackCareBot.Load" -c Release --nologo -v q >&2
work="$(mktemp -d)"
pid=
cleanup() { [ -z "$pid" ] || { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; rm -rf "$work"; }
trap cleanup EXIT
source "$bench/lib.sh"

status=0
for answers in ${ANSWERS:-$bench/answers-more.json $bench/answers-zh.json}; do
  name="$(basename "$answers" .json)"
  for side in 1 2; do
    dir="${!side}"
    bot_command "$dir"
    rm -rf "$work/state"
    (cd "$web" && ASPNETCORE_ENVIRONMENT=Production Storage__DataFolder="$work/state" \
      exec "${bot_cmd[@]}" --urls "http://127.0.0.1:$port" >"$work/bot.log" 2>&1) &
    pid=$!
    wait_healthy "http://127.0.0.1:$port/healthz" 120 || { cat "$work/bot.log" >&2; exit 1; }
    dotnet "$bench/BackCareBot.Load/bin/Release/net10.0/BackCareBot.Load.dll" --record --url "http://127.0.0.1:$port/api/messages" \
      --answers "$answers" --script-out "$work/$name.$side.script.json" --replies-out "$work/$name.$side.json" \
      --connector-port "$connector_port" 2>"$work/record.log" || { cat "$work/record.log" >&2; exit 1; }
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  done
  [ -z "${OUT:-}" ] || { mkdir -p "$OUT"; cp "$work/$name.1.json" "$work/$name.2.json" "$OUT/"; }
  turns=$(jq 'length' "$work/$name.1.json") replies=$(jq '[.[] | length] | add' "$work/$name.1.json")
  if cmp -s "$work/$name.1.json" "$work/$name.2.json"; then
    echo "$name: the same $replies replies over $turns turns ($(wc -c <"$work/$name.1.json") bytes)"
  else
    echo "$name: the builds answered differently:"
    diff <(jq . "$work/$name.1.json") <(jq . "$work/$name.2.json") | head -40 || true
    status=1
  fi
done
exit "$status"
