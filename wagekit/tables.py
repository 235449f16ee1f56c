"""Tables 表 the screens and the files share: pure DataFrame functions of an assessment.

The *project ledger* 在建工程项目工资支付检查台账 has one row per project: what the ledger says of
it (contract value 合同金额, start 开工日期, status 项目状态), its systems 制度落实情况, its
arrears 欠薪, its risk tier 风险等级 and early warning 预警, its open cases and what the inspectors
recorded in the store (site visits 检查, findings 检查发现问题, orders 执法文书). The *case
ledger* 欠薪处置台账 has one row per case received by the day of the figures: status 办理状态,
deadline 办结期限, days left 剩余天数, 两清零 class and date, amount recovered 追回金额. The
*rankings* 排名 group projects and cases by township 属地 or department 行业主管部门; the
*weekly trend* 周趋势 counts cases received and closed per week (weeks start on Monday); the
*serious-risk subjects* 重大拖欠主体 are the projects and employers of the serious tier with their
open cases and orders, as the weekly 调度会 goes through them one by one. Each function is pure
(an :class:`~wagekit.summary.Assessment` and the store's records in, a DataFrame out): the
dashboard shows these tables and :mod:`wagekit.outputs` prints them, so a screen and a file
cannot disagree. :func:`to_chinese` makes a table ready to show: Chinese headers, 是/否, and ID
numbers and bank accounts masked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from wagekit.assessment import Assessment
from wagekit.checklist import CHECKLIST_LABELS
from wagekit.ids import mask_frame
from wagekit.labels import (
    NO_WARNING,
    SUBJECT_KIND_LABELS,
    TIER_LABELS,
    TWO_ZERO_LABELS,
    WARNING_LABELS,
)
from wagekit.schema import SYSTEM_LABELS, SYSTEMS

__all__ = [
    "CASE_LEDGER_HEADERS",
    "PROJECT_LEDGER_HEADERS",
    "RANKING_HEADERS",
    "SERIOUS_HEADERS",
    "SYSTEMS_HEADERS",
    "TREND_HEADERS",
    "TWO_ZERO_HEADERS",
    "TWO_ZERO_LABELS",
    "case_ledger",
    "cases_by_week",
    "project_ledger",
    "ranking",
    "serious_subjects",
    "systems_table",
    "to_chinese",
    "two_zero_progress",
]


PROJECT_LEDGER_HEADERS: dict[str, str] = {
    "project_id": "项目编号",
    "name": "项目名称",
    "township": "属地",
    "department": "行业主管部门",
    "investment_type": "投资类型",
    "contractor": "施工总承包单位",
    "contract_value": "合同金额（元）",
    "start_date": "开工日期",
    "status": "项目状态",
    **SYSTEM_LABELS,
    "all_systems": "制度全部落实",
    "missing_systems": "缺失制度数",
    "arrears_amount": "欠薪金额（元）",
    "arrears_workers": "欠薪人数",
    "tier": "风险等级",
    "warning": "预警",
    "open_cases": "未办结案件数",
    "inspections": "现场检查次数",
    "last_visit": "最近检查日期",
    "findings": "检查发现问题数",
    "finding_labels": "检查发现问题",
    "orders": "执法文书数",
}

CASE_LEDGER_HEADERS: dict[str, str] = {
    "case_id": "案件编号",
    "source": "线索来源",
    "received_date": "受理日期",
    "project_id": "项目编号",
    "township": "属地",
    "department": "行业主管部门",
    "respondent": "被投诉单位",
    "investment_type": "投资类型",
    "workers_involved": "涉及人数",
    "amount_involved": "涉及金额（元）",
    "status": "办理状态",
    "filed_date": "立案日期",
    "deadline": "办结期限",
    "days_left": "剩余天数",
    "working_days_left": "剩余工作日",
    "closed": "是否办结",
    "closed_date": "结案日期",
    "overdue": "是否超期",
    "two_zero_class": "两清零类别",
    "two_zero_deadline": "两清零时限",
    "two_zero_missed": "未按期清零",
    "amount_recovered": "追回金额（元）",
    "transferred_police": "移送公安",
    "blacklisted": "列入黑名单",
    "handler": "主办监察员",
}

RANKING_HEADERS: dict[str, str] = {
    "rank": "排名",
    "township": "属地",
    "department": "行业主管部门",
    "projects": "项目数",
    "all_systems_rate": "制度全落实率",
    "arrears_subjects": "欠薪主体数",
    "arrears_amount": "欠薪金额（元）",
    "cases_received": "受理案件",
    "cases_open": "未办结",
    "cases_closed": "已办结",
    "closure_rate": "办结率",
    "overdue": "超期案件",
}

TREND_HEADERS = {"week": "周（起始日）", "received": "受理案件", "closed": "办结案件"}
TWO_ZERO_HEADERS = {
    "class": "类别",
    "deadline": "清零时限",
    "cases": "案件数",
    "closed": "已办结",
    "open": "未办结",
    "rate": "办结率",
}
SYSTEMS_HEADERS = {"system": "制度", "count": "落实项目数", "rate": "覆盖率"}


def _store_counts(
    project_ids: pd.Series,
    records: pd.DataFrame | None,
) -> tuple[pd.Series, pd.Series]:
    """Per project: how many records the store holds, and the records' codes joined."""
    empty = pd.Series(0, index=project_ids, dtype="int64")
    if records is None or records.empty:
        return empty, pd.Series("", index=project_ids, dtype="str")
    counts = records.groupby("subject_id").size().reindex(project_ids, fill_value=0)
    labels = pd.Series("", index=project_ids, dtype="str")
    if "code" in records.columns:
        named = records["code"].map(CHECKLIST_LABELS).fillna(records["code"]).astype("str")
        joined = named.groupby(records["subject_id"]).agg(lambda s: "；".join(dict.fromkeys(s)))
        labels = joined.reindex(project_ids).fillna("").astype("str")
    return counts.astype("int64"), labels


