"""The loader on files as offices really send them."""

import openpyxl
import pandas as pd
import pytest

from wagekit.load import CampaignError, load, load_table

TOML = 'name = "测试行动"\nregion = "测试县"\nstart = 2023-11-01\n'
PROJECT_HEADER = [
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
]
PROJECT_ROWS = [
    [
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
    [
        "P2",
        "二号路",
        "东湖镇",
        "交通运输局",
        "社会投资",
        "乙路桥",
        "￥3000000",
        "2023/02/03",
        "是",
        "否",
        "√",
        "×",
        "有",
        "无",
    ],
]


def _folder(tmp_path, **files):
    (tmp_path / "campaign.toml").write_text(TOML, encoding="utf-8")
    for name, content in files.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return tmp_path


def _csv(header, rows):
    return "\n".join(",".join(map(str, r)) for r in [header, *rows]) + "\n"


def _xlsx(path, rows, merges=()):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    book.save(path)


def test_csv_encodings_detected(tmp_path):
    """UTF-8, UTF-8 with BOM, GBK and GB18030 CSV files all load without being told."""
    text = _csv(PROJECT_HEADER, PROJECT_ROWS)
    for encoding in ("utf-8", "utf-8-sig", "gbk", "gb18030"):
        (tmp_path / encoding).mkdir()
        folder = _folder(tmp_path / encoding, **{"projects.csv": text.encode(encoding)})
        campaign = load(folder)
        assert campaign.report.tables["projects"].loaded == 2, encoding
        assert campaign["projects"]["name"].tolist() == ["一号楼", "二号路"]


def test_gb18030_only_characters(tmp_path):
    """A name with a character outside GBK (𠮷) is read from a GB18030 file."""
    rows = [PROJECT_ROWS[0][:1] + ["𠮷祥苑"] + PROJECT_ROWS[0][2:]]
    folder = _folder(tmp_path, **{"projects.csv": _csv(PROJECT_HEADER, rows).encode("gb18030")})
    assert load(folder)["projects"]["name"].iloc[0] == "𠮷祥苑"


def test_chinese_file_name_and_types(tmp_path):
    """A ledger named in Chinese loads, with money in yuan, dates and yes/no as bool."""
    folder = _folder(tmp_path, **{"在建工程项目台账.csv": _csv(PROJECT_HEADER, PROJECT_ROWS)})
    projects = load(folder)["projects"]
    assert projects["contract_value"].tolist() == [1_200_000.0, 3_000_000.0]
    assert projects["start_date"].tolist() == [
        pd.Timestamp("2023-01-05"),
        pd.Timestamp("2023-02-03"),
    ]
    assert projects["wage_deposit"].tolist() == [True, True]
    assert projects["notice_board"].tolist() == [True, False]
    assert projects["status"].tolist() == ["在建", "在建"]
    assert projects["source_row"].tolist() == [2, 3]
    assert str(projects["real_name"].dtype) == "bool"


def test_alias_headers_and_unit_suffix(tmp_path):
    """所属乡镇/主管部门 are aliases; 合同金额（万元） multiplies by 10,000."""
    header = [
        "项目编号",
        "项目名称",
        "所属乡镇",
        "主管部门",
        "项目类型",
        "施工总承包单位",
        "合同金额（万元）",
        *PROJECT_HEADER[7:],
    ]
    folder = _folder(
        tmp_path,
        **{
            "projects.csv": _csv(
                header,
                [["P1", "x", "镇", "局", "国有企业", "甲", "12.5", "2023-01-05", *["是"] * 6]],
            )
        },
    )
    projects = load(folder)["projects"]
    assert projects["township"].iloc[0] == "镇" and projects["contract_value"].iloc[0] == 125_000


def test_two_row_merged_header_with_title(tmp_path):
    """Official layout: a title row, then 制度落实情况 merged over the systems and 合同金额 over
    （万元）; the first data row is Excel row 4."""
    upper = [*PROJECT_HEADER[:6], "合同金额", "开工日期", "制度落实情况", "", "", "", "", ""]
    lower = ["", "", "", "", "", "", "（万元）", "", *PROJECT_HEADER[8:]]
    rows = [
        ["示例县在建工程项目台账"] + [""] * 13,
        upper,
        lower,
        ["P1", "楼", "镇", "局", "政府投资", "甲", 120, "2023-01-05", *["是"] * 6],
    ]
    _xlsx(tmp_path / "projects.xlsx", rows, merges=["A1:N1", "I2:N2", "A2:A3"])
    campaign = load(_folder(tmp_path))
    projects = campaign["projects"]
    assert projects["contract_value"].iloc[0] == 1_200_000
    assert projects["real_name"].iloc[0] and projects["source_row"].iloc[0] == 4
    assert campaign.report.tables["projects"].header_rows == 2


def test_merged_data_cells_fill_down(tmp_path):
    """A 属地 cell merged over two project rows applies to both."""
    rows = [PROJECT_HEADER, PROJECT_ROWS[0], PROJECT_ROWS[1][:2] + [""] + PROJECT_ROWS[1][3:]]
    _xlsx(tmp_path / "projects.xlsx", rows, merges=["C2:C3"])
    projects = load(_folder(tmp_path))["projects"]
    assert projects["township"].tolist() == ["城关镇", "城关镇"]


def test_excel_serial_and_typed_cells(tmp_path):
    """Excel date cells, serial numbers and numeric project ids load."""
    import datetime as dt

    rows = [
        PROJECT_HEADER,
        [1001, "楼", "镇", "局", "政府投资", "甲", 5000, dt.date(2023, 1, 5), *["是"] * 6],
        [1002, "路", "镇", "局", "政府投资", "甲", 5000, 44931, *[1] * 6],
    ]
    _xlsx(tmp_path / "projects.xlsx", rows)
    projects = load(_folder(tmp_path))["projects"]
    assert projects["project_id"].tolist() == ["1001", "1002"]
    assert projects["start_date"].tolist() == [pd.Timestamp("2023-01-05")] * 2


def test_xls_file(tmp_path):
    """Old .xls files load."""
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("台账")
    for r, row in enumerate([PROJECT_HEADER, *PROJECT_ROWS]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(tmp_path / "projects.xls"))
    assert load(_folder(tmp_path)).report.tables["projects"].loaded == 2


def test_row_numbers_count_blank_lines(tmp_path):
    """A blank line in a CSV is not a row but keeps the line numbers an editor shows."""
    bad = PROJECT_ROWS[1][:4] + ["私营"] + PROJECT_ROWS[1][5:]
    text = (
        _csv(PROJECT_HEADER, [PROJECT_ROWS[0]])
        + "\n"
        + _csv(PROJECT_HEADER, [bad]).split("\n", 1)[1]
    )
    campaign = load(_folder(tmp_path, **{"projects.csv": text}))
    errors = campaign.report.errors
    assert errors[["row", "column", "rule"]].values.tolist() == [[4, "investment_type", "enum"]]


def test_each_rule_rejects_with_row_and_reason(tmp_path):
    """Rules of CONTRACT section 1: required, unique, comparisons and references."""
    employers = _csv(
        [
            "统一社会信用代码",
            "单位名称",
            "行业",
            "属地",
            "职工人数",
            "农民工人数",
            "签订劳动合同人数",
        ],
        [
            ["91350100M000100Y43", "甲", "餐饮", "镇", 10, 12, 5],
            ["91350100M000100Y43", "乙", "餐饮", "镇", 10, 8, 9],
            ["", "丙", "餐饮", "镇", 10, 8, 8],
        ],
    )
    workers = _csv(
        [
            "身份证号",
            "姓名",
            "项目编号",
            "签订劳动合同",
            "计薪方式",
            "工资标准",
            "进场日期",
            "退场日期",
        ],
        [["11010519491231002X", "张三", "P9", "是", "日薪", 300, "2023-03-01", "2023-02-01"]],
    )
    campaign = load(
        _folder(
            tmp_path,
            **{
                "projects.csv": _csv(PROJECT_HEADER, PROJECT_ROWS),
                "employers.csv": employers,
                "workers.csv": workers,
            },
        )
    )
    got = campaign.report.errors[["table", "row", "column", "rule", "reason"]].values.tolist()
    assert got == [
        ["employers", 2, "migrant_workers", "compare", "农民工人数不能多于职工人数"],
        ["employers", 3, "employer_id", "duplicate_key", "统一社会信用代码重复（与第2行相同）"],
        ["employers", 3, "contracts_signed", "compare", "签订劳动合同人数不能多于农民工人数"],
        ["employers", 4, "employer_id", "missing_value", "必填项“统一社会信用代码”为空"],
        ["workers", 2, "project_id", "reference", "在建工程项目台账中没有该项目编号"],
        ["workers", 2, "end_date", "compare", "退场日期不能早于进场日期"],
    ]
    report = campaign.report.tables
    assert (report["employers"].rows, report["employers"].loaded, report["employers"].rejected) == (
        3,
        0,
        3,
    )


def test_reference_to_rejected_row_still_holds(tmp_path):
    """A worker on a project whose row was rejected for another cell is not rejected too."""
    bad_project = PROJECT_ROWS[0][:7] + ["2023年2月30日"] + PROJECT_ROWS[0][8:]
    workers = _csv(
        ["身份证号", "姓名", "项目编号", "签订劳动合同", "计薪方式", "工资标准", "进场日期"],
        [["11010519491231002X", "张三", "P1", "是", "日薪", 300, "2023-03-01"]],
    )
    campaign = load(
        _folder(
            tmp_path,
            **{"projects.csv": _csv(PROJECT_HEADER, [bad_project]), "workers.csv": workers},
        )
    )
    assert campaign.report.tables["workers"].loaded == 1


def test_missing_required_column_rejects_table(tmp_path):
    """Without 合同金额 the whole table is rejected, naming the column and the headers found."""
    header = [h for h in PROJECT_HEADER if h != "合同金额"]
    rows = [
        [v for h, v in zip(PROJECT_HEADER, r, strict=True) if h != "合同金额"] for r in PROJECT_ROWS
    ]
    campaign = load(_folder(tmp_path, **{"projects.csv": _csv(header, rows)}))
    error = campaign.report.errors.iloc[0]
    assert pd.isna(error["row"]) and error["column"] == "contract_value"
    assert error["reason"].startswith("缺少必填列“合同金额”；表中找到的表头：项目编号、项目名称")
    assert campaign.get("projects") is None
    assert campaign.report.tables["projects"].rejected == 2
    assert campaign.report.exit_code == 1


def test_cases_take_investment_type_from_project(tmp_path):
    """A case on a known project takes that project's investment type."""
    cases = _csv(
        [
            "案件编号",
            "线索来源",
            "受理日期",
            "项目编号",
            "被投诉单位",
            "涉及人数",
            "涉及金额",
            "办理状态",
        ],
        [["C1", "国家平台", "2023-11-02", "P1", "甲建设", 3, "2万", "受理"]],
    )
    campaign = load(
        _folder(
            tmp_path, **{"projects.csv": _csv(PROJECT_HEADER, PROJECT_ROWS), "cases.csv": cases}
        )
    )
    assert campaign["cases"]["investment_type"].tolist() == ["政府投资"]
    assert campaign["cases"]["amount_involved"].tolist() == [20_000.0]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("projects.xlsx", b"", "空的"),
        ("projects.xlsx", b"%PDF-1.4 not a sheet", "不是Excel"),
        ("projects.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "密码"),
        ("projects.csv", b"", "空的"),
        ("projects.csv", b"PK\x03\x04binary\x00\x00", "不是CSV"),
        ("projects.xls", b"<html>not xls</html>", "不是Excel"),
    ],
)
def test_unreadable_files_are_clear(tmp_path, name, content, words):
    """Empty, wrong-format and password-protected files give a Chinese reason, exit code 2."""
    campaign = load(_folder(tmp_path, **{name: content}))
    assert campaign.report.exit_code == 2
    reason = campaign.report.errors["reason"].iloc[0]
    assert words in reason


