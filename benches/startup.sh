#!/usr/bin/env bash
# Start-up of the desktop app in a real window with MODEMS modems known from the last
# recording (the registry): from the process's start to its first frame drawn, in rounds.
# Usage: benches/startup.sh [MODEMS] [ROUNDS] (default 10,000 modems, 5 rounds).
#
# The last recording is made by examples/big_recording.rs (MODEMS modems logged in, half a
# minute of uploads); the app then starts recording beside it, as every start does, under
# Xvfb with openbox, on the first renderer (the one a laptop uses), and says on stdout when
# its first frame is drawn (the line the renderer watcher waits for). Goal: under 1 s.
set -euo pipefail
cd "$(dirname "$0")/.."
modems="${1:-10000}"
rounds="${2:-5}"
profile="${STARTUP_PROFILE:-release}"
dir=release
cargo build --profile "$profile" --bin cmm-commissioner --example big_recording --quiet
. scripts/desktop.sh
desktop_home

recs="$work/recordings"
mkdir -p "$recs"
target/$dir/examples/big_recording "$recs/2026-01-01T00-00-00.cmmrec" \
  --modems "$modems" --hours 0.01 2>/dev/null

desktop_start 1280x720

# The try holds its stdin as the watcher's line: kept open here.
mkfifo "$work/watcher"
exec 3<>"$work/watcher"
for round in $(seq "$rounds"); do
  rm -f "$recs/new.cmmrec"* "$work/out.txt"
  start=$(date +%s%N)
  # The first renderer's try, as the watcher starts it; it prints a line at its first frame.
  CMM_RENDERER_TRY=0 target/$dir/cmm-commissioner --listen 127.0.0.1:0 \
    --settings "$work/settings.json" --record "$recs/new.cmmrec" <"$work/watcher" >"$work/out.txt" 2>&1 &
  app=$!
  until grep -q "first frame drawn" "$work/out.txt" 2>/dev/null; do
    kill -0 "$app" 2>/dev/null || { cat "$work/out.txt" >&2; exit 1; }
    sleep 0.005
  done
  drawn=$(date +%s%N)
  kill "$app"; wait "$app" 2>/dev/null || true
  echo "round $round: $modems modems known, first frame drawn $(( (drawn - start) / 1000000 )) ms after start"
done
