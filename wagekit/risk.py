"""Risk 风险: the tier of every project and employer, and where to inspect first.

A *subject* 主体 is a construction project 在建项目 or an employer 用人单位. Its *risk tier*
风险等级 follows ../CONTRACT.md section 3: *serious* 严重欠薪 when its arrears 欠薪 reach
``serious_arrears_amount`` yuan or ``serious_arrears_workers`` workers (reaching means ≥: exactly
100,000 yuan or exactly 20 workers is serious); *general* 一般欠薪 when it has any other arrears;
*none* 无欠薪 otherwise. Its *reasons* 风险原因 list, in Chinese, everything the checks found
against it: arrears, missing systems 制度缺失, early warnings 预警, open cases 未结案件 and
underfunded labour cost 人工费拨付不足. The *inspection priority list* 检查清单 puts
every government-invested 政府投资, state-owned 国有企业 and public-private 政府和社会资本合作
project first (they are all inspected, 全数检查), then ranks the rest by what was found
against them.
"""

from __future__ import annotations

import pandas as pd

from wagekit.checks.early_warnings import WARNING_RANK
from wagekit.config import Rules
from wagekit.labels import TIER_LABELS, WARNING_LABELS
from wagekit.schema import (
    CLOSED_CASE_STATUSES,
    GOVERNMENT_INVESTMENT_TYPES,
    SYSTEM_LABELS,
    SYSTEMS,
)
from wagekit.subjects import SUBJECT_COLUMNS

__all__ = [
    "RISK_COLUMNS",
    "TIERS",
    "inspection_priority",
    "missing_system_counts",
    "open_cases_by_subject",
    "risk_tiers",
]

TIERS = ("none", "general", "serious")

RISK_COLUMNS = (
    *(c for c in SUBJECT_COLUMNS if c != "source_row"),
    "tier",
    "arrears_amount",
    "arrears_workers",
    "missing_systems",
    "warning",
    "open_cases",
    "labor_shortfall",
    "reasons",
)


def _money(amount: pd.Series) -> pd.Series:
    """Yuan as message text: ``12.35万元`` from 10,000 yuan up, else ``800元``."""
    wan = (amount / 10_000).round(2).astype("string").str.replace(r"\.0$", "", regex=True)
    yuan = amount.round(2).astype("string").str.replace(r"\.0$", "", regex=True)
    return (wan + "万元").where(amount >= 10_000, yuan + "元")


def _part(mask: pd.Series, text: pd.Series | str) -> pd.Series:
    """``text + '；'`` where ``mask`` holds, else the empty string."""
    piece = (text + "；") if isinstance(text, str) else (text.astype("string") + "；")
    return pd.Series(piece, index=mask.index).where(mask.fillna(False).astype(bool), "")


def _by_subject(subjects: pd.DataFrame, values: pd.Series | None, fill, dtype) -> pd.Series:
    """Align a Series indexed by subject_id onto the subjects' rows."""
    if values is None:
        return pd.Series(fill, index=subjects.index).astype(dtype)
    aligned = subjects["subject_id"].map(values.groupby(level=0).first())
    return aligned.fillna(fill).astype(dtype)


def missing_system_counts(systems: pd.DataFrame) -> pd.DataFrame:
    """Per project, how many of the seven systems are recorded as missing, and which.

    ``systems`` has ``project_id`` and one yes/no column per system of
    :data:`wagekit.schema.SYSTEMS` (a column may be absent). Only an explicit no counts as
    missing; an unknown value (blank ``monthly_payment`` without payroll) does not.

    Returns
    -------
    DataFrame
        Indexed by ``project_id``: ``missing_systems`` (int) and ``missing_labels``
        (``实名制管理、工资保证金``, empty when none).

    """
    count = pd.Series(0, index=systems.index, dtype="int64")
    labels = pd.Series("", index=systems.index, dtype="str")
    for system in SYSTEMS:
        if system not in systems:
            continue
        missing = systems[system].astype("boolean").eq(False).fillna(False).astype(bool)
        count += missing.astype("int64")
        labels = labels + pd.Series(SYSTEM_LABELS[system] + "、", index=labels.index).where(
            missing, ""
        )
    return pd.DataFrame(
        {"missing_systems": count.to_numpy(), "missing_labels": labels.str.rstrip("、").to_numpy()},
        index=pd.Index(systems["project_id"], name="project_id"),
    )


