"""A corpus of broken ledgers 损坏台账: every class of file wagekit has met, generated on the spot.

A *case* is one campaign folder (``campaign.toml`` and ledger files) and, for each table, the
*rows written*: how many records its files hold, known because this module wrote them (header,
title and blank lines are not records; 合计/示例 rows and hidden-sheet rows are). ``None`` means
the table is refused whole, with an error saying why (an unreadable file, a link leaving the
folder, two files for one table). Running a case runs ``wagekit validate --json`` and ``wagekit
summary --json`` on it. A *crash* is an exit code other than 0, 1 or 2, or any exception (a
traceback); *rows lost* are rows written − (loaded + rejected + skipped) over every table that
was not refused whole.

Run ``python tests/corpus/broken_files.py`` for the figure the README quotes (files tried,
crashes, rows lost); ``tests/corpus/test_corpus.py`` asserts it is 0/0.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Font

TOML = 'name = "测试行动"\nregion = "测试县"\nstart = 2023-11-01\nend = 2024-02-09\n'
HEADER = ["日期", "属地", "开展单位", "活动类型", "数量"]
ROWS = [
    ["2023-11-01", "城关镇", "人社局", "现场咨询", "3"],
    ["2023-11-02", "东湖镇", "人社局", "发放宣传资料", "200"],
]
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
PROJECT = ["P1", "一号楼", "城关镇", "住建局", "政府投资", "甲建设", "120万", "2023-01-05"] + [
    "是"
] * 6


@dataclass
class Case:
    """One campaign folder to try and the rows written per table (None: refused whole)."""

    name: str
    files: dict[str, bytes | Callable[[Path], None]]
    rows: dict[str, int | None] = field(default_factory=dict)
    toml: bytes | None = TOML.encode()


def _csv(rows: list[list[str]], header: list[str] = HEADER, end: str = "\n") -> str:
    return end.join(",".join(r) for r in [header, *rows]) + end


def _xlsx(sheets: dict[str, list[list]], hidden=(), far=None, styled_far=None, merges=()):
    def write(path: Path) -> None:
        book = openpyxl.Workbook()
        book.remove(book.active)
        for name, rows in sheets.items():
            sheet = book.create_sheet(name)
            for row in rows:
                sheet.append(row)
            if name in hidden:
                sheet.sheet_state = "hidden"
            for merge in merges:
                sheet.merge_cells(merge)
        first = book.worksheets[0]
        if far:
            first[far] = "多余"
        if styled_far:
            first[styled_far].font = Font(bold=True)
        book.save(path)

    return write


def _raw_xlsx(sheet_xml: str, state: str = "visible") -> Callable[[Path], None]:
    """A minimal workbook around hand-written sheet XML (references, prefixes, dimension)."""

    def write(path: Path) -> None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(
                "[Content_Types].xml",
                '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                '2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                'openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
                '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                "</Types>",
            )
            archive.writestr(
                "_rels/.rels",
                '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                'Target="xl/workbook.xml"/></Relationships>',
            )
            archive.writestr(
                "xl/workbook.xml",
                '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" '
                f'state="{state}" r:id="rId1"/></sheets></workbook>',
            )
            archive.writestr(
                "xl/_rels/workbook.xml.rels",
                '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                'Target="worksheets/sheet1.xml"/></Relationships>',
            )
            archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)

    return write


def _sheet_xml(rows: list[list[str]], far: str | None = None, refs=True, prefix="") -> str:
    p = f"{prefix}:" if prefix else ""
    ns = f' xmlns{":" + prefix if prefix else ""}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    out = [f'<?xml version="1.0"?><{p}worksheet{ns}><{p}dimension ref="A1:E3"/><{p}sheetData>']
    for i, row in enumerate(rows, start=1):
        cells = []
        for j, value in enumerate(row):
            ref = f' r="{chr(65 + j)}{i}"' if refs else ""
            cells.append(f'<{p}c{ref} t="inlineStr"><{p}is><{p}t>{value}</{p}t></{p}is></{p}c>')
        out.append(f'<{p}row r="{i}">' + "".join(cells) + f"</{p}row>")
    if far:
        out.append(f'<{p}row r="3"><{p}c r="{far}" t="inlineStr"><{p}is><{p}t>x</{p}t>')
        out.append(f"</{p}is></{p}c></{p}row>")
    out.append(f"</{p}sheetData></{p}worksheet>")
    return "".join(out)


def _xls(rows: list[list[str]]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        import xlwt

        book = xlwt.Workbook()
        sheet = book.add_sheet("台账")
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                sheet.write(i, j, value)
        book.save(str(path))

    return write


def _parquet(frame: pd.DataFrame) -> Callable[[Path], None]:
    return lambda path: frame.to_parquet(path)


def _link_outside(path: Path) -> None:
    secret = path.parent.parent / f"{path.parent.name}-outside.csv"
    secret.write_text("机密,内容\n", encoding="utf-8")
    path.symlink_to(secret)


LINES = [",".join(r) for r in ROWS]
PUB = "publicity.csv"
PUBX = "publicity.xlsx"


def cases() -> list[Case]:
    """Every case of the corpus."""
    body = _csv(ROWS)
    good = [HEADER, *ROWS]
    return [
        # CSV quoting, line ends and blank lines.
        Case("csv_clean", {PUB: body.encode()}, {"publicity": 2}),
        Case(
            "csv_unterminated_quote",
            {
                PUB: _csv(
                    [ROWS[0], ["2023-11-03", '"城关镇', "人社局", "现场咨询", "4"], *ROWS]
                ).encode()
            },
            {"publicity": 4},
        ),
        Case(
            "csv_unterminated_quote_last_line",
            {PUB: (body + '2023-11-05,城关镇,"人社局,现场咨询,5\n').encode()},
            {"publicity": 3},
        ),
        Case(
            "csv_stray_quote_then_quoted_field",
            {
                PUB: _csv(
                    [
                        ["2023-11-03", '"城关镇', "人社局", "现场咨询", "4"],
                        ROWS[0],
                        ["2023-11-04", '"东湖镇"', "人社局", "现场咨询", "5"],
                    ]
                ).encode()
            },
            {"publicity": 3},
        ),
        Case(
            "csv_bare_cr_in_quotes",
            {
                PUB: _csv(
                    [["2023-11-03", "城关镇", '"人社局\r二队"', "现场咨询", "4"], *ROWS]
                ).encode()
            },
            {"publicity": 3},
        ),
        Case(
            "csv_lf_in_quotes",
            {
                PUB: _csv(
                    [["2023-11-03", "城关镇", '"人社局\n二队"', "现场咨询", "4"], *ROWS]
                ).encode()
            },
            {"publicity": 3},
        ),
        Case("csv_cr_line_ends", {PUB: _csv(ROWS, end="\r").encode()}, {"publicity": 2}),
        Case(
            "csv_crlf_blank_lines",
            {PUB: ("\r\n".join([",".join(HEADER), "", LINES[0], "", "", LINES[1]])).encode()},
            {"publicity": 2},
        ),
        Case(
            "csv_ragged_lines",
            {
                PUB: (
                    body + "2023-11-05,城关镇\n2023-11-06,城关镇,人社局,现场咨询,5,多余\n"
                ).encode()
            },
            {"publicity": 4},
        ),
        Case("csv_whitespace_line", {PUB: (body + "   \n\t\n").encode()}, {"publicity": 2}),
        Case(
            "csv_long_quoted_cell",
            {PUB: (body + '2023-11-07,城关镇,"' + "长" * 200_000 + '",现场咨询,1\n').encode()},
            {"publicity": 3},
        ),
        Case(
            "csv_long_unclosed_cell",
            {
                PUB: (
                    body + '2023-11-07,城关镇,"' + "长" * 200_000 + "\n" + LINES[0] + "\n"
                ).encode()
            },
            {"publicity": 4},
        ),
        # Encodings and bytes that are not text.
        Case("csv_utf16_bom", {PUB: body.encode("utf-16")}, {"publicity": 2}),
        Case("csv_utf16_be_bom", {PUB: b"\xfe\xff" + body.encode("utf-16-be")}, {"publicity": 2}),
        Case("csv_utf16_no_bom", {PUB: body.encode("utf-16-le")}, {"publicity": 2}),
        Case(
            "csv_nul_byte",
            {PUB: (body + "2023-11-05,城\x00关镇,人社局,现场咨询,5\n").encode()},
            {"publicity": 3},
        ),
        Case("csv_binary", {PUB: bytes(range(256)) * 40}, {"publicity": None}),
        Case(
            "csv_doubled_bom", {PUB: b"\xef\xbb\xbf\xef\xbb\xbf" + body.encode()}, {"publicity": 2}
        ),
        Case("csv_gbk", {PUB: body.encode("gbk")}, {"publicity": 2}),
        Case("csv_gb18030", {PUB: body.encode("gb18030")}, {"publicity": 2}),
        Case("csv_undecodable", {PUB: b"\xff\xfe\xfd" * 10 + body.encode()}, {"publicity": None}),
        Case("csv_zero_bytes", {PUB: b""}, {"publicity": None}),
        Case("csv_spaces_only", {PUB: b"   \n \n"}, {"publicity": None}),
        Case("csv_header_only", {PUB: _csv([]).encode()}, {"publicity": 0}),
        Case("csv_xlsx_renamed", {PUB: b"PK\x03\x04" + b"\0" * 64}, {"publicity": None}),
        # Cells and rows.
        Case(
            "csv_total_and_example_rows",
            {
                PUB: _csv(
                    [
                        ["示例", "城关镇", "人社局", "现场咨询", "1"],
                        *ROWS,
                        ["合计", "", "", "", "203"],
                    ]
                ).encode()
            },
            {"publicity": 4},
        ),
        Case(
            "csv_money_1e308",
            {
                "projects.csv": _csv(
                    [PROJECT[:6] + ["1e308"] + PROJECT[7:]], PROJECT_HEADER
                ).encode()
            },
            {"projects": 1},
        ),
        Case(
            "csv_formula_and_control_cells",
            {
                PUB: _csv(
                    [["2023-11-03", "=1+1", "@SUM(A1)", "\x1b[31m现场咨询", "+4"], *ROWS]
                ).encode()
            },
            {"publicity": 3},
        ),
        Case(
            "csv_missing_required_column",
            {PUB: _csv([r[:4] for r in ROWS], HEADER[:4]).encode()},
            {"publicity": 2},
        ),
        Case(
            "csv_title_and_two_row_header",
            {
                PUB: (
                    "宣传活动记录表,,,,\n"
                    + "日期,属地,开展单位,活动类型,数量\n,,,,（次）\n"
                    + "\n".join(LINES)
                    + "\n"
                ).encode()
            },
            {"publicity": 2},
        ),
        # Workbooks.
        Case("xlsx_clean", {PUBX: _xlsx({"台账": good})}, {"publicity": 2}),
        Case(
            "xlsx_far_value", {PUBX: _xlsx({"台账": good}, far="XFD1048576")}, {"publicity": None}
        ),
        Case("xlsx_far_value_column", {PUBX: _xlsx({"台账": good}, far="XFD3")}, {"publicity": 2}),
        Case(
            "xlsx_far_value_row", {PUBX: _xlsx({"台账": good}, far="A1048576")}, {"publicity": None}
        ),
        Case(
            "xlsx_far_formatted_empty",
            {PUBX: _xlsx({"台账": good}, styled_far="XFD1048576")},
            {"publicity": 2},
        ),
        Case(
            "xlsx_far_value_lying_dimension",
            {PUBX: _raw_xlsx(_sheet_xml(good, far="XFD1048576"))},
            {"publicity": None},
        ),
        Case(
            "xlsx_prefixed_far_value",
            {PUBX: _raw_xlsx(_sheet_xml(good, far="XFD1048576", prefix="x"))},
            {"publicity": None},
        ),
        Case(
            "xlsx_no_cell_references",
            {PUBX: _raw_xlsx(_sheet_xml(good, refs=False))},
            {"publicity": 2},
        ),
        Case(
            "xlsx_month_sheets",
            {
                PUBX: _xlsx(
                    {
                        "11月": good,
                        "12月": [HEADER, ["2023-12-01", "城关镇", "人社局", "现场咨询", "三场"]],
                    }
                )
            },
            {"publicity": 3},
        ),
        Case(
            "xlsx_hidden_old_sheet_first",
            {
                PUBX: _xlsx(
                    {
                        "旧表": [HEADER, ["2022-11-01", "城关镇", "人社局", "现场咨询", "9"]],
                        "本期": good,
                    },
                    hidden=("旧表",),
                )
            },
            {"publicity": 2},
        ),
        Case(
            "xlsx_instructions_sheet",
            {PUBX: _xlsx({"填写说明": [["请按表头填写"], ["日期"]], "台账": good})},
            {"publicity": 2},
        ),
        Case(
            "xlsx_sheets_cannot_be_told_apart",
            {
                PUBX: _xlsx(
                    {
                        "甲": [["日期", "备注"], ["2023-11-01", "x"]],
                        "乙": [["日期", "说明"], ["2023-11-02", "y"]],
                    }
                )
            },
            {"publicity": None},
        ),
        Case(
            "xlsx_only_hidden_sheet",
            {PUBX: _raw_xlsx(_sheet_xml(good), state="hidden")},
            {"publicity": None},
        ),
        Case("xlsx_empty_sheet", {PUBX: _xlsx({"台账": []})}, {"publicity": None}),
        Case(
            "xlsx_total_and_example_rows",
            {
                PUBX: _xlsx(
                    {
                        "台账": [
                            HEADER,
                            ["（示例）", "城关镇", "人社局", "现场咨询", 1],
                            *ROWS,
                            ["合 计", None, None, None, 203],
                        ]
                    }
                )
            },
            {"publicity": 4},
        ),
        Case(
            "xlsx_title_merged_header",
            {PUBX: _xlsx({"台账": [["宣传活动记录表"], HEADER, *ROWS]}, merges=("A1:E1",))},
            {"publicity": 2},
        ),
        Case(
            "xlsx_truncated",
            {PUBX: lambda p: (_xlsx({"台账": good})(p), p.write_bytes(p.read_bytes()[:300]))},
            {"publicity": None},
        ),
        Case("xlsx_garbage_zip", {PUBX: b"PK\x03\x04" + os.urandom(512)}, {"publicity": None}),
        Case(
            "xlsx_ole_magic",
            {PUBX: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512},
            {"publicity": None},
        ),
        Case("xlsx_zero_bytes", {PUBX: b""}, {"publicity": None}),
        Case("xls_clean", {"publicity.xls": _xls(good)}, {"publicity": 2}),
        Case(
            "xls_garbage",
            {"publicity.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(600)},
            {"publicity": None},
        ),
        Case(
            "parquet_clean",
            {"publicity.parquet": _parquet(pd.DataFrame(ROWS, columns=HEADER))},
            {"publicity": 2},
        ),
        Case(
            "parquet_garbage", {"publicity.parquet": b"PAR1" + os.urandom(100)}, {"publicity": None}
        ),
        # The folder.
        Case("link_outside_folder", {PUB: _link_outside}, {"publicity": None}),
        Case(
            "two_files_one_table",
            {PUB: body.encode(), "宣传活动记录.csv": body.encode()},
            {"publicity": None},
        ),
        # campaign.toml.
        Case("toml_phases_number", {PUB: body.encode()}, toml=(TOML + "phases = 3\n").encode()),
        Case(
            "toml_holidays_number",
            {PUB: body.encode()},
            toml=(TOML + "[calendar]\nholidays = 5\n").encode(),
        ),
        Case(
            "toml_section_typo",
            {PUB: body.encode()},
            toml=(TOML + "[rule]\nminimum_wage_monthly = 2000\n").encode(),
        ),
        Case("toml_gbk", {PUB: body.encode()}, toml=TOML.encode("gbk")),
        Case(
            "toml_syntax", {PUB: body.encode()}, toml=b"name = \xe6\xb5\x8b\nstart = 2023-11-01\n"
        ),
        Case("toml_missing_start", {PUB: body.encode()}, toml=b'name = "x"\n'),
        Case("toml_binary", {PUB: body.encode()}, toml=os.urandom(64)),
        Case("toml_absent", {PUB: body.encode()}, toml=None),
    ]


def build(case: Case, root: Path) -> Path:
    """Write a case's folder under ``root``."""
    folder = root / case.name
    folder.mkdir(parents=True)
    if case.toml is not None:
        (folder / "campaign.toml").write_bytes(case.toml)
    for name, content in case.files.items():
        if callable(content):
            content(folder / name)
        else:
            (folder / name).write_bytes(content)
    return folder


