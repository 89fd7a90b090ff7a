#!/usr/bin/env bash
# Soak with churn: N simulated modems (default 2000) against the release `cmmctl serve` for
# MINUTES (default 30). Each minute CHURN % of them (default 10) drop their connection, a third
# each by closing it, in the middle of a message, or by going silent without closing, and log
# in again a few seconds later. Every minute: the server's resident memory, its open
# descriptors, and the modems it holds online (its `sessions` answer). At the end the modems
# stop: nothing may be left behind (0 online, descriptors back to where they were).
#
#   bash benches/soak.sh [MODEMS] [MINUTES] [CHURN_PCT]
set -euo pipefail
cd "$(dirname "$0")/.."
modems=${1:-2000}
minutes=${2:-30}
churn=${3:-10}
cargo build --release --bin cmmctl >&2
bin=target/release/cmmctl
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkfifo "$work/stdin"
# Heartbeats every 20 s: a modem that vanished is offline after 60 s of silence.
$bin serve --listen "127.0.0.1:$port" --heartbeat 20 --no-changes --no-record \
  < "$work/stdin" > "$work/events" &
server=$!
exec 3> "$work/stdin"
sleep 1
online() {
  echo '{"cmd":"sessions"}' >&3
  sleep 1
  python3 - "$work/events" <<'PY'
import json, sys
last = None
for line in open(sys.argv[1]):
    if '"sessions"' in line:
        try:
            v = json.loads(line)
        except ValueError:
            continue
        if v.get("event") == "sessions":
            last = v
print(sum(1 for s in (last or {}).get("sessions", []) if s.get("online")))
PY
}
sample() {
  printf '| %s | %.1f MiB | %s | %s |\n' "$1" \
    "$(ps -o rss= -p $server | awk '{print $1/1024}')" \
    "$(ls /proc/$server/fd | wc -l)" "$(online)"
}
echo "$modems modems, $churn % churn a minute, $minutes min; heartbeat 20 s"
echo
echo "| minute | server RSS | open descriptors | online |"
echo "|---|---|---|---|"
sample "0 (no modem)"
fds0=$(ls /proc/$server/fd | wc -l)
$bin sim-modem --server "127.0.0.1:$port" --count "$modems" --ramp 30 --heartbeat 20 \
  --churn "$churn" --duration $((minutes * 60)) --quiet > "$work/sim" &
sim=$!
for m in $(seq 1 "$minutes"); do
  sleep 58
  sample "$m"
done
wait $sim || true
echo
cat "$work/sim"
# The simulator is gone, vanished connections with it: give the server a heartbeat window.
sleep 65
sample "after the modems stopped"
fds=$(ls /proc/$server/fd | wc -l)
left=$(online)
echo
echo "left behind: $left online, $((fds - fds0)) descriptors more than before the modems"
echo "$(grep -c '"event":"offline"' "$work/events") offline events, $(grep -c '"event":"online"' "$work/events") online events"
