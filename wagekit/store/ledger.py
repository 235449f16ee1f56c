"""What the campaign's ledgers allow a store write to say: known ids and dates that fit.

The store itself checks every value on its own (statuses, kinds, real dates); the checks here
need the loaded campaign: a case action must name a case of the cases ledger 案件台账, on or
after the day the case was received, and recover no more than the amount involved; an order
must name a project 项目 or an employer 用人单位 of the ledgers; a publicity event or a daily
report a township 属地 the ledgers name. Each raises a store error with a Chinese message, so
a command or a widget shows it as it is and writes nothing. :func:`record_checked` is the one
path from a command or an app to the store. :func:`update_checked` checks a correction the
same way, the record as it will read after the change (我的登记 corrects any field; an order's
status or number and a finding's rectification change no field the ledgers check, and go to
the store's own checks directly).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from wagekit.store.errors import InvalidValueError, UnknownIdError
from wagekit.store.records import RECORDS, clean_record, parse_day

__all__ = [
    "check_case_action",
    "check_record",
    "check_subject",
    "check_township",
    "checked_record",
    "record_checked",
    "update_checked",
    "write_record",
]


def check_case_action(
    campaign: Any, case_id: str, *, date: object, amount_recovered: float | None = None
) -> None:
    """Refuse a case action whose case is unknown, dated before receipt, or over-recovered."""
    cases = campaign.get("cases")
    if cases is None:
        raise UnknownIdError("活动文件夹中没有欠薪线索及案件台账，无法登记案件办理")
    found = cases.loc[cases["case_id"] == case_id]
    if found.empty:
        raise UnknownIdError(f"案件编号“{case_id}”不在欠薪线索及案件台账中")
    day = parse_day(date, "办理日期")
    received = found["received_date"].iloc[0]
    if pd.notna(received) and pd.Timestamp(day) < received:
        raise InvalidValueError(f"办理日期 {day} 早于该案件的受理日期 {received:%Y-%m-%d}，请核对")
    involved = found["amount_involved"].iloc[0]
    if amount_recovered is not None and pd.notna(involved) and float(amount_recovered) > involved:
        raise InvalidValueError(
            f"追回金额 {float(amount_recovered):,.2f} 元大于该案件的涉及金额 {involved:,.2f} 元"
        )


def check_subject(campaign: Any, subject_id: str) -> None:
    """Refuse a subject id that is neither a project nor an employer of the ledgers."""
    known = [
        frame[column]
        for name, column in (("projects", "project_id"), ("employers", "employer_id"))
        if (frame := campaign.get(name)) is not None
    ]
    if not known:
        raise UnknownIdError("活动文件夹中没有项目台账或用人单位台账，无法核对对象编号")
    if not any(series.eq(subject_id).any() for series in known):
        raise UnknownIdError(
            f"“{subject_id}”既不是在建工程项目台账中的项目编号，也不是用人单位台账中的统一社会信用代码"
        )


def check_township(campaign: Any, township: str) -> None:
    """Refuse a township 属地 that no ledger of the campaign names (a typing mistake).

    The townships are those of the projects, employers and publicity ledgers; a campaign whose
    ledgers name none accepts any.
    """
    from wagekit.checks.publicity import expected_townships

    known = expected_townships(
        *(campaign.get(name) for name in ("projects", "employers", "publicity"))
    )
    if known and township not in known:
        raise UnknownIdError(
            f"属地“{township}”不在台账所列属地中（{'、'.join(known[:8])}"
            f"{'等' if len(known) > 8 else ''}），请核对"
        )


def check_record(campaign: Any, table: str, record: Mapping[str, Any]) -> None:
    """Refuse a record whose ids, township or dates the campaign's ledgers do not allow.

    The one gate every write from a command or an app passes before the store: what arrives
    from a browser (a forged township, case id or subject) is checked here, on the server.
    """
    if table == "case_actions":
        check_case_action(
            campaign,
            str(record["case_id"]),
            date=record["action_date"],
            amount_recovered=record.get("amount_recovered"),
        )
    elif table in ("orders", "self_inspection_receipts", "inspections", "findings"):
        check_subject(campaign, str(record["subject_id"]))
    elif table in ("publicity_events", "daily_reports"):
        check_township(campaign, str(record["township"]))


# Record kinds kept once per natural key: a second record of the same key replaces the first.
_REPLACED_BY_KEY = {"daily_reports": ("township", "date")}


def checked_record(campaign: Any, table: str, values: Mapping[str, Any]) -> dict:
    """The record's values as stored, checked on their own and against the ledgers."""
    record = clean_record(table, values)
    check_record(campaign, table, record)
    return record


def write_record(store: Any, campaign: Any, table: str, record: Mapping[str, Any], *, by: str):
    """Write a checked record; a daily report replaces the one of its township and day."""
    if table in _REPLACED_BY_KEY:
        return store.put(campaign, table, record, key=_REPLACED_BY_KEY[table], by=by)
    return store.add(campaign, table, record, by=by)


def record_checked(
    store: Any, campaign: Any, table: str, values: Mapping[str, Any], *, by: str
) -> dict:
    """Check a record's values and its ids against the ledgers, then write it to ``store``.

    The one path from an app's form to the store (a command checks first, then opens the
    store, so that a refused request creates no workspace). Returns the record as stored.
    """
    return write_record(store, campaign, table, checked_record(campaign, table, values), by=by)


def update_checked(
    store: Any,
    campaign: Any,
    table: str,
    record: Mapping[str, Any],
    changes: Mapping[str, Any],
    *,
    by: str,
) -> dict:
    """Check a correction against the ledgers, then write it to ``store``; the record stored.

    ``record`` is the record as the editor saw it (its ``id``, ``version`` and fields);
    ``changes`` the fields changed. The record as it will read after the change is checked as
    a new one would be (a case action's day and amount against its case, a publicity event's
    township): a correction is no way round the ledgers. A record changed by someone else
    since the editor saw it is refused by the store.
    """
    fields = {name: record[name] for name in RECORDS[table].fields if name in record}
    check_record(campaign, table, clean_record(table, {**fields, **changes}))
    return store.update(
        table, int(record["id"]), version=int(record["version"]), changes=changes, by=by
    )
