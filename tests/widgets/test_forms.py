import datetime as dt

import ipywidgets as widgets
import pandas as pd
import pytest
from wagekit.widgets.components.forms import checked_subject_and_recorder
from wagekit.widgets.components.inspection_form import InspectionForm
from wagekit.widgets.components.order_form import OrderForm

from wagekit.store.errors import UnknownIdError

# A campaign as the forms see it: tables by name, here only the projects ledger.
CAMPAIGN = {"projects": pd.DataFrame({"project_id": ["XM2023-0001"]})}
STORE = object()  # never reached: every refusal comes before the store is written


def fields(subject="XM2023-0001", date=dt.date(2023, 12, 20), by="张伟"):
    return {
        "subject": widgets.Text(value=subject, description="检查对象"),
        "date": widgets.DatePicker(value=date, description="检查日期"),
        "by": widgets.Text(value=by, description="登记人"),
    }


def test_subject_and_recorder_come_back_without_blanks():
    """A known subject and a recorder typed with blanks around them are returned stripped."""
    found = checked_subject_and_recorder(
        STORE, CAMPAIGN, **fields(subject=" XM2023-0001 ", by=" 张伟 ")
    )
    assert found == ("XM2023-0001", "张伟")


def test_no_store_or_campaign_is_refused():
    """Before the app has a store and a campaign nothing can be saved."""
    with pytest.raises(RuntimeError, match="^尚未读取专项行动台账或打开工作区，无法保存$"):
        checked_subject_and_recorder(None, CAMPAIGN, **fields())


def test_subject_in_no_ledger_is_refused():
    """A subject id that is neither a project nor an employer is refused, naming the id."""
    with pytest.raises(UnknownIdError, match="XM-不存在"):
        checked_subject_and_recorder(STORE, CAMPAIGN, **fields(subject="XM-不存在"))


@pytest.mark.parametrize(
    ("form_class", "date_field", "message"),
    [
        (InspectionForm, "w_date", "请填写检查日期"),
        (OrderForm, "w_issued", "请填写下达日期"),
    ],
)
def test_missing_date_is_named_as_labelled(form_class, date_field, message):
    """Each form names its own date field when it is empty."""
    form = form_class(store=STORE, campaign=CAMPAIGN)
    form.w_subject.value = "XM2023-0001"
    form.w_by.value = "张伟"
    getattr(form, date_field).value = None
    form.w_save.click()
    assert form.w_alert.kind == "error"
    assert form.w_alert.message == f"操作未完成：{message}"


@pytest.mark.parametrize(
    ("form_class", "message"),
    [
        (InspectionForm, "请填写检查对象（项目编号或统一社会信用代码）"),
        (OrderForm, "请填写对象编号（项目编号或统一社会信用代码）"),
    ],
)
def test_missing_subject_is_named_as_labelled(form_class, message):
    """Each form names its own subject field when it is empty (blanks count as empty)."""
    form = form_class(store=STORE, campaign=CAMPAIGN)
    form.w_subject.value = "  "
    form.w_by.value = "张伟"
    form.w_save.click()
    assert form.w_alert.message == f"操作未完成：{message}"


@pytest.mark.parametrize("form_class", [InspectionForm, OrderForm])
def test_missing_recorder_is_refused(form_class):
    """Without 登记人 neither form saves."""
    form = form_class(store=STORE, campaign=CAMPAIGN)
    form.w_subject.value = "XM2023-0001"
    form.w_by.value = ""
    form.w_save.click()
    assert form.w_alert.message == "操作未完成：请填写登记人姓名"


def test_the_recorder_is_typed_once_for_every_form_of_the_page():
    """The 登记人 typed in one form shows in the others (remembered for the page)."""
    first, second = InspectionForm(store=STORE, campaign=CAMPAIGN), OrderForm(store=STORE)
    first.w_by.value = "王芳"
    assert second.w_by.value == "王芳"
    assert OrderForm(store=STORE).w_by.value == "王芳"


def test_the_browsers_memory_and_every_recorder_field_hold_one_name():
    """A name typed in one form reaches the browser's memory; one the browser remembers fills
    every form of a page opened later."""
    from wagekit.widgets.components.forms import RECORDER, recorder_field, remembered_recorder

    RECORDER.name = ""
    memory = remembered_recorder()
    order_by, case_by = recorder_field(), recorder_field()
    order_by.value = "张伟"
    assert memory.name == "张伟" and case_by.value == "张伟"
    memory.name = "李娜"  # what the page's script does when the browser remembers a name
    assert (order_by.value, case_by.value, recorder_field().value) == ("李娜", "李娜", "李娜")
    RECORDER.name = ""
