#!/usr/bin/env python3
"""Independent reference for the pinned signatures in MinHasherTest (big-integer arithmetic)."""
M = (1 << 64) - 1


def fmix(z):
    z &= M
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)


def sm(seed, i):
    return fmix(seed + (i + 1) * 0x9E3779B97F4A7C15)


def s64(v):
    v &= M
    return v - (1 << 64) if v >> 63 else v


def s32(v):
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >> 31 else v


def classic(xs, k, seed):
    out = []
    for i in range(k):
        a, b = sm(seed, 2 * i) | 1, sm(seed, 2 * i + 1)
        out.append(s32((min(s64(a * x + b) for x in xs) & M) >> 32))
    return out


def oph(xs, k, seed):
    sk, pk = sm(seed, 0), sm(seed, 1)
    bins = [None] * k
    for x in xs:
        h = fmix(x ^ sk)
        bn, v = ((h >> 32) * k) >> 32, h & 0xFFFFFFFF
        if bins[bn] is None or v < bins[bn]:
            bins[bn] = v
    out = []
    for i in range(k):
        v, base, a = bins[i], fmix(pk ^ ((i * 0xD1B54A32D192ED03) & M)), 1
        while v is None:
            j = ((fmix(base + a * 0x9E3779B97F4A7C15) >> 32) * k) >> 32
            v, a = bins[j], a + 1
        out.append(s32(v))
    return out


print("classic k=4 seed=1 x=1..10:", classic(range(1, 11), 4, 1))
print("oph     k=4 seed=1 x=1..10:", oph(range(1, 11), 4, 1))
print("oph     k=8 seed=1 x=1..3: ", oph([1, 2, 3], 8, 1))
