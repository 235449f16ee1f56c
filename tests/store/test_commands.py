"""The store's commands, run through their parsers on a tiny campaign folder."""

import argparse
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from wagekit import cli
from wagekit.commands import common
from wagekit.commands import store as store_commands
from wagekit.recorded import case_positions
from wagekit.store import CampaignKey, Store

KEY = CampaignKey("2023年度根治欠薪冬季专项行动", "示例县")
CAMPAIGN_TOML = """name = "2023年度根治欠薪冬季专项行动"
region = "示例县"
start = 2023-11-01
end = 2024-02-09
"""
PROJECTS = (
    "项目编号,项目名称,属地,行业主管部门,投资类型,施工总承包单位,合同金额,开工日期,实名制管理,"
    "工资专用账户,总包代发工资,银行代发工资,工资保证金,维权信息公示牌\n"
    "P001,城南小学,城关镇,教育局,政府投资,甲建设公司,1000000,2023-03-01,是,是,是,是,是,是\n"
)
CASES = (
    "案件编号,线索来源,受理日期,被投诉单位,涉及人数,涉及金额,办理状态\n"
    "C001,国家平台,2023-11-10,甲建设公司,3,20000,核查中\n"
)


def main(argv):
    parser = argparse.ArgumentParser(prog="wagekit")
    store_commands.register(parser.add_subparsers(required=True))
    args = parser.parse_args(argv)
    return args.run(args)


def test_commands_registered():
    """The wagekit command line lists the store's commands."""
    assert "wagekit.commands.store" in cli.COMMAND_MODULES


@pytest.fixture
def campaign(tmp_path):
    folder = tmp_path / "campaign"
    folder.mkdir()
    (folder / "campaign.toml").write_text(CAMPAIGN_TOML, encoding="utf-8")
    (folder / "projects.csv").write_text(PROJECTS, encoding="utf-8")
    (folder / "cases.csv").write_text(CASES, encoding="utf-8")
    return folder


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_case_command_records_action(campaign, store_url, capsys):
    """``wagekit case`` stores the action, and ``wagekit audit`` shows who did it."""
    code = main(
        [
            "case",
            str(campaign),
            "C001",
            "--status",
            "已结案",
            "--date",
            "2023-12-05",
            "--recovered",
            "20000",
            "--by",
            "张三",
            "--db",
            store_url,
        ]
    )
    assert code == 0
    with Store.open(store_url) as store:
        row = case_positions(store.records(KEY, "case_actions")).iloc[0]
    assert (row["case_id"], row["status"], row["amount_recovered"]) == ("C001", "已结案", 20000)
    capsys.readouterr()
    assert main(["audit", str(campaign), "--json", "--db", store_url]) == 0
    trail = json.loads(capsys.readouterr().out)["audit"]
    assert {
        (r["by"], r["field"], r["new_value"]) for r in trail if r["table"] == "case_actions"
    } >= {("张三", "status", "已结案"), ("张三", "case_id", "C001")}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["C999", "--status", "已结案", "--date", "2023-12-05"], "C999"),
        (["C001", "--status", "办完了", "--date", "2023-12-05"], "办理状态"),
        (["C001", "--status", "已结案", "--date", "2023-13-05"], "办理日期：日期不存在"),
        (["C001", "--status", "已结案", "--date", "2023-11-01"], "早于该案件的受理日期"),
        (
            ["C001", "--status", "已结案", "--date", "2023-12-05", "--recovered", "30000"],
            "大于该案件的涉及金额",
        ),
        (
            ["C001", "--status", "已结案", "--date", "2023-12-05", "--recovered", "很多"],
            "追回金额不是有效金额",
        ),
    ],
)
def test_case_command_refuses(campaign, sqlite_url, capsys, arguments, message):
    """Unknown case, status, impossible date or amount: Chinese error, exit 1, no workspace."""
    code = main(["case", str(campaign), *arguments, "--by", "张三", "--db", sqlite_url])
    assert code == 1
    assert message in capsys.readouterr().err
    assert not Path(sqlite_url.removeprefix("sqlite:///")).exists()


