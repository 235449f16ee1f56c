import datetime as dt
import sys

import numpy as np
import pandas as pd
import pytest

from wagekit import parse


def _one(parser, value, *args):
    result = parser(pd.Series([value], dtype=object), *args)
    return result.values.iloc[0], result.rule.iloc[0], result.reason.iloc[0]


@pytest.mark.parametrize(
    "text",
    [
        "2023-11-20",
        "2023/11/20",
        "2023.11.20",
        "2023年11月20日",
        "20231120",
        "2023-11-20 00:00:00",
        " 2023年11月20日 ",
        "２０２３-１１-２０",
    ],
)
def test_date_formats(text):
    """Every date format offices write reads as the same day."""
    value, rule, _ = _one(parse.parse_date, text, "开工日期")
    assert value == pd.Timestamp("2023-11-20") and pd.isna(rule)


@pytest.mark.parametrize(
    "text",
    [
        "2023-11-20 08:30",
        "2023/11/20 08:30:15",
        "2023-11-20T08:30",
        "2023年11月20日 8:30",
        "２０２３-１１-２０　０８:３０",
        "2023-11-20  08:30",
    ],
)
@pytest.mark.parametrize("dtype", [object, pd.StringDtype("pyarrow")], ids=["excel", "csv"])
def test_date_with_time_of_day_reads_as_the_day(text, dtype):
    """Platform exports (国家平台, 12345) stamp clues with a time: the day is what counts."""
    result = parse.parse_date(pd.Series([text], dtype=dtype), "受理日期")
    assert result.values.iloc[0] == pd.Timestamp("2023-11-20") and pd.isna(result.rule.iloc[0])


def test_blank_before_a_time_separates_day_and_hour():
    """``2023-11-2 08:30`` is the 2nd at half past eight, not the 20th."""
    result = parse.parse_date(pd.Series(["2023-11-2 08:30"], dtype=object), "受理日期")
    assert result.values.iloc[0] == pd.Timestamp("2023-11-02")


@pytest.mark.parametrize("serial", [45250, 45250.0, "45250"])
def test_date_excel_serial(serial):
    """An Excel serial number 45250 is 2023-11-20 (day 0 is 1899-12-30)."""
    assert _one(parse.parse_date, serial, "开工日期")[0] == pd.Timestamp("2023-11-20")


def test_date_python_objects():
    """Cells Excel already typed as dates pass through."""
    assert _one(parse.parse_date, dt.datetime(2023, 11, 20, 0, 0), "x")[0] == pd.Timestamp(
        "2023-11-20"
    )
    assert _one(parse.parse_date, dt.date(2023, 11, 20), "x")[0] == pd.Timestamp("2023-11-20")


def test_impossible_date_rejected():
    """2023年2月30日 does not exist: rejected with the date in the reason."""
    value, rule, reason = _one(parse.parse_date, "2023年2月30日", "开工日期")
    assert pd.isna(value) and rule == "impossible_date" and reason == "日期不存在：2023年2月30日"


def test_leap_day_only_in_leap_years():
    """29 February exists in 2024, not in 2023."""
    assert _one(parse.parse_date, "2024-02-29", "x")[0] == pd.Timestamp("2024-02-29")
    assert _one(parse.parse_date, "2023-02-29", "x")[1] == "impossible_date"


def test_unreadable_date_names_formats():
    """Text that is no date is rejected and the reason shows the accepted formats."""
    _, rule, reason = _one(parse.parse_date, "去年冬天", "受理日期")
    assert (
        rule == "bad_date"
        and reason.startswith("受理日期无法识别为日期")
        and "2023年11月20日" in reason
    )


def test_implausible_year_rejected():
    """A year like 1023 is a typo, not a date."""
    assert _one(parse.parse_date, "1023-11-20", "x")[1] == "bad_date"


def test_empty_date_is_not_an_error():
    """An empty cell is missing, not wrong (required values are a schema rule)."""
    value, rule, _ = _one(parse.parse_date, "", "x")
    assert pd.isna(value) and pd.isna(rule)


