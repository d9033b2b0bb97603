#!/usr/bin/env python3
"""Plants benchmark items into real files, for measuring the decontaminate stage's recall.

usage: plant_benchmarks.py BENCHMARKS_DIR CORPUS_DIR OUT_DIR [seed]

Writes OUT_DIR/<variant>/<n>.<ext> and OUT_DIR/manifest.tsv (file, variant, item id, host file).
Items: 150 HumanEval + 150 MBPP (Python; prompt + canonical solution, or MBPP code) and 50
HumanEval-X Java + 50 HumanEval-X JavaScript items (prompt + canonical solution).
Variants:
  verbatim    the item alone
  reindented  indentation unit changed (4 spaces or a tab -> 2 spaces; 2 -> 4), trailing spaces added
  renamed     (Python only) every name the item binds (functions, parameters, assigned and loop
              variables, comprehension variables) renamed consistently with Python's tokenize, so
              layout, attributes and builtins stay as they are
  embedded    the item inserted at a top-level line boundary (before a line starting with def/class
              for Python, in the middle of the file otherwise) of a random real file of the same language
  embedded_renamed  (Python only) the renamed item, embedded
  renamed_doc_tabs  (Python only) renamed as above, the new names also written into docstrings,
              comments and strings (whole words), and every indentation level a tab
  embedded_renamed_doc_tabs  (Python only) the renamed_doc_tabs item, embedded
"""
import ast, gzip, io, json, os, random, re, sys, tokenize, keyword, builtins

bench, corpus, out = sys.argv[1], sys.argv[2], sys.argv[3]
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)

def jsonl(path):
    op = gzip.open if path.endswith('.gz') else open
    with op(path, 'rt', encoding='utf-8') as f:
        return [json.loads(l) for l in f if l.strip()]

items = []  # (id, lang, text)
he = jsonl(os.path.join(bench, 'HumanEval.jsonl.gz'))
for r in rng.sample(he, 150):
    items.append((r['task_id'], 'py', r['prompt'] + r['canonical_solution']))
mbpp = jsonl(os.path.join(bench, 'mbpp.jsonl'))
for r in rng.sample(mbpp, 150):
    items.append(('mbpp/%d' % r['task_id'], 'py', r['code'].replace('\r\n', '\n') + '\n'))
for lang, ext in (('java', 'java'), ('js', 'js')):
    rows = jsonl(os.path.join(bench, 'humaneval-x', 'humaneval_%s.jsonl.gz' % lang))
    for r in rng.sample(rows, 50):
        items.append((r['task_id'], ext, r['prompt'] + r['canonical_solution']))

hosts = {}
for root, _, files in os.walk(corpus):
    for f in files:
        ext = f.rsplit('.', 1)[-1]
        if ext in ('py', 'java', 'js'):
            p = os.path.join(root, f)
            if 2000 <= os.path.getsize(p) <= 60000:
                hosts.setdefault(ext, []).append(p)
for v in hosts.values():
    v.sort()

def reindent(text):
    lines = []
    for line in text.split('\n'):
        stripped = line.lstrip(' \t')
        ws = line[:len(line) - len(stripped)].expandtabs(4)
        n = len(ws)
        lines.append(' ' * (n // 2 if n % 4 == 0 else n * 2) + stripped + ('  ' if stripped else ''))
    return '\n'.join(lines)

def bound_names(tree):
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return {n for n in names if not keyword.iskeyword(n) and not hasattr(builtins, n)}

WORDS = ['alpha', 'beta', 'gamma', 'delta', 'value', 'item', 'acc', 'data', 'tmp', 'res', 'x_', 'y_', 'node', 'part', 'seq', 'key']

def rename(text):
    tree = ast.parse(text)
    names = sorted(bound_names(tree))
    mapping = {n: '%s%d' % (rng.choice(WORDS), i) for i, n in enumerate(names)}
    toks = list(tokenize.generate_tokens(io.StringIO(text).readline))
    out, prev = [], None
    for t in toks:
        if t.type == tokenize.NAME and t.string in mapping and not (prev and prev.string == '.'):
            t = t._replace(string=mapping[t.string])
        out.append(t)
        if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
            prev = t
    return tokenize.untokenize(out)

def rename_everywhere(text):
    """Renames bound names in code and, as whole words, in docstrings, comments and strings."""
    tree = ast.parse(text)
    names = sorted(bound_names(tree))
    mapping = {n: '%s%d' % (rng.choice(WORDS), i) for i, n in enumerate(names)}
    word = re.compile(r'\b(' + '|'.join(map(re.escape, names)) + r')\b') if names else None
    toks = list(tokenize.generate_tokens(io.StringIO(text).readline))
    out, prev = [], None
    for t in toks:
        if t.type == tokenize.NAME and t.string in mapping and not (prev and prev.string == '.'):
            t = t._replace(string=mapping[t.string])
        elif t.type in (tokenize.STRING, tokenize.COMMENT) and word:
            t = t._replace(string=word.sub(lambda m: mapping[m.group(1)], t.string))
        out.append(t)
        if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
            prev = t
    return tokenize.untokenize(out)

def tabs(text):
    """Every indentation level (4 spaces, or 2 when the item indents by 2) becomes a tab."""
    lines = text.split('\n')
    widths = [len(l) - len(l.lstrip(' ')) for l in lines if l.strip()]
    unit = 2 if any(w % 4 for w in widths if w) else 4
    out = []
    for l in lines:
        w = len(l) - len(l.lstrip(' '))
        out.append('\t' * (w // unit) + ' ' * (w % unit) + l[w:])
    return '\n'.join(out)

def embed(item, ext):
    host = rng.choice(hosts[ext])
    with open(host, encoding='utf-8', errors='replace') as f:
        lines = f.read().split('\n')
    if ext == 'py':
        cands = [i for i, l in enumerate(lines) if l.startswith(('def ', 'class '))] or [len(lines)]
    else:
        cands = [len(lines) // 2]
    at = rng.choice(cands)
    return '\n'.join(lines[:at] + item.rstrip('\n').split('\n') + [''] + lines[at:]), host

manifest = []
def write(variant, n, ext, text, item_id, host=''):
    d = os.path.join(out, variant)
    os.makedirs(d, exist_ok=True)
    name = '%04d.%s' % (n, ext)
    with open(os.path.join(d, name), 'w', encoding='utf-8') as f:
        f.write(text)
    manifest.append('%s/%s\t%s\t%s\t%s' % (variant, name, variant, item_id, host))

for n, (item_id, ext, text) in enumerate(items):
    write('verbatim', n, ext, text, item_id)
    write('reindented', n, ext, reindent(text), item_id)
    e, host = embed(text, ext)
    write('embedded', n, ext, e, item_id, host)
    if ext == 'py':
        try:
            r = rename(text)
        except SyntaxError:
            continue
        write('renamed', n, ext, r, item_id)
        e, host = embed(r, ext)
        write('embedded_renamed', n, ext, e, item_id, host)
        r = tabs(rename_everywhere(text))
        write('renamed_doc_tabs', n, ext, r, item_id)
        e, host = embed(r, ext)
        write('embedded_renamed_doc_tabs', n, ext, e, item_id, host)
with open(os.path.join(out, 'manifest.tsv'), 'w') as f:
    f.write('file\tvariant\titem\thost\n' + '\n'.join(manifest) + '\n')
print('%d items, %d planted files' % (len(items), len(manifest)))