def test_order_command_records_order(campaign, store_url):
    """``wagekit order`` stores an order for a project of the ledger."""
    code = main(
        [
            "order",
            str(campaign),
            "P001",
            "--kind",
            "限期整改指令书",
            "--issued",
            "2023-12-01",
            "--deadline",
            "2023-12-10",
            "--by",
            "李四",
            "--db",
            store_url,
        ]
    )
    assert code == 0
    with Store.open(store_url) as store:
        order = store.records(KEY, "orders").iloc[0]
    assert (order["subject_id"], order["kind"], order["status"]) == (
        "P001",
        "限期整改指令书",
        "待履行",
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["P404", "--kind", "限期整改指令书", "--issued", "2023-12-01"], "P404"),
        (["P001", "--kind", "罚单", "--issued", "2023-12-01"], "文书类型"),
        (
            [
                "P001",
                "--kind",
                "限期整改指令书",
                "--issued",
                "2023-12-01",
                "--deadline",
                "2023-11-30",
            ],
            "早于下达日期",
        ),
    ],
)
def test_order_command_refuses(campaign, sqlite_url, capsys, arguments, message):
    """Unknown subjects, kinds and deadlines before issue: a Chinese error and exit 1."""
    assert main(["order", str(campaign), *arguments, "--by", "李四", "--db", sqlite_url]) == 1
    assert message in capsys.readouterr().err


def test_campaign_folder_untouched(campaign, tmp_path, monkeypatch):
    """The default workspace lives outside the campaign folder, which is never written."""
    monkeypatch.delenv("WAGEKIT_DB", raising=False)
    monkeypatch.setenv("WAGEKIT_HOME", str(tmp_path / "home"))
    before = _snapshot(campaign)
    assert (
        main(
            [
                "case",
                str(campaign),
                "C001",
                "--status",
                "已立案",
                "--date",
                "2023-12-01",
                "--by",
                "张三",
            ]
        )
        == 0
    )
    assert _snapshot(campaign) == before
    assert (tmp_path / "home" / "workspace.sqlite").is_file()


def test_workspace_inside_campaign_folder_refused(campaign, capsys):
    """A SQLite workspace inside the campaign folder is refused with exit 2."""
    url = f"sqlite:///{campaign / 'workspace.sqlite'}"
    assert (
        main(
            [
                "case",
                str(campaign),
                "C001",
                "--status",
                "已立案",
                "--date",
                "2023-12-01",
                "--by",
                "张三",
                "--db",
                url,
            ]
        )
        == 2
    )
    assert "活动文件夹内" in capsys.readouterr().err
    assert not (campaign / "workspace.sqlite").exists()


def test_missing_campaign_folder_exit_2(tmp_path, sqlite_url):
    """A folder that cannot be used exits 2."""
    assert (
        main(
            [
                "case",
                str(tmp_path / "none"),
                "C001",
                "--status",
                "已立案",
                "--date",
                "2023-12-01",
                "--by",
                "张三",
                "--db",
                sqlite_url,
            ]
        )
        == 2
    )


def test_store_dump_and_load_commands(campaign, sqlite_url, pg_url, tmp_path):
    """``store dump`` then ``store load`` into an empty PostgreSQL gives the same audit trail."""
    main(
        [
            "case",
            str(campaign),
            "C001",
            "--status",
            "已结案",
            "--date",
            "2023-12-05",
            "--by",
            "张三",
            "--note",
            "'; DROP TABLE audit; --",
            "--db",
            sqlite_url,
        ]
    )
    path = tmp_path / "dump.jsonl"
    assert main(["store", "dump", str(path), "--db", sqlite_url]) == 0
    assert main(["store", "load", str(path), "--db", pg_url]) == 0
    with Store.open(sqlite_url) as source, Store.open(pg_url) as target:
        assert source.audit().equals(target.audit())
    assert main(["store", "load", str(path), "--db", pg_url]) == 1


