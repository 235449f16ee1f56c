"""Brought into view 移到眼前: what a click opened, scrolled to when it lies off the screen.

A click on a row opens something further down the page: the project's card under the
dashboard's ledgers, the subject's tabs under the inspection list, the action form under the
case tracker's table. On a laptop screen that part usually lies below the bottom edge, and
the click seemed to do nothing. :class:`Reveal` is a widget without a face placed just above
such a part; :meth:`Reveal.reveal` asks the browser to scroll the page so the part starts at
the top of the screen, unless its top is already in the upper part of the screen (then
nothing moves). Only clicks reveal: a refresh that redraws the same part leaves the page
where the user put it.
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

__all__ = ["Reveal"]

# The browser side: on each new request, once the page has laid out the opened part (the next
# animation frame), scroll when the marker is above the screen or in its lower 40%. A user who
# asked the system for reduced motion gets a jump instead of a smooth scroll.
_ESM = """
function render({ model, el }) {
  el.classList.add("wk-reveal-marker");
  const reveal = () => requestAnimationFrame(() => {
    const top = el.getBoundingClientRect().top;
    if (top >= 0 && top <= window.innerHeight * 0.6) return;
    const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    el.scrollIntoView({ behavior: still ? "auto" : "smooth", block: "start" });
  });
  model.on("change:requests", reveal);
  return () => model.off("change:requests", reveal);
}
export default { render };
"""


class Reveal(anywidget.AnyWidget):
    """A marker above a part of the page that :meth:`reveal` scrolls into view."""

    _esm = _ESM
    requests = traitlets.Int(0, help="How many times the part was asked for.").tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_class("wk-reveal")

    def reveal(self) -> None:
        """Scroll the page to the part below the marker, if it is not on screen already."""
        self.requests += 1
