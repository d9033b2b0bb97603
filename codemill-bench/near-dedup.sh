#!/usr/bin/env bash
# Near-dedup on any input, with its parameters on the command line; prints throughput, peak
# memory (max RSS of the JVM) and cluster counts, so the same documents can be measured side by
# side with other tools.
#   codemill-bench/near-dedup.sh INPUT [ngram=5] [permutations=256] [threshold=0.7] [signature=oph] [threads=2] [xmx=4g]
# INPUT: a directory, archive or JSONL/Parquet dump (anything `codemill run` reads); a directory
# that holds only dump files (*.jsonl, *.jsonl.gz, *.jsonl.zst, *.parquet) is read as those dumps.
# Environment: EXACT_DEDUP=0 leaves out exact dedup; UNIT=repository clusters whole repositories; EXACT_MAX_SHINGLES=0 verifies by estimate only;
# EXCLUDE_BOILERPLATE=0 shingles licence headers too; SURVIVOR_COMPARISONS=0 compares each document with the kept one only.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
input="${1:?usage: near-dedup.sh INPUT [ngram] [permutations] [threshold] [signature] [threads] [xmx]}"
ngram="${2:-5}"; perms="${3:-256}"; threshold="${4:-0.7}"; signature="${5:-oph}"; threads="${6:-2}"; xmx="${7:-4g}"
work="$(mktemp -d /tmp/codemill-neardedup.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cat > "$work/recipe.yaml" <<YAML
name: near-dedup-bench
seed: 1234
stages:
  - {type: decode}
$([[ "${EXACT_DEDUP:-1}" == 1 ]] && echo "  - {type: exact_dedup}")
  - {type: near_dedup, ngram: $ngram, permutations: $perms, threshold: $threshold, signature: $signature, unit: ${UNIT:-document}, exact_max_shingles: ${EXACT_MAX_SHINGLES:-8192}, exclude_boilerplate: $([[ "${EXCLUDE_BOILERPLATE:-1}" == 1 ]] && echo true || echo false), survivor_comparisons: ${SURVIVOR_COMPARISONS:-1000}}
output: {formats: [jsonl]}
YAML
inputs=("$input")
if [[ -d "$input" && -z "$(find "$input" -type f ! -name '*.jsonl' ! -name '*.jsonl.gz' ! -name '*.jsonl.zst' ! -name '*.parquet' -print -quit)" ]]; then
  mapfile -t inputs < <(find "$input" -type f | sort)
fi
[[ -n "${SHOW_RECIPE:-}" ]] && cat "$work/recipe.yaml"
"$root/codemill" --version >/dev/null   # builds the jar when needed
/usr/bin/time -f "%M" -o "$work/maxrss" java -Xmx"$xmx" -Xlog:gc:file="$work/gc.log" -jar "$root/codemill-cli/target/codemill.jar" \
  run "${inputs[@]}" -o "$work/out" --recipe "$work/recipe.yaml" --threads "$threads" -q
python3 - "$work/out/stats.json" "$(cat "$work/maxrss")" "$ngram" "$perms" "$threshold" "$signature" "$work/gc.log" <<'PY'
import json, re, sys
s = json.load(open(sys.argv[1])); r = s["run"]
c = s.get("clusters", {}).get("near_dedup", {})
d = s["decisions"]
print(f"near_dedup ngram={sys.argv[3]} permutations={sys.argv[4]} threshold={sys.argv[5]} signature={sys.argv[6]}")
print(f"documents in {s['documents']['in']}, {s['bytes']['in']/1e6:.1f} MB; wall {r['wall_seconds']} s, "
      f"{r['mb_per_second']} MB/s, phases {r['phase_seconds']}")
after = [int(m.group(1)) for m in re.finditer(r"->(\d+)M", open(sys.argv[7]).read())]
print(f"peak RSS {int(sys.argv[2])/1024:.0f} MB; largest heap after a GC {max(after, default=0)} MB")
print(f"exact duplicates {d.get('exact_dedup', {}).get('drop:exact_duplicate', {}).get('documents', 0)}, "
      f"near duplicates {sum(v['documents'] for k, v in d.get('near_dedup', {}).items() if k.startswith('drop:'))}")
print(f"clusters {c.get('clusters', 0)} holding {c.get('documents_in_clusters', 0)} documents, largest {c.get('largest', 0)}, "
      f"sizes {c.get('size_histogram', {})}")
m = s.get("metrics", {}).get("near_dedup", {})
print(f"dropped against a survivor other than the kept document {m.get('dropped_against_survivor', 0)}, "
      f"unchecked survivor pairs {m.get('unchecked_survivor_pairs', 0)}")
print(f"union-find: {c.get('union_find_units', 0)} linked units, {c.get('union_find_bytes', 0)} bytes "
      f"({c.get('union_find_bytes', 0) / max(1, s['documents']['in']):.1f} bytes per input document)")
PY
