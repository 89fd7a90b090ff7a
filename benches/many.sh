#!/usr/bin/env bash
# Many modems on one server: N simulated modems (default 19000) at the vendor's rate (an upload
# every 3 s, a heartbeat every 30 s, a full upload every minute) against one release
# `cmmctl serve` recording to a file, for MINUTES (default 10). The load is split over PROCS
# `cmmctl sim-modem` processes (default 2), each under its own descriptor limit. Every minute:
# the server's resident memory, its open descriptors and its CPU share over that minute. At
# the end: each simulator's `sim_stats` (p99 from a message to its reply, errors), the
# recording's size and rows, and the records the recorder lost.
#
#   bash benches/many.sh [MODEMS] [MINUTES] [PROCS]
set -euo pipefail
cd "$(dirname "$0")/.."
modems=${1:-19000}
minutes=${2:-10}
procs=${3:-2}
profile=${MANY_PROFILE:-release}
cargo build --profile "$profile" --bin cmmctl >&2
bin=target/release/cmmctl
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "descriptor limit of a process here: $(ulimit -n)"
hz=$(getconf CLK_TCK)
cpu() { awk -v hz="$hz" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
file="$work/many.cmmrec"
$bin serve --listen "127.0.0.1:$port" --online-rate 3000 --heartbeat 30 --no-changes \
  --max-connections "$((modems + 500))" --record "$file" > "$work/events" 2> "$work/err" &
server=$!
sleep 1
sample() {
  local now
  now=$(cpu $server)
  printf '| %s | %.1f MiB | %s | %s %% |\n' "$1" \
    "$(ps -o rss= -p $server | awk '{print $1/1024}')" \
    "$(ls /proc/$server/fd | wc -l)" \
    "$(python3 -c 'import sys; print(f"{(float(sys.argv[1]) - float(sys.argv[2])) * 100 / float(sys.argv[3]):.0f}")' "$now" "$last" "$2")"
  last=$now
}
echo "$modems modems in $procs processes, every 3 s, recording on, $minutes min"
echo
echo "| minute | server RSS | open descriptors | server CPU |"
echo "|---|---|---|---|"
last=$(cpu $server)
sample "0 (no modem)" 1
per=$((modems / procs))
sims=()
for p in $(seq 0 $((procs - 1))); do
  count=$per
  [ "$p" -eq $((procs - 1)) ] && count=$((modems - per * (procs - 1)))
  # Distinct hostids per process: the last four digits count up from a base of its own.
  base=$(printf '3130373031334717003D%04X' $((p * per)))
  $bin sim-modem --server "127.0.0.1:$port" --count "$count" --hostid "$base" --ramp 60 \
    --heartbeat 30 --full-every 60 --duration $((minutes * 60)) --quiet > "$work/sim$p" &
  sims+=($!)
done
for m in $(seq 1 "$minutes"); do
  sleep 60
  sample "$m" 60
done
for s in "${sims[@]}"; do wait "$s" || true; done
echo
for p in $(seq 0 $((procs - 1))); do tail -1 "$work/sim$p"; done
kill -INT $server
wait $server || true
echo
echo "recording: $(du -h "$file" | cut -f1); $(sqlite3 "$file" "SELECT (SELECT count(*) FROM sample) + (SELECT count(*) FROM sample_recent)") samples, $(sqlite3 "$file" "SELECT count(*) FROM message") messages"
lost=$({ grep -o 'recorder fell behind: [0-9]*' "$work/events" || true; } | awk '{s += $NF} END {print s + 0}')
echo "records lost by the recorder: $lost"
echo "errors the server printed: $(grep -c '"event":"error"' "$work/events" || true)"
