"""Cell parsers: raw ledger cells → typed values, or the reason a clerk can act on.

A *cell* is what a spreadsheet or CSV gives for one column of one row: a string as typed
(``3.2万``, ``2023年11月20日``, ``√``), a number, a date, or nothing. Each parser takes a whole
column (a pandas Series) and returns a :class:`Parsed`: the typed values, and for the cells that
cannot be read a *rule* code and a Chinese *reason*. Empty cells are never an error here (a
missing required value is a schema rule, see :mod:`wagekit.load`). A column that already has the
target type (a CSV column pyarrow parsed as numbers or timestamps) takes a fast path without
string work, so a clean provincial payroll is not slowed down by the messy-ledger support.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from wagekit.ids import valid_id_number, valid_uscc

__all__ = [
    "Parsed",
    "clean_text",
    "parse_bool",
    "parse_count",
    "parse_date",
    "parse_distinct",
    "parse_enum",
    "parse_id_number",
    "parse_money",
    "parse_month",
    "parse_number",
    "parse_text",
    "parse_uscc",
    "TRUE_WORDS",
    "FALSE_WORDS",
    "MAX_MONEY",
    "header_key",
]

TRUE_WORDS = ("是", "有", "y", "yes", "√", "✓", "✔", "1", "true", "t", "对")
FALSE_WORDS = ("否", "无", "n", "no", "×", "✗", "✘", "x", "0", "false", "f", "没有")

# Arrow-backed strings: pandas runs regular expressions on them in C++, not per cell in Python.
_TEXT = pd.StringDtype("pyarrow")

# Excel's day 0 is 1899-12-30 (it counts a 29 February 1900 that never was).
_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")
_FIRST_YEAR, _LAST_YEAR = 1950, 2100
# Distinct values expected in a column of dates or months (a hint; the table grows past it).
_FEW = 4096
# The same bounds as instants, for typed columns: comparing stamps is cheaper than taking years.
_FIRST_DAY = np.datetime64(f"{_FIRST_YEAR}-01-01", "ns")
_PAST_LAST_DAY = np.datetime64(f"{_LAST_YEAR + 1}-01-01", "ns")

_DATE_RE = (
    r"^(?P<y>[0-9]{4}) *[-/.年] *(?P<m>[0-9]{1,2}) *[-/.月] *(?P<d>[0-9]{1,2}) *日?"
    r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?$"
)
_COMPACT_DATE_RE = r"^(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})$"
_SERIAL_RE = r"^[0-9]{1,7}(?:\.[0-9]+)?$"
_MONTH_RE = r"^(?P<y>[0-9]{4}) *[-/.年] *(?P<m>[0-9]{1,2}) *月?$"
_COMPACT_MONTH_RE = r"^(?P<y>[0-9]{4})(?P<m>[0-9]{2})$"
_MONEY_RE = r"^(?P<sign>-)?(?P<num>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?P<unit>万元|万|元)?$"
_NUMBER_RE = r"-?[0-9]+(?:\.[0-9]+)?"
# The largest amount a cell may hold, in yuan: a trillion, more than any county's yearly
# construction; past it a cell is a typo (or 1e308) that would swamp every sum.
MAX_MONEY = 1e12
_BLANKS = r"[ \t\n\r\f\v]+"
_COUNT_UNITS = r"(?:人次|人|名|个|份|场次|场|次|条|块|幅|期|家|户|起|件)$"


Reason = str | Callable[[np.ndarray], pd.Series]


@dataclass(frozen=True)
class Parsed:
    """Typed values of a column, and for unreadable cells the rule code and Chinese reason.

    ``rule`` and ``reason`` have the index of ``values`` and are missing where the cell was
    read (or empty); ``bad`` flags the unreadable cells.
    """

    values: pd.Series
    flagged: np.ndarray
    rules: np.ndarray
    reasons: np.ndarray

    @property
    def bad(self) -> pd.Series:
        """True for cells that could not be read."""
        return pd.Series(self.flagged, index=self.values.index)

    @property
    def rule(self) -> pd.Series:
        """The rule code of each unreadable cell (``bad_date``, ``enum``…), else None."""
        return pd.Series(self.rules, index=self.values.index, dtype=object)

    @property
    def reason(self) -> pd.Series:
        """The Chinese reason of each unreadable cell, else None."""
        return pd.Series(self.reasons, index=self.values.index, dtype=object)


def _no_errors(values: pd.Series) -> Parsed:
    return _merge(values)


def _with_errors(values: pd.Series, bad: pd.Series, rule: str, reason: Reason) -> Parsed:
    return _merge(values, (bad, rule, reason))


def _merge(values: pd.Series, *parts: tuple[pd.Series, str, Reason]) -> Parsed:
    """Combine several (bad mask, rule, reason) parts; the first part that flags a cell wins.

    A reason is a fixed text, or a function of the flagged cells' mask returning their texts
    (so a clean column of ten million cells never builds ten million messages).
    """
    flagged = np.zeros(len(values), dtype=bool)
    rules = reasons = None
    for bad, rule, reason in parts:
        fresh = bad.to_numpy(dtype=bool, na_value=False) & ~flagged
        if fresh.any():
            if rules is None:
                rules = np.full(len(values), None, dtype=object)
                reasons = np.full(len(values), None, dtype=object)
            flagged |= fresh
            rules[fresh] = rule
            reasons[fresh] = np.asarray(reason(fresh), dtype=object) if callable(reason) else reason
    if rules is None:
        # A clean column: one shared read-only array of None stands for "no error" everywhere.
        rules = reasons = np.broadcast_to(np.array(None, dtype=object), len(values))
    return Parsed(values, flagged, rules, reasons)


def parse_distinct(
    raw: pd.Series, parser: Callable[[pd.Series], Parsed], *, min_rows: int = 100_000
) -> Parsed:
    """Parse each distinct cell of a text column once and spread the results over the rows.

    For columns with few distinct values among many rows (ten million payroll rows have a few
    dozen pay months): hashing the cells is much cheaper than parsing each one. ``parser`` must
    read every cell on its own (all parsers here do), so the result is the same as
    ``parser(raw)``. Columns shorter than ``min_rows``, not Arrow text, or with more distinct
    values than half their rows are parsed directly.
    """
    if len(raw) < min_rows or not isinstance(raw.dtype, pd.StringDtype):
        return parser(raw)
    codes, uniques = pd.factorize(raw)
    if 2 * len(uniques) > len(raw):
        return parser(raw)
    # The last distinct value stands for the empty cells (code -1).
    distinct = pd.concat(
        [pd.Series(uniques.array), pd.Series([None], dtype=raw.dtype)], ignore_index=True
    )
    codes = np.where(codes < 0, len(uniques), codes)
    parsed = parser(distinct)
    values = pd.Series(parsed.values.array.take(codes), index=raw.index, name=raw.name)
    if not parsed.flagged.any():
        return _no_errors(values)
    return Parsed(values, parsed.flagged[codes], parsed.rules[codes], parsed.reasons[codes])


def _floored(stamps: pa.Array, unit: str) -> bool:
    """Whether every stamp is at the start of its ``unit`` (day, month), empty cells aside.

    Decided on the distinct stamps (a few hundred pay dates among ten million rows), so a
    column that is floored already costs one hash pass and no new column of stamps.
    """
    distinct = pc.unique(stamps)
    if 2 * len(distinct) > len(stamps):
        distinct = stamps
    return pc.all(pc.equal(pc.floor_temporal(distinct, unit=unit), distinct)).as_py() is not False


def _blanked(values: pd.Series, cells: pd.Series | np.ndarray) -> pd.Series:
    """``values.mask(cells)``, without the copy of a long column when no cell is masked."""
    return values.mask(cells) if cells.any() else values


def _scaled(values: pd.Series, unit: float) -> pd.Series:
    return values * unit if unit != 1.0 else values


def clean_text(raw: pd.Series) -> pd.Series:
    """Cells as stripped strings (missing where empty); whole numbers lose Excel's ``.0``."""
    if pd.api.types.is_bool_dtype(raw.dtype):
        return raw.astype(_TEXT)
    if pd.api.types.is_float_dtype(raw.dtype):
        whole = raw.notna() & (raw == np.floor(raw)) & (raw.abs() < 1e15)
        text = raw.astype(_TEXT)
        text[whole] = raw[whole].astype("int64").astype(_TEXT)
        return text
    if pd.api.types.is_integer_dtype(raw.dtype):
        return raw.astype(_TEXT)
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        return raw.dt.strftime("%Y-%m-%d").astype(_TEXT)
    text = raw.astype(_TEXT)
    if raw.dtype == object:
        # Excel hands whole numbers over as floats (project 1001 arrives as "1001.0") and
        # dates without a time of day as "2023-11-20 00:00:00".
        text = text.str.replace(
            r"^(?:([0-9]{1,15})\.0+|([0-9]{4}-[0-9]{2}-[0-9]{2}) 00:00:00)$", r"\1\2", regex=True
        )
    elif _trimmed(pa.array(text.array)):
        # Nothing to strip and no empty cell: the cells as they are (a ten-million-row ID
        # column is not copied to find that out).
        return text
    text = text.str.strip()
    return _blanked(text, (text == "").fillna(False))


