import datetime as dt

import pandas as pd
import pytest

from wagekit.recorded import case_positions
from wagekit.store import (
    CampaignKey,
    InvalidValueError,
    RecordNotFoundError,
    StaleVersionError,
    Store,
)

KEY = CampaignKey("2023年度根治欠薪冬季专项行动", "示例县")
OTHER = CampaignKey("2024年度根治欠薪夏季专项行动", "示例县")


def _order(store, **changes):
    values = {
        "subject_id": "P001",
        "kind": "限期整改指令书",
        "issued": "2023-12-01",
        "deadline": "2023-12-10",
    }
    by = changes.pop("by", "李四")
    return store.add(KEY, "orders", {**values, **changes}, by=by)


def test_new_record_starts_at_version_one(store):
    """A new record is stored at version 1 with who created it."""
    record = _order(store)
    stored = store.get("orders", record["id"])
    assert (stored["version"], stored["created_by"], stored["updated_by"]) == (1, "李四", "李四")


def test_update_increments_version(store):
    """Every accepted change raises the version by one."""
    record = _order(store)
    store.update("orders", record["id"], version=1, changes={"note": "已电话通知"}, by="张三")
    assert store.get("orders", record["id"])["version"] == 2


def test_stale_update_refused_with_who_and_when(store):
    """An edit from a stale version is refused, naming who changed the record and when."""
    record = _order(store)
    store.update("orders", record["id"], version=1, changes={"note": "第一次"}, by="张三")
    with pytest.raises(StaleVersionError) as refused:
        store.update("orders", record["id"], version=1, changes={"note": "第二次"}, by="李四")
    assert str(refused.value) == "该记录已被 张三 于 2023-12-01 10:32 修改，请刷新后再试"


def test_stale_update_changes_nothing(store):
    """A refused edit leaves the record and the audit trail exactly as they were."""
    record = _order(store)
    store.update("orders", record["id"], version=1, changes={"note": "第一次"}, by="张三")
    before = (store.get("orders", record["id"]), store.audit(KEY))
    with pytest.raises(StaleVersionError):
        store.update("orders", record["id"], version=1, changes={"note": "第二次"}, by="李四")
    assert store.get("orders", record["id"]) == before[0]
    pd.testing.assert_frame_equal(store.audit(KEY), before[1])


def test_edit_of_deleted_record_says_deleted(store):
    """Editing a record someone deleted is refused with who deleted it."""
    record = _order(store)
    store.delete("orders", record["id"], version=1, by="王五")
    with pytest.raises(StaleVersionError, match="该记录已被 王五 于 2023-12-01 10:32 删除"):
        store.update("orders", record["id"], version=1, changes={"note": "x"}, by="李四")


def test_update_of_unknown_record_refused(store):
    """A record that never existed cannot be edited."""
    with pytest.raises(RecordNotFoundError):
        store.update("orders", 999, version=1, changes={"note": "x"}, by="李四")


def test_update_without_change_writes_nothing(store):
    """Saving a record unchanged neither raises its version nor adds audit rows."""
    record = _order(store)
    rows = len(store.audit(KEY))
    store.update("orders", record["id"], version=1, changes={"subject_id": "P001"}, by="张三")
    assert (store.get("orders", record["id"])["version"], len(store.audit(KEY))) == (1, rows)


def test_audit_rows_of_an_update(store):
    """An update leaves one audit row per changed field with old and new value."""
    record = _order(store)
    store.update(
        "orders",
        record["id"],
        version=1,
        by="张三",
        changes={"status": "已履行", "fulfilled_date": dt.date(2023, 12, 5)},
    )
    trail = store.audit(KEY)
    rows = trail.loc[
        trail["action"] == "update",
        ["by", "table_name", "record_id", "field", "old_value", "new_value"],
    ]
    expected = pd.DataFrame(
        {
            "by": ["张三", "张三"],
            "table_name": ["orders", "orders"],
            "record_id": [record["id"]] * 2,
            "field": ["status", "fulfilled_date"],
            "old_value": ["待履行", None],
            "new_value": ["已履行", "2023-12-05"],
        }
    )
    assert rows.fillna("∅").values.tolist() == expected.fillna("∅").values.tolist()


