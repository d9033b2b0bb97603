#!/usr/bin/env bash
# Local runner vs Spark local[N] on the same corpus, default recipe; figures in docs/spark.md.
#   codemill-bench/spark-vs-local.sh [small|medium|full] [WORKDIR] [N]
# Needs the application jar (./mvnw -B -pl codemill-spark -am package -DskipTests) and Spark's
# jars: from $SPARK_HOME/jars when set, else the provided-scope class path Maven resolves.
# Both runs use the application jar (it holds the CLI), N local threads / Spark cores, and the
# Java 17 options Spark needs. Prints wall time, MB/s and stats.json's phase times (for Spark,
# the per-stage timeline: reading, each group/cluster stage, counts, writing), then checks that
# the two outputs are byte-identical.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-medium}"
work="${2:-/tmp/codemill-bench}"
n="${3:-2}"
corpus="$work/corpus-$size"
jar="$root/codemill-spark/target/codemill-spark-app.jar"
mkdir -p "$work"
[ -d "$corpus" ] || python3 "$root/../shared/tools/real-corpus.py" "$corpus" "$size"
[ -f "$jar" ] || { echo "build $jar first: ./mvnw -B -pl codemill-spark -am package -DskipTests" >&2; exit 2; }
if [ -n "${SPARK_HOME:-}" ]; then
  cp="$SPARK_HOME/jars/*"
else
  (cd "$root" && ./mvnw -o -q -B -pl codemill-spark dependency:build-classpath -Dmdep.includeScope=provided \
      -Dmdep.outputFile="$work/spark-classpath.txt" >/dev/null)
  cp="$(tr ':' '\n' < "$work/spark-classpath.txt" | grep -v '/dev/codemill/' | paste -sd:)"
fi
opts="$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' "$root/pom.xml")"
export SPARK_LOCAL_IP=127.0.0.1
run() { # name, extra args...
  local name="$1"; shift
  local out="$work/out-$size-$name"
  local t0; t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  java $opts -cp "$jar:$cp" dev.codemill.cli.Main run "$corpus" -o "$out" -q "$@" >"$work/$name.log" 2>&1
  local t1; t1=$(date +%s.%N)
  python3 - "$out/stats.json" "$name" "$(echo "$t1 - $t0" | bc)" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); r = s["run"]
print(f'{sys.argv[2]:<12} files {s["documents"]["in"]:>6}  MB {s["bytes"]["in"]/1e6:7.1f}  kept {s["documents"]["kept"]:>6}  '
      f'run {r["wall_seconds"]:7.1f} s  process {float(sys.argv[3]):7.1f} s  {r["mb_per_second"]:6.2f} MB/s')
print("             phases: " + ", ".join(f"{k} {v:.1f}" for k, v in r["phase_seconds"].items()))
PY
}
run local --threads "$n"
run "spark-local$n" --runner spark --master "local[$n]"
if cmp -s <(cd "$work/out-$size-local" && md5sum data/* ledger/* manifest.json) \
          <(cd "$work/out-$size-spark-local$n" && md5sum data/* ledger/* manifest.json); then
  echo "data/, ledger/ and manifest.json are byte-identical"
else
  echo "WARNING: outputs differ"; exit 1
fi