def _run(argv: list[str]) -> tuple[int | None, str, str]:
    """Run the command line in this process: (exit code or None on an exception, out, err)."""
    from wagekit.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        except Exception:
            traceback.print_exc(file=err)
            code = None
    return code, out.getvalue(), err.getvalue()


@dataclass
class Figure:
    """What the corpus found."""

    cases: int = 0
    files: int = 0
    crashes: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"cases {self.cases}, files tried {self.files}, crashes {len(self.crashes)}, "
            f"rows lost {len(self.lost)}"
        )


def run_corpus(root: Path) -> Figure:
    """Build every case under ``root`` and run validate and summary on each."""
    figure = Figure()
    for case in cases():
        folder = build(case, root)
        figure.cases += 1
        figure.files += len(case.files) + (case.toml is not None)
        report = None
        for argv in (
            ["validate", str(folder), "--json"],
            ["summary", str(folder), "--json", "--as-of", "2024-01-15"],
        ):
            code, out, err = _run(argv)
            if code not in (0, 1, 2) or "Traceback" in err:
                figure.crashes.append(f"{case.name} {argv[0]}: exit {code}\n{err[-2000:]}")
            elif argv[0] == "validate":
                report = json.loads(out)
        if report is None:
            continue
        for table, written in case.rows.items():
            counts = report["tables"].get(table)
            if written is None or counts is None:
                if written is not None or (
                    counts is None and not any(e["table"] == table for e in report["errors"])
                ):
                    figure.lost.append(f"{case.name} {table}: refused without an error")
                continue
            read = counts["loaded"] + counts["rejected"] + counts["skipped"]
            if read != written or counts["rows"] != counts["loaded"] + counts["rejected"]:
                figure.lost.append(f"{case.name} {table}: written {written}, counts {counts}")
    return figure


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("WAGEKIT_HOME", str(Path(tmp) / "home"))
        os.environ.setdefault("WAGEKIT_CACHE", "off")
        figure = run_corpus(Path(tmp) / "corpus")
    print(figure.line())
    for problem in figure.crashes + figure.lost:
        print(problem)
    return 0 if not figure.crashes and not figure.lost else 1


if __name__ == "__main__":
    sys.exit(main())
