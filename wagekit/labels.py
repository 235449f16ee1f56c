"""Labels 中文标签: the Chinese words every command, file and app shows for wagekit's codes.

A *code* 代码 is the English value a frame or the summary holds (``serious``, ``government``,
``red``); its *label* 标签 is the Chinese an office reads. *Risk tiers* 风险等级 use the words of
the offices' own reports, which sort projects into 无欠薪项目、一般欠薪项目和严重欠薪项目. The
*两清零 classes* are 政府投资类项目 (cases on 政府投资, 国有企业 and 政府和社会资本合作
projects, cleared by 31 December) and 其他项目 (every other case, by the Spring Festival's eve).
*Early-warning colours* 预警 are 红色预警 and 黄色预警 (a green month is no warning, 无). A
*subject* 主体 is a 项目 or a 用人单位. A finding's *severity* 严重程度 is 提示, 一般 or 严重.
Case statuses 办理状态 are Chinese already (:data:`wagekit.schema.CASE_STATUSES`).
"""

from __future__ import annotations

__all__ = [
    "NO_WARNING",
    "SEVERITY_LABELS",
    "SUBJECT_KIND_LABELS",
    "TIER_LABELS",
    "TWO_ZERO_LABELS",
    "WARNING_LABELS",
]

TIER_LABELS = {"none": "无欠薪", "general": "一般欠薪", "serious": "严重欠薪"}
"""Risk tier → label (:data:`wagekit.risk.TIERS`)."""

TWO_ZERO_LABELS = {"government": "政府投资类项目", "others": "其他项目"}
"""两清零 class of a case → label."""

WARNING_LABELS = {"red": "红色预警", "yellow": "黄色预警"}
"""Worst early-warning colour → label; a project without one shows :data:`NO_WARNING`."""

NO_WARNING = "无"

SUBJECT_KIND_LABELS = {"project": "项目", "employer": "用人单位"}
"""Subject kind → label."""

SEVERITY_LABELS = {"info": "提示", "warning": "一般", "serious": "严重"}
"""Finding severity (:data:`wagekit.findings.SEVERITIES`) → label."""
