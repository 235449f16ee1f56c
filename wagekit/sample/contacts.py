"""Contacts 联系人 of the sample's projects and employers: whom an office calls to chase them.

Every project gets its manager 项目负责人 and every employer its person in charge 负责人, each
with a mobile number 手机号码 (11 digits starting 13–19). Contacts are drawn from a random
stream of their own, derived from the sample's seed, so adding them changed no other value of
the sample.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wagekit.sample.draws import str_series
from wagekit.sample.names import person_names

__all__ = ["add_contacts"]

# Which stream of the seed the contacts draw from (the main steps use the seed itself).
_CONTACT_STREAM = 1


def _mobile_numbers(rng: np.random.Generator, size: int) -> np.ndarray:
    prefix = rng.integers(130, 200, size=size)
    rest = rng.integers(0, 100_000_000, size=size)
    return np.array([f"{p}{r:08d}" for p, r in zip(prefix, rest, strict=True)], dtype=object)


def add_contacts(tables: dict[str, pd.DataFrame], seed: int) -> None:
    """Give the projects and employers ledgers their 联系人 and 联系电话 columns, in place."""
    rng = np.random.default_rng([seed, _CONTACT_STREAM])
    for name in ("projects", "employers"):
        frame = tables[name]
        size = len(frame)
        frame["contact_person"] = str_series(person_names(rng, size)).set_axis(frame.index)
        frame["contact_phone"] = str_series(_mobile_numbers(rng, size)).set_axis(frame.index)
