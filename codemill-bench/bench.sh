#!/usr/bin/env bash
# Throughput of the default recipe on the medium real corpus (~200 MB), at 1 and 2 threads.
#   codemill-bench/bench.sh [small|medium|full] [WORKDIR]
# Assembles the corpus with ../shared/tools/real-corpus.py (kept in WORKDIR between runs),
# runs `codemill run` once per thread count (BENCH_THREADS, default "1 2") and prints, from
# stats.json and the process's own resource usage: wall seconds, wall MB/s, CPU seconds of the
# whole JVM (user + sys: every thread, JIT compiler and GC included) and MB per CPU-second (the
# figure that does not depend on how many cores the machine has or how busy they are).
# CODEMILL_JAVA_OPTS passes JVM options (e.g. a JFR recording) to the runs.
# The launcher maps its class-data archive (AppCDS, built once per jar by the `--version` call
# below, before any timed run; CODEMILL_CDS=0 measures without it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-medium}"
work="${2:-/tmp/codemill-bench}"
corpus="$work/corpus-$size"
mkdir -p "$work"
[ -d "$corpus" ] || python3 "$root/../shared/tools/real-corpus.py" "$corpus" "$size"
"$root/codemill" --version >/dev/null
echo "JVM options the launcher picks for this corpus: $(CODEMILL_PRINT_JVM=1 "$root/codemill" run "$corpus" -o "$work/out") ${CODEMILL_JAVA_OPTS:-}"
printf '%-8s %8s %8s %8s %8s %8s %10s %8s %8s\n' threads files MB wall_s MB/s cpu_s MB/cpu_s kept dropped
threads_list="${BENCH_THREADS:-1 2}"
for threads in $threads_list; do
  out="$work/out-$size-$threads"
  python3 - "$root/codemill" "$corpus" "$out" "$threads" <<'PY'
import json, resource, subprocess, sys
codemill, corpus, out, threads = sys.argv[1:5]
subprocess.run([codemill, "run", corpus, "-o", out, "--threads", threads, "-q", "--overwrite"],
               check=True, stderr=subprocess.DEVNULL)
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = ru.ru_utime + ru.ru_stime
s = json.load(open(out + "/stats.json"))
r = s["run"]
mb = s["bytes"]["in"] / 1e6
print(f'{threads:<8} {s["documents"]["in"]:>8} {mb:>8.1f} {r["wall_seconds"]:>8.1f} {r["mb_per_second"]:>8.2f} '
      f'{cpu:>8.1f} {mb / cpu:>8.2f} {s["documents"]["kept"]:>8} {s["documents"]["dropped"]:>8}')
PY
done
set -- $threads_list
if [ "$#" -ge 2 ]; then
  cmp -s <(cd "$work/out-$size-$1" && md5sum data/* ledger/*) \
         <(cd "$work/out-$size-$2" && md5sum data/* ledger/*) \
    && echo "outputs at $1 and $2 threads are byte-identical" || echo "WARNING: outputs differ between thread counts"
fi
