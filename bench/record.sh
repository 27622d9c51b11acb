#!/usr/bin/env bash
# Records the benchmark conversation from the bot itself (bench/README.md): publishes the bot as bench/run.sh does,
# starts it on an empty store (Production settings, anonymous), walks the user's side of the conversation
# (bench/answers.json) once through it with the load generator's Connector stand-in, and writes
# bench/conversation.json (the answers with the phrases each turn's replies must hold) and
# bench/botbuilder-js/replies.json (the replies the JS SDK bot sends). Run it whenever dialogs/ changes the
# questions, their order or their words: a load run against a stale recording fails (the load generator exits 3).
# Set SKIP_PUBLISH=1 to use the bot already published.
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$bench/.." && pwd)"
port=3982 connector_port=3991
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
web="$root/src/BackCareBot.Web"
[ -n "${SKIP_PUBLISH:-}" ] || dotnet publish "$web" -c Release -o "$web/bin/Release/publish" --nologo -v q >&2
dotnet build "$bench/BackCareBot.Load" -c Release --nologo -v q >&2
work="$(mktemp -d)"
pid=
cleanup() { [ -z "$pid" ] || { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; rm -rf "$work"; }
trap cleanup EXIT
source "$bench/lib.sh"

(cd "$web" && ASPNETCORE_ENVIRONMENT=Production Storage__DataFolder="$work/state" \
  exec dotnet bin/Release/publish/BackCareBot.Web.dll --urls "http://127.0.0.1:$port" >"$work/bot.log" 2>&1) &
pid=$!
wait_healthy "http://127.0.0.1:$port/healthz" 120 || { cat "$work/bot.log" >&2; exit 1; }
dotnet "$bench/BackCareBot.Load/bin/Release/net10.0/BackCareBot.Load.dll" --record --url "http://127.0.0.1:$port/api/messages" \
  --answers "$bench/answers.json" --script-out "$bench/conversation.json" --replies-out "$bench/botbuilder-js/replies.json" \
  --connector-port "$connector_port"
echo "recorded: bench/conversation.json, bench/botbuilder-js/replies.json ($(jq '.turns | length' "$bench/conversation.json") turns)" >&2
