"""Property: whatever a clerk's file holds, loading loses no row and raises nothing undocumented."""

import string

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from wagekit.load import load_table
from wagekit.schema import TABLES

GOOD = {
    "projects": [
        "P1",
        "一号楼",
        "城关镇",
        "住建局",
        "政府投资",
        "甲建设",
        "120万",
        "2023-01-05",
        "是",
        "是",
        "是",
        "是",
        "保函",
        "是",
    ],
    "cases": ["C1", "国家平台", "2023-11-02", "P1", "甲建设", "3", "2万", "受理"],
    "payroll": [
        "11010519491231002X",
        "P1",
        "2023-11",
        "22",
        "6600",
        "6600",
        "2023-12-05",
        "银行代发",
    ],
}
HEADERS = {
    "projects": [
        "项目编号",
        "项目名称",
        "属地",
        "行业主管部门",
        "投资类型",
        "施工总承包单位",
        "合同金额",
        "开工日期",
        "实名制管理",
        "工资专用账户",
        "总包代发工资",
        "银行代发工资",
        "工资保证金",
        "维权信息公示牌",
    ],
    "cases": [
        "案件编号",
        "线索来源",
        "受理日期",
        "项目编号",
        "被投诉单位",
        "涉及人数",
        "涉及金额",
        "办理状态",
    ],
    "payroll": [
        "身份证号",
        "项目编号",
        "工资月份",
        "出勤天数",
        "应发工资",
        "实发工资",
        "发放日期",
        "发放方式",
    ],
}

