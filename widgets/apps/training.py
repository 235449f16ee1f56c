"""Training app 业务培训: a guided walk through a sample campaign, with checked exercises.

The walk is a list of *steps* 步骤; a step explains one part of the campaign and may hold an
*exercise* 练习: a question whose right answer is a figure of the sample's summary (the one
``wagekit summary --json`` prints for the sample on the same day, never written into the
notebook), an input, and right/wrong feedback in Chinese. Every step has its exercise. The app
follows a :class:`TrainingModel`: the base's assessment and summary of the sample (its ledgers
alone, so every trainee gets the same answers), the step shown and which exercises were
answered right. The messy ledger exercise reads the roster of ``sample_data/demo-messy`` and
asks for the row whose date does not exist, as the load report finds it.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from wagekit.checks.publicity import expected_townships, townships_without_activity
from wagekit.config import PHASE_LABELS
from wagekit.labels import TWO_ZERO_LABELS
from wagekit.paths import sample_campaign_folder

from ..components.errors import shows_errors
from ..runtime.context import app_as_of
from .base import App, AppModel

__all__ = ["Exercise", "Step", "TrainingApp", "TrainingModel", "training_steps"]


@dataclass(frozen=True)
class Exercise:
    """A question, the kind of answer expected (``number`` or ``names``) and a hint.

    ``answer(context)`` computes the right answer from wagekit: an int for ``number``, a set of
    names for ``names``; ``explain(answer)`` says why, in Chinese.
    """

    key: str
    question: str
    kind: str
    answer: Callable[[TrainingContext], Any]
    hint: str
    explain: Callable[[Any], str]


@dataclass(frozen=True)
class Step:
    """One step of the walk: a title, an explanation (HTML) and an optional exercise."""

    title: str
    body: Callable[[TrainingContext], str]
    exercise: Exercise | None = None


@dataclass
class TrainingContext:
    """What the exercises are read from: the sample's assessment and summary, the messy sample."""

    assessment: Any
    summary: dict
    messy_folder: Path

    @property
    def campaign(self) -> Any:
        """The sample campaign as recorded (ledgers alone)."""
        return self.assessment.recorded

    @property
    def as_of(self) -> dt.date:
        """The day of the figures."""
        return self.assessment.as_of

    def messy_roster_errors(self) -> pd.DataFrame:
        """Rows of the messy sample's roster 农民工花名册 that could not be read."""
        from wagekit.load import find_table_files, load_table

        files = find_table_files(self.messy_folder).get("workers") or []
        if not files:
            raise FileNotFoundError(f"{self.messy_folder} 中没有农民工花名册。")
        return load_table(files[0], "workers").errors


class TrainingModel(AppModel):
    """State of the training app: the base's summary of the sample, the step, the answers."""

    step = traitlets.Int(0, help="The step shown, counted from 0.")
    correct = traitlets.Dict(help="Exercise key -> True once answered right, False when wrong.")


def _names(text: str) -> set[str]:
    for separator in "，,；;、 \n":
        text = text.replace(separator, "、")
    return {part.strip() for part in text.split("、") if part.strip()}


def _intro(c: TrainingContext) -> str:
    config = c.campaign.config
    phases = "".join(
        f"<li><b>{html.escape(PHASE_LABELS.get(n, n))}</b>：{a:%Y-%m-%d} 至 {b:%Y-%m-%d}</li>"
        for n, (a, b) in config.phases.items()
    )
    return (
        f"<p>本次培训使用示例数据：<b>{html.escape(config.region)}</b>的"
        f"《{html.escape(config.name)}》。专项行动分为以下几个阶段：</p><ul>{phases}</ul>"
        f"<p>下面的统计均截至 <b>{c.as_of:%Y年%m月%d日}</b>。每一步读完说明后做一道练习，"
        "点击“检查答案”即可知道对错。</p>"
    )


def _phase(c: TrainingContext) -> set[str]:
    phase = c.summary["campaign"]["phase"]
    return {PHASE_LABELS.get(phase, phase)}


def _count_projects(c: TrainingContext) -> int:
    return c.summary["projects"]["total"]


