#!/usr/bin/env bash
# The Windows build exercised under Wine (Debian's wine64), run by packaging/build.sh:
#   1. the fresh MSI installs into a throwaway prefix (msiexec /qn): both exes, the Start-menu
#      shortcut, the PATH entry;
#   2. `cmmctl.exe serve` under Wine answers `cmmctl sim-modem` running on Linux: login, long
#      connection, uploads, and a write from stdin with its outcome;
#   3. `cmm-commissioner.exe --demo` under Xvfb, no renderer forced, opens its window and shows
#      the demo modems (its log says which renderer it found; the screenshot is checked).
# What it cannot prove: real graphics drivers (Wine draws through the host's Mesa, in software
# here), real serial drivers, and Windows' own firewall and installer UI.
#
# Wine 8 lacks bcryptprimitives.dll (ProcessPrng), which Rust's standard library links and
# every Windows 10 and 11 has: a stand-in built here from packaging/wine/ goes beside the
# installed exes, in the throwaway prefix only. It is never shipped.
#
#   bash packaging/wine-check.sh MSI LINUX_CMMCTL WORK_DIR
set -euo pipefail
msi=$1
linux_cmmctl=$2
work=$3
fail() { echo "wine check: $*" >&2; exit 1; }
wine=$(command -v wine64 || true)
[ -n "$wine" ] || wine=/usr/lib/wine/wine64
[ -x "$wine" ] || fail "wine64 is not installed (apt-get install wine64)"
wineserver=$(command -v wineserver || true)
[ -n "$wineserver" ] || wineserver="$(dirname "$(readlink -f "$wine")")/wineserver"
mkdir -p "$work"
work=$(cd "$work" && pwd)
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
rm -rf "$WINEPREFIX"
"$wine" wineboot --init > "$work/wineboot.log" 2>&1 || true
"$wineserver" -w 2>/dev/null || true

# 1. Install.
"$wine" msiexec /i "$(realpath "$msi")" /qn > "$work/msiexec.log" 2>&1 || fail "msiexec failed: $(cat "$work/msiexec.log")"
dir="$WINEPREFIX/drive_c/Program Files/CMM Commissioner"
for f in cmm-commissioner.exe cmmctl.exe README.md docs/user-guide.md docs/cmmctl.md; do
  [ -f "$dir/$f" ] || fail "the MSI did not install $f"
done
find "$WINEPREFIX/drive_c" -name 'CMM Commissioner.lnk' | grep -q . || fail "no Start-menu shortcut"
env_key='HKLM\System\CurrentControlSet\Control\Session Manager\Environment'
path=$("$wine" reg query "$env_key" /v PATH 2>/dev/null | tr -d '\r')
grep -q 'CMM Commissioner' <<< "$path" || fail "cmmctl's folder is not on the PATH: $path"
echo "installed: both exes, the shortcut, the PATH entry"
x86_64-w64-mingw32-gcc -O2 -shared -o "$dir/bcryptprimitives.dll" \
  packaging/wine/bcryptprimitives.c packaging/wine/bcryptprimitives.def -ladvapi32
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
got=$("$wine" "$dir/cmmctl.exe" --version 2>&1 | tr -d '\r')
[ "$got" = "cmmctl $version" ] || fail "cmmctl.exe --version said: $got"

# 2. cmmctl.exe serve under Wine, the simulated modem on Linux.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rm -f "$work/serve.in"
mkfifo "$work/serve.in"
"$wine" "$dir/cmmctl.exe" serve --listen "127.0.0.1:$port" --no-record --online-rate 500 \
  < "$work/serve.in" > "$work/serve.out" 2> "$work/serve.err" &
serve=$!
exec 7> "$work/serve.in"
cleanup() { exec 7>&- 2>/dev/null || true; kill "$serve" 2>/dev/null || true; "$wineserver" -k 2>/dev/null || true; }
trap cleanup EXIT
waitfor() { # PATTERN FILE SECONDS
  for _ in $(seq 1 $(($3 * 4))); do grep -q "$1" "$2" 2>/dev/null && return 0; sleep 0.25; done
  return 1
}
waitfor '"event":"listening"' "$work/serve.out" 60 || fail "cmmctl.exe serve did not listen: $(cat "$work/serve.err")"
"$linux_cmmctl" sim-modem --server "127.0.0.1:$port" --heartbeat 2 --duration 40 --quiet > "$work/sim.out" 2>&1 &
sim=$!
waitfor '"event":"online"' "$work/serve.out" 30 || fail "the simulated modem never came online"
waitfor '"event":"change"' "$work/serve.out" 30 || fail "no upload decoded"
host=3130373031334717003D002E
echo "{\"cmd\":\"write-coil\",\"hostid\":\"$host\",\"addr\":4,\"on\":true,\"uid\":\"wine1\"}" >&7
waitfor '"uid":"wine1","outcome"' "$work/serve.out" 30 || fail "no outcome for the write"
grep -q '"uid":"wine1","outcome":"accepted"' "$work/serve.out" \
  || fail "the write was not accepted: $(grep '"uid":"wine1"' "$work/serve.out")"
waitfor '"addr":42,"raw":"0001"' "$work/serve.out" 30 || fail "manual mode never showed in the uploads"
kill "$sim" 2>/dev/null || true
exec 7>&-
kill "$serve" 2>/dev/null || true
"$wineserver" -k 2>/dev/null || true
"$wineserver" -w 2>/dev/null || true
echo "cmmctl.exe serve under Wine: login, online, uploads, a write accepted and seen in the readings"

# 3. The desktop app, no renderer forced, under Xvfb.
logs="$WINEPREFIX/drive_c/users/$(whoami)/AppData/Local/cmm-commissioner/data/logs"
rm -rf "$logs"
shot="$work/app-under-wine.png"
if ! xvfb-run -a -s "-screen 0 1280x800x24" bash -c "
    '$wine' '$dir/cmm-commissioner.exe' --demo --listen 127.0.0.1:0 --no-record &
    for i in \$(seq 1 240); do
      xdotool search --name 'CMM Commissioner' > /dev/null 2>&1 && grep -q 'online 3130373031334717003D0002' '$logs/cmm-commissioner.log' 2>/dev/null && break
      grep -q 'with any renderer' '$logs/cmm-commissioner.log' 2>/dev/null && break
      sleep 0.5
    done
    sleep 5
    import -window root '$shot'
    '$wineserver' -k
  " > "$work/app.log" 2>&1; then
  cat "$work/app.log" >&2
  fail "the desktop app under Wine did not run"
fi
log="$logs/cmm-commissioner.log"
[ -f "$log" ] || fail "the app wrote no log (it did not start): $(cat "$work/app.log")"
grep -q 'renderer: wgpu' "$log" || fail "the app opened no window: $(cat "$log")"
grep -q 'online 3130373031334717003D0002' "$log" || fail "the demo modems never came online: $(cat "$log")"
colours=$(/usr/bin/convert "$shot" -format %k info:)
[ "$colours" -gt 200 ] || fail "the screenshot is blank ($colours colours): $shot"
echo "cmm-commissioner.exe --demo under Wine: $(grep -o 'renderer: .*' "$log" | head -1); window drawn ($colours colours), demo modems online"
grep 'renderer' "$log" | sed 's/^/  /'
