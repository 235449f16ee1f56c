"""``wagekit validate CAMPAIGN [--json]``: which rows of which ledgers cannot be loaded, and why."""

from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

from wagekit.ids import mask_id_number
from wagekit.load import CampaignError, LoadReport, load
from wagekit.schema import TABLES
from wagekit.terminal import shown

__all__ = ["register", "format_report"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="校验活动文件夹中的台账，列出每一条无法导入的记录",
        description="校验活动文件夹中的台账：每张表读取多少行、导入多少行、拒绝多少行及原因。",
    )
    parser.add_argument("campaign", help="活动文件夹（含 campaign.toml）")
    parser.add_argument("--json", action="store_true", help="以JSON输出（CONTRACT第4节）")
    parser.add_argument(
        "--show-ids", action="store_true", help="显示完整身份证号（默认隐藏中间8位）"
    )
    parser.set_defaults(run=run)


def _shown(value: str, column: str | None, reveal_ids: bool) -> str:
    if column == "id_number" and not reveal_ids:
        return str(mask_id_number(pd.Series([value])).iloc[0])
    return value


def format_report(report: LoadReport, folder: str = "", *, reveal_ids: bool = False) -> str:
    """The load report as plain Chinese text for a clerk.

    Values of ID-number columns, and ID numbers and bank accounts anywhere in the text (a
    reason that quotes a line of the file, say), are masked (110101********1234), as on every
    screen of the workbook, unless ``reveal_ids``; the row number is what the clerk needs to
    find the cell. Control characters read from the files are removed.
    """
    lines = [f"台账校验结果：{folder}", ""]
    if not report.tables:
        lines.append("文件夹中没有找到任何台账文件。")
    for name, t in report.tables.items():
        title = TABLES[name].title
        if t.unreadable:
            lines.append(f"✗ {title}（{t.file}）：无法读取")
        else:
            mark = "✓" if t.rejected == 0 else "✗"
            skipped = f"，跳过{t.skipped}行（合计或示例行）" if t.skipped else ""
            lines.append(
                f"{mark} {title}（{t.file}）：读取{t.rows + t.skipped}行，导入{t.loaded}行，"
                f"拒绝{t.rejected}行{skipped}"
            )
    missing = [TABLES[n].title for n in TABLES if n not in report.tables]
    if missing:
        lines.append(f"（未提供：{'、'.join(missing)}，相关统计为空）")
    errors = report.errors
    if len(errors):
        lines += ["", f"共{len(errors)}处问题："]
        for e in errors.astype(object).where(errors.notna(), None).to_dict("records"):
            where = (
                e["file"]
                + (f"（工作表“{e['sheet']}”）" if e.get("sheet") else "")
                + (f" 第{e['row']}行" if e["row"] is not None else "")
            )
            column = (
                TABLES[e["table"]].column(e["column"]).header
                if e["column"] in {c.name for c in TABLES[e["table"]].columns}
                else None
            )
            what = f" “{column}”" if column else ""
            value = (
                f"（值：{_shown(e['value'], e['column'], reveal_ids)}）"
                if e["value"] and e["row"] and e["value"] not in e["reason"]
                else ""
            )
            lines.append(f"- {where}{what}：{e['reason']}{value}")
    else:
        lines += ["", "全部记录均已导入，没有发现问题。"]
    if report.notes:
        lines += ["", "提示："] + [f"- {n}" for n in report.notes]
    return shown("\n".join(lines), unmasked=reveal_ids)


def run(args: argparse.Namespace) -> int:
    try:
        campaign = load(args.campaign)
    except CampaignError as exc:
        if args.json:
            print(
                json.dumps({"tables": {}, "errors": [exc.as_error()]}, ensure_ascii=False, indent=1)
            )
        print(shown(f"无法使用该文件夹：{exc}"), file=sys.stderr)
        return 2
    report = campaign.report
    if args.json:
        print(report.to_json())
    else:
        print(format_report(report, args.campaign, reveal_ids=args.show_ids))
    return report.exit_code