def _no_wage_account(c: TrainingContext) -> int:
    projects = c.summary["projects"]
    return projects["total"] - projects["systems"]["wage_account"]["count"]


def _silent_townships(c: TrainingContext) -> set[str]:
    a = c.assessment
    expected = expected_townships(a.get("projects"), a.get("employers"))
    silent = townships_without_activity(a.get("publicity"), expected, as_of=c.as_of)
    return set(silent["subject_id"])


def _impossible_date_row(c: TrainingContext) -> int:
    errors = c.messy_roster_errors()
    rows = errors.loc[errors["rule"] == "impossible_date", "row"]
    if rows.empty:
        raise ValueError("示例花名册中没有日期不存在的行。")
    return int(rows.iloc[0])


def _overdue_open(c: TrainingContext) -> int:
    return c.summary["cases"]["overdue_open"]


def _government_days_left(c: TrainingContext) -> int:
    return c.summary["cases"]["two_zero"]["government_days_left"]


def training_steps() -> list[Step]:
    """Return the steps of the walk, in order."""
    return [
        Step(
            "认识专项行动",
            _intro,
            Exercise(
                "phase",
                "统计截至日，专项行动处于哪个阶段？（填写阶段名称，如：集中宣传）",
                "names",
                _phase,
                "对照上面各阶段的起止日期，看统计截至日落在哪一段。",
                lambda a: "所处阶段：" + "、".join(sorted(a)) + "。",
            ),
        ),
        Step(
            "在建工程项目台账",
            lambda c: (
                "<p>《在建工程项目台账》登记辖区内每一个在建工程项目：项目编号、属地、行业主管部门、"
                "投资类型，以及七项制度（实名制管理、工资专用账户、总包代发、银行代发、工资保证金、"
                "维权信息公示牌、按月足额支付）的落实情况。</p>"
            ),
            Exercise(
                "projects",
                "示例县的项目台账中共登记了多少个在建工程项目？",
                "number",
                _count_projects,
                "数一数项目台账的行数（表头不算）。",
                lambda a: f"项目台账共有 {a} 个项目。",
            ),
        ),
        Step(
            "工资支付制度",
            lambda c: (
                "<p>农民工工资专用账户是保障工资支付的关键制度：建设单位按月把人工费拨入专户，"
                "总包单位通过专户代发工资。台账中“工资专用账户”一栏填“否”的项目，就是没有设立专户的项目。"
                "</p>"
            ),
            Exercise(
                "wage_account",
                "有多少个项目没有设立农民工工资专用账户？",
                "number",
                _no_wage_account,
                "看“工资专用账户”一栏为“否”（或空白）的项目。",
                lambda a: f"共有 {a} 个项目未设立工资专用账户。",
            ),
        ),
        Step(
            "集中宣传",
            lambda c: (
                "<p>集中宣传阶段，每个属地都要开展宣传活动（发放资料、现场咨询、张贴海报等），"
                "并登记在《宣传活动记录》中。项目台账和用人单位台账里出现的属地都应开展宣传。</p>"
            ),
            Exercise(
                "silent_townships",
                "截至统计日，哪些属地没有开展任何宣传活动？（多个属地用顿号“、”隔开）",
                "names",
                _silent_townships,
                "对照项目台账、用人单位台账中的属地，和宣传活动记录中的属地。",
                lambda a: "未开展宣传的属地：" + ("、".join(sorted(a)) or "无") + "。",
            ),
        ),
        Step(
            "台账质量",
            lambda c: (
                "<p>各单位报来的台账常有错误：日期写错、身份证号校验位不对、必填项为空……"
                "工作簿读取台账时不会悄悄丢掉这些行，而是列在“台账读取情况”中，写明文件、行号、"
                "列和原因。下面这道题用一份有问题的示例台账（demo-messy）。</p>"
            ),
            Exercise(
                "impossible_date",
                "有问题的示例台账中，《农民工花名册》哪一行的日期根本不存在（日历上没有这一天）？"
                "请填写 Excel 中看到的行号。",
                "number",
                _impossible_date_row,
                "想想哪个月份没有30日；也可以在首页读取 demo-messy 文件夹，查看读取问题列表。",
                lambda a: f"第 {a} 行的进场日期不存在。",
            ),
        ),
        Step(
            "案件办理时限",
            lambda c: (
                "<p>当年新发生的欠薪案件应在30个工作日内办结（节假日和调休按国务院公布的日历计算）。"
                "超过期限仍未办结的是<b>超期未办结</b>案件，要重点督办；已经办结、但办结时已超过期限的"
                "是<b>超期办结</b>案件，不再需要督办，两者要分开统计。</p>"
            ),
            Exercise(
                "overdue_cases",
                "截至统计日，有多少件欠薪案件已超过办结期限仍未办结（超期未办结）？",
                "number",
                _overdue_open,
                "逐件看受理日期加30个工作日是否已过，且状态不是已结案或已移送；"
                "已办结的超期案件不算。",
                lambda a: f"共有 {a} 件案件超期未办结。",
            ),
        ),
        Step(
            "完成",
            lambda c: (
                "<p>最后看两清零：政府投资工程项目和其他项目的欠薪案件各有清零时限，"
                "首页会显示距时限还有多少天。培训完成后，请从首页选择本地的台账文件夹，"
                "按阶段使用集中宣传、自查自纠、执法检查与处置、总结各应用。</p>"
            ),
            Exercise(
                "two_zero_days",
                f"统计截至日，距{TWO_ZERO_LABELS['government']}两清零时限还有多少天？"
                "（已过时限请填负数，如 -3）",
                "number",
                _government_days_left,
                "用两清零时限减去统计截至日；总结看板和首页都有这个数字。",
                lambda a: f"还有 {a} 天。" if a >= 0 else f"时限已过 {-a} 天（填 {a}）。",
            ),
        ),
    ]


