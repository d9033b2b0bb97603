#!/usr/bin/env bash
# A Spark standalone cluster on this machine (one master, two workers, all bound to 127.0.0.1),
# assembled from the Spark jars Maven already resolved (no Spark download), then the default
# recipe through spark-submit with RELATIVE input and output paths, the local runner on the same
# corpus, a byte comparison of the two outputs, CPU figures, and the cluster stopped.
#   codemill-bench/spark-cluster.sh [small|medium|full|CORPUS_FOLDER] [WORKDIR] [CORES_PER_WORKER]
# Needs the application jar: ./mvnw -B -pl codemill-spark -am package -DskipTests
# Prints per run: wall s, driver CPU s (the spark-submit JVM, user+sys), executor CPU s (both
# workers' waited-for children, i.e. the executor JVMs, read from /proc/PID/stat before and after)
# and the driver's share of all CPU; the local runner's CPU s (user+sys of its JVM); per JVM the
# CPU of its threads by kind (JIT C1/C2, GC and VM, task threads, Spark's RPC, scheduler, main),
# sampled from /proc/PID/task/*/stat once a second (a thread's last sample counts).
# Environment:
#   JVM_SET        the JVM option set of the driver, the executors and the local runner: a NAME of
#                  codemill-bench/spark-jvm-sets.conf (default: the set that file marks "default")
#   DRIVER_OPTS, EXECUTOR_OPTS, LOCAL_OPTS   replace one role's options of the set
#   CDS=0          no class-data archive (default: one for the driver, the executors and the local runner, trained
#                  once per jar)
#   LOCAL=0        no local run and no comparison (a variant of the cluster settings only)
#   JAR            the application jar (default: codemill-spark/target/codemill-spark-app.jar)
#   TAG            names this run's output folder and logs (default: cluster)
#   SHIP_JAR=1     the driver ships the application jar to every executor (Spark's file server, as with a plain
#                  path); default: `local:JAR`, the jar is on every node at that path (it is on the executors'
#                  class path anyway): executors copy it from there, no 95 MB transfer through the driver
#   CDS_TRAIN      what the class-data archive is trained on: `corpus` (default: every 40th file of the corpus
#                  and codemill's model sources) or `sources` (the model sources only)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-medium}"
work="${2:-/tmp/codemill-cluster}"
cores="${3:-1}"
jar="${JAR:-$root/codemill-spark/target/codemill-spark-app.jar}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
if [ -d "$size" ]; then
  corpus="$(cd "$size" && pwd)"; size="$(basename "$corpus")"
else
  corpus="$work/corpus-$size"
  [ -d "$corpus" ] || python3 "$root/../shared/tools/real-corpus.py" "$corpus" "$size"
fi
tag="${TAG:-cluster}"
# the JVM options per role: one set of spark-jvm-sets.conf, chosen by one variable (JVM_SET)
sets="$root/codemill-bench/spark-jvm-sets.conf"
jvm_set="${JVM_SET:-$(awk '$1 == "default" { print $2 }' "$sets")}"
grep -q "^$jvm_set " "$sets" || { echo "no JVM option set '$jvm_set' in $sets" >&2; exit 2; }
set_opts() { awk -v s="$jvm_set" -v r="$1" '$1 == s && $2 == r { $1 = ""; $2 = ""; sub(/^ +/, ""); print }' "$sets" \
    | sed "s/@CORES@/$cores/g"; }
driver_opts="${DRIVER_OPTS-$(set_opts driver)}"
executor_opts="${EXECUTOR_OPTS-$(set_opts executor)}"
local_opts="${LOCAL_OPTS-$(set_opts local)}"
[ -f "$jar" ] || { echo "build $jar first: ./mvnw -B -pl codemill-spark -am package -DskipTests" >&2; exit 2; }

# SPARK_HOME/jars = what a Spark distribution ships: the dependency closure of spark-sql_2.13 ALONE, resolved
# from a throwaway pom (the workers build executor class paths from it). Not codemill-spark's provided class
# path: that one also holds codemill's own libraries (carpet-record, …), and a library on the executors'
# system class path cannot see the application's classes; carpet-record there failed every write task with
# NoClassDefFoundError ParquetFormat$DataRecord, hidden behind "Negative position" from closing the
# half-written part (issue 18).
home="$work/spark-home"
if [ ! -f "$home/jars/.spark-only" ]; then
  sver="$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' "$root/pom.xml")"
  mkdir -p "$work/spark-pom"
  cat >"$work/spark-pom/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local.bench</groupId><artifactId>spark-home</artifactId><version>1</version>
  <dependencies><dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_2.13</artifactId>
    <version>$sver</version></dependency></dependencies></project>
