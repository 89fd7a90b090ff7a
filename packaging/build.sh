#!/usr/bin/env bash
# Builds every package into dist/, with the version from Cargo.toml in each name, and checks
# each one:
#   dist/cmm-commissioner-VERSION-x86_64.msi        Windows installer (wixl), checked by msiextract
#   dist/cmm-commissioner-VERSION-windows-x86_64/   the two Windows .exe (GUI and console subsystem)
#   dist/cmm-commissioner-VERSION-x86_64.AppImage   checked by --appimage-extract and a start under Xvfb
#   dist/cmm-commissioner_VERSION-1_amd64.deb       dpkg-deb, checked by dpkg-deb
# and installs the MSI into a throwaway Wine prefix and exercises it there
# (packaging/wine-check.sh).
# Needs (Debian): gcc-mingw-w64-x86-64 wixl msitools squashfs-tools desktop-file-utils
# appstream dpkg-dev xvfb xdotool curl wine64 imagemagick python3; the x86_64-pc-windows-gnu
# Rust target (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
name=cmm-commissioner
dist=dist
# Builds go where cargo puts them (CARGO_TARGET_DIR when set, as CI does to reuse its builds).
target_dir=${CARGO_TARGET_DIR:-target}
work=$target_dir/packaging
rm -rf "$dist" "$work"
mkdir -p "$dist" "$work"
step() { printf '\n== %s\n' "$*"; }
fail() { echo "packaging: $*" >&2; exit 1; }

# AppStream metadata with this version (the AppImage and the .deb carry it).
metainfo="$work/io.github.cmm_commissioner.metainfo.xml"
sed -e "s/@VERSION@/$version/" -e "s/@DATE@/$(git log -1 --format=%cs 2>/dev/null || date -u +%F)/" \
  packaging/linux/io.github.cmm_commissioner.metainfo.xml > "$metainfo"

step "Linux release build"
cargo build --release --locked --bins
lin=$target_dir/release

step "Windows release build (x86_64-pc-windows-gnu)"
grep -qx x86_64-pc-windows-gnu <<< "$(rustup target list --installed)" \
  || rustup target add x86_64-pc-windows-gnu
cargo build --release --locked --bins --target x86_64-pc-windows-gnu
win=$target_dir/x86_64-pc-windows-gnu/release
windir="$dist/$name-$version-windows-x86_64"
mkdir -p "$windir"
cp "$win/cmm-commissioner.exe" "$win/cmmctl.exe" README.md "$windir/"
# The guides the README links to, for a laptop that is offline (the MSI has the same list).
guides="user-guide.md cmmctl.md maps.md protocol.md install.md"
mkdir -p "$windir/docs"
for g in $guides; do cp "docs/$g" "$windir/docs/"; done
# The desktop app must not open a console window; cmmctl must stay a console program.
subsystem() { x86_64-w64-mingw32-objdump -p "$1" | awk '/^Subsystem/ {print $2}'; }
[ "$(subsystem "$windir/cmm-commissioner.exe")" = 00000002 ] \
  || fail "cmm-commissioner.exe is not a Windows GUI program"
[ "$(subsystem "$windir/cmmctl.exe")" = 00000003 ] || fail "cmmctl.exe is not a console program"
# The icon is in the exe's resources.
# (Output captured before grep: with pipefail, grep -q closing the pipe early fails the step.)
sections=$(x86_64-w64-mingw32-objdump -h "$windir/cmm-commissioner.exe")
grep -q '\.rsrc' <<< "$sections" || fail "cmm-commissioner.exe has no resources (icon)"
echo "GUI subsystem, console subsystem, icon resource: ok"

step "MSI (wixl)"
msitable() { msiinfo export "$1" "$2" | tr -d '\r'; }
msi="$dist/$name-$version-x86_64.msi"
# wixl has no Environment element: it gets the source without it, and the MSI gets the same
# entry (cmmctl's folder appended to the system PATH, removed on uninstall) with msibuild.
# (wixl wants paths relative to the current folder: the repository root.)
sed '/<Environment /,/\/>/d' wix/main.wxs > "$work/main-wixl.wxs"
grep -q '<Environment ' wix/main.wxs && ! grep -q '<Environment ' "$work/main-wixl.wxs" \
  || fail "wix/main.wxs: the Environment element was not found or not removed"
wixl -a x64 -D Version="$version" -D BinDir="$windir" -o "$msi" "$work/main-wixl.wxs"
printf 'Environment\tName\tValue\tComponent_\ns72\tl255\tL255\ts72\nEnvironment\tEnvironment\nPathEntry\t=-*PATH\t[~];[INSTALLDIR]\tConsoleTool\n' \
  > "$work/Environment.idt"
