"""Record forms 登记表单: what every form checks before it writes to the store.

A record form (the on-site inspection form 现场检查表, the order form 执法文书登记) saves one
record about a *subject* 检查对象 — a project or employer of the ledgers, by its project id or
unified social credit code — on a *date*, entered by a *recorder* 登记人. Before saving, the
form needs a store and a loaded campaign, all three filled in, and a subject the ledgers know;
otherwise the save stops with a Chinese message that names the field as it is labelled.

The recorder's name is typed once: every form's 登记人 field is linked to :data:`RECORDER`, so
the name given in one form fills all the others of the page, and :func:`remembered_recorder`
links it to the browser's memory (:class:`~wagekit.widgets.components.remembered.BrowserMemory`),
so every app the same browser opens later starts with it.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import traitlets

from wagekit.store.ledger import check_subject

__all__ = [
    "RECORDER",
    "Recorder",
    "checked_subject_and_recorder",
    "recorder_field",
    "remembered_recorder",
]


class Recorder(traitlets.HasTraits):
    """Who records on this page: the name every 登记人 field shows."""

    name = traitlets.Unicode("", help="The recorder's name 登记人, as last typed in any form.")


RECORDER = Recorder()


def recorder_field(**kwargs: Any) -> widgets.Text:
    """A 登记人 field linked to :data:`RECORDER` (typed once, shown in every form)."""
    field = widgets.Text(
        description="登记人", placeholder="您的姓名", value=RECORDER.name, **kwargs
    )
    widgets.link((RECORDER, "name"), (field, "value"))
    field.add_class("wk-recorder")
    return field


def remembered_recorder() -> widgets.Widget:
    """A faceless widget that keeps :data:`RECORDER`'s name in the browser (put one per page)."""
    from .remembered import BrowserMemory

    memory = BrowserMemory(name=RECORDER.name)
    widgets.link((RECORDER, "name"), (memory, "name"))
    return memory


def checked_subject_and_recorder(
    store: Any,
    campaign: Any,
    *,
    subject: widgets.Text,
    date: widgets.DatePicker,
    by: widgets.Text,
) -> tuple[str, str]:
    """Return the subject id and recorder's name of a form about to save, stripped of blanks.

    Parameters
    ----------
    store, campaign
        Where the form saves and the ledgers it refers to; ``None`` until the app has them.
    subject, date, by
        The form's subject, date and recorder fields; a message about a missing subject or
        date names the field by its ``description`` (检查对象, 下达日期, ...).

    Raises
    ------
    RuntimeError
        When there is no store or no campaign yet.
    ValueError
        When a field is empty; ``UnknownIdError`` (a ``ValueError``) when the subject is in no
        ledger.

    """
    if store is None or campaign is None:
        raise RuntimeError("尚未读取专项行动台账或打开工作区，无法保存")
    subject_id = subject.value.strip()
    if not subject_id:
        raise ValueError(f"请填写{subject.description}（项目编号或统一社会信用代码）")
    if date.value is None:
        raise ValueError(f"请填写{date.description}")
    recorder = by.value.strip()
    if not recorder:
        raise ValueError("请填写登记人姓名")
    check_subject(campaign, subject_id)
    return subject_id, recorder
