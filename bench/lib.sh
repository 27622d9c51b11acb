# Shared by bench/run.sh and bench/size.sh (sourced; expects $work, $load, $users, $warmup, $duration, $connector_port, $pids).

# The command that runs a published bot (sets the array bot_cmd): `dotnet BackCareBot.Web.dll` for a ReadyToRun
# publish, the executable itself for a Native AOT one (no .dll in its folder).
bot_command() { # publish folder
  if [ -f "$1/BackCareBot.Web.dll" ]; then bot_cmd=(dotnet "$1/BackCareBot.Web.dll"); else bot_cmd=("$1/BackCareBot.Web"); fi
}

wait_healthy() { # url, seconds
  for _ in $(seq 1 $(($2 * 10))); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "not healthy: $1" >&2; return 1
}

# Polls the bot-added activity every 10 ms with expectReplies (curl, so the poller takes almost no CPU from the
# starting bot) until the welcome comes back; prints the milliseconds since the given start. Gives up after 60 s.
# With a pid, also writes the CPU the process had used by then (user + system ms) to the file named by $first_cpu_file.
first_turn() { # port, start ms[, pid]
  for attempt in $(seq 1 6000); do
    if curl -s -m 2 -H 'Content-Type: application/json' "http://127.0.0.1:$1/api/messages" -d '{"type":"conversationUpdate","id":"first-'"$attempt"'","channelId":"msteams","serviceUrl":"http://127.0.0.1:9/","deliveryMode":"expectReplies","locale":"en-GB","from":{"id":"29:first"},"recipient":{"id":"28:backcarebot"},"conversation":{"id":"a:first-'"$attempt"'","conversationType":"personal"},"membersAdded":[{"id":"28:backcarebot"}]}' 2>/dev/null \
      | grep -q 'Shall we start?'; then
      local answered=$(($(date +%s%3N) - $2))
      [ -z "${3:-}" ] || cpu_ms "$3" >"$first_cpu_file"
      echo "$answered"; return 0
    fi
    sleep 0.01
  done
  echo "the first turn was not answered within 60 s" >&2; return 1
}

rss_mb() { awk -v k="$2:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# User + system CPU of a process in ms (/proc/<pid>/stat fields 14 and 15, in clock ticks).
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000 / hz }' "/proc/$1/stat"; }
# Log entries (the console logger's "info: ", "warn: " ... first lines; the JS bot's lines) in a file.
log_lines() { grep -c '^[^ ]' "$1" 2>/dev/null || echo 0; }

# Runs the load generator against one bot: figures from the generator plus the bot's peak RSS (VmHWM), its CPU
# and log entries per turn over the whole load run (warm-up included, divided by every turn it made). The generator
# also takes the bot's CPU over the measured window alone (--bot-pid: steadyCpuMsPerTurn, after the warm-up). With
# $samples_file set, the generator writes every measured turn there (CSV: user, step, start, end, latency).
run_load() { # label, port, pid, log file
  echo "==> load: $1 ($users users, ${warmup}s warm-up, ${duration}s measured)" >&2
  local cpu_before logs_before
  cpu_before=$(cpu_ms "$3"); logs_before=$(log_lines "$4")
  dotnet "$load" --url "http://127.0.0.1:$2/api/messages" --label "$1" --users "$users" --warmup "$warmup" --duration "$duration" \
    --script "$bench/conversation.json" --connector-port "$connector_port" --bot-pid "$3" \
    ${samples_file:+--samples "$samples_file"} >"$work/$1.json"
  local cpu_after logs_after
  cpu_after=$(cpu_ms "$3"); logs_after=$(log_lines "$4")
  jq --arg hwm "$(rss_mb "$3" VmHWM)" --arg cpu "$((cpu_after - cpu_before))" --arg logs "$((logs_after - logs_before))" '
    . + { vmHwmMb: ($hwm | tonumber), cpuMs: ($cpu | tonumber), logEntries: ($logs | tonumber),
          cpuMsPerTurn: (if .allTurns > 0 then (($cpu | tonumber) / .allTurns * 1000 | round / 1000) else null end),
          logLinesPerTurn: (if .allTurns > 0 then (($logs | tonumber) / .allTurns * 100 | round / 100) else null end) }' \
    "$work/$1.json" >"$work/$1.full.json"
}

# Stored state per conversation: key + data bytes of the conversation rows and their check-in entries, divided by
# the number of conversation rows; the largest conversation row too.
state_size() { # database
  sqlite3 -json "$1" "
    SELECT (SELECT COUNT(*) FROM state WHERE key LIKE 'conversation/%') AS conversations,
           (SELECT SUM(LENGTH(key) + LENGTH(data)) FROM state) AS bytes,
           (SELECT MAX(LENGTH(key) + LENGTH(data)) FROM state WHERE key LIKE 'conversation/%') AS largestConversationRow" \
    | jq '.[0] | . + { bytesPerConversation: (if .conversations > 0 then (.bytes / .conversations | floor) else null end) }'
}

machine_json() {
  jq -n --arg cpu "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)" --arg nproc "$(nproc)" \
    --arg mem "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)" --arg dotnet "$(dotnet --version)" \
    --arg node "$(node --version)" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
    '{ cpu: $cpu, cores: ($nproc | tonumber), memory: $mem, dotnetSdk: $dotnet, node: $node, loadAverageAfterRun: $load }'
}
