"""Load report 读取报告 and campaign 活动: what loading a folder gives back.

Terms. A *campaign* 活动 is a loaded folder: its declaration (``campaign.toml``), one DataFrame
per table present, and its *load report* 读取报告. The report counts, per table 台账, the rows
*read* 读取 = *loaded* 导入 + *rejected* 拒收, and those *skipped* 跳过 (合计/示例 rows, read but
not records); it holds one *error* 错误 per broken rule, in the columns of
:data:`ERROR_COLUMNS` (table, file, row, column, value, the Chinese reason, a stable rule code,
sheet), and *notes* 说明 worth knowing that are not errors. A folder that cannot be used at all
raises :class:`CampaignError` 活动文件夹无法使用.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from wagekit.config import CampaignConfig

__all__ = [
    "ERROR_COLUMNS",
    "Campaign",
    "CampaignError",
    "LoadReport",
    "TableReport",
    "empty_errors",
    "error_frame",
]


ERROR_COLUMNS = ("table", "file", "row", "column", "value", "reason", "rule", "sheet")


class CampaignError(Exception):
    """The folder cannot be used at all (no folder, no or broken campaign.toml)."""

    def as_error(self) -> dict:
        """The problem as one error object of CONTRACT section 4 (``--json`` output)."""
        return {
            "table": "campaign",
            "file": "campaign.toml",
            "row": None,
            "column": None,
            "value": None,
            "reason": str(self),
            "sheet": None,
        }


@dataclass
class TableReport:
    """How one table loaded.

    ``rows`` = ``loaded`` + ``rejected``; ``skipped`` rows (合计, 示例) are read but are not
    records, and each is named in ``notes``.
    """

    table: str
    file: str
    rows: int = 0
    loaded: int = 0
    rejected: int = 0
    encoding: str | None = None
    header_rows: int = 1
    unreadable: bool = False
    skipped: int = 0
    notes: list[str] = field(default_factory=list)


def empty_errors() -> pd.DataFrame:
    """No errors: an empty frame with the columns and types of :data:`ERROR_COLUMNS`."""
    return pd.DataFrame(
        {
            "table": pd.Series(dtype="str"),
            "file": pd.Series(dtype="str"),
            "row": pd.Series(dtype="Int64"),
            "column": pd.Series(dtype="str"),
            "value": pd.Series(dtype="str"),
            "reason": pd.Series(dtype="str"),
            "rule": pd.Series(dtype="str"),
            "sheet": pd.Series(dtype="str"),
        }
    )


@dataclass
class LoadReport:
    """What loading found: per table counts, every rejected row's errors, and notes.

    ``errors`` has :data:`ERROR_COLUMNS`; ``rule`` is a stable code (``id_number``,
    ``impossible_date``, ``missing_column``...) and ``reason`` the Chinese text for the user.
    ``notes`` are things worth knowing that are not errors (encoding detected, columns ignored).
    """

    tables: dict[str, TableReport] = field(default_factory=dict)
    errors: pd.DataFrame = field(default_factory=empty_errors)
    notes: list[str] = field(default_factory=list)

    @property
    def unusable(self) -> bool:
        """True when some file could not be read at all."""
        return any(t.unreadable for t in self.tables.values())

    @property
    def exit_code(self) -> int:
        """0 all rows loaded, 1 rows or tables rejected, 2 a file could not be read."""
        if self.unusable:
            return 2
        return 1 if len(self.errors) else 0

    def to_dict(self) -> dict:
        """The JSON object of CONTRACT section 4.

        Extended with ``skipped`` and ``notes`` per table, and ``sheet`` per error (null unless
        the workbook has several sheets).
        """
        errors = self.errors.astype(object).where(self.errors.notna(), None)
        return {
            "tables": {
                name: {
                    "file": t.file,
                    "rows": t.rows,
                    "loaded": t.loaded,
                    "rejected": t.rejected,
                    "skipped": t.skipped,
                    "notes": list(t.notes),
                }
                for name, t in self.tables.items()
            },
            "errors": [
                {
                    "table": r["table"],
                    "file": r["file"],
                    "row": None if r["row"] is None else int(r["row"]),
                    "column": r["column"],
                    "value": r["value"],
                    "reason": r["reason"],
                    "sheet": r.get("sheet"),
                }
                for r in errors.to_dict("records")
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)


@dataclass
class Campaign:
    """A loaded campaign: its declaration, one DataFrame per present table, the load report."""

    folder: Path
    config: CampaignConfig
    tables: dict[str, pd.DataFrame]
    report: LoadReport

    def get(self, name: str) -> pd.DataFrame | None:
        """The loaded rows of a table, or None when the folder has no such table."""
        return self.tables.get(name)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def error_frame(table, file, rows, columns, values, reasons, rules, sheets=None) -> pd.DataFrame:
    """Errors of one table's file in :data:`ERROR_COLUMNS`, one per item of ``rows``."""
    count = len(rows)
    return pd.DataFrame(
        {
            "table": pd.array([table] * count, dtype="str"),
            "file": pd.array([file] * count, dtype="str"),
            "row": pd.array(list(rows), dtype="Int64"),
            "column": pd.array(list(columns), dtype="str"),
            "value": pd.array(list(values), dtype="str"),
            "reason": pd.array(list(reasons), dtype="str"),
            "rule": pd.array(list(rules), dtype="str"),
            "sheet": pd.array([None] * count if sheets is None else list(sheets), dtype="str"),
        }
    )