def test_date_fast_path_keeps_typed_column():
    """A column pyarrow already parsed as timestamps is taken as is."""
    s = pd.Series(pd.to_datetime(["2023-11-20", None]))
    result = parse.parse_date(s, "x")
    assert result.values.iloc[0] == pd.Timestamp("2023-11-20") and not result.bad.any()


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("1,234.50", 1234.5),
        ("¥1234.5", 1234.5),
        ("￥1,234.5", 1234.5),
        ("1234.5元", 1234.5),
        ("3.2万", 32000.0),
        ("3.2万元", 32000.0),
        ("１２３", 123.0),
        (" 100 ", 100.0),
        (88, 88.0),
    ],
)
def test_money_formats(text, yuan):
    """Money cells in every office style read as yuan."""
    value, rule, _ = _one(parse.parse_money, text, "合同金额")
    assert value == pytest.approx(yuan) and pd.isna(rule)


def test_money_header_unit_multiplies_plain_numbers():
    """Under a （万元） header a plain 120 is 1,200,000 yuan, but 3.2万 stays 32,000."""
    s = pd.Series(["120", "3.2万", "500元"], dtype=object)
    assert parse.parse_money(s, "合同金额", 10_000).values.tolist() == [1_200_000, 32_000, 500]


def test_money_numeric_column_with_unit():
    """A numeric column under （万元） is multiplied without string work."""
    assert parse.parse_money(pd.Series([1.5, 2.0]), "x", 10_000).values.tolist() == [15_000, 20_000]


def test_money_unreadable_and_negative():
    """Text that is no amount, and negative amounts, are rejected."""
    assert _one(parse.parse_money, "三万", "涉及金额")[1] == "bad_money"
    assert _one(parse.parse_money, "-5", "涉及金额")[1] == "range"
    assert _one(parse.parse_money, -5.0, "涉及金额")[1] == "range"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("是", True),
        ("否", False),
        ("有", True),
        ("无", False),
        ("Y", True),
        ("n", False),
        ("√", True),
        ("×", False),
        (1, True),
        (0.0, False),
        ("TRUE", True),
        ("false", False),
        (True, True),
    ],
)
def test_yes_no_words(text, expected):
    """Yes/no cells accept 是/否/有/无/Y/N/√/×/1/0/true/false."""
    value, rule, _ = _one(parse.parse_bool, text, "实名制管理")
    assert value is expected or value == expected
    assert pd.isna(rule)


def test_yes_no_column_specific_word():
    """保函 counts as yes for the wage deposit (工资保证金), and only where declared."""
    assert _one(parse.parse_bool, "保函", "工资保证金", ("保函",))[0] == True  # noqa: E712
    assert _one(parse.parse_bool, "保函", "实名制管理")[1] == "bad_bool"


def test_yes_no_unreadable():
    """An answer that is neither yes nor no is rejected with the words allowed."""
    _, rule, reason = _one(parse.parse_bool, "部分", "实名制管理")
    assert rule == "bad_bool" and "是/否" in reason


@pytest.mark.parametrize(
    ("text", "n"), [("12", 12), ("12人", 12), (12.0, 12), ("3场", 3), ("0", 0)]
)
def test_counts(text, n):
    """Counts accept a unit word after the number."""
    assert _one(parse.parse_count, text, "涉及人数")[0] == n


def test_count_rejects_fraction_negative_text():
    """A count must be a whole number of at least 0."""
    assert _one(parse.parse_count, "3.5", "涉及人数")[1] == "bad_count"
    assert _one(parse.parse_count, -1, "涉及人数")[1] == "range"
    assert _one(parse.parse_count, "很多", "涉及人数")[1] == "bad_count"


def test_number_bounds_inclusive():
    """出勤天数 must be between 0 and 31 inclusive."""
    s = pd.Series(["0", "31", "31.5", "-1", "21.75"], dtype=object)
    result = parse.parse_number(s, "出勤天数", 0, 31)
    assert result.rule.fillna("").tolist() == ["", "", "range", "range", ""]
    assert result.reason.iloc[2] == "出勤天数应在0到31之间"


