#!/usr/bin/env bash
# Regenerates docs/screenshot.png: the desktop app in demo mode under Xvfb, on the overview of
# a genset (from a settings file made for the occasion); the smaller and larger screens show
# three of its values plotted below it.
# Needs xvfb and imagemagick (`.ci/run` installs both). Usage: scripts/screenshot.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${1:-target/debug/cmm-commissioner}"
[ -x "$bin" ] || cargo build --bin cmm-commissioner
out=docs/screenshot.png
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The first demo modem's hostid (SimModemConfig's default, numbered 0 of 3).
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

plots='[{"target": "'$host'", "table": "holding", "addr": 0}, {"target": "'$host'", "table": "holding", "addr": 6}, {"target": "'$host'", "table": "holding", "addr": 24}]'

# A home of its own: eframe's remembered window size and layout must not leak in.
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
mkdir -p docs
# The README's picture, then the small laptop screen and full HD (the window fills each).
# The small screen shows the traffic inspector docked, with everything else still in reach.
for size in 1600x1000 1280x720 1920x1080; do
  w=${size%x*}; h=${size#*x}
  rm -rf "$work/config" "$work/data"
  traffic=false
  [ "$size" = 1280x720 ] && traffic=true
  sed -i "s/\"traffic_open\": [a-z]*/\"traffic_open\": $traffic/" "$work/settings.json"
  plotted=$plots
  [ "$size" = 1600x1000 ] && plotted='[]'
  python3 - "$work/settings.json" "$plotted" <<'PY'
import json, sys
p = sys.argv[1]
s = json.load(open(p))
s["plotted"] = json.loads(sys.argv[2])
json.dump(s, open(p, "w"), indent=2)
PY
  xvfb-run -a -s "-screen 0 ${size}x24" bash -c "
    '$bin' --demo --settings '$work/settings.json' &
    app=\$!
    sleep 6
    win=\$(xdotool search --name 'CMM Commissioner' | head -1)
    xdotool windowmove \"\$win\" 0 0 windowsize \"\$win\" $w $h
    sleep 20
    import -window \"\$win\" '$work/shot-$size.png'
    kill \$app
    wait \$app || true
  "
  case "$size" in
    1600x1000) dest="$out" ;;
    *) dest="docs/screenshot-$size.png" ;;
  esac
  cp "$work/shot-$size.png" "$dest"
  echo "wrote $dest"
done
