import datetime as dt

from rhythm_frames import assessed

from wagekit.baseline import tiers_by_township
from wagekit.summary import figures

DAY = dt.date(2024, 1, 10)


def _tier(subject, kind, tier):
    return {
        "baseline_date": "2023-11-01",
        "subject_id": subject,
        "subject_kind": kind,
        "tier": tier,
    }


def test_tiers_at_baseline_and_now_per_township(tiny):
    """P1 was general at the baseline and owes nothing now: 甲镇 cleared one."""
    a = assessed(
        tiny,
        DAY,
        baseline=[
            _tier("P1", "project", "general"),
            _tier("P2", "project", "serious"),
            _tier("P3", "project", "none"),
            _tier("91330100MA2H00001P", "employer", "general"),
        ],
    )
    table = tiers_by_township(a).set_index("township")
    assert table.loc["甲镇", ["baseline_general", "none", "cleared"]].tolist() == [1, 1, 1]
    assert table.loc["乙镇", ["baseline_serious", "serious", "cleared"]].tolist() == [1, 1, 0]
    risk = figures(a)["risk"]
    assert table["cleared"].sum() == sum(risk["cleared"].values())
    assert table["baseline_general"].sum() == risk["baseline"]["general"]
    assert table["serious"].sum() == risk["serious"]
