"""The records of the workspace store 工作区记录, declared once: fields, labels, parsing, rules.

A *record kind* 记录类型 is one thing an office records: an inspection 检查, the result of each
checklist item 检查项结果, a finding 检查发现问题, an order 执法文书, a case action 案件办理, a
publicity event 宣传活动, a self-inspection form 自查回执, a daily report 每日零报告 and the
tiers of a baseline 风险底数. Each is declared here once, as :data:`RECORDS`; the database
tables (:mod:`wagekit.store.models`), the frames the store reads back, the Chinese labels of
forms and listings and the checks a value passes before it is written all come from this
declaration. A value is read by the ledgers' own cell parsers (:mod:`wagekit.parse`), so a form
or a command refuses exactly what the loader refuses, with the same Chinese reason: one
``parse_date``, one year range, one money parser.

An order's *kind* 文书类型 is 约谈询问笔录 (interview record), 限期整改指令书 (order to rectify
and pay by a deadline), 纳入黑名单事先告知书 (prior notice of blacklisting) or 移送公安 (transfer
to the police), the escalation ladder in that order; its *status* 状态 is 待履行, 已履行 (with
the fulfilled date), 逾期未履行 (lapsed) or 已撤销 (withdrawn); its *number* 文号 is given when
it is first printed. A case action's recovered amount 追回金额 is the case's total recovered as
of that action. A finding carries the unit responsible 责任单位, a deadline 整改期限 and the day
it was rectified 整改完成日期 (销号).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from wagekit.checklist import CHECKLIST, CHECKLIST_RESULTS
from wagekit.findings import SEVERITIES
from wagekit.labels import SUBJECT_KIND_LABELS
from wagekit.parse import parse_bool, parse_count, parse_date, parse_enum, parse_money
from wagekit.risk import TIERS
from wagekit.schema import CASE_STATUSES, PUBLICITY_ACTIVITIES
from wagekit.store.errors import InvalidValueError

__all__ = [
    "ORDER_KINDS",
    "ORDER_STATUSES",
    "RECORDS",
    "TABLE_LABELS",
    "ORDER_HEADERS",
    "META_DTYPES",
    "Field",
    "RecordKind",
    "audit_text",
    "clean_record",
    "clean_records",
    "empty_records",
    "parse_amount",
    "parse_day",
]

ORDER_KINDS = ("约谈询问笔录", "限期整改指令书", "纳入黑名单事先告知书", "移送公安")
ORDER_STATUSES = ("待履行", "已履行", "逾期未履行", "已撤销")

FieldKind = Literal["text", "date", "enum", "money", "count", "names", "bool", "ref"]

# How each kind of field is read back into a DataFrame: the ledgers' dtypes.
READ_DTYPES: dict[str, str] = {
    "text": "str",
    "date": "date",
    "enum": "str",
    "money": "float64",
    "count": "Int64",
    "names": "object",
    "bool": "boolean",
    "ref": "Int64",
}


# The columns every record is read back with besides its fields: who made it and when.
META_DTYPES: dict[str, str] = {
    "id": "int64",
    "version": "int64",
    "updated_by": "str",
    "created_at": "date",
    "updated_at": "date",
}


@dataclass(frozen=True)
class Field:
    """One field of a record: Chinese label, kind, whether required, choices, default.

    ``width`` is the column's length in the database for an enumerated field; ``ref`` names the
    record kind an id field points to.
    """

    label: str
    kind: FieldKind
    required: bool = False
    choices: tuple[str, ...] = ()
    default: Any = None
    width: int = 20
    ref: str | None = None


@dataclass(frozen=True)
class RecordKind:
    """A kind of record: its table, Chinese label, fields and the indexes reads need."""

    table: str
    label: str
    fields: dict[str, Field]
    indexes: tuple[tuple[str, ...], ...] = field(default=())

    def read_dtypes(self) -> dict[str, str]:
        """The DataFrame dtype of each column the store reads back: fields, then meta."""
        return {name: READ_DTYPES[f.kind] for name, f in self.fields.items()} | META_DTYPES


def _kinds(*kinds: RecordKind) -> dict[str, RecordKind]:
    return {kind.table: kind for kind in kinds}


RECORDS: dict[str, RecordKind] = _kinds(
    RecordKind(
        "inspections",
        "检查记录",
        {
            "subject_id": Field("检查对象编号", "text", True),
            "visit_date": Field("检查日期", "date", True),
            "inspectors": Field("检查人员", "names", True),
            "note": Field("备注", "text"),
        },
    ),
    RecordKind(
        "checklist_results",
        "检查项结果",
        {
            "inspection_id": Field("检查记录编号", "ref", True, ref="inspections"),
            "item": Field("检查项", "enum", True, tuple(i.code for i in CHECKLIST), width=60),
            "result": Field("检查结果", "enum", True, CHECKLIST_RESULTS),
            "note": Field("说明", "text"),
        },
        indexes=(("inspection_id",),),
    ),
    RecordKind(
        "findings",
        "检查发现问题",
        {
            "inspection_id": Field("检查记录编号", "ref", ref="inspections"),
            "subject_id": Field("检查对象编号", "text", True),
            "code": Field("问题代码", "text", True),
            "severity": Field("严重程度", "enum", True, SEVERITIES),
            "note": Field("说明", "text"),
            "evidence": Field("证据文件", "names", default=()),
            "owner": Field("责任单位", "text"),
            "deadline": Field("整改期限", "date"),
            "rectified_date": Field("整改完成日期", "date"),
        },
    ),
    RecordKind(
        "orders",
        "执法文书",
        {
            "subject_id": Field("对象编号", "text", True),
            "kind": Field("文书类型", "enum", True, ORDER_KINDS, width=40),
            "issued": Field("下达日期", "date", True),
            "deadline": Field("履行期限", "date"),
            "status": Field("履行状态", "enum", True, ORDER_STATUSES, default="待履行"),
            "fulfilled_date": Field("履行日期", "date"),
            "note": Field("备注", "text"),
            "number": Field("文号", "text"),
        },
    ),
    RecordKind(
        "case_actions",
        "案件办理记录",
        {
            "case_id": Field("案件编号", "text", True),
            "status": Field("办理状态", "enum", True, CASE_STATUSES),
            "action_date": Field("办理日期", "date", True),
            "amount_recovered": Field("追回金额", "money"),
            "note": Field("备注", "text"),
        },
        indexes=(("campaign_id", "case_id"),),
    ),
    RecordKind(
        "publicity_events",
        "宣传活动",
        {
            "date": Field("日期", "date", True),
            "township": Field("属地", "text", True),
            "unit": Field("开展单位", "text", True),
            "activity": Field("活动类型", "enum", True, PUBLICITY_ACTIVITIES),
            "quantity": Field("数量", "count", True),
            "participants": Field("参与人次", "count"),
        },
    ),
    RecordKind(
        "self_inspection_receipts",
        "自查回执",
        {
            "subject_id": Field("项目编号或统一社会信用代码", "text", True),
            "submitted_date": Field("提交日期", "date", True),
            "reported_arrears_amount": Field("自报欠薪金额", "money", True),
            "reported_arrears_workers": Field("自报欠薪人数", "count", True),
            "rectified": Field("已整改", "bool"),
            "note": Field("备注", "text"),
        },
    ),
    RecordKind(
        "daily_reports",
        "每日零报告",
        {
            "township": Field("属地", "text", True),
            "date": Field("报告日期", "date", True),
            "incidents": Field("突发事件数", "count", default=0),
            "new_cases": Field("新增欠薪线索数", "count", default=0),
            "note": Field("情况说明", "text"),
        },
        indexes=(("campaign_id", "date"),),
    ),
    RecordKind(
        "baseline_tiers",
        "风险底数",
        {
            "baseline_date": Field("底数日期", "date", True),
            "subject_id": Field("对象编号", "text", True),
            "subject_kind": Field("对象类型", "enum", True, tuple(SUBJECT_KIND_LABELS)),
            "tier": Field("风险等级", "enum", True, TIERS),
            "arrears_amount": Field("欠薪金额", "money"),
            "arrears_workers": Field("欠薪人数", "count"),
        },
    ),
)

TABLE_LABELS = {"campaigns": "专项行动", **{t: kind.label for t, kind in RECORDS.items()}}

# An order as listed (``wagekit orders``, the order list app): the column and its Chinese
# header, in the order shown. The fields an inspector fills take their labels from RECORDS.
ORDER_HEADERS: dict[str, str] = {
    "id": "记录编号",
    "version": "版本",
    **{name: f.label for name, f in RECORDS["orders"].fields.items()},
    "updated_by": "登记人",
}


@functools.cache
def _no_records(table: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            name: pd.Series(dtype="datetime64[ns]" if kind == "date" else kind)
            for name, kind in RECORDS[table].read_dtypes().items()
        }
    )


def empty_records(table: str) -> pd.DataFrame:
    """No records of ``table``: the columns the store reads back, in their dtypes.

    Built once per table; each caller gets a copy, so a change to it reaches no one else.
    """
    return _no_records(table).copy()


# ---------------------------------------------------------------------------------------------
# Reading values: the ledgers' parsers, one column at a time
# ---------------------------------------------------------------------------------------------


def _missing(value: object) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and not value.strip():
        return True
    return isinstance(value, list | tuple) and len(value) == 0


def _text(value: object, label: str) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(f"{label}应为文字，收到的是 {value!r}")
    if "\x00" in value:
        raise InvalidValueError(f"{label}含有空字符（\\0），无法保存")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidValueError(f"{label}含有无法保存的字符") from error
    return value


def _names(value: object, label: str) -> list[str]:
    names = [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    names = [_text(n, label) for n in names]
    if any(not n.strip() for n in names):
        raise InvalidValueError(f"{label}中有空白的名字")
    return names


def _refuse_first(parsed: Any, label: str, where: Sequence[str]) -> None:
    """Refuse the first unreadable value with the loader's reason, naming the field."""
    bad = parsed.bad.to_numpy(dtype=bool)
    if bad.any():
        position = int(bad.argmax())
        reason = str(parsed.reason.iloc[position])
        named = reason if reason.startswith(label) else f"{label}：{reason}"
        raise InvalidValueError(where[position] + named)


