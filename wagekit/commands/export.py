"""What goes out (CONTRACT section 6): ``export``, ``report``, ``document`` and ``templates``.

Each command builds its files (:mod:`wagekit.outputs`) from the campaign as recorded — the
ledgers merged with the workspace in use, as ``wagekit summary`` reads them, so every figure
equals the summary of the same day — and writes them into the folder named OUT (created when
missing; never the campaign folder, which wagekit only reads). It prints the paths it wrote, one
a line, and nothing else on stdout. ID numbers and bank accounts are masked unless
``--unmasked`` is given, which is first written to the audit trail (who, which command).
The final report compares the main figures with the previous campaign (同比) when
campaign.toml names it. ``document`` numbers the order (文号) the first time it is printed,
through the store's audited update. Exit codes: 0 written, 1 refused (unknown order, a folder
that cannot be used), 2 the campaign folder or workspace cannot be used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from wagekit.assessment import assess
from wagekit.commands.common import (
    UnusableInput,
    add_db_argument,
    add_unmasked_arguments,
    date_argument,
    load_campaign,
    login_name,
    open_store,
    order_of_campaign,
    recorded_with_workspace,
)
from wagekit.outputs import OutputError, OutputFile, save
from wagekit.store import StoreError, campaign_key
from wagekit.summary import figures

__all__ = ["register"]

REPORT_KINDS = {"final": "工作总结", "weekly": "周报", "daily": "零报告日报"}


def _out_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="OUT", help="输出文件夹（不存在时创建；不能在活动文件夹内）")


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser(
        "export",
        help="导出在建工程项目工资支付检查台账和欠薪处置台账（Excel，可直接打印上报）",
        description="按上报格式写出两本台账：标题、填报单位、两行表头、合计行、A4横向打印。",
    )
    export.add_argument("campaign", help="活动文件夹（含 campaign.toml）")
    _out_argument(export)
    export.add_argument(
        "--as-of", type=date_argument, metavar="DATE", help="统计截至日期（默认今天）"
    )
    export.add_argument(
        "--lists",
        action="store_true",
        help="同时写出待办清单：按属地的台账退回修改清单、未提交自查表清单、超期案件清单",
    )
    add_unmasked_arguments(export)
    add_db_argument(export)
    export.set_defaults(run=run_export)

    report = subparsers.add_parser(
        "report",
        help="生成工作总结、周报或零报告日报（Word，A4）",
        description="final：工作总结（基本情况/主要做法/工作成效/存在问题/下一步打算）；"
        "weekly：本周与上周对比、两清零进度、重大欠薪项目逐个过堂；daily：当日零报告汇总。",
    )
    report.add_argument("campaign", help="活动文件夹（含 campaign.toml）")
    _out_argument(report)
    report.add_argument("--kind", required=True, choices=tuple(REPORT_KINDS), help="报告类型")
    report.add_argument(
        "--as-of", type=date_argument, metavar="DATE", help="统计截至日期（默认今天）"
    )
    add_unmasked_arguments(report)
    add_db_argument(report)
    report.set_defaults(run=run_report)

    document = subparsers.add_parser(
        "document",
        help="打印一份已登记的执法文书（编文号，Word，A4）",
        description="按记录编号（见 wagekit orders）写出文书；首次打印时编文号并记入操作记录。",
    )
    document.add_argument("campaign", help="活动文件夹（含 campaign.toml）")
    document.add_argument("order_id", type=int, help="执法文书的记录编号（见 wagekit orders）")
    _out_argument(document)
    document.add_argument(
        "--by", metavar="NAME", help="编文号的操作人，记入操作记录（默认为系统登录名）"
    )
    add_db_argument(document)
    document.set_defaults(run=run_document)

    templates = subparsers.add_parser(
        "templates",
        help="生成各类台账的空白填报模板（Excel，带下拉选项和填写说明）",
        description="每类台账一个模板，表头与 CONTRACT 第1节一致，第2行为示例行。",
    )
    _out_argument(templates)
    templates.set_defaults(run=run_templates)


def _target(out: str, campaign_folder: str | None = None) -> Path:
    """The folder to write into; refused inside the campaign folder."""
    target = Path(out).expanduser().resolve()
    if campaign_folder is not None:
        source = Path(campaign_folder).resolve()
        if target == source or source in target.parents:
            raise OutputError(
                f"输出文件夹 {target} 位于活动文件夹内；wagekit 不向活动文件夹写入，请换一个位置"
            )
    return target


def _write(files: list[OutputFile], target: Path) -> int:
    if not files:
        print("没有可写出的内容（活动文件夹中缺少相应台账）", file=sys.stderr)
        return 1
    for path in save(files, target):
        print(path)
    return 0


def _guarded(function):
    """Refusals exit 1 and unusable inputs exit 2, each with one Chinese line on stderr."""

    def run(args: argparse.Namespace) -> int:
        try:
            return function(args)
        except (OutputError, StoreError) as error:
            print(f"未写出：{error}", file=sys.stderr)
            return 1
        except UnusableInput as error:
            print(str(error), file=sys.stderr)
            return 2
        except OSError as error:
            print(f"未写出：无法写入输出文件夹（{error}）", file=sys.stderr)
            return 1

    return run


def _assessed(args: argparse.Namespace, command: str):
    """The campaign as recorded, assessed on --as-of; --unmasked audited before anything."""
    campaign = load_campaign(args.campaign)
    if args.unmasked:
        with open_store(args.db, args.campaign) as store:
            store.record_reveal(
                campaign_key(campaign),
                f"wagekit {command} --unmasked",
                by=args.by or login_name(),
            )
    recorded = recorded_with_workspace(args.db, campaign)
    return assess(recorded, as_of=args.as_of or dt.date.today())


@_guarded
def run_export(args: argparse.Namespace) -> int:
    from wagekit.outputs.ledgers import ledger_files

    target = _target(args.out, args.campaign)
    assessment = _assessed(args, "export")
    files = ledger_files(assessment, masked=not args.unmasked)
    if args.lists:
        from wagekit.outputs.lists import list_files

        files += list_files(assessment, masked=not args.unmasked)
    return _write(files, target)


@_guarded
def run_report(args: argparse.Namespace) -> int:
    from wagekit.outputs.reports import report_file

    target = _target(args.out, args.campaign)
    assessment = _assessed(args, f"report --kind {args.kind}")
    summary = figures(assessment)
    masked = not args.unmasked
    if args.kind == "final" and args.db and assessment.config.previous is not None:
        # The previous campaign's records live in the workspace --db names too.
        with open_store(args.db, args.campaign) as store:
            file = report_file(args.kind, assessment, summary, masked=masked, store=store)
    else:
        file = report_file(args.kind, assessment, summary, masked=masked)
    return _write([file], target)


@_guarded
def run_document(args: argparse.Namespace) -> int:
    from wagekit.outputs.documents import numbered_order_document

    target = _target(args.out, args.campaign)
    campaign = load_campaign(args.campaign)
    with open_store(args.db, args.campaign) as store:
        order_of_campaign(store, campaign_key(campaign), args.order_id)
        file = numbered_order_document(store, campaign, args.order_id, by=args.by or login_name())
    return _write([file], target)


@_guarded
def run_templates(args: argparse.Namespace) -> int:
    from wagekit.outputs.templates import template_files

    return _write(template_files(), _target(args.out))
