"""Identity numbers: resident ID numbers and unified social credit codes.

Resident ID numbers 身份证号 (GB 11643) and unified social credit codes 统一社会信用代码
(GB 32100) both carry a check character computed from the first 17 characters; a typo in any
one of them is caught. Functions here work on whole pandas Series at once (no loop over rows)
and return a boolean mask; masking replaces the birth date and sequence digits of an ID number
with ``*`` so it can be shown on screen (110101********1234).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "id_number_check_char",
    "uscc_check_char",
    "valid_id_number",
    "valid_uscc",
    "mask_id_number",
]

_ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], dtype=np.int64)
_ID_CHECK = np.array(list("10X98765432"))

# GB 32100: 31 characters; I, O, Z, S and V are never used.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = np.array(
    [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28], dtype=np.int64
)
_USCC_VALUE = np.full(128, -1, dtype=np.int64)
for _i, _c in enumerate(_USCC_ALPHABET):
    _USCC_VALUE[ord(_c)] = _i


def _char_matrix(values: pd.Series, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Code points of strings of exactly ``width`` ASCII characters, and which rows qualify."""
    text = values.astype("string").fillna("")
    ok = (text.str.len() == width) & text.str.isascii().fillna(False)
    ok = ok.to_numpy(dtype=bool)
    padded = np.where(ok, text.to_numpy(dtype=object), "0" * width).astype(f"<U{width}")
    codes = padded.view(np.uint32).reshape(-1, width).astype(np.int64)
    return codes, ok


def id_number_check_char(first17: pd.Series) -> pd.Series:
    """The GB 11643 check character for 17-digit prefixes (``None`` where not 17 digits)."""
    codes, ok = _char_matrix(first17, 17)
    digits = codes - ord("0")
    ok &= ((digits >= 0) & (digits <= 9)).all(axis=1)
    check = _ID_CHECK[(np.clip(digits, 0, 9) @ _ID_WEIGHTS) % 11]
    return pd.Series(np.where(ok, check, None), index=first17.index, dtype="object")


def valid_id_number(values: pd.Series) -> pd.Series:
    """True where a value is an 18-character ID number whose check character is right."""
    text = values.astype("string").str.upper()
    codes, ok = _char_matrix(text, 18)
    digits = codes[:, :17] - ord("0")
    ok &= ((digits >= 0) & (digits <= 9)).all(axis=1)
    expected = _ID_CHECK[(np.clip(digits, 0, 9) @ _ID_WEIGHTS) % 11]
    actual = codes[:, 17].astype(np.uint32).view("<U1")
    return pd.Series(ok & (expected == actual), index=values.index)


def _uscc_values(text: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    codes, ok = _char_matrix(text, 18)
    values = _USCC_VALUE[np.clip(codes, 0, 127)]
    ok &= (codes < 128).all(axis=1) & (values >= 0).all(axis=1)
    return values, ok


def uscc_check_char(first17: pd.Series) -> pd.Series:
    """The GB 32100 check character for 17-character prefixes (``None`` where invalid)."""
    values, ok = _uscc_values(first17.astype("string").str.upper() + "0")
    check = (31 - (values[:, :17] @ _USCC_WEIGHTS) % 31) % 31
    chars = np.array(list(_USCC_ALPHABET))[check]
    return pd.Series(np.where(ok, chars, None), index=first17.index, dtype="object")


def valid_uscc(values: pd.Series) -> pd.Series:
    """True where a value is an 18-character credit code whose check character is right."""
    codes, ok = _uscc_values(values.astype("string").str.upper())
    check = (31 - (codes[:, :17] @ _USCC_WEIGHTS) % 31) % 31
    return pd.Series(ok & (check == codes[:, 17]), index=values.index)


def mask_id_number(values: pd.Series) -> pd.Series:
    """Hide the birth date and sequence of ID numbers: 110101********1234."""
    text = values.astype("string")
    long_enough = text.str.len() >= 15
    masked = text.str[:6] + "********" + text.str[-4:]
    return masked.where(long_enough, text)
