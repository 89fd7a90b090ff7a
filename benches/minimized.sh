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
. scripts/desktop.sh
desktop_home

desktop_start 1600x1000

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
