#!/usr/bin/env bash
# Throughput of the default recipe on the medium real corpus (~200 MB), at 1 and 2 threads.
#   codemill-bench/bench.sh [small|medium|full] [WORKDIR]
# Assembles the corpus with ../shared/tools/real-corpus.py (kept in WORKDIR between runs),
# runs `codemill run` once per thread count and prints MB/s and files/s from stats.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-medium}"
work="${2:-/tmp/codemill-bench}"
corpus="$work/corpus-$size"
mkdir -p "$work"
[ -d "$corpus" ] || python3 "$root/../shared/tools/real-corpus.py" "$corpus" "$size"
"$root/codemill" --version >/dev/null
printf '%-8s %8s %10s %10s %9s %8s %8s %8s\n' threads files MB seconds MB/s files/s kept dropped
for threads in 1 2; do
  out="$work/out-$size-$threads"
  "$root/codemill" run "$corpus" -o "$out" --threads "$threads" -q 2>/dev/null
  python3 - "$out/stats.json" "$threads" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
r = s["run"]
print(f'{sys.argv[2]:<8} {s["documents"]["in"]:>8} {s["bytes"]["in"]/1e6:>10.1f} {r["wall_seconds"]:>10.1f} '
      f'{r["mb_per_second"]:>9.2f} {r["files_per_second"]:>8.1f} {s["documents"]["kept"]:>8} {s["documents"]["dropped"]:>8}')
PY
done
cmp -s <(cd "$work/out-$size-1" && md5sum data/* ledger/*) \
       <(cd "$work/out-$size-2" && md5sum data/* ledger/*) \
  && echo "outputs at 1 and 2 threads are byte-identical" || echo "WARNING: outputs differ between thread counts"
