"""Errors on screen 错误提示: every widget callback shows its failure to the user.

In Voila an exception raised inside a widget callback is shown nowhere: the kernel logs it to a
console nobody sees, and the button just seems dead. :func:`shows_errors` wraps a callback so
that while it runs its button is disabled and an :class:`Alert` says it is working, and any
exception ends up in that alert, in Chinese. A refusal the user can fix — a value wagekit
refuses (``ValueError``, the store's errors among them) or a file not found — shows its Chinese
message alone; only an unexpected failure carries the technical details, folded away. Nothing
is written to stderr, which Voila would show as a red box.
"""

from __future__ import annotations

import functools
import html
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as widgets
import traitlets

__all__ = ["Alert", "shows_errors"]

F = TypeVar("F", bound=Callable[..., Any])

_STYLES = {
    "info": ("#0c5460", "#d1ecf1", "#bee5eb"),
    "success": ("#155724", "#d4edda", "#c3e6cb"),
    "warning": ("#856404", "#fff3cd", "#ffeeba"),
    "error": ("#721c24", "#f8d7da", "#f5c6cb"),
}


class Alert(widgets.HTML):
    """A coloured message box; empty and invisible until something is shown.

    ``kind`` is one of info, success, warning, error. ``last_error`` keeps the last exception
    shown, for tests and for whoever reads the details.
    """

    kind = traitlets.Unicode("", help="Kind of the message shown: info, success, warning, error.")
    message = traitlets.Unicode("", help="The plain-text message shown (empty when hidden).")
    last_error = traitlets.Any(None, help="The last exception shown, or None.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_class("wagekit-alert")
        self.clear()

    def show(self, message: str, kind: str = "info", details: str = "") -> None:
        """Show ``message`` (plain text, escaped) with optional folded ``details``."""
        color, background, border = _STYLES[kind]
        body = html.escape(message).replace("\n", "<br>")
        if details:
            body += (
                "<details style='margin-top:4px'><summary>技术细节（供技术支持人员查看）</summary>"
                f"<pre style='white-space:pre-wrap;font-size:11px'>{html.escape(details)}</pre>"
                "</details>"
            )
        self.value = (
            f"<div class='wagekit-alert-{kind}' role='alert' style='color:{color};"
            f"background:{background};border:1px solid {border};border-radius:4px;"
            f"padding:8px 12px;margin:4px 0'>{body}</div>"
        )
        self.kind = kind
        self.message = message
        self.layout.display = None

    def show_error(self, error: BaseException) -> None:
        """Show an exception as a Chinese error message.

        A refusal the user can fix (``ValueError``, ``OSError``) shows its message alone; any
        other failure adds its traceback, folded away, for technical support.
        """
        self.last_error = error
        text = str(error).strip() or type(error).__name__
        details = ""
        if not isinstance(error, ValueError | OSError):
            details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        self.show(f"操作未完成：{text}", "error", details)

    def clear(self) -> None:
        """Hide the alert."""
        self.value = ""
        self.kind = ""
        self.message = ""
        self.layout.display = "none"


def _resolve(target: Any, args: tuple) -> Any:
    # A string names an attribute of the object whose method is decorated (``self.w_alert``).
    if isinstance(target, str):
        return getattr(args[0], target)
    return target


def shows_errors(
    alert: Alert | str,
    *,
    button: widgets.Button | str | None = None,
    busy: str | None = "正在处理，请稍候……",
    done: str | None = None,
) -> Callable[[F], F]:
    """Decorate a widget callback so that it never fails silently.

    Parameters
    ----------
    alert
        The :class:`Alert` that shows progress and errors, or the name of an attribute of
        ``self`` holding it (for methods).
    button
        A button (or attribute name) disabled while the callback runs and given a spinner icon.
    busy
        Message shown while the callback runs (``None``: show nothing).
    done
        Message shown when the callback succeeds; by default the alert is hidden again (unless
        the callback itself showed a message in it). A callback returning a non-empty string
        shows that string as success instead.

    Any exception (``Exception`` subclasses) is caught and shown in the alert; the callback then
    returns ``None``. ``KeyboardInterrupt`` and ``SystemExit`` propagate.

    """

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            w_alert = _resolve(alert, args)
            w_button = _resolve(button, args) if button is not None else None
            icon = None
            if w_button is not None:
                icon = w_button.icon
                w_button.disabled = True
                w_button.icon = "spinner"
            if busy:
                w_alert.show(busy, "info")
            else:
                w_alert.clear()
            try:
                result = func(*args, **kwargs)
            except Exception as error:  # noqa: BLE001 - the whole point: show it on screen
                w_alert.show_error(error)
                return None
            finally:
                if w_button is not None:
                    w_button.disabled = False
                    w_button.icon = icon
            if isinstance(result, str) and result:
                w_alert.show(result, "success")
            elif done:
                w_alert.show(done, "success")
            elif w_alert.message == (busy or ""):
                # Leave alone a message the callback itself put up (a warning, say).
                w_alert.clear()
            return result

        return wrapper  # type: ignore[return-value]

    return decorate
