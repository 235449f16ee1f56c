"""What ``wagekit validate`` prints of a ledger's text: ID numbers masked, no control characters."""

import argparse

import pytest

from wagekit.commands import validate

ID = "110101199003071233"
OTHER_ID = "11010119900307451X"
TOML = """name = "校验输出测试"
region = "测试县"
start = 2023-11-01
end = 2024-02-09
"""
HEADER = "身份证号,姓名,项目编号,签订劳动合同,计薪方式,工资标准,进场日期\n"
PROJECTS = (
    "项目编号,项目名称,属地,行业主管部门,投资类型,施工总承包单位,合同金额,开工日期,实名制管理,"
    "工资专用账户,总包代发工资,银行代发工资,工资保证金,维权信息公示牌\n"
    "P001,城南小学,城关镇,教育局,政府投资,甲建设公司,1000000,2023-03-01,是,是,是,是,是,是\n"
)


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="wagekit")
    validate.register(parser.add_subparsers(required=True))
    args = parser.parse_args(argv)
    return args.run(args)


@pytest.fixture
def folder(tmp_path):
    """A campaign whose roster has a line the loader rejects whole, quoting it back."""
    (tmp_path / "campaign.toml").write_text(TOML, encoding="utf-8")
    (tmp_path / "projects.csv").write_text(PROJECTS, encoding="utf-8")
    rows = (
        f"{ID},张三,P001,是,日薪,300,2023-03-01\n"
        # Too many cells: rejected with the whole line echoed, a second ID number in a note.
        f"{OTHER_ID},李四\x1b[2J,P001,是,日薪,300,2023-03-01,备注：代领人{ID}\n"
    )
    (tmp_path / "workers.csv").write_text(HEADER + rows, encoding="utf-8")
    return tmp_path


def test_rejected_line_echoed_with_ids_masked(folder, capsys):
    """A rejected line is quoted for the clerk without any full ID number in it."""
    assert run(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "第3行" in out and "李四" in out
    assert ID not in out and OTHER_ID not in out
    assert "110101********451X" in out and "代领人110101********1233" in out


def test_escape_sequences_in_a_ledger_are_not_printed(folder, capsys):
    """An escape sequence written into a ledger cell cannot clear the clerk's terminal."""
    run(["validate", str(folder)])
    assert "\x1b" not in capsys.readouterr().out


def test_show_ids_reveals_the_echoed_line(folder, capsys):
    """--show-ids is the way to see the full numbers, still without control characters."""
    assert run(["validate", str(folder), "--show-ids"]) == 1
    out = capsys.readouterr().out
    assert OTHER_ID in out and f"代领人{ID}" in out and "\x1b" not in out
