#!/usr/bin/env bash
# Runs the bot on http://localhost:3978 with the embedded defaults (SQLite state, local Web Chat page, no Azure).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The page serves the official Web Chat from the lock file's package (the build runs npm ci when it is missing).
if [ ! -d src/BackCareBot.Web/webchat/node_modules ]; then
  (cd src/BackCareBot.Web/webchat && npm ci --no-audit --no-fund --loglevel=error)
fi
# Runs the published app, compiled ahead of time so the first turn after a start does not wait for the JIT: Native
# AOT, or ReadyToRun where that cannot be built (scripts/publish-bot.sh says why). Publishing is incremental; the
# first Native AOT publish takes several minutes.
published="$(scripts/publish-bot.sh | tail -n 1)"
# As `dotnet run` did: the project folder as working directory (content root: appsettings.json, the .data state
# folder) and the launch profile's environment (Properties/launchSettings.json).
cd src/BackCareBot.Web
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# The runtime settings the deployment gives the bot (webApp.bicep): a 6 MB first GC generation rather than one sized
# from the L3 cache (on a host with a 260 MB L3 the heap grows to ~90 MB before its first collection), and no W^X
# double mapping of JIT code. Hex digits without 0x: CoreCLR reads both forms, the Native AOT runtime only this one.
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-600000}" DOTNET_EnableWriteXorExecute="${DOTNET_EnableWriteXorExecute:-0}"
if [ -f "$published/BackCareBot.Web.dll" ]; then
  exec dotnet "$published/BackCareBot.Web.dll" "$@"
fi
exec "$published/BackCareBot.Web" "$@"