def project_ledger(
    assessment: Assessment,
    *,
    inspections: pd.DataFrame | None = None,
    findings: pd.DataFrame | None = None,
    orders: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Build the 在建工程项目工资支付检查台账: one row per project (PROJECT_LEDGER_HEADERS).

    ``inspections``, ``findings`` and ``orders`` are the store's records of the campaign
    (:meth:`wagekit.store.Store.inspections` …); ``None`` counts as none recorded.
    """
    projects = assessment.get("projects")
    if projects is None or assessment.systems is None:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in PROJECT_LEDGER_HEADERS})
    ids = projects["project_id"]
    systems = assessment.systems.set_index("project_id").reindex(ids)
    risk = assessment.risk
    risk = risk[risk["subject_kind"] == "project"].set_index("subject_id").reindex(ids)
    n_inspections, _ = _store_counts(ids, inspections)
    n_findings, finding_labels = _store_counts(ids, findings)
    n_orders, _ = _store_counts(ids, orders)
    last_visit = pd.Series(pd.NaT, index=ids, dtype="datetime64[ns]")
    if inspections is not None and not inspections.empty:
        last_visit = (
            pd.to_datetime(inspections["visit_date"])
            .groupby(inspections["subject_id"])
            .max()
            .reindex(ids)
            .astype("datetime64[ns]")
        )
    frame = pd.DataFrame(
        {
            "project_id": ids.to_numpy(),
            "name": projects["name"].to_numpy(),
            "township": projects["township"].to_numpy(),
            "department": projects["department"].to_numpy(),
            "investment_type": projects["investment_type"].to_numpy(),
            "contractor": projects["contractor"].to_numpy(),
            "contract_value": projects["contract_value"].to_numpy(),
            "start_date": projects["start_date"].to_numpy(),
            "status": projects["status"].to_numpy(),
            **{s: systems[s].astype("boolean").to_numpy() for s in SYSTEMS},
            "all_systems": systems["all_systems"].astype("boolean").to_numpy(),
            "missing_systems": risk["missing_systems"].to_numpy(),
            "arrears_amount": risk["arrears_amount"].to_numpy(),
            "arrears_workers": risk["arrears_workers"].to_numpy(),
            "tier": risk["tier"].map(TIER_LABELS).to_numpy(),
            "warning": risk["warning"].map(WARNING_LABELS).fillna(NO_WARNING).to_numpy(),
            "open_cases": risk["open_cases"].to_numpy(),
            "inspections": n_inspections.to_numpy(),
            "last_visit": last_visit.to_numpy(),
            "findings": n_findings.to_numpy(),
            "finding_labels": finding_labels.to_numpy(),
            "orders": n_orders.to_numpy(),
        }
    )
    return frame


def case_ledger(assessment: Assessment) -> pd.DataFrame:
    """Build the 欠薪处置台账: one row per case received by the day, columns of CASE_LEDGER_HEADERS.

    Status, closed date and recovered amount include what the store recorded (the assessment
    applied it). ``two_zero_class`` is shown in Chinese (政府投资类项目 / 其他项目);
    ``township`` and ``department`` are the project's; a case against an employer that is no
    project takes the township of the employer of that name (被投诉单位).
    """
    status = assessment.case_status
    if status is None:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in CASE_LEDGER_HEADERS})
    cases = assessment.get("cases").set_index("case_id")
    extra = cases.reindex(status["case_id"])
    projects = assessment.get("projects")
    where = (
        projects.set_index("project_id")[["township", "department"]]
        if projects is not None
        else pd.DataFrame({"township": [], "department": []}, dtype="str")
    )
    located = where.reindex(status["project_id"])
    township = pd.Series(located["township"].to_numpy(), index=status.index, dtype="object")
    employers = assessment.get("employers")
    if employers is not None:
        by_name = employers.drop_duplicates("name").set_index("name")["township"]
        township = township.fillna(extra["respondent"].map(by_name).set_axis(status.index))
    frame = status.assign(
        township=township.to_numpy(),
        department=located["department"].to_numpy(),
        source=extra["source"].to_numpy(),
        handler=extra["handler"].to_numpy(),
        filed_date=extra["filed_date"].to_numpy(),
        transferred_police=extra["transferred_police"].astype("boolean").to_numpy(),
        blacklisted=extra["blacklisted"].astype("boolean").to_numpy(),
        two_zero_class=status["two_zero_class"].map(TWO_ZERO_LABELS).astype("str"),
    )
    return frame[list(CASE_LEDGER_HEADERS)].reset_index(drop=True)


def ranking(assessment: Assessment, by: str = "township") -> pd.DataFrame:
    """Projects and cases per township (``by="township"``) or department, worst first.

    Columns: ``rank``, the group, ``projects``, ``all_systems_rate``, ``arrears_subjects``
    (projects and employers of the group in arrears), ``arrears_amount``, ``cases_received``,
    ``cases_open``, ``cases_closed``, ``closure_rate`` (NaN without cases), ``overdue``.
    Ordered by open cases, then overdue cases, then arrears amount, all descending.
    """
    if by not in ("township", "department"):
        raise ValueError(f"unknown ranking group: {by!r}")
    parts: list[pd.DataFrame] = []
    if assessment.systems is not None:
        systems = assessment.systems.groupby(by, sort=False)
        parts.append(
            pd.DataFrame(
                {
                    "projects": systems.size(),
                    "all_systems_rate": systems["all_systems"].mean().round(4),
                }
            )
        )
    if assessment.risk is not None:
        risk = assessment.risk
        in_arrears = risk["tier"] != "none"
        parts.append(
            pd.DataFrame(
                {
                    "arrears_subjects": in_arrears.groupby(risk[by]).sum().astype("int64"),
                    "arrears_amount": risk["arrears_amount"].groupby(risk[by]).sum(),
                }
            )
        )
    status = assessment.case_status
    projects = assessment.get("projects")
    if status is not None and projects is not None:
        group = status["project_id"].map(projects.set_index("project_id")[by])
        closed = status["closed"].groupby(group)
        parts.append(
            pd.DataFrame(
                {
                    "cases_received": closed.size(),
                    "cases_closed": closed.sum().astype("int64"),
                    "overdue": status["overdue"].groupby(group).sum().astype("int64"),
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=["rank", by, *list(RANKING_HEADERS)[3:]])
    table = pd.concat(parts, axis=1)
    counts = ["projects", "arrears_subjects", "cases_received", "cases_closed", "overdue"]
    for column in counts:
        if column in table:
            table[column] = table[column].fillna(0).astype("int64")
    if "cases_received" in table:
        table["cases_open"] = table["cases_received"] - table["cases_closed"]
        table["closure_rate"] = (
            (table["cases_closed"] / table["cases_received"].where(table["cases_received"] > 0))
            .astype("float64")
            .round(4)
        )
    order = [c for c in ("cases_open", "overdue", "arrears_amount") if c in table]
    table.index.name = by
    table = table.sort_values(order, ascending=False, kind="stable").reset_index()
    table.insert(0, "rank", range(1, len(table) + 1))
    columns = ["rank", by, *(c for c in list(RANKING_HEADERS)[3:] if c in table)]
    return table[columns]


def cases_by_week(assessment: Assessment) -> pd.DataFrame:
    """Cases received and closed per week (Monday to Sunday) up to the day of the figures.

    Columns: ``week`` (the Monday), ``received``, ``closed`` (int64); every week from the
    first case to the last is present, with zeros.
    """
    status = assessment.case_status
    if status is None or status.empty:
        return pd.DataFrame(
            {
                "week": pd.Series(dtype="datetime64[ns]"),
                "received": pd.Series(dtype="int64"),
                "closed": pd.Series(dtype="int64"),
            }
        )

    def monday(days: pd.Series) -> pd.Series:
        days = days.dt.normalize()
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")

    received = monday(status["received_date"]).value_counts()
    closed = monday(status.loc[status["closed"], "closed_date"].dropna()).value_counts()
    first = min(received.index.min(), closed.index.min() if len(closed) else received.index.min())
    last = max(received.index.max(), closed.index.max() if len(closed) else received.index.max())
    weeks = pd.date_range(first, last, freq="7D")
    return pd.DataFrame(
        {
            "week": weeks.astype("datetime64[ns]"),
            "received": received.reindex(weeks, fill_value=0).astype("int64").to_numpy(),
            "closed": closed.reindex(weeks, fill_value=0).astype("int64").to_numpy(),
        }
    )


def two_zero_progress(assessment: Assessment) -> pd.DataFrame:
    """Count 两清零 progress per class (government projects, others).

    Columns: ``class`` (Chinese), ``deadline``, ``cases``, ``closed``, ``open``, ``rate``
    (closed / cases, NaN without cases).
    """
    status = assessment.case_status
    rows = []
    for key, label in TWO_ZERO_LABELS.items():
        part = status[status["two_zero_class"] == key] if status is not None else None
        cases = 0 if part is None else len(part)
        closed = 0 if part is None else int(part["closed"].sum())
        deadline = part["two_zero_deadline"].max() if part is not None and cases else pd.NaT
        rows.append(
            {
                "class": label,
                "deadline": deadline,
                "cases": cases,
                "closed": closed,
                "open": cases - closed,
                "rate": round(closed / cases, 4) if cases else float("nan"),
            }
        )
    frame = pd.DataFrame(rows)
    frame["deadline"] = frame["deadline"].astype("datetime64[ns]")
    return frame


def systems_table(summary: Mapping[str, Any]) -> pd.DataFrame:
    """Coverage of the seven systems from a summary: ``system`` (Chinese), ``count``, ``rate``.

    The last row is 七项制度全部落实 (all seven). Empty when the projects table is absent.
    """
    projects = summary.get("projects") or {}
    systems = projects.get("systems")
    if not systems:
        return pd.DataFrame({"system": [], "count": [], "rate": []})
    rows = [
        {"system": SYSTEM_LABELS[s], "count": systems[s]["count"], "rate": systems[s]["rate"]}
        for s in SYSTEMS
    ]
    every = projects["all_systems"]
    rows.append({"system": "七项制度全部落实", "count": every["count"], "rate": every["rate"]})
    return pd.DataFrame(rows)


def to_chinese(
    frame: pd.DataFrame, headers: Mapping[str, str], *, mask_ids: bool = True
) -> pd.DataFrame:
    """Make a frame ready to show or save: Chinese headers, 是/否 for yes/no, IDs masked.

    ID numbers and bank accounts inside text are masked unless ``mask_ids`` is false;
    identifier columns (case, project, subject numbers) are left as they are.
    """
    out = frame[[c for c in headers if c in frame.columns]].copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_bool_dtype(values):
            out[column] = values.map({True: "是", False: "否"}).astype("object")
    if mask_ids:
        out = mask_frame(out)
    return out.rename(columns=dict(headers))


SERIOUS_HEADERS: dict[str, str] = {
    "subject_id": "编号",
    "subject_kind": "类型",
    "name": "名称",
    "township": "属地",
    "department": "行业主管部门",
    "arrears_amount": "欠薪金额（元）",
    "arrears_workers": "欠薪人数",
    "open_cases": "未办结案件数",
    "open_case_ids": "未办结案件",
    "orders": "执法文书",
    "reasons": "风险原因",
}


def serious_subjects(assessment: Assessment, orders: pd.DataFrame | None = None) -> pd.DataFrame:
    """The serious-risk projects and employers 重大拖欠, largest arrears first.

    Columns of :data:`SERIOUS_HEADERS`: ``open_case_ids`` lists the subject's open cases
    (joined with 、), ``orders`` the store's orders to it (kind, deadline, status), ``subject_kind``
    in Chinese. ``orders`` is the store's orders of the campaign (``None``: none recorded).
    """
    risk = assessment.risk
    if risk is None:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in SERIOUS_HEADERS})
    serious = risk[risk["tier"] == "serious"].sort_values(
        ["arrears_amount", "subject_id"], ascending=[False, True], kind="stable"
    )
    ids = serious["subject_id"]
    open_ids = pd.Series("", index=ids, dtype="object")
    status = assessment.case_status
    if status is not None:
        still_open = status[~status["closed"] & status["project_id"].isin(ids)]
        joined = still_open.groupby("project_id")["case_id"].agg("、".join)
        open_ids = joined.reindex(ids).fillna("")
    listed = pd.Series("", index=ids, dtype="object")
    if orders is not None and not orders.empty:
        mine = orders[orders["subject_id"].isin(ids)]
        deadline = pd.to_datetime(mine["deadline"]).dt.strftime("%Y-%m-%d").fillna("无")
        text = mine["kind"] + "（期限" + deadline + "，" + mine["status"] + "）"
        listed = text.groupby(mine["subject_id"]).agg("；".join).reindex(ids).fillna("")
    return pd.DataFrame(
        {
            "subject_id": ids.to_numpy(),
            "subject_kind": serious["subject_kind"].map(SUBJECT_KIND_LABELS).to_numpy(),
            "name": serious["name"].to_numpy(),
            "township": serious["township"].to_numpy(),
            "department": serious["department"].to_numpy(),
            "arrears_amount": serious["arrears_amount"].to_numpy(),
            "arrears_workers": serious["arrears_workers"].to_numpy(),
            "open_cases": serious["open_cases"].to_numpy(),
            "open_case_ids": open_ids.to_numpy(),
            "orders": listed.to_numpy(),
            "reasons": serious["reasons"].to_numpy(),
        }
    )
