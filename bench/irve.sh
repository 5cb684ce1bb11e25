#!/usr/bin/env bash
# Validation benchmark on IRVE statique files (40 columns, about 480 bytes per row).
#
# Generates the files with shared/tools/gen_irve.py, then times, each under /usr/bin/time:
# socle validate (all cores, then one thread), a bare csv::ByteRecord loop over the same
# file, and Validata 0.12.5 on the files up to VALIDATA_MAX_ROWS rows (default 100000;
# set it to 1000000 to time Validata on the largest file too, about 2 minutes and 4 GB).
# Prints a Markdown table; BENCHMARKS.md records its output.
#
# Usage: bench/irve.sh [ROWS...]   (default: 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."

shared=../shared
data=target/bench-irve
mkdir -p "$data"
rows_list=("${@:-100000 1000000}")
read -r -a rows_list <<< "${rows_list[*]}"
validata_max=${VALIDATA_MAX_ROWS:-100000}
python=${SOCLE_VALIDATA_PYTHON:-target/reference-venv/bin/python}
schema=$shared/reference/schemas/irve-statique/schema.json

cargo build --release -q -p socle -p validate --example bare_csv
socle=target/release/socle
bare=target/release/examples/bare_csv

# Prints "seconds peak_rss_mib" for a command, discarding its output.
measure() {
    local log
    log=$(mktemp)
    /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>&1 || true
    # time(1) writes a line about a non-zero exit status (an invalid file) first.
    tail -n 1 "$log" | awk '{ printf "%.2f %.0f", $1, $2 / 1024 }'
    rm -f "$log"
}

echo "| file | rows | MiB | tool | seconds | rows/s | MiB/s | peak RSS (MiB) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for rows in "${rows_list[@]}"; do
    for kind in valid errors; do
        file=$data/irve-$rows-$kind.csv
        if [ ! -s "$file" ]; then
            if [ "$kind" = valid ]; then
                python3 "$shared/tools/gen_irve.py" -n "$rows" --seed 7 -o "$file" >/dev/null
            else
                python3 "$shared/tools/gen_irve.py" -n "$rows" --seed 7 --error-rate 0.001 -o "$file" >/dev/null
            fi
        fi
        mib=$(awk -v bytes="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", bytes / 1048576 }')
        row() {
            local tool=$1 result seconds rss
            shift
            result=$(measure "$@")
            seconds=${result% *}
            rss=${result#* }
            awk -v f="$(basename "$file")" -v r="$rows" -v m="$mib" -v t="$tool" -v s="$seconds" -v k="$rss" \
                'BEGIN { printf "| %s | %d | %s | %s | %.2f | %.0f | %.1f | %s |\n", f, r, m, t, s, r / s, m / s, k }'
        }
        row "bare csv::ByteRecord loop" "$bare" "$file" ","
        row "socle (2 threads)" "$socle" validate "$file" --schema "$schema" --format json --max-errors 100000
        row "socle (1 thread)" "$socle" validate "$file" --schema "$schema" --format json --max-errors 100000 --threads 1
        if [ "$rows" -le "$validata_max" ] && [ -x "$python" ]; then
            row "Validata 0.12.5" "$python" "$shared/tools/validata-report" "$file" "$schema" "$data/validata-report.json"
        fi
    done
done
