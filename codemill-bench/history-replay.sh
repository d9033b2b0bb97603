#!/usr/bin/env bash
# Replays consecutive CPython standard libraries found under ~/.pyenv/versions (3.6 ... 3.13) as the
# commits of one git repository in a scratch folder, then measures the history reader and the
# commit_pairs / revisions stages on it (dev.codemill.bench.HistoryMeasure; figures in docs/history.md).
# Tests, site-packages, __pycache__ and IDLE are left out. Usage: history-replay.sh [SCRATCH] [XMX]
set -euo pipefail
scratch=${1:-/tmp/codemill-history-replay}
xmx=${2:-512m}
repo="$scratch/cpython-stdlib"
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -d "$repo/.git" ]; then
  mkdir -p "$repo"
  git -C "$repo" init -q -b main
  n=0
  for v in $(ls -d "$HOME"/.pyenv/versions/3.* | sort -V); do
    lib=$(ls -d "$v"/lib/python3.* | head -1)
    find "$repo" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
    (cd "$lib" && find . -name '*.py' -not -path '*/site-packages/*' -not -path '*/test/*' -not -path '*/tests/*' \
        -not -path '*/idle_test/*' -not -path '*/idlelib/*' -not -path '*/__pycache__/*' -print0 \
        | xargs -0 cp --parents -t "$repo")
    git -C "$repo" add -A
    n=$((n + 1))
    GIT_AUTHOR_DATE="2020-01-01T00:0$n:00Z" GIT_COMMITTER_DATE="2020-01-01T00:0$n:00Z" \
      git -C "$repo" -c user.name=replay -c user.email=replay@example.org commit -q -m "Update the standard library to Python $(basename "$v")"
  done
fi
cd "$root"
cp=$(cat codemill-bench/target/classpath.txt 2>/dev/null || true)
if [ -z "$cp" ]; then
  ./mvnw -B -ntp -q -o dependency:build-classpath -pl codemill-bench -Dmdep.outputFile=target/classpath.txt >/dev/null
  cp=$(cat codemill-bench/target/classpath.txt)
fi
# the modules' own classes (built with -am), never an installed snapshot of them
cp=$(echo "$cp" | tr ':' '\n' | grep -v '/dev/codemill/' | paste -sd:)
mods=$(for m in core io stages cli bench; do printf '%s:' "codemill-$m/target/classes"; done)
nice java -Xmx"$xmx" -cp "$mods$cp" dev.codemill.bench.HistoryMeasure "$repo" "${@:3}"
