#!/usr/bin/env bash
# The cost per message and the memory per modem, against the floor, in one run.
#
# Builds the release `cmmctl` and the floor server (examples/floor_server.rs: split, parse into
# a serde_json::Value, ack, one printed line per changed register), then runs each under the
# same load from the same Rust load generator (`cmmctl sim-modem`):
#   1. MODEMS modems (default 1000) uploading their changes every RATE ms (default 250) for
#      SECONDS (default 30): CPU time of the server (user + system, from /proc) per message
#      the modems sent, and the modems' p99 from a message to its reply;
#   2. IDLE modems (default 5000) logged in and quiet: resident memory per modem (the
#      server's RSS with them, less the RSS of the same server beside it with none, read at
#      the same moment);
#   3. the same number of modems at the vendor's rate (an upload every 3 s, a heartbeat every
#      30 s, a full upload every minute): resident memory per modem after a minute and a half.
# `cmmctl serve` runs with change events printed (to /dev/null); the floor server prints its
# lines to /dev/null too. Servers (COST_SERVERS, default all four):
#   serve      `cmmctl serve --no-record`
#   floor      the floor server
#   serve-rec  `cmmctl serve --record FILE` (the default of the product: recording on)
#   floor-rec  the recording floor (`floor_server --record FILE`: every message as received
#              and every register of an upload, one writer thread, SQLite WAL, a commit a second)
#   floor-ct   the floor on a current-thread runtime (not in the default list)
# For the recording servers the table also gives the file's bytes per sample (the file and
# its WAL, over the rows of its sample table).
#
# The machine's own load moves the figures by a third from one minute to the next, so the load
# runs ROUNDS times (default 3), each server in turn within a round: the table gives each
# server's median, and the ratio is the median of the rounds' own serve / floor ratios.
#
#   bash benches/cost.sh [MODEMS] [SECONDS] [RATE_MS] [IDLE] [ROUNDS]
# (COST_SERVERS="serve floor" runs only some; COST_MEMORY=0 skips the memory runs; ROUNDS 0
# runs only them.)
set -euo pipefail
cd "$(dirname "$0")/.."
modems=${1:-1000}
seconds=${2:-30}
rate=${3:-250}
idle=${4:-5000}
rounds=${5:-3}
# COST_PROFILE=bench keeps the symbols (for perf) at the same optimisation.
profile=${COST_PROFILE:-release}
cargo build --profile "$profile" --bin cmmctl --example floor_server >&2
case $profile in release | bench) dir=release ;; *) dir=$profile ;; esac
bin=target/$dir/cmmctl
floor=target/$dir/examples/floor_server
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
hz=$(getconf CLK_TCK)

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
# CPU seconds (user + system) a process has used so far.
cpu() { awk -v hz="$hz" '{printf "%.3f", ($14 + $15) / hz}' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
field() { python3 -c 'import json,sys; print(json.loads(sys.stdin.read().splitlines()[-1])[sys.argv[1]])' "$1"; }

# start NAME PORT RATE: the server NAME on PORT; its pid in $server.
start() {
  local name=$1 port=$2 r=$3
  local file=$4
  rm -f "$file" "$file-wal" "$file-shm"
  case $name in
    serve) $bin serve --listen "127.0.0.1:$port" --online-rate "$r" --no-record > /dev/null 2> "$work/$name.err" & ;;
    serve-rec) $bin serve --listen "127.0.0.1:$port" --online-rate "$r" --record "$file" > /dev/null 2> "$work/$name.err" & ;;
    floor) $floor --listen "127.0.0.1:$port" --online-rate "$r" > /dev/null 2> "$work/$name.err" & ;;
    floor-rec) $floor --listen "127.0.0.1:$port" --online-rate "$r" --record "$file" > /dev/null 2> "$work/$name.err" & ;;
    floor-ct) $floor --listen "127.0.0.1:$port" --online-rate "$r" --current-thread > /dev/null 2> "$work/$name.err" & ;;
  esac
  server=$!
  for _ in $(seq 50); do
    python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$port" 2>/dev/null && return
    sleep 0.1
  done
  echo "cost: $name did not start: $(cat "$work/$name.err")" >&2
  exit 1
}

# bytes FILE: the recording's bytes per sample (the file and its WAL), or "-".
bytes_per_sample() {
  [ -f "$1" ] || { echo "-"; return; }
  local size rows
  size=$(( $(stat -c %s "$1") + $( [ -f "$1-wal" ] && stat -c %s "$1-wal" || echo 0) ))
  # Ours keeps the samples not yet folded into the clustered table in sample_recent.
  if [ -n "$(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE name = 'sample_recent'")" ]; then
    rows=$(sqlite3 "$1" "SELECT (SELECT count(*) FROM sample) + (SELECT count(*) FROM sample_recent)")
  else
    rows=$(sqlite3 "$1" "SELECT count(*) FROM sample")
  fi
  python3 -c 'import sys; s,n=int(sys.argv[1]),int(sys.argv[2]); print(f"{s/max(n,1):.1f}")' "$size" "$rows"
}

