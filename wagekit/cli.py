"""The ``wagekit`` command: one sub-command per module, each registered by that module.

Exit codes follow ../CONTRACT.md: 0 when all is well, 1 when rows or tables were rejected (or a
command refused a request), 2 when the input itself cannot be used.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

__all__ = ["main", "build_parser"]

# Modules that add a sub-command through ``register(subparsers)``.
COMMAND_MODULES = (
    "wagekit.commands.validate",
    "wagekit.commands.sample",
    "wagekit.commands.store",
    "wagekit.commands.record",
    "wagekit.commands.serve",
    "wagekit.commands.summary",
    "wagekit.commands.export",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wagekit", description="根治欠薪专项行动台账工具：读取台账、校验、统计。"
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    for stream in (sys.stdout, sys.stderr):
        # Windows consoles and pipes may default to a legacy code page; Chinese must survive.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    args = build_parser().parse_args(argv)
    return int(args.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
