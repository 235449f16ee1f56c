"""The Chinese working calendar 工作日历: working days, case deadlines, Spring Festival, 两清零.

A *working day* 工作日 is a weekday that is not a public holiday 法定节假日, or a weekend day
declared a *make-up working day* 调休上班日. The State Council publishes each year's holidays and
make-up days in a notice (国务院办公厅关于某年部分节假日安排的通知); the built-in source is the
``chinese_calendar`` package, which knows the years published when it was released. A campaign
may *declare* 声明 a year's holidays and make-up days in ``campaign.toml`` ``[calendar]``. A year
that neither knows is *unofficial* 未发布: it falls back to weekends-only, and every date that
depends on it carries a Chinese warning (:meth:`WorkCalendar.warning`) instead of being silently
wrong. The *Spring Festival* 春节 is the first day of the lunar year (computed with borax, MIT);
its *eve* 除夕 is the day before. *两清零* (two zeros) is the campaign's clearing deadline: cases
on government-invested projects 政府投资/国有企业/政府和社会资本合作 must be closed by 31
December of the year the campaign starts, all others by the eve of the next Spring Festival.

"The *n*-th working day after a date" never counts the date itself: a case received on a Friday
with 1 working day to go is due on the next working Monday (../CONTRACT.md section 3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from borax.calendars.lunardate import LunarDate
from chinese_calendar import constants as _cc

from wagekit.config import CampaignConfig

__all__ = [
    "BUILTIN_YEARS",
    "WorkCalendar",
    "default_campaign_end",
    "spring_festival",
    "spring_festival_eve",
    "two_zero_deadlines",
]

# chinese_calendar accepts exactly the years between its first and last holiday (see its
# utils._validate_date); we read the same bound so an upgrade widens ours automatically.
BUILTIN_YEARS = range(min(_cc.holidays).year, max(_cc.holidays).year + 1)


_UNOFFICIAL_TAIL = "节假日安排尚未发布，且campaign.toml未在[calendar]中声明，按仅周末休息计算"
_EPOCH_WEEKDAY = 3  # 1970-01-01 was a Thursday (Monday = 0)


def _day_numbers(days: Iterable[dt.date]) -> np.ndarray:
    """Days since 1970-01-01 (int64) of a collection of dates."""
    return np.array(sorted(days), dtype="datetime64[D]").astype(np.int64)


_BUILTIN_HOLIDAYS = _day_numbers(_cc.holidays)
_BUILTIN_WORKDAYS = _day_numbers(_cc.workdays)


def _year_of(day_numbers: np.ndarray) -> np.ndarray:
    return day_numbers.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def _year_start(year: int) -> int:
    return int(np.datetime64(f"{year:04d}-01-01", "D").astype(np.int64))


class _Dates:
    """Dates in any accepted form as day numbers, and the way back to the caller's form.

    Accepted: a scalar (date, datetime, Timestamp, ISO string), a Series, an Index, an array or
    a list. Results come back as a Series on the same index for a Series, a scalar for a scalar,
    and an array otherwise.
    """

    def __init__(self, dates: Any) -> None:
        self.scalar = np.ndim(dates) == 0 and not isinstance(dates, (pd.Series, pd.Index))
        self.series = dates if isinstance(dates, pd.Series) else None
        raw = dates if self.series is not None else pd.Series([dates] if self.scalar else dates)
        as_days = pd.to_datetime(raw).to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
        self.missing = np.isnat(as_days)
        self.days = np.where(self.missing, 0, as_days.astype(np.int64))

    def wrap(self, values: np.ndarray, kind: str, missing: np.ndarray | None = None) -> Any:
        """Shape ``values`` like the input.

        ``values`` are day numbers for ``kind="date"``; ``missing`` rows become NaT (date),
        ``<NA>`` (Int64) or ``False`` (bool).
        """
        missing = self.missing if missing is None else missing
        if kind == "date":
            out = values.astype("datetime64[D]").astype("datetime64[ns]")
            out[missing] = np.datetime64("NaT")
        elif kind == "Int64":
            out = pd.array(values, dtype="Int64")
            out[missing] = pd.NA
        else:
            out = np.asarray(values, dtype=bool) & ~missing
        if self.scalar:
            first = out[0]
            if kind == "date":
                return pd.Timestamp(first)
            return first if first is pd.NA else (int(first) if kind == "Int64" else bool(first))
        if self.series is not None:
            return pd.Series(out, index=self.series.index, name=self.series.name)
        return out


class WorkCalendar:
    """Chinese working days: the built-in official calendar plus the days a campaign declares.

    Parameters
    ----------
    holidays, workdays:
        Days off 放假 and make-up working days 调休上班 declared in ``campaign.toml``
        ``[calendar]``. A declared day overrides the built-in calendar; any declared day makes
        its year official.

    The working days of the years needed are computed once into a sorted array and searched
    with :func:`numpy.searchsorted`, so every method works on whole Series at once.

    """

    def __init__(self, holidays: Iterable[dt.date] = (), workdays: Iterable[dt.date] = ()) -> None:
        self.declared_holidays = tuple(sorted(holidays))
        self.declared_workdays = tuple(sorted(workdays))
        declared_off = _day_numbers(self.declared_holidays)
        declared_on = _day_numbers(self.declared_workdays)
        self._off = np.union1d(np.setdiff1d(_BUILTIN_HOLIDAYS, declared_on), declared_off)
        self._on = np.union1d(np.setdiff1d(_BUILTIN_WORKDAYS, declared_off), declared_on)
        self.official_years = frozenset(BUILTIN_YEARS) | {
            d.year for d in self.declared_holidays + self.declared_workdays
        }
        self._first_year = self._last_year = None
        self._working = np.empty(0, dtype=np.int64)

    @classmethod
    def from_config(cls, config: CampaignConfig) -> WorkCalendar:
        """Build a campaign's calendar: built-in days plus its ``[calendar]`` declarations."""
        return cls(config.holidays, config.workdays)

    def __repr__(self) -> str:
        return (
            f"WorkCalendar(built-in {BUILTIN_YEARS.start}–{BUILTIN_YEARS.stop - 1}, "
            f"declared {len(self.declared_holidays)} holidays, "
            f"{len(self.declared_workdays)} workdays)"
        )

    # -- the precomputed span -------------------------------------------------------------
    def _cover(self, first_year: int, last_year: int) -> None:
        """Make sure the working-day array spans whole years ``first_year``..``last_year``."""
        if self._first_year is not None:
            if self._first_year <= first_year and last_year <= self._last_year:
                return
            first_year = min(first_year, self._first_year)
            last_year = max(last_year, self._last_year)
        days = np.arange(_year_start(first_year), _year_start(last_year + 1), dtype=np.int64)
        weekday = (days + _EPOCH_WEEKDAY) % 7
        working = ((weekday < 5) & ~np.isin(days, self._off)) | np.isin(days, self._on)
        self._working = days[working]
        self._first_year, self._last_year = first_year, last_year

    def _cover_days(self, days: np.ndarray, missing: np.ndarray, *, margin_years: int = 1) -> None:
        present = days[~missing]
        if present.size == 0:
            self._cover(1970, 1970)
            return
        years = _year_of(np.array([present.min(), present.max()]))
        self._cover(int(years[0]) - margin_years, int(years[1]) + margin_years)

    # -- public, vectorised ---------------------------------------------------------------
    def is_working_day(self, dates: Any) -> Any:
        """Tell whether each date is a working day (missing dates give ``False``)."""
        d = _Dates(dates)
        self._cover_days(d.days, d.missing, margin_years=0)
        pos = np.searchsorted(self._working, d.days)
        hit = np.zeros(d.days.shape, dtype=bool)
        inside = pos < self._working.size
        hit[inside] = self._working[pos[inside]] == d.days[inside]
        return d.wrap(hit, "bool")

    def add_working_days(self, dates: Any, n: int | Any) -> Any:
        """Return the ``n``-th working day after each date, the date itself not counted.

        ``n`` is an integer or an array of integers aligned with ``dates``; a negative ``n``
        counts backwards (the ``|n|``-th working day before), ``0`` returns the date itself.
        Missing dates give ``NaT``. The result is datetime64[ns] (a Timestamp for a scalar).
        """
        d = _Dates(dates)
        steps = np.broadcast_to(np.asarray(n, dtype=np.int64), d.days.shape)
        reach = int(np.abs(steps).max(initial=0)) // 200 + 1
        self._cover_days(d.days, d.missing, margin_years=reach)
        while True:
            after = np.searchsorted(self._working, d.days, side="right") + steps - 1
            before = np.searchsorted(self._working, d.days, side="left") + steps
            pos = np.where(steps > 0, after, before)
            ok = d.missing | (steps == 0) | ((pos >= 0) & (pos < self._working.size))
            if ok.all():
                break
            self._cover(self._first_year - reach, self._last_year + reach)
        safe = np.clip(pos, 0, max(self._working.size - 1, 0))
        result = np.where(steps == 0, d.days, self._working[safe])
        return d.wrap(result, "date")

    def working_days_between(self, start: Any, end: Any) -> Any:
        """Count working days after ``start`` up to and including ``end`` (negative if before).

        The inverse of :meth:`add_working_days`:
        ``working_days_between(d, add_working_days(d, n)) == n``. Missing dates give ``<NA>``.
        """
        s, e = _Dates(start), _Dates(end)
        days = np.concatenate([s.days, e.days])
        self._cover_days(days, np.concatenate([s.missing, e.missing]), margin_years=0)
        count_s = np.searchsorted(self._working, s.days, side="right")
        count_e = np.searchsorted(self._working, e.days, side="right")
        template = s if s.series is not None or e.scalar else e
        return template.wrap(count_e - count_s, "Int64", s.missing | e.missing)

    # -- which years are official ---------------------------------------------------------
    def is_official_year(self, years: Any) -> np.ndarray:
        """Tell whether each year is known (built-in or declared); vectorised."""
        return np.isin(np.asarray(years, dtype=np.int64), np.fromiter(self.official_years, int))

    def unofficial_years(self, first: Any, last: Any | None = None) -> tuple[int, ...]:
        """List the years from ``first`` to ``last`` whose holidays nobody has declared.

        ``first`` and ``last`` are dates or years (``last`` defaults to ``first``); a year is
        unofficial when neither the built-in calendar nor ``[calendar]`` knows it.
        """

        def year(value: Any) -> int:
            return value if isinstance(value, (int, np.integer)) else pd.Timestamp(value).year

        low = year(first)
        high = year(last) if last is not None else low
        return tuple(y for y in range(low, high + 1) if y not in self.official_years)

    @staticmethod
    def unofficial_message(years: Iterable[int]) -> str:
        """Return the Chinese warning for unofficial years ('' when there are none)."""
        years = sorted(set(years))
        if not years:
            return ""
        named = "、".join(f"{y}年" for y in years)
        return named + _UNOFFICIAL_TAIL

    def warning(self, first: Any, last: Any | None = None) -> str:
        """Return the warning for one range of dates ('' when all its years are official)."""
        return self.unofficial_message(self.unofficial_years(first, last))

    def span_warnings(self, start: pd.Series, end: pd.Series) -> pd.Series:
        """Return, per row, the warning for the days from ``start`` to ``end`` ('' if none).

        Loops over the handful of unofficial years in the data, never over rows.
        """
        low = pd.to_datetime(start).dt.year
        high = pd.to_datetime(end).dt.year
        lo, hi = low.where(low <= high, high), high.where(high >= low, low)
        present = lo.notna() & hi.notna()
        message = pd.Series("", index=start.index, dtype="str")
        if not present.any():
            return message
        years = [
            y
            for y in range(int(lo[present].min()), int(hi[present].max()) + 1)
            if y not in self.official_years
        ]
        if not years:
            return message
        named = pd.Series("", index=start.index, dtype="str")
        for y in years:
            touched = present & (lo <= y) & (hi >= y)
            sep = np.where(named == "", "", "、")
            named = named.where(~touched, named + sep + f"{y}年")
        return message.where(named == "", named + _UNOFFICIAL_TAIL)


