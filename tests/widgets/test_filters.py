import datetime as dt

import pandas as pd
from wagekit.widgets import FilterBar, FilterModel

CASES = pd.DataFrame(
    {
        "township": ["城关镇", "东坝乡", None],
        "investment_type": ["政府投资", "社会投资", "政府投资"],
        "received_date": pd.to_datetime(["2023-12-01", "2023-12-05", None]),
    }
)


def _bar():
    model = FilterModel()
    return model, FilterBar(model, FilterBar.choices_from(CASES))


def test_dropdown_sets_model():
    """Choosing a township in the bar sets the model."""
    model, bar = _bar()
    bar.dropdowns["township"].value = "东坝乡"
    assert model.township == "东坝乡"


def test_model_sets_dropdown_and_all_means_none():
    """Clearing the model shows 全部 in the dropdown (value "")."""
    model, bar = _bar()
    model.township = "城关镇"
    assert bar.dropdowns["township"].value == "城关镇"
    model.township = None
    assert bar.dropdowns["township"].value == ""
    assert bar.dropdowns["township"].label == "全部"


def test_choices_are_distinct_values_without_blanks():
    """Dropdown options are the frame's distinct values, sorted, after 全部."""
    _model, bar = _bar()
    assert [v for _label, v in bar.dropdowns["township"].options] == ["", "东坝乡", "城关镇"]


def test_apply_filters_on_present_columns_only():
    """Filters on absent columns are ignored; present ones must match."""
    model = FilterModel(investment_type="政府投资", sector="餐饮")
    assert model.apply(CASES).index.tolist() == [0, 2]


def test_date_range_is_inclusive_and_drops_undated_rows():
    """Start and end days are both included; rows without a date fall out of a range."""
    model = FilterModel(start=dt.date(2023, 12, 2), end=dt.date(2023, 12, 5))
    assert model.apply(CASES, date_column="received_date").index.tolist() == [1]


def test_date_pickers_follow_model_and_reset_clears():
    """The date pickers mirror the model; 清除筛选 clears every filter."""
    model, bar = _bar()
    bar.w_start.value = dt.date(2023, 12, 1)
    bar.dropdowns["investment_type"].value = "社会投资"
    assert model.selection == {"investment_type": "社会投资", "start": dt.date(2023, 12, 1)}
    bar.w_reset.click()
    assert model.selection == {} and bar.w_start.value is None
