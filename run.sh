#!/usr/bin/env bash
# Runs the bot on http://localhost:3978 with the embedded defaults (SQLite state, local Web Chat page, no Azure).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project src/BackCareBot.Web -c Release -- "$@"
