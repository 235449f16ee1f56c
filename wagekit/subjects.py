"""Subjects 主体: every project 项目 and employer 用人单位 of a campaign, in one frame.

A *subject* is what the campaign follows one by one: a construction project of the projects
ledger 在建工程项目台账, keyed by its 项目编号, or an employer of the employers ledger 用人单位台账,
keyed by its 统一社会信用代码. Risk tiers, self-inspection forms, orders and the baseline all
name subjects; this module says once what a subject frame holds.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["SUBJECT_COLUMNS", "campaign_subjects"]

SUBJECT_COLUMNS = (
    "subject_id",
    "subject_kind",
    "name",
    "township",
    "department",
    "investment_type",
    "source_row",
)


def campaign_subjects(
    projects: pd.DataFrame | None, employers: pd.DataFrame | None
) -> pd.DataFrame:
    """Every project and employer as one frame of :data:`SUBJECT_COLUMNS`.

    ``subject_kind`` is ``project`` or ``employer``; ``department`` and ``investment_type`` are
    missing for employers; ``source_row`` is the row in the subject's own ledger.
    """
    parts = []
    if projects is not None:
        parts.append(
            pd.DataFrame(
                {
                    "subject_id": projects["project_id"],
                    "subject_kind": "project",
                    "name": projects["name"],
                    "township": projects["township"],
                    "department": projects["department"],
                    "investment_type": projects["investment_type"],
                    "source_row": projects.get("source_row"),
                }
            )
        )
    if employers is not None:
        parts.append(
            pd.DataFrame(
                {
                    "subject_id": employers["employer_id"],
                    "subject_kind": "employer",
                    "name": employers["name"],
                    "township": employers["township"],
                    "department": pd.Series(pd.NA, index=employers.index, dtype="str"),
                    "investment_type": pd.Series(pd.NA, index=employers.index, dtype="str"),
                    "source_row": employers.get("source_row"),
                }
            )
        )
    if not parts:
        frame = pd.DataFrame({c: pd.Series(dtype="str") for c in SUBJECT_COLUMNS})
    else:
        frame = pd.concat(parts, ignore_index=True)
    text = [c for c in SUBJECT_COLUMNS if c != "source_row"]
    return frame.astype({c: "str" for c in text} | {"source_row": "Int64"})[list(SUBJECT_COLUMNS)]
