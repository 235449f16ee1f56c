import datetime as dt

import chinese_calendar
import pandas as pd
import pytest
from pandas.testing import assert_series_equal

from wagekit.calendar import (
    BUILTIN_YEARS,
    WorkCalendar,
    default_campaign_end,
    spring_festival,
    two_zero_deadlines,
)
from wagekit.config import CampaignConfig

# A year no State Council notice covers for decades; 2099-02-05 is a Thursday.
FAR_YEAR = 2099


def dates(*values: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values)))


def test_far_year_is_unknown_to_chinese_calendar():
    """The fallback tests below rely on FAR_YEAR being outside the built-in calendar."""
    assert FAR_YEAR not in BUILTIN_YEARS
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(dt.date(FAR_YEAR, 2, 5))


def test_make_up_saturday_is_a_working_day():
    """Saturday 2023-10-07 was a make-up working day (调休上班); Monday 2023-10-02 a holiday."""
    result = WorkCalendar().is_working_day(dates("2023-10-07", "2023-10-02", "2023-10-09"))
    assert_series_equal(result, pd.Series([True, False, True]))


def test_national_day_holiday_moves_the_next_working_day():
    """Received Thursday 2023-09-28: Sep 29 – Oct 6 are the National Day holiday, so the first
    working day after receipt is the make-up Saturday 2023-10-07, not Friday 2023-09-29."""
    assert WorkCalendar().add_working_days(dt.date(2023, 9, 28), 1) == pd.Timestamp("2023-10-07")


def test_national_day_holiday_moves_a_30_working_day_deadline():
    """Received Thursday 2023-09-28, 30 working days, receipt day not counted:
    Oct 7 (Sat, 调休) 1, Oct 8 (Sun, 调休) 2, Oct 9–13 3–7, Oct 16–20 8–12, Oct 23–27 13–17,
    Oct 30–Nov 3 18–22, Nov 6–10 23–27, Nov 13, 14, 15 28–30 → due Wednesday 2023-11-15
    (weekends only would give 2023-11-09)."""
    result = WorkCalendar().add_working_days(dates("2023-09-28"), 30)
    assert_series_equal(result, dates("2023-11-15").astype("datetime64[ns]"))


def test_deadline_on_a_make_up_sunday():
    """Received Wednesday 2023-09-27, 2 working days: Sep 28 (1), then Sep 29 – Oct 6 off,
    Oct 7 (Sat, 调休) is 2 → due 2023-10-07; 3 working days → the make-up Sunday 2023-10-08."""
    cal = WorkCalendar()
    assert cal.add_working_days(dt.date(2023, 9, 27), 2) == pd.Timestamp("2023-10-07")
    assert cal.add_working_days(dt.date(2023, 9, 27), 3) == pd.Timestamp("2023-10-08")


def test_receipt_day_is_not_counted():
    """A case received on a working Monday with 1 working day to go is due on Tuesday."""
    assert WorkCalendar().add_working_days(dt.date(2023, 11, 6), 1) == pd.Timestamp("2023-11-07")


def test_working_days_between_counts_after_start_up_to_end():
    """From Thu 2023-09-28 to Mon 2023-10-09: Oct 7, Oct 8 (调休) and Oct 9 → 3 working days;
    reversed, −3."""
    cal = WorkCalendar()
    assert cal.working_days_between(dates("2023-09-28"), dates("2023-10-09")).tolist() == [3]
    assert cal.working_days_between(dates("2023-10-09"), dates("2023-09-28")).tolist() == [-3]


def test_missing_dates_stay_missing():
    """A missing date gives NaT / <NA> / False, never an error or a made-up date."""
    cal = WorkCalendar()
    received = pd.Series([pd.NaT, pd.Timestamp("2023-11-06")], index=[10, 11])
    assert cal.add_working_days(received, 1).isna().tolist() == [True, False]
    assert cal.working_days_between(received, received).isna().tolist() == [True, False]
    assert cal.is_working_day(received).tolist() == [False, True]


def test_series_keep_their_index():
    """Results align with the input Series' index."""
    received = pd.Series(pd.to_datetime(["2023-11-06"]), index=[42])
    assert WorkCalendar().add_working_days(received, 5).index.tolist() == [42]


