#!/usr/bin/env python3
"""Process-level latency: runs commands many times and prints median and p99 wall time side by side.

Usage: bench/process-latency.py [--runs N] -- 'label=command' ['label=command' ...]
With no commands it measures `mandate --version` from the Native AOT build next to a no-op native
process (`true`) and `node -e 0`, in the same run.
"""
import os
import shlex
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def measure(argv, runs, env):
    for _ in range(3):  # warm the page cache
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
        samples.append((time.perf_counter_ns() - start) / 1e6)
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(round(0.99 * (len(samples) - 1))))]
    return statistics.median(samples), p99


def main():
    args = sys.argv[1:]
    runs = 200
    if args[:1] == ["--runs"]:
        runs, args = int(args[1]), args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    binary = os.path.join(ROOT, ".build", "mandate", "mandate")
    commands = [a.split("=", 1) for a in args] or [
        ["mandate --version (AOT)", f"{binary} --version"],
        ["true (no-op native)", "true"],
        ["node -e 0", "node -e 0"],
    ]
    env = dict(os.environ)
    print(f"{'command':<34} {'median ms':>10} {'p99 ms':>10}   ({runs} runs, {os.cpu_count()} cores)")
    for label, command in commands:
        median, p99 = measure(shlex.split(command), runs, env)
        print(f"{label:<34} {median:>10.2f} {p99:>10.2f}")


if __name__ == "__main__":
    main()