def _column(spec: Field, cells: pd.Series, where: Sequence[str]) -> list[object]:
    """Read one field of several records with the ledgers' parser for its kind."""
    label = spec.label
    if spec.kind == "date":
        parsed = parse_date(cells, label)
        _refuse_first(parsed, label, where)
        return [None if pd.isna(v) else v.date() for v in parsed.values]
    if spec.kind == "money":
        parsed = parse_money(cells, label)
        _refuse_first(parsed, label, where)
        return [None if pd.isna(v) else float(v) for v in parsed.values]
    if spec.kind in ("count", "ref"):
        for i, value in enumerate(cells):
            if isinstance(value, bool):
                raise InvalidValueError(f"{where[i]}{label}应为整数，收到的是 {value!r}")
        parsed = parse_count(cells, label)
        _refuse_first(parsed, label, where)
        return [None if pd.isna(v) else int(v) for v in parsed.values]
    if spec.kind == "enum":
        for i, value in enumerate(cells):
            if not isinstance(value, str):
                raise InvalidValueError(f"{where[i]}{label}应为文字，收到的是 {value!r}")
        parsed = parse_enum(cells, spec.choices, label)
        _refuse_first(parsed, label, where)
        return [None if pd.isna(v) else str(v) for v in parsed.values]
    if spec.kind == "bool":
        parsed = parse_bool(cells, label)
        _refuse_first(parsed, label, where)
        return [None if pd.isna(v) else bool(v) for v in parsed.values]
    if spec.kind == "names":
        return [_names(v, where[i] + label) for i, v in enumerate(cells)]
    return [_text(v, where[i] + label) for i, v in enumerate(cells)]