# Bytes a cell may not start or end with to be taken as already stripped: ASCII blanks and
# control characters, and any byte of a non-ASCII character (U+3000 and U+00A0 are blanks).
_EDGE_BYTE_MAX, _NON_ASCII = 0x20, 0x80


def _trimmed(arrow: pa.Array | pa.ChunkedArray) -> bool:
    """Whether no cell of an Arrow text column is empty or could start or end with a blank.

    Reads the first and last byte of each cell straight from the Arrow buffers (no string is
    built); any doubt (a non-ASCII edge byte, another type) answers False.
    """
    chunks = arrow.chunks if isinstance(arrow, pa.ChunkedArray) else [arrow]
    for chunk in chunks:
        if len(chunk) == 0:
            continue
        if pa.types.is_large_string(chunk.type):
            width = np.int64
        elif pa.types.is_string(chunk.type):
            width = np.int32
        else:
            return False
        _, offsets, data = chunk.buffers()
        at = np.frombuffer(offsets, dtype=width)[chunk.offset : chunk.offset + len(chunk) + 1]
        starts, ends = at[:-1], at[1:]
        empty = starts == ends
        if chunk.null_count:
            empty &= chunk.is_valid().to_numpy(zero_copy_only=False)
        if empty.any():
            return False
        if data is None:
            continue
        cells = np.frombuffer(data, dtype=np.uint8)
        if chunk.null_count:
            filled = ~(starts == ends)
            starts, ends = starts[filled], ends[filled]
        # Without gaps every cell has a first and a last byte: no copy of ten million offsets.
        for edge in (cells[starts], cells[ends - 1]):
            if ((edge <= _EDGE_BYTE_MAX) | (edge >= _NON_ASCII)).any():
                return False
    return True