# load NAME ROUND: the load run; "µs/message messages CPU-s" then the p99, then the bytes per
# sample, in $work/NAME.cost.ROUND.
load() {
  local name=$1 round=$2 port file="$work/$1.load/r.cmmrec"
  mkdir -p "$work/$1.load"
  port=$(free_port)
  start "$name" "$port" "$rate" "$file"
  local before after
  before=$(cpu "$server")
  $bin sim-modem --server "127.0.0.1:$port" --count "$modems" --ramp 5 --duration "$seconds" \
    --quiet > "$work/$name.sim"
  after=$(cpu "$server")
  kill "$server"; wait "$server" 2>/dev/null || true
  sleep 0.5
  local sent p99
  sent=$(field sent < "$work/$name.sim")
  p99=$(python3 -c 'import json,sys; s=json.loads(open(sys.argv[1]).read().splitlines()[-1]); print(s.get("p99_ms", s.get("latency_ms", {}).get("p99", "?")))' "$work/$name.sim")
  python3 -c 'import sys; b,a,n=float(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]); print(f"{(a-b)*1e6/max(n,1):.1f} {n} {a-b:.2f}")' "$before" "$after" "$sent" \
    > "$work/$name.cost.$round"
  echo "$p99" >> "$work/$name.cost.$round"
  bytes_per_sample "$file" >> "$work/$name.cost.$round"
  rm -f "$file" "$file-wal" "$file-shm"
}

# memory NAME KIND: resident memory per modem, "KiB/modem base-MiB full-MiB", in
# $work/NAME.KIND; KIND idle (uploads an hour apart, heartbeats every 10 minutes) or vendor
# (uploads every 3 s, heartbeats every 30 s, a full upload every minute). The base is a second
# server of the same kind started beside it and given no modems, read at the same moment:
# what a server holds for its own sake at that age (a recording's cache, the allocator's
# pools) is then not counted as the modems'. Each server records into a folder of its own (a
# recording server reads the registry of the recordings beside its file).
memory() {
  local name=$1 kind=$2 port none_port
  port=$(free_port)
  none_port=$(free_port)
  mkdir -p "$work/$name.mem" "$work/$name.none"
  local rate=3600000 heartbeat=600 full_every=3600 duration=40 at=35
  if [ "$kind" = vendor ]; then
    rate=3000 heartbeat=30 full_every=60 duration=95 at=90
  fi
  start "$name" "$none_port" "$rate" "$work/$name.none/r.cmmrec"
  local none=$server
  start "$name" "$port" "$rate" "$work/$name.mem/r.cmmrec"
  $bin sim-modem --server "127.0.0.1:$port" --count "$idle" --ramp 10 --duration "$duration" \
    --heartbeat "$heartbeat" --full-every "$full_every" --quiet > "$work/$name.$kind.sim" &
  local sim=$!
  sleep "$at"
  local base full
  full=$(rss_kib "$server")
  base=$(rss_kib "$none")
  wait "$sim" || true
  kill "$server" "$none"; wait "$server" "$none" 2>/dev/null || true
  rm -rf "$work/$name.mem" "$work/$name.none"
  python3 -c 'import sys; b,f,n=int(sys.argv[1]),int(sys.argv[2]),int(sys.argv[3]); print(f"{(f-b)/n:.1f} {b/1024:.1f} {f/1024:.1f}")' "$base" "$full" "$idle" \
    > "$work/$name.$kind"
}

servers=${COST_SERVERS:-serve floor serve-rec floor-rec}
for round in $(seq "$rounds"); do
  for name in $servers; do
    echo "load: $name, round $round of $rounds ($modems modems, every $rate ms, $seconds s)" >&2
    load "$name" "$round"
  done
done
if [ "${COST_MEMORY:-1}" != 0 ]; then
  for name in $servers; do
    echo "memory: $name ($idle idle modems)" >&2
    memory "$name" idle
    echo "memory: $name ($idle modems at the vendor's rate)" >&2
    memory "$name" vendor
  done
fi

# median NAME: the round whose µs/message is the median (its whole line), for the table.
median() {
  for f in "$work/$1".cost.*; do echo "$(head -1 "$f") $(sed -n 2p "$f") $(sed -n 3p "$f")"; done \
    | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'
}

printf '\n%-10s %11s %20s %9s %7s %7s %8s %15s %17s\n' server "µs/message" "rounds" messages "CPU s" "p99 ms" "B/sample" "KiB/idle modem" "KiB/modem at 3 s"
mem() { [ -f "$work/$1" ] && cut -d' ' -f1 "$work/$1" || echo "-"; }
for name in $servers; do
  us=- n=- cpu_s=- p99=- per_sample=- all=-
  if [ "$rounds" -gt 0 ]; then
    read -r us n cpu_s p99 per_sample < <(median "$name")
    all=$(for f in "$work/$name".cost.*; do head -1 "$f" | cut -d' ' -f1; done | paste -sd/)
  fi
  printf '%-10s %11s %20s %9s %7s %7s %8s %15s %17s\n' "$name" "$us" "$all" "$n" "$cpu_s" "$p99" \
    "$per_sample" "$(mem "$name.idle")" "$(mem "$name.vendor")"
done
python3 - "$work" "$rounds" <<'PY'
import os, sys, statistics
work, rounds = sys.argv[1], int(sys.argv[2])
us = lambda name, r: float(open(f"{work}/{name}.cost.{r}").readline().split()[0])
def kib(name, kind):
    p = f"{work}/{name}.{kind}"
    return float(open(p).read().split()[0]) if os.path.exists(p) else None
for a, b in (("serve", "floor"), ("serve-rec", "floor-rec")):
    if os.path.exists(f"{work}/{a}.cost.1") and os.path.exists(f"{work}/{b}.cost.1"):
        ratios = [us(a, r) / us(b, r) for r in range(1, rounds + 1)]
        print(f"\n{a} / {b} by round: " + ", ".join(f"{x:.2f}x" for x in ratios))
        print(f"{a} / {b} per message (median of the rounds): {statistics.median(ratios):.2f}x")
    for kind in ("idle", "vendor"):
        x, y = kib(a, kind), kib(b, kind)
        if x is not None and y:
            print(f"{a} / {b} memory per modem, {kind}: {x / y:.2f}x")
PY
