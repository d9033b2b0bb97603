#!/usr/bin/env bash
# Agreement of the licence stage with Maven POM licences, on sources jars.
#   codemill-bench/license-maven.sh [N=80] [WORKDIR=/tmp/codemill-license-maven] [PARALLEL=3]
# Picks N artifacts (one version per groupId:artifactId, evenly spread over the sorted list) that
# have a POM and a jar in the local Maven repository (~/.m2/repository, or $M2_REPO), fetches each
# one's sources jar with `mvn dependency:get` (90 s timeout each, PARALLEL at once; jars already
# there are not fetched again, misses are remembered in WORKDIR/no-sources.txt), then runs
# dev.codemill.bench.LicenseMavenAgreement: POM licence (following <parent> POMs) -> SPDX vs the
# licence the license stage detects in the jar's root or META-INF licence files.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-80}"
work="${2:-/tmp/codemill-license-maven}"
parallel="${3:-3}"
repo="${M2_REPO:-$HOME/.m2/repository}"
mkdir -p "$work"
touch "$work/no-sources.txt"
export MAVEN_OPTS="${MAVEN_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"

# 1. Candidates: G:A:V <tab> pom <tab> sources jar, N of them.
python3 - "$repo" "$n" > "$work/candidates.tsv" <<'PY'
import os, re, sys
repo, n = sys.argv[1], int(sys.argv[2])
def vkey(v):
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\-]", v)]
best = {}
for d, _, files in os.walk(repo):
    for f in files:
        if not f.endswith(".pom"):
            continue
        rel = os.path.relpath(d, repo).split(os.sep)
        if len(rel) < 3:
            continue
        g, a, v = ".".join(rel[:-2]), rel[-2], rel[-1]
        if f != f"{a}-{v}.pom" or g.startswith("dev.codemill") or v.endswith("SNAPSHOT"):
            continue
        if not os.path.isfile(os.path.join(d, f"{a}-{v}.jar")):
            continue
        key = (g, a)
        if key not in best or vkey(v) > vkey(best[key][0]):
            best[key] = (v, d)
keys = sorted(best)
step = max(1.0, len(keys) / n)
picked = [keys[int(i * step)] for i in range(min(n, len(keys)))]
for g, a in picked:
    v, d = best[(g, a)]
    print(f"{g}:{a}:{v}\t{d}/{a}-{v}.pom\t{d}/{a}-{v}-sources.jar")
PY
echo "candidates: $(wc -l < "$work/candidates.tsv") artifacts with a POM and a jar in $repo" >&2

# 2. Fetch missing sources jars (in parallel, each at most 90 s).
cut -f1,3 "$work/candidates.tsv" | while IFS=$'\t' read -r gav jar; do
  [ -f "$jar" ] || grep -qxF "$gav" "$work/no-sources.txt" || echo "$gav"
done > "$work/to-fetch.txt"
echo "fetching $(wc -l < "$work/to-fetch.txt") sources jars..." >&2
t0=$SECONDS
xargs -a "$work/to-fetch.txt" -r -P "$parallel" -I{} \
  timeout 90 mvn -B -q dependency:get "-Dartifact={}:jar:sources" -Dtransitive=false >/dev/null 2>&1 || true
echo "fetched in $((SECONDS - t0)) s" >&2
: > "$work/list.tsv"
while IFS=$'\t' read -r gav pom jar; do
  if [ -f "$jar" ]; then
    printf '%s\t%s\t%s\n' "$gav" "$pom" "$jar" >> "$work/list.tsv"
  else
    grep -qxF "$gav" "$work/no-sources.txt" || echo "$gav" >> "$work/no-sources.txt"
  fi
done < "$work/candidates.tsv"
echo "sources jars: $(wc -l < "$work/list.tsv") of $(wc -l < "$work/candidates.tsv") candidates" >&2

# 3. Compare.
"$root/codemill" --version >/dev/null   # builds the CLI jar when needed
(cd "$root" && ./mvnw -o -q -B -Dstyle.color=never -pl codemill-bench -am compile >/dev/null)
java -cp "$root/codemill-bench/target/classes:$root/codemill-cli/target/codemill.jar" \
  dev.codemill.bench.LicenseMavenAgreement "$work/list.tsv" "$repo"
