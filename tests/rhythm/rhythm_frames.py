"""A tiny campaign and literal store records for the tests of the campaign's rhythm.

Three townships: 甲镇 (P1 政府投资, nothing owed; case C1 closed on time), 乙镇 (P2 社会投资,
serious: 200,000 yuan owed to 25 workers, the criminal standard; P3 国有企业, nothing owed;
cases C2 open and overdue, C3 open and recent) and 丙镇 (employer E1, general: 1,000 yuan owed
to one worker). Store records are given as lists of dicts; the store's own columns (id,
version, updated_by, created_at, updated_at) are filled in when not given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pandas as pd

from wagekit.assessment import Assessment, assess
from wagekit.load import Campaign, load
from wagekit.recorded import StoreRecords, recorded_campaign

E1 = "91330100MA2H00001P"
TOML = """name = "测试行动"
region = "测试县"
start = 2023-11-01
end = 2024-02-09
"""
YES = "是"
SYSTEMS = (
    "实名制管理",
    "工资专用账户",
    "总包代发工资",
    "银行代发工资",
    "工资保证金",
    "维权信息公示牌",
)
TABLES = {
    "projects": pd.DataFrame(
        {
            "项目编号": ["P1", "P2", "P3"],
            "项目名称": ["一号楼", "二号楼", "三号桥"],
            "属地": ["甲镇", "乙镇", "乙镇"],
            "行业主管部门": ["住建局", "住建局", "交通运输局"],
            "投资类型": ["政府投资", "社会投资", "国有企业"],
            "施工总承包单位": ["甲建", "乙建", "丙建"],
            "合同金额": [1_000_000, 2_000_000, 3_000_000],
            "开工日期": ["2023-03-01", "2023-04-01", "2023-05-01"],
            **{s: [YES] * 3 for s in SYSTEMS},
            "欠薪金额": [None, 200_000, None],
            "欠薪人数": [None, 25, None],
        }
    ),
    "employers": pd.DataFrame(
        {
            "统一社会信用代码": [E1],
            "单位名称": ["某制衣厂"],
            "行业": ["加工制造"],
            "属地": ["丙镇"],
            "职工人数": [10],
            "农民工人数": [5],
            "签订劳动合同人数": [5],
            "欠薪金额": [1000],
            "欠薪人数": [1],
        }
    ),
    "cases": pd.DataFrame(
        {
            "案件编号": ["C1", "C2", "C3"],
            "线索来源": ["国家平台", "12345热线", "来信来访"],
            "受理日期": ["2023-11-01", "2023-11-06", "2024-01-05"],
            "项目编号": ["P1", "P2", "P2"],
            "被投诉单位": ["甲建", "乙建", "乙建"],
            "涉及人数": [3, 5, 2],
            "涉及金额": [30_000, 50_000, 8_000],
            "追回金额": [30_000, None, None],
            "办理状态": ["已结案", "核查中", "受理"],
            "结案日期": ["2023-11-20", None, None],
        }
    ),
    "publicity": pd.DataFrame(
        {
            "日期": ["2023-11-06"],
            "属地": ["甲镇"],
            "开展单位": ["住建局"],
            "活动类型": ["发放宣传资料"],
            "数量": [500],
        }
    ),
    "self_inspections": pd.DataFrame(
        {
            "项目编号或统一社会信用代码": ["P1", "P2"],
            "提交日期": ["2023-11-15", "2023-11-16"],
            "自报欠薪金额": [0, 200_000],
            "自报欠薪人数": [0, 25],
        }
    ),
}


def write_campaign(folder: Path, toml: str = TOML) -> Path:
    """Write the tiny campaign's ledgers as CSV files with Chinese headers."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "campaign.toml").write_text(toml, encoding="utf-8")
    for name, frame in TABLES.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


def load_tiny(folder: Path, toml: str = TOML) -> Campaign:
    """The tiny campaign loaded, with no row rejected."""
    campaign = load(write_campaign(folder, toml))
    assert campaign.report.errors.empty, campaign.report.errors.to_string()
    return campaign


def records(kind: str, rows: list[dict]) -> pd.DataFrame:
    """Store records of ``kind`` (a StoreRecords field) as the store reads them back."""
    template = getattr(StoreRecords.none(), kind)
    filled = []
    for number, row in enumerate(rows, start=1):
        at = pd.Timestamp(row.get("created_at", "2023-11-01 09:00"))
        filled.append(
            {
                "id": number,
                "version": 1,
                "updated_by": "测试员",
                "created_at": at,
                "updated_at": at,
                **row,
            }
        )
    frame = pd.DataFrame(filled, columns=template.columns)
    for column in template.columns:
        dtype = template[column].dtype
        frame[column] = (
            pd.to_datetime(frame[column]).astype(dtype)
            if str(dtype).startswith("datetime")
            else frame[column].astype(dtype)
        )
    return frame


def assessed(campaign: Campaign, as_of: dt.date, **kinds: list[dict]) -> Assessment:
    """Assess the campaign on ``as_of`` with the given store records (by StoreRecords field)."""
    store = replace(
        StoreRecords.none(),
        from_store=True,
        **{kind: records(kind, rows) for kind, rows in kinds.items()},
    )
    return assess(recorded_campaign(campaign, store), as_of=as_of)