junk = st.one_of(
    st.text(alphabet=string.printable + "是否万元年月日，。￥¥√×—\u3000", max_size=12),
    st.sampled_from(
        [
            "",
            "2023年2月30日",
            "-1",
            "1e309",
            "NaN",
            "None",
            "3.2万",
            "99999999999",
            "20231340",
            "45250",
            '"',
            ",",
            "\n",
            "合计",
        ]
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


@st.composite
def corrupted_tables(draw):
    table = draw(st.sampled_from(sorted(GOOD)))
    n = draw(st.integers(min_value=1, max_value=8))
    rows = [list(GOOD[table]) for _ in range(n)]
    for _ in range(draw(st.integers(min_value=0, max_value=10))):
        r = draw(st.integers(min_value=0, max_value=n - 1))
        c = draw(st.integers(min_value=0, max_value=len(HEADERS[table]) - 1))
        rows[r][c] = draw(junk)
    if draw(st.booleans()):
        # A row typed short (cells left out), padded with empty cells as Excel would show it.
        short = rows[0][: draw(st.integers(0, 5))]
        rows[draw(st.integers(0, n - 1))] = short + [""] * (len(HEADERS[table]) - len(short))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    fmt = draw(st.sampled_from(["csv", "xlsx"]))
    return table, rows, encoding, fmt


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(corrupted_tables())
def test_corruption_never_loses_rows(tmp_path, case):
    """rows read = loaded + rejected, every rejected row has an error, nothing else raises."""
    table, rows, encoding, fmt = case
    path = tmp_path / f"{table}.{fmt}"
    if fmt == "csv":
        lines = [",".join(HEADERS[table])] + [
            ",".join('"' + str(v).replace('"', '""') + '"' for v in r) for r in rows
        ]
        path.write_bytes(("\n".join(lines) + "\n").encode(encoding, errors="replace"))
    else:
        # Excel cannot hold control characters; a clerk's workbook never has them.
        cells = [[ILLEGAL_CHARACTERS_RE.sub("", str(v)) for v in r] for r in rows]
        pd.DataFrame(cells, columns=HEADERS[table], dtype=object).to_excel(path, index=False)
    result = load_table(path, TABLES[table])
    report = result.report
    assert report.rows == report.loaded + report.rejected
    assert len(result.frame) == report.loaded
    errors = result.errors
    assert errors["reason"].notna().all()
    if report.unreadable:
        assert len(errors) == 1 and report.rows == 0
    elif errors["rule"].eq("missing_column").any():
        assert report.loaded == 0
    else:
        # Each rejected row is named by at least one error, and no loaded row is.
        rejected_rows = set(errors["row"].dropna())
        assert report.rejected == len(rejected_rows)
        assert not set(result.frame["source_row"]) & rejected_rows
        # Every row written is read: loaded, rejected, or skipped with a note (合计, 示例).
        written = sum(any(str(v).strip() for v in r) for r in rows)
        assert report.rows + report.skipped == written


# Bytes a damaged or oddly saved CSV holds: quotes, line ends of three systems, NUL, BOMs,
# separators, a GBK character, a lone UTF-8 continuation byte.
NOISE = st.sampled_from(
    [b'"', b"\r", b"\n", b"\r\n", b"\x00", b"\xef\xbb\xbf", b",", b"\xd6\xd0", b"\x80", b" "]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    table=st.sampled_from(sorted(GOOD)),
    n=st.integers(min_value=1, max_value=6),
    damage=st.lists(st.tuples(st.floats(0, 1), NOISE), max_size=6),
)
def test_damaged_csv_bytes_never_raise(tmp_path, table, n, damage):
    """Noise anywhere in a CSV's bytes: no exception, and the counts and row numbers agree."""
    text = "\n".join([",".join(HEADERS[table])] + [",".join(GOOD[table])] * n) + "\n"
    data = bytearray(text.encode())
    for where, noise in damage:
        at = int(where * len(data))
        data[at:at] = noise
    path = tmp_path / f"{table}.csv"
    path.write_bytes(bytes(data))
    result = load_table(path, TABLES[table])
    report = result.report
    assert report.rows == report.loaded + report.rejected == len(result.frame) + report.rejected
    # Lines end at LF, CR LF or a bare CR: an upper bound on the last line's number.
    lines = bytes(data).count(b"\n") + bytes(data).count(b"\r") + 1
    rows = set(result.frame["source_row"]) | set(result.errors["row"].dropna())
    assert all(1 <= r <= lines for r in rows)
    assert not set(result.frame["source_row"]) & set(result.errors["row"].dropna())


@st.composite
def well_formed_csv(draw):
    """Records with quotes, commas and line breaks inside values, written by a CSV writer."""
    cell = st.text(alphabet='ab是,"\r\n 万', max_size=6)
    n = draw(st.integers(min_value=1, max_value=6))
    notes = draw(st.lists(cell, min_size=n, max_size=n))
    return n, notes


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=well_formed_csv(), ending=st.sampled_from(["\n", "\r\n"]))
def test_quoted_values_keep_every_record(tmp_path, case, ending):
    """A CSV writer's quoting (line breaks, quotes, commas inside values) loses no record."""
    import csv
    import io

    n, notes = case
    out = io.StringIO()
    # Minimal quoting quotes a value holding the line terminator's characters; with LF alone
    # a CR inside a value would go unquoted, a line end to every reader: then quote all.
    quoting = csv.QUOTE_MINIMAL if ending == "\r\n" else csv.QUOTE_ALL
    writer = csv.writer(out, lineterminator=ending, quoting=quoting)
    writer.writerow(HEADERS["cases"] + ["备注"])
    for i, note in enumerate(notes):
        writer.writerow([f"C{i}", *GOOD["cases"][1:], note])
    path = tmp_path / "cases.csv"
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    result = load_table(path, TABLES["cases"])
    assert (result.report.loaded, result.report.rejected) == (n, 0)
    assert result.frame["case_id"].tolist() == [f"C{i}" for i in range(n)]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    row=st.integers(min_value=1, max_value=1_048_576),
    column=st.integers(min_value=1, max_value=16_384),
)
def test_a_value_anywhere_in_a_sheet_never_crashes(tmp_path, row, column):
    """One value at any cell of a sheet: the ledger loads, or is refused naming the range."""
    import openpyxl

    from wagekit.workbook import MAX_CELLS

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS["cases"])
    sheet.append(GOOD["cases"])
    sheet.cell(row=row, column=column, value="x")
    path = tmp_path / "cases.xlsx"
    book.save(path)
    result = load_table(path, TABLES["cases"])
    rows, columns = max(row, 2), max(column, len(HEADERS["cases"]))
    if rows * columns > MAX_CELLS:
        assert result.report.unreadable and "上限" in result.errors["reason"].iloc[0]
    else:
        assert not result.report.unreadable