def test_truncated_xlsx(tmp_path):
    """A workbook cut off in the middle of the download is reported, not a traceback."""
    _xlsx(tmp_path / "full.xlsx", [PROJECT_HEADER, *PROJECT_ROWS])
    data = (tmp_path / "full.xlsx").read_bytes()
    (tmp_path / "full.xlsx").unlink()
    campaign = load(_folder(tmp_path, **{"projects.xlsx": data[: len(data) // 2]}))
    assert "损坏或不完整" in campaign.report.errors["reason"].iloc[0]


def test_ragged_csv_line_reported(tmp_path):
    """A CSV line with the wrong number of cells is reported with its line number."""
    text = _csv(PROJECT_HEADER, PROJECT_ROWS).replace("\n", "\nP3,太短\n", 1)
    campaign = load(_folder(tmp_path, **{"projects.csv": text}))
    t = campaign.report.tables["projects"]
    assert (t.rows, t.loaded, t.rejected) == (3, 2, 1)
    assert campaign.report.errors[["row", "rule"]].values.tolist() == [[2, "bad_line"]]
    assert campaign["projects"]["source_row"].tolist() == [3, 4]


def test_two_files_for_one_table(tmp_path):
    """projects.xlsx next to 在建工程项目台账.csv is ambiguous and says so."""
    _xlsx(tmp_path / "projects.xlsx", [PROJECT_HEADER, *PROJECT_ROWS])
    campaign = load(
        _folder(tmp_path, **{"在建工程项目台账.csv": _csv(PROJECT_HEADER, PROJECT_ROWS)})
    )
    assert "多个文件" in campaign.report.errors["reason"].iloc[0]


def test_no_campaign_toml(tmp_path):
    """A folder without campaign.toml cannot be used."""
    with pytest.raises(CampaignError, match="campaign.toml"):
        load(tmp_path)


def test_unknown_columns_noted_not_lost(tmp_path):
    """A column wagekit does not know is listed in the notes."""
    header = [*PROJECT_HEADER, "备注"]
    rows = [[*r, "无"] for r in PROJECT_ROWS]
    campaign = load(_folder(tmp_path, **{"projects.csv": _csv(header, rows)}))
    assert any("备注" in n for n in campaign.report.notes)


def test_parquet_with_canonical_names(tmp_path):
    """Parquet files with canonical English names load (the provincial scale path)."""
    frame = pd.DataFrame(
        {
            "project_id": ["P1"],
            "name": ["楼"],
            "township": ["镇"],
            "department": ["局"],
            "investment_type": ["政府投资"],
            "contractor": ["甲"],
            "contract_value": [1e6],
            "start_date": pd.to_datetime(["2023-01-05"]),
            **{
                c: [True]
                for c in [
                    "real_name",
                    "wage_account",
                    "general_contractor_pays",
                    "bank_payment",
                    "wage_deposit",
                    "notice_board",
                ]
            },
        }
    )
    frame.to_parquet(tmp_path / "projects.parquet")
    projects = load(_folder(tmp_path))["projects"]
    assert projects["contract_value"].iloc[0] == 1e6 and projects["real_name"].iloc[0]


def test_load_table_alone(tmp_path):
    """load_table reads one file without a campaign folder."""
    (tmp_path / "p.csv").write_text(_csv(PROJECT_HEADER, PROJECT_ROWS), encoding="utf-8")
    result = load_table(tmp_path / "p.csv", "projects")
    assert len(result.frame) == 2 and result.report.rows == 2


def test_campaign_folder_never_written(tmp_path):
    """Loading leaves the folder exactly as it was."""
    folder = _folder(tmp_path, **{"projects.csv": _csv(PROJECT_HEADER, PROJECT_ROWS)})
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    load(folder)
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before


def _payroll_parquet(path, typed, repeat=1):
    """Four payroll rows (one clean, three broken) as Parquet, typed or all text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {
        "id_number": ["A1", "A2", "A3", None],
        "project_id": ["P1", "P1", "P2", "P2"],
        "month": ["2023-11-01", "1949-12-01", "2023-11-01", "2024-01-01"],
        "days_worked": ["20", "40", "10", "1.5"],
        "wage_due": ["3000", None, "100", "10"],
        "wage_paid": ["3000", "100", "-5", "10"],
        "pay_date": ["2023-12-10", None, "1949-06-01", "2024-02-10"],
        "pay_method": ["银行代发", "现金", None, "银行代发"],
    }
    arrays = {}
    for name, cells in columns.items():
        text = pa.array(cells * repeat, pa.string())
        if typed and name in ("month", "pay_date"):
            text = text.cast(pa.timestamp("s")).cast(pa.date32())
        elif typed and name in ("days_worked", "wage_due", "wage_paid"):
            text = text.cast(pa.float64())
        arrays[name] = text
    pq.write_table(pa.table(arrays), path)
    return path


@pytest.mark.parametrize("repeat", [1, 30_000])
def test_typed_parquet_loads_as_the_same_data_as_text(tmp_path, repeat):
    """Parquet columns already typed (dates, numbers) give the frame and errors of text cells.

    30,000 copies make the columns long enough for the month and date text to be parsed once
    per distinct cell.
    """
    typed = load_table(_payroll_parquet(tmp_path / "typed.parquet", True, repeat), "payroll")
    text = load_table(_payroll_parquet(tmp_path / "text.parquet", False, repeat), "payroll")
    pd.testing.assert_frame_equal(typed.frame, text.frame)
    pd.testing.assert_frame_equal(
        typed.errors.drop(columns="file"), text.errors.drop(columns="file")
    )
    assert typed.report.rows == 4 * repeat and typed.report.loaded == repeat
    assert sorted(set(typed.errors["rule"])) == ["bad_date", "bad_month", "missing_value", "range"]
    # A typed month is held to the same years as a month written as text.
    months = typed.errors[typed.errors["rule"] == "bad_month"]
    assert set(months["reason"]) == {"工资月份不在1950年到2100年之间"}


def test_row_numbers_crlf_blank_line_without_final_newline(tmp_path):
    """Windows line ends, a blank line and no newline at the end: rows keep their line numbers."""
    bad = PROJECT_ROWS[1][:4] + ["私营"] + PROJECT_ROWS[1][5:]
    lines = [",".join(map(str, r)) for r in (PROJECT_HEADER, PROJECT_ROWS[0])]
    text = "\r\n".join([*lines, "", ",".join(map(str, bad))])
    campaign = load(_folder(tmp_path, **{"projects.csv": text}))
    errors = campaign.report.errors
    assert errors[["row", "column", "rule"]].values.tolist() == [[4, "investment_type", "enum"]]
    assert campaign["projects"]["source_row"].tolist() == [2]


def test_row_numbers_without_blank_lines_count_rows(tmp_path):
    """With no blank line and no final newline, row n of the data is line n + 1."""
    text = _csv(PROJECT_HEADER, PROJECT_ROWS).rstrip("\n")
    campaign = load(_folder(tmp_path, **{"projects.csv": text}))
    assert campaign["projects"]["source_row"].tolist() == [2, 3]


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_date_after_2262_is_a_row_error(tmp_path, suffix):
    """9999-12-31 in a typed date column is reported as out of range, not a traceback."""
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / f"payroll.{suffix}"
    if suffix == "csv":
        header = "身份证号,项目编号,工资月份,出勤天数,实发工资,发放日期"
        rows = ["A1,P1,2023-11,20,100,2023-12-10", "A2,P1,2023-11,20,100,9999-12-31"]
        path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    else:
        dates = pa.array([dt.date(2023, 12, 10), dt.date(9999, 12, 31)])
        table = pa.table(
            {
                "id_number": ["A1", "A2"],
                "project_id": ["P1", "P1"],
                "month": pa.array([dt.date(2023, 11, 1)] * 2),
                "days_worked": [20.0, 20.0],
                "wage_paid": [100.0, 100.0],
                "pay_date": dates,
            }
        )
        pq.write_table(table, path)
    result = load_table(path, "payroll")
    assert result.frame["pay_date"].tolist() == [pd.Timestamp("2023-12-10")]
    assert result.errors[["row", "column", "value", "rule"]].values.tolist() == [
        [3, "pay_date", "9999-12-31", "bad_date"]
    ]


def test_membership_on_threads_matches_one_call():
    """Slices probed on several threads flag exactly the cells one ``is_in`` call flags."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from wagekit.load.rules import _is_in

    known = pa.array(["A1", "A3", "A5"])
    values = pa.chunked_array([["A1", "A2", None], ["A3"], [], ["A4", "A5", "A1", None, "A6"]])
    one_call = pc.is_in(values, value_set=known).to_numpy(zero_copy_only=False)
    for threads in (2, 3, 4):
        assert _is_in(values, known, threads=threads, min_rows=1).tolist() == one_call.tolist()


def test_references_checked_on_threads_report_the_same(tmp_path, monkeypatch):
    """Reference rules probed on several threads give the frame and errors of one probe."""
    import pyarrow as pa

    from wagekit.load import rules

    path = _payroll_parquet(tmp_path / "payroll.parquet", True, 50)
    keys = {"workers": pd.Index(["A1", "A3"]), "projects": pd.Index(["P2"])}
    one = load_table(path, "payroll", keys)
    monkeypatch.setattr(rules, "_PROBE_ROWS", 3)
    monkeypatch.setattr(pa, "cpu_count", lambda: 4)
    threaded = load_table(path, "payroll", keys)
    pd.testing.assert_frame_equal(threaded.frame, one.frame)
    pd.testing.assert_frame_equal(threaded.errors, one.errors)
    assert "reference" in set(one.errors["rule"])


@pytest.mark.parametrize(
    "written",
    [
        {"use_dictionary": False},
        {"use_dictionary": True, "row_group_size": 7},
        {"large_string": True},
    ],
)
def test_parquet_text_encodings_load_the_same(tmp_path, written):
    """Text written plain, dictionary-encoded or as large_string loads to the same frame and errors.

    The rows carry a bad month, blanks, a duplicate and references to a missing worker and a
    missing project.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id_number": ["A1", "A2", None, "A1", "A9", " A3 "] * 5,
            "project_id": ["P1", "P1", "P2", "P9", "P1", "P2"] * 5,
            "month": ["2023-11", "2023年12月", "2023-11", "2023-13", "", "2024-01"] * 5,
            "days_worked": [20.0, 3.0, None, 10.0, 1.0, 2.0] * 5,
            "wage_paid": ["3000", "100", "5", "", "10", "1万"] * 5,
            "pay_method": ["银行代发", "现金", None, " 现金", "支票", "银行代发"] * 5,
        }
    )
    keys = {"workers": pd.Index(["A1", "A2", "A3"]), "projects": pd.Index(["P1", "P2"])}
    plain = tmp_path / "plain.parquet"
    pq.write_table(table, plain, use_dictionary=False)
    path = tmp_path / "written.parquet"
    if written.pop("large_string", False):
        wide = pa.schema(
            [f.with_type(pa.large_string()) for f in table.schema if f.type == pa.string()]
            + [f for f in table.schema if f.type != pa.string()]
        )
        pq.write_table(table.select(wide.names).cast(wide), path)
    else:
        pq.write_table(table, path, **written)
    expected, result = load_table(plain, "payroll", keys), load_table(path, "payroll", keys)
    pd.testing.assert_frame_equal(result.frame, expected.frame)
    pd.testing.assert_frame_equal(
        result.errors.drop(columns="file"), expected.errors.drop(columns="file")
    )
    assert {"reference", "missing_value", "bad_month", "enum"} <= set(result.errors["rule"])


def test_contact_columns_are_read_when_given(tmp_path):
    """联系人 (or 项目负责人) and 联系电话 are optional: read as text when a ledger has them."""
    header = [*PROJECT_HEADER, "项目负责人", "联系电话"]
    rows = [[*PROJECT_ROWS[0], "张三", "0571-8888 1234"], [*PROJECT_ROWS[1], "", ""]]
    campaign = load(_folder(tmp_path, **{"projects.csv": _csv(header, rows)}))
    projects = campaign.get("projects")
    assert campaign.report.errors.empty
    assert projects["contact_person"].tolist()[0] == "张三"
    assert projects["contact_phone"].tolist()[0] == "0571-8888 1234"
    assert projects["contact_person"].isna().tolist()[1]
