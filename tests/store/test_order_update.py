"""``wagekit orders`` and ``wagekit order-update``: list a campaign's orders, record how they ended.

The campaign is the bundled sample (the commands read only its campaign.toml); orders are put in
the workspace directly, as ``wagekit order`` would put them.
"""

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest

from wagekit import cli
from wagekit.commands import summary as summary_command
from wagekit.store import CampaignKey, Store

DEMO = Path(__file__).resolve().parents[2] / "sample_data" / "demo"
KEY = CampaignKey("2023年度根治欠薪冬季专项行动", "示例县")
OTHER = CampaignKey("2024年度根治欠薪夏季专项行动", "示例县")
# In the sample, project XM2023-0114 owes 49 workers for 3 months and more: the criminal amount
# standard is met, so an order to pay that lapsed unpaid makes it "order ignored" on 2023-12-20.
CRIMINAL_PROJECT = "XM2023-0114"
AS_OF = "2023-12-20"
# 2023-12-01 02:32 UTC is 10:32 in the offices' time zone (Asia/Shanghai).
NOW = dt.datetime(2023, 12, 1, 2, 32, tzinfo=dt.UTC)


def run(capsys, *argv):
    """Run ``wagekit ARGV``; return the exit code, stdout and stderr."""
    capsys.readouterr()
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def issue_order_to_pay(store: Store) -> dict:
    """An order to pay the criminal project by 2023-12-10, pending, issued by 李四."""
    return store.add(
        KEY,
        "orders",
        {
            "subject_id": CRIMINAL_PROJECT,
            "kind": "限期整改指令书",
            "issued": "2023-12-01",
            "deadline": "2023-12-10",
        },
        by="李四",
    )


@pytest.fixture
def workspace(sqlite_url):
    """The SQLite workspace the commands are pointed at, its clock at 2023-12-01 10:32."""
    with Store.open(sqlite_url, clock=lambda: NOW) as opened:
        yield opened


@pytest.fixture
def order_to_pay(workspace) -> dict:
    return issue_order_to_pay(workspace)


def width(text: str) -> int:
    """Columns a text takes in a terminal."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_orders_lists_the_campaigns_orders(workspace, sqlite_url, order_to_pay, capsys):
    """The table shows the order with its id, version and status, and no other campaign's."""
    workspace.add(
        OTHER,
        "orders",
        {"subject_id": "XM9999", "kind": "约谈询问笔录", "issued": "2024-06-01"},
        by="王五",
    )
    code, out, err = run(capsys, "orders", DEMO, "--db", sqlite_url)
    assert code == 0 and "工作区：" in err
    header, row = out.splitlines()[1:]
    assert header.split() == [
        "记录编号",
        "版本",
        "对象编号",
        "文书类型",
        "下达日期",
        "履行期限",
        "履行状态",
        "履行日期",
        "文号",
        "登记人",
    ]
    assert row.split() == [
        str(order_to_pay["id"]),
        "1",
        CRIMINAL_PROJECT,
        "限期整改指令书",
        "2023-12-01",
        "2023-12-10",
        "待履行",
        "李四",
    ]
    # Aligned: each cell starts under its header, Chinese characters counted two wide.
    assert width(row[: row.index("待履行")]) == width(header[: header.index("履行状态")])
    assert "XM9999" not in out


def test_orders_json(workspace, sqlite_url, order_to_pay, capsys):
    """``--json`` gives one object per order with English keys; empty dates are null."""
    code, out, _ = run(capsys, "orders", DEMO, "--json", "--db", sqlite_url)
    assert code == 0
    (order,) = json.loads(out)
    assert order == {
        "id": order_to_pay["id"],
        "version": 1,
        "subject_id": CRIMINAL_PROJECT,
        "kind": "限期整改指令书",
        "issued": "2023-12-01",
        "deadline": "2023-12-10",
        "status": "待履行",
        "fulfilled_date": None,
        "note": None,
        "number": None,
        "updated_by": "李四",
        "updated_at": "2023-12-01 10:32:00",
    }


def test_orders_of_an_empty_workspace(sqlite_url, capsys):
    """No order yet: a sentence, not an empty table, and exit 0."""
    code, out, _ = run(capsys, "orders", DEMO, "--db", sqlite_url)
    assert code == 0 and "还没有" in out


def test_fulfilling_the_order_changes_the_summary(
    store, store_url, demo_campaign, capsys, monkeypatch
):
    """Marked 已履行 before its deadline, the order no longer counts as ignored in the summary.

    Run on SQLite and on PostgreSQL.
    """
    order_to_pay = issue_order_to_pay(store)
    # The summary command reads the sample as the session already loaded it (5 s saved a run).
    monkeypatch.setattr(summary_command, "load_cached", lambda _folder: demo_campaign)

    def escalation():
        code, out, _ = run(capsys, "summary", DEMO, "--as-of", AS_OF, "--json", "--db", store_url)
        assert code == 0
        return json.loads(out)["escalation"]

    before = escalation()
    code, out, _ = run(
        capsys,
        "order-update",
        DEMO,
        order_to_pay["id"],
        "--status",
        "已履行",
        "--fulfilled",
        "2023-12-08",
        "--by",
        "张三",
        "--db",
        store_url,
    )
    assert code == 0
    assert out.strip() == (
        f"已更新：记录 {order_to_pay['id']} 限期整改指令书 → 已履行（履行日期 2023-12-08），"
        "操作人 张三，版本 2"
    )
    after = escalation()
    assert (before["order_ignored"], after["order_ignored"]) == (1, 0)
    assert before["criminal_threshold_met"] == after["criminal_threshold_met"] > 0


