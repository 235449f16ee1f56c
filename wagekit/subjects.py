"""Subjects 主体: every project 项目 and employer 用人单位 of a campaign, in one frame.

A *subject* is what the campaign follows one by one: a construction project of the projects
ledger 在建工程项目台账, keyed by its 项目编号, or an employer of the employers ledger 用人单位台账,
keyed by its 统一社会信用代码. Risk tiers, self-inspection forms, orders and the baseline all
name subjects; this module says once what a subject frame holds. A subject's *contact* 联系人
(``contact_person`` 联系人, ``contact_phone`` 联系电话, optional columns of both ledgers) is whom
to call when it must be chased: a missing self-inspection form, an order ignored.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["CONTACT_COLUMNS", "SUBJECT_COLUMNS", "campaign_subjects", "with_contacts"]

CONTACT_COLUMNS = {"contact_person": "联系人", "contact_phone": "联系电话"}
"""The contact columns a subject may carry, with their Chinese headers."""

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


def with_contacts(
    frame: pd.DataFrame,
    projects: pd.DataFrame | None,
    employers: pd.DataFrame | None,
    *,
    key: str = "subject_id",
) -> pd.DataFrame:
    """``frame`` with each subject's contact columns, for those the ledgers carry.

    A contact column (:data:`CONTACT_COLUMNS`) is added when the projects or the employers
    ledger has it; a subject of the other ledger, or one without a contact, gets a blank. A
    campaign whose ledgers carry no contact gets ``frame`` back unchanged, so no empty column
    is shown. ``key`` names the column of ``frame`` holding the subject id.
    """
    parts = []
    for ledger, id_column in ((projects, "project_id"), (employers, "employer_id")):
        if ledger is None:
            continue
        present = [c for c in CONTACT_COLUMNS if c in ledger.columns]
        if present:
            parts.append(ledger[[id_column, *present]].rename(columns={id_column: key}))
    if not parts:
        return frame
    contacts = pd.concat(parts, ignore_index=True).drop_duplicates(key)
    contacts = contacts.astype({c: "str" for c in contacts.columns if c != key})
    added = frame.drop(columns=[c for c in CONTACT_COLUMNS if c in frame.columns])
    merged = added.merge(contacts.astype({key: "str"}), on=key, how="left")
    merged.index = frame.index
    return merged