@pytest.mark.parametrize(
    "text",
    ["2023-11", "2023年11月", "2023/11", "202311", "2023-11-25", dt.date(2023, 11, 3), 45250],
)
def test_month_formats(text):
    """A pay month reads as the first day of that month."""
    assert _one(parse.parse_month, text, "工资月份")[0] == pd.Timestamp("2023-11-01")


def test_month_impossible():
    """Month 13 does not exist."""
    assert _one(parse.parse_month, "2023-13", "工资月份")[1] == "bad_month"


def test_enum_allowed_values_in_reason():
    """A value outside the list names every allowed value."""
    choices = ("政府投资", "国有企业", "政府和社会资本合作", "社会投资")
    value, rule, reason = _one(parse.parse_enum, "私营", choices, "投资类型")
    assert rule == "enum"
    assert reason == "投资类型只能是：政府投资/国有企业/政府和社会资本合作/社会投资"


def test_enum_ignores_blanks_and_width():
    """Stray blanks inside a listed value are forgiven."""
    assert _one(parse.parse_enum, "社会 投资", ("社会投资",), "投资类型")[0] == "社会投资"


def test_id_number_valid_and_lowercase_x():
    """An ID number with a lower-case x check character is valid and upper-cased."""
    value, rule, _ = _one(parse.parse_id_number, "11010519491231002x")
    assert value == "11010519491231002X" and pd.isna(rule)


def test_id_number_check_digit():
    """A typo in one digit breaks the GB 11643 check character."""
    assert _one(parse.parse_id_number, "110105194912310021")[2] == "身份证号校验位错误"


def test_id_number_length():
    """Too short an ID number says how long it is."""
    assert _one(parse.parse_id_number, "1101051949")[2] == "身份证号应为18位，实际为10位"


def test_id_number_stored_as_number():
    """Excel turned the ID number into a number and lost its last digits."""
    assert "存成了数字" in _one(parse.parse_id_number, 1.10105194912310e17)[2]


def test_uscc_check_digit():
    """A unified social credit code with a wrong check character is rejected."""
    assert pd.isna(_one(parse.parse_uscc, "91350100M000100Y43")[1])
    assert _one(parse.parse_uscc, "91350100M000100Y44")[2] == "统一社会信用代码校验位错误"
    assert "不使用I、O、Z、S、V" in _one(parse.parse_uscc, "91350100M000100I43")[2]


def test_text_strips_excel_float():
    """Project 1001 typed as a number in Excel reads as the text 1001."""
    values = parse.parse_text(pd.Series([1001.0, " P-01 ", None], dtype=object)).values
    assert values.iloc[0] == "1001" and values.iloc[1] == "P-01" and pd.isna(values.iloc[2])


def test_header_key_folds_width_and_breaks():
    """Headers compare after folding full-width brackets and removing line breaks."""
    assert parse.header_key(" 合同金额\n（万元） ") == "合同金额(万元)"


def _python_calls(work) -> int:
    """How many Python-level calls (of Python or C functions) running ``work`` makes."""
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        calls += event in ("call", "c_call")

    sys.setprofile(count)
    try:
        work()
    finally:
        sys.setprofile(None)
    return calls


