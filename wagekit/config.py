"""The campaign 专项行动 as declared in ``campaign.toml``: name, region, dates, phases and rules.

A *phase* 阶段 is one of publicity 集中宣传, self_inspection 自查自纠, enforcement 执法检查 and
summary 总结, each a closed range of days; phases may overlap (publicity and self-inspection
usually run together), and the phase *of a day* is the latest-starting phase that contains it.
*Rules* 规则 are the thresholds the checks use; every rule has a default and a campaign may
override it. ``[calendar]`` declares the holidays and make-up working days of a year the
built-in Chinese calendar does not know yet. ``[scoring]`` holds the *weights* 权重 of the
township score 乡镇考核得分 (points out of 100 by default). ``previous`` names the folder of the
campaign before this one (``../2022冬季行动``), for comparisons. ``[office]`` says who issues
the documents and signs the reports 发文机关: its name, the prefix of its 文号, the contact
person and telephone printed on every order, and the public security organ a case is
transferred to; what it leaves out stays a fill-in mark for the office to write by hand.

Every key the file may hold is declared once, in :data:`SCHEMA` (section → key → :class:`Key`),
as :mod:`wagekit.schema` declares the ledgers' columns: a value of the wrong kind, an unknown
section or key (with the closest known name suggested) or a file that is not UTF-8 is a
:class:`ConfigError` with a Chinese message, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

__all__ = [
    "CampaignConfig",
    "ConfigError",
    "Key",
    "Office",
    "PHASES",
    "Rules",
    "SCHEMA",
    "Scoring",
    "read_config",
]

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
class Scoring:
    """Weights of the township score, in points; the defaults add up to 100.

    Closing cases carries most (the campaign is judged on 两清零), then cases not left overdue
    and the 两清零 progress itself; the self-inspection forms returned, the daily 零报告 sent on
    time and publicity held carry the rest.
    """

    closure_rate: float = 30.0
    overdue_open: float = 20.0
    two_zero: float = 20.0
    self_inspection_return: float = 10.0
    daily_punctuality: float = 10.0
    publicity: float = 10.0


@dataclass(frozen=True)
class Office:
    """Who issues the documents and signs the reports; "" where campaign.toml is silent."""

    name: str = ""
    number_prefix: str = ""
    contact: str = ""
    phone: str = ""
    police: str = ""


@dataclass(frozen=True)
class Key:
    """One key of campaign.toml: its kind and what it means, in Chinese.

    Kinds: ``text``, ``date``, ``span`` ([first day, last day]), ``dates`` (a list of days),
    ``number`` (≥ 0), ``count`` (a whole number ≥ 0), ``path`` (a folder, relative to the
    campaign folder).
    """

    kind: str
    label: str
    required: bool = False


_RULE_LABELS = {
    "minimum_wage_monthly": "最低工资标准（元/月）",
    "case_deadline_working_days": "案件办结时限（工作日）",
    "serious_arrears_amount": "重大欠薪金额（元）",
    "serious_arrears_workers": "重大欠薪人数",
    "wage_deposit_rate": "工资保证金比例",
    "criminal_amount_per_worker": "拒不支付劳动报酬罪数额（每人，元）",
    "criminal_amount_total": "拒不支付劳动报酬罪数额（合计，元）",
}
_SCORING_LABELS = {
    "closure_rate": "案件办结率权重",
    "overdue_open": "超期未办结案件权重",
    "two_zero": "两清零进度权重",
    "self_inspection_return": "自查表回收权重",
    "daily_punctuality": "零报告按时报送权重",
    "publicity": "宣传活动权重",
}
_OFFICE_LABELS = {
    "name": "发文机关名称",
    "number_prefix": "文号前缀（机关代字）",
    "contact": "联系人",
    "phone": "联系电话",
    "police": "移送案件的公安机关名称",
}
_PHASE_KEYS = {name: Key("span", f"{PHASE_LABELS[name]}阶段起止日期") for name in PHASES}

# Section (None: the top level) → key → declaration.
SCHEMA: dict[str | None, dict[str, Key]] = {
    None: {
        "name": Key("text", "行动名称", required=True),
        "region": Key("text", "地区"),
        "start": Key("date", "开始日期", required=True),
        "end": Key("date", "结束日期"),
        "previous": Key("path", "上一次行动的文件夹"),
    },
    "phases": _PHASE_KEYS,
    "rules": {
        f.name: Key("count" if f.type == "int" else "number", _RULE_LABELS[f.name])
        for f in fields(Rules)
    },
    "calendar": {
        "holidays": Key("dates", "放假日期"),
        "workdays": Key("dates", "调休上班日期"),
    },
    "scoring": {f.name: Key("number", _SCORING_LABELS[f.name]) for f in fields(Scoring)},
    "office": {f.name: Key("text", _OFFICE_LABELS[f.name]) for f in fields(Office)},
}
_SECTION_LABELS = {
    "phases": "阶段",
    "rules": "规则",
    "calendar": "节假日",
    "scoring": "乡镇考核权重",
    "office": "发文机关",
}


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
    scoring: Scoring = field(default_factory=Scoring)
    previous: Path | None = None
    office: Office = field(default_factory=Office)

    def phase_on(self, day: dt.date) -> str:
        """The phase a day falls in: a phase name, ``before`` or ``after``."""
        current = [
            (first, name) for name, (first, last) in self.phases.items() if first <= day <= last
        ]
        if current:
            return max(current)[1]
        firsts = [first for first, _ in self.phases.values()] or [self.start]
        return "before" if day < min(firsts) else "after"


# --------------------------------------------------------------------------------------------
# Checking values against the declaration


def _where(section: str | None, key: str) -> str:
    return f"[{section}] {key}" if section else key


def _shown(value: object) -> str:
    if isinstance(value, dict):
        return "一节设置"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _checked(section: str | None, name: str, key: Key, value: object, problems: list[str]):
    """The value in its Python form, or None with the problem added to ``problems``."""
    where = _where(section, name)
    wrong = f"{where}（{key.label}）应为{{}}，实际为：{_shown(value)}"
    match key.kind:
        case "text" | "path":
            if isinstance(value, str) and value.strip():
                return value.strip()
            problems.append(wrong.format('文字（加英文双引号，如 "示例县"）'))
        case "date":
            day = _as_date(value)
            if day is not None:
                return day
            problems.append(wrong.format("日期（如 2023-11-01）"))
        case "dates":
            days = [_as_date(v) for v in value] if isinstance(value, list) else [None]
            if None not in days:
                return tuple(days)
            problems.append(wrong.format("日期列表（如 [2027-02-05, 2027-02-06]）"))
        case "span":
            days = [_as_date(v) for v in value] if isinstance(value, list) else []
            if len(days) != 2 or None in days:
                problems.append(wrong.format("[开始日期, 结束日期]（如 [2023-11-01, 2023-11-30]）"))
            elif days[1] < days[0]:
                problems.append(f"{where}（{key.label}）的结束日期早于开始日期")
            else:
                return days[0], days[1]
        case "number":
            if _is_number(value) and value >= 0 and value == value and value != float("inf"):
                return float(value)
            problems.append(wrong.format("不小于0的数字"))
        case "count":
            if _is_number(value) and value >= 0 and float(value).is_integer():
                return int(value)
            problems.append(wrong.format("不小于0的整数"))
    return None


def _suggestion(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return close[0] if close else ""


def _section_of(name: str) -> str | None:
    """The section declaring a key of this name, for a key written in the wrong place."""
    return next((s for s, keys in SCHEMA.items() if s and name in keys), None)


def _check(data: dict) -> tuple[dict[str | None, dict[str, object]], list[str]]:
    """Every declared value of the file, checked; and every problem, in Chinese."""
    problems: list[str] = []
    values: dict[str | None, dict[str, object]] = {s: {} for s in SCHEMA}
    sections = [s for s in SCHEMA if s]
    for name, value in data.items():
        if name in SCHEMA[None]:
            checked = _checked(None, name, SCHEMA[None][name], value, problems)
            if checked is not None:
                values[None][name] = checked
        elif name in sections:
            if not isinstance(value, dict):
                problems.append(
                    f"{name} 应为一节设置 [{name}]（{_SECTION_LABELS[name]}），"
                    f"实际为：{_shown(value)}"
                )
                continue
            for key, item in value.items():
                declared = SCHEMA[name].get(key)
                if declared is None:
                    close = _suggestion(key, list(SCHEMA[name]))
                    hint = (
                        f"，是否应为 {close}？" if close else f"（可用：{'、'.join(SCHEMA[name])}）"
                    )
                    problems.append(f"[{name}] 中有未知的设置 {key}{hint}")
                    continue
                checked = _checked(name, key, declared, item, problems)
                if checked is not None:
                    values[name][key] = checked
        elif isinstance(value, dict):
            close = _suggestion(name, sections)
            hint = f"，是否应为 [{close}]？" if close else f"（可用：{'、'.join(sections)}）"
            problems.append(f"未知的节 [{name}]{hint}")
        else:
            home = _section_of(name)
            close = _suggestion(name, list(SCHEMA[None]) + sections)
            if home:
                hint = f"，是否应写在 [{home}] 节中？"
            elif close:
                hint = f"，是否应为 {close}？"
            else:
                hint = ""
            problems.append(f"未知的设置 {name}{hint}")
    for name, key in SCHEMA[None].items():
        if key.required and name not in data:
            problems.append(f"缺少必填项 {name}（{key.label}）")
    start, end = values[None].get("start"), values[None].get("end")
    if start and end and end < start:
        problems.append("end（结束日期）早于 start（开始日期）")
    return values, problems


# --------------------------------------------------------------------------------------------
# Reading the file


def _text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for encoding, label in (("gbk", "GBK"), ("gb18030", "GB18030"), ("utf-16", "UTF-16")):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        raise ConfigError(
            f"{path} 不是UTF-8编码（像是{label}编码），无法读取；"
            "请用记事本或WPS打开，另存为“UTF-8”编码后再试"
        )
    raise ConfigError(f"{path} 不是文本文件（无法识别编码），请重新编写 campaign.toml")


_TOML_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")


def _parsed(path: Path) -> dict:
    try:
        return tomllib.loads(_text(path))
    except tomllib.TOMLDecodeError as exc:
        where = _TOML_WHERE.search(str(exc))
        at = f"第{where.group(1)}行第{where.group(2)}列" if where else ""
        raise ConfigError(
            f"{path} {at}格式错误，不符合TOML写法（{exc}）；"
            "常见原因：文字没有加英文双引号、用了中文标点、同一项写了两次"
        ) from exc


def read_config(path: Path) -> CampaignConfig:
    """Read ``campaign.toml``; raise :class:`ConfigError` with a Chinese message if unusable.

    Every problem of the file is listed in the one message, so a clerk fixes them in one go.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"活动文件夹中缺少 campaign.toml：{path}")
    values, problems = _check(_parsed(path))
    if problems:
        raise ConfigError(f"{path} 有{len(problems)}处问题：" + "；".join(problems))
    top, calendar = values[None], values["calendar"]
    previous = None
    if "previous" in top:
        previous = Path(os.path.normpath(path.parent.absolute() / top["previous"]))
    return CampaignConfig(
        name=top["name"],
        region=top.get("region", ""),
        start=top["start"],
        end=top.get("end"),
        phases={name: values["phases"][name] for name in PHASES if name in values["phases"]},
        rules=Rules(**values["rules"]),
        holidays=calendar.get("holidays", ()),
        workdays=calendar.get("workdays", ()),
        scoring=Scoring(**values["scoring"]),
        previous=previous,
        office=Office(**values["office"]),
    )
