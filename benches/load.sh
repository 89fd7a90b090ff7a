#!/usr/bin/env bash
# Load run: N simulated modems (default 2000) against `cmmctl serve` on loopback.
# Prints the simulator's figures: messages per second answered, and p50/p99 time from a
# message to its reply, as seen by the modems.
#
#   bash benches/load.sh [MODEMS] [SECONDS] [ONLINE_RATE_MS]
set -euo pipefail
cd "$(dirname "$0")/.."
modems=${1:-2000}
seconds=${2:-90}
rate=${3:-3000}
cargo build --release --bin cmmctl >&2
bin=target/release/cmmctl
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
$bin serve --listen "127.0.0.1:$port" --online-rate "$rate" --no-changes --no-record > /dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 1
# Logins spread over 20 s, then everything runs: reqdatachange every ONLINE_RATE_MS (3 s, the
# vendor cloud's rate, by default), heartbeat every
# 30 s, a full reqdata every 60 s per modem.
$bin sim-modem --server "127.0.0.1:$port" --count "$modems" --ramp 20 --duration "$seconds" --quiet
echo "server RSS: $(ps -o rss= -p $server | awk '{printf "%.1f MiB", $1/1024}')"