# Messy cells of every kind, full-width and Chinese ones included: the slow paths of each parser.
MESSY = {
    "money": (
        lambda s: parse.parse_money(s, "合同金额"),
        ["3.2万", "1,234.5", "x", None, " 5元 ", "１２３", "-3", "RMB12"],
    ),
    "date": (
        lambda s: parse.parse_date(s, "开工日期"),
        [
            "2023年2月30日",
            "2023/11/2",
            "x",
            None,
            "45000",
            "２０２３-１１-０１",
            "20231120",
            "1900.1.5",
        ],
    ),
    "month": (
        lambda s: parse.parse_month(s, "工资月份"),
        ["2023年12月", "2023-13", "x", None, "202311", "２０２３-１１", "2023-11-05", "1900-01"],
    ),
    "count": (
        lambda s: parse.parse_count(s, "人数"),
        ["12人", "x", None, "1.5", "-2", "３场", "1e20"],
    ),
    "number": (
        lambda s: parse.parse_number(s, "天数", 0, 31),
        ["12天", "x", None, "1.5", "３", "40"],
    ),
    "bool": (lambda s: parse.parse_bool(s, "实名制"), ["是", "否", "√", "x", None, "Ｙ", " 有 "]),
    "enum": (
        lambda s: parse.parse_enum(s, ("银行代发", "现金"), "发放方式"),
        [" 现金 ", "x", None, "現金", "ｘ", "银行 代发"],
    ),
    "id_number": (
        parse.parse_id_number,
        ["11010519491231002x", "110105194912310021", "x", None, "1.10105E+17", "１２３"],
    ),
    "uscc": (parse.parse_uscc, ["91350100m000100y43", "x", None, "91350100M000100Y4I", "１"]),
    "text": (parse.parse_text, [" a ", None, "1001.0", "中文", "", "x"]),
}


@pytest.mark.parametrize("kind", list(MESSY))
def test_parsers_never_loop_per_row(kind):
    """Ten times the rows of messy cells cost no more Python calls: no loop over rows.

    Every cell is worked on in Arrow, numpy or pandas' C code. A Python loop, a function mapped
    over the cells or a pattern pandas hands to Python's ``re`` (``\\s``, ``\\d``, str.extract on
    Arrow text) makes calls in proportion to the rows, and fails here.
    """
    parser, cells = MESSY[kind]
    small, large = (pd.Series(np.tile(np.array(cells, dtype=object), n)) for n in (100, 1_000))
    parser(small)  # imports and compiled patterns, once
    assert _python_calls(lambda: parser(large)) <= _python_calls(lambda: parser(small)) + 50


def test_call_count_catches_a_loop_per_row():
    """The measure above fails a parser that maps a Python function over its cells."""
    cells = pd.Series(["a", "b", None] * 100, dtype=object)
    larger = pd.Series(["a", "b", None] * 1_000, dtype=object)

    def looping(raw):
        return parse.parse_text(raw.map(lambda cell: cell))

    looping(cells)
    assert _python_calls(lambda: looping(larger)) > _python_calls(lambda: looping(cells)) + 50


def test_distinct_cells_parsed_once_same_as_each_cell():
    """Parsing each distinct cell once gives every row what parsing it alone gives."""
    cells = ["2023-11", " 2023-11", "2023年12月", "2023-13", "去年", "", None, "1023-01"]
    s = pd.Series(cells * 50, dtype="str")
    for parser in (
        lambda c: parse.parse_month(c, "工资月份"),
        lambda c: parse.parse_date(c, "发放日期"),
    ):
        direct, distinct = parser(s), parse.parse_distinct(s, parser, min_rows=0)
        pd.testing.assert_series_equal(distinct.values, direct.values)
        pd.testing.assert_series_equal(distinct.bad, direct.bad)
        pd.testing.assert_series_equal(distinct.rule, direct.rule)
        pd.testing.assert_series_equal(distinct.reason, direct.reason)


def test_typed_dates_read_like_the_same_dates_as_text():
    """A timestamp column is floored to the day and bounded by year exactly as text is."""
    text = ["1949-12-31", "1950-01-01", "2100-12-31T23:00:00", "2101-01-01", None]
    typed = parse.parse_date(pd.Series(pd.to_datetime(text, format="ISO8601")), "x")
    direct = parse.parse_date(pd.Series(text, dtype=object), "x")
    pd.testing.assert_series_equal(typed.values, direct.values)
    pd.testing.assert_series_equal(typed.rule, direct.rule)


def test_typed_month_is_first_day_of_month():
    """A timestamp pay month reads as the first day of its month, as the same month in text."""
    stamps = pd.Series(pd.to_datetime(["1969-12-15 08:00", "2023-11-30 00:00", None]))
    expected = pd.Series(pd.to_datetime(["1969-12-01", "2023-11-01", None]), dtype="datetime64[ns]")
    pd.testing.assert_series_equal(parse.parse_month(stamps, "x").values, expected)


