#!/usr/bin/env python3
"""Tokenizer speed side by side: Python tiktoken and Hugging Face tokenizers, cl100k_base, one core.

    tokenizer_peers.py RANKS_DIR DOCS.bin [IDS_OUT.bin]

RANKS_DIR holds cl100k_base.tiktoken (jtokkit's jar ships OpenAI's file; tiktoken checks its
SHA-256, so the ranks are exactly OpenAI's). DOCS.bin: documents as 4-byte big-endian length +
UTF-8 bytes (tokenizer_docs.py writes the kept documents of a run). The Hugging Face tokenizer is
built here from the same ranks (byte-level BPE, merges recovered from the ranks, tiktoken's
pre-tokenizer regex), so both tokenize the same text under the same vocabulary; its ids are
compared with tiktoken's document by document. PEERS_PASSES (default 2): passes per tokenizer,
the best counts. IDS_OUT: tiktoken's ids, 4-byte big-endian count
+ int32 ids per document, for the Java side's id-for-id check.
"""
import json, os, struct, sys, time

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
import tiktoken
import tiktoken.load
from tiktoken_ext import openai_public


def cl100k(ranks_dir):
    original = tiktoken.load.load_tiktoken_bpe
    openai_public.load_tiktoken_bpe = lambda path, expected_hash=None: original(
        os.path.join(ranks_dir, path.rsplit("/", 1)[1]), expected_hash)
    return openai_public.cl100k_base()


def read_docs(path):
    docs = []
    with open(path, "rb") as f:
        data = f.read()
    p = 0
    while p < len(data):
        (n,) = struct.unpack_from(">I", data, p)
        docs.append(data[p + 4:p + 4 + n].decode("utf-8"))
        p += 4 + n
    return docs


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


def hf_tokenizer(params):
    from tokenizers import Tokenizer
    ranks = params["mergeable_ranks"]
    b2u = bytes_to_unicode()
    show = lambda b: "".join(b2u[x] for x in b)
    merges = []
    for token, rank in sorted(ranks.items(), key=lambda kv: kv[1]):
        if len(token) < 2:
            continue
        parts = [bytes([b]) for b in token]
        while True:  # tiktoken's merge, stopped before this token's own rank: the last pair is its merge
            best = None
            for i in range(len(parts) - 1):
                r = ranks.get(parts[i] + parts[i + 1])
                if r is not None and r < rank and (best is None or r < best[0]):
                    best = (r, i)
            if best is None:
                break
            i = best[1]
            parts[i:i + 2] = [parts[i] + parts[i + 1]]
        assert len(parts) == 2, token
        merges.append([show(parts[0]), show(parts[1])])
    spec = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for t, i in params["special_tokens"].items()],
        "normalizer": None,
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": params["pat_str"]}, "behavior": "Isolated", "invert": False},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "ignore_merges": True,
                  "vocab": {show(t): r for t, r in ranks.items()}, "merges": merges},
    }
    return Tokenizer.from_str(json.dumps(spec))


def timed(name, docs, fn):
    total = sum(len(d.encode("utf-8")) for d in docs)
    best = None
    for _ in range(int(os.environ.get("PEERS_PASSES", "2"))):
        c0, w0 = time.process_time(), time.perf_counter()
        out = [fn(d) for d in docs]
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        best = cpu if best is None else min(best, cpu)
    tokens = sum(len(o) for o in out)
    print(f"{name:<28} {len(docs):>6} docs {total / 1e6:7.1f} MB {tokens:>10} tokens  "
          f"{best:6.2f} CPU s  {total / 1e6 / best:6.2f} MB per CPU-second", flush=True)
    return out


def main():
    params = cl100k(sys.argv[1])
    docs = read_docs(sys.argv[2])
    enc = tiktoken.Encoding(**params)
    tk = timed(f"tiktoken {tiktoken.__version__}", docs, enc.encode_ordinary)
    if len(sys.argv) > 3:
        with open(sys.argv[3], "wb") as f:
            for ids in tk:
                f.write(struct.pack(">I", len(ids)))
                f.write(struct.pack(f">{len(ids)}i", *ids))
    import tokenizers
    t0 = time.process_time()
    hf = hf_tokenizer(params)
    print(f"(HF tokenizer built from the ranks in {time.process_time() - t0:.1f} CPU s)", flush=True)
    hf_ids = timed(f"HF tokenizers {tokenizers.__version__}", docs,
                   lambda d: hf.encode(d, add_special_tokens=False).ids)
    differ = sum(1 for a, b in zip(tk, hf_ids) if a != b)
    print(f"HF ids differ from tiktoken's in {differ} of {len(docs)} documents")


if __name__ == "__main__":
    main()
