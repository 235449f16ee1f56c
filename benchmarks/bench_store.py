"""Workspace store: inspector writes per second, and what the store merge adds to the summary.

1. Writes per second: one inspector action per transaction (a case action, with its audit
   rows), then one versioned update per transaction, on a fresh SQLite file (WAL) and on a
   fresh schema of the PostgreSQL server (``$WAGEKIT_TEST_PG_URL``, default
   postgres@127.0.0.1:5432/test; skipped when it does not answer).
2. Merge cost: the summary of the default sample campaign (``wagekit.sample.write_sample``),
   without a store, against the same summary with a SQLite store holding 10,000 recorded
   actions (case actions over the sample's cases, and orders to pay over its projects): reading
   the store's frames plus the summary that merges them. Goal: under 20% on top.

    .venv/bin/python benchmarks/bench_store.py [--writes 500] [--actions 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import numpy as np
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from wagekit.recorded import recorded_campaign
from wagekit.store import CampaignKey, Store

PG_URL = os.environ.get("WAGEKIT_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
KEY = CampaignKey("基准测试", "示例县")


def _writes(url: str, count: int) -> tuple[float, float]:
    with Store.open(url) as store:
        start = time.perf_counter()
        ids = [
            store.add(
                KEY,
                "case_actions",
                {
                    "case_id": f"C{n}",
                    "status": "核查中",
                    "action_date": "2023-12-01",
                    "amount_recovered": n,
                },
                by="张三",
            )["id"]
            for n in range(count)
        ]
        inserts = count / (time.perf_counter() - start)
        start = time.perf_counter()
        for record_id in ids:
            store.update(
                "case_actions", record_id, version=1, changes={"note": "已核实"}, by="李四"
            )
        updates = count / (time.perf_counter() - start)
    return inserts, updates


def _pg_schema() -> tuple[str, str] | None:
    engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
    schema = f"wk_bench_{uuid.uuid4().hex[:8]}"
    try:
        with engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError:
        return None
    finally:
        engine.dispose()
    separator = "&" if "?" in PG_URL else "?"
    return schema, f"{PG_URL}{separator}options={quote(f'-csearch_path={schema}')}"


def _drop(schema: str) -> None:
    engine = create_engine(PG_URL)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def _best(function, repeat: int) -> tuple[float, float]:
    return _interleaved([function], repeat)[0]


def _interleaved(functions: list, repeat: int) -> list[tuple[float, float]]:
    """Best and median seconds of each function, run in turn ``repeat`` times."""
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(repeat):
        for function, taken in zip(functions, times, strict=True):
            start = time.perf_counter()
            function()
            taken.append(time.perf_counter() - start)
    return [(min(taken), statistics.median(taken)) for taken in times]


def _merge_cost(folder: Path, url: str, actions: int, repeat: int) -> None:
    from wagekit.load import load
    from wagekit.sample import write_sample
    from wagekit.summary import summarize

    write_sample(folder)
    campaign = load(folder)
    config = campaign.config
    as_of = dt.date(config.start.year, 12, 31)
    cases = campaign.get("cases")["case_id"].to_numpy()
    projects = campaign.get("projects")["project_id"].to_numpy()
    rng = np.random.default_rng(1)
    n_orders = actions // 5
    n_cases = actions - n_orders
    statuses = np.array(["核查中", "已立案", "已结案", "已移送"])
    days = dt.date(config.start.year, 11, 15) + np.arange(40) * dt.timedelta(days=1)
    case_rows = [
        {"case_id": str(c), "status": str(s), "action_date": d, "amount_recovered": None}
        for c, s, d in zip(
            rng.choice(cases, n_cases),
            rng.choice(statuses, n_cases),
            rng.choice(days, n_cases),
            strict=True,
        )
    ]
    order_rows = [
        {
            "subject_id": str(p),
            "kind": "限期整改指令书",
            "issued": d,
            "deadline": d + dt.timedelta(days=10),
        }
        for p, d in zip(rng.choice(projects, n_orders), rng.choice(days, n_orders), strict=True)
    ]
    with Store.open(url) as store:
        store.add_many(campaign, "case_actions", case_rows, by="基准")
        store.add_many(campaign, "orders", order_rows, by="基准")

        def without_store():
            summarize(campaign, as_of=as_of)

        def with_store():
            summarize(recorded_campaign(campaign, store), as_of=as_of)

        def frames_only():
            recorded_campaign(campaign, store)

        # Interleaved, so that both sides meet the same moments of a shared machine.
        (base, base_median), (merged, merged_median), (reading, _) = _interleaved(
            [without_store, with_store, frames_only], repeat
        )
    load_time, _ = _best(lambda: load(folder), 1)
    print(
        f"\nmerge cost, default sample ({len(cases)} cases, {len(projects)} projects), "
        f"{n_cases} case actions + {n_orders} orders in the store (best of {repeat}):"
    )
    print(f"  summarize without store : {base * 1000:8.1f} ms (median {base_median * 1000:.1f})")
    print(
        f"  summarize with store    : {merged * 1000:8.1f} ms (median {merged_median * 1000:.1f})"
        f"  of which reading the store's frames {reading * 1000:.1f} ms"
    )
    print(
        f"  added                   : {(merged / base - 1) * 100:8.1f} % of summarize alone; "
        f"{(merged - base) / (base + load_time) * 100:.1f} % of load + summarize "
        f"(`wagekit summary`, load {load_time * 1000:.0f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writes", type=int, default=500)
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        inserts, updates = _writes(f"sqlite:///{Path(folder) / 'w.sqlite'}", args.writes)
        print(
            f"SQLite (WAL)  : {inserts:7.0f} inserts/s, {updates:7.0f} versioned updates/s "
            f"({args.writes} single-action transactions each)"
        )
    pg = _pg_schema()
    if pg is None:
        print(f"PostgreSQL    : skipped ({PG_URL} does not answer)")
    else:
        try:
            inserts, updates = _writes(pg[1], args.writes)
            print(
                f"PostgreSQL    : {inserts:7.0f} inserts/s, {updates:7.0f} versioned updates/s "
                f"({args.writes} single-action transactions each)"
            )
        finally:
            _drop(pg[0])
    with tempfile.TemporaryDirectory() as folder:
        _merge_cost(
            Path(folder) / "sample",
            f"sqlite:///{Path(folder) / 'm.sqlite'}",
            args.actions,
            args.repeat,
        )


if __name__ == "__main__":
    main()