def test_enum_clean_text_column_same_as_cleaned():
    """An Arrow column of exact words and gaps reads as the same words cleaned cell by cell."""
    choices = ("银行代发", "现金")
    clean = pd.Series(["现金", None, "银行代发"], dtype="str")
    messy = pd.Series(["现金", " ", " 银行代发"], dtype=object)
    expected = pd.Series(["现金", None, "银行代发"], dtype="str")
    for raw in (clean, messy):
        result = parse.parse_enum(raw, choices, "发放方式")
        pd.testing.assert_series_equal(result.values, expected)
        assert not result.bad.any()


@pytest.mark.parametrize(
    "cells",
    [
        ["110101199003070011", "P1", None],
        ["P1", " P2"],
        ["P1", "P2\t"],
        ["P1", "", None],
        ["P1", "\u3000P2"],
        ["项目", "P2"],
        [None, None],
    ],
)
def test_clean_text_arrow_column_same_as_stripping(cells):
    """An Arrow text column already clean is kept as is; otherwise it is stripped and blanked."""
    import pyarrow as pa

    chunked = pa.chunked_array([pa.array(["x", *cells, "y"]).slice(1, len(cells))] * 2)
    s = pd.Series(pd.arrays.ArrowStringArray(chunked.cast(pa.large_string())), dtype="str")
    stripped = s.astype(pd.StringDtype("pyarrow")).str.strip()
    expected = stripped.mask(stripped == "")
    pd.testing.assert_series_equal(parse.clean_text(s), expected)


@pytest.mark.parametrize(
    "text",
    [
        ["2023-11-20", "2023-11-01", None],
        ["2023-11-01", "2023-12-01"],
        ["2023-11-20 08:30", "2023-11-01"],
        ["1949-12-31", "2023-11-01", None],
        ["2101-01-01", "2023-11-01"],
        [None, None],
    ],
)
@pytest.mark.parametrize("repeat", [1, 50])
def test_typed_dates_and_months_at_midnight_same_as_floored(text, repeat):
    """Stamps already at the day (or month) start are kept: the result of flooring them.

    Dates read as their text does; months as the first day of the month, years outside
    1950–2100 rejected as months written as text are. 50 copies make the distinct stamps few
    enough to be checked on their own.
    """
    cells = text * repeat
    typed = pd.Series(pd.to_datetime(cells, format="ISO8601"), dtype="datetime64[ns]")
    dates, as_text = parse.parse_date(typed, "x"), parse.parse_date(pd.Series(cells), "x")
    pd.testing.assert_series_equal(dates.values, as_text.values, check_names=False)
    pd.testing.assert_series_equal(dates.rule, as_text.rule, check_names=False)
    pd.testing.assert_series_equal(dates.reason, as_text.reason, check_names=False)
    months = parse.parse_month(typed, "x")
    firsts = typed.dt.to_period("M").dt.start_time.astype("datetime64[ns]")
    outside = (firsts.dt.year < 1950) | (firsts.dt.year > 2100)
    pd.testing.assert_series_equal(months.values, firsts.mask(outside), check_names=False)
    assert months.bad.tolist() == outside.tolist()
    assert set(months.reason.dropna()) <= {"x不在1950年到2100年之间"}


@pytest.mark.parametrize("raw", ["1e308", "2000000000000", "1.5万亿", 1e308, 2e12])
def test_money_above_a_trillion_refused(raw):
    """An amount past a trillion yuan (a typo, 1e308 pasted in) is a range error, not a sum."""
    value, rule, reason = _one(parse.parse_money, raw, "合同金额")
    if raw == "1.5万亿":
        assert rule == "bad_money"
    else:
        assert pd.isna(value) and rule == "range" and "万亿元" in reason


def test_money_bound_applies_after_the_header_unit():
    """2e8 under a （万元） header is 2e12 yuan: refused."""
    result = parse.parse_money(pd.Series([2e8, 3.2]), "合同金额", unit=10_000.0)
    assert result.rule.tolist() == ["range", None]
    assert result.values.iloc[1] == 32_000.0
