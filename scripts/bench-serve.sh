#!/usr/bin/env bash
# Load benchmark of the publication platform on loopback: generated datasets, wrk with 32
# connections against dataset pages, search pages (repeated, then almost never repeated)
# and a trivial axum handler served by the same process, then the server's peak memory
# and CPU time. Needs wrk (apt-get install wrk).
#
# Usage: scripts/bench-serve.sh [COUNT] [SECONDS]   (defaults: 50000 datasets, 20 s)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
count="${1:-50000}"
seconds="${2:-20}"
data="$root/target/bench-data-$count"

cd "$root"
cargo build --release -p server --example bench_serve
./target/release/examples/bench_serve "$data" "$count" > "$root/target/bench-serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 600); do
    if grep -q '^ready' "$root/target/bench-serve.log"; then break; fi
    sleep 1
done
grep -q '^ready' "$root/target/bench-serve.log" || { echo "server did not start"; exit 1; }

export SOCLE_BENCH_COUNT="$count"
# Every request sends `Accept-Encoding: gzip`, as browsers do; SOCLE_BENCH_IDENTITY=1 sends
# none, for the cost of clients that take uncompressed pages only.
encoding="gzip"
if [ -n "${SOCLE_BENCH_IDENTITY:-}" ]; then encoding="identity"; fi
run() {
    echo "== $1"
    wrk -t2 -c32 -d"${seconds}s" --latency -H "Accept-Encoding: $encoding" ${3:+-s "$3"} "$2" | grep -E 'Requests/sec|Latency|50%|90%|99%|Non-2xx'
}
# Warm-up: fills the caches of anonymous searches and pages, as steady traffic would.
run "warm-up" "http://127.0.0.1:18181/" scripts/bench/search-pages.lua > /dev/null
run "warm-up" "http://127.0.0.1:18181/" scripts/bench/dataset-pages.lua > /dev/null
run "trivial axum handler" "http://127.0.0.1:18182/"
run "dataset pages" "http://127.0.0.1:18181/" scripts/bench/dataset-pages.lua
run "search pages" "http://127.0.0.1:18181/" scripts/bench/search-pages.lua
run "search pages, uncached" "http://127.0.0.1:18181/" scripts/bench/search-uncached.lua
echo "== server CPU time (user and system ticks of the whole run, 100 per second)"
awk '{print "utime", $14, "stime", $15}' "/proc/$server/stat"
echo "== server memory"
grep -E 'VmHWM|VmRSS|RssAnon|RssFile' "/proc/$server/status"
