#!/usr/bin/env bash
# Renders the workbook `fengong export --to xlsx` makes of the bundled notice to the picture in
# the README (docs/workbook.png). Needs LibreOffice (Calc) and poppler-utils; not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
cargo run -q --release -- export -q seeds/huzhu-2026.md --to xlsx -o "$tmp/分工.xlsx"
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/分工.xlsx" >/dev/null
pdftoppm -png -r 110 -f 1 -l 1 -x 0 -y 60 -W 1290 -H 560 "$tmp/分工.pdf" "$tmp/page"
mv "$tmp"/page*.png docs/workbook.png
rm -rf "$tmp"
