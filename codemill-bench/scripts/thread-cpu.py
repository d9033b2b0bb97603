#!/usr/bin/env python3
"""Samples per-thread CPU (utime+stime) of JVMs every second until a stop file appears; keeps the max per TID
(finished threads vanish), groups by thread-name class. Usage: threadcpu.py OUT.json STOPFILE ROLE=PATTERN..."""
import json, os, re, sys, time
out, stop = sys.argv[1], sys.argv[2]
roles = [a.split("=", 1) for a in sys.argv[3:]]
tck = os.sysconf("SC_CLK_TCK")
seen = {}  # (role, pid, tid) -> (comm, ticks)
def cmdline(p):
    try: return open(f"/proc/{p}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
    except OSError: return ""
def group(comm):
    for pat, g in [(r"^C2 Compiler", "jit-c2"), (r"^C1 Compiler", "jit-c1"), (r"^(GC |G1 |VM Thread|Parallel GC|GC Thread)", "gc+vm"),
                   (r"^Executor task", "tasks"), (r"^(shuffle-|rpc-|netty|dispatcher|block-manager|driver-|Executor)", "spark-rpc"),
                   (r"^(main|java)$", "main"), (r"^(dag-scheduler|task-result|spark-listener|SparkListener|event)", "scheduler")]:
        if re.match(pat, comm): return g
    return "other"
while not os.path.exists(stop):
    for pid in os.listdir("/proc"):
        if not pid.isdigit(): continue
        cl = cmdline(pid)
        if "java" not in cl: continue
        for role, pat in roles:
            if re.search(pat, cl):
                try: tids = os.listdir(f"/proc/{pid}/task")
                except OSError: continue
                for t in tids:
                    try:
                        s = open(f"/proc/{pid}/task/{t}/stat").read()
                    except OSError: continue
                    comm = s[s.index("(") + 1:s.rindex(")")]
                    f = s[s.rindex(")") + 2:].split()
                    ticks = int(f[11]) + int(f[12])
                    k = (role, pid, t)
                    if k not in seen or seen[k][1] < ticks: seen[k] = (comm, ticks)
                break
    time.sleep(1)
res = {}; others = {}  # per JVM: CPU s per thread kind; the threads of kind "other" by name
for (role, pid, t), (comm, ticks) in seen.items():
    r = res.setdefault(f"{role}:{pid}", {})
    g = group(comm); r[g] = r.get(g, 0) + ticks / tck
    if g == "other":
        o = others.setdefault(f"{role}:{pid}", {}); n = re.sub(r"[-#]?\d+$", "", comm); o[n] = o.get(n, 0) + ticks / tck
json.dump(res, open(out, "w"), indent=1, sort_keys=True)
for k, v in sorted(res.items()):
    top = sorted(others.get(k, {}).items(), key=lambda x: -x[1])[:4]
    print(k, f"total {sum(v.values()):.1f} s:", ", ".join(f"{g} {s:.1f}" for g, s in sorted(v.items(), key=lambda x: -x[1]))
          + (" (other: " + ", ".join(f"{n} {s:.1f}" for n, s in top) + ")" if top else ""))