class TrainingApp(App):
    """The guided walk: step text, an exercise with its check, and step navigation.

    Parameters
    ----------
    campaign
        An already loaded sample campaign (tests); by default the picker loads ``folder``.
    folder
        The sample campaign (default: the campaign chosen for every app).
    messy_folder
        The messy sample for the ledger-quality exercise (default: ``sample_data/demo-messy``).
    as_of
        The day of the figures (default: ``$WAGEKIT_AS_OF`` or today).
    store
        Unused: the walk counts the sample's ledgers alone, so every trainee gets the same
        answers (kept so every app is built the same way).

    """

    filter_keys = ()

    def __init__(
        self,
        campaign: Any = None,
        *,
        folder: str | Path | None = None,
        messy_folder: str | Path | None = None,
        as_of: dt.date | str | None = None,
        store: Any = None,
        **kwargs: Any,
    ) -> None:
        self.model = TrainingModel(as_of=app_as_of(as_of))
        self.steps = training_steps()
        self._messy = (
            Path(messy_folder) if messy_folder else (sample_campaign_folder().parent / "demo-messy")
        )
        self._answers: dict[str, Any] = {}
        header = self._build_header(campaign, folder, picker_title="示例台账与读取情况")
        self.w_progress = widgets.HTML()
        self.w_title = widgets.HTML()
        self.w_body = widgets.HTML()
        self.w_question = widgets.HTML()
        self.w_answer = widgets.Text(
            description="你的答案", layout={"width": "420px"}, style={"description_width": "72px"}
        )
        self.w_check = widgets.Button(description="检查答案", icon="check", button_style="primary")
        self.w_reveal = widgets.Button(description="显示答案", icon="eye")
        self.w_feedback = widgets.HTML()
        self.w_feedback.add_class("wk-training-feedback")
        self.w_exercise = widgets.VBox(
            [
                self.w_question,
                widgets.HBox([self.w_answer, self.w_check, self.w_reveal]),
                self.w_feedback,
            ]
        )
        self.w_exercise.add_class("wk-training-exercise")
        self.w_prev = widgets.Button(description="上一步", icon="arrow-left")
        self.w_next = widgets.Button(description="下一步", icon="arrow-right")
        super().__init__(
            [
                *header,
                self.w_progress,
                self.w_title,
                self.w_body,
                self.w_exercise,
                widgets.HBox([self.w_prev, self.w_next]),
            ],
            **kwargs,
        )
        self.add_class("wk-training")
        self.w_check.on_click(self._on_check_click)
        self.w_reveal.on_click(self._on_reveal_click)
        self.w_prev.on_click(self._on_prev_click)
        self.w_next.on_click(self._on_next_click)
        self.model.observe(self._on_step_change, names="step")
        self._start()

    @property
    def step(self) -> Step:
        """The step shown."""
        return self.steps[self.model.step]

    def context(self) -> TrainingContext:
        """Return what the exercises are read from."""
        return TrainingContext(self.model.assessment, self.model.summary or {}, self._messy)

    def answer(self, key: str) -> Any:
        """Return the right answer of an exercise, read from the summary (once per day)."""
        if key not in self._answers:
            exercise = next(s.exercise for s in self.steps if s.exercise and s.exercise.key == key)
            self._answers[key] = exercise.answer(self.context())
        return self._answers[key]

    def refresh(self) -> None:
        """Summarise the sample on the day; the answers follow, the walk starts again."""
        self.model.refresh()
        self._answers = {}
        with self.model.hold_trait_notifications():
            self.model.correct = {}
            self.model.step = 0
        self._on_step_change()

    # --------------------------------------------------------------- callbacks

    @shows_errors("w_alert", busy=None)
    def _on_step_change(self, _change: Any = None) -> None:
        index, total = self.model.step, len(self.steps)
        step = self.step
        self.w_progress.value = (
            f"<p class='wk-training-progress' style='color:#555'>第 {index + 1} / {total} 步</p>"
        )
        self.w_title.value = f"<h3 class='wk-training-title'>{html.escape(step.title)}</h3>"
        if self.model.assessment is None:
            self.w_body.value = "<p>请先读取示例台账。</p>"
        else:
            self.w_body.value = step.body(self.context())
        self.w_prev.disabled = index == 0
        self.w_next.disabled = index >= total - 1
        self.w_answer.value = ""
        self.w_feedback.value = ""
        if step.exercise is None:
            self.w_exercise.layout.display = "none"
        else:
            self.w_exercise.layout.display = None
            question = html.escape(step.exercise.question)
            self.w_question.value = f"<p class='wk-training-question'><b>练习：</b>{question}</p>"

    @shows_errors("w_alert", busy=None)
    def _on_prev_click(self, _button: widgets.Button) -> None:
        self.model.step = max(self.model.step - 1, 0)

    @shows_errors("w_alert", busy=None)
    def _on_next_click(self, _button: widgets.Button) -> None:
        self.model.step = min(self.model.step + 1, len(self.steps) - 1)

    @shows_errors("w_alert", button="w_check", busy="正在核对答案……")
    def _on_check_click(self, _button: widgets.Button) -> None:
        exercise = self.step.exercise
        if exercise is None:
            return
        text = self.w_answer.value.strip()
        if not text:
            self.w_feedback.value = "<p style='color:#856404'>请先填写答案。</p>"
            return
        right = self.answer(exercise.key)
        if exercise.kind == "number":
            digits = text.replace(",", "").replace("，", "").rstrip("个件行人第")
            try:
                given: Any = int(float(digits.lstrip("第")))
            except ValueError:
                self.w_feedback.value = "<p style='color:#856404'>请填写一个数字。</p>"
                return
        else:
            given = _names(text)
        ok = given == right
        self.model.correct = {**self.model.correct, exercise.key: ok}
        if ok:
            self.w_feedback.value = (
                "<p class='wk-training-right' style='color:#155724;font-weight:600'>"
                f"✔ 回答正确！{html.escape(exercise.explain(right))}</p>"
            )
        else:
            self.w_feedback.value = (
                "<p class='wk-training-wrong' style='color:#c9302c;font-weight:600'>"
                f"✘ 回答不正确，请再想一想。提示：{html.escape(exercise.hint)}</p>"
            )

    @shows_errors("w_alert", button="w_reveal", busy=None)
    def _on_reveal_click(self, _button: widgets.Button) -> None:
        exercise = self.step.exercise
        if exercise is None:
            return
        self.w_feedback.value = (
            "<p class='wk-training-answer' style='color:#0c5460'>参考答案："
            f"{html.escape(exercise.explain(self.answer(exercise.key)))}</p>"
        )
