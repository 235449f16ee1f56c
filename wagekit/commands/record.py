"""Recording what the office does (CONTRACT section 5): publicity, self-inspection, daily, baseline.

``wagekit publicity`` logs a publicity event 宣传活动, ``wagekit self-inspection`` a
self-inspection form received 自查回执, ``wagekit daily`` a township's daily report 每日零报告
(a 零报告 when nothing happened; a second report of the same township and day replaces the
first), and ``wagekit baseline`` every subject's risk tier on a day as the campaign's baseline
风险底数 (run again, it replaces the baseline). Each writes the same store records the apps
write, so ``wagekit summary``, every export and every app count them at once. Every value is
checked before the workspace is opened, with the ledgers' own parsers and reasons: a refused
request prints one line in Chinese, creates nothing and exits 1; an unusable campaign folder or
workspace exits 2.
"""

from __future__ import annotations

import argparse
from typing import Any

from wagekit import terminal
from wagekit.commands.common import (
    add_db_argument,
    guard,
    load_campaign,
    open_store,
    recorded_with_workspace,
)
from wagekit.schema import PUBLICITY_ACTIVITIES
from wagekit.store.ledger import checked_record, write_record
from wagekit.store.records import RECORDS, parse_day

__all__ = ["register"]


def _options(parser: argparse.ArgumentParser, table: str, names: dict[str, str]) -> None:
    """Add one option per field of a record kind, its help the field's Chinese label."""
    fields = RECORDS[table].fields
    for option, name in names.items():
        spec = fields[name]
        hint = f"：{'/'.join(spec.choices)}" if spec.choices and len(spec.choices) < 8 else ""
        parser.add_argument(option, dest=name, required=spec.required, help=f"{spec.label}{hint}")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("campaign", help="活动文件夹（含 campaign.toml）")


def _by_and_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", required=True, metavar="NAME", help="登记人姓名")
    add_db_argument(parser)


_PUBLICITY = {
    "--date": "date",
    "--township": "township",
    "--unit": "unit",
    "--activity": "activity",
    "--quantity": "quantity",
    "--participants": "participants",
}
_SELF_INSPECTION = {
    "--submitted": "submitted_date",
    "--arrears-amount": "reported_arrears_amount",
    "--arrears-workers": "reported_arrears_workers",
    "--rectified": "rectified",
    "--note": "note",
}
_DAILY = {
    "--township": "township",
    "--date": "date",
    "--incidents": "incidents",
    "--new-cases": "new_cases",
    "--note": "note",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    publicity = subparsers.add_parser(
        "publicity",
        help="登记一次宣传活动，写入工作区，立即计入统计",
        description=f"登记一次宣传活动。活动类型：{'、'.join(PUBLICITY_ACTIVITIES)}。",
    )
    _common(publicity)
    _options(publicity, "publicity_events", _PUBLICITY)
    _by_and_db(publicity)
    publicity.set_defaults(run=run_publicity)

    form = subparsers.add_parser(
        "self-inspection",
        help="登记收到的自查情况表（自查回执），写入工作区",
        description="登记一份收到的自查情况表；同一对象再次登记时以最新一份为准，并替代台账中的该行。",
    )
    _common(form)
    form.add_argument("subject_id", help="项目编号或统一社会信用代码")
    _options(form, "self_inspection_receipts", _SELF_INSPECTION)
    _by_and_db(form)
    form.set_defaults(run=run_self_inspection)

    daily = subparsers.add_parser(
        "daily",
        help="登记属地当日的每日零报告（无事项即为零报告）",
        description="登记一个属地某日的报告；不填突发事件数和新增线索数（或均为0）即为零报告。"
        "同一属地同一天再次报告时替代前一份，两份都留在操作记录中。",
    )
    _common(daily)
    _options(daily, "daily_reports", _DAILY)
    _by_and_db(daily)
    daily.set_defaults(run=run_daily)

    baseline = subparsers.add_parser(
        "baseline",
        help="把某日每个项目和用人单位的风险等级登记为本次行动的风险底数",
        description="按统计截至日期计算每个项目和用人单位的风险等级（无欠薪、一般、严重），"
        "登记为风险底数，此后据此计算销号。再次登记时替代原底数。",
    )
    _common(baseline)
    baseline.add_argument("--as-of", required=True, metavar="DATE", help="底数日期，如 2023-11-01")
    _by_and_db(baseline)
    baseline.set_defaults(run=run_baseline)


def _values(args: argparse.Namespace, names: dict[str, str]) -> dict[str, Any]:
    return {name: getattr(args, name) for name in names.values()}


@guard
def run_publicity(args: argparse.Namespace) -> int:
    campaign = load_campaign(args.campaign)
    values = checked_record(campaign, "publicity_events", _values(args, _PUBLICITY))
    with open_store(args.db, args.campaign) as store:
        record = write_record(store, campaign, "publicity_events", values, by=args.by)
    print(
        terminal.shown(
            f"已登记：{record['township']} {record['date']} {record['activity']} "
            f"{record['quantity']}，登记人 {args.by}，记录编号 {record['id']}"
        )
    )
    return 0


@guard
def run_self_inspection(args: argparse.Namespace) -> int:
    campaign = load_campaign(args.campaign)
    values = {"subject_id": args.subject_id, **_values(args, _SELF_INSPECTION)}
    values = checked_record(campaign, "self_inspection_receipts", values)
    with open_store(args.db, args.campaign) as store:
        record = write_record(store, campaign, "self_inspection_receipts", values, by=args.by)
    print(
        terminal.shown(
            f"已登记：{args.subject_id} 自查情况表（提交 {record['submitted_date']}，自报欠薪 "
            f"{record['reported_arrears_amount']:,.2f} 元、"
            f"{record['reported_arrears_workers']} 人），"
            f"登记人 {args.by}，记录编号 {record['id']}"
        )
    )
    return 0


@guard
def run_daily(args: argparse.Namespace) -> int:
    campaign = load_campaign(args.campaign)
    values = checked_record(campaign, "daily_reports", _values(args, _DAILY))
    with open_store(args.db, args.campaign) as store:
        record = write_record(store, campaign, "daily_reports", values, by=args.by)
    zero = record["incidents"] == 0 and record["new_cases"] == 0
    what = (
        "零报告"
        if zero
        else f"突发事件 {record['incidents']} 起、新增线索 {record['new_cases']} 条"
    )
    replaced = "（替代当日原报告）" if record["version"] > 1 else ""
    print(
        terminal.shown(
            f"已登记：{record['township']} {record['date']} {what}{replaced}，"
            f"登记人 {args.by}，记录编号 {record['id']}"
        )
    )
    return 0


@guard
def run_baseline(args: argparse.Namespace) -> int:
    from wagekit.assessment import assess
    from wagekit.baseline import baseline_records
    from wagekit.labels import TIER_LABELS

    day = parse_day(args.as_of, "底数日期")
    campaign = load_campaign(args.campaign)
    recorded = recorded_with_workspace(args.db, campaign)
    rows = baseline_records(assess(recorded, as_of=day))
    if not rows:
        print("未写入：活动文件夹中没有项目台账或用人单位台账，无法登记风险底数")
        return 1
    with open_store(args.db, args.campaign) as store:
        store.replace_all(campaign, "baseline_tiers", rows, by=args.by)
    counts = {tier: sum(row["tier"] == tier for row in rows) for tier in TIER_LABELS}
    shown = "、".join(f"{TIER_LABELS[t]}{n}个" for t, n in counts.items())
    print(
        terminal.shown(f"已登记风险底数（{day}）：共{len(rows)}个对象，{shown}，登记人 {args.by}")
    )
    return 0