def open_cases_by_subject(
    cases: pd.DataFrame, subjects: pd.DataFrame, *, open_mask: pd.Series | None = None
) -> pd.Series:
    """Count open cases 未结案件 per subject.

    A case belongs to a project through its ``project_id``, and to an employer when its
    ``respondent`` 被投诉单位 is the employer's name. ``open_mask`` (aligned with ``cases``) says
    which cases are open; by default a case is open when its status is not a closed one.

    Returns
    -------
    Series
        Indexed by subject_id, int64; subjects without open cases are absent.

    """
    if open_mask is None:
        open_mask = ~cases["status"].isin(CLOSED_CASE_STATUSES)
    open_cases = cases[open_mask.fillna(False).astype(bool)]
    by_project = open_cases["project_id"].dropna().value_counts()
    employers = subjects[subjects["subject_kind"] == "employer"]
    names = pd.Series(employers["subject_id"].to_numpy(), index=employers["name"].to_numpy())
    names = names[~names.index.duplicated(keep="first")]
    by_employer = open_cases["respondent"].map(names).dropna().value_counts()
    counts = pd.concat([by_project, by_employer])
    return counts.groupby(level=0).sum().astype("int64")


def risk_tiers(
    subjects: pd.DataFrame,
    arrears: pd.DataFrame,
    *,
    systems: pd.DataFrame | None = None,
    warnings: pd.Series | None = None,
    open_cases: pd.Series | None = None,
    labor_shortfall: pd.Series | None = None,
    serious_arrears_amount: float = Rules.serious_arrears_amount,
    serious_arrears_workers: int = Rules.serious_arrears_workers,
) -> pd.DataFrame:
    """Tier every subject by its arrears, with the reasons that put it there.

    Parameters
    ----------
    subjects
        Every project and employer (:func:`wagekit.subjects.campaign_subjects`).
    arrears
        Computed arrears (``subject_id, amount, workers``), e.g. from
        :func:`wagekit.checks.arrears.arrears_by_subject`; a subject absent from it has none.
    systems
        ``project_id`` and the system yes/no columns (:func:`missing_system_counts`).
    warnings
        The worst early-warning colour per subject (``red`` / ``yellow``), indexed by subject_id.
    open_cases
        Open cases per subject (:func:`open_cases_by_subject`).
    labor_shortfall
        Labour cost not yet paid (应拨付 − 已拨付, yuan) per project, indexed by project_id.
    serious_arrears_amount, serious_arrears_workers
        Arrears reaching either threshold (≥) make a subject serious.

    Returns
    -------
    DataFrame
        :data:`RISK_COLUMNS`, one row per subject in the order of ``subjects``.

    """
    totals = arrears.groupby("subject_id", sort=False)[["amount", "workers"]].sum()
    risk = subjects.reset_index(drop=True).copy()
    risk["arrears_amount"] = _by_subject(risk, totals["amount"], 0.0, "float64")
    risk["arrears_workers"] = _by_subject(risk, totals["workers"], 0, "int64")
    serious = (risk["arrears_amount"] >= serious_arrears_amount) | (
        risk["arrears_workers"] >= serious_arrears_workers
    )
    general = (risk["arrears_amount"] > 0) | (risk["arrears_workers"] > 0)
    risk["tier"] = (
        pd.Series("none", index=risk.index, dtype="str")
        .mask(general, "general")
        .mask(serious, "serious")
    )
    if systems is not None and len(systems):
        missing = missing_system_counts(systems)
        risk["missing_systems"] = _by_subject(risk, missing["missing_systems"], 0, "int64")
        missing_labels = _by_subject(risk, missing["missing_labels"], "", "str")
    else:
        risk["missing_systems"] = 0
        missing_labels = pd.Series("", index=risk.index, dtype="str")
    risk["warning"] = _by_subject(risk, warnings, pd.NA, "str")
    risk["open_cases"] = _by_subject(risk, open_cases, 0, "int64")
    shortfall = None if labor_shortfall is None else labor_shortfall.clip(lower=0)
    risk["labor_shortfall"] = _by_subject(risk, shortfall, 0.0, "float64")

    arrears_text = (
        "欠薪"
        + _money(risk["arrears_amount"])
        + "、涉及"
        + risk["arrears_workers"].astype("string")
        + "人"
    )
    threshold = (
        f"（达到{TIER_LABELS['serious']}标准：{serious_arrears_amount / 10_000:g}万元"
        f"或{serious_arrears_workers}人）"
    )
    reasons = (
        _part(general & ~serious, arrears_text)
        + _part(serious, arrears_text + threshold)
        + _part(risk["missing_systems"] > 0, "缺少" + missing_labels)
        + _part(risk["warning"].notna(), risk["warning"].map(WARNING_LABELS))
        + _part(risk["open_cases"] > 0, "未结案件" + risk["open_cases"].astype("string") + "起")
        + _part(
            risk["labor_shortfall"] > 0,
            "人工费拨付不足" + _money(risk["labor_shortfall"]),
        )
    )
    risk["reasons"] = reasons.str.rstrip("；").astype("str")
    return risk[list(RISK_COLUMNS)]


