"""The campaign 专项行动 as declared in ``campaign.toml``: name, region, dates, phases and rules.

A *phase* 阶段 is one of publicity 集中宣传, self_inspection 自查自纠, enforcement 执法检查 and
summary 总结, each a closed range of days; phases may overlap (publicity and self-inspection
usually run together), and the phase *of a day* is the latest-starting phase that contains it.
*Rules* 规则 are the thresholds the checks use; every rule has a default and a campaign may
override it. ``[calendar]`` declares the holidays and make-up working days of a year the
built-in Chinese calendar does not know yet.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

__all__ = ["CampaignConfig", "ConfigError", "Rules", "PHASES", "read_config"]

PHASES = ("publicity", "self_inspection", "enforcement", "summary")
PHASE_LABELS = {
    "publicity": "集中宣传",
    "self_inspection": "自查自纠",
    "enforcement": "执法检查与处置",
    "summary": "总结",
    "before": "尚未开始",
    "after": "已结束",
}


class ConfigError(ValueError):
    """campaign.toml is missing or cannot be used; the message is in Chinese for the user."""


@dataclass(frozen=True)
class Rules:
    """Thresholds of the checks; defaults as in ../CONTRACT.md section 2."""

    minimum_wage_monthly: float = 1900
    case_deadline_working_days: int = 30
    serious_arrears_amount: float = 100_000
    serious_arrears_workers: int = 20
    wage_deposit_rate: float = 0.03
    criminal_amount_per_worker: float = 5_000
    criminal_amount_total: float = 30_000


@dataclass(frozen=True)
class CampaignConfig:
    """A campaign's declaration."""

    name: str
    region: str
    start: dt.date
    end: dt.date | None
    phases: dict[str, tuple[dt.date, dt.date]] = field(default_factory=dict)
    rules: Rules = field(default_factory=Rules)
    holidays: tuple[dt.date, ...] = ()
    workdays: tuple[dt.date, ...] = ()

    def phase_on(self, day: dt.date) -> str:
        """The phase a day falls in: a phase name, ``before`` or ``after``."""
        current = [
            (first, name) for name, (first, last) in self.phases.items() if first <= day <= last
        ]
        if current:
            return max(current)[1]
        firsts = [first for first, _ in self.phases.values()] or [self.start]
        return "before" if day < min(firsts) else "after"


def _date(value: object, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ConfigError(f"campaign.toml 中 {where} 应为日期（如 2023-11-01），实际为：{value!r}")


def _rules(table: dict, path: Path) -> Rules:
    known = {f.name: f for f in fields(Rules)}
    unknown = sorted(set(table) - set(known))
    if unknown:
        raise ConfigError(f"{path} 的 [rules] 中有未知规则：{'、'.join(unknown)}")
    values = {}
    for key, value in table.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ConfigError(f"{path} 的 [rules] {key} 应为非负数，实际为：{value!r}")
        values[key] = int(value) if known[key].type == "int" else float(value)
    return Rules(**values)


def read_config(path: Path) -> CampaignConfig:
    """Read ``campaign.toml``; raise :class:`ConfigError` with a Chinese message if unusable."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"活动文件夹中缺少 campaign.toml：{path}")
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} 格式错误：{exc}") from exc
    for key in ("name", "start"):
        if key not in data:
            raise ConfigError(f"{path} 缺少必填项 {key}")
    phases = {}
    for name, span in data.get("phases", {}).items():
        if name not in PHASES:
            raise ConfigError(
                f"{path} 的 [phases] 中有未知阶段：{name}（可用：{'、'.join(PHASES)}）"
            )
        if not isinstance(span, list) or len(span) != 2:
            raise ConfigError(f"{path} 的 [phases] {name} 应为 [开始日期, 结束日期]")
        first, last = _date(span[0], f"phases.{name}"), _date(span[1], f"phases.{name}")
        if last < first:
            raise ConfigError(f"{path} 的 [phases] {name} 结束日期早于开始日期")
        phases[name] = (first, last)
    calendar = data.get("calendar", {})
    return CampaignConfig(
        name=str(data["name"]),
        region=str(data.get("region", "")),
        start=_date(data["start"], "start"),
        end=_date(data["end"], "end") if "end" in data else None,
        phases=phases,
        rules=_rules(data.get("rules", {}), path),
        holidays=tuple(_date(d, "calendar.holidays") for d in calendar.get("holidays", [])),
        workdays=tuple(_date(d, "calendar.workdays") for d in calendar.get("workdays", [])),
    )
