from wagekit.widgets import KpiCard


def test_card_shows_figure_unit_and_rate():
    """A card shows its figure with separators, its unit and the rate as a percentage."""
    card = KpiCard("受理案件", value=1234, unit="件", rate=0.8125, rate_label="办结率")
    assert "1,234" in card.value and "件" in card.value
    assert "办结率 81.2%" in card.value


def test_missing_figure_shows_dash_not_zero():
    """A figure whose table is absent (None) shows a dash and no unit."""
    card = KpiCard("受理线索", value=None, unit="件")
    assert "—" in card.value and "件" not in card.value


def test_set_updates_figure_and_delta():
    """Setting a new figure re-renders, with the change since the last period."""
    card = KpiCard("未结案件", value=10, unit="件", delta_label="较上周")
    card.set(7, delta=-3)
    assert "font-weight:600'>7<span" in card.value
    assert "较上周 ▼ 3" in card.value
