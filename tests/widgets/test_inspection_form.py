import pytest
from wagekit.widgets.components.inspection_form import InspectionForm, split_names

from wagekit.checklist import CHECKLIST


@pytest.fixture
def form(campaign, store):
    form = InspectionForm(store=store, campaign=campaign)
    form.w_subject.value = campaign.get("projects")["project_id"].iloc[0]
    form.w_inspectors.value = "张伟、李娜"
    form.w_by.value = "张伟"
    for toggle in form.items.values():
        toggle.value = "合格"
    return form


def test_failed_item_becomes_a_finding_linked_to_the_inspection(form, campaign, store):
    """Saving with 工资专用账户 不合格 records one inspection and one finding with that code."""
    form.items["inspection.wage_account"].value = "不合格"
    form.w_save.click()
    inspections, findings = (
        store.records(campaign, "inspections"),
        store.records(campaign, "findings"),
    )
    assert form.w_alert.kind == "success"
    assert len(inspections) == 1 and inspections["inspectors"].iloc[0] == ["张伟", "李娜"]
    assert findings["code"].tolist() == ["inspection.wage_account"]
    assert findings["subject_id"].iloc[0] == form.w_subject.value
    assert findings["inspection_id"].iloc[0] == inspections["id"].iloc[0]
    results = store.records(campaign, "checklist_results").set_index("item")["result"]
    assert len(results) == len(CHECKLIST)
    assert results["inspection.wage_account"] == "不合格"
    assert (results.drop("inspection.wage_account") == "合格").all()
    # Ready for the next visit: nothing answered, the date back on the day of the figures.
    assert all(toggle.value is None for toggle in form.items.values())
    assert form.w_inspectors.value == "" and form.w_date.value == form.as_of
    form.w_inspectors.value = "张伟、李娜"
    for toggle in form.items.values():
        toggle.value = "合格"
    form.items["inspection.wage_account"].value = "不合格"
    form.w_save.click()  # the same visit sent again within a minute
    assert form.w_alert.kind == "error" and "一分钟内已登记过" in form.w_alert.message
    assert len(store.records(campaign, "inspections")) == 1


def test_an_unanswered_item_cannot_be_saved(campaign, store):
    """Items start unanswered; saving with one left unanswered is refused, nothing written."""
    form = InspectionForm(store=store, campaign=campaign)
    form.w_subject.value = campaign.get("projects")["project_id"].iloc[0]
    form.w_inspectors.value = "张伟"
    form.w_by.value = "张伟"
    assert all(toggle.value is None for toggle in form.items.values())
    for code, toggle in form.items.items():
        if code != "inspection.attendance":
            toggle.value = "合格"
    form.w_save.click()
    assert form.w_alert.kind == "error" and "考勤记录完整" in form.w_alert.message
    assert store.count("inspections") == 0 and store.count("checklist_results") == 0


def test_every_failed_item_gets_its_own_finding_and_severity(form, campaign, store):
    """Child labour and withheld ID documents failing give two serious findings."""
    form.items["inspection.child_labour"].value = "不合格"
    form.items["inspection.id_documents"].value = "不合格"
    form.w_save.click()
    findings = store.records(campaign, "findings")
    assert sorted(findings["code"]) == ["inspection.child_labour", "inspection.id_documents"]
    assert set(findings["severity"]) == {"serious"}


def test_passed_and_unchecked_items_record_no_finding(form, campaign, store):
    """An inspection where every item passed or was not checked records no finding."""
    form.items["inspection.attendance"].value = "未检查"
    form.w_save.click()
    assert (
        len(store.records(campaign, "inspections")) == 1
        and store.records(campaign, "findings").empty
    )
    assert "未发现问题" in form.w_alert.message


def test_unknown_subject_is_refused_on_screen_and_nothing_is_written(form, campaign, store):
    """A subject id that is in no ledger shows the Chinese reason; the store stays empty."""
    form.w_subject.value = "XM-不存在"
    form.items["inspection.wage_account"].value = "不合格"
    form.w_save.click()
    assert form.w_alert.kind == "error" and "XM-不存在" in form.w_alert.message
    assert store.count("inspections") == 0 and store.count("findings") == 0


def test_missing_recorder_name_is_refused(form, store):
    """Without 登记人 nothing is saved and the form says why."""
    form.w_by.value = ""
    form.w_save.click()
    assert form.w_alert.kind == "error" and "登记人" in form.w_alert.message
    assert store.count("inspections") == 0


def test_items_reset_after_saving(form):
    """After a save every item is unanswered again, ready for the next visit; saved counts it."""
    form.items["inspection.contracts"].value = "不合格"
    form.w_save.click()
    assert form.saved == 1
    assert {toggle.value for toggle in form.items.values()} == {None}


def test_checklist_covers_the_five_systems_and_the_site_visit():
    """The form lists every item of the checklist."""
    form = InspectionForm()
    assert list(form.items) == [item.code for item in CHECKLIST]
    assert len([i for i in CHECKLIST if i.group == "五项制度"]) == 5


def test_names_are_split_on_chinese_and_latin_separators():
    """Inspectors typed as 张伟、李娜，王强 are three names."""
    assert split_names(" 张伟、李娜，王强 ") == ["张伟", "李娜", "王强"]