def test_audit_rows_of_an_insert(store):
    """An insert leaves one audit row per given field, with no old value."""
    record = store.add(
        KEY,
        "case_actions",
        {
            "case_id": "C001",
            "status": "已结案",
            "action_date": "2023-12-05",
            "amount_recovered": 1200.5,
        },
        by="张三",
    )
    trail = store.audit(KEY)
    mine = trail.loc[(trail["table_name"] == "case_actions") & (trail["record_id"] == record["id"])]
    assert dict(zip(mine["field"], mine["new_value"], strict=True)) == {
        "case_id": "C001",
        "status": "已结案",
        "action_date": "2023-12-05",
        "amount_recovered": "1200.5",
    }
    assert mine["old_value"].isna().all()


def test_audit_timestamp_and_author(store):
    """Audit rows say who wrote and when, in the offices' local time."""
    _order(store)
    trail = store.audit(KEY)
    assert set(trail["by"]) == {"李四"}
    assert set(trail["at"]) == {pd.Timestamp("2023-12-01 10:32")}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "罚款决定书"}, "文书类型"),
        ({"issued": "2023-02-30"}, "下达日期"),
        ({"deadline": "2023-11-20"}, "早于下达日期"),
        ({"status": "已履行"}, "履行日期"),
        ({"issued": "2203-12-01", "deadline": None}, "下达日期不在1950年到2100年之间"),
    ],
)
def test_impossible_order_refused(store, changes, message):
    """Unknown kinds, dates that do not exist or are out of order: refused, nothing written."""
    with pytest.raises(InvalidValueError, match=message):
        _order(store, **changes)
    assert store.count("orders") == 0 and store.count("audit") == 0


def test_impossible_case_status_refused(store):
    """A case status outside the ledger's statuses is refused."""
    with pytest.raises(InvalidValueError, match="办理状态"):
        _act(store, "C001", "办结", "2023-12-05", by="张三")


def test_negative_amount_refused(store):
    """A recovered amount below zero is refused."""
    with pytest.raises(InvalidValueError, match="负数"):
        store.add(
            KEY,
            "case_actions",
            {
                "case_id": "C001",
                "status": "已立案",
                "action_date": "2023-12-05",
                "amount_recovered": -1,
            },
            by="张三",
        )


def test_author_required(store):
    """Every write names who made it."""
    with pytest.raises(InvalidValueError, match="操作人"):
        _order(store, by="  ")


def test_unknown_field_refused(store):
    """A misspelt field name is refused rather than silently dropped."""
    record = _order(store)
    with pytest.raises(InvalidValueError, match="deadlin"):
        store.update(
            "orders", record["id"], version=1, changes={"deadlin": "2023-12-20"}, by="张三"
        )


def test_campaigns_kept_apart(store):
    """Records of one campaign do not show in another's frames."""
    _order(store)
    store.add(
        OTHER,
        "orders",
        {"subject_id": "P009", "kind": "约谈询问笔录", "issued": "2024-06-01"},
        by="赵六",
    )
    assert store.records(KEY, "orders")["subject_id"].tolist() == ["P001"]
    assert store.records(OTHER, "orders")["subject_id"].tolist() == ["P009"]
    assert store.campaigns()["name"].tolist() == [KEY.name, OTHER.name]


def test_orders_frame_dtypes(store):
    """The orders frame has the ledgers' dtypes: text as str, dates as datetime64[ns]."""
    _order(store)
    frame = store.records(KEY, "orders")
    assert frame.dtypes[["subject_id", "kind", "status"]].astype(str).tolist() == ["str"] * 3
    assert (
        frame.dtypes[["issued", "deadline", "fulfilled_date"]].astype(str).tolist()
        == ["datetime64[ns]"] * 3
    )
    assert frame.loc[0, "deadline"] == pd.Timestamp("2023-12-10")


def test_empty_frames_have_columns(store):
    """A campaign with no records gives empty frames with the same columns."""
    assert list(case_positions(store.records(KEY, "case_actions")).columns) == [
        "case_id",
        "status",
        "closed_date",
        "amount_recovered",
        "action_date",
        "updated_by",
    ]
    assert store.records(KEY, "orders").empty


