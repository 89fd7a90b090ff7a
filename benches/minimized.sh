#!/usr/bin/env bash
# Modems answered while the desktop app's window is minimized under a real window manager.
# Usage: benches/minimized.sh [MODEMS] [SECONDS] (default 200 modems for 90 s).
#
# Xvfb with openbox; the app listens on a free loopback port; its window is minimized with
# xdotool and checked to be hidden (_NET_WM_STATE_HIDDEN), so eframe stops drawing frames.
# `cmmctl sim-modem` then runs MODEMS modems against it and prints sent, answered and the
# reply times it measured. Goal: every message answered, p99 under 10 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
modems="${1:-200}"
secs="${2:-90}"
cargo build --release --bins --quiet
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"

display=":$((200 + RANDOM % 300))"
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp 2>/dev/null &
pids+=($!)
export DISPLAY="$display"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
openbox >/dev/null 2>&1 &
pids+=($!)
sleep 1

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
CMM_FRAME_STATS=1 target/release/cmm-commissioner --listen "127.0.0.1:$port" \
  --settings "$work/settings.json" 2>"$work/frames.txt" &
app=$!
pids+=("$app")
wid=$(xdotool search --sync --onlyvisible --name "CMM Commissioner" | head -1)
xdotool windowminimize --sync "$wid"
state=$(xprop -id "$wid" _NET_WM_STATE)
case "$state" in
  *_NET_WM_STATE_HIDDEN*) echo "window $wid minimized: $state" ;;
  *) echo "the window is not hidden: $state" >&2; exit 1 ;;
esac

echo "$modems simulated modems for $secs s against 127.0.0.1:$port"
target/release/cmmctl sim-modem --server "127.0.0.1:$port" --count "$modems" \
  --ramp 5 --duration "$secs" --quiet | tail -1
state=$(xprop -id "$wid" _NET_WM_STATE)
case "$state" in
  *_NET_WM_STATE_HIDDEN*) echo "still minimized at the end" ;;
  *) echo "the window came back during the run: $state" >&2 ;;
esac
kill -0 "$app" && echo "the app is still running"
grep '^frames' "$work/frames.txt" | tail -3 || echo "no frame drawn while minimized"
