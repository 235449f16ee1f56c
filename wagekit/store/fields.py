"""What each record of the store may hold, and the checks a value passes before it is written.

The *kinds* of order 文书 an inspector issues are 约谈询问笔录 (interview record), 限期整改指令书
(order to rectify, and to pay, by a deadline), 纳入黑名单事先告知书 (prior notice of blacklisting)
and 移送公安 (transfer to the police). An order's *status* 状态 is 待履行 (pending), 已履行
(fulfilled, with the fulfilled date), 逾期未履行 (lapsed, recorded by an inspector) or 已撤销
(withdrawn). A *case action* 案件办理 moves a complaint case to one of the ledger's statuses
(schema.CASE_STATUSES); its recovered amount 追回金额 is the case's total recovered as of that
action. :func:`clean_record` turns what a caller passes (dates as text or dates, amounts as text
or numbers) into the values stored, or raises :class:`InvalidValueError` with a Chinese message.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from wagekit.findings import SEVERITIES
from wagekit.schema import CASE_STATUSES, PUBLICITY_ACTIVITIES
from wagekit.store.errors import InvalidValueError

__all__ = [
    "ORDER_KINDS",
    "ORDER_STATUSES",
    "FIELDS",
    "TABLE_LABELS",
    "ORDER_HEADERS",
    "Field",
    "clean_record",
    "parse_date",
    "parse_amount",
    "audit_text",
]

ORDER_KINDS = ("约谈询问笔录", "限期整改指令书", "纳入黑名单事先告知书", "移送公安")
ORDER_STATUSES = ("待履行", "已履行", "逾期未履行", "已撤销")

FieldKind = Literal["text", "date", "enum", "money", "count", "names", "bool", "ref"]

# Dates outside this range are typing mistakes (2203 for 2023), not campaign dates.
_FIRST_DAY = dt.date(2000, 1, 1)
_LAST_DAY = dt.date(2099, 12, 31)
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


@dataclass(frozen=True)
class Field:
    """One field of a record: its Chinese label, kind, whether it is required, its choices."""

    label: str
    kind: FieldKind
    required: bool = False
    choices: tuple[str, ...] = ()
    default: Any = None


TABLE_LABELS = {
    "campaigns": "专项行动",
    "inspections": "检查记录",
    "findings": "检查发现问题",
    "orders": "执法文书",
    "case_actions": "案件办理记录",
    "publicity_events": "宣传活动",
    "self_inspection_receipts": "自查回执",
}

FIELDS: dict[str, dict[str, Field]] = {
    "inspections": {
        "subject_id": Field("检查对象编号", "text", True),
        "visit_date": Field("检查日期", "date", True),
        "inspectors": Field("检查人员", "names", True),
        "note": Field("备注", "text"),
    },
    "findings": {
        "inspection_id": Field("检查记录编号", "ref"),
        "subject_id": Field("检查对象编号", "text", True),
        "code": Field("问题代码", "text", True),
        "severity": Field("严重程度", "enum", True, SEVERITIES),
        "note": Field("说明", "text"),
        "evidence": Field("证据文件", "names", default=()),
    },
    "orders": {
        "subject_id": Field("对象编号", "text", True),
        "kind": Field("文书类型", "enum", True, ORDER_KINDS),
        "issued": Field("下达日期", "date", True),
        "deadline": Field("履行期限", "date"),
        "status": Field("履行状态", "enum", True, ORDER_STATUSES, default="待履行"),
        "fulfilled_date": Field("履行日期", "date"),
        "note": Field("备注", "text"),
    },
    "case_actions": {
        "case_id": Field("案件编号", "text", True),
        "status": Field("办理状态", "enum", True, CASE_STATUSES),
        "action_date": Field("办理日期", "date", True),
        "amount_recovered": Field("追回金额", "money"),
        "note": Field("备注", "text"),
    },
    "publicity_events": {
        "date": Field("日期", "date", True),
        "township": Field("属地", "text", True),
        "unit": Field("开展单位", "text", True),
        "activity": Field("活动类型", "enum", True, PUBLICITY_ACTIVITIES),
        "quantity": Field("数量", "count", True),
        "participants": Field("参与人次", "count"),
    },
    "self_inspection_receipts": {
        "subject_id": Field("项目编号或统一社会信用代码", "text", True),
        "submitted_date": Field("提交日期", "date", True),
        "reported_arrears_amount": Field("自报欠薪金额", "money", True),
        "reported_arrears_workers": Field("自报欠薪人数", "count", True),
        "rectified": Field("已整改", "bool"),
        "note": Field("备注", "text"),
    },
}


# An order as listed (``wagekit orders``, the order list app): the column and its Chinese
# header, in the order shown. The fields an inspector fills take their labels from FIELDS.
ORDER_HEADERS: dict[str, str] = {
    "id": "记录编号",
    "version": "版本",
    **{name: field.label for name, field in FIELDS["orders"].items()},
    "updated_by": "登记人",
}


def parse_date(value: object, label: str = "日期") -> dt.date:
    """Read a date given as a date, datetime, Timestamp or text (2023-12-01, 2023年12月1日 …)."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        text = value.strip()
        for fmt in _DATE_FORMATS:
            try:
                day = dt.datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
        else:
            raise InvalidValueError(
                f"{label}“{value}”不是有效日期（应写成 2023-12-01 这样的日期，且该日必须存在）"
            )
    else:
        raise InvalidValueError(f"{label}“{value}”不是有效日期")
    if not _FIRST_DAY <= day <= _LAST_DAY:
        raise InvalidValueError(f"{label} {day.isoformat()} 不在合理范围内（2000年至2099年）")
    return day


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