def _act(store, case_id, status, day, *, by, **more):
    """Record one case action of ``KEY``."""
    values = {"case_id": case_id, "status": status, "action_date": day, **more}
    return store.add(KEY, "case_actions", values, by=by)


def test_case_actions_latest_action_wins(store):
    """A case stands where its latest action (by date) put it, whatever the entry order."""
    _act(store, "C001", "已结案", "2023-12-20", by="张三")
    _act(store, "C001", "核查中", "2023-12-02", by="李四")
    row = case_positions(store.records(KEY, "case_actions")).iloc[0]
    assert (row["status"], row["closed_date"]) == ("已结案", pd.Timestamp("2023-12-20"))


def test_case_closed_date_is_start_of_final_closed_run(store):
    """A later action that keeps a case closed does not move its closed date."""
    _act(store, "C001", "已结案", "2023-12-05", by="张三")
    _act(store, "C001", "已结案", "2023-12-09", by="张三", amount_recovered=800)
    closed = case_positions(store.records(KEY, "case_actions")).loc[0, "closed_date"]
    assert closed == pd.Timestamp("2023-12-05")


def test_reopened_case_has_no_closed_date(store):
    """A case whose latest action reopens it is open: no closed date."""
    _act(store, "C001", "已结案", "2023-12-05", by="张三")
    _act(store, "C001", "核查中", "2023-12-09", by="张三")
    assert pd.isna(case_positions(store.records(KEY, "case_actions")).loc[0, "closed_date"])


def test_case_amount_is_latest_given(store):
    """The recovered amount is the latest one given; an action without one keeps it."""
    _act(store, "C001", "已立案", "2023-12-01", by="张三", amount_recovered=500)
    _act(store, "C001", "已结案", "2023-12-05", by="张三")
    _act(store, "C002", "核查中", "2023-12-05", by="张三")
    frame = case_positions(store.records(KEY, "case_actions")).set_index("case_id")
    assert frame.loc["C001", "amount_recovered"] == 500
    assert pd.isna(frame.loc["C002", "amount_recovered"])


HOSTILE = [
    'O\'Brien "引号" `反引号` \\反斜杠',
    "'; DROP TABLE orders; --",
    "Robert'); DELETE FROM audit WHERE ('1'='1",
    "😀🏗️👷‍♀️ 表情 𠀀 ",
    "控制字符\t\r\n\x01\x1b[31m\x7f 结尾空格   ",
    "长" * 100_000,
    "%s %(name)s {0} :param $1 ?",
]


