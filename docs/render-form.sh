#!/usr/bin/env bash
# Renders the 2026-05 return form `fengong forms` writes for 县发改局 from the bundled notice,
# as LibreOffice prints it (its first page), to docs/form.png (see docs/forms.md and the
# README). Needs LibreOffice (Calc), poppler-utils and a Chinese font (fonts-noto-cjk); not
# run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
cargo run -q -- forms -q seeds/huzhu-2026.md --period 2026-05 -o "$tmp/forms"
cp "$tmp/forms/2026-05-县发改局.xlsx" "$tmp/form.xlsx"
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/form.xlsx" >/dev/null
pdftoppm -png -r 80 -f 1 -l 1 -x 0 -y 40 -W 930 -H 480 -singlefile "$tmp/form.pdf" docs/form
rm -rf "$tmp"
