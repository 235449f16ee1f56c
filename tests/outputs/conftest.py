"""Set-up of the output tests: the sample campaign as recorded with a workspace of its own.

The workspace holds an order to pay, a blacklist notice on the same project, a daily report and
a baseline, so that every file has store records to show. Files are built once per module.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from wagekit.assessment import assess
from wagekit.baseline import baseline_records
from wagekit.recorded import recorded_campaign
from wagekit.store import Store
from wagekit.summary import figures

DAY = dt.date(2024, 1, 15)
PROJECT = "XM2023-0114"  # the sample's largest serious-tier project


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("workspace")
    with Store.open(f"sqlite:///{folder / 'workspace.sqlite'}") as opened:
        yield opened


@pytest.fixture(scope="module")
def recorded(demo_campaign, store):
    store.add(
        demo_campaign,
        "orders",
        {
            "subject_id": PROJECT,
            "kind": "限期整改指令书",
            "issued": "2024-01-05",
            "deadline": "2024-01-20",
        },
        by="张三",
    )
    store.add(
        demo_campaign,
        "orders",
        {"subject_id": PROJECT, "kind": "纳入黑名单事先告知书", "issued": "2024-01-15"},
        by="张三",
    )
    township = demo_campaign.get("projects")["township"].iloc[0]
    store.add(
        demo_campaign,
        "daily_reports",
        {"township": township, "date": DAY, "incidents": 1, "note": "群体讨薪1起，已处置"},
        by="李四",
    )
    base = assess(recorded_campaign(demo_campaign, store), as_of=dt.date(2023, 12, 1))
    store.add_many(demo_campaign, "baseline_tiers", baseline_records(base), by="李四")
    return recorded_campaign(demo_campaign, store)


@pytest.fixture(scope="module")
def assessment(recorded):
    return assess(recorded, as_of=DAY)


@pytest.fixture(scope="module")
def summary(assessment):
    return figures(assessment)


def xml_texts(data: bytes) -> str:
    """Every XML part of an .xlsx or .docx, joined: what any reader of the file could see."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(
            archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
            if name.endswith(".xml")
        )


def save_to(tmp: Path, file) -> Path:
    path = tmp / file.name
    path.write_bytes(file.data)
    return path