@pytest.mark.parametrize("note", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_round_trips(store, note):
    """Quotes, SQL fragments, emoji, control characters and 100 kB notes come back unchanged."""
    record = store.add(
        KEY,
        "findings",
        {
            "subject_id": note[:50],
            "code": "实名制",
            "severity": "warning",
            "note": note,
            "evidence": [note[:200], "照片1.jpg"],
        },
        by="张三",
    )
    stored = store.get("findings", record["id"])
    assert (stored["note"], stored["subject_id"], stored["evidence"]) == (
        note,
        note[:50],
        [note[:200], "照片1.jpg"],
    )
    frame = store.records(KEY, "findings")
    assert frame.loc[0, "note"] == note
    trail = store.audit(KEY)
    assert trail.loc[trail["field"] == "note", "new_value"].tolist() == [note]


def test_nul_character_refused(store):
    """Text with a NUL character (which PostgreSQL cannot store) is refused clearly."""
    with pytest.raises(InvalidValueError, match="空字符"):
        _order(store, note="a\x00b")


def test_every_record_kind_round_trips(store):
    """Each kind of record comes back from its frame as it was written."""
    inspection = store.add(
        KEY,
        "inspections",
        {"subject_id": "P001", "visit_date": "2023-12-02", "inspectors": ["张三", "李四"]},
        by="张三",
    )
    store.add(
        KEY,
        "findings",
        {
            "subject_id": "P001",
            "code": "公示牌",
            "severity": "serious",
            "inspection_id": inspection["id"],
            "evidence": ["a.jpg"],
        },
        by="张三",
    )
    store.add(
        KEY,
        "publicity_events",
        {
            "date": "2023-11-05",
            "township": "城关镇",
            "unit": "人社局",
            "activity": "现场咨询",
            "quantity": 3,
            "participants": 120,
        },
        by="王五",
    )
    store.add(
        KEY,
        "self_inspection_receipts",
        {
            "subject_id": "P001",
            "submitted_date": "2023-11-20",
            "reported_arrears_amount": "12,000.50",
            "reported_arrears_workers": 3,
            "rectified": True,
        },
        by="王五",
    )
    assert store.records(KEY, "inspections").loc[0, "inspectors"] == ["张三", "李四"]
    assert store.records(KEY, "findings").loc[0, "inspection_id"] == inspection["id"]
    assert store.records(KEY, "publicity_events").loc[0, ["quantity", "participants"]].tolist() == [
        3,
        120,
    ]
    receipt = store.records(KEY, "self_inspection_receipts").iloc[0]
    assert (receipt["reported_arrears_amount"], bool(receipt["rectified"])) == (12000.5, True)


def test_finding_must_name_existing_inspection(store):
    """A finding cannot point at an inspection that does not exist."""
    with pytest.raises(RecordNotFoundError):
        store.add(
            KEY,
            "findings",
            {"subject_id": "P001", "code": "x", "severity": "info", "inspection_id": 42},
            by="张三",
        )


def test_reopen_keeps_records(store_url):
    """Opening a workspace again (as after an upgrade) keeps what it holds."""
    with Store.open(store_url) as first:
        first.add(
            KEY,
            "orders",
            {"subject_id": "P001", "kind": "约谈询问笔录", "issued": "2023-12-01"},
            by="张三",
        )
    with Store.open(store_url) as again:
        assert again.records(KEY, "orders")["kind"].tolist() == ["约谈询问笔录"]


def test_add_many_all_or_nothing(store):
    """A batch with one impossible record writes none of them."""
    rows = [
        {"case_id": "C001", "status": "已立案", "action_date": "2023-12-01"},
        {"case_id": "C002", "status": "不存在的状态", "action_date": "2023-12-01"},
    ]
    with pytest.raises(InvalidValueError):
        store.add_many(KEY, "case_actions", rows, by="张三")
    assert store.count("case_actions") == 0


def test_add_many_audits_each_record(store):
    """Each record of a batch gets its own id and audit rows."""
    rows = [{"case_id": f"C{n}", "status": "已立案", "action_date": "2023-12-01"} for n in range(3)]
    ids = store.add_many(KEY, "case_actions", rows, by="张三")
    trail = store.audit(KEY).query("table_name == 'case_actions'")
    assert sorted(trail["record_id"].unique()) == sorted(ids)
    assert trail.groupby("record_id").size().eq(3).all()
    assert store.records(KEY, "case_actions")["case_id"].tolist() == ["C0", "C1", "C2"]


def test_withdrawing_an_inspection_withdraws_its_results_and_findings(store):
    """Deleting an inspection deletes its checklist results and findings, all audited."""
    from wagekit.checklist import CHECKLIST

    results = {item.code: "合格" for item in CHECKLIST}
    results[CHECKLIST[0].code] = "不合格"
    visit = {"subject_id": "P001", "visit_date": "2023-12-01", "inspectors": ["张伟"]}
    problem = {"code": CHECKLIST[0].code, "severity": CHECKLIST[0].severity, "note": "x"}
    kept = store.record_inspection(
        KEY, {**visit, "subject_id": "P002"}, results=results, findings=[problem], by="李四"
    )
    withdrawn = store.record_inspection(KEY, visit, results=results, findings=[problem], by="李四")
    store.delete("inspections", withdrawn, version=1, by="李四")
    assert store.records(KEY, "inspections")["id"].tolist() == [kept]
    assert set(store.records(KEY, "checklist_results")["inspection_id"]) == {kept}
    assert store.records(KEY, "findings")["inspection_id"].tolist() == [kept]
    audit = store.audit(KEY)
    deleted = audit[audit["action"] == "delete"]
    assert set(deleted["table_name"]) == {"inspections", "checklist_results", "findings"}
    assert deleted.loc[deleted["table_name"] == "checklist_results", "record_id"].nunique() == len(
        CHECKLIST
    )


def test_revision_moves_with_every_write_and_only_then(store):
    """Adding, correcting, deleting a record, revealing IDs move the revision; reading does not."""
    marks = [store.revision()]
    record = _order(store)
    marks.append(store.revision())
    store.records(KEY, "orders"), store.audit(KEY), store.get("orders", record["id"])
    assert store.revision() == marks[-1]
    store.update("orders", record["id"], version=1, changes={"note": "已电话通知"}, by="张三")
    marks.append(store.revision())
    store.record_reveal(KEY, "wagekit validate --show-ids", by="张三")
    marks.append(store.revision())
    store.delete("orders", record["id"], version=2, by="张三")
    marks.append(store.revision())
    assert marks[0] == (0, 0)
    assert len(set(marks)) == len(marks)


@pytest.mark.postgres
def test_records_read_back_alike_on_sqlite_and_postgresql(sqlite_url, pg_url):
    """Every kind of value reads back the same from both databases, though SQLite hands dates
    over as text and PostgreSQL as date objects: days, moments, gaps, names, counts, yes/no."""
    written = {
        "findings": [
            {
                "subject_id": "P001",
                "code": "wage_card",
                "severity": "serious",
                "note": "无",
                "evidence": ["照片1.jpg", "工资表.xlsx"],
                "deadline": "2023-12-20",
            },
            {"subject_id": "P002", "code": "roster", "severity": "warning"},
        ],
        "self_inspection_receipts": [
            {
                "subject_id": "P001",
                "submitted_date": "2023-11-20",
                "reported_arrears_amount": 1234.5,
                "reported_arrears_workers": 3,
                "rectified": True,
            },
            {
                "subject_id": "P002",
                "submitted_date": "2023-11-21",
                "reported_arrears_amount": 0,
                "reported_arrears_workers": 0,
            },
        ],
    }
    frames = {}
    for url in (sqlite_url, pg_url):
        with Store.open(url, clock=lambda: dt.datetime(2023, 12, 1, 2, 32, 15, 123456)) as store:
            for table, rows in written.items():
                store.add_many(KEY, table, rows, by="李四")
            frames[url] = {table: store.records(KEY, table) for table in written}
    for table in written:
        on_sqlite, on_pg = frames[sqlite_url][table], frames[pg_url][table]
        pd.testing.assert_frame_equal(on_sqlite, on_pg)
    findings = frames[sqlite_url]["findings"]
    assert findings["evidence"].tolist() == [["照片1.jpg", "工资表.xlsx"], []]
    assert findings["deadline"].tolist()[0] == pd.Timestamp("2023-12-20")
    assert pd.isna(findings["deadline"].tolist()[1])
    assert findings["created_at"].tolist()[0] == pd.Timestamp("2023-12-01 10:32:15.123456")
    receipts = frames[sqlite_url]["self_inspection_receipts"]
    assert receipts["rectified"].tolist()[0] is True and receipts["rectified"].isna().tolist()[1]


def test_records_of_several_kinds_equal_each_read_alone(store):
    """One transaction for several kinds gives what reading each alone gives; an empty kind's
    frame, built once, is a fresh copy for each caller."""
    _order(store)
    _act(store, "C001", "核查中", "2023-12-02", by="张三")
    tables = ["orders", "case_actions", "inspections", "findings"]
    together = store.records_of(KEY, tables)
    for table in tables:
        pd.testing.assert_frame_equal(together[table], store.records(KEY, table))
    mine = together["inspections"]
    mine.loc[0, "note"] = "改过"
    del mine["subject_id"]
    again = store.records(KEY, "inspections")
    assert again.empty and "subject_id" in again
    with pytest.raises(InvalidValueError, match="没有名为“orderz”的记录类型"):
        store.records_of(KEY, ["orders", "orderz"])