def spring_festival(year: int) -> dt.date:
    """Return the Spring Festival 春节 (lunar New Year's day, 正月初一) of a Gregorian year."""
    try:
        return LunarDate(int(year), 1, 1).to_solar_date()
    except (ValueError, KeyError, IndexError) as exc:
        raise ValueError(f"无法计算{year}年春节日期（农历仅支持1900–2100年）") from exc


def spring_festival_eve(after: dt.date) -> dt.date:
    """Return the eve 除夕 of the first Spring Festival strictly after the day ``after``."""
    festival = spring_festival(after.year)
    if festival <= after:
        festival = spring_festival(after.year + 1)
    return festival - dt.timedelta(days=1)


def default_campaign_end(start: dt.date) -> dt.date:
    """Return a campaign's default last day: the eve of the Spring Festival after ``start``."""
    return spring_festival_eve(start)


def two_zero_deadlines(campaign: CampaignConfig | dt.date) -> dict[str, dt.date]:
    """Return the 两清零 dates of a campaign (or of a campaign starting on a given date).

    ``{"government": 31 December of the start year, "others": eve of the next Spring Festival}``
    """
    start = campaign.start if isinstance(campaign, CampaignConfig) else campaign
    return {
        "government": dt.date(start.year, 12, 31),
        "others": spring_festival_eve(start),
    }
