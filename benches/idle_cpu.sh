#!/usr/bin/env bash
# CPU used by the desktop app while nothing changes, in a real window under Xvfb.
# Usage: benches/idle_cpu.sh [BINARY] (default: the release build, else the debug one).
# Prints the share of one core used over SECONDS (default 20), after a 5 s start-up:
#  - idle: no modem, nothing to draw; the app should not repaint at all;
#  - demo: three simulated modems uploading, the list counting "seen N s ago" (1 Hz repaint).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-}"
if [ -z "$bin" ]; then
  if [ -x target/release/cmm-commissioner ]; then bin=target/release/cmm-commissioner
  else bin=target/debug/cmm-commissioner; fi
fi
secs="${SECONDS_TO_MEASURE:-20}"
tck=$(getconf CLK_TCK)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"


measure() {
  local name="$1"; shift
  xvfb-run -a -s "-screen 0 1400x900x24" bash -c "
    CMM_FRAME_STATS=1 '$bin' --listen 127.0.0.1:0 --settings '$work/settings-$name.json' $* \
      2> '$work/frames-$name.txt' &
    app=\$!
    sleep 5
    a=\$(awk '{print \$14 + \$15}' /proc/\$app/stat)
    sleep $secs
    b=\$(awk '{print \$14 + \$15}' /proc/\$app/stat)
    kill \$app; wait \$app 2>/dev/null || true
    awk -v a=\$a -v b=\$b -v t=$tck -v s=$secs -v n=$name \
      'BEGIN { printf \"%-5s %6.2f%% of one core (%d ticks in %d s)\n\", n, (b - a) / t / s * 100, b - a, s }'
  " 2>/dev/null
  grep '^frames' "$work/frames-$name.txt" | tail -1 | sed 's/^/      last 10 s: /' || echo '      no frame in the last 10 s'
}

echo "idle CPU of $bin:"
measure idle
measure demo --demo