def inspection_priority(risk: pd.DataFrame) -> pd.DataFrame:
    """List subjects for inspection: government, SOE and PPP projects first, the rest by risk.

    Within each group subjects are ranked by tier (serious first), arrears amount, number of
    missing systems, warning colour (red first), open cases and labour-cost shortfall; ties keep
    the ledger order.

    Parameters
    ----------
    risk
        The output of :func:`risk_tiers`.

    Returns
    -------
    DataFrame
        ``rank`` (1 = first to visit), ``full_inspection`` (True for the 全数检查 projects), the
        columns of ``risk`` and ``reason``: why the subject is on the list at that place.

    """
    full = (risk["subject_kind"] == "project") & risk["investment_type"].isin(
        GOVERNMENT_INVESTMENT_TYPES
    )
    keys = pd.DataFrame(
        {
            "full": full.astype("int64"),
            "tier": risk["tier"].map({t: i for i, t in enumerate(TIERS)}).astype("int64"),
            "amount": risk["arrears_amount"],
            "systems": risk["missing_systems"],
            "warning": risk["warning"].map(WARNING_RANK).fillna(0).astype("int64"),
            "cases": risk["open_cases"],
            "shortfall": risk["labor_shortfall"],
        },
        index=risk.index,
    )
    order = keys.sort_values(list(keys.columns), ascending=False, kind="stable").index
    ranked = risk.loc[order].reset_index(drop=True)
    ranked_full = full.loc[order].reset_index(drop=True)
    tier_text = ranked["tier"].map(TIER_LABELS)
    full_text = ranked["investment_type"] + "项目，全数检查；" + tier_text
    risk_text = tier_text
    has_reasons = ranked["reasons"] != ""
    detail = ("：" + ranked["reasons"]).where(has_reasons, "")
    reason = full_text.where(ranked_full, risk_text) + detail
    reason = reason.where(ranked_full | has_reasons, "未发现问题，可随机抽查")
    ranked.insert(0, "full_inspection", ranked_full.to_numpy())
    ranked.insert(0, "rank", pd.RangeIndex(1, len(ranked) + 1))
    ranked["reason"] = reason.astype("str")
    return ranked
