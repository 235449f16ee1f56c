"""The bundled sample campaigns.

The clean one loads whole; the messy one fails exactly as planted.
"""

import json
from pathlib import Path

import pandas as pd
import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data"


@pytest.fixture
def demo(demo_campaign):
    return demo_campaign


@pytest.fixture
def messy(messy_campaign):
    return messy_campaign


def test_demo_loads_with_zero_errors(demo):
    """Every row of every table of the default sample loads."""
    assert demo.report.errors.empty
    assert demo.report.exit_code == 0
    assert set(demo.tables) == {
        "projects",
        "employers",
        "workers",
        "payroll",
        "cases",
        "publicity",
        "self_inspections",
    }


def test_demo_sizes_match_ground_truth(demo):
    """The sample is the county the issue describes (sizes as the generator recorded them)."""
    sizes = json.loads((SAMPLES / "demo" / "planted.json").read_text(encoding="utf-8"))["sizes"]
    for table, frame in demo.tables.items():
        assert len(frame) == sizes[table], table
    assert len(demo["projects"]) == 300 and len(demo["workers"]) == 10_000


def test_demo_projects_read_through_two_row_header(demo):
    """projects.xlsx has a title row and a two-row header: data starts on Excel row 4."""
    assert demo.report.tables["projects"].header_rows == 2
    assert demo["projects"]["source_row"].iloc[0] == 4
    assert set(demo["projects"]["investment_type"]) == {
        "政府投资",
        "国有企业",
        "政府和社会资本合作",
        "社会投资",
    }


def test_messy_errors_are_exactly_the_planted_ones(messy):
    """wagekit validate on the messy copy names every planted error at its Excel row, no more."""
    planted = json.loads((SAMPLES / "demo-messy" / "planted.json").read_text(encoding="utf-8"))
    expected = {
        (e["table"], e["file"], e["row"], e["column"], e["rule"]) for e in planted["load_errors"]
    }
    errors = messy.report.errors
    got = set(
        map(
            tuple, errors[["table", "file", "row", "column", "rule"]].astype(object).values.tolist()
        )
    )
    assert got == expected
    assert len(errors) == len(expected)


def test_messy_rows_add_up(messy):
    """For every table, rows read = rows loaded + rows rejected."""
    for t in messy.report.tables.values():
        assert t.rows == t.loaded + t.rejected


def test_messy_loads_into_the_clean_data(demo, messy):
    """Without its planted error rows, the messy copy holds exactly the clean campaign."""
    for table, clean in demo.tables.items():
        left = (
            clean.drop(columns="source_row")
            .sort_values(list(clean.columns[:2]))
            .reset_index(drop=True)
        )
        right = (
            messy[table]
            .drop(columns="source_row")
            .sort_values(list(clean.columns[:2]))
            .reset_index(drop=True)
        )
        pd.testing.assert_frame_equal(left, right, check_exact=False, rtol=1e-9, obj=table)


def test_messy_encodings_detected(messy):
    """The GBK and GB18030 files are recognised as such."""
    encodings = {t.file: t.encoding for t in messy.report.tables.values()}
    assert encodings["农民工花名册.csv"] == "gbk"
    assert encodings["宣传活动记录.csv"] in ("gb18030", "gbk")


def test_validate_text_masks_id_numbers_unless_asked(messy):
    """The clerk's report shows ID numbers as on every screen; --show-ids reveals them."""
    from wagekit.commands.validate import format_report

    errors = messy.report.errors
    full = errors.loc[errors["column"] == "id_number", "value"].dropna().tolist()
    assert full, "the messy sample plants bad ID numbers"
    masked = format_report(messy.report, "demo-messy")
    revealed = format_report(messy.report, "demo-messy", reveal_ids=True)
    for number in full:
        assert number not in masked
        assert f"{number[:6]}********{number[-4:]}" in masked
        assert number in revealed
    # The JSON of CONTRACT section 4 keeps the values as they are, for the office's own tools.
    assert set(full) <= {e["value"] for e in json.loads(messy.report.to_json())["errors"]}
