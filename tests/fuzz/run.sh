#!/bin/sh
# Runs one fuzz target (make fuzz) and sums it up in one line:
#   fuzz trace: 1234567 runs, 2057/s, cov 3120 ft 15870, 0 crashes
# usage: run.sh NAME BINARY SECONDS MAX_LEN WORKDIR SEEDS
# New inputs go to WORKDIR/corpus, crashes, leaks and timeouts to WORKDIR/artifacts,
# libFuzzer's output to WORKDIR/log. Exits 1 when the target failed.
set -u
name=$1 binary=$2 seconds=$3 max_len=$4 work=$5 seeds=$6
mkdir -p "$work/corpus" "$work/artifacts"
touch "$work/started"
"$binary" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus" "$seeds" \
	>"$work/log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
per_second=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log")
coverage=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$work/log" | tail -n 1 | sed 's/://g')
crashes=$(find "$work/artifacts" -type f -newer "$work/started" | wc -l)
if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then
	crashes=1 # it failed without leaving an input (it could not start, say)
fi
echo "fuzz $name: ${runs:-0} runs, ${per_second:-0}/s, ${coverage:-cov ? ft ?}, $crashes crashes"
if [ "$crashes" -ne 0 ]; then
	echo "fuzz $name: see $work/log and $work/artifacts/" >&2
	exit 1
fi
