"""The store's commands: ``case``, ``order``, ``orders``, ``order-update``, ``audit``, ``store …``.

Each works on the workspace named by ``--db URL``, else ``$WAGEKIT_DB``, else the default SQLite
file (its path is printed to stderr), and never writes into the campaign folder. A request the
store refuses (unknown id, impossible date or status, stale version) prints the reason in
Chinese, changes nothing and exits 1; a campaign folder or workspace that cannot be used exits 2.
Whatever they print of a user's text (notes, names, old and new values) has its ID numbers and
bank accounts masked and its control characters removed (:func:`wagekit.terminal.shown`), in
JSON too; ``orders`` and ``audit`` print them in full with ``--unmasked``, which is first
written to the audit trail (``--by``, else the login name).
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd

from wagekit import terminal
from wagekit.commands.common import (
    UnusableInput,
    add_db_argument,
    add_unmasked_arguments,
    guard,
    load_campaign,
    login_name,
    open_store,
    order_of_campaign,
)
from wagekit.config import ConfigError, read_config
from wagekit.schema import CASE_STATUSES
from wagekit.store import (
    ORDER_KINDS,
    ORDER_STATUSES,
    CampaignKey,
    InvalidValueError,
    Store,
    campaign_key,
    display_url,
    dump,
    load,
)
from wagekit.store.ledger import checked_record, write_record
from wagekit.store.records import ORDER_HEADERS, RECORDS, TABLE_LABELS

__all__ = ["register"]

_ACTIONS = {"insert": "新增", "update": "修改", "delete": "删除"}


def register(subparsers: argparse._SubParsersAction) -> None:
    case = subparsers.add_parser(
        "case",
        help="登记案件办理（状态变更、追回金额），写入工作区",
        description="登记一条案件办理记录：案件编号须在活动的欠薪线索及案件台账中。",
    )
    case.add_argument("campaign", help="活动文件夹（含 campaign.toml）")
    case.add_argument("case_id", help="案件编号")
    case.add_argument("--status", required=True, help=f"办理状态：{'/'.join(CASE_STATUSES)}")
    case.add_argument("--date", required=True, help="办理日期，如 2023-12-05")
    case.add_argument("--recovered", help="截至该日累计追回金额（元）")
    case.add_argument("--by", required=True, help="操作人姓名")
    case.add_argument("--note", help="备注")
    add_db_argument(case)
    case.set_defaults(run=run_case)

    order = subparsers.add_parser(
        "order",
        help="登记执法文书（约谈、限期整改、黑名单告知、移送公安），写入工作区",
        description="登记一份执法文书：对象编号须为项目编号或用人单位统一社会信用代码。",
    )
    order.add_argument("campaign", help="活动文件夹（含 campaign.toml）")
    order.add_argument("subject_id", help="项目编号或统一社会信用代码")
    order.add_argument("--kind", required=True, help=f"文书类型：{'/'.join(ORDER_KINDS)}")
    order.add_argument("--issued", required=True, help="下达日期，如 2023-12-01")
    order.add_argument("--deadline", help="履行期限，如 2023-12-10")
    order.add_argument("--status", default="待履行", help=f"履行状态：{'/'.join(ORDER_STATUSES)}")
    order.add_argument("--fulfilled", help="履行日期（状态为已履行时填写）")
    order.add_argument("--by", required=True, help="操作人姓名")
    order.add_argument("--note", help="备注")
    add_db_argument(order)
    order.set_defaults(run=run_order)

    orders = subparsers.add_parser(
        "orders",
        help="列出活动在工作区中的执法文书（编号、版本、履行状态）",
        description="列出活动在工作区中登记的每一份执法文书；记录编号和版本供 order-update 使用。",
    )
    orders.add_argument("campaign", help="活动文件夹（含 campaign.toml）")
    orders.add_argument("--json", action="store_true", help="以JSON输出")
    add_unmasked_arguments(orders)
    add_db_argument(orders)
    orders.set_defaults(run=run_orders)

    order_update = subparsers.add_parser(
        "order-update",
        help="更新执法文书的履行情况（已履行、逾期未履行、已撤销）或期限、备注",
        description="修改活动的一份执法文书。记录编号见 wagekit orders；给出 --version 时，"
        "若文书在此之后已被他人修改则不写入。状态改为已履行以外时，原履行日期一并清除。",
    )
    order_update.add_argument("campaign", help="活动文件夹（含 campaign.toml）")
    order_update.add_argument("order_id", type=int, help="记录编号（见 wagekit orders）")
    order_update.add_argument("--status", metavar="S", help=f"履行状态：{'/'.join(ORDER_STATUSES)}")
    order_update.add_argument("--fulfilled", metavar="DATE", help="履行日期（状态为已履行时必填）")
    order_update.add_argument(
        "--deadline", metavar="DATE", help="履行期限，如 2023-12-20（空字符串为清除）"
    )
    order_update.add_argument("--note", metavar="TEXT", help="备注（空字符串为清除）")
    order_update.add_argument(
        "--version",
        type=int,
        metavar="N",
        help="所见的版本（见 wagekit orders）；文书已被改过则拒绝写入",
    )
    order_update.add_argument("--by", required=True, metavar="NAME", help="操作人姓名")
    add_db_argument(order_update)
    order_update.set_defaults(run=run_order_update)

    audit = subparsers.add_parser(
        "audit",
        help="查看工作区中某个活动的操作记录（谁、何时、改了什么）",
        description="列出活动在工作区中的每一次写入：时间、操作人、记录、字段、原值、新值。",
    )
    audit.add_argument("campaign", help="活动文件夹（含 campaign.toml）")
    audit.add_argument("--json", action="store_true", help="以JSON输出")
    add_unmasked_arguments(audit)
    add_db_argument(audit)
    audit.set_defaults(run=run_audit)

    store = subparsers.add_parser(
        "store",
        help="工作区维护：完整导出、导入到空工作区、查看概况",
        description="工作区维护。导出再导入即可把 SQLite 工作区迁移到 PostgreSQL。",
    )
    actions = store.add_subparsers(dest="store_command", required=True, metavar="ACTION")
    dump_parser = actions.add_parser("dump", help="把工作区完整导出为 JSON Lines 文件")
    dump_parser.add_argument("file", help="导出文件")
    add_db_argument(dump_parser)
    dump_parser.set_defaults(run=run_dump)
    load_parser = actions.add_parser("load", help="把导出文件导入到空的工作区")
    load_parser.add_argument("file", help="导出文件")
    add_db_argument(load_parser)
    load_parser.set_defaults(run=run_load)
    info = actions.add_parser("info", help="显示工作区位置、版本和各表记录数")
    add_db_argument(info)
    info.set_defaults(run=run_info)


def _key(folder: str) -> CampaignKey:
    try:
        return campaign_key(read_config(Path(folder) / "campaign.toml"))
    except (ConfigError, OSError) as error:
        raise UnusableInput(str(error)) from error


@guard
def run_case(args: argparse.Namespace) -> int:
    campaign = load_campaign(args.campaign)
    values = {
        "case_id": args.case_id,
        "status": args.status,
        "action_date": args.date,
        "amount_recovered": args.recovered,
        "note": args.note,
    }
    # Every value is checked before the workspace is opened: a refused request creates nothing.
    values = checked_record(campaign, "case_actions", values)
    recovered = values["amount_recovered"]
    with open_store(args.db, args.campaign) as store:
        record = write_record(store, campaign, "case_actions", values, by=args.by)
    amount = "" if recovered is None else f"，累计追回 {recovered:,.2f} 元"
    print(
        terminal.shown(
            f"已登记：案件 {args.case_id} → {args.status}（{record['action_date']}{amount}），"
            f"操作人 {args.by}，记录编号 {record['id']}"
        )
    )
    return 0


@guard
def run_order(args: argparse.Namespace) -> int:
    campaign = load_campaign(args.campaign)
    values = checked_record(
        campaign,
        "orders",
        {
            "subject_id": args.subject_id,
            "kind": args.kind,
            "issued": args.issued,
            "deadline": args.deadline,
            "status": args.status,
            "fulfilled_date": args.fulfilled,
            "note": args.note,
        },
    )
    with open_store(args.db, args.campaign) as store:
        record = write_record(store, campaign, "orders", values, by=args.by)
    deadline = f"，履行期限 {record['deadline']}" if record["deadline"] else ""
    print(
        terminal.shown(
            f"已登记：{args.kind} → {args.subject_id}（下达 {record['issued']}{deadline}），"
            f"操作人 {args.by}，记录编号 {record['id']}"
        )
    )
    return 0


# What ``wagekit orders`` shows, in order: every column of the list but the note, which is free
# text of any length and would push the table past the terminal's width.
_ORDER_COLUMNS = {name: header for name, header in ORDER_HEADERS.items() if name != "note"}


def _shown(value: Any) -> str:
    """A stored value as printed: dates as YYYY-MM-DD, missing values as an empty string."""
    if value is None or pd.isna(value):
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _reveal(store: Store, key: CampaignKey, args: argparse.Namespace, command: str) -> None:
    """With ``--unmasked``, write to the audit trail who is shown full numbers, and where."""
    if args.unmasked:
        shown = f"wagekit {command}{' --json' if args.json else ''} --unmasked"
        store.record_reveal(key, shown, by=args.by or login_name())


def _printed(rows: list[dict[str, Any]], *, unmasked: bool) -> list[dict[str, Any]]:
    """Rows for ``--json`` with every text as a command prints it (see :mod:`wagekit.terminal`)."""
    return [
        {k: terminal.shown(v, unmasked=unmasked) if isinstance(v, str) else v for k, v in r.items()}
        for r in rows
    ]


def _width(text: str) -> int:
    """Columns a text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _aligned(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(_width(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    return [
        "  ".join(
            cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True)
        ).rstrip()
        for row in (header, *rows)
    ]


@guard
def run_orders(args: argparse.Namespace) -> int:
    key = _key(args.campaign)
    with open_store(args.db, args.campaign) as store:
        _reveal(store, key, args, "orders")
        orders = store.records(key, "orders")
    if args.json:
        rows = [
            {
                "id": int(r.id),
                "version": int(r.version),
                "subject_id": r.subject_id,
                "kind": r.kind,
                "issued": _shown(r.issued),
                "deadline": _shown(r.deadline) or None,
                "status": r.status,
                "fulfilled_date": _shown(r.fulfilled_date) or None,
                "note": _shown(r.note) or None,
                "number": _shown(r.number) or None,
                "updated_by": r.updated_by,
                "updated_at": r.updated_at.strftime("%Y-%m-%d %H:%M:%S"),
            }
            for r in orders.itertuples(index=False)
        ]
        print(json.dumps(_printed(rows, unmasked=args.unmasked), ensure_ascii=False, indent=1))
        return 0
    if orders.empty:
        print(terminal.shown(f"工作区中还没有“{key}”的执法文书。"))
        return 0
    print(terminal.shown(f"“{key}”的执法文书（共 {len(orders)} 份）："))
    cells = [
        [terminal.shown(_shown(v), unmasked=args.unmasked) for v in row]
        for row in orders[list(_ORDER_COLUMNS)].to_numpy().tolist()
    ]
    for line in _aligned(list(_ORDER_COLUMNS.values()), cells):
        print(line)
    return 0


def _order_changes(args: argparse.Namespace) -> dict[str, Any]:
    """The fields ``order-update`` was asked to change; an empty text clears a field."""
    changes = {
        name: value
        for name, value in (
            ("status", args.status),
            ("fulfilled_date", args.fulfilled),
            ("deadline", args.deadline),
            ("note", args.note),
        )
        if value is not None
    }
    if not changes:
        raise InvalidValueError("请至少给出一项修改：--status、--fulfilled、--deadline 或 --note")
    # Only a fulfilled order has a fulfilled date: leaving 已履行 takes the date away with it.
    if args.status not in (None, "已履行") and args.fulfilled is None:
        changes["fulfilled_date"] = None
    return changes


@guard
def run_order_update(args: argparse.Namespace) -> int:
    key = _key(args.campaign)
    changes = _order_changes(args)
    with open_store(args.db, args.campaign) as store:
        before = order_of_campaign(store, key, args.order_id)
        version = int(before["version"]) if args.version is None else args.version
        after = store.update("orders", args.order_id, version=version, changes=changes, by=args.by)
    if after["version"] == version:
        print(f"未改动：记录 {args.order_id} 已是所给的内容（版本 {version}），未写入")
        return 0
    changed = [
        name
        for name in ("fulfilled_date", "deadline", "note")
        if _shown(before[name]) != _shown(after[name])
    ]
    details = "，".join(
        f"{_label('orders', name)} {_shown(after[name])}"
        if _shown(after[name])
        else f"清除{_label('orders', name)}"
        for name in changed
    )
    status = f" → {after['status']}" if after["status"] != before["status"] else ""
    print(
        terminal.shown(
            f"已更新：记录 {args.order_id} {after['kind']}{status}"
            f"{f'（{details}）' if details else ''}，操作人 {args.by}，版本 {after['version']}"
        )
    )
    return 0


def _label(table: str, field: str) -> str:
    kind = RECORDS.get(table)
    spec = kind.fields.get(field) if kind else None
    return spec.label if spec else {"name": "活动名称", "region": "地区"}.get(field, field)


@guard
def run_audit(args: argparse.Namespace) -> int:
    key = _key(args.campaign)
    with open_store(args.db, args.campaign) as store:
        _reveal(store, key, args, "audit")
        trail = store.audit(key)
    if args.json:
        rows = [
            {
                "id": int(r.id),
                "at": r.at.strftime("%Y-%m-%d %H:%M:%S"),
                "by": r.by,
                "action": r.action,
                "table": r.table_name,
                "record_id": int(r.record_id),
                "field": r.field,
                "old_value": None if isinstance(r.old_value, float) else r.old_value,
                "new_value": None if isinstance(r.new_value, float) else r.new_value,
            }
            for r in trail.itertuples(index=False)
        ]
        (campaign,) = _printed([{"name": key.name, "region": key.region}], unmasked=True)
        print(
            json.dumps(
                {"campaign": campaign, "audit": _printed(rows, unmasked=args.unmasked)},
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    if trail.empty:
        print(terminal.shown(f"工作区中还没有“{key}”的操作记录。"))
        return 0
    print(terminal.shown(f"“{key}”的操作记录（共 {len(trail)} 条）："))
    for r in trail.itertuples(index=False):
        old = "" if isinstance(r.old_value, float) else r.old_value
        new = "" if isinstance(r.new_value, float) else r.new_value
        if r.action == "reveal":
            what = f"查看完整号码（{new}）"
        else:
            change = f"{old} → {new}" if r.action == "update" else (new or old)
            what = (
                f"{_ACTIONS.get(r.action, r.action)}"
                f"{TABLE_LABELS.get(r.table_name, r.table_name)} #{r.record_id}  "
                f"{_label(r.table_name, r.field)}：{change}"
            )
        print(terminal.shown(f"{r.at:%Y-%m-%d %H:%M}  {r.by}  {what}", unmasked=args.unmasked))
    return 0


@guard
def run_dump(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        try:
            counts = dump(store, args.file)
        except OSError as error:
            raise UnusableInput(f"无法写入导出文件 {args.file}：{error}") from error
    print(
        terminal.printable(f"已导出到 {args.file}：")
        + "，".join(f"{n} {c} 行" for n, c in counts.items())
    )
    return 0


@guard
def run_load(args: argparse.Namespace) -> int:
    if not Path(args.file).is_file():
        raise UnusableInput(f"找不到导出文件：{args.file}")
    with open_store(args.db) as store:
        counts = load(store, args.file)
    print(
        terminal.printable(f"已导入 {args.file}：")
        + "，".join(f"{n} {c} 行" for n, c in counts.items())
    )
    return 0


@guard
def run_info(args: argparse.Namespace) -> int:
    from wagekit.store.dump import DUMP_TABLES
    from wagekit.store.migrate import head_revision

    with open_store(args.db) as store:
        counts = {name: store.count(name) for name in DUMP_TABLES}
        campaigns = store.campaigns()
        print(f"位置：{display_url(store.url)}（{store.backend}），数据库版本 {head_revision()}")
    for name, count in counts.items():
        print(f"  {TABLE_LABELS.get(name, '审计记录')}（{name}）：{count} 行")
    for row in campaigns.itertuples(index=False):
        print(terminal.shown(f"  活动：{row.region}·{row.name}"))
    return 0
