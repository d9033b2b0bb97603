"""Loads a Codemill OUT folder the way its users do and prints what they see, as JSON.

Usage: python3 dataset_consumers.py OUT

Readers: Hugging Face `datasets` (load_dataset(OUT) and every config the card names) and DuckDB
(read_parquet over the data and ledger globs). Prints one JSON object: per reader the row count and
the column types, plus a few cell values the Java test (DatasetCardConsumersTest) checks exactly.
Exit 3 when `datasets` or `duckdb` cannot be imported (the test then skips with that message).
"""
import json
import os
import sys

try:
    import datasets
    import duckdb
except ImportError as e:  # the caller reports this and skips
    print(f"missing Python package: {e.name} (pip install datasets duckdb)", file=sys.stderr)
    sys.exit(3)

out = sys.argv[1]
datasets.disable_progress_bars()
result = {"datasets_version": datasets.__version__, "duckdb_version": duckdb.__version__}


def features(ds):
    return {name: str(f) for name, f in ds.features.items()}


docs = datasets.load_dataset(out, split="train")
result["default"] = {"rows": docs.num_rows, "features": features(docs)}
rows = {r["path"]: r for r in docs}
result["default"]["cells"] = {
    path: {k: rows[path][k] for k in ("src_encoding", "license_type", "detected_licenses", "is_vendor",
                                       "is_generated", "annotations")}
    for path in sorted(rows)
}
ledger = datasets.load_dataset(out, "ledger", split="train")
result["ledger"] = {"rows": ledger.num_rows, "features": features(ledger),
                    "kept_id": sorted([r["kept_id"] or "(null)" for r in ledger])}
configs = datasets.get_dataset_config_names(out)
result["configs"] = configs
if "packed" in configs:
    packed = datasets.load_dataset(out, "packed", split="train")
    result["packed"] = {"rows": packed.num_rows, "features": features(packed)}

con = duckdb.connect()
for name, glob in (("duckdb_data", "data/*.parquet"), ("duckdb_ledger", "ledger/*.parquet")):
    path = os.path.join(out, glob).replace("'", "''")
    rel = con.sql(f"SELECT * FROM read_parquet('{path}')")
    count = con.sql(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()[0]
    result[name] = {"rows": count, "types": {c: str(t) for c, t in zip(rel.columns, rel.types)}}
result["duckdb_ledger"]["null_kept_id"] = con.sql(
    "SELECT count(*) FROM read_parquet('" + os.path.join(out, "ledger/*.parquet").replace("'", "''")
    + "') WHERE kept_id IS NULL").fetchone()[0]
print(json.dumps(result, indent=1, sort_keys=True, default=str))
