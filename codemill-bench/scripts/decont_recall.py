#!/usr/bin/env python3
"""Recall of the decontaminate stage on a planted set, per variant and benchmark.

usage: decont_recall.py PLANT_DIR/manifest.tsv SCAN.tsv

SCAN.tsv is DecontaminationScan's output for PLANT_DIR. A planted file counts as found when it
was dropped; "named" when the ledger detail also names the planted item id or its HumanEval-X
translation (every matched item is named, so a copy of an item that MBPP holds twice names both).
"""
import collections, re, sys

manifest, scan = sys.argv[1], sys.argv[2]
rows = {}
with open(scan, encoding='utf-8') as f:
    next(f)
    for line in f:
        path, dropped, _lit, _ids, detail = line.rstrip('\n').split('\t', 4)
        rows[path] = (dropped == 'true', detail)

def group(item):
    if item.startswith('HumanEval/'):
        return 'HumanEval'
    if item.startswith('mbpp/'):
        return 'MBPP'
    return 'HE-X ' + item.split('/')[0]

found = collections.Counter()
named = collections.Counter()
total = collections.Counter()
variants, groups = [], []
with open(manifest, encoding='utf-8') as f:
    next(f)
    for line in f:
        file, variant, item, _host = line.rstrip('\n').split('\t')
        g = group(item)
        if variant not in variants:
            variants.append(variant)
        if g not in groups:
            groups.append(g)
        dropped, detail = rows[file]
        total[variant, g] += 1
        if dropped:
            found[variant, g] += 1
            # a HumanEval-X translation of the same problem (Rust/12 for HumanEval/12) names it too
            ids = [re.escape(item)]
            if item.startswith('HumanEval/'):
                ids.append(r'(Python|CPP|Go|Java|JavaScript|Rust)/' + item.split('/')[1])
            if re.search(r'(^|: |; )(' + '|'.join(ids) + r') \(', detail):
                named[variant, g] += 1

print('| variant | ' + ' | '.join(groups) + ' | all | item named |')
print('|---' * (len(groups) + 3) + '|')
for v in variants:
    cells, fs, ns, ts = [], 0, 0, 0
    for g in groups:
        t = total[v, g]
        cells.append('%d/%d' % (found[v, g], t) if t else '-')
        fs += found[v, g]; ns += named[v, g]; ts += t
    print('| %s | %s | %.1f%% | %.1f%% |' % (v, ' | '.join(cells), 100.0 * fs / ts, 100.0 * ns / ts))
