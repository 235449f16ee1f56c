"""Raw parts 原始数据块: what a file reader hands to the table loader, or why it refuses a file.

Terms. A *part* 数据块 is the data rows of one sheet of a workbook, or of a whole CSV or Parquet
file, below its header: the cells as read (columns numbered 0, 1, 2, ...), each row's *row
number* 行号 as the user sees it in Excel or a text editor (header and title rows counted), the
header texts, the header's row count, the *encoding* 编码 a text file was read in, and the *bad
lines* 无法读取的行 a text file could not split into cells (row number, text, Chinese reason). A
file that cannot be read at all raises :class:`FileError` 文件无法读取, whose message is for the
user. The *magic bytes* 文件头标识 at the start of a file tell a zip (.xlsx) from an OLE (.xls,
or an encrypted .xlsx) container whatever the file's extension says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pyarrow_lib

__all__ = ["OLE_MAGIC", "ZIP_MAGIC", "FileError", "RawPart", "arrow_frame"]


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class FileError(Exception):
    """A file cannot be read; the message is for the user, in Chinese."""


@dataclass
class RawPart:
    """Raw cells of a file's data rows, with their row numbers and the header as read."""

    data: pd.DataFrame  # columns named by position: 0, 1, 2, ...
    rows: np.ndarray  # row number as the user sees it, one per data row
    headers: list[str]
    header_rows: int
    encoding: str | None = None
    bad_lines: list[tuple[int | None, str, str]] = field(default_factory=list)
    sheet: str | None = None


def arrow_frame(arrow: pyarrow_lib.Table) -> pd.DataFrame:
    """An Arrow table read from CSV or Parquet as a frame, its dates as timestamps."""
    for i, f in enumerate(arrow.schema):
        if pyarrow_lib.types.is_date(f.type):
            try:
                typed = arrow.column(i).cast(pyarrow_lib.timestamp("ns"))
            except pyarrow_lib.ArrowInvalid:
                # A date after 2262 (9999-12-31 for "no end date") has no nanosecond stamp; as
                # text, the cell parsers report it as out of range instead of failing the file.
                typed = arrow.column(i).cast(pyarrow_lib.string())
            arrow = arrow.set_column(i, f.name, typed)
    # One block per column: consolidating the float columns into one block copies them all, and
    # each column is parsed on its own anyway.
    return arrow.to_pandas(split_blocks=True)