def clean_records(table: str, rows: Sequence[Mapping[str, object]]) -> list[dict[str, object]]:
    """Check and convert every field of records of ``table``; refuse any impossible value.

    Each field is read column-wise by the ledgers' parser for its kind. Unknown field names
    are refused (a typing mistake must not vanish); missing optional fields are stored as
    empty (or their default); the rules that tie fields together are checked last. With
    several records, a refusal names the record (``第3条：``).
    """
    if table not in RECORDS:
        raise InvalidValueError(f"没有名为“{table}”的记录类型")
    kind = RECORDS[table]
    where = [f"第{i + 1}条：" if len(rows) > 1 else "" for i in range(len(rows))]
    for i, values in enumerate(rows):
        unknown = sorted(set(values) - set(kind.fields))
        if unknown:
            raise InvalidValueError(f"{where[i]}{kind.label}没有这些字段：{'、'.join(unknown)}")
    records: list[dict[str, object]] = [{} for _ in rows]
    for name, spec in kind.fields.items():
        given: list[object] = []
        for i, values in enumerate(rows):
            value = values.get(name)
            if _missing(value):
                if spec.default is not None:
                    value = spec.default
                elif spec.required:
                    raise InvalidValueError(f"{where[i]}请填写{spec.label}")
                else:
                    value = None
            given.append(value)
        present = [i for i, v in enumerate(given) if v is not None and not _missing(v)]
        for i, v in enumerate(given):
            records[i][name] = [] if spec.kind == "names" and v is not None else None
        if present:
            cells = pd.Series([given[i] for i in present], dtype=object)
            values = _column(spec, cells, [where[i] for i in present])
            for i, value in zip(present, values, strict=True):
                records[i][name] = value
    for i, record in enumerate(records):
        _check_together(table, record, where[i])
    return records


