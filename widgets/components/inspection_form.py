"""On-site inspection form 现场检查表: the checklist of a site visit, saved into the store.

The form lists every item of :data:`wagekit.checklist.CHECKLIST` (the 五项制度 and the rest of a
site visit) with 合格 / 不合格 / 未检查. Saving records one inspection 检查记录 (subject, date,
inspectors) and, in the same transaction, one finding 检查发现问题 per failed item, linked to
the inspection. The subject must be a project or employer of the ledgers; the store refuses
impossible values with a Chinese message, shown on screen. Below the form, the recorder's own
inspections 我的登记 can be corrected or withdrawn (with their results and findings).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import ipywidgets as widgets
import traitlets

from wagekit.checklist import CHECKLIST, CHECKLIST_RESULTS, failed_items

from .errors import Alert, shows_errors
from .forms import checked_subject_and_recorder, recorder_field
from .my_entries import MyEntries

__all__ = ["InspectionForm", "split_names"]

# A selected 不合格 shows red (the second of the three buttons), so it never looks like 合格.
_FAILED_RED = (
    "<style>.wk-checklist-item .widget-toggle-button:nth-child(2).mod-active"
    "{background:#d9534f;color:#fff}</style>"
)


def split_names(text: str) -> list[str]:
    """Names typed in one field, separated by 、，, ; or blanks."""
    return [n for n in re.split(r"[、，,;；\s]+", text.strip()) if n]


class InspectionForm(widgets.VBox):
    """The checklist of one site visit; ``w_save`` records it (and its findings) in the store.

    ``store`` and ``campaign`` are set by the app (or passed in); ``saved`` counts the saves,
    so the app can refresh what depends on the store; ``last_inspection`` is the record saved.
    ``w_mine`` lists the recorder's inspections (the app fills it with ``w_mine.show``).
    """

    saved = traitlets.Int(0, help="Number of inspections saved, corrected or withdrawn here.")
    last_inspection = traitlets.Dict(allow_none=True, default_value=None, help="Last saved.")

    def __init__(
        self,
        *,
        store: Any = None,
        campaign: Any = None,
        as_of: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        self.as_of = as_of or dt.date.today()
        self.store = store
        self.campaign = campaign
        wide = {"description_width": "80px"}
        self.w_subject = widgets.Text(
            description="检查对象", placeholder="项目编号或统一社会信用代码", style=wide
        )
        # The day of the figures, not the machine's today: a visit is entered for the day shown.
        self.w_date = widgets.DatePicker(description="检查日期", value=self.as_of, style=wide)
        self.w_inspectors = widgets.Text(
            description="检查人员", placeholder="多人用顿号分隔，如：张伟、李娜", style=wide
        )
        self.w_by = recorder_field(style=wide)
        self.items: dict[str, widgets.ToggleButtons] = {}
        rows: list[widgets.Widget] = []
        group = None
        for item in CHECKLIST:
            if item.group != group:
                group = item.group
                rows.append(widgets.HTML(f"<b>{group}</b>"))
            # No answer until the inspector gives one: an item never passes by default.
            toggle = widgets.ToggleButtons(
                options=list(CHECKLIST_RESULTS), value=None, style={"button_width": "64px"}
            )
            toggle.add_class(f"wk-check-{item.code.split('.')[-1]}")
            toggle.add_class("wk-checklist-item")
            self.items[item.code] = toggle
            rows.append(
                widgets.HBox([widgets.Label(item.label, layout={"width": "260px"}), toggle])
            )
        self.w_note = widgets.Textarea(
            description="备注", placeholder="现场情况说明", style=wide, layout={"width": "520px"}
        )
        self.w_save = widgets.Button(
            description="保存检查记录", icon="save", button_style="primary"
        )
        self.w_save.add_class("wk-inspection-save")
        self.w_alert = Alert()
        self.w_mine = MyEntries(
            "inspections",
            store=store,
            ledgers=lambda: self.campaign,
            fixed=("subject_id",),
            fields=("visit_date", "inspectors", "note"),
        )
        # The form proper (wk-inspection-form), then 我的登记 with fields of its own.
        self.w_form = widgets.VBox(
            [
                widgets.HTML(_FAILED_RED),
                self.w_subject,
                self.w_date,
                self.w_inspectors,
                self.w_by,
                *rows,
                self.w_note,
                self.w_save,
                self.w_alert,
            ]
        )
        self.w_form.add_class("wk-inspection-form")
        super().__init__([self.w_form, self.w_mine], **kwargs)
        self.w_save.on_click(self._on_save)
        self.w_mine.observe(self._on_mine_changed, names="saved")

    def _on_mine_changed(self, _change: dict) -> None:
        self.saved += 1

    def results(self) -> dict[str, str]:
        """Each answered item's result (合格, 不合格 or 未检查); unanswered items left out."""
        return {code: toggle.value for code, toggle in self.items.items() if toggle.value}

    def reset_items(self) -> None:
        """Leave the form ready for the next visit: items unanswered, no inspectors, no note.

        The subject stays: in the enforcement app it is the project opened above the form.
        """
        for toggle in self.items.values():
            toggle.value = None
        self.w_note.value = ""
        self.w_inspectors.value = ""
        self.w_date.value = self.as_of

    @shows_errors("w_alert", button="w_save", busy="正在保存……")
    def _on_save(self, _button: widgets.Button) -> str:
        subject, by = checked_subject_and_recorder(
            self.store, self.campaign, subject=self.w_subject, date=self.w_date, by=self.w_by
        )
        results = self.results()
        failed = failed_items(results)
        inspection_id = self.store.record_inspection(
            self.campaign,
            {
                "subject_id": subject,
                "visit_date": self.w_date.value,
                "inspectors": split_names(self.w_inspectors.value),
                "note": self.w_note.value.strip() or None,
            },
            results=results,
            findings=[
                {
                    "code": item.code,
                    "severity": item.severity,
                    "note": f"现场检查：{item.label}——不合格",
                }
                for item in failed
            ],
            by=by,
        )
        self.last_inspection = {"id": inspection_id, "subject_id": subject}
        self.reset_items()
        self.saved += 1
        if failed:
            names = "、".join(item.label for item in failed)
            return f"已保存 {subject} 的检查记录，登记问题 {len(failed)} 项：{names}"
        return f"已保存 {subject} 的检查记录，未发现问题"