POM
  (cd "$work/spark-pom" && "$root/mvnw" -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$work/spark-classpath.txt" >/dev/null)
  rm -rf "$home/jars"; mkdir -p "$home/jars" "$home/conf"
  tr ':' '\n' < "$work/spark-classpath.txt" | while read -r j; do ln -sf "$j" "$home/jars/"; done
  touch "$home/jars/.spark-only"
fi
# SPARK_SCALA_VERSION: a distribution's load-spark-env.sh sets it; without it the workers' executor
# launcher looks for a source build ("Cannot find any build directories")
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOG_DIR="$work/logs" SPARK_WORKER_DIR="$work/worker"
mkdir -p "$SPARK_LOG_DIR" "$SPARK_WORKER_DIR"
cp="$home/jars/*"
# INFO to the console for the daemons (their registration lines are waited for below), WARN for the rest. Not in
# SPARK_HOME/conf, which stays empty: it is on every executor's class path, and a class-data archive refuses a
# class path holding a non-empty folder ("Cannot have non-empty directory in paths")
rm -f "$home/conf/log4j2.properties"
cat >"$work/log4j2.properties" <<'L4J'
rootLogger.level = warn
rootLogger.appenderRef.stdout.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
logger.deploy.name = org.apache.spark.deploy
logger.deploy.level = info
L4J
opts="$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' "$root/pom.xml")"
daemon="-Dlog4j2.configurationFile=$work/log4j2.properties"
port=$((17000 + RANDOM % 2000))
pids=()
stopfile=""   # the thread sampler's stop file, once it runs: a failed spark-submit must stop it too, or `wait` hangs
stop() { [ -z "$stopfile" ] || touch "$stopfile"; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT
# shellcheck disable=SC2086
java $opts $daemon -Xmx512m -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
    --webui-port 0 >"$work/logs/master.out" 2>&1 &
pids+=($!)
for w in 1 2; do
  # shellcheck disable=SC2086
  java $opts $daemon -Xmx512m -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port 0 \
      --cores "$cores" --memory 3g --work-dir "$SPARK_WORKER_DIR/w$w" "spark://127.0.0.1:$port" \
      >"$work/logs/worker$w.out" 2>&1 &
  pids+=($!)
done
for _ in $(seq 180); do
  [ "$(grep -l 'Successfully registered with master' "$work"/logs/worker*.out 2>/dev/null | wc -l)" -eq 2 ] && break
  sleep 1
done
grep -q 'Successfully registered' "$work/logs/worker2.out" || { echo "workers did not register" >&2; exit 1; }
children() { # waited-for children CPU (user+sys, clock ticks) of both workers
  local t=0; for p in "${pids[1]}" "${pids[2]}"; do t=$((t + $(awk '{print $16 + $17}' "/proc/$p/stat"))); done; echo "$t"
}
tck=$(getconf CLK_TCK)
cd "$work"   # relative paths from here on: the executors' working folders are the workers' own
[ "$corpus" = "$work/corpus-$size" ] || ln -sfn "$corpus" "corpus-$size"
# One spark-submit: $1 driver JVM options, $2 executor JVM options, $3 input, $4 OUT, $5 log; more args: more
# spark-submit options. The application jar is also on the executors' system class path (extraClassPath), as on
# the driver's: its classes then come from the system class loader (the child loader asks it first), which
# the class-data archive covers.
submit() {
  local d="$1" e="$2" in="$3" out="$4" log="$5"; shift 5
  # shellcheck disable=SC2086
  java $opts $d -cp "$ecp" org.apache.spark.deploy.SparkSubmit \
    --master "spark://127.0.0.1:$port" --deploy-mode client --class dev.codemill.cli.Main \
    --conf "spark.executor.extraJavaOptions=$opts $e" --conf "spark.executor.extraClassPath=$jar" \
    --conf spark.executor.memory=2g --conf spark.ui.enabled=false "$@" \
    "$appjar" run "$in" -o "$out" -q --runner spark >"$log" 2>&1
}
# Class-data sharing (AppCDS, JDK 17 dynamic archive, as the codemill launcher does for the local runner): the
# classes a run loads, parsed and verified once into one archive, then mapped by the driver and every executor.
# The training run is one local-mode JVM (driver and executor classes) on a few files, with the executors' class
# path (the worker puts the application jar, extraClassPath, first: the archive's class path must be a prefix of
# the JVM's); the driver gets the same class path. Not trained inside an executor: the worker kills an executor
# 10 s after asking it to stop, before a loaded machine has written the archive. Rebuilt when the jar is newer;
# an archive a JVM cannot use is ignored (its warnings are off).
# local: = the jar is on every node at this path: executors copy it from there (Spark 4.1 still copies a local:
# jar into the fetch cache and the work folder) instead of fetching it through the driver's file server (95 MB
# per executor, ~4 s of wall time at its start here; docs/spark.md, "Fixed cost per JVM (h-fixed)")
if [ "${SHIP_JAR:-0}" = 1 ]; then appjar="$jar"; else appjar="local:$jar"; fi
ecp="$jar:$home/conf/:$(ls "$home"/jars/slf4j-api-*.jar | head -1):$home/jars/*"
if [ "${CDS:-1}" != 0 ]; then
  mkdir -p cds
  train="${CDS_TRAIN:-corpus}"
  if [ ! -s cds/app.jsa ] || [ "$jar" -nt cds/app.jsa ] || [ "$(cat cds/trained-on 2>/dev/null)" != "$train" ]; then
    rm -rf cds/in cds/out cds/*.jsa cds/trained-on; mkdir -p cds/in
    cp -r "$root/codemill-core/src/main/java/dev/codemill/model" "$root/README.md" cds/in/
    # every 40th file of the corpus (its repositories' folders kept): the stages then load the classes real
    # documents need (charset detection, licence matching, tokenizer, Parquet writer...), which the model
    # sources alone never reach (91 codemill and library classes per executor outside the archive)
    if [ "$train" = corpus ]; then
      mkdir -p cds/in/sample
      (cd "corpus-$size/" && find . -type f | LC_ALL=C sort | awk 'NR % 40 == 1' | tar -cf - -T - | tar -xf - -C "$work/cds/in/sample")
    fi
    # shellcheck disable=SC2086
    java $opts -XX:ArchiveClassesAtExit="$work/cds/app.jsa" -cp "$ecp" org.apache.spark.deploy.SparkSubmit \
        --master 'local[1]' --class dev.codemill.cli.Main --conf spark.ui.enabled=false "$jar" run cds/in -o cds/out -q \
        --runner spark >cds/train.log 2>&1 || { echo "CDS training run failed: $work/cds/train.log" >&2; exit 1; }
    echo "$train" >cds/trained-on
  fi
  # shellcheck disable=SC2086
  if java $opts -XX:SharedArchiveFile="$work/cds/app.jsa" -Xshare:on -cp "$ecp" -version >/dev/null 2>&1; then
    driver_opts+=" -XX:SharedArchiveFile=$work/cds/app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
    executor_opts+=" -XX:SharedArchiveFile=$work/cds/app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
    local_opts+=" -XX:SharedArchiveFile=$work/cds/app.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
  else
    echo "the class-data archive cannot be mapped; running without it" >&2
  fi
fi
echo "JVM option set: $jvm_set"
echo "driver JVM options: $driver_opts"
echo "executor JVM options: $executor_opts"
echo "local runner JVM options: $local_opts"
rm -rf "out-$size-$tag" "events-$tag" "threads-$tag.stop"; mkdir -p "events-$tag"
stopfile="$work/threads-$tag.stop"
python3 "$root/codemill-bench/scripts/thread-cpu.py" "threads-$tag.json" "threads-$tag.stop" \
    "driver=SparkSubmit.*out-$size-$tag" "executor=$home/jars.*CoarseGrainedExecutorBackend" "local=cli.Main run .*out-$size-local" \
    >"threads-$tag.txt" &
sampler=$!
before=$(children)
t0=$(date +%s.%N)
/usr/bin/time -f '%U %S' -o "driver-$tag.cpu" bash -c "$(declare -f submit); opts='$opts' jar='$jar' appjar='$appjar' ecp='$ecp' port='$port'; \
    submit '$driver_opts' '$executor_opts' 'corpus-$size' 'out-$size-$tag' '$tag.log' --conf spark.eventLog.enabled=true \
    --conf 'spark.eventLog.dir=file://$work/events-$tag' --conf spark.eventLog.compress=false \
    --conf spark.eventLog.rolling.enabled=false" || { echo "spark-submit failed: $work/$tag.log" >&2; exit 1; }
t1=$(date +%s.%N)
sleep 3   # the workers reap their executors
after=$(children)
if [ "${LOCAL:-1}" != 0 ]; then
  # the Spark runner makes relative inputs absolute on the driver (documents' sources name the input as
  # given): the local runner gets the same absolute path, so that the outputs can be compared byte for byte
  rm -rf "out-$size-local"
  # shellcheck disable=SC2086
  # the executors' class path (the archive's), so that the local runner maps the same class-data archive
  /usr/bin/time -f '%U %S' -o local.cpu java $opts $local_opts -cp "$ecp" dev.codemill.cli.Main run "$work/corpus-$size" \
      -o "out-$size-local" -q --threads $((2 * cores)) >local.log 2>&1
fi
touch "threads-$tag.stop"; wait "$sampler" || true
python3 - "$t0" "$t1" "$before" "$after" "$tck" "out-$size-$tag/stats.json" "out-$size-local/stats.json" "$tag" <<'PY'
import json, os, sys
t0, t1, before, after, tck = map(float, sys.argv[1:6])
tag = sys.argv[8]
driver = sum(map(float, open(f"driver-{tag}.cpu").read().split()[-2:]))
has_local = os.path.exists("local.cpu") and os.path.exists(sys.argv[7])  # LOCAL=0: an earlier local run, if any
local = sum(map(float, open("local.cpu").read().split()[-2:])) if has_local else float("nan")
executors = (after - before) / tck
c = json.load(open(sys.argv[6])); l = json.load(open(sys.argv[7])) if has_local else {"run": {"wall_seconds": float("nan")}, "documents": {"kept": None}}
print(f"cluster: wall {t1 - t0:.1f} s (stats.json {c['run']['wall_seconds']:.1f}), driver CPU {driver:.1f} s, "
      f"executors CPU {executors:.1f} s, driver share {100 * driver / (driver + executors):.1f} %")
print("         phases: " + ", ".join(f"{k} {v:.1f}" for k, v in c["run"]["phase_seconds"].items()))
print(f"local:   wall {l['run']['wall_seconds']:.1f} s, CPU {local:.1f} s; cluster CPU / local CPU = {(driver + executors) / local:.2f}")
print(f"kept {c['documents']['kept']} (local {l['documents']['kept']}), files in {c['documents']['in']}, MB in {c['bytes']['in'] / 1e6:.1f}")
import glob, os, subprocess
jobs = tasks = 0; shuffle_w = shuffle_r = result = 0; run_ms = cpu_ns = 0
phase_of = {}; stage_cpu = {}  # stage id -> the codemill phase of its job; stage id -> task CPU ns per task
for f in glob.glob(f"events-{tag}/**", recursive=True):
    if os.path.isdir(f): continue
    text = subprocess.run(["zstd", "-dc", f], capture_output=True, text=True).stdout if f.endswith(".zstd") else open(f).read()
    for line in text.splitlines():
        e = json.loads(line)
        if e["Event"] == "SparkListenerJobStart":
            jobs += 1
            for sid in e.get("Stage IDs", []):
                phase_of.setdefault(sid, (e.get("Properties") or {}).get("spark.job.description", "?"))
        if e["Event"] == "SparkListenerTaskEnd" and "Task Metrics" in e:
            tasks += 1; m = e["Task Metrics"]
            stage_cpu.setdefault(e["Stage ID"], []).append(m["Executor CPU Time"])
            shuffle_w += m["Shuffle Write Metrics"]["Shuffle Bytes Written"]
            shuffle_r += m["Shuffle Read Metrics"]["Remote Bytes Read"] + m["Shuffle Read Metrics"]["Local Bytes Read"]
            result += m["Result Size"]; run_ms += m["Executor Run Time"]; cpu_ns += m["Executor CPU Time"]
print(f"event log: {jobs} jobs, {tasks} tasks, shuffle written {shuffle_w / 1e6:.1f} MB, read {shuffle_r / 1e6:.1f} MB, "
      f"task results to the driver {result / 1e6:.2f} MB, task run {run_ms / 1e3:.1f} s, task CPU {cpu_ns / 1e9:.1f} s")
# skew: per stage with several tasks, the largest task's CPU against the stage's median (issue 18: no task over 5x)
worst = []
for sid, c in sorted(stage_cpu.items()):
    if len(c) < 2: continue
    c = sorted(c); med = c[len(c) // 2] if len(c) % 2 else (c[len(c) // 2 - 1] + c[len(c) // 2]) / 2
    worst.append((c[-1] / max(med, 1), sid, phase_of.get(sid, "?"), len(c), med / 1e9, c[-1] / 1e9))
print("skew (stages of 2+ tasks, the largest task CPU / the stage's median), per phase the worst stage:")
seen = set()
for r, sid, ph, n, med, mx in sorted(worst, reverse=True):
    if ph in seen: continue
    seen.add(ph)
    print(f"  {ph}: stage {sid}, {n} tasks, median {med:.2f} s, max {mx:.2f} s, max/median {r:.1f}")
PY
echo "threads (CPU s per JVM and thread kind):"; cat "threads-$tag.txt"
[ "${LOCAL:-1}" != 0 ] || [ -d "out-$size-local" ] || exit 0
if diff -r -q -x stats.json -x report.html "out-$size-local" "out-$size-$tag" >"diff-$tag.txt"; then
  echo "every file but stats.json and report.html (timings) is byte-identical"
else
  echo "WARNING: outputs differ:"; cat "diff-$tag.txt"; exit 1
fi
