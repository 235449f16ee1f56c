"""``wagekit sample OUT``: write the synthetic sample campaign 示例数据 (:mod:`wagekit.sample`)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``sample`` sub-command."""
    from wagekit.sample import DEFAULT_SEED, FORMATS

    parser = subparsers.add_parser(
        "sample",
        help="生成示例活动文件夹（含预设问题及标准答案 planted.json）",
        description="生成一个示例县的专项行动文件夹：项目、用人单位、农民工花名册、工资发放记录、"
        "案件、宣传活动和自查表，并写出预设问题的标准答案 planted.json。"
        "同一随机种子生成的文件完全相同。",
    )
    parser.add_argument("out", type=Path, help="输出文件夹")
    parser.add_argument(
        "--scale",
        type=int,
        default=1,
        help="规模倍数（1 = 300个项目、1万名农民工；100 ≈ 100万名农民工）",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="随机种子")
    parser.add_argument(
        "--messy",
        action="store_true",
        help="按各单位实际报送的杂乱格式写出（GBK/GB18030 CSV、别名表头、.xls 等），并预设载入错误",
    )
    parser.add_argument(
        "--format",
        dest="fmt",
        choices=FORMATS,
        default="xlsx",
        help="文件格式（xlsx 最多约100万行，大规模请用 csv 或 parquet）",
    )
    parser.add_argument("--year", type=int, default=2023, help="专项行动年度（11月1日开始）")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Generate and write; 0 on success, 1 when the request cannot be met."""
    from wagekit.sample import generate, write_campaign

    if args.scale < 1:
        print("--scale 必须是正整数")
        return 1
    began = time.perf_counter()
    sample = generate(scale=args.scale, seed=args.seed, year=args.year)
    try:
        out = write_campaign(sample, args.out, fmt=args.fmt, messy=args.messy)
    except ValueError as exc:
        print(f"无法生成：{exc}")
        return 1
    sizes = "，".join(f"{name} {len(frame):,} 行" for name, frame in sample.tables.items())
    print(f"已生成示例活动：{out}（{sizes}；用时 {time.perf_counter() - began:.1f} 秒）")
    return 0
