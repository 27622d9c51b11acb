#!/usr/bin/env bash
# Runs the bot on http://localhost:3978 with the embedded defaults (SQLite state, local Web Chat page, no Azure).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The page serves the official Web Chat from the lock file's package (the build runs npm ci when it is missing).
if [ ! -d src/BackCareBot.Web/webchat/node_modules ]; then
  (cd src/BackCareBot.Web/webchat && npm ci --no-audit --no-fund --loglevel=error)
fi
# Runs the published app: publishing precompiles it (ReadyToRun, see src/BackCareBot.Web/BotRuntime.props), so the
# first turn after a start does not wait for the JIT. Publishing is incremental; the first one takes a minute or two.
dotnet publish src/BackCareBot.Web -c Release -o src/BackCareBot.Web/bin/Release/publish --nologo -v q
# As `dotnet run` did: the project folder as working directory (content root: appsettings.json, the .data state
# folder) and the launch profile's environment (Properties/launchSettings.json).
cd src/BackCareBot.Web
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
exec dotnet bin/Release/publish/BackCareBot.Web.dll "$@"
