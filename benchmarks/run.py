"""``make bench``: run every benchmark in its own process and collect their tables.

Each ``bench_*.py`` prints a markdown section; the sections are printed and written to
``benchmarks/results/latest.md`` (not committed; copy figures into benchmarks/README.md).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    sections, failed = [], []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.name}", file=sys.stderr, flush=True)
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
        sys.stderr.write(done.stderr)
        if done.returncode:
            failed.append(script.name)
        sections.append(done.stdout.strip())
        print(done.stdout, flush=True)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.md").write_text("\n\n".join(sections) + "\n", encoding="utf-8")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
