#!/usr/bin/env bash
# Benchmark of the DCAT-AP feeds on loopback: generated public datasets (a stored file, a
# link and a private file each), then full exports with curl in each serialisation, unpaged
# (page_size=all) and by following hydra:next with 1,000 datasets a page, and the server's
# peak memory (VmHWM) after each step.
#
# Usage: scripts/bench-dcat.sh [COUNT]   (default: 50000 datasets)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
count="${1:-50000}"
data="$root/target/bench-dcat-$count"
base="http://127.0.0.1:18183"

cd "$root"
cargo build --release -p server --example bench_dcat
./target/release/examples/bench_dcat "$data" "$count" > "$root/target/bench-dcat.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 900); do
    if grep -q '^ready' "$root/target/bench-dcat.log"; then break; fi
    sleep 1
done
grep -q '^ready' "$root/target/bench-dcat.log" || { echo "server did not start"; exit 1; }

# RssAnon is the heap and stacks; RssFile counts the database pages SQLite maps into memory
# (mmap_size) and the binary, which the kernel can drop at any time.
memory() {
    grep -E 'VmHWM|RssAnon|RssFile' "/proc/$server/status" | tr -s ' \t' ' ' | paste -sd ' ' -
}
echo "== server memory after start: $(memory)"

for extension in ttl rdf jsonld; do
    out="$root/target/bench-dcat-all.$extension"
    cpu_before=$(awk '{print ($14 + $15) / 100}' "/proc/$server/stat")
    timing=$(curl -sS -o "$out" -w '%{http_code} %{time_total} %{size_download}' \
        "$base/catalog.$extension?page_size=all")
    cpu_after=$(awk '{print ($14 + $15) / 100}' "/proc/$server/stat")
    datasets=$(grep -c 'dcat#Dataset\|dcat:Dataset' "$out" || true)
    echo "== unpaged $extension: status, seconds, bytes: $timing; server CPU seconds: $(echo "$cpu_after - $cpu_before" | bc); lines naming dcat:Dataset: $datasets"
    echo "   memory: $(memory)"
done

# Follows hydra:nextPage through the Turtle pages, as a harvester does.
url="$base/catalog.ttl?page_size=1000"
pages=0
start=$(date +%s.%N)
while [ -n "$url" ]; do
    body=$(curl -sS "$url")
    pages=$((pages + 1))
    url=$(printf '%s' "$body" | grep -o 'hydra:nextPage <[^>]*>' | head -1 | sed 's/hydra:nextPage <\(.*\)>/\1/' || true)
done
end=$(date +%s.%N)
echo "== paged ttl walk: $pages pages in $(echo "$end - $start" | bc) s"
echo "   memory: $(memory)"
