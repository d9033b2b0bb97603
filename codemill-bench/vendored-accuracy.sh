#!/usr/bin/env bash
# Precision/recall of the `vendor` stage (is_vendor, is_generated) on a self-made labelled set of
# repositories, and agreement with GitHub Linguist (Debian ruby-github-linguist) when installed.
#   codemill-bench/vendored-accuracy.sh [WORKDIR=/tmp/codemill-vendored]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/codemill-vendored}"
rm -rf "$work" && mkdir -p "$work/git"
python3 "$root/codemill-bench/scripts/vendored_set.py" "$work/set"
linguist=()
if ruby -e "require 'linguist'; require 'rugged'" 2>/dev/null; then
  ruby "$root/codemill-bench/scripts/vendored_linguist.rb" "$work/set" "$work/git" > "$work/linguist.tsv"
  linguist=("$work/linguist.tsv")
else
  echo "ruby-github-linguist not installed: Codemill figures only" >&2
fi
"$root/codemill" --version >/dev/null   # builds the CLI jar when needed
(cd "$root" && ./mvnw -o -q -B -Dstyle.color=never -pl codemill-bench -am compile >/dev/null)
java -cp "$root/codemill-bench/target/classes:$root/codemill-cli/target/codemill.jar" \
  dev.codemill.bench.VendoredAccuracy "$work/set" "${linguist[@]}"
