#!/usr/bin/env bash
# Harvest benchmark on loopback: a generated CKAN-like source of COUNT datasets (two
# resources and three tags each) harvested by `socle harvest run` into a new data folder,
# then harvested again with nothing changed. Prints wall time and peak RSS of each run
# (GNU time) and counts what the second run wrote.
#
# Usage: scripts/bench-harvest.sh [COUNT]   (default: 10000)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
count="${1:-10000}"
port=18291
data="$root/target/bench-harvest-data-$count"
log="$root/target/bench-harvest-source.log"

cd "$root"
cargo build --release -p server --example bench_harvest
cargo build --release -p socle
rm -rf "$data"

./target/release/examples/bench_harvest serve "$port" "$count" > "$log" 2>&1 &
source_server=$!
trap 'kill "$source_server" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
    if grep -q '^ready' "$log"; then break; fi
    sleep 0.2
done
grep -q '^ready' "$log" || { echo "source server did not start"; exit 1; }

source_id=$(./target/release/examples/bench_harvest setup "$data" "http://127.0.0.1:$port/ckan/")
db="$data/catalog.db"

run() {
    echo "== $1"
    /usr/bin/time -f "wall %e s, peak RSS %M KiB" \
        ./target/release/socle harvest run "$source_id" --data "$data"
}

run "first run ($count datasets)"
echo "datasets: $(sqlite3 "$db" 'SELECT COUNT(*) FROM datasets')," \
    "resources: $(sqlite3 "$db" 'SELECT COUNT(*) FROM resources')"

# Times are stored as RFC 3339 UTC text, so text comparison is time comparison.
before=$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)
changes_before=$(sqlite3 "$db" "SELECT (SELECT COUNT(*) FROM datasets) || ' ' || (SELECT COUNT(*) FROM resources) || ' ' || (SELECT COUNT(*) FROM harvest_links)")
run "second run, nothing changed"
job=$(sqlite3 "$db" "SELECT id FROM harvest_jobs ORDER BY queued_at DESC LIMIT 1")
echo "written by the second run:" \
    "datasets $(sqlite3 "$db" "SELECT COUNT(*) FROM datasets WHERE modified_at >= '$before'")," \
    "resources $(sqlite3 "$db" "SELECT COUNT(*) FROM resources WHERE modified_at >= '$before'")," \
    "links $(sqlite3 "$db" "SELECT COUNT(*) FROM harvest_links WHERE last_seen_job = '$job'")," \
    "job items $(sqlite3 "$db" "SELECT COUNT(*) FROM harvest_job_items WHERE job_id = '$job'")"
changes_after=$(sqlite3 "$db" "SELECT (SELECT COUNT(*) FROM datasets) || ' ' || (SELECT COUNT(*) FROM resources) || ' ' || (SELECT COUNT(*) FROM harvest_links)")
echo "row counts (datasets resources links) before: $changes_before, after: $changes_after"
