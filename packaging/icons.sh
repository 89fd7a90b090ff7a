#!/usr/bin/env bash
# Regenerates the PNG sizes and the Windows ICO from icons/cmm-commissioner.svg.
# Needs rsvg-convert (librsvg2-bin) and ImageMagick. The results are committed, so building
# the app or the packages does not need either.
set -euo pipefail
cd "$(dirname "$0")/.."
svg=icons/cmm-commissioner.svg
pngs=()
for s in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$s" -h "$s" "$svg" -o "icons/cmm-commissioner-$s.png"
  pngs+=("icons/cmm-commissioner-$s.png")
done
# The ICO holds the sizes Windows uses (16 to 256).
/usr/bin/convert icons/cmm-commissioner-{16,24,32,48,64,128,256}.png icons/cmm-commissioner.ico
ls -l icons/
