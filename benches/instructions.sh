#!/usr/bin/env bash
# Instructions a call of extract() and of the floor (pulldown-cmark + cells) on the seed, at
# 1x and x100, counted by callgrind (the same on every run of the same binary, unlike wall
# time on a shared machine). A call's count is the difference between runs of 21 and 1 calls
# (x1) or 2 and 1 calls (x100), so that the rule files' one parse drops out; the SHA-256 of
# the input, which valgrind runs in portable code instead of the CPU's SHA instructions, is
# taken off. Needs valgrind. Usage: bash benches/instructions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --release --example profile
bin=target/release/examples/profile
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Instructions of one run, SHA-256 compression aside.
count() {
  valgrind --tool=callgrind --callgrind-out-file="$tmp/out" "$bin" "$@" >/dev/null 2>&1
  callgrind_annotate --inclusive=yes "$tmp/out" 2>/dev/null | awk '
    /PROGRAM TOTALS/ && !total { gsub(",", "", $1); total = $1 }
    /sha2::sha256::.*compress/ && !sha { gsub(",", "", $1); sha = $1 }
    END { print total - sha }'
}
declare -A x1 x100
for mode in extract baseline; do
  x1[$mode]=$(( ($(count "$mode" 21 1) - $(count "$mode" 1 1)) / 20 ))
  x100[$mode]=$(( $(count "$mode" 2 100) - $(count "$mode" 1 100) ))
  echo "$mode: ${x1[$mode]} a call (x1), ${x100[$mode]} a call (x100)"
done
awk -v a="${x1[extract]}" -v b="${x1[baseline]}" -v c="${x100[extract]}" -v d="${x100[baseline]}" \
  'BEGIN { printf "extract / floor: %.2fx (x1), %.2fx (x100)\n", a / b, c / d }'
