#!/usr/bin/env bash
# Regenerates docs/screens/*-1280x720.png: the desktop app in demo mode in a real window on a
# 1280x720 screen (Xvfb with openbox, the window as it opens there: maximised), recording, on
# the first demo genset: the Overview, the Values with three plots, the Fleet, and the
# Commissioning window (opened from the File menu, found on screen by tesseract).
# Needs xvfb, openbox, xdotool, imagemagick, tesseract-ocr. Usage: scripts/screens.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${1:-target/debug/cmm-commissioner}"
[ -x "$bin" ] || cargo build --bin cmm-commissioner
. scripts/desktop.sh
desktop_home

host=3130373031334717003D0000
cat > "$work/settings.json" <<JSON
{
  "listen": "127.0.0.1:0",
  "theme": "dark",
  "plotted": [
    { "target": "$host", "table": "holding", "addr": 0 },
    { "target": "$host", "table": "holding", "addr": 6 },
    { "target": "$host", "table": "holding", "addr": 24 }
  ],
  "own_scales": true,
  "traffic_open": false,
  "selected": "$host"
}
JSON

desktop_start 1280x720

"$bin" --demo --settings "$work/settings.json" --record "$work/demo.cmmrec" >/dev/null 2>&1 &
pids+=($!)
win=$(xdotool search --sync --onlyvisible --name "CMM Commissioner" | head -1)
# Readings for the plots to draw.
sleep 25

shot() {
  xdotool mousemove 1279 719
  sleep 1.5
  /usr/bin/convert x:root "$1" 2>/dev/null || import -window root "$1"
  echo "wrote $1"
}
# Clicks the first word `$1` tesseract reads on the screen.
click_text() {
  import -window root "$work/find.png"
  read -r x y < <(tesseract "$work/find.png" - tsv 2>/dev/null |
    awk -F'\t' -v w="$1" '$12 ~ "^"w { print $7 + $9 / 2, $8 + $10 / 2; exit }')
  [ -n "${x:-}" ] || { echo "'$1' not found on the screen" >&2; exit 1; }
  xdotool mousemove "$x" "$y" click 1
}

mkdir -p docs/screens
xdotool windowactivate --sync "$win" key ctrl+1
shot docs/screens/overview-1280x720.png
xdotool key ctrl+2
shot docs/screens/values-1280x720.png
xdotool key ctrl+3
shot docs/screens/fleet-1280x720.png
xdotool key ctrl+1
sleep 0.5
click_text File
sleep 0.5
click_text Commissioning
sleep 1
shot docs/screens/commissioning-1280x720.png
