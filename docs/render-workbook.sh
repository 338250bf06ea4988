#!/usr/bin/env bash
# Renders the workbook `fengong export --to xlsx` makes of the bundled notice, as LibreOffice
# prints it: the first page of 任务总表 to the picture in the README (docs/workbook.png), and
# the first page of 县发改局's sheet to docs/workbook-unit-sheet.png (see docs/workbook.md).
# Needs LibreOffice (Calc), poppler-utils and a Chinese font (fonts-noto-cjk); not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
cargo run -q -- export -q seeds/huzhu-2026.md --to xlsx --unit 县发改局 -o "$tmp/分工.xlsx"
soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/分工.xlsx" >/dev/null
# The first page whose text holds `needle`.
page() {
    local n
    n=$(pdfinfo "$tmp/分工.pdf" | awk '/^Pages:/ {print $2}')
    for p in $(seq 1 "$n"); do
        if pdftotext -f "$p" -l "$p" "$tmp/分工.pdf" - | grep -q "$1"; then
            echo "$p"
            return
        fi
    done
    echo "no page with $1" >&2
    exit 1
}
p=$(page "任务总表：")
pdftoppm -png -r 110 -f "$p" -l "$p" -x 0 -y 60 -W 1290 -H 560 -singlefile "$tmp/分工.pdf" docs/workbook
p=$(page "县发改局：牵头")
pdftoppm -png -r 80 -f "$p" -l "$p" -singlefile "$tmp/分工.pdf" docs/workbook-unit-sheet
rm -rf "$tmp"
