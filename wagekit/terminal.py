"""Text a command prints 终端输出: user data made safe to show in a terminal.

Ledgers, notes and names come from people and files wagekit does not control. A *control
character* 控制字符 (C0 except tab and newline, DEL, C1, and the bidirectional overrides and
isolates that reorder what follows them) can move the cursor, rewrite a line already printed,
change the terminal's title or colours, or make one text read as another; :func:`printable`
removes them. :func:`shown` is what every command prints of a user's text: control characters
removed and, unless the user asked for them in full, ID numbers and bank accounts masked
(:func:`wagekit.ids.mask_id_numbers_in_text`).
"""

from __future__ import annotations

import unicodedata

from wagekit.ids import mask_id_numbers_in_text

__all__ = ["printable", "shown"]

_KEPT = {"\t", "\n"}
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_REMOVED = dict.fromkeys(
    [c for c in range(0xA0) if unicodedata.category(chr(c)) == "Cc" and chr(c) not in _KEPT]
    + [ord(c) for c in _BIDI_CONTROLS]
)


def printable(text: str) -> str:
    """``text`` without control characters (tab and newline are kept)."""
    return text.translate(_REMOVED)


def shown(value: object, *, unmasked: bool = False) -> str:
    """A value as a command prints it: as text, long numbers masked unless ``unmasked``."""
    # Controls go first: an escape sequence planted between digits must not split an ID number.
    text = printable(str(value))
    return text if unmasked else mask_id_numbers_in_text(text)
