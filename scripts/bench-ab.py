#!/usr/bin/env python3
"""Interleaved A/B timing of mipscope builds on one capture.

    scripts/bench-ab.py [-n RUNS] [-t THREADS] -r CAPTURE BIN_A BIN_B [BIN ...] [-- ARGS...]

Runs `BIN dissect -r CAPTURE ARGS` for each build in turn, RUNS rounds (default 15), stdout to
/dev/null, and prints each build's best and median wall time and CPU time (user + system of the
child). The builds take turns within every round, so a host whose speed moves between minutes
(this one's does, by up to half) slows them alike: compare builds only within one run of this
script, never across runs. THREADS sets MIPSCOPE_THREADS (default 2). Made for the packet-list
work of issue 12, where a change worth 2-3 % is smaller than one minute's drift.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time


def main() -> int:
    argv = sys.argv[1:]
    extra: list[str] = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1 :]
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-n", "--runs", type=int, default=15)
    p.add_argument("-t", "--threads", default="2")
    p.add_argument("-r", "--capture", required=True)
    p.add_argument("bins", nargs="+")
    a = p.parse_args(argv)
    env = dict(os.environ, MIPSCOPE_THREADS=a.threads)
    res: dict[str, list[tuple[float, float]]] = {b: [] for b in a.bins}
    for _ in range(a.runs):
        for b in a.bins:
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            done = subprocess.run([b, "dissect", "-r", a.capture, *extra], stdout=subprocess.DEVNULL, env=env)
            t1 = time.perf_counter()
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            if done.returncode != 0:
                print(f"bench-ab: {b} exited with {done.returncode}", file=sys.stderr)
                return 1
            cpu = (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000
            res[b].append(((t1 - t0) * 1000, cpu))
    width = max(len(b) for b in a.bins)
    for b in a.bins:
        w = sorted(x[0] for x in res[b])
        c = sorted(x[1] for x in res[b])
        print(
            f"{b:{width}}  wall best {w[0]:7.1f} ms  median {statistics.median(w):7.1f} ms"
            f"   cpu best {c[0]:7.1f} ms  median {statistics.median(c):7.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
