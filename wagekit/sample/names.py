"""Names 名称 and identifiers 证件号码 of the sample: people, places and firms.

A *person name* 姓名 is a surname 姓 with one or two given characters 名; a *place* 地名
(``PLACES``) is a street or quarter, and a township's short name goes in front of a repeated
firm name 重名. An employer carries a *unified social credit code* 统一社会信用代码 (``91`` for
a company, ``92`` for a sole trader 个体工商户, the county code, an organisation code 组织机构代码
with its GB 11714 check character, the GB 32100 check character); a worker a *resident ID
number* 身份证号 (the area code 地区码 of a county migrants come from, the birth date 出生日期, a
sequence number 顺序码 odd for men, the check digit 校验码). Every code drawn here is valid and
unique within its draw.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wagekit.ids import id_number_check_char, uscc_check_char
from wagekit.sample.draws import pick, uniform_dates
from wagekit.sample.plan import REGION_CODE, TOWNSHIPS

__all__ = ["PLACES", "credit_codes", "id_numbers", "person_names", "unique_names"]

PLACES = (
    "金凤路",
    "滨河",
    "北区",
    "南湖",
    "新城",
    "东山",
    "文昌路",
    "人民路",
    "迎宾大道",
    "花园",
    "西街",
    "工业园",
    "火车站",
    "青龙",
    "白鹤",
    "凤凰",
    "望江",
    "长安路",
    "龙泉",
    "桂花",
)
_SURNAMES = tuple(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
)
_GIVEN = tuple(
    "伟强军勇磊洋杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建国志文海东红英兵春生"
    "福荣庆德成贵富祥安全有才发胜根忠军峰云霞芳丽娟秀兰凤玲"
)
# Real-looking county codes 行政区划代码 of the provinces migrant workers come from.
_AREA_CODES = (
    REGION_CODE,
    REGION_CODE,
    REGION_CODE,
    "511621",
    "511622",
    "511681",
    "510722",
    "511321",
    "511921",
    "500233",
    "500236",
    "500237",
    "412726",
    "411522",
    "411526",
    "341221",
    "342221",
    "341623",
    "522425",
    "522126",
    "430524",
    "431121",
    "421127",
    "360730",
    "450821",
    "532128",
    "622424",
    "371321",
    "410526",
    "420222",
)


def person_names(rng: np.random.Generator, size: int) -> np.ndarray:
    surname = pick(rng, _SURNAMES, size).astype(str)
    first = pick(rng, _GIVEN, size).astype(str)
    second = pick(rng, _GIVEN, size).astype(str)
    two = rng.random(size) < 0.7
    return np.where(
        two, np.char.add(np.char.add(surname, first), second), np.char.add(surname, first)
    ).astype(object)


def unique_names(rng: np.random.Generator, bases: np.ndarray) -> np.ndarray:
    """Make names unique by putting a township's short name in front of repeats."""
    names = pd.Series(bases.astype(str))
    for _ in range(50):
        dup = names.duplicated().to_numpy()
        if not dup.any():
            break
        prefix = pick(rng, tuple(t[:2] for t in TOWNSHIPS) + PLACES, int(dup.sum())).astype(str)
        names[dup] = np.char.add(prefix, names[dup].to_numpy(dtype=str))
    return names.to_numpy(dtype=object)


def _gb11714_check(body: np.ndarray) -> np.ndarray:
    """Check character of 8-character organisation codes (GB 11714): digits and A=10 … Z=35."""
    codes = body.astype("<U8").view(np.uint32).reshape(-1, 8).astype(np.int64)
    values = np.where(codes >= ord("A"), codes - ord("A") + 10, codes - ord("0"))
    c9 = 11 - (values @ np.array([3, 7, 9, 10, 5, 8, 4, 2])) % 11
    return np.where(c9 == 10, "X", np.where(c9 == 11, "0", c9.astype(str)))


def credit_codes(rng: np.random.Generator, size: int, individual: np.ndarray) -> np.ndarray:
    """Draw unique unified social credit codes 统一社会信用代码 with valid check characters."""
    alphabet = np.array(list("0123456789ABCDEFGHJKLMNPQRTUWXY"))
    out = pd.Series(np.zeros(size, dtype=object))
    todo = np.ones(size, dtype=bool)
    while todo.any():
        n = int(todo.sum())
        chars = alphabet[rng.integers(0, 31, size=(n, 6))]
        body = np.char.add("MA", np.array(["".join(r) for r in chars.tolist()]))
        org = np.char.add(body, _gb11714_check(body))
        head = np.where(individual[todo], "92", "91")
        first17 = np.char.add(np.char.add(head, REGION_CODE), org)
        out[todo] = pd.Series(first17).str.cat(uscc_check_char(pd.Series(first17))).to_numpy()
        todo = out.duplicated().to_numpy()
    return out.to_numpy(dtype=object)


def id_numbers(rng: np.random.Generator, size: int, male_share: float) -> np.ndarray:
    """Draw unique resident ID numbers 身份证号: real-looking area, birth 1965–2004, check digit."""
    out = pd.Series(np.full(size, "", dtype=object))
    todo = np.ones(size, dtype=bool)
    while todo.any():
        n = int(todo.sum())
        area = pick(rng, _AREA_CODES, n).astype(str)
        birth = uniform_dates(rng, "1965-01-01", "2004-12-31", n)
        ymd = pd.Series(birth).dt.strftime("%Y%m%d").to_numpy(dtype=str)
        male = rng.random(n) < male_share
        seq = rng.integers(0, 50, size=n) * 2 + 1 - (~male)  # odd sequence digit = male
        seq = rng.integers(0, 10, size=n) * 100 + seq
        first17 = np.char.add(np.char.add(area, ymd), np.char.zfill(seq.astype(str), 3))
        out[todo] = pd.Series(first17).str.cat(id_number_check_char(pd.Series(first17))).to_numpy()
        taken = out.duplicated(keep="first").to_numpy()
        todo = taken
    return out.to_numpy(dtype=object)
