"""Self-inspection 自查自纠: who has reported, who has not, and whose report disagrees.

Every construction project 在建项目 and every employer 用人单位 of the campaign is a *subject*
主体 expected to hand in a self-inspection form 自查情况表 reporting its own arrears 欠薪 (amount
in yuan and number of workers). A subject is *submitted* 已提交 when a form dated no later than
the day of the figures names it (the latest such form counts), *missing* 未提交 otherwise. A
submitted form is *mismatched* 自报不符 when its reported amount or number of workers differs from
the arrears wagekit computes for that subject (:func:`wagekit.checks.arrears.arrears_by_subject`)
— by more than ``amount_tolerance`` yuan, or by any worker.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from wagekit.findings import empty_findings, make_findings
from wagekit.labels import SUBJECT_KIND_LABELS

__all__ = [
    "missing_self_inspections",
    "mismatched_self_inspections",
    "self_inspection_status",
]


def self_inspection_status(
    self_inspections: pd.DataFrame,
    subjects: pd.DataFrame,
    arrears: pd.DataFrame,
    *,
    as_of: dt.date | None = None,
    amount_tolerance: float = 0.01,
) -> pd.DataFrame:
    """One row per expected subject: its latest form and how it compares with computed arrears.

    Parameters
    ----------
    self_inspections
        The self-inspection ledger.
    subjects
        The expected subjects (:func:`wagekit.subjects.campaign_subjects`).
    arrears
        Computed arrears per subject (``subject_id, amount, workers``); a subject absent from it
        has none.
    as_of
        Forms submitted after this day are not counted yet.
    amount_tolerance
        A reported amount within this many yuan of the computed one agrees.

    Returns
    -------
    DataFrame
        ``subject_id, subject_kind, name, submitted, submitted_date, row, reported_amount,
        reported_workers, computed_amount, computed_workers, mismatched`` (``row`` is the form's
        row in the self-inspection ledger).

    """
    forms = self_inspections
    if as_of is not None:
        forms = forms[forms["submitted_date"] <= pd.Timestamp(as_of)]
    latest = (
        forms.sort_values(["submitted_date", "source_row"], kind="stable")
        .drop_duplicates("subject_id", keep="last")
        .loc[
            :,
            [
                "subject_id",
                "submitted_date",
                "source_row",
                "reported_arrears_amount",
                "reported_arrears_workers",
            ],
        ]
        .rename(
            columns={
                "source_row": "row",
                "reported_arrears_amount": "reported_amount",
                "reported_arrears_workers": "reported_workers",
            }
        )
    )
    computed = (
        arrears.groupby("subject_id", sort=False)[["amount", "workers"]]
        .sum()
        .rename(columns={"amount": "computed_amount", "workers": "computed_workers"})
        .reset_index()
    )
    status = (
        subjects[["subject_id", "subject_kind", "name"]]
        .merge(latest, on="subject_id", how="left")
        .merge(computed, on="subject_id", how="left")
    )
    status["computed_amount"] = status["computed_amount"].astype("float64").fillna(0.0)
    status["computed_workers"] = status["computed_workers"].astype("Int64").fillna(0)
    status["row"] = status["row"].astype("Int64")
    status["reported_workers"] = status["reported_workers"].astype("Int64")
    status["submitted"] = status["submitted_date"].notna()
    differs = ((status["reported_amount"] - status["computed_amount"]).abs() > amount_tolerance) | (
        status["reported_workers"] != status["computed_workers"]
    ).fillna(False)
    status["mismatched"] = (status["submitted"] & differs).astype("bool")
    return status[
        [
            "subject_id",
            "subject_kind",
            "name",
            "submitted",
            "submitted_date",
            "row",
            "reported_amount",
            "reported_workers",
            "computed_amount",
            "computed_workers",
            "mismatched",
        ]
    ]


def missing_self_inspections(status: pd.DataFrame, *, as_of: dt.date | None = None) -> pd.DataFrame:
    """Report each expected subject that has not handed in a form."""
    missing = status[~status["submitted"]].reset_index(drop=True)
    if missing.empty:
        return empty_findings()
    kind = missing["subject_kind"].map(SUBJECT_KIND_LABELS).astype("str")
    until = f"截至{as_of:%Y年%m月%d日}" if as_of is not None else ""
    message = (
        kind
        + missing["name"].fillna(missing["subject_id"])
        + "（"
        + missing["subject_id"]
        + "）"
        + until
        + "未提交自查情况表"
    )
    return make_findings(
        "self_inspection.missing",
        "self_inspections",
        missing["subject_id"],
        message,
        severity="warning",
    )


def _yuan(amount: pd.Series) -> pd.Series:
    text = amount.round(2).astype("string").str.replace(r"\.0$", "", regex=True)
    return (text + "元").astype("str")


def mismatched_self_inspections(status: pd.DataFrame) -> pd.DataFrame:
    """Report each submitted form whose reported arrears differ from the computed ones.

    The message names both figures: what the subject reported and what wagekit computed.
    """
    bad = status[status["mismatched"]].reset_index(drop=True)
    if bad.empty:
        return empty_findings()
    kind = bad["subject_kind"].map(SUBJECT_KIND_LABELS).astype("str")
    reported = (
        _yuan(bad["reported_amount"])
        + "、"
        + bad["reported_workers"].astype("string").astype("str")
        + "人"
    )
    computed = (
        _yuan(bad["computed_amount"])
        + "、"
        + bad["computed_workers"].astype("string").astype("str")
        + "人"
    )
    message = (
        kind
        + bad["name"].fillna(bad["subject_id"])
        + "（"
        + bad["subject_id"]
        + "）自报欠薪"
        + reported
        + "，核算欠薪"
        + computed
        + "，自报与核算不符"
    )
    return make_findings(
        "self_inspection.mismatch",
        "self_inspections",
        bad["subject_id"],
        message,
        severity="warning",
        row=bad["row"],
        column="reported_arrears_amount",
        value=bad["reported_amount"],
    )
