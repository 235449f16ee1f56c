"""The plan 生成方案 every step of the sample generator shares, and the campaign it describes.

The sample county 示例县 (``REGION``, administrative code 行政区划代码 ``REGION_CODE``) has twelve
townships 镇/街道 (``TOWNSHIPS``, drawn with ``TOWNSHIP_WEIGHTS``). The *plan* 生成方案 holds one
``numpy.random.Generator``, the rules 规则, the size 规模 of each ledger at the requested scale
and the key days: ``as_of`` 统计截止日 (20 December), the payroll *window* 工资月份范围 (the
twelve months from December of the year before to November) and the *last day* 花名册截止日 a
roster covers (30 November). A *sample campaign* 示例活动 (:class:`SampleCampaign`) is what the
generator returns: the ``campaign.toml`` text 活动配置, the canonical tables 台账 and the ground
truth 标准答案.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from wagekit.calendar import default_campaign_end
from wagekit.config import Rules

__all__ = [
    "DEFAULT_SEED",
    "REGION",
    "REGION_CODE",
    "TOWNSHIPS",
    "TOWNSHIP_WEIGHTS",
    "Plan",
    "SampleCampaign",
    "campaign_plan",
    "config_toml",
]

DEFAULT_SEED = 20231101
REGION = "示例县"
REGION_CODE = "511623"
TOWNSHIPS = (
    "城东街道",
    "城西街道",
    "盈浦街道",
    "曲溪街道",
    "洛河镇",
    "中营镇",
    "太平镇",
    "双港镇",
    "隆丰镇",
    "连河镇",
    "和城镇",
    "路坪镇",
)
TOWNSHIP_WEIGHTS = np.array([14, 12, 11, 9, 9, 8, 7, 7, 6, 6, 6, 5], dtype=float)


@dataclass
class SampleCampaign:
    """A generated campaign: ``campaign.toml`` text, canonical tables and the ground truth.

    ``tables`` hold the canonical English columns with the dtypes of a loaded campaign (no
    ``source_row``); ``planted`` is what ``planted.json`` holds.
    """

    config_toml: str
    tables: dict[str, pd.DataFrame]
    planted: dict[str, Any]
    seed: int
    scale: int
    year: int


@dataclass
class Plan:
    """What every step of the generator shares: one generator, the sizes and the key days.

    The steps draw from ``rng`` one after another, in the order
    :func:`wagekit.sample.generate` calls them; that order is part of the output (the same seed
    gives the same files).
    """

    rng: np.random.Generator
    rules: Rules
    year: int
    scale: int
    as_of: np.datetime64
    window: np.ndarray  # the twelve payroll months, December of the year before to November
    last_day: np.datetime64  # the last day a roster covers: 30 November
    n_proj: int
    n_emp: int
    n_work: int
    n_case: int
    n_pub: int


def campaign_plan(*, scale: int, seed: int, year: int) -> Plan:
    """The plan of the campaign of ``year`` at ``scale``, its generator seeded by all three."""
    return Plan(
        rng=np.random.default_rng([seed, scale, year]),
        rules=Rules(),
        year=year,
        scale=scale,
        as_of=np.datetime64(f"{year}-12-20", "D"),
        window=np.arange(np.datetime64(f"{year - 1}-12", "M"), np.datetime64(f"{year}-12", "M")),
        last_day=np.datetime64(f"{year}-11-30", "D"),
        n_proj=300 * scale,
        n_emp=400 * scale,
        n_work=10_000 * scale,
        n_case=500 * scale,
        n_pub=800 * scale,
    )


def config_toml(year: int, rules: Rules) -> str:
    """``campaign.toml`` of the campaign starting 1 November ``year``.

    Its phases, ``rules`` and, as ``[office]``, the county's labour bureau.
    """
    start = dt.date(year, 11, 1)
    end = default_campaign_end(start)
    summary_first = end + dt.timedelta(days=1)
    return (
        f'name = "{year}年度根治欠薪冬季专项行动"\n'
        f'region = "{REGION}"\n'
        f"start = {start.isoformat()}\n"
        f"end = {end.isoformat()}\n\n"
        "[phases]\n"
        f"publicity = [{start}, {dt.date(year, 11, 30)}]\n"
        f"self_inspection = [{start}, {dt.date(year, 11, 30)}]\n"
        f"enforcement = [{dt.date(year, 12, 1)}, {end}]\n"
        f"summary = [{summary_first}, {summary_first + dt.timedelta(days=19)}]\n\n"
        "[rules]\n"
        f"minimum_wage_monthly = {rules.minimum_wage_monthly:g}\n"
        f"case_deadline_working_days = {rules.case_deadline_working_days}\n"
        f"serious_arrears_amount = {rules.serious_arrears_amount:g}\n"
        f"serious_arrears_workers = {rules.serious_arrears_workers}\n"
        f"wage_deposit_rate = {rules.wage_deposit_rate:g}\n"
        f"criminal_amount_per_worker = {rules.criminal_amount_per_worker:g}\n"
        f"criminal_amount_total = {rules.criminal_amount_total:g}\n\n"
        "[office]\n"
        f'name = "{REGION}人力资源和社会保障局"\n'
        'number_prefix = "示人社监"\n'
        'contact = "王敏"\n'
        'phone = "0000-12345678"\n'
        f'police = "{REGION}公安局"\n'
    )
