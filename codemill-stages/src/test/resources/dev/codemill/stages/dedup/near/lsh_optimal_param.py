#!/usr/bin/env python3
"""Independent reference for LshParams: datasketch's _optimal_param, with scipy.integrate.quad.

Run: python3 lsh_optimal_param.py  (needs scipy). Prints b, r, FP, FN for the test cases.
"""
from scipy.integrate import quad


def fp(t, b, r):
    return quad(lambda s: 1 - (1 - s ** r) ** b, 0.0, t)[0]


def fn(t, b, r):
    return quad(lambda s: 1 - (1 - (1 - s ** r) ** b), t, 1.0)[0]


def optimal(t, k, wfp=0.5, wfn=0.5):
    best, opt = float("inf"), None
    for b in range(1, k + 1):
        for r in range(1, k // b + 1):
            f, n = fp(t, b, r), fn(t, b, r)
            e = wfp * f + wfn * n
            if e < best:
                best, opt = e, (b, r, f, n)
    return opt


for t, k in [(0.7, 256), (0.85, 128), (0.7, 128), (0.5, 64)]:
    b, r, f, n = optimal(t, k)
    print(f"t={t} k={k}: b={b} r={r} fp={f:.12g} fn={n:.12g}")