def _normalised(raw: pd.Series, blank: str = "") -> pd.Series:
    r"""Text for parsing: full-width digits and punctuation folded (NFKC), blanks removed.

    Folding runs in Arrow (``utf8_normalize``), on the cells that are not plain ASCII already
    (a clean ledger never pays for it). Each run of blanks inside a cell becomes ``blank``:
    dates keep one space, which is what separates a day from its time of day
    (``2023-11-2 08:30`` is the 2nd, not the 20th). After folding every blank is ASCII, and the
    patterns here name the blanks and digits they mean: pandas hands ``\s`` and ``\d`` to
    Python's ``re``, cell by cell, instead of Arrow's regular expressions.
    """
    text = clean_text(raw)
    wide = ~text.str.isascii().fillna(True)
    if wide.any():
        text = text.copy()
        folded = pc.utf8_normalize(pa.array(text[wide].array), form="NFKC")
        text[wide] = pd.Series(folded, index=text[wide].index, dtype=_TEXT)
    return text.str.replace(_BLANKS, blank, regex=True)


def _extract(text: pd.Series, pattern: str) -> pd.DataFrame:
    """``text.str.extract(pattern)``, run by Arrow's regular expressions.

    pandas 3 extracts from Arrow text in Python, cell by cell. Every group of the patterns
    here is named and never matches empty text, so an empty group is one that did not match.
    """
    arrow = pc.extract_regex(pa.array(text.astype(_TEXT).array), pattern)
    matched = arrow.is_valid()
    groups = {}
    for name in re.compile(pattern).groupindex:
        group = pc.struct_field(arrow, name)
        taken = pc.and_(matched, pc.not_equal(group, ""))
        cells = pc.if_else(taken, group, pa.scalar(None, group.type))
        groups[name] = pd.Series(cells, index=text.index, dtype=_TEXT)
    return pd.DataFrame(groups, index=text.index)


