#!/usr/bin/env bash
# Load benchmark of the CKAN-compatible API on loopback. It generates datasets, then runs
# wrk against a trivial axum handler served by the same process, against package_show on
# random public datasets (with the anonymous response cache warm, then with every call
# computed), and against package_search pages of 1000 rows. Needs wrk (apt-get install wrk).
#
# Usage: scripts/bench-api.sh [COUNT] [SECONDS]   (defaults: 50000 datasets, 20 s)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
count="${1:-50000}"
seconds="${2:-20}"
data="$root/target/bench-api-data-$count"
log="$root/target/bench-api.log"

cd "$root"
cargo build --release -p server --example bench_api
./target/release/examples/bench_api "$data" "$count" > "$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 1200); do
    if grep -q '^ready' "$log"; then break; fi
    sleep 1
done
grep -q '^ready' "$log" || { echo "server did not start"; exit 1; }

export SOCLE_BENCH_COUNT="$count"
base="http://127.0.0.1:18191/api/3/action"
# Every request sends `Accept-Encoding: gzip`, as ckanapi and other `requests`-based clients
# do; SOCLE_BENCH_IDENTITY=1 sends none.
encoding="gzip"
if [ -n "${SOCLE_BENCH_IDENTITY:-}" ]; then encoding="identity"; fi
run() {
    echo "== $1"
    local threads=2
    if [ "$2" -lt 2 ]; then threads=1; fi
    wrk -t"$threads" -c"$2" -d"${seconds}s" --latency -H "Accept-Encoding: $encoding" ${4:+-s "$4"} "$3" | grep -E 'Requests/sec|Latency|50%|90%|99%|Non-2xx'
}
public=$(curl -s "$base/package_search?rows=0" | sed -E 's/.*"count":([0-9]+).*/\1/')
echo "public datasets: $public"
last_full=$((public - 1000))

run "warm-up" 32 "http://127.0.0.1:18191/" scripts/bench/package-show.lua > /dev/null
run "trivial axum handler" 32 "http://127.0.0.1:18192/"
run "package_show (anonymous cache warm)" 32 "http://127.0.0.1:18191/" scripts/bench/package-show.lua
export SOCLE_BENCH_UNCACHED=1
run "package_show (every call computed)" 32 "http://127.0.0.1:18191/" scripts/bench/package-show.lua
unset SOCLE_BENCH_UNCACHED
# Pages of 1000 rows are never cached (larger than the cache's 256 KiB entry limit);
# deep-search.lua also makes every URL different. One connection gives the latency of a
# request alone, four show it under concurrent load.
for start in 49000 "$last_full" 0; do
    export SOCLE_BENCH_START="$start"
    run "package_search rows=1000 start=$start, 1 connection" 1 "http://127.0.0.1:18191/" scripts/bench/deep-search.lua
    run "package_search rows=1000 start=$start, 4 connections" 4 "http://127.0.0.1:18191/" scripts/bench/deep-search.lua
done
echo "== response size of one full page"
curl -s -o /dev/null -w '%{size_download} bytes\n' "$base/package_search?rows=1000&start=$last_full"
echo "== server memory"
grep -E 'VmHWM|VmRSS' "/proc/$server/status"
