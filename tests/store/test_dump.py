import json

import pandas as pd
import pytest

from wagekit.recorded import case_positions
from wagekit.store import CampaignKey, Store, StoreError, StoreNotEmptyError, dump, load
from wagekit.store.dump import DUMP_TABLES

HOSTILE = ["'; DROP TABLE x; --", '😀 "引号" \\', "控制\t\r\n\x01\x7f", "长" * 100_000, "  "]
KEY = CampaignKey("2023年度根治欠薪冬季专项行动", "示例县")


def _fill(store):
    inspection = store.add(
        KEY,
        "inspections",
        {"subject_id": "P001", "visit_date": "2023-12-02", "inspectors": ["张三", "李四"]},
        by="张三",
    )
    for n, note in enumerate(HOSTILE):
        store.add(
            KEY,
            "findings",
            {
                "subject_id": "P001",
                "code": f"Q{n}",
                "severity": "warning",
                "note": note,
                "evidence": [f"证据{n}.jpg"],
                "inspection_id": inspection["id"],
            },
            by="张三",
        )
    order = store.add(
        KEY,
        "orders",
        {
            "subject_id": "P001",
            "kind": "限期整改指令书",
            "issued": "2023-12-01",
            "deadline": "2023-12-10",
        },
        by="李四",
    )
    store.update(
        "orders",
        order["id"],
        version=1,
        by="张三",
        changes={"status": "已履行", "fulfilled_date": "2023-12-08"},
    )
    store.add(
        KEY,
        "case_actions",
        {
            "case_id": "C001",
            "status": "已结案",
            "action_date": "2023-12-05",
            "amount_recovered": 0.1 + 0.2,
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
        },
        by="王五",
    )
    store.add(
        KEY,
        "self_inspection_receipts",
        {
            "subject_id": "P001",
            "submitted_date": "2023-11-20",
            "reported_arrears_amount": 1e-7,
            "reported_arrears_workers": 0,
        },
        by="王五",
    )
    deleted = store.add(
        KEY,
        "orders",
        {"subject_id": "P002", "kind": "约谈询问笔录", "issued": "2023-12-01"},
        by="李四",
    )
    store.delete("orders", deleted["id"], version=1, by="李四")


def _content(store):
    """Every row of every table, as Python values, in id order."""
    with store.engine.connect() as connection:
        return {
            name: [
                dict(r) for r in connection.execute(table.select().order_by(table.c.id)).mappings()
            ]
            for name, table in DUMP_TABLES.items()
        }


def test_dump_load_sqlite_to_postgresql_identical(sqlite_url, pg_url, tmp_path):
    """A SQLite workspace dumped and loaded into an empty PostgreSQL one holds the same rows."""
    path = tmp_path / "workspace.jsonl"
    with Store.open(sqlite_url) as source:
        _fill(source)
        dump(source, path)
        expected = _content(source)
        frames = (
            source.records(KEY, "orders"),
            case_positions(source.records(KEY, "case_actions")),
            source.audit(KEY),
        )
    with Store.open(pg_url) as target:
        load(target, path)
        assert _content(target) == expected
        pd.testing.assert_frame_equal(target.records(KEY, "orders"), frames[0])
        pd.testing.assert_frame_equal(
            case_positions(target.records(KEY, "case_actions")), frames[1]
        )
        pd.testing.assert_frame_equal(target.audit(KEY), frames[2])


def test_loaded_store_never_reuses_ids(store_url, sqlite_url, tmp_path):
    """After a load, a new record gets an id no record ever had, deleted ones included."""
    path = tmp_path / "workspace.jsonl"
    with Store.open(sqlite_url) as source:
        _fill(source)  # its last order was deleted
        dump(source, path)
        deleted = source.audit().query("action == 'delete'")["record_id"].max()
    target_url = store_url if store_url != sqlite_url else f"sqlite:///{tmp_path / 'b.sqlite'}"
    with Store.open(target_url) as target:
        load(target, path)
        order = target.add(
            KEY,
            "orders",
            {"subject_id": "P003", "kind": "约谈询问笔录", "issued": "2023-12-02"},
            by="李四",
        )
    assert order["id"] == deleted + 1


def test_deleted_id_not_reused(store):
    """A deleted record's id is never given to a new record (it names it in the audit trail)."""
    first = store.add(
        KEY,
        "orders",
        {"subject_id": "P1", "kind": "约谈询问笔录", "issued": "2023-12-01"},
        by="李四",
    )
    store.delete("orders", first["id"], version=1, by="李四")
    second = store.add(
        KEY,
        "orders",
        {"subject_id": "P2", "kind": "约谈询问笔录", "issued": "2023-12-01"},
        by="李四",
    )
    assert second["id"] > first["id"]


def test_load_refuses_non_empty_store(store, tmp_path):
    """Loading into a workspace that holds records is refused and writes nothing."""
    _fill(store)
    path = tmp_path / "workspace.jsonl"
    dump(store, path)
    rows = store.count("audit")
    with pytest.raises(StoreNotEmptyError):
        load(store, path)
    assert store.count("audit") == rows


def test_load_refuses_cut_off_file(sqlite_url, tmp_path):
    """A dump that lost its last lines is refused, not half loaded."""
    path = tmp_path / "workspace.jsonl"
    with Store.open(sqlite_url) as source:
        _fill(source)
        dump(source, path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-3]), encoding="utf-8")
    with Store.open(f"sqlite:///{tmp_path / 'b.sqlite'}") as target:
        with pytest.raises(StoreError, match="不完整"):
            load(target, path)
        assert target.count("campaigns") == 0


def test_dump_is_json_lines(store, tmp_path):
    """Every line of a dump is one JSON object; the first names the format."""
    _fill(store)
    path = tmp_path / "workspace.jsonl"
    counts = dump(store, path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["format"] == "wagekit-store"
    assert len(lines) == 2 + sum(counts.values())
