"""``wagekit summary CAMPAIGN [--as-of DATE] [--json]``: every figure of a campaign on one day."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from wagekit.cache import load_cached
from wagekit.commands.common import (
    UnusableInput,
    add_db_argument,
    date_argument,
    recorded_with_workspace,
)
from wagekit.load import CampaignError
from wagekit.summary import summarize
from wagekit.summary_text import format_summary

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "summary",
        help="统计专项行动各项数据（项目、欠薪、案件、宣传、自查等）",
        description="按 CONTRACT 第3节统计专项行动的全部数据；不加 --json 时输出中文汇总。",
    )
    parser.add_argument("campaign", help="活动文件夹（含 campaign.toml）")
    parser.add_argument(
        "--as-of",
        type=date_argument,
        default=None,
        metavar="DATE",
        help="统计截至日期 YYYY-MM-DD（默认今天）",
    )
    parser.add_argument("--json", action="store_true", help="以JSON输出（CONTRACT第3节）")
    add_db_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    as_of = args.as_of or dt.date.today()
    try:
        # The figures only read the campaign, so the load cache serves it: the same tables and
        # report as reading the ledgers, read again whenever any file's bytes change.
        campaign = load_cached(args.campaign)
    except CampaignError as exc:
        if args.json:
            print(json.dumps({"errors": [exc.as_error()]}, ensure_ascii=False, indent=1))
        print(f"无法使用该文件夹：{exc}", file=sys.stderr)
        return 2
    report = campaign.report
    rejected = sum(t.rejected for t in report.tables.values())
    unreadable = [t.file for t in report.tables.values() if t.unreadable]
    if rejected:
        print(
            f"注意：台账中有{rejected}行记录未能导入，统计时已排除"
            "（运行 wagekit validate 查看原因）",
            file=sys.stderr,
        )
    if unreadable:
        print(f"注意：无法读取 {'、'.join(unreadable)}，相关统计为空", file=sys.stderr)
    try:
        # Everything the workspace in use recorded counts, exactly as rows of the ledgers.
        recorded = recorded_with_workspace(args.db, campaign)
    except UnusableInput as exc:
        print(str(exc), file=sys.stderr)
        return 2
    summary = summarize(recorded, as_of=as_of)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        print(format_summary(summary))
    return 0
