#!/usr/bin/env bash
# Hostile peers beside real modems: do they slow the modems' replies?
#
# Two runs of N simulated modems (default 500, uploading every 500 ms) against the release
# `cmmctl serve --allow ...` on loopback, each SECONDS long (default 60). The second run has,
# at the same time, from other loopback addresses:
#   - 10,000 connections that never say a word (the connection limit is 10,000: the oldest of
#     them make room for modems);
#   - 50 peers trickling one byte a second, and 5 messages that never end;
#   - a flood of logins with wrong passwords (about 200 a second from one address);
#   - a peer that claims a live modem's hostid from another address once a second.
# Prints the simulator's figures for both runs (p50/p99 from a message to its reply, as the
# modems see it) and what the server said about the hostile peers.
#
#   bash benches/hostile.sh [MODEMS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
modems=${1:-500}
seconds=${2:-60}
cargo build --release --bin cmmctl >&2
bin=target/release/cmmctl
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# Every simulated modem on the allow-list with the simulator's password (hostids count up in
# their last 4 hex digits).
allow=()
for i in $(seq 0 $((modems - 1))); do
  allow+=(--allow "$(printf '3130373031334717003D%04X' "$i"):123456")
done

count() { grep -c -- "$1" "$2" || true; }

run() {
  local name=$1 hostile=$2
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  $bin serve --listen "127.0.0.1:$port" --online-rate 500 --no-changes --no-record \
    "${allow[@]}" > "$work/$name.events" &
  local server=$!
  sleep 1
  local attack=
  if [ "$hostile" = yes ]; then
    python3 - "$port" "$seconds" > "$work/attack.log" 2>&1 <<'PY' &
import socket, sys, threading, time, resource
port, seconds = int(sys.argv[1]), int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_NOFILE, (20000, 20000))
end = time.time() + seconds + 25
def conn(src):
    s = socket.socket()
    s.bind((src, 0))
    s.connect(("127.0.0.1", port))
    return s
silent = []
def hold_silent():
    while time.time() < end:
        while len(silent) < 10000:
            try:
                silent.append(conn("127.0.0.2"))
            except OSError:
                time.sleep(0.1)
                break
        silent[:] = [s for s in silent if s.fileno() >= 0]
        time.sleep(1)
def trickle():
    msg = b'{"method":"LongCon","hostid":"AAAAAAAAAAAAAAAAAAAAAAAA"}'
    while time.time() < end:
        try:
            s = conn("127.0.0.3")
            for b in msg * 100:
                s.send(bytes([b]))
                time.sleep(1)
        except OSError:
            time.sleep(0.5)
def endless():
    while time.time() < end:
        try:
            s = conn("127.0.0.4")
            s.send(b'{"method":"LongCon","hostid":"')
            while True:
                s.send(b"A" * 64)
                time.sleep(0.2)
        except OSError:
            time.sleep(0.5)
def flood():
    login = ('{"method":"login","params":{"hostid":"3130373031334717003D0000","hostname":"x",'
             '"password":"guess","moduletype":"HGM6120N"}}').encode()
    n = 0
    while time.time() < end:
        try:
            s = conn("127.0.0.5")
            s.settimeout(2)
            s.send(login)
            s.recv(4096)
            s.close()
            n += 1
        except OSError:
            pass
        time.sleep(0.005)
    print("wrong logins sent:", n)
def claimer():
    while time.time() < end:
        try:
            s = conn("127.0.0.6")
            s.send(b'{"method":"LongCon","hostid":"3130373031334717003D0001"}')
            s.settimeout(2)
            s.recv(4096)
            s.close()
        except OSError:
            pass
        time.sleep(1)
ts = [threading.Thread(target=hold_silent)]
ts += [threading.Thread(target=trickle) for _ in range(50)]
ts += [threading.Thread(target=endless) for _ in range(5)]
ts += [threading.Thread(target=flood), threading.Thread(target=claimer)]
for t in ts:
    t.daemon = True
    t.start()
time.sleep(20)
print("silent connections held after 20 s:", len(silent))
time.sleep(max(0, end - time.time()))
PY
    attack=$!
    # The silent connections fill the limit first.
    sleep 20
  fi
  echo "== $name: $modems modems, every 500 ms, $seconds s"
  $bin sim-modem --server "127.0.0.1:$port" --count "$modems" --ramp 10 --heartbeat 10 \
    --duration "$seconds" --quiet
  echo "server CPU: $(ps -o times= -p $server) s, RSS: $(ps -o rss= -p $server | awk '{printf "%.1f MiB", $1/1024}')"
  if [ -n "$attack" ]; then
    kill "$attack" 2>/dev/null || true
    wait "$attack" 2>/dev/null || true
    cat "$work/attack.log"
    local ev="$work/$name.events"
    echo "server said:"
    echo "  closed, not identified (trickle, endless): $(count 'not identified within' "$ev")"
    echo "  made room at the limit (at most one line a second): $(count 'oldest connection not identified' "$ev")"
    echo "  refused logins said: $(count '"accepted":false' "$ev")"
    echo "  claims from another address refused: $(count 'without a login with its password' "$ev")"
  fi
  kill $server 2>/dev/null || true
  wait $server 2>/dev/null || true
}

run quiet no
run hostile yes
