"""Small helpers for reading configuration files."""

import os


def read_config(path, default=None):
    """Return the stripped lines of ``path``, or ``default`` when it does not exist."""
    if not os.path.exists(path):
        return default
    with open(path, encoding="utf-8") as f:
        # skip blank lines and comments
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]
