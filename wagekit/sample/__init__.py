"""A synthetic county campaign 示例县专项行动 with planted problems and their ground truth.

The *sample* 示例数据 is a deterministic campaign folder (../CONTRACT.md section 1) for a made-up
county: townships 镇/街道, competent departments 行业主管部门, construction projects 在建工程项目
of the four investment types 投资类型, employers 用人单位, migrant workers 农民工 with a year of
monthly payroll 工资发放记录, complaint clues and cases 欠薪线索及案件, publicity events 宣传活动
and self-inspection forms 自查情况表. A *planted problem* 预设问题 is a defect put into the data
on purpose (a missing system 制度缺失, arrears 欠薪, a below-minimum wage 低于最低工资, cash pay
现金发放, an overdue case 超期案件 …); the *ground truth* 标准答案 ``planted.json`` lists the
subjects of each kind with the definition used, so tests compare what wagekit detects with what
was planted. Time-dependent kinds are stated relative to ``as_of`` and planted clear-cut (far from
any threshold) so they hold whatever the holiday calendar. The *messy copy* 杂乱副本 is the same
data written the way offices really send it (GBK/GB18030 CSV, aliases, 万元, five date formats,
.xls) plus a list of *planted load errors* 预设载入错误: extra rows, each breaking exactly one
rule in one cell, so the messy folder loads into exactly the clean data.

Everything is drawn from one ``numpy.random.Generator`` seeded by ``seed`` and computed on whole
arrays, so the same seed gives byte-identical files and ``scale=100`` (a million workers) runs in
minutes.

The generator runs as named steps, one theme per module: :mod:`~wagekit.sample.plan` (the plan
every step shares, ``campaign.toml``), :mod:`~wagekit.sample.subjects` (employers and projects),
:mod:`~wagekit.sample.workers` (roster and payroll), :mod:`~wagekit.sample.problems` (the
planted payroll problems), :mod:`~wagekit.sample.cases`, :mod:`~wagekit.sample.activities`
(publicity and self-inspection forms) and :mod:`~wagekit.sample.truth` (``planted.json``);
:mod:`~wagekit.sample.files` writes the folder, :mod:`~wagekit.sample.messy` and
:mod:`~wagekit.sample.load_errors` the messy copy.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from wagekit.sample.activities import publicity_ledger, self_inspection_forms
from wagekit.sample.cases import cases_ledger
from wagekit.sample.contacts import add_contacts
from wagekit.sample.files import FORMATS, XLSX_MAX_ROWS, write_campaign
from wagekit.sample.plan import (
    DEFAULT_SEED,
    REGION,
    REGION_CODE,
    TOWNSHIPS,
    SampleCampaign,
    campaign_plan,
    config_toml,
)
from wagekit.sample.problems import (
    choose_problem_projects,
    plant_arrears,
    plant_cash_pay,
    plant_late_pay,
    plant_roster_gaps,
)
from wagekit.sample.projects_ledger import projects_ledger
from wagekit.sample.subjects import DEPARTMENTS, draw_employers, draw_projects
from wagekit.sample.truth import ground_truth
from wagekit.sample.workers import (
    draw_payroll_rows,
    draw_roster,
    payroll_ledger,
    workers_ledger,
)

__all__ = [
    "DEFAULT_SEED",
    "DEPARTMENTS",
    "FORMATS",
    "REGION",
    "REGION_CODE",
    "TOWNSHIPS",
    "SampleCampaign",
    "generate",
    "write_campaign",
    "write_sample",
    "XLSX_MAX_ROWS",
]


def generate(*, scale: int = 1, seed: int = DEFAULT_SEED, year: int = 2023) -> SampleCampaign:
    """Generate the sample campaign of ``year`` (start ``year``-11-01) at ``scale``.

    Sizes at scale 1: 300 projects, 400 employers, 10,000 workers with the 12 months of payroll
    up to the campaign's start month (about 100,000 rows), 500 cases, 800 publicity events and
    a self-inspection form from most projects and employers; each count is multiplied by
    ``scale``. The same ``seed``, ``scale`` and ``year`` always give the same data: the steps
    draw from one generator in this order, so the order is part of the output.
    """
    if scale < 1:
        raise ValueError("scale must be a positive integer")
    plan = campaign_plan(scale=scale, seed=seed, year=year)
    employers = draw_employers(plan)
    projects = draw_projects(plan, employers)
    roster = draw_roster(plan, projects)
    rows = draw_payroll_rows(plan, roster)
    chosen = choose_problem_projects(plan, employers, projects, roster)
    plant_arrears(plan, roster, rows, chosen)
    plant_late_pay(plan, rows, chosen)
    plant_cash_pay(plan, roster, rows, chosen)
    off_roster, no_payroll = plant_roster_gaps(plan, roster, rows, chosen)
    payroll = payroll_ledger(rows, roster, projects)
    workers = workers_ledger(roster, projects)
    project_frame, arrears_amount, arrears_workers = projects_ledger(
        plan, employers, projects, payroll, rows, chosen
    )
    cases, case_kind, case_late_close = cases_ledger(
        plan, project_frame, employers.frame, chosen.arrears, employers.owing, projects.inv_type
    )
    publicity, silent = publicity_ledger(plan)
    self_inspections, subjects, submits, under = self_inspection_forms(
        plan, employers, projects, chosen, arrears_amount, arrears_workers
    )
    tables = {
        "projects": project_frame,
        "employers": employers.frame,
        "workers": workers,
        "payroll": payroll,
        "cases": cases,
        "publicity": publicity,
        "self_inspections": self_inspections,
    }
    add_contacts(tables, seed)
    planted = ground_truth(
        tables,
        case_kind=case_kind,
        case_late_close=case_late_close,
        rules=plan.rules,
        as_of=plan.as_of,
        year=year,
        seed=seed,
        scale=scale,
        bad_contractors=employers.name[chosen.bad_contractors],
        low_workers=roster.id[roster.low_workers],
        off_roster=roster.id[off_roster],
        no_payroll=roster.id[no_payroll],
        late_proj=projects.id[chosen.late],
        cash_proj=projects.id[chosen.cash],
        yellow_proj=projects.id[chosen.yellow],
        silent=np.asarray(TOWNSHIPS)[silent],
        missing_forms=subjects[~submits],
        under=subjects[under & submits],
        owing_employers=employers.id[employers.owing],
    )
    return SampleCampaign(config_toml(year, plan.rules), tables, planted, seed, scale, year)


def write_sample(
    out: Path | str,
    *,
    scale: int = 1,
    seed: int = DEFAULT_SEED,
    messy: bool = False,
    fmt: str = "xlsx",
    year: int = 2023,
) -> SampleCampaign:
    """Generate the sample campaign and write it to ``out`` (see :func:`generate`)."""
    sample = generate(scale=scale, seed=seed, year=year)
    write_campaign(sample, out, fmt=fmt, messy=messy)
    return sample
