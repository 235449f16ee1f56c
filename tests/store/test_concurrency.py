"""Several processes writing to one workspace at once (fork: each opens its own Store)."""

import multiprocessing

import pytest

from wagekit.store import CampaignKey, StaleVersionError, Store

KEY = CampaignKey("并发测试", "示例县")
WRITERS = 4
WRITES_EACH = 8
ROUNDS = 6

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork"
)


def _write_distinct(url, writer, barrier, results):
    with Store.open(url) as store:
        barrier.wait()
        for n in range(WRITES_EACH):
            store.add(
                KEY,
                "case_actions",
                {
                    "case_id": f"C{writer}-{n}",
                    "status": "核查中",
                    "action_date": "2023-12-01",
                    "amount_recovered": n,
                },
                by=f"监察员{writer}",
            )
    results.put(writer)


def _edit_same(url, writer, order_ids, barrier, results):
    with Store.open(url) as store:
        for order_id in order_ids:
            barrier.wait()
            try:
                store.update(
                    "orders",
                    order_id,
                    version=1,
                    by=f"监察员{writer}",
                    changes={"note": f"由{writer}修改"},
                )
                results.put((order_id, writer, "ok"))
            except StaleVersionError as refused:
                results.put((order_id, writer, str(refused)))


def _run(processes):
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
        assert process.exitcode == 0


def test_distinct_writes_all_kept(store_url):
    """Writers adding different records at once: every record and every audit row is kept."""
    Store.open(store_url).close()
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(WRITERS), context.Queue()
    _run(
        [
            context.Process(target=_write_distinct, args=(store_url, w, barrier, results))
            for w in range(WRITERS)
        ]
    )
    with Store.open(store_url) as store:
        history = store.records(KEY, "case_actions")
        trail = store.audit(KEY)
    assert sorted(history["case_id"]) == sorted(
        f"C{w}-{n}" for w in range(WRITERS) for n in range(WRITES_EACH)
    )
    inserted = trail.loc[trail["table_name"] == "case_actions"]
    # case_id, status, action_date, amount_recovered: four audit rows per write.
    assert inserted.groupby("record_id").size().eq(4).all()
    assert sorted(inserted["record_id"].unique()) == sorted(history["id"])
    assert (trail["table_name"] == "campaigns").sum() == 2  # one campaign, created once


def test_conflicting_edits_one_wins(store_url):
    """Two writers editing the same record from the same version: one wins, the other is told."""
    with Store.open(store_url) as store:
        order_ids = [
            store.add(
                KEY,
                "orders",
                {"subject_id": f"P{n}", "kind": "限期整改指令书", "issued": "2023-12-01"},
                by="组长",
            )["id"]
            for n in range(ROUNDS)
        ]
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(2), context.Queue()
    _run(
        [
            context.Process(target=_edit_same, args=(store_url, w, order_ids, barrier, results))
            for w in range(2)
        ]
    )
    outcomes = [results.get(timeout=10) for _ in range(2 * ROUNDS)]
    with Store.open(store_url) as store:
        orders = store.records(KEY, "orders").set_index("id")
        trail = store.audit(KEY)
    for order_id in order_ids:
        mine = [o for o in outcomes if o[0] == order_id]
        winners = [w for _, w, result in mine if result == "ok"]
        losers = [result for _, w, result in mine if result != "ok"]
        assert len(winners) == 1 and len(losers) == 1
        assert losers[0].startswith(f"该记录已被 监察员{winners[0]} 于 ")
        assert orders.loc[order_id, "note"] == f"由{winners[0]}修改"
        assert orders.loc[order_id, "version"] == 2
    updates = trail.loc[trail["action"] == "update"]
    assert sorted(updates["record_id"]) == sorted(order_ids)
    assert set(zip(updates["record_id"], updates["by"], strict=True)) == {
        (o, f"监察员{w}") for o, w, result in outcomes if result == "ok"
    }
