"""Writing the sample campaign folder 活动文件夹: the tables, ``campaign.toml``, ``planted.json``.

The clean *formats* 格式 (``FORMATS``) are ``xlsx`` (the official layout 官方样式: 是/否, dates,
contract values in 万元, a title row over the projects and cases ledgers, a two-row header
双层表头 grouping the projects' systems 制度落实情况), ``csv`` (UTF-8 with Chinese headers 中文表头)
and ``parquet`` (canonical English names, typed columns). A worksheet holds ``XLSX_MAX_ROWS``
data rows at most, so a larger payroll is refused as ``xlsx``. The *messy* 杂乱 copy is written
by :mod:`wagekit.sample.messy`; ``planted.json`` is the ground truth 标准答案 with the format
written and, for the messy copy, its planted load errors 预设载入错误.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from wagekit.sample.messy import write_messy
from wagekit.sample.plan import REGION, SampleCampaign
from wagekit.sample.workbooks import write_xlsx
from wagekit.schema import SYSTEMS, TABLE_ORDER, TABLES

__all__ = ["FORMATS", "XLSX_MAX_ROWS", "write_campaign"]

FORMATS = ("xlsx", "csv", "parquet")
XLSX_MAX_ROWS = 1_048_576 - 3
_SYSTEM_HEADER = "制度落实情况"


def _plain_cells(table: str, frame: pd.DataFrame) -> dict[str, list]:
    """Cell values of the official layout: 是/否, dates, 万元 contract values, months."""
    cells: dict[str, list] = {}
    for column in TABLES[table].columns:
        values = frame[column.name]
        if column.kind == "bool":
            out = pd.Series(np.where(values.fillna(False).astype(bool), "是", "否"), dtype=object)
            out[values.isna().to_numpy()] = None
        elif column.kind == "date":
            out = pd.Series(values.dt.date, dtype=object).where(values.notna(), None)
        elif column.kind == "month":
            out = values.dt.strftime("%Y-%m").astype(object)
        elif column.kind in ("money", "number"):
            if column.name == "contract_value":
                values = (values / 10_000).round(4)
            out = values.astype(object).where(values.notna(), None)
        elif column.kind == "count":
            out = values.astype(object).where(values.notna(), None)
            out = out.map(lambda v: None if v is None or v is pd.NA else int(v))
        else:
            out = values.astype(object).where(values.notna(), None)
        cells[column.name] = out.tolist()
    return cells


def _arrow_table(table: str, frame: pd.DataFrame, *, chinese: bool):
    """Convert a frame to pyarrow: typed for Parquet, 是/否 and Chinese headers for CSV."""
    import pyarrow as pa

    arrays, names = [], []
    for column in TABLES[table].columns:
        values = frame[column.name]
        if column.kind == "bool":
            if chinese:
                words = pd.Series(
                    np.where(values.fillna(False).astype(bool), "是", "否"), dtype="str"
                ).where(values.notna().to_numpy())
                array = pa.array(words, type=pa.string(), from_pandas=True)
            else:
                array = pa.array(values.astype("boolean"), type=pa.bool_(), from_pandas=True)
        elif column.kind == "date":
            array = pa.array(
                values.to_numpy().astype("datetime64[D]"), type=pa.date32(), from_pandas=True
            )
        elif column.kind == "month":
            if chinese:
                codes, uniques = pd.factorize(values)  # 12 months: format once, not per row
                labels = pa.array(pd.DatetimeIndex(uniques).strftime("%Y-%m").tolist())
                array = labels.take(pa.array(codes.astype(np.int32)))
            else:
                array = pa.array(values.to_numpy().astype("datetime64[D]"), type=pa.date32())
        elif column.kind == "count":
            array = pa.array(values, type=pa.int64(), from_pandas=True)
        elif column.kind in ("money", "number"):
            array = pa.array(values.to_numpy(dtype=float), type=pa.float64(), from_pandas=True)
        else:
            array = pa.array(values, type=pa.string(), from_pandas=True)
        arrays.append(array)
        names.append(column.header if chinese else column.name)
    return pa.Table.from_arrays(arrays, names=names)


def _write_clean(sample: SampleCampaign, out: Path, fmt: str) -> None:
    for table in TABLE_ORDER:
        frame = sample.tables[table]
        spec = TABLES[table]
        if fmt == "csv":
            import pyarrow.csv as pacsv

            pacsv.write_csv(_arrow_table(table, frame, chinese=True), out / f"{table}.csv")
            continue
        if fmt == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(_arrow_table(table, frame, chinese=False), out / f"{table}.parquet")
            continue
        cells = _plain_cells(table, frame)
        headers = [c.header for c in spec.columns]
        columns = [cells[c.name] for c in spec.columns]
        two_row = title = None
        if table == "projects":
            title = f"{REGION}{spec.title}"
            two_row = [
                (_SYSTEM_HEADER, c.header)
                if c.name in SYSTEMS
                else ("合同金额", "（万元）")
                if c.name == "contract_value"
                else (c.header, c.header)
                for c in spec.columns
            ]
        elif table == "cases":
            title = f"{REGION}{spec.title}"
        write_xlsx(out / f"{table}.xlsx", headers, columns, title=title, two_row=two_row)


def write_campaign(
    sample: SampleCampaign, out: Path | str, *, fmt: str = "xlsx", messy: bool = False
) -> Path:
    """Write ``sample`` as a campaign folder at ``out`` with ``planted.json``; return the folder.

    ``fmt`` is ``xlsx`` (the official layout), ``csv`` (UTF-8, Chinese headers) or ``parquet``
    (canonical names, typed columns). ``messy`` writes the offices' mixture instead (see
    :mod:`wagekit.sample.messy`) and adds ``load_errors`` to ``planted.json``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    out = Path(out)
    if fmt == "xlsx" and len(sample.tables["payroll"]) > XLSX_MAX_ROWS:
        raise ValueError("工资发放记录超过 Excel 的行数上限，请改用 --format csv 或 parquet")
    out.mkdir(parents=True, exist_ok=True)
    (out / "campaign.toml").write_text(sample.config_toml, encoding="utf-8")
    planted = dict(sample.planted)
    if messy:
        planted["load_errors"] = write_messy(sample, out)
        planted["load_errors_note"] = (
            "each load error is an extra row breaking exactly one rule in one cell; without "
            "them the messy folder holds exactly the clean data"
        )
    else:
        _write_clean(sample, out, fmt)
    planted["format"] = "messy" if messy else fmt
    (out / "planted.json").write_text(
        json.dumps(planted, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return out