def test_matches_chinese_calendar_on_every_built_in_day():
    """Without declarations the calendar agrees with chinese_calendar on every day it knows."""
    days = pd.Series(pd.date_range(f"{BUILTIN_YEARS.start}-01-01", f"{BUILTIN_YEARS[-1]}-12-31"))
    expected = [chinese_calendar.is_workday(d) for d in days.dt.date]
    assert WorkCalendar().is_working_day(days).tolist() == expected


@pytest.mark.parametrize(
    ("year", "festival"),
    [(2024, dt.date(2024, 2, 10)), (2025, dt.date(2025, 1, 29)), (2027, dt.date(2027, 2, 6))],
)
def test_spring_festival(year, festival):
    """The Spring Festival (正月初一) falls on the published Gregorian date."""
    assert spring_festival(year) == festival


def test_unknown_year_falls_back_to_weekends_only():
    """Without [calendar], an unknown year has only weekends off: Thu 2099-02-05 + 2 working
    days = Mon 2099-02-09 (Fri 6 is 1, Sat/Sun skipped)."""
    assert WorkCalendar().add_working_days(dt.date(FAR_YEAR, 2, 5), 2) == pd.Timestamp("2099-02-09")


def test_unknown_year_carries_a_warning():
    """A date in an unknown year, not declared, is flagged with the Chinese warning."""
    cal = WorkCalendar()
    assert cal.unofficial_years(dt.date(FAR_YEAR, 2, 5)) == (FAR_YEAR,)
    assert cal.warning(dt.date(FAR_YEAR, 2, 5)) == (
        "2099年节假日安排尚未发布，且campaign.toml未在[calendar]中声明，按仅周末休息计算"
    )


def test_declared_year_uses_declared_days_without_warning():
    """[calendar] declares Fri 2099-02-06 off and Sat 2099-02-07 a make-up day: Thu 2099-02-05
    + 1 working day = Sat 2099-02-07, and the year is no longer flagged."""
    config = CampaignConfig(
        name="x",
        region="y",
        start=dt.date(2098, 11, 1),
        end=None,
        holidays=(dt.date(FAR_YEAR, 2, 6),),
        workdays=(dt.date(FAR_YEAR, 2, 7),),
    )
    cal = WorkCalendar.from_config(config)
    assert cal.add_working_days(dt.date(FAR_YEAR, 2, 5), 1) == pd.Timestamp("2099-02-07")
    assert cal.unofficial_years(dt.date(FAR_YEAR, 2, 5)) == ()
    assert cal.warning(dt.date(FAR_YEAR, 1, 1)) == ""


def test_declared_day_overrides_the_built_in_calendar():
    """A declared make-up day wins over a built-in holiday (2023-10-02 declared worked)."""
    cal = WorkCalendar(workdays=[dt.date(2023, 10, 2)])
    assert cal.is_working_day(dt.date(2023, 10, 2)) is True


def test_span_warnings_name_each_unofficial_year_a_range_touches():
    """Per row, the warning lists the unknown years between start and end, or is empty."""
    cal = WorkCalendar()
    result = cal.span_warnings(
        dates("2023-09-28", "2098-12-01", "2023-01-01"),
        dates("2023-11-15", "2099-01-20", pd.NaT),
    )
    assert result.tolist() == [
        "",
        "2098年、2099年节假日安排尚未发布，且campaign.toml未在[calendar]中声明，按仅周末休息计算",
        "",
    ]


def test_two_zero_deadlines_of_a_winter_campaign():
    """Campaign from 2023-11-01: government cases by 2023-12-31, others by the eve of the
    Spring Festival 2024-02-10, i.e. 2024-02-09."""
    assert two_zero_deadlines(dt.date(2023, 11, 1)) == {
        "government": dt.date(2023, 12, 31),
        "others": dt.date(2024, 2, 9),
    }


def test_default_campaign_end_is_the_eve_of_the_next_spring_festival():
    """A campaign starting 2024-01-15 (before the 2024-02-10 festival) ends 2024-02-09; one
    starting 2024-11-01 ends on the eve of 2025-01-29, 2025-01-28."""
    assert default_campaign_end(dt.date(2024, 1, 15)) == dt.date(2024, 2, 9)
    assert default_campaign_end(dt.date(2024, 11, 1)) == dt.date(2025, 1, 28)
