"""What goes up the chain 上报材料: the files an office sends out, built in memory.

Each product is a module: :mod:`~wagekit.outputs.ledgers` (the two official ledgers 台账),
:mod:`~wagekit.outputs.reports` (the final, weekly and daily reports 总结/周报/日报),
:mod:`~wagekit.outputs.documents` (a numbered order 执法文书) and
:mod:`~wagekit.outputs.templates` (blank fill-in workbooks 填报模板). Each builds
:class:`OutputFile` objects — a Chinese file name and the bytes — so the command line saves them
into the folder the user names (:func:`save`) and the apps hand the same bytes to the browser as
a download; nothing is written anywhere else. :mod:`~wagekit.outputs.cells` makes every value
safe to send (masked, never a formula) and :mod:`~wagekit.outputs.formats` writes every figure
the one way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["DOCX", "XLSX", "OutputError", "OutputFile", "save"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class OutputError(ValueError):
    """A file that cannot be made (unknown order, no such table), said in Chinese."""


@dataclass(frozen=True)
class OutputFile:
    """One file to send: its name (Chinese, no folder), its bytes and its media type."""

    name: str
    data: bytes
    media_type: str


def save(files: list[OutputFile], folder: str | Path) -> list[Path]:
    """Write files into ``folder`` (created when missing); return the paths written.

    A file name is only a name: one with a folder part (``../x``) is refused, so nothing is
    written outside ``folder``.
    """
    target = Path(folder).expanduser()
    if target.exists() and not target.is_dir():
        raise OutputError(f"{target} 是一个文件，不是文件夹")
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for file in files:
        if Path(file.name).name != file.name or file.name in ("", ".", ".."):
            raise OutputError(f"文件名不能包含文件夹：{file.name}")
        path = target / file.name
        path.write_bytes(file.data)
        paths.append(path)
    return paths