msibuild "$msi" -i "$work/Environment.idt"
msibuild "$msi" \
  -q "INSERT INTO InstallExecuteSequence (Action, Sequence) VALUES ('RemoveEnvironmentStrings', 3300)" \
  -q "INSERT INTO InstallExecuteSequence (Action, Sequence) VALUES ('WriteEnvironmentStrings', 5200)"
grep -q 'PATH' <<< "$(msitable "$msi" Environment)" || fail "MSI has no PATH entry"
[ "$(msitable "$msi" Property | awk -F'\t' '$1 == "ProductVersion" {print $2}')" = "$version" ] \
  || fail "MSI version is not $version"
grep -q 'CMM Commissioner' <<< "$(msitable "$msi" Shortcut)" || fail "MSI has no Start-menu shortcut"
grep -qi '8D6B2A51-3C7E-4F19-9A2D-5E0C4B7F1A63' <<< "$(msitable "$msi" Upgrade)" \
  || fail "MSI lost its UpgradeCode"
rm -rf "$work/msi"
msiextract -C "$work/msi" "$msi" > /dev/null
for f in cmm-commissioner.exe cmmctl.exe README.md $(printf 'docs/%s ' $guides); do
  got=$(find "$work/msi" -path "*/$f" | head -1)
  [ -n "$got" ] || fail "MSI lacks $f"
  cmp -s "$got" "$windir/$f" || fail "MSI's $f differs from the build"
done
echo "MSI: files, version, shortcut, upgrade code, PATH entry: ok"

step "The MSI installed and exercised under Wine"
bash packaging/wine-check.sh "$msi" "$lin/cmmctl" "$work/wine"

step "AppImage"
runtime="$work/appimage-runtime-x86_64"
crate="$work/appimage-0.4.0.crate"
cached=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/appimage-0.4.0.crate 2>/dev/null | head -1 || true)
if [ -n "$cached" ]; then cp "$cached" "$crate"
else curl -fsSL -o "$crate" https://static.crates.io/crates/appimage/appimage-0.4.0.crate; fi
echo "567a4da6b94a2ac20a27620933c80fc14cf475b5fe7d7b137d20eb237d6b1920  $crate" | sha256sum -c --quiet
tar -xzf "$crate" -C "$work" appimage-0.4.0/assets/runtime-x86_64
mv "$work/appimage-0.4.0/assets/runtime-x86_64" "$runtime"
appdir="$work/AppDir"
mkdir -p "$appdir/usr/bin" "$appdir/usr/share/applications" "$appdir/usr/share/metainfo"
install -m 755 "$lin/cmm-commissioner" "$lin/cmmctl" "$appdir/usr/bin/"
install -m 755 packaging/linux/AppRun "$appdir/AppRun"
cp packaging/linux/cmm-commissioner.desktop "$appdir/"
cp packaging/linux/cmm-commissioner.desktop "$appdir/usr/share/applications/"
cp "$metainfo" "$appdir/usr/share/metainfo/"
for s in 16 24 32 48 64 128 256 512; do
  d="$appdir/usr/share/icons/hicolor/${s}x${s}/apps"
  mkdir -p "$d"
  cp "icons/$name-$s.png" "$d/$name.png"
done
cp "icons/$name-256.png" "$appdir/$name.png"
ln -sf "$name.png" "$appdir/.DirIcon"
desktop-file-validate "$appdir/$name.desktop"
appstreamcli validate --no-net --explain "$appdir/usr/share/metainfo/io.github.cmm_commissioner.metainfo.xml"
appimage="$dist/$name-$version-x86_64.AppImage"
mksquashfs "$appdir" "$work/app.squashfs" -root-owned -noappend -quiet
cat "$runtime" "$work/app.squashfs" > "$appimage"
chmod 755 "$appimage"
# Check: extract it again (no FUSE needed) and compare, then start the extracted app.
rm -rf "$work/extract"
mkdir -p "$work/extract"
(cd "$work/extract" && "$(realpath "$root/$appimage")" --appimage-extract > /dev/null)
for f in usr/bin/cmm-commissioner usr/bin/cmmctl AppRun "$name.desktop" "$name.png"; do
  cmp -s "$work/extract/squashfs-root/$f" "$appdir/$f" || fail "AppImage's $f differs"