def parse_amount(value: object, label: str = "金额") -> float:
    """Read a non-negative finite number given as a number or text (commas allowed)."""
    if isinstance(value, bool):
        raise InvalidValueError(f"{label}应为数字，收到的是 {value!r}")
    try:
        number = (
            float(str(value).replace(",", "").strip())
            if isinstance(value, str)
            else float(
                value  # type: ignore[arg-type]
            )
        )
    except (TypeError, ValueError) as error:
        raise InvalidValueError(f"{label}“{value}”不是数字") from error
    if not math.isfinite(number):
        raise InvalidValueError(f"{label}“{value}”不是有效数字")
    if number < 0:
        raise InvalidValueError(f"{label}不能为负数（{value}）")
    return number


def _clean_value(name: str, spec: Field, value: object) -> object:
    label = spec.label
    if spec.kind == "text":
        return _text(value, label)
    if spec.kind == "date":
        return parse_date(value, label)
    if spec.kind == "enum":
        if value not in spec.choices:
            raise InvalidValueError(
                f"{label}“{value}”不是可用的值，应为：{'、'.join(spec.choices)}"
            )
        return value
    if spec.kind == "money":
        return parse_amount(value, label)
    if spec.kind in ("count", "ref"):
        number = parse_amount(value, label)
        if number != int(number):
            raise InvalidValueError(f"{label}应为整数（{value}）")
        return int(number)
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise InvalidValueError(f"{label}应为是或否，收到的是 {value!r}")
        return value
    names = [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    names = [_text(n, label) for n in names]
    if any(not n.strip() for n in names):
        raise InvalidValueError(f"{label}中有空白的名字")
    return names


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str) and value == "":
        return True
    try:
        import pandas as pd

        return bool(value is pd.NaT or value is pd.NA)
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False


def clean_record(table: str, values: Mapping[str, object]) -> dict[str, object]:
    """Check and convert every field of a record of ``table``; refuse any impossible value.

    Unknown field names are refused (a typing mistake must not vanish); missing optional fields
    are stored as empty (or their default); the rules that tie fields together are checked last.
    """
    if table not in FIELDS:
        raise InvalidValueError(f"没有名为“{table}”的记录类型")
    spec = FIELDS[table]
    unknown = sorted(set(values) - set(spec))
    if unknown:
        raise InvalidValueError(f"{TABLE_LABELS[table]}没有这些字段：{'、'.join(unknown)}")
    record: dict[str, object] = {}
    for name, field in spec.items():
        value = values.get(name)
        if _missing(value) or (
            field.kind == "names" and not isinstance(value, str) and len(value) == 0
        ):  # type: ignore[arg-type]
            if field.default is not None:
                value = field.default
            elif field.required:
                raise InvalidValueError(f"请填写{field.label}")
            else:
                record[name] = None
                continue
        if field.required and field.kind == "text" and isinstance(value, str) and not value.strip():
            raise InvalidValueError(f"请填写{field.label}")
        record[name] = _clean_value(name, field, value)
    _check_together(table, record)
    return record


def _check_together(table: str, record: dict[str, object]) -> None:
    if table != "orders":
        return
    issued = record["issued"]
    if record["deadline"] is not None and record["deadline"] < issued:  # type: ignore[operator]
        raise InvalidValueError(f"履行期限 {record['deadline']} 早于下达日期 {issued}，请核对")
    if record["fulfilled_date"] is not None and record["fulfilled_date"] < issued:  # type: ignore[operator]
        raise InvalidValueError(
            f"履行日期 {record['fulfilled_date']} 早于下达日期 {issued}，请核对"
        )
    if record["status"] == "已履行" and record["fulfilled_date"] is None:
        raise InvalidValueError("状态为已履行时请填写履行日期")
    if record["status"] != "已履行" and record["fulfilled_date"] is not None:
        raise InvalidValueError(f"填写了履行日期，但状态是{record['status']}，应为已履行")


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
