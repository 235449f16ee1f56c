"""Project card 项目详情: everything known about one project on one page.

Its systems 制度落实情况 (the seven systems, yes or no), its payroll arrears 工资拖欠 (worker-months
unpaid, workers, amount, early warnings by month), its cases 案件 with deadlines, and what the
inspectors recorded in the store: site visits 检查记录, findings 检查发现问题 and orders 执法文书.
Its contact 联系人 and 联系电话 head the card when the ledger carries them: whom to call.
The card only renders: the figures come from a :class:`wagekit.summary.Assessment`, the records
from the store's DataFrames.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from wagekit.checklist import CHECKLIST_LABELS
from wagekit.ids import mask_id_numbers_in_text
from wagekit.labels import NO_WARNING, SEVERITY_LABELS, TIER_LABELS, WARNING_LABELS
from wagekit.schema import SYSTEM_LABELS, SYSTEMS
from wagekit.subjects import CONTACT_COLUMNS, with_contacts
from wagekit.tables import CASE_LEDGER_HEADERS, case_ledger, to_chinese

from .kpi import format_number

__all__ = ["ProjectCard"]

# What a finding's code means on the card: checklist items, and a self-inspection form missing
# or disagreeing, handed to enforcement from the self-inspection app.
_FINDING_LABELS = {
    **CHECKLIST_LABELS,
    "self_inspection.missing": "未提交自查表（自查自纠移交）",
    "self_inspection.mismatch": "自查自报与台账核算不符（自查自纠移交）",
}

_CASE_COLUMNS = (
    "case_id",
    "received_date",
    "status",
    "deadline",
    "days_left",
    "two_zero_class",
    "amount_involved",
    "amount_recovered",
)


def _table(frame: pd.DataFrame, css: str) -> str:
    if frame.empty:
        return "<p class='wagekit-empty'>无</p>"
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            shown[column] = values.dt.strftime("%Y-%m-%d").fillna("")
        elif pd.api.types.is_float_dtype(values):
            # Map every cell (NaN too): an all-missing column stays float and refuses "".
            shown[column] = values.map(lambda v: "" if pd.isna(v) else format_number(v))
    return (
        shown.astype("string")
        .fillna("")
        .to_html(index=False, escape=True, border=0, classes=["wagekit-datatable", css])
    )


class ProjectCard(widgets.VBox):
    """One project's systems, arrears, cases and store records; ``show`` renders it."""

    project_id = traitlets.Unicode(None, allow_none=True, help="The project shown, or None.")

    def __init__(self, **kwargs: Any) -> None:
        self.w_html = widgets.HTML("<p class='wagekit-empty'>请在检查清单中选择一个项目。</p>")
        super().__init__([self.w_html], **kwargs)
        self.add_class("wk-project-card")

    def show(
        self,
        assessment: Any,
        project_id: str | None,
        *,
        inspections: pd.DataFrame | None = None,
        findings: pd.DataFrame | None = None,
        orders: pd.DataFrame | None = None,
    ) -> None:
        """Render the card of ``project_id`` (a project or employer id) from ``assessment``."""
        self.project_id = project_id
        if assessment is None or not project_id:
            self.w_html.value = "<p class='wagekit-empty'>请在检查清单中选择一个项目。</p>"
            return
        risk = assessment.risk
        row = None if risk is None else risk[risk["subject_id"] == project_id]
        if row is None or row.empty:
            self.w_html.value = (
                f"<p class='wagekit-empty'>台账中没有编号为 {html.escape(project_id)} 的项目"
                "或用人单位。</p>"
            )
            return
        subject = with_contacts(row, assessment.get("projects"), assessment.get("employers")).iloc[
            0
        ]
        parts = [self._header(subject)]
        if subject["subject_kind"] == "project":
            parts.append(self._systems(assessment, project_id))
            parts.append(self._payroll(assessment, project_id))
            parts.append(self._cases(assessment, project_id))
        parts.append(self._records(project_id, inspections, findings, orders))
        # Notes of visits, findings and orders are free text: ID numbers in them are masked.
        self.w_html.value = mask_id_numbers_in_text(
            "<div class='wk-project-card-body'>" + "".join(parts) + "</div>"
        )

    @staticmethod
    def _header(subject: pd.Series) -> str:
        kind = "在建项目" if subject["subject_kind"] == "project" else "用人单位"
        facts = [
            ("编号", subject["subject_id"]),
            ("类别", kind),
            ("属地", subject["township"]),
            ("主管部门", subject["department"]),
            ("投资类型", subject["investment_type"]),
            ("风险等级", TIER_LABELS.get(subject["tier"], "")),
            ("欠薪金额（元）", format_number(subject["arrears_amount"])),
            ("欠薪人数", format_number(int(subject["arrears_workers"]))),
            ("预警", WARNING_LABELS.get(subject["warning"], NO_WARNING)),
            ("未办结案件", format_number(int(subject["open_cases"]))),
            *((label, subject[c]) for c, label in CONTACT_COLUMNS.items() if c in subject.index),
        ]
        cells = "".join(
            f"<span style='margin-right:16px'><b>{html.escape(k)}</b>："
            f"{html.escape('' if pd.isna(v) else str(v))}</span>"
            for k, v in facts
        )
        reasons = subject["reasons"] or "未发现问题"
        return (
            f"<h4 class='wk-project-name'>{html.escape(str(subject['name']))}</h4>"
            f"<div>{cells}</div><div class='wk-project-reasons'><b>风险原因</b>："
            f"{html.escape(str(reasons))}</div>"
        )

    @staticmethod
    def _systems(assessment: Any, project_id: str) -> str:
        systems = assessment.systems
        found = systems[systems["project_id"] == project_id]
        if found.empty:
            return ""
        row = found.iloc[0]
        items = "".join(
            f"<li class='wk-system-{s} {'wk-ok' if bool(row[s]) else 'wk-missing'}'>"
            f"{'✔' if bool(row[s]) else '✘'} {SYSTEM_LABELS[s]}</li>"
            for s in SYSTEMS
        )
        return f"<h5>制度落实情况</h5><ul class='wk-project-systems' style='columns:2'>{items}</ul>"

    @staticmethod
    def _payroll(assessment: Any, project_id: str) -> str:
        months = assessment.worker_month_arrears
        if months is None:
            return "<h5>工资发放</h5><p>未提供工资发放记录。</p>"
        mine = months[months["project_id"] == project_id]
        text = (
            f"未足额发放 {len(mine):,} 人月，涉及 {mine['id_number'].nunique():,} 人，"
            f"欠发 {format_number(float(mine['arrears'].sum()))} 元。"
        )
        warnings = assessment.warnings
        table = ""
        if warnings is not None:
            flagged = warnings[
                (warnings["project_id"] == project_id) & (warnings["colour"] != "green")
            ]
            shown = pd.DataFrame(
                {
                    "工资月份": flagged["month"].dt.strftime("%Y-%m"),
                    "出勤人数": flagged["attended"],
                    "已发放人数": flagged["paid"],
                    "预警": flagged["colour"].map(WARNING_LABELS),
                }
            )
            table = _table(shown, "wk-table-project-warnings")
        return f"<h5>工资发放</h5><p>{text}</p>{table}"

    @staticmethod
    def _cases(assessment: Any, project_id: str) -> str:
        if assessment.case_status is None:
            return "<h5>欠薪案件</h5><p>未提供案件台账。</p>"
        ledger = case_ledger(assessment)
        mine = ledger[ledger["project_id"] == project_id][list(_CASE_COLUMNS)]
        headers = {c: CASE_LEDGER_HEADERS[c] for c in _CASE_COLUMNS}
        return "<h5>欠薪案件</h5>" + _table(to_chinese(mine, headers), "wk-table-project-cases")

    @staticmethod
    def _records(
        project_id: str,
        inspections: pd.DataFrame | None,
        findings: pd.DataFrame | None,
        orders: pd.DataFrame | None,
    ) -> str:
        def mine(frame: pd.DataFrame | None) -> pd.DataFrame:
            if frame is None:
                return pd.DataFrame()
            return frame[frame["subject_id"] == project_id]

        visits = mine(inspections)
        shown_visits = pd.DataFrame(
            {
                "检查日期": visits.get("visit_date", pd.Series(dtype="datetime64[ns]")),
                "检查人员": visits.get("inspectors", pd.Series(dtype="object")).map(
                    lambda names: "、".join(names), na_action="ignore"
                ),
                "备注": visits.get("note", pd.Series(dtype="str")),
            }
        )
        problems = mine(findings)
        shown_findings = pd.DataFrame(
            {
                "问题": problems.get("code", pd.Series(dtype="str")).map(
                    lambda c: _FINDING_LABELS.get(c, c), na_action="ignore"
                ),
                "严重程度": problems.get("severity", pd.Series(dtype="str")).map(SEVERITY_LABELS),
                "说明": problems.get("note", pd.Series(dtype="str")),
                "登记人": problems.get("updated_by", pd.Series(dtype="str")),
            }
        )
        issued = mine(orders)
        shown_orders = pd.DataFrame(
            {
                "文书类型": issued.get("kind", pd.Series(dtype="str")),
                "下达日期": issued.get("issued", pd.Series(dtype="datetime64[ns]")),
                "履行期限": issued.get("deadline", pd.Series(dtype="datetime64[ns]")),
                "履行状态": issued.get("status", pd.Series(dtype="str")),
            }
        )
        return (
            "<h5>现场检查记录</h5>"
            + _table(shown_visits, "wk-table-project-inspections")
            + "<h5>检查发现问题</h5>"
            + _table(shown_findings, "wk-table-project-findings")
            + "<h5>执法文书</h5>"
            + _table(shown_orders, "wk-table-project-orders")
        )