def _quoted(text: pd.Series) -> pd.Series:
    return text.fillna("").astype(_TEXT)


def parse_text(raw: pd.Series) -> Parsed:
    """Free text: stripped; whole numbers written by Excel as ``1001.0`` read as ``1001``."""
    return _no_errors(clean_text(raw).astype("str"))


def parse_enum(raw: pd.Series, choices: tuple[str, ...], label: str) -> Parsed:
    """One of a fixed list of words (``投资类型只能是：政府投资/国有企业/…``)."""
    if isinstance(raw.dtype, pd.StringDtype):
        # Every cell exactly one of the words or empty: nothing to clean (one hash lookup per
        # cell instead of stripping ten million strings first).
        exact = raw.isin(choices).to_numpy(dtype=bool) | raw.isna().to_numpy()
        if exact.all():
            return _no_errors(raw.astype("str"))
    text = clean_text(raw)
    listed = pc.is_in(pa.array(text.array), value_set=pa.array(choices)).to_numpy(
        zero_copy_only=False
    )
    values = _blanked(text, ~listed)
    rest = text.notna() & values.isna()
    if rest.any():
        # Forgive stray blanks and full-width letters before calling a value wrong.
        folded = _normalised(text[rest])
        values[rest] = folded.map({c.replace(" ", ""): c for c in choices})
    bad = text.notna() & values.isna()
    reason = f"{label}只能是：{'/'.join(choices)}"
    return _with_errors(values.astype("str"), bad, "enum", reason)


def parse_bool(raw: pd.Series, label: str, true_words: tuple[str, ...] = ()) -> Parsed:
    """Yes/no: 是/否, 有/无, Y/N, √/×, 1/0, true/false (and column-specific yes words)."""
    if pd.api.types.is_bool_dtype(raw.dtype):
        return _no_errors(raw.astype("boolean"))
    text = _normalised(raw).str.lower()
    words = {w: True for w in (*TRUE_WORDS, *true_words)} | {w: False for w in FALSE_WORDS}
    values = text.map(words).astype("boolean")
    bad = text.notna() & values.isna()
    reason = f"{label}只能填是/否（也可写有/无、√/×、Y/N、1/0）"
    return _with_errors(values, bad, "bad_bool", reason)


