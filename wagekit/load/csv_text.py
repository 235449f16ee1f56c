"""CSV text 文本编码: the bytes of a CSV file as UTF-8, whatever encoding it was saved in.

Terms. The *encoding* 编码 is detected from the bytes: UTF-16 (by its BOM, or by the NUL halves of
ASCII characters, as Excel's "Unicode text" saves), UTF-8 with or without one or several *BOMs*
字节顺序标记 (a file saved twice by tools that each add one), else GBK, else GB18030; the first
:data:`CSV_SAMPLE_BYTES` decide UTF-8. A *line* 行 ends at LF, at CR LF or at a lone CR. A line
holding a *NUL* 空字符 byte (a damaged file) is emptied, its number kept, and reported as a bad
line; a file with more than 1% NUL bytes is binary and refused.
"""

from __future__ import annotations

import numpy as np

from wagekit.load.raw import FileError

__all__ = ["CSV_SAMPLE_BYTES", "blank_nul_lines", "decode_csv", "line_ends"]


# Bytes of a file's start that decide for the whole file (UTF-8 or not; where the header ends).
CSV_SAMPLE_BYTES = 1 << 20
_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
# Share of NUL bytes above which a file is binary, not text with a stray NUL.
_BINARY_NUL_SHARE = 0.01


def _utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the bytes are UTF-16 text (by BOM, or by NUL halves of ASCII)."""
    for bom, encoding in _UTF16_BOMS.items():
        if data.startswith(bom):
            return encoding
    sample = np.frombuffer(data[: 1 << 16][: len(data[: 1 << 16]) // 2 * 2], dtype=np.uint8)
    if len(sample) < 4:
        return None
    even, odd = (sample[0::2] == 0).mean(), (sample[1::2] == 0).mean()
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def decode_csv(data: bytes) -> tuple[bytes, str]:
    """CSV bytes as UTF-8 without BOM, and the encoding they were read in.

    UTF-8 (with one BOM or several: a file saved twice by tools that each add one), UTF-16
    (as Excel's "Unicode text" saves), GBK and GB18030, detected from the bytes.
    """
    encoding = _utf16(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise FileError(
                "文件像是UTF-16编码，但内容不完整，无法读取，请用Excel另存为“CSV UTF-8”"
            ) from exc
        return text.lstrip("\ufeff").encode("utf-8"), "utf-16"
    while data.startswith(_BOM):
        data = data[len(_BOM) :]
    sample = data[:CSV_SAMPLE_BYTES]
    try:
        sample.decode("utf-8")
        return data, "utf-8"
    except UnicodeDecodeError as exc:
        # A sample cut in the middle of a character is still UTF-8.
        if exc.start >= len(sample) - 3 and len(data) > len(sample):
            return data, "utf-8"
    for encoding in ("gbk", "gb18030"):
        try:
            return data.decode(encoding).encode("utf-8"), encoding
        except UnicodeDecodeError:
            continue
    raise FileError("无法识别文件编码（不是UTF-8、GBK或GB18030），请用Excel另存为“CSV UTF-8”")


def line_ends(data: bytes | memoryview) -> np.ndarray:
    """Where each line ends (the index of its LF, or of a CR not followed by LF, or the end)."""
    arr = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero((arr == 10) | (arr == 13))
    if len(ends):
        cr = arr[ends] == 13
        following = ends + 1 < len(arr)
        nxt = arr[np.minimum(ends + 1, len(arr) - 1)]
        # CR LF is one ending, at the LF.
        ends = ends[~(cr & following & (nxt == 10))]
    if len(ends) == 0 or ends[-1] != len(arr) - 1:
        ends = np.append(ends, len(arr))
    return ends


def blank_nul_lines(data: bytes) -> tuple[bytes, list[tuple[int, str, str]]]:
    """Lines holding a NUL byte, emptied (numbers kept) and reported; binary files refused."""
    nuls = data.count(b"\x00")
    if not nuls:
        return data, []
    if nuls > _BINARY_NUL_SHARE * len(data):
        raise FileError("不是CSV文本表格（内容是二进制），如为Excel文件请把扩展名改为.xlsx或.xls")
    ends = line_ends(data)
    starts = np.concatenate(([0], ends[:-1] + 1))
    at = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 0)
    lines = np.unique(np.searchsorted(ends, at))
    out, bad, last = bytearray(), [], 0
    for line in lines:
        first, stop = int(starts[line]), int(ends[line])
        text = data[first:stop].replace(b"\x00", b"").decode("utf-8", errors="replace")
        bad.append(
            (int(line) + 1, text, "这一行含有空字符（NUL，通常是文件损坏或编码错误），无法读取")
        )
        out += data[last:first]
        last = stop
    out += data[last:]
    return bytes(out), bad
