#!/usr/bin/env bash
# Makes tests/returns/libreoffice-resaved.xlsx: the 2026-05 return form of 县住房保障服务中心
# for the bundled notice, filled in (fill.py) and re-saved by LibreOffice, as a unit whose
# spreadsheet program is LibreOffice sends it back. tests/forms.rs reads the committed file,
# so CI needs no LibreOffice. Made with LibreOffice 7.4.7.2 (Debian 12, `apt-get install -y
# libreoffice-calc`). Run it again when the seed notice changes (the form's keys hold the
# notice's SHA-256 and the unit's id, which is of the notice's jurisdiction and the unit's name).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
cargo run -q -- forms -q seeds/huzhu-2026.md --period 2026-05 -o "$tmp/forms"
python3 tests/returns/fill.py "$tmp/forms/2026-05-县住房保障服务中心.xlsx" "$tmp/filled.xlsx"
mkdir "$tmp/out"
soffice --headless --convert-to xlsx --outdir "$tmp/out" "$tmp/filled.xlsx" >/dev/null
cp "$tmp/out/filled.xlsx" tests/returns/libreoffice-resaved.xlsx
soffice --version | head -1
rm -rf "$tmp"
