# Sourced by the scripts and benches that drive the desktop app in a real window.
#
#   desktop_home       a throwaway folder ($work) as HOME, data and config, and a trap that
#                      stops what was started (the pids in $pids) and removes it at exit
#   desktop_start WxH  Xvfb on a free display of that size with openbox; exports DISPLAY

desktop_home() {
  work="$(mktemp -d)"
  pids=()
  trap desktop_cleanup EXIT
  export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
}

desktop_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}

desktop_start() {
  local display=":$((200 + RANDOM % 300))"
  Xvfb "$display" -screen 0 "$1x24" -nolisten tcp 2>/dev/null &
  pids+=($!)
  export DISPLAY="$display"
  for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
  openbox >/dev/null 2>&1 &
  pids+=($!)
  sleep 1
}