def _money_from_text(text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Amount, whether the cell carried its own unit, and which cells failed."""
    stripped = text.str.replace(r"[,，¥￥]|人民币|[Rr][Mm][Bb]", "", regex=True)
    parts = _extract(stripped, _MONEY_RE)
    number = pd.to_numeric(parts["num"], errors="coerce")
    number = number.where(parts["sign"].isna(), -number)
    ten_thousand = parts["unit"].isin(["万元", "万"])
    amount = number.where(~ten_thousand, number * 10_000)
    bad = text.notna() & number.isna()
    return amount.astype("float64"), parts["unit"].notna(), bad


def parse_money(raw: pd.Series, label: str, unit: float = 1.0) -> Parsed:
    """Money in yuan: ``1,234.50``, ``¥1234.5``, ``1234.5元``, ``3.2万``/``3.2万元`` (= 32,000).

    ``unit`` is the multiplier the header declared (``（万元）`` → 10,000); it applies to plain
    numbers, not to cells that say their own unit.
    """
    if pd.api.types.is_numeric_dtype(raw.dtype) and not pd.api.types.is_bool_dtype(raw.dtype):
        values = _scaled(raw.astype("float64"), unit)
        infinite = values.notna() & ~np.isfinite(values)
        huge = _too_much(values) & ~infinite
        return _merge(
            _blanked(values, infinite | huge),
            (infinite, "bad_money", f"{label}不是有效金额"),
            (huge, "range", _too_much_reason(label)),
            ((values < 0).fillna(False), "range", f"{label}不能为负数"),
        )
    text = clean_text(raw)
    amount = _scaled(pd.to_numeric(text, errors="coerce").astype("float64"), unit)
    bad = pd.Series(False, index=raw.index)
    rest = text.notna() & amount.isna()
    if rest.any():
        # Only cells that are not plain numbers pay for the string work.
        slow, own_unit, slow_bad = _money_from_text(_normalised(text[rest]))
        amount[rest] = slow.where(own_unit, slow * unit)
        bad[rest] = slow_bad
    infinite = amount.notna() & ~np.isfinite(amount)
    bad |= infinite
    huge = _too_much(amount) & ~bad
    amount = _blanked(amount, infinite | huge)
    negative = amount < 0
    return _merge(
        amount,
        (bad, "bad_money", f"{label}不是有效金额（可写 1234.5、1,234.50、¥1234.5、3.2万）"),
        (huge, "range", _too_much_reason(label)),
        (negative.fillna(False), "range", f"{label}不能为负数"),
    )


def _too_much(amounts: pd.Series) -> pd.Series:
    """Amounts whose size no ledger of a county holds (a typo, or 1e308 pasted in)."""
    return (amounts.abs() > MAX_MONEY).fillna(False)


def _too_much_reason(label: str) -> str:
    return f"{label}超过{MAX_MONEY / 1e12:g}万亿元，不是合理的金额（请检查是否多写了数字或单位）"


def parse_number(
    raw: pd.Series, label: str, low: float | None = None, high: float | None = None
) -> Parsed:
    """A plain number (出勤天数), optionally bounded by ``low`` and ``high`` inclusive."""
    if pd.api.types.is_numeric_dtype(raw.dtype) and not pd.api.types.is_bool_dtype(raw.dtype):
        values = raw.astype("float64")
        bad = pd.Series(False, index=raw.index)
    else:
        text = _normalised(raw).str.replace(r"天$", "", regex=True)
        values = pd.to_numeric(text.where(text.str.fullmatch(_NUMBER_RE)), errors="coerce")
        bad = text.notna() & values.isna()
        values = values.astype("float64")
    infinite = values.notna() & ~np.isfinite(values)
    bad = bad | infinite
    values = _blanked(values, infinite)
    out = pd.Series(False, index=raw.index)
    if low is not None:
        out |= values < low
    if high is not None:
        out |= values > high
    bounds = f"应在{low:g}到{high:g}之间" if low is not None and high is not None else "超出范围"
    return _merge(
        values,
        (bad, "bad_number", f"{label}不是有效数字"),
        (out.fillna(False), "range", f"{label}{bounds}"),
    )


def parse_count(raw: pd.Series, label: str) -> Parsed:
    """A whole number ≥ 0 (人数, 数量); a unit word after it (``12人``, ``3场``) is allowed."""
    if pd.api.types.is_integer_dtype(raw.dtype):
        values = raw.astype("Int64")
        return _with_errors(values, (values < 0).fillna(False), "range", f"{label}不能为负数")
    if pd.api.types.is_numeric_dtype(raw.dtype) and not pd.api.types.is_bool_dtype(raw.dtype):
        number = raw.astype("float64")
    else:
        text = _normalised(raw).str.replace(_COUNT_UNITS, "", regex=True)
        number = pd.to_numeric(text.where(text.str.fullmatch(_NUMBER_RE)), errors="coerce").astype(
            "float64"
        )
        unreadable = text.notna() & number.isna()
        number = _blanked(number, unreadable)
    huge = number.notna() & ~(number.abs() < 1e12)
    fraction = number.notna() & ~huge & (number != np.floor(number))
    values = number.where(~fraction & ~huge).round().astype("Int64")
    parts = [(huge, "bad_count", f"{label}数值过大"), (fraction, "bad_count", f"{label}应为整数")]
    if not pd.api.types.is_numeric_dtype(raw.dtype):
        parts.insert(0, (unreadable, "bad_count", f"{label}不是有效的整数"))
    parts.append(((values < 0).fillna(False), "range", f"{label}不能为负数"))
    return _merge(values, *parts)


def _ymd(parts: pd.DataFrame) -> pd.Series:
    """Dates from year/month/day text columns; NaT where the day does not exist."""
    frame = pd.DataFrame(
        {k: pd.to_numeric(parts[k], errors="coerce") for k in ("y", "m", "d")}
    ).rename(columns={"y": "year", "m": "month", "d": "day"})
    valid = frame.notna().all(axis=1) & frame["year"].between(_FIRST_YEAR, _LAST_YEAR)
    out = pd.Series(pd.NaT, index=parts.index, dtype="datetime64[ns]")
    if valid.any():
        out[valid] = pd.to_datetime(frame[valid], errors="coerce")
    return out


def _strict(text: pd.Series, fmt: str) -> pd.Series:
    """Dates in one exact format, in plausible years; NaT for everything else (fast, in C)."""
    dates = pd.to_datetime(text, format=fmt, errors="coerce")
    dates = dates.where(dates.dt.year.between(_FIRST_YEAR, _LAST_YEAR))
    return dates.astype("datetime64[ns]")


def _dates_from_text(
    text: pd.Series, iso: pd.Series | None = None
) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """Parse date text: the dates, and the unreadable, impossible and implausible cells.

    ``iso`` is the text already parsed as ISO dates, when the caller has it.
    """
    dates = _strict(text, "%Y-%m-%d") if iso is None else iso.copy()
    parsed = dates.notna()
    implausible = pd.Series(False, index=text.index)
    for pattern in (_DATE_RE, _COMPACT_DATE_RE):
        todo = text.notna() & ~parsed
        if not todo.any():
            break
        parts = _extract(text[todo], pattern)
        matched = parts["y"].notna()
        where = matched[matched].index
        dates[where] = _ymd(parts[matched])
        parsed[where] = True
        year = pd.to_numeric(parts.loc[matched, "y"], errors="coerce")
        implausible[where] = ~year.between(_FIRST_YEAR, _LAST_YEAR)
    serial_text = text.notna() & ~parsed & text.str.fullmatch(_SERIAL_RE).fillna(False)
    if serial_text.any():
        serial = pd.to_numeric(text[serial_text], errors="coerce")
        dates[serial_text] = _from_excel_serial(serial)
        parsed |= serial_text
    unreadable = text.notna() & ~parsed
    impossible = parsed & dates.isna() & ~implausible
    return dates, unreadable, impossible, implausible


def _from_excel_serial(serial: pd.Series) -> pd.Series:
    days = np.floor(serial.to_numpy(dtype="float64"))
    ok = (days >= 1) & (days < 2_958_466)
    out = np.full(len(days), np.datetime64("NaT"), dtype="datetime64[ns]")
    out[ok] = (_EXCEL_EPOCH + days[ok].astype("int64")).astype("datetime64[ns]")
    return pd.Series(out, index=serial.index)


def parse_date(raw: pd.Series, label: str) -> Parsed:
    """Dates in five spellings and Excel serial numbers.

    The spellings are ``2023-11-20``, ``2023/11/20``, ``2023.11.20``, ``2023年11月20日`` and
    ``20231120``; a time of day after the date (``2023-11-20 08:30``, as platform exports
    stamp clues) is left out. A date that does not exist (``2023年2月30日``) is rejected.
    """
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        values = raw.astype("datetime64[ns]")
        if getattr(values.dt, "tz", None) is not None:
            values = values.dt.tz_localize(None)
        stamps = values.to_numpy(dtype="datetime64[ns]")
        # Arrow floors to the day as pandas' normalize does, at a fraction of the cost; dates
        # (Parquet date32, CSV dates) are at midnight already and are kept as they are, which
        # the distinct stamps tell without a second column of ten million.
        arrow = pa.array(stamps, from_pandas=True)
        if not _floored(arrow, "day"):
            days = pc.floor_temporal(arrow, unit="day")
            values = pd.Series(days.to_numpy(zero_copy_only=False), index=raw.index, copy=False)
        unreadable = impossible = pd.Series(False, index=raw.index)
        text = raw
        implausible = _outside_years(stamps, arrow, raw.index)
    else:
        text = clean_text(raw)
        iso = None
        if not pd.api.types.is_numeric_dtype(raw.dtype):
            iso = _strict(text, "%Y-%m-%d")
            rest = text.notna() & iso.isna()
            if rest.any():
                text = text.copy()
                text[rest] = _normalised(text[rest], blank=" ")
        values, unreadable, impossible, implausible = _dates_from_text(text, iso)
        years = values.dt.year
        implausible |= values.notna() & ((years < _FIRST_YEAR) | (years > _LAST_YEAR))
    values = _blanked(values, implausible | unreadable | impossible)
    return _merge(
        values,
        (impossible, "impossible_date", lambda bad: "日期不存在：" + _quoted(text[bad])),
        (
            unreadable,
            "bad_date",
            f"{label}无法识别为日期"
            "（可写 2023-11-20、2023/11/20、2023.11.20、2023年11月20日、20231120）",
        ),
        (implausible, "bad_date", _outside_years_reason(label)),
    )


def _outside_years(stamps: np.ndarray, arrow: pa.Array, index: pd.Index) -> pd.Series:
    """Typed stamps before 1950 or after 2100 (``arrow``: the same stamps as Arrow).

    Decided from the column's least and greatest stamp first, so a column within the years
    (every real one) costs no comparison per cell.
    """
    lowest, highest = pc.min_max(arrow).values()
    if not lowest.is_valid or (
        lowest.value >= _FIRST_DAY.astype("int64")
        and highest.value < _PAST_LAST_DAY.astype("int64")
    ):
        return pd.Series(False, index=index)
    # NaT compares False both ways, so empty cells are never outside.
    return pd.Series((stamps < _FIRST_DAY) | (stamps >= _PAST_LAST_DAY), index=index, copy=False)


def _outside_years_reason(label: str) -> str:
    return f"{label}不在{_FIRST_YEAR}年到{_LAST_YEAR}年之间"


def _typed_months(months: np.ndarray, index: pd.Index, label: str) -> Parsed:
    """Months from a typed column, held to the same years as months written as text."""
    values = pd.Series(months, index=index, copy=False)
    outside = _outside_years(months, pa.array(months, from_pandas=True), index)
    if not outside.any():
        return _no_errors(values)
    return _merge(_blanked(values, outside), (outside, "bad_month", _outside_years_reason(label)))


def parse_month(raw: pd.Series, label: str) -> Parsed:
    """A pay month: ``2023-11``, ``2023年11月``, ``202311`` or any date in that month.

    Values are the first day of the month.
    """
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        stamps = raw.astype("datetime64[ns]").to_numpy(dtype="datetime64[ns]")
        if _floored(pa.array(stamps, from_pandas=True), "month"):
            # Months stored as their first day (as wagekit writes them): kept as they are.
            return _typed_months(stamps, raw.index, label)
        # Pay months are few: floor each distinct stamp once (hashing the stamps is 6× faster
        # than flooring them all). Arrow floors like Period("M").start_time; code -1 (NaT)
        # takes the NaT appended last.
        # A small size hint: by default the hash table is sized for one entry per row (32 MiB
        # more at ten million rows, for a dozen months).
        codes, distinct = pd.factorize(stamps, size_hint=_FEW)
        distinct = pa.array(np.asarray(distinct, dtype="datetime64[ns]"))
        firsts = pc.floor_temporal(distinct, unit="month").to_numpy(zero_copy_only=False)
        months = np.append(firsts, np.datetime64("NaT", "ns"))[codes]
        return _typed_months(months, raw.index, label)
    text = clean_text(raw)
    values = _strict(text, "%Y-%m")
    done = values.notna()
    rest = text.notna() & ~done
    if rest.any():
        text = text.copy()
        text[rest] = _normalised(text[rest])
    # Months whose year is outside the bounds: told apart from months that do not exist.
    odd_year = pd.Series(False, index=raw.index)
    for pattern in (_MONTH_RE, _COMPACT_MONTH_RE):
        if done.sum() == text.notna().sum():
            break
        parts = _extract(text, pattern)
        matched = parts["y"].notna() & ~done
        if matched.any():
            parts = parts[matched].assign(d="1")
            values[matched] = _ymd(parts)
            year = pd.to_numeric(parts["y"], errors="coerce")
            odd_year[matched[matched].index] = ~year.between(_FIRST_YEAR, _LAST_YEAR)
            done |= matched
    rest = text.notna() & ~done
    impossible = done & values.isna() & ~odd_year
    if rest.any():
        dates, unreadable_dates, impossible_dates, odd = _dates_from_text(text[rest])
        values[rest] = dates.dt.to_period("M").dt.start_time
        impossible = impossible | impossible_dates.reindex(raw.index, fill_value=False)
        unreadable = unreadable_dates.reindex(raw.index, fill_value=False)
        odd_year |= odd.reindex(raw.index, fill_value=False)
    else:
        unreadable = pd.Series(False, index=raw.index)
    years = values.dt.year
    implausible = odd_year | (values.notna() & ((years < _FIRST_YEAR) | (years > _LAST_YEAR)))
    values = _blanked(values, implausible | impossible | unreadable)
    return _merge(
        values.astype("datetime64[ns]"),
        (impossible, "bad_month", lambda bad: f"{label}不存在：" + _quoted(text[bad])),
        (unreadable, "bad_month", f"{label}无法识别（可写 2023-11、2023年11月）"),
        (implausible, "bad_month", _outside_years_reason(label)),
    )


def _identifier(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Upper-cased identifier text, and cells Excel turned into numbers (digits lost)."""
    if pd.api.types.is_float_dtype(raw.dtype):
        as_number = raw.notna() & (raw.abs() >= 1e15)
    else:
        as_number = pd.Series(False, index=raw.index)
    text = _normalised(raw).str.upper()
    as_number |= text.str.contains(r"^[0-9](?:\.[0-9]+)?E\+[0-9]+$", regex=True).fillna(False)
    return text, as_number


def _parse_code(
    raw: pd.Series,
    *,
    rule: str,
    form: str,
    valid: Callable[[pd.Series], pd.Series],
    as_number_reason: str,
    form_reason: str,
    label: str,
) -> Parsed:
    """An 18-character code of a given form whose check character ``valid`` accepts."""
    text, as_number = _identifier(raw)
    length = text.str.len()
    wrong_length = text.notna() & (length != 18) & ~as_number
    wrong_form = text.notna() & (length == 18) & ~text.str.fullmatch(form).fillna(False)
    shaped = text.notna() & ~wrong_length & ~wrong_form & ~as_number
    wrong_check = shaped & ~valid(text.where(shaped))
    return _merge(
        text.astype("str"),
        (as_number, rule, as_number_reason),
        (
            wrong_length,
            rule,
            lambda bad: f"{label}应为18位，实际为" + length[bad].astype(_TEXT) + "位",
        ),
        (wrong_form, rule, form_reason),
        (wrong_check, rule, f"{label}校验位错误"),
    )


def parse_id_number(raw: pd.Series, label: str = "身份证号") -> Parsed:
    """An 18-character resident ID number whose GB 11643 check character is right."""
    return _parse_code(
        raw,
        rule="id_number",
        form=r"[0-9]{17}[0-9X]",
        valid=valid_id_number,
        label=label,
        as_number_reason=f"{label}被Excel存成了数字，后几位已丢失，请把该列设为文本后重新录入",
        form_reason=f"{label}只能由17位数字和1位数字或X组成",
    )


def parse_uscc(raw: pd.Series, label: str = "统一社会信用代码") -> Parsed:
    """An 18-character unified social credit code whose GB 32100 check character is right."""
    return _parse_code(
        raw,
        rule="uscc",
        form=r"[0-9ABCDEFGHJKLMNPQRTUWXY]{18}",
        valid=valid_uscc,
        label=label,
        as_number_reason=f"{label}被Excel存成了数字，请把该列设为文本后重新录入",
        form_reason=f"{label}含有不允许的字符（不使用I、O、Z、S、V）",
    )


# Characters that print as nothing: a byte-order mark left inside the first header (a file
# saved twice by tools that each add one) and zero-width spaces pasted from web pages.
_INVISIBLE = "[\ufeff\u200b\u200c\u200d\u2060]"


def header_key(text: str) -> str:
    """A header as compared with the schema: NFKC-folded, blanks and invisible marks removed."""
    return re.sub(r"\s+|" + _INVISIBLE, "", unicodedata.normalize("NFKC", str(text)))
