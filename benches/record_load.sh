#!/usr/bin/env bash
# The recorder under load: N simulated modems (default 2000) uploading every RATE ms (default
# 500) to `cmmctl serve --record` for SECONDS (default 60). Prints the rows the run put in the
# recording per second (samples, messages, events), the records lost, and the modems' reply
# times with recording on. Compare the rows per second with `cargo bench --bench recorder`.
#
#   bash benches/record_load.sh [MODEMS] [SECONDS] [RATE_MS]
set -euo pipefail
cd "$(dirname "$0")/.."
modems=${1:-2000}
seconds=${2:-60}
rate=${3:-500}
cargo build --release --bin cmmctl >&2
bin=target/release/cmmctl
work=$(mktemp -d)
file="$work/load.cmmrec"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
$bin serve --listen "127.0.0.1:$port" --online-rate "$rate" --no-changes --record "$file" > "$work/serve.jsonl" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1
$bin sim-modem --server "127.0.0.1:$port" --count "$modems" --ramp 20 --duration "$seconds" --quiet
kill -INT $server; wait $server || true
sqlite3 "$file" "SELECT 'samples', count(*), (max(t_ms) - min(t_ms)) / 1000.0 FROM sample;
                 SELECT 'messages', count(*), 0 FROM message;
                 SELECT 'events', count(*), 0 FROM event;" |
  awk -F'|' -v s="$seconds" '{ rows += $2; if ($1 == "samples") span = $3; print $1": "$2 }
    END { printf "rows in all: %d over %.0f s = %.0f rows/s\n", rows, s, rows / s }'

grep -o "fell behind[^\"]*" "$work/serve.jsonl" | tail -1 || echo "no record lost"
echo "file: $(du -h "$file" | cut -f1)"
