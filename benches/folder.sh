#!/usr/bin/env bash
# A folder of 1,000 notices (the seed copied), read by `fengong extract DIR -o OUT` on one
# thread and on every core: the wall times, best of three each. Usage: bash benches/folder.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --release
tmp=$(mktemp -d)
mkdir -p "$tmp/in"
for i in $(seq 1 1000); do cp seeds/huzhu-2026.md "$tmp/in/n$i.md"; done
for threads in 1 0; do
  best=
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    if [ "$threads" = 1 ]; then
      RAYON_NUM_THREADS=1 target/release/fengong extract "$tmp/in" -o "$tmp/out" 2>/dev/null
    else
      target/release/fengong extract "$tmp/in" -o "$tmp/out" 2>/dev/null
    fi
    t=$(echo "$(date +%s.%N) - $start" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  echo "threads=$([ "$threads" = 1 ] && echo 1 || nproc): ${best}s"
done
rm -rf "$tmp"
