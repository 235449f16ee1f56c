"""Ledger files 台账文件: the reader for each kind of file, and the Parquet reader.

Terms. A ledger file is an Excel workbook (:data:`EXCEL_SUFFIXES`), a CSV text file or a Parquet
file; :data:`SUFFIXES` lists every extension a table's file may have. :func:`read_file` gives the
*parts* 数据块 of a file that hold a table (one per sheet read; see :mod:`wagekit.load.raw`) and
*notes* 说明 on what it left unread. A Parquet file's *header* 表头 is its column names (one
row), so its first data row is row 2, as a spreadsheet shows it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pyarrow_lib

from wagekit.load.csv_files import read_csv
from wagekit.load.excel import read_excel
from wagekit.load.headers import header_lookup
from wagekit.load.raw import FileError, RawPart, arrow_frame
from wagekit.schema import Table

__all__ = ["EXCEL_SUFFIXES", "SUFFIXES", "read_file"]


EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
SUFFIXES = (*EXCEL_SUFFIXES, ".csv", ".parquet")


def read_file(path: Path, table: Table) -> tuple[list[RawPart], list[str]]:
    """The parts of a file holding the table (one per sheet read) and notes on what was not."""
    lookup = header_lookup(table)
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return read_excel(path, table, lookup)
    if suffix == ".parquet":
        import pyarrow.parquet  # noqa: F401  (registers pyarrow_lib.parquet)

        return [_read_parquet(path)], []
    text_kinds = {"text", "enum", "id_number", "uscc"}
    text_columns = {c.name for c in table.columns if c.kind in text_kinds}
    return [read_csv(path, lookup, text_columns)], []


def _read_parquet(path: Path) -> RawPart:
    try:
        # Text read as large_string, the type pandas' str columns hold: read as string, each
        # text column was copied again to widen its offsets (0.04 s per ten million cells).
        schema = pyarrow_lib.parquet.read_schema(path)
        wide = pyarrow_lib.schema(
            [
                f.with_type(pyarrow_lib.large_string()) if f.type == pyarrow_lib.string() else f
                for f in schema
            ],
            schema.metadata,
        )
        arrow = pyarrow_lib.parquet.read_table(path, schema=wide)
    except (pyarrow_lib.ArrowException, OSError) as exc:
        raise FileError(f"Parquet文件已损坏或不完整，无法读取（{str(exc)[:120]}）") from exc
    frame = arrow_frame(arrow)
    headers = [str(c) for c in frame.columns]
    frame.columns = range(len(headers))
    rows = np.arange(2, 2 + len(frame), dtype=np.int64)
    return RawPart(frame, rows, headers, 1)