done
grep -q "$version" <<< "$("$work/extract/squashfs-root/AppRun" cmmctl --version)" \
  || fail "the AppImage's cmmctl does not run"
home="$work/home"
mkdir -p "$home"
if ! HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c "
    '$work/extract/squashfs-root/AppRun' --demo --listen 127.0.0.1:0 &
    app=\$!
    for i in \$(seq 1 60); do
      xdotool search --name 'CMM Commissioner' > /dev/null 2>&1 && break
      sleep 0.5
    done
    sleep 3
    kill -0 \$app || { echo 'the AppImage app died' >&2; exit 1; }
    xdotool search --name 'CMM Commissioner' > /dev/null || { echo 'no window' >&2; exit 1; }
    kill \$app; wait \$app 2>/dev/null || true
  " > "$work/appimage-run.log" 2>&1; then
  cat "$work/appimage-run.log" >&2
  fail "the extracted AppImage did not start in demo mode"
fi
echo "AppImage: extracted, identical, cmmctl runs, the window opened in demo mode: ok"

step ".deb (dpkg-deb)"
# Built by hand with dpkg-deb (no packaging tool to compile on every run); the shared
# libraries the binaries need are found by dpkg-shlibdeps, as Debian's own packages do.
debroot="$work/deb"
mkdir -p "$debroot/DEBIAN"
install -Dm755 "$lin/cmm-commissioner" "$debroot/usr/bin/cmm-commissioner"
install -Dm755 "$lin/cmmctl" "$debroot/usr/bin/cmmctl"
install -Dm644 packaging/linux/cmm-commissioner.desktop \
  "$debroot/usr/share/applications/cmm-commissioner.desktop"
install -Dm644 "$metainfo" "$debroot/usr/share/metainfo/io.github.cmm_commissioner.metainfo.xml"
install -Dm644 "icons/$name.svg" "$debroot/usr/share/icons/hicolor/scalable/apps/$name.svg"
for s in 16 32 48 64 128 256; do
  install -Dm644 "icons/$name-$s.png" "$debroot/usr/share/icons/hicolor/${s}x${s}/apps/$name.png"
done
install -Dm644 README.md "$debroot/usr/share/doc/$name/README.md"
for g in $guides; do install -Dm644 "docs/$g" "$debroot/usr/share/doc/$name/docs/$g"; done
install -Dm644 packaging/linux/deb-copyright "$debroot/usr/share/doc/$name/copyright"
# dpkg-shlibdeps wants a debian/control beside it.
mkdir -p "$work/shlibs/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: amd64\n' "$name" "$name" > "$work/shlibs/debian/control"
debabs=$(realpath "$debroot")
depends=$(cd "$work/shlibs" && dpkg-shlibdeps -O \
  -e"$debabs/usr/bin/cmm-commissioner" -e"$debabs/usr/bin/cmmctl" \
  | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || fail "dpkg-shlibdeps found no dependencies"
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$(du -sk "$debroot/usr" | cut -f1)/" \
  -e "s/@DEPENDS@/$depends/" packaging/linux/deb-control > "$debroot/DEBIAN/control"
(cd "$debroot" && find usr -type f -exec md5sum {} + | sort -k2) > "$debroot/DEBIAN/md5sums"
dpkg-deb --root-owner-group -Zxz --build "$debroot" "$dist/${name}_${version}-1_amd64.deb" > /dev/null
deb=$(ls "$dist"/*.deb)
dpkg-deb --info "$deb" | grep -E 'Package|Version|Depends'
contents=$(dpkg-deb --contents "$deb")
for f in ./usr/bin/cmm-commissioner ./usr/bin/cmmctl \
  ./usr/share/applications/cmm-commissioner.desktop \
  ./usr/share/icons/hicolor/256x256/apps/cmm-commissioner.png \
  ./usr/share/metainfo/io.github.cmm_commissioner.metainfo.xml; do
  grep -q " $f\$" <<< "$contents" || fail ".deb lacks $f"
done
grep -q libudev1 <<< "$(dpkg-deb --field "$deb" Depends)" || fail ".deb does not depend on libudev1"

step "Sizes (every installer 30 MB or less)"
limit=$((30 * 1000 * 1000))
for f in "$msi" "$appimage" "$deb"; do
  size=$(stat -c %s "$f")
  printf '%-50s %s MB\n' "$(basename "$f")" "$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1e6 }')"
  [ "$size" -le "$limit" ] || fail "$(basename "$f") is $size bytes, over 30 MB"
done

step "dist/"
ls -l "$dist" "$windir"
