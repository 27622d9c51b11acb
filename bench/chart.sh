#!/usr/bin/env bash
# Draws the progress chart through a published build (bench/README.md, "Native AOT"): walks bench/answers-more.json in
# Connector mode (a small stand-in in Python takes the replies) to the check-ins with CheckIn:Every at 12 s, waits for
# the first check-in, answers it by typing, asks "my progress" and fetches the chart's private link: a PNG drawn by
# ScottPlot with SkiaSharp in that build. Timed by sleeps, for a look by hand, not a test.
# Usage: bench/chart.sh <publish folder> [out.png]
set -u
bench="$(cd "$(dirname "$0")" && pwd)"
dir=$1 png=${2:-/tmp/backcarebot-chart.png} port=3988 cport=3993
work="$(mktemp -d)" out="$work/connector"
mkdir -p "$out"
source "$bench/lib.sh"
cat >"$work/connector.py" <<'PY'
import http.server, sys, os, itertools
c=itertools.count()
out=sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def do_POST(self):
        n=int(self.headers.get('Content-Length') or 0); b=self.rfile.read(n)
        open(os.path.join(out,'%05d.json'%next(c)),'wb').write(b)
        body=b'{"id":"1"}'
        self.send_response(200); self.send_header('Content-Type','application/json'); self.send_header('Content-Length',str(len(body))); self.end_headers(); self.wfile.write(body)
    def do_PUT(self): self.do_POST()
    def log_message(self,*a): pass
http.server.ThreadingHTTPServer(('127.0.0.1',int(sys.argv[1])),H).serve_forever()
PY
python3 "$work/connector.py" $cport "$out" & cpid=$!
bot_command "$dir"
(cd "$bench/../src/BackCareBot.Web" && ASPNETCORE_ENVIRONMENT=Production Storage__DataFolder="$work/state" CheckIn__Every=00:00:12 CheckIn__PollInterval=00:00:01 \
  exec "${bot_cmd[@]}" --urls http://127.0.0.1:$port >"$work/bot.log" 2>&1) & bpid=$!
trap 'kill $bpid $cpid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
wait_healthy http://127.0.0.1:$port/healthz 60
ans="$bench/answers-more.json"
post() { # activity json
  curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' http://127.0.0.1:$port/api/messages -d "$1"; }
lastrun() { cat $out/*.json 2>/dev/null | grep -o '"run":"[^"]*"' | tail -1 | cut -d'"' -f4; }
act() { # turn json
  jq -c --argjson t "$1" --arg run "$(lastrun)" --arg n "$2" '.common * $t.activity | tostring
    | gsub("\\{conversation\\}"; "a:chart") | gsub("\\{user\\}"; "29:chart") | gsub("\\{id\\}"; "act-" + $n)
    | gsub("\\{serviceUrl\\}"; "http://127.0.0.1:3993/") | gsub("\\{run\\}"; $run) | fromjson' $ans; }
turns=$(jq '.turns | length' $ans)
for i in $(seq 0 17); do
  t=$(jq -c ".turns[$i]" $ans)
  code=$(post "$(act "$t" $i)"); sleep 1
  echo "turn $i $(jq -r '.activity.text // .activity.type' <<<"$t") -> $code, bodies $(ls $out | wc -l)"
done
sleep 13
echo "after waiting: bodies $(ls $out | wc -l)"; 
msg() { jq -c --arg text "$1" --arg n "$2" '.common + {type:"message", text:$text} | tostring | gsub("\\{conversation\\}"; "a:chart") | gsub("\\{user\\}"; "29:chart") | gsub("\\{id\\}"; "m-" + $n) | gsub("\\{serviceUrl\\}"; "http://127.0.0.1:3993/") | fromjson' $ans; }
n=0
for text in 3 "Less than 30 minutes" "On my side" "Yes" "No" "my progress"; do n=$((n+1)); echo "say '$text' -> $(post "$(msg "$text" $n)")"; sleep 1; done
for url in $(cat $out/*.json | grep -o 'http://127.0.0.1:3988/[^"]*' | grep -v '/images/' | sort -u); do
  curl -s -o "$png" -w "%{http_code} %{content_type} %{size_download} $url\n" "$url"; file "$png"
done
grep -E "fail:|crit:" "$work/bot.log" | cut -c1-200
