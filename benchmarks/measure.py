"""Time and peak memory of one step, measured the same way for every benchmark.

Peak memory is the process's peak resident set size above what it held before the step,
sampled every 5 ms with psutil, so allocations by Arrow, DuckDB and numpy count too.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable
from typing import Any

import psutil

MIB = 1 << 20


def measure(step: Callable[[], Any], repeat: int = 1) -> tuple[float, float, Any]:
    """Best wall time over ``repeat`` runs (s), peak extra memory (MiB), and the last result."""
    process = psutil.Process()
    best, peak, result = float("inf"), 0.0, None
    for _ in range(repeat):
        result = None
        gc.collect()
        base = process.memory_info().rss
        top = [base]
        stop = threading.Event()

        # Bound as defaults: the sampler belongs to this run and is joined before the next.
        def sample(stop: threading.Event = stop, top: list[int] = top) -> None:
            while not stop.wait(0.005):
                top[0] = max(top[0], process.memory_info().rss)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        start = time.perf_counter()
        result = step()
        elapsed = time.perf_counter() - start
        stop.set()
        sampler.join()
        top[0] = max(top[0], process.memory_info().rss)
        best = min(best, elapsed)
        peak = max(peak, (top[0] - base) / MIB)
    return best, peak, result


def row(name: str, seconds: float, peak_mib: float, baseline: float | None = None) -> str:
    """One markdown table row; the ratio is to the baseline measured in the same run."""
    ratio = f"{seconds / baseline:.2f}×" if baseline else "1.00× (baseline)"
    return f"| {name} | {seconds:.2f} | {peak_mib:,.0f} | {ratio} |"


HEADER = "| step | time (s) | peak extra memory (MiB) | ratio to baseline |\n|---|---:|---:|---:|"