def test_summary_frames_absent_without_workspace(campaign, tmp_path, monkeypatch):
    """With no --db, no WAGEKIT_DB and no default file, the summary counts the ledgers alone."""
    monkeypatch.delenv("WAGEKIT_DB", raising=False)
    monkeypatch.setenv("WAGEKIT_HOME", str(tmp_path / "home"))
    loaded = common.load_campaign(str(campaign))
    recorded = common.recorded_with_workspace(None, loaded)
    assert recorded.records.orders.empty and recorded.records.case_actions.empty
    # The load cache may live in the home folder; a workspace is never created by reading.
    assert not (tmp_path / "home" / "workspace.sqlite").exists()


def test_summary_frames_from_named_workspace(campaign, sqlite_url):
    """With --db, the summary gets the campaign's orders and case actions."""
    main(
        [
            "case",
            str(campaign),
            "C001",
            "--status",
            "已结案",
            "--date",
            "2023-12-05",
            "--by",
            "张三",
            "--db",
            sqlite_url,
        ]
    )
    loaded = common.load_campaign(str(campaign))
    recorded = common.recorded_with_workspace(sqlite_url, loaded)
    assert recorded.records.orders.empty
    assert recorded.records.case_actions["status"].tolist() == ["已结案"]
    assert recorded.get("cases").set_index("case_id").loc["C001", "status"] == "已结案"


def test_closing_a_case_changes_the_summary(campaign, store_url, capsys):
    """A case closed with ``wagekit case`` is closed in ``wagekit summary --json --db``."""
    from wagekit.commands import summary as summary_command

    def summary():
        parser = argparse.ArgumentParser(prog="wagekit")
        summary_command.register(parser.add_subparsers(required=True))
        args = parser.parse_args(
            ["summary", str(campaign), "--as-of", "2023-12-31", "--json", "--db", store_url]
        )
        capsys.readouterr()
        assert args.run(args) == 0
        return json.loads(capsys.readouterr().out)["cases"]

    before = summary()
    main(
        [
            "case",
            str(campaign),
            "C001",
            "--status",
            "已结案",
            "--date",
            "2023-12-05",
            "--by",
            "张三",
            "--db",
            store_url,
        ]
    )
    after = summary()
    assert (before["closed"], after["closed"]) == (0, 1)


def test_case_after_case_reads_the_ledgers_once(campaign, sqlite_url, monkeypatch):
    """Recording case after case takes the campaign from the load cache; a new case is seen."""
    import wagekit.cache
    import wagekit.load

    record = ["--date", "2023-12-01", "--db", sqlite_url, "--by", "张三"]
    assert main(["case", str(campaign), "C001", "--status", "已立案", *record]) == 0
    read_again = []
    real_load = wagekit.load.load

    def counting_load(*args, **kwargs):
        read_again.append(args)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(wagekit.cache, "load", counting_load)
    monkeypatch.setattr(wagekit.load, "load", counting_load)
    assert main(["case", str(campaign), "C001", "--status", "已结案", *record]) == 0
    assert read_again == []
    # A clue added to the ledger is known at once: the cache follows the files' bytes.
    (campaign / "cases.csv").write_text(
        CASES + "C002,12345热线,2023-11-12,甲建设公司,1,5000,核查中\n", encoding="utf-8"
    )
    assert main(["case", str(campaign), "C002", "--status", "已立案", *record]) == 0
    assert len(read_again) == 1


@pytest.fixture
def umask_022():
    """The usual umask, under which files are created readable by everyone unless told."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_default_workspace_readable_by_owner_only(campaign, tmp_path, monkeypatch, umask_022):
    """The workspace folder, its database and the load cache are created owner-only."""
    home = tmp_path / "data" / "wagekit"
    monkeypatch.delenv("WAGEKIT_DB", raising=False)
    monkeypatch.setenv("WAGEKIT_HOME", str(home))
    record = ["--status", "已立案", "--date", "2023-12-01", "--by", "张三"]
    assert main(["case", str(campaign), "C001", *record]) == 0
    assert _mode(home) == 0o700
    assert _mode(home / "workspace.sqlite") == 0o600
    assert _mode(home / "cache") == 0o700


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_named_sqlite_workspace_and_its_log_are_private(tmp_path, umask_022):
    """A workspace file named with --db is created owner-only, and so is SQLite's write log."""
    path = tmp_path / "new" / "office.sqlite"
    with Store.open(f"sqlite:///{path}") as store:
        store.record_reveal(KEY, "wagekit audit --unmasked", by="张三")
        wal = path.with_name(path.name + "-wal")
        assert wal.exists() and _mode(wal) == 0o600
    assert (_mode(path.parent), _mode(path)) == (0o700, 0o600)


