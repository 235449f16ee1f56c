"""campaign.toml checked against its one declaration: clear Chinese problems, never a traceback."""

import datetime as dt
import json

import pytest

from wagekit.cli import main
from wagekit.config import SCHEMA, ConfigError, Office, Rules, Scoring, read_config

BASE = 'name = "测试行动"\nregion = "测试县"\nstart = 2023-11-01\n'


def _config(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "campaign.toml"
    path.write_bytes(text.encode(encoding))
    return path


def _problem(tmp_path, text, encoding="utf-8") -> str:
    with pytest.raises(ConfigError) as caught:
        read_config(_config(tmp_path, text, encoding))
    return str(caught.value)


def test_defaults_when_only_required_keys(tmp_path):
    """Only name and start given: every rule and weight takes its default, no previous."""
    config = read_config(_config(tmp_path, BASE))
    assert config.rules == Rules() and config.scoring == Scoring()
    assert config.previous is None and config.end is None


def test_default_weights_add_up_to_100():
    """The township score's default weights are points out of 100."""
    assert sum(vars(Scoring()).values()) == 100


def test_scoring_and_previous_read(tmp_path):
    """[scoring] weights and the previous campaign's folder (relative to this one) are read."""
    text = BASE + 'previous = "../2022冬季行动"\n[scoring]\nclosure_rate = 40\npublicity = 0\n'
    config = read_config(_config(tmp_path, text))
    assert config.scoring.closure_rate == 40.0 and config.scoring.publicity == 0.0
    assert config.scoring.two_zero == Scoring().two_zero
    assert config.previous == tmp_path.parent / "2022冬季行动"


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ("phases = 3\n", "phases 应为一节设置 [phases]"),
        ("[calendar]\nholidays = 5\n", "[calendar] holidays（放假日期）应为日期列表"),
        ("[rule]\nminimum_wage_monthly = 2000\n", "未知的节 [rule]，是否应为 [rules]？"),
        ("[rules]\nminimum_wage = 2000\n", "是否应为 minimum_wage_monthly？"),
        ("[rules]\ncase_deadline_working_days = 30.5\n", "应为不小于0的整数"),
        ("[rules]\nminimum_wage_monthly = -1\n", "应为不小于0的数字"),
        ('[scoring]\nclosure_rate = "高"\n', "案件办结率权重"),
        ("holidays = [2027-02-05]\n", "是否应写在 [calendar] 节中？"),
        ("[phases]\npublicity = [2023-11-30, 2023-11-01]\n", "结束日期早于开始日期"),
        ("[phases]\npublicty = [2023-11-01, 2023-11-30]\n", "是否应为 publicity？"),
        ('end = "2023/12/01"\n', "end（结束日期）应为日期"),
        ("[office]\nphone = 12345678\n", "[office] phone（联系电话）应为文字"),
        ('[office]\nnumber_prefx = "示人社监"\n', "是否应为 number_prefix？"),
    ],
)
def test_wrong_values_and_unknown_names(tmp_path, extra, words):
    """Each wrong type or unknown name is a Chinese problem naming it."""
    assert words in _problem(tmp_path, BASE + extra)


def test_every_problem_listed_at_once(tmp_path):
    """Several problems are all named in one message."""
    message = _problem(tmp_path, BASE + "phases = 3\n[rule]\nx = 1\n")
    assert "2处问题" in message and "phases" in message and "[rule]" in message


def test_missing_required_key(tmp_path):
    """A file without start says which key is missing."""
    assert "缺少必填项 start" in _problem(tmp_path, 'name = "测试"\n')


def test_gbk_file_named_in_chinese(tmp_path):
    """A campaign.toml saved as GBK gets a Chinese message, not a codec error."""
    message = _problem(tmp_path, BASE, encoding="gbk")
    assert "不是UTF-8编码" in message and "GBK" in message


def test_toml_syntax_error_gives_line(tmp_path):
    """Text without quotes is a syntax problem with its line and column."""
    assert "第1行第8列" in _problem(tmp_path, "name = 测试\nstart = 2023-11-01\n")


def test_every_section_declared_once():
    """The declaration covers every rule and weight field, so none can be silently unknown."""
    assert set(SCHEMA["rules"]) == set(vars(Rules()))
    assert set(SCHEMA["scoring"]) == set(vars(Scoring()))
    assert set(SCHEMA["office"]) == set(vars(Office()))


def test_office_read_and_left_blank_where_silent(tmp_path):
    """[office] gives the issuing office; a campaign without it has an office of blanks."""
    assert read_config(_config(tmp_path, BASE)).office == Office()
    text = BASE + '[office]\nname = "测试县人力资源和社会保障局"\nnumber_prefix = "测人社监"\n'
    office = read_config(_config(tmp_path, text)).office
    assert office.name == "测试县人力资源和社会保障局" and office.number_prefix == "测人社监"
    assert office.police == "" and office.phone == ""


def test_phase_dates_read(tmp_path):
    """Phases are read as pairs of days."""
    text = BASE + "[phases]\npublicity = [2023-11-01, 2023-11-30]\n"
    config = read_config(_config(tmp_path, text))
    assert config.phases == {"publicity": (dt.date(2023, 11, 1), dt.date(2023, 11, 30))}


@pytest.mark.parametrize("command", ["validate", "summary"])
def test_cli_bad_config_is_exit_2_with_json(tmp_path, monkeypatch, capsys, command):
    """validate and summary --json on a bad campaign.toml: exit 2, JSON naming the problem."""
    monkeypatch.setenv("WAGEKIT_HOME", str(tmp_path / "home"))
    _config(tmp_path, BASE + "[rule]\nminimum_wage_monthly = 2000\n")
    assert main([command, str(tmp_path), "--json"]) == 2
    error = json.loads(capsys.readouterr().out)["errors"][0]
    assert "是否应为 [rules]？" in error["reason"]
