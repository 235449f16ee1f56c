"""Exports 导出: the official ledgers and a draft summary report, in a folder the user names.

The *project ledger* 在建工程项目工资支付检查台账 has one row per project: its systems 制度落实
情况, its arrears 欠薪, its risk tier 风险等级 and early warning 预警, its open cases and what the
inspectors recorded in the store (site visits 检查, findings 检查发现问题, orders 执法文书). The
*case ledger* 欠薪处置台账 has one row per case received by the day of the figures: status 办理
状态, deadline 办结期限, days left 剩余天数, 两清零 class and date, amount recovered 追回金额.
The *rankings* 排名 group projects and cases by township 属地 or department 行业主管部门; the
*weekly trend* 周趋势 counts cases received and closed per week (weeks start on Monday). The
*draft report* 总结报告草稿 is :func:`wagekit.summary.format_summary` followed by these tables,
as a Word file when python-docx is installed, else as Markdown. ID numbers 身份证号 found in any
text are masked (110101********1234) unless the caller asks otherwise. An export never writes
into the campaign folder, which wagekit only reads.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from wagekit.checklist import CHECKLIST_LABELS
from wagekit.ids import mask_id_numbers_in_text
from wagekit.labels import NO_WARNING, TIER_LABELS, TWO_ZERO_LABELS, WARNING_LABELS
from wagekit.schema import SYSTEM_LABELS, SYSTEMS
from wagekit.summary import Assessment, format_summary

__all__ = [
    "CASE_LEDGER_HEADERS",
    "PROJECT_LEDGER_HEADERS",
    "TWO_ZERO_LABELS",
    "ExportError",
    "ExportResult",
    "case_ledger",
    "docx_available",
    "cases_by_week",
    "export_campaign",
    "project_ledger",
    "ranking",
    "report_markdown",
    "systems_table",
    "to_chinese",
    "two_zero_progress",
]

PROJECT_LEDGER_SHEET = "在建工程项目工资支付检查台账"
CASE_LEDGER_SHEET = "欠薪处置台账"

PROJECT_LEDGER_HEADERS: dict[str, str] = {
    "project_id": "项目编号",
    "name": "项目名称",
    "township": "属地",
    "department": "行业主管部门",
    "investment_type": "投资类型",
    "contractor": "施工总承包单位",
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


class ExportError(ValueError):
    """An export that cannot be made (folder inside the campaign folder, no tables)."""


@dataclass
class ExportResult:
    """What an export wrote: the ledgers workbook, the report draft, row counts per ledger."""

    ledgers: Path
    report: Path
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def paths(self) -> list[Path]:
        """Every file written."""
        return [self.ledgers, self.report]


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
    ``township`` and ``department`` are the project's (missing for cases without a project).
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
    frame = status.assign(
        township=located["township"].to_numpy(),
        department=located["department"].to_numpy(),
        source=extra["source"].to_numpy(),
        handler=extra["handler"].to_numpy(),
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
    """Make a frame ready to show or save: Chinese headers, 是/否 for yes/no, ID numbers masked."""
    out = frame[[c for c in headers if c in frame.columns]].copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_bool_dtype(values):
            out[column] = values.map({True: "是", False: "否"}).astype("object")
        elif mask_ids and (
            pd.api.types.is_string_dtype(values) or pd.api.types.is_object_dtype(values)
        ):
            out[column] = mask_id_numbers_in_text(values).astype("object")
    return out.rename(columns=dict(headers))


def _markdown_table(frame: pd.DataFrame) -> str:
    def cell(value: Any) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        if isinstance(value, pd.Timestamp):
            return value.strftime("%Y-%m-%d")
        if isinstance(value, float):
            return f"{value:,.2f}".rstrip("0").rstrip(".")
        return str(value).replace("|", "｜")

    lines = [
        "| " + " | ".join(map(str, frame.columns)) + " |",
        "|" + "---|" * len(frame.columns),
    ]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(False)]
    return "\n".join(lines)


def _report_sections(
    summary: Mapping[str, Any], assessment: Assessment, *, top: int = 10
) -> list[tuple[str, pd.DataFrame]]:
    sections = []
    for by, title in (("township", "各属地情况排名"), ("department", "各行业主管部门情况排名")):
        table = ranking(assessment, by).head(top)
        if not table.empty:
            shown = table.assign(
                **{
                    c: (table[c] * 100).round(1).astype(str) + "%"
                    for c in ("all_systems_rate", "closure_rate")
                    if c in table
                }
            )
            sections.append((title, to_chinese(shown, RANKING_HEADERS)))
    systems = systems_table(summary)
    if not systems.empty:
        shown = systems.assign(rate=(systems["rate"] * 100).round(1).astype(str) + "%")
        sections.append(("七项制度落实情况", to_chinese(shown, SYSTEMS_HEADERS)))
    if assessment.case_status is not None:
        progress = two_zero_progress(assessment)
        progress = progress.assign(rate=(progress["rate"] * 100).round(1).astype(str) + "%")
        sections.append(("两清零进展", to_chinese(progress, TWO_ZERO_HEADERS)))
    return sections


def report_markdown(summary: Mapping[str, Any], assessment: Assessment, *, top: int = 10) -> str:
    """Write the draft summary report as Markdown: the summary text, then the ranked tables."""
    name = summary["campaign"]["name"]
    lines = [f"# {name}工作总结（草稿）", "", f"统计截至：{summary['campaign']['as_of']}", ""]
    lines += [format_summary(dict(summary)), ""]
    for title, table in _report_sections(summary, assessment, top=top):
        lines += [f"## {title}", "", _markdown_table(table), ""]
    return "\n".join(lines)


def _write_docx(path: Path, summary: Mapping[str, Any], assessment: Assessment) -> None:
    import docx  # python-docx; optional

    document = docx.Document()
    document.add_heading(f"{summary['campaign']['name']}工作总结（草稿）", level=1)
    document.add_paragraph(f"统计截至：{summary['campaign']['as_of']}")
    for paragraph in format_summary(dict(summary)).split("\n"):
        if paragraph.strip():
            document.add_paragraph(paragraph)
    for title, table in _report_sections(summary, assessment):
        document.add_heading(title, level=2)
        grid = document.add_table(rows=1, cols=len(table.columns))
        grid.style = "Table Grid"
        for cell, header in zip(grid.rows[0].cells, table.columns, strict=True):
            cell.text = str(header)
        text = table.astype("string").fillna("")
        for row in text.itertuples(False):
            for cell, value in zip(grid.add_row().cells, row, strict=True):
                cell.text = str(value)
    document.save(str(path))


def docx_available() -> bool:
    """Tell whether python-docx is installed (the report is then a Word file)."""
    return importlib.util.find_spec("docx") is not None


def _safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "专项行动"


def export_campaign(
    assessment: Assessment,
    summary: Mapping[str, Any],
    folder: str | Path,
    *,
    campaign_folder: str | Path | None = None,
    inspections: pd.DataFrame | None = None,
    findings: pd.DataFrame | None = None,
    orders: pd.DataFrame | None = None,
    mask_ids: bool = True,
    report_format: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ExportResult:
    """Write the two ledgers (one Excel workbook) and the draft report into ``folder``.

    Parameters
    ----------
    assessment, summary
        :func:`wagekit.summary.assess` of the campaign and :func:`wagekit.summary.figures` of it.
    folder
        Where to write (created when missing); refused when it is the campaign folder or
        inside it.
    campaign_folder
        The campaign's folder, for that refusal.
    inspections, findings, orders
        The store's records of the campaign, for the project ledger.
    mask_ids
        Mask ID numbers in every text cell (default).
    report_format
        ``"docx"`` or ``"md"``; default docx when python-docx is installed.
    progress
        ``progress(step, done, total)`` called before each step, in Chinese.

    """
    target = Path(folder).expanduser()
    if not str(folder).strip():
        raise ExportError("请填写导出文件夹")
    target = target.resolve()
    if campaign_folder is not None:
        source = Path(campaign_folder).resolve()
        if target == source or source in target.parents:
            raise ExportError(
                f"导出文件夹 {target} 位于活动文件夹内；wagekit 不向活动文件夹写入，请换一个位置"
            )
    if target.exists() and not target.is_dir():
        raise ExportError(f"{target} 是一个文件，不是文件夹")
    fmt = report_format or ("docx" if docx_available() else "md")
    if fmt not in ("docx", "md"):
        raise ExportError(f"不支持的报告格式：{fmt}")
    steps = (
        "整理在建工程项目工资支付检查台账",
        "整理欠薪处置台账",
        "写入Excel文件",
        "生成总结报告草稿",
    )

    def step(done: int) -> None:
        if progress is not None:
            progress(steps[done], done, len(steps))

    target.mkdir(parents=True, exist_ok=True)
    stem = f"{_safe_name(str(summary['campaign']['name']))}_{summary['campaign']['as_of']}"
    step(0)
    projects = to_chinese(
        project_ledger(assessment, inspections=inspections, findings=findings, orders=orders),
        PROJECT_LEDGER_HEADERS,
        mask_ids=mask_ids,
    )
    step(1)
    cases = to_chinese(case_ledger(assessment), CASE_LEDGER_HEADERS, mask_ids=mask_ids)
    step(2)
    ledgers = target / f"{stem}_台账.xlsx"
    with pd.ExcelWriter(
        ledgers, engine="openpyxl", date_format="YYYY-MM-DD", datetime_format="YYYY-MM-DD"
    ) as writer:
        projects.to_excel(writer, sheet_name=PROJECT_LEDGER_SHEET, index=False)
        cases.to_excel(writer, sheet_name=CASE_LEDGER_SHEET, index=False)
    step(3)
    report = target / f"{stem}_总结报告草稿.{fmt}"
    if fmt == "docx":
        _write_docx(report, summary, assessment)
    else:
        report.write_text(report_markdown(summary, assessment), encoding="utf-8")
    if progress is not None:
        progress("导出完成", len(steps), len(steps))
    return ExportResult(
        ledgers=ledgers,
        report=report,
        rows={PROJECT_LEDGER_SHEET: len(projects), CASE_LEDGER_SHEET: len(cases)},
    )