def clean_record(table: str, values: Mapping[str, object]) -> dict[str, object]:
    """Check and convert one record of ``table`` (:func:`clean_records` for one)."""
    return clean_records(table, [values])[0]


def _check_together(table: str, record: dict[str, object], where: str) -> None:
    if table == "orders":
        issued = record["issued"]
        if record["deadline"] is not None and record["deadline"] < issued:  # type: ignore[operator]
            raise InvalidValueError(
                f"{where}履行期限 {record['deadline']} 早于下达日期 {issued}，请核对"
            )
        fulfilled = record["fulfilled_date"]
        if fulfilled is not None and fulfilled < issued:  # type: ignore[operator]
            raise InvalidValueError(f"{where}履行日期 {fulfilled} 早于下达日期 {issued}，请核对")
        if record["status"] == "已履行" and fulfilled is None:
            raise InvalidValueError(f"{where}状态为已履行时请填写履行日期")
        if record["status"] != "已履行" and fulfilled is not None:
            raise InvalidValueError(
                f"{where}填写了履行日期，但状态是{record['status']}，应为已履行"
            )


def parse_day(value: object, label: str = "日期") -> dt.date:
    """One date read as the ledgers read it (``2023年11月20日``, ``2023/11/20`` …), or refused."""
    if _missing(value):
        raise InvalidValueError(f"请填写{label}")
    day = _column(Field(label, "date"), pd.Series([value], dtype=object), [""])[0]
    assert isinstance(day, dt.date)
    return day


def parse_amount(value: object, label: str = "金额") -> float:
    """One amount of money read as the ledgers read it (``3.2万``, ``1,234.50`` …), or refused."""
    if _missing(value):
        raise InvalidValueError(f"请填写{label}")
    amount = _column(Field(label, "money"), pd.Series([value], dtype=object), [""])[0]
    assert isinstance(amount, float)
    return amount


def audit_text(value: object) -> str | None:
    """Give the text an audit row keeps: ISO dates, JSON lists, 是/否, shortest exact numbers."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return str(value)
