"""CSV files 文本表格: the header and data rows of a CSV file, every physical line accounted for.

Terms. The *head* 开头 is the first non-blank rows (read by the csv module) among which the header
is found; the *body* 正文 is everything after the header's last line. A *plain* 规整 body has no
quote spanning a line end and no lone CR: Arrow reads it (on several threads when large), and a
record's *row number* 行号 is its line number, blank lines skipped. Any other body is read *line
by line* 逐行 in Python: a quoted value may hold line breaks (a multi-line cell counts on its
first line), and an *unclosed quote* 引号未配对 costs its own line, not the rest of the file. A
*ragged* 列数不符 line, with another number of cells than the header, is a bad line; bad lines are
reported with their number and text, never dropped silently.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pyarrow_lib
import pyarrow.csv as pa_csv

from wagekit.load.csv_text import CSV_SAMPLE_BYTES, blank_nul_lines, decode_csv, line_ends
from wagekit.load.headers import HEADER_SCAN_ROWS, find_header, match_header
from wagekit.load.raw import OLE_MAGIC, ZIP_MAGIC, FileError, RawPart, arrow_frame

__all__ = ["read_csv"]


_THREADED_CSV_BYTES = 8 << 20
_PARITY_CHUNK = 64 << 20


def read_csv(path: Path, lookup: dict[str, str], text_columns: set[str]) -> RawPart:
    """The data rows of a CSV file below its header, and every line that could not be read.

    ``text_columns`` are read as text by Arrow (an ID number keeps its leading zeros).
    """
    data = path.read_bytes()
    if not data or data.isspace():
        raise FileError("文件是空的，请重新导出")
    if data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        raise FileError("不是CSV文本表格（内容是二进制），如为Excel文件请把扩展名改为.xlsx或.xls")
    data, encoding = decode_csv(data)
    data, nul_lines = blank_nul_lines(data)
    head_text = data[:CSV_SAMPLE_BYTES].decode("utf-8", errors="ignore")
    # Rows of the first lines with the line each ends on; blank lines are not rows.
    reader = csv.reader(io.StringIO(head_text, newline=""))
    dense, ends = [], []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                dense.append(row)
                ends.append(reader.line_num)
            if len(dense) >= HEADER_SCAN_ROWS:
                break
    except csv.Error as exc:
        # A row past the header that the csv module cannot take (a value of more than 128 KiB)
        # ends the scan; the body reader accounts for it.
        if not dense:
            raise FileError(f"CSV文件格式错误，无法读取表头（{exc}）") from exc
    if not dense:
        raise FileError("文件中没有任何内容")
    start, count, headers = find_header(dense, lookup)
    header_lines = ends[start + count - 1]
    bad_nul = [b for b in nul_lines if b[0] > header_lines]
    offset = _line_offset(data, header_lines)
    body = memoryview(data)[offset:]
    plain = _plain_body(data, offset)
    frame = rows = None
    bad: list[tuple[int | None, str, str]] = []
    if plain:
        parsed = _read_csv_arrow(body, headers, lookup, text_columns)
        if parsed is not None:
            frame, records, bad_records = parsed
            rows, bad = _arrow_row_numbers(
                data, offset, header_lines, len(frame), bad_records, len(headers)
            )
    if rows is None:
        frame, rows, bad = _read_csv_python(body, header_lines, len(headers))
    bad = sorted([*bad, *bad_nul], key=lambda b: b[0])
    return RawPart(frame, rows, headers, count, encoding=encoding, bad_lines=bad)


def _plain_body(data: bytes, offset: int) -> bool:
    """Whether Arrow's fast reader sees the body's lines as they are: no quote spans a line end.

    Every line end must come after an even number of quotes, and no CR stands alone (Arrow
    ends a line at a bare CR, even inside quotes when reading on several threads). Counted by
    bytes methods, and by numpy in bounded chunks only when the body holds a quote.
    """
    if data.count(b"\r", offset) != data.count(b"\r\n", offset):
        return False
    if data.find(b'"', offset) < 0:
        return True
    parity = 0
    for start in range(offset, len(data), _PARITY_CHUNK):
        arr = np.frombuffer(
            data, dtype=np.uint8, count=min(_PARITY_CHUNK, len(data) - start), offset=start
        )
        quotes = np.flatnonzero(arr == 34)
        line_ends = np.flatnonzero(arr == 10)
        if ((np.searchsorted(quotes, line_ends) + parity) % 2).any():
            return False
        parity = (parity + len(quotes)) % 2
    return parity == 0


def _read_csv_arrow(
    body: memoryview, headers: list[str], lookup: dict[str, str], text_columns: set[str]
) -> tuple[pd.DataFrame, int, list[tuple[int | None, str]]] | None:
    """The body through Arrow: frame, records read, and bad records (number, text).

    None when Arrow could not number a bad record (it does not on several threads).
    """
    names = [f"c{i}" for i in range(len(headers))]
    types = {
        names[i]: pyarrow_lib.string()
        for i, h in enumerate(headers)
        if match_header(h, lookup) in text_columns or match_header(h, lookup) is None
    }
    for threads in (len(body) > _THREADED_CSV_BYTES, False):
        bad_records: list[tuple[int | None, str]] = []

        def _on_bad_line(row: pa_csv.InvalidRow, bad_records=bad_records) -> str:
            bad_records.append((row.number, row.text))
            return "skip"

        try:
            arrow = pa_csv.read_csv(
                pyarrow_lib.py_buffer(body),
                read_options=pa_csv.ReadOptions(column_names=names, use_threads=threads),
                parse_options=pa_csv.ParseOptions(invalid_row_handler=_on_bad_line),
                convert_options=pa_csv.ConvertOptions(
                    column_types=types, strings_can_be_null=True, quoted_strings_can_be_null=True
                ),
            )
        except (pyarrow_lib.ArrowInvalid, pyarrow_lib.ArrowException) as exc:
            detail = str(exc).splitlines()[0][:160]
            raise FileError(f"CSV文件格式错误，无法读取（{detail}）") from exc
        if all(n is not None for n, _ in bad_records):
            break
    else:
        return None
    frame = arrow_frame(arrow)
    frame.columns = range(len(headers))
    return frame, len(frame) + len(bad_records), bad_records


def _line_offset(data: bytes, lines: int) -> int:
    """Where the byte after the first ``lines`` lines starts."""
    if lines == 0:
        return 0
    if b"\r" not in data[:CSV_SAMPLE_BYTES]:
        offset = 0
        for _ in range(lines):
            end = data.find(b"\n", offset)
            offset = len(data) if end < 0 else end + 1
        return offset
    ends = line_ends(memoryview(data)[:CSV_SAMPLE_BYTES])
    return min(int(ends[lines - 1]) + 1, len(data)) if lines <= len(ends) else len(data)


def _ragged(width: int) -> str:
    return f"这一行的列数与表头（{width}列）不一致，无法读取"


def _arrow_row_numbers(
    data: bytes, offset: int, header_lines: int, n_rows: int, bad_records: list, width: int
) -> tuple[np.ndarray | None, list[tuple[int, str, str]]]:
    """Line numbers of the rows Arrow read from the body at ``offset``, and of those it refused.

    Arrow skips empty lines and numbers records from 1 within the body; every other line is
    one record (the body has no quoted line end). None when the counts disagree: the caller
    then reads the body line by line.
    """
    simple = np.arange(header_lines + 1, header_lines + 1 + n_rows, dtype=np.int64)
    # As many lines as rows: no blank line, no bad line. Counting one byte is several times
    # faster than searching for a blank line.
    lines = data.count(b"\n", offset) + (0 if len(data) == offset or data.endswith(b"\n") else 1)
    if lines == n_rows and not bad_records:
        return simple, []
    arr = np.frombuffer(data, dtype=np.uint8, offset=offset)
    ends = np.flatnonzero(arr == 10)
    if len(ends) == 0 or ends[-1] != len(arr) - 1:
        ends = np.append(ends, len(arr))
    starts = np.concatenate(([0], ends[:-1] + 1))
    length = ends - starts
    blank = (length == 0) | ((length == 1) & (arr[np.minimum(starts, len(arr) - 1)] == 13))
    records = np.flatnonzero(~blank) + header_lines + 1
    if len(records) != n_rows + len(bad_records):
        return None, []
    refused = np.zeros(len(records), dtype=bool)
    bad = []
    for number, text in bad_records:
        refused[number - 1] = True
        if text.strip():
            bad.append((int(records[number - 1]), text, _ragged(width)))
    return records[~refused], bad


def _read_csv_python(
    body: memoryview, header_lines: int, width: int
) -> tuple[pd.DataFrame, np.ndarray, list[tuple[int, str, str]]]:
    """Read the body line by line, so that every physical line is accounted for.

    For bodies where a quote spans line ends or a CR stands alone. A quoted value may hold line
    breaks (a multi-line cell): its record counts on its first line. A record that spans
    several lines without the header's number of columns, with a quote out of place, or open
    at the end of the file, is an unclosed quote: its first line is refused and reading starts again
    on the next line, so one stray quote costs one row, not the rest of the file.
    """
    text = bytes(body).decode("utf-8", errors="replace")
    lines = re.split(r"(?<=\r\n)|(?<=\n)|(?<=\r)(?!\n)", text)
    if lines and lines[-1] == "":
        lines.pop()
    records: list[list[str]] = []
    rows: list[int] = []
    bad: list[tuple[int, str, str]] = []
    at = 0
    while at < len(lines):
        reader = csv.reader(iter(lines[at:]))
        restart = None
        consumed = 0
        while restart is None:
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error:
                # A value past the csv module's size limit: an unclosed quote swallowing lines.
                restart = at + consumed + 1
                line = lines[at + consumed].rstrip("\r\n")
                bad.append((header_lines + at + consumed + 1, line, _UNCLOSED))
                break
            first, span = at + consumed, reader.line_num - consumed
            consumed = reader.line_num
            line_no = header_lines + first + 1
            if not any(f.strip() for f in fields):
                continue
            if len(fields) == width and (
                span == 1 or _one_strict_record("".join(lines[first : first + span]))
            ):
                records.append(fields)
                rows.append(line_no)
                continue
            shown = lines[first].rstrip("\r\n")
            if span > 1:
                bad.append((line_no, shown, _UNCLOSED))
                restart = first + 1
            elif not _one_strict_record(lines[first]):
                bad.append((line_no, shown, _UNCLOSED))
            else:
                bad.append((line_no, shown, _ragged(width)))
        if restart is None:
            break
        at = restart
    frame = pd.DataFrame(records, columns=range(width), dtype=object) if records else None
    if frame is None:
        frame = pd.DataFrame(columns=range(width), dtype=object)
    frame = frame.replace("", None)
    return frame, np.asarray(rows, dtype=np.int64), bad


_UNCLOSED = "这一行的引号没有配对（缺少结尾的引号），无法读取"


def _one_strict_record(text: str) -> bool:
    """Whether CSV text spanning several lines is one record with every quote where it belongs.

    A stray quote opens a value that the next quote closes, lines later, with text after it;
    strict reading refuses that, as it refuses a quote still open at the end of the file.
    """
    try:
        return len(list(csv.reader(iter(text.splitlines(keepends=True)), strict=True))) == 1
    except csv.Error:
        return False
