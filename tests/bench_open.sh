#!/bin/sh
# make bench: --open on a capture of many connections (at least 10,000 TLS
# records, built from tlsviz's own exports) against tshark decoding the same
# file with the same key log, whole process, alternately (farm-bench), for
# the export to text and to JSON. Targets: 20 times faster, a fifth of the memory.
#   bench_open.sh OBJDIR
set -eu
objdir=$1
pcap=$objdir/bench-open.pcap
keys=$objdir/bench-open.keys
set -- $("$objdir/tlsviz-bench-capture" "$pcap" "$keys" 10000)
connections=$1 records=$2
if ! command -v tshark >/dev/null || ! command -v farm-bench >/dev/null; then
	echo "bench open: tshark or farm-bench not found: --open is not compared"
	exit 0
fi
for format in text json; do
	report=$(farm-bench -n 5 --timeout 600 \
		--vs "tshark -r $pcap -o tls.keylog_file:$keys -T json" -- \
		"$objdir/tlsviz" --open "$pcap" --keylog "$keys" --export $format -o /dev/null)
	echo "$report" | sed 's/^/    /'
	# The medians: the third column of each figure's row.
	median() { echo "$report" | awk -v row="$1" '$0 ~ "^" row { print $(NF - 1) }'; }
	peak_a=$(median 'A peak MiB') peak_b=$(median 'B peak MiB')
	echo "bench open --export $format connections=$connections records=$records" \
		"tlsviz_wall_s=$(median 'A wall s') tshark_wall_s=$(median 'B wall s')" \
		"wall_ratio=$(median 'A/B wall') cpu_ratio=$(median 'A/B cpu')" \
		"tlsviz_peak_mib=$peak_a tshark_peak_mib=$peak_b" \
		"peak_ratio=$(awk -v a="$peak_a" -v b="$peak_b" 'BEGIN { printf "%.3f", a / b }')" \
		"(targets: wall_ratio <= 0.05, peak_ratio <= 0.2)"
done
