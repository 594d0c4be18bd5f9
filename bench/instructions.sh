#!/bin/bash
# Instructions each runner step executes against the parser floor's, counted by valgrind
# (cachegrind, no cache model) with V8 on one thread (--single-threaded: its compilers and
# collector work on the main thread, so their work is counted too). Unlike time on a shared
# machine, where identical runs spread by a fifth or more, a count repeats to within about
# 2 % for a whole step (the collector's heuristics) and 0.1 % for a piece of code run alone:
# what to compare when a change is worth a few percent. It is not the issue's measure (wall
# time; memory stalls and a second core count there, not here), only a steadier guide.
#
#   npm run bench -- --runner-only   (once: builds .tmp/bench.cjs and the workbooks)
#   bash bench/instructions.sh       (about six minutes: each step runs some 50× slower)
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=.tmp/bench.cjs
dir=.tmp/bench-runner
if [ ! -f "$bundle" ] || [ ! -f "$dir/trust-50x5.xlsx" ] || [ ! -f "$dir/accrued.xlsx" ]; then
  echo "Run 'npm run bench -- --runner-only' first: it builds $bundle and the workbooks in $dir." >&2
  exit 2
fi
command -v valgrind >/dev/null || { echo "valgrind is not installed (Debian: apt-get install valgrind)." >&2; exit 2; }
count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    --smc-check=all-non-file node --single-threaded "$bundle" --runner-child "$1" "$dir" \
    2>&1 >/dev/null | awk '/I *refs/ { gsub(",", "", $4); print $4 }'
}
# accrue writes accrued.xlsx, report's input: the same workbook every time.
floor=$(count parser-floor)
floorAccrued=$(count parser-floor-accrued)
for step in check accrue report; do
  n=$(count "$step")
  f=$([ "$step" = report ] && echo "$floorAccrued" || echo "$floor")
  awk -v s="$step" -v n="$n" -v f="$f" \
    'BEGIN { printf "%-7s %6.2f G instructions = %.2f × the parser floor (%.2f G)\n", s, n / 1e9, n / f, f / 1e9 }'
done
