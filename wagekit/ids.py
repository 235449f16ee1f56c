"""Identity numbers: resident ID numbers and unified social credit codes.

Resident ID numbers 身份证号 (GB 11643) and unified social credit codes 统一社会信用代码
(GB 32100) both carry a check character computed from the first 17 characters; a typo in any
one of them is caught. Functions here work on whole pandas Series at once (no loop over rows)
and return a boolean mask; masking replaces the birth date and sequence digits of an ID number
with ``*`` so it can be shown on screen (110101********1234).

A *long number* 长号码 in free text (a note, a label, an echoed ledger line) is what
:func:`mask_id_numbers_in_text` hides: an ID number (17 digits and a final ``X``), or any run of
15 digits or more — an ID number with or without a valid check character, an old 15-digit ID
number, a bank card or account number 银行卡号. Bank cards are often written in groups, so digits
separated by single spaces or hyphens count as one number when the first group has at least four
digits and the others at least three (``6222 0202 0000 1234 567``). The check character is not
required: a mistyped ID number shows a person's birth date as much as a correct one. A credit
code made only of digits is masked too (wagekit reads credit codes from their own columns, not
from free text). *Identifier columns* 编号列 (a case, project, subject or employer number) name
things, not people: :func:`mask_frame` masks every other text column of a table.
"""

from __future__ import annotations

import re
from typing import overload

import numpy as np
import pandas as pd

__all__ = [
    "IDENTIFIER_COLUMNS",
    "id_number_check_char",
    "uscc_check_char",
    "valid_id_number",
    "valid_uscc",
    "mask_id_number",
    "mask_id_numbers_in_text",
    "mask_frame",
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


# Digits in groups separated by one space or hyphen, then perhaps a check character. Whether a
# match is long enough to hide is decided on its digit count, in ``_masked``.
_LONG_NUMBER = re.compile(r"(?<!\d)\d{4,}(?:[ -]\d{3,})*[XxＸｘ]?")
_CHECK_X = "XxＸｘ"
_SHORTEST_MASKED = 15
_SHOWN_HEAD, _SHOWN_TAIL = 6, 4


def _masked(match: re.Match[str]) -> str:
    token, after = match.group(), ""
    digits = sum(c.isdigit() for c in token)
    # Only an 18-character ID number ends in X; after other numbers the letter is plain text.
    if token[-1] in _CHECK_X and digits != 17:
        token, after = token[:-1], token[-1]
    shown = digits + (token[-1] in _CHECK_X)
    if digits < _SHORTEST_MASKED:
        return token + after
    out, seen = [], 0
    for c in token:
        if c.isdigit() or c in _CHECK_X:
            seen += 1
            if _SHOWN_HEAD < seen <= shown - _SHOWN_TAIL:
                c = "*"
        out.append(c)
    return "".join(out) + after


@overload
def mask_id_numbers_in_text(text: str) -> str: ...
@overload
def mask_id_numbers_in_text(text: pd.Series) -> pd.Series: ...
def mask_id_numbers_in_text(text: str | pd.Series) -> str | pd.Series:
    """Hide the middle of every long number in free text: 110101********1234.

    Every ID number, bank card or account number (a *long number*, defined above) keeps its
    first 6 and last 4 characters; the rest of the text is left as it is. A Series is masked
    cell by cell in one vectorised pass and comes back as pandas ``string`` dtype (missing
    values stay missing, other values are masked as their text); a ``str`` comes back as a str.
    """
    if isinstance(text, pd.Series):
        return text.astype("string").str.replace(_LONG_NUMBER, _masked, regex=True)
    return _LONG_NUMBER.sub(_masked, text)


# Columns whose values name a case, project or employer: shown as they are, never masked.
IDENTIFIER_COLUMNS = frozenset({"case_id", "project_id", "subject_id", "employer_id"})


def mask_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table with every text column masked, identifier columns excepted."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if column in IDENTIFIER_COLUMNS or not (
            pd.api.types.is_string_dtype(values) or pd.api.types.is_object_dtype(values)
        ):
            continue
        text = values.map(lambda v: v if isinstance(v, str) else None)
        masked = mask_id_numbers_in_text(text.astype("string"))
        out[column] = values.where(text.isna(), masked.astype("object"))
    return out
