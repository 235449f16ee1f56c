"""Findings 问题: the one shape every check returns.

A *finding* is one thing a check detected about one subject (a project, employer, worker, case
or township): which check found it, the table and ledger row it comes from, the subject's id,
the column and value concerned, a severity and a message in Chinese. Every check returns a
DataFrame with exactly :data:`FINDING_COLUMNS`; an empty frame means the check passed.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["FINDING_COLUMNS", "SEVERITIES", "empty_findings", "make_findings"]

FINDING_COLUMNS = (
    "check",
    "table",
    "subject_id",
    "row",
    "column",
    "value",
    "severity",
    "message",
)
# info 提示, warning 一般 (yellow), serious 严重 (red)
SEVERITIES = ("info", "warning", "serious")

_DTYPES = {
    "check": "string",
    "table": "string",
    "subject_id": "string",
    "row": "Int64",
    "column": "string",
    "value": "string",
    "severity": "string",
    "message": "string",
}


def empty_findings() -> pd.DataFrame:
    """A findings frame with no rows (the check passed)."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in _DTYPES.items()})


def make_findings(
    check: str,
    table: str,
    subject_id: pd.Series,
    message: pd.Series | str,
    *,
    severity: pd.Series | str = "warning",
    row: pd.Series | None = None,
    column: str | None = None,
    value: pd.Series | None = None,
) -> pd.DataFrame:
    """Build a findings frame from aligned Series (one finding per element of ``subject_id``)."""
    index = subject_id.index
    frame = pd.DataFrame(
        {
            "check": check,
            "table": table,
            "subject_id": subject_id,
            "row": row if row is not None else pd.NA,
            "column": column,
            "value": value.astype("string") if value is not None else pd.NA,
            "severity": severity,
            "message": message,
        },
        index=index,
    )
    return frame.astype(_DTYPES).reset_index(drop=True)