ID = "110101199003071233"
MASKED = "110101********1233"
CARD = "6222020200001234567"


@pytest.fixture
def planted(campaign, sqlite_url, capsys):
    """A case action and an order whose notes carry an ID number, a card and escape sequences.

    Returns what the two recording commands printed.
    """
    db = ["--db", sqlite_url]
    note = f"代领人张三（{ID}）\x1b[2J\x1b]0;x\x07"
    case = ["--status", "已立案", "--date", "2023-12-01", "--note", note, "--by", "张三"]
    assert main(["case", str(campaign), "C001", *case, *db]) == 0
    order = ["--kind", "限期整改指令书", "--issued", "2023-12-01", "--by", "李四"]
    assert main(["order", str(campaign), "P001", *order, "--note", f"卡号{CARD}", *db]) == 0
    return capsys.readouterr()


def _printed_once(capsys) -> str:
    captured = capsys.readouterr()
    return captured.out + captured.err


@pytest.mark.parametrize(
    "command", [["audit"], ["audit", "--json"], ["orders"], ["orders", "--json"]]
)
def test_listings_mask_numbers_in_notes(campaign, sqlite_url, planted, capsys, command):
    """No full ID or card number in what audit and orders print, text or JSON."""
    assert main([command[0], str(campaign), *command[1:], "--db", sqlite_url]) == 0
    out = _printed_once(capsys)
    assert ID not in out and CARD not in out and "\x1b" not in out and "\x07" not in out
    if command[0] == "audit":
        assert MASKED in out


def test_recording_and_update_echoes_mask_numbers(campaign, sqlite_url, planted, capsys):
    """The lines echoed after recording and after an order update show no full number."""
    assert ID not in planted.out + planted.err and CARD not in planted.out
    with Store.open(sqlite_url) as store:
        order_id = int(store.audit(KEY).query("table_name == 'orders'")["record_id"].iloc[0])
    update = ["--note", f"已由{ID}签收\x1b[31m", "--by", "王五", "--db", sqlite_url]
    assert main(["order-update", str(campaign), str(order_id), *update]) == 0
    out = _printed_once(capsys)
    assert f"已由{MASKED}签收" in out and ID not in out and "\x1b" not in out


def test_a_refusal_naming_the_note_is_masked(campaign, sqlite_url, capsys):
    """A Chinese refusal on stderr does not carry a full ID number either."""
    refused = ["--status", "已结案", "--date", "2023-12-05", "--note", ID, "--by", "张三"]
    assert main(["case", str(campaign), f"C{ID}", *refused, "--db", sqlite_url]) == 1
    out = _printed_once(capsys)
    assert f"C{MASKED}" in out and ID not in out


def test_unmasked_shows_numbers_and_is_audited(campaign, sqlite_url, planted, capsys):
    """--unmasked prints the full numbers, after writing who asked to the audit trail."""
    args = ["--json", "--unmasked", "--by", "赵六", "--db", sqlite_url]
    assert main(["orders", str(campaign), *args]) == 0
    assert CARD in capsys.readouterr().out
    assert main(["audit", str(campaign), "--db", sqlite_url]) == 0
    out = capsys.readouterr().out
    assert ID not in out
    assert "赵六  查看完整号码（wagekit orders --json --unmasked）" in out
    with Store.open(sqlite_url) as store:
        reveals = store.audit(KEY).query("action == 'reveal'")
    assert reveals[["by", "new_value"]].values.tolist() == [
        ["赵六", "wagekit orders --json --unmasked"]
    ]
