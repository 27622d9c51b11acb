#!/usr/bin/env bash
# Runs the bot on http://localhost:3978 with the embedded defaults (SQLite state, local Web Chat page, no Azure).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The page serves the official Web Chat from the lock file's package (the build runs npm ci when it is missing).
if [ ! -d src/BackCareBot.Web/webchat/node_modules ]; then
  (cd src/BackCareBot.Web/webchat && npm ci --no-audit --no-fund --loglevel=error)
fi
exec dotnet run --project src/BackCareBot.Web -c Release -- "$@"
