#!/usr/bin/env bash
# Runs every test: installs the tools the suite needs, builds, runs all test projects, prints one summary line.
set -euo pipefail
cd "$(dirname "$0")"
export BACKCAREBOT_REFERENCE="${BACKCAREBOT_REFERENCE:-$(cd .. && pwd)/shared/reference}"
export NODE_PATH="$PWD/tools/node/node_modules"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scripts/install-test-tools.sh

log="$(mktemp)"
set +e
dotnet test BackCareBot.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line over all test assemblies, in the form CI reads.
awk '/(Passed|Failed)! +- Failed:/ { gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