def test_audit_shows_who_changed_the_status(workspace, sqlite_url, order_to_pay, capsys):
    """``wagekit audit`` names the inspector who recorded the order lapsed, old and new status."""
    code, *_ = run(
        capsys,
        "order-update",
        DEMO,
        order_to_pay["id"],
        "--status",
        "逾期未履行",
        "--by",
        "张三",
        "--db",
        sqlite_url,
    )
    assert code == 0
    code, out, _ = run(capsys, "audit", DEMO, "--json", "--db", sqlite_url)
    changes = [r for r in json.loads(out)["audit"] if r["action"] == "update"]
    assert [(r["by"], r["field"], r["old_value"], r["new_value"]) for r in changes] == [
        ("张三", "status", "待履行", "逾期未履行")
    ]


def test_stale_version_is_refused(workspace, sqlite_url, order_to_pay, capsys):
    """Editing version 1 after a colleague made version 2: exit 1, who and when, nothing written."""
    workspace.update(
        "orders", order_to_pay["id"], version=1, changes={"status": "逾期未履行"}, by="王五"
    )
    code, out, err = run(
        capsys,
        "order-update",
        DEMO,
        order_to_pay["id"],
        "--status",
        "已撤销",
        "--version",
        1,
        "--by",
        "张三",
        "--db",
        sqlite_url,
    )
    assert code == 1 and out == ""
    assert "未写入：该记录已被 王五 于 2023-12-01 10:32 修改，请刷新后再试" in err
    stored = workspace.get("orders", order_to_pay["id"])
    assert (stored["status"], stored["version"]) == ("逾期未履行", 2)


def test_current_version_is_accepted(workspace, sqlite_url, order_to_pay, capsys):
    """``--version`` naming the version as stored goes through."""
    code, out, _ = run(
        capsys,
        "order-update",
        DEMO,
        order_to_pay["id"],
        "--status",
        "已撤销",
        "--version",
        1,
        "--by",
        "张三",
        "--db",
        sqlite_url,
    )
    assert code == 0 and "→ 已撤销" in out and "版本 2" in out


def test_order_of_another_campaign_is_refused(workspace, sqlite_url, capsys):
    """An order of another campaign cannot be changed through this one: exit 1, untouched."""
    other = workspace.add(
        OTHER,
        "orders",
        {"subject_id": "XM9999", "kind": "限期整改指令书", "issued": "2024-06-01"},
        by="王五",
    )
    code, _, err = run(
        capsys,
        "order-update",
        DEMO,
        other["id"],
        "--status",
        "已撤销",
        "--by",
        "张三",
        "--db",
        sqlite_url,
    )
    assert code == 1 and "不是“示例县·2023年度根治欠薪冬季专项行动”的执法文书" in err
    assert "另一个专项行动" in err
    assert workspace.get("orders", other["id"])["version"] == 1


def test_unknown_order_is_refused(workspace, sqlite_url, order_to_pay, capsys):
    """A record id the workspace does not hold: exit 1, and the way to find the ids."""
    code, _, err = run(
        capsys, "order-update", DEMO, 999, "--status", "已撤销", "--by", "张三", "--db", sqlite_url
    )
    assert code == 1 and "记录 999" in err and "wagekit orders" in err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--status", "已履行"], "状态为已履行时请填写履行日期"),
        (["--status", "已履行", "--fulfilled", "2023-11-30"], "早于下达日期"),
        (["--status", "办完了"], "履行状态只能是：待履行/已履行/逾期未履行/已撤销"),
        (["--fulfilled", "2023-12-08"], "应为已履行"),
        (["--deadline", "2023-13-01"], "履行期限：日期不存在"),
        ([], "请至少给出一项修改"),
    ],
)
def test_impossible_values_are_refused(
    workspace, sqlite_url, order_to_pay, capsys, arguments, message
):
    """The store's Chinese reason, exit 1, and the order and audit trail as they were."""
    trail = len(workspace.audit())
    code, _, err = run(
        capsys,
        "order-update",
        DEMO,
        order_to_pay["id"],
        *arguments,
        "--by",
        "张三",
        "--db",
        sqlite_url,
    )
    assert code == 1 and "未写入：" in err and message in err
    assert workspace.get("orders", order_to_pay["id"])["version"] == 1
    assert len(workspace.audit()) == trail


def test_leaving_fulfilled_clears_the_fulfilled_date(workspace, sqlite_url, order_to_pay, capsys):
    """An order wrongly marked 已履行 goes back to 待履行 without its fulfilled date."""
    workspace.update(
        "orders",
        order_to_pay["id"],
        version=1,
        changes={"status": "已履行", "fulfilled_date": "2023-12-08"},
        by="王五",
    )
    code, out, _ = run(
        capsys,
        "order-update",
        DEMO,
        order_to_pay["id"],
        "--status",
        "待履行",
        "--by",
        "张三",
        "--db",
        sqlite_url,
    )
    assert code == 0 and "→ 待履行（清除履行日期）" in out
    stored = workspace.get("orders", order_to_pay["id"])
    assert (stored["status"], stored["fulfilled_date"]) == ("待履行", None)


def test_same_values_write_nothing(workspace, sqlite_url, order_to_pay, capsys):
    """Giving the values the order already has: said so, exit 0, no new version."""
    code, out, _ = run(
        capsys,
        "order-update",
        DEMO,
        order_to_pay["id"],
        "--status",
        "待履行",
        "--by",
        "张三",
        "--db",
        sqlite_url,
    )
    assert code == 0 and "未改动" in out
    assert workspace.get("orders", order_to_pay["id"])["version"] == 1
