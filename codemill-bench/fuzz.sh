#!/usr/bin/env bash
# Fuzzes Codemill's readers with Jazzer (coverage-guided, libFuzzer on the JVM) for a fixed
# budget: each target of codemill-bench/src/test/java/dev/codemill/bench/fuzz/ReaderFuzzTest
# runs for its maxDuration (30 s). Usage: codemill-bench/fuzz.sh [TARGET...]
# (default: all). A finding stops its target; Jazzer saves the input as
# src/test/resources/dev/codemill/bench/fuzz/ReaderFuzzTestInputs/TARGET/crash-<sha1>, which
# every later `mvn test` of the module replays. Turn each into a regression test in the module
# that owns the reader (docs/reliability.md, Fuzzing). The generated corpus stays in
# codemill-bench/.cifuzz-corpus (ignored by git).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(zip tar tarGz jsonlGz jsonlZst jsonl parquet notebook recipeYaml)
status=0
for t in "${targets[@]}"; do
  log="codemill-bench/target/fuzz-$t.log"
  mkdir -p codemill-bench/target
  start=$(date +%s)
  JAZZER_FUZZ=1 ./mvnw -B -ntp -o test -pl codemill-bench -am -Dtest="ReaderFuzzTest#$t" \
      -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1
  rc=$?
  done_line=$(grep -h '#[0-9]*[[:space:]]*DONE' "$log" | tail -1)
  echo "fuzz $t: exit $rc, $(( $(date +%s) - start )) s wall; ${done_line:-no DONE line, see $log}"
  [ $rc -ne 0 ] && status=1
done
exit $status
