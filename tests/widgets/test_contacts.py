"""Whom to call: 联系人 and 联系电话 where someone must be chased (the self-inspection missing
list, the enforcement project card, the escalation list), when the ledgers carry them."""

import dataclasses
import datetime as dt

import pytest
from wagekit.widgets.apps.rhythm import RhythmApp
from wagekit.widgets.apps.self_inspection import SelfInspectionApp
from wagekit.widgets.components.project_card import ProjectCard

from wagekit.assessment import assess
from wagekit.escalation import escalation_list

DAY = dt.date(2024, 1, 10)


def _phone(ids):
    return [f"0571-{8000_0000 + n}" for n in range(len(ids))]


@pytest.fixture(scope="module")
def with_contacts(campaign):
    """The sample with a contact for every project and employer (names by their row)."""
    projects, employers = campaign.get("projects"), campaign.get("employers")
    tables = {
        **campaign.tables,
        "projects": projects.assign(
            contact_person=[f"项目联系人{n}" for n in range(len(projects))],
            contact_phone=_phone(projects),
        ),
        "employers": employers.assign(
            contact_person=[f"单位联系人{n}" for n in range(len(employers))],
            contact_phone=_phone(employers),
        ),
    }
    return dataclasses.replace(campaign, tables=tables)


def contact_of(campaign, subject_id):
    for table, key in (("projects", "project_id"), ("employers", "employer_id")):
        rows = campaign.get(table)
        found = rows[rows[key] == subject_id]
        if len(found):
            return found["contact_person"].iloc[0], found["contact_phone"].iloc[0]
    raise KeyError(subject_id)


def test_the_project_card_names_whom_to_call(with_contacts):
    """The card of a project shows its 联系人 and 联系电话."""
    assessment = assess(with_contacts, as_of=DAY)
    project = with_contacts.get("projects")["project_id"].iloc[5]
    card = ProjectCard()
    card.show(assessment, project)
    person, phone = contact_of(with_contacts, project)
    assert f"<b>联系人</b>：{person}" in card.w_html.value
    assert f"<b>联系电话</b>：{phone}" in card.w_html.value


def test_a_card_without_contacts_in_the_ledger_shows_none(campaign):
    """Ledgers without the contact columns: no 联系人 line on the card."""
    tables = {
        t: f.drop(columns=["contact_person", "contact_phone"], errors="ignore")
        for t, f in campaign.tables.items()
    }
    bare = dataclasses.replace(campaign, tables=tables)
    card = ProjectCard()
    card.show(assess(bare, as_of=DAY), bare.get("projects")["project_id"].iloc[0])
    assert "联系人" not in card.w_html.value


def test_the_missing_self_inspection_list_names_whom_to_call(with_contacts, store):
    """Each subject without a form is listed with its contact."""
    app = SelfInspectionApp(with_contacts, store=store, as_of=DAY)
    missing = app.w_table_status.data
    assert len(missing) and "联系电话" in app.w_table_status.w_html.value
    first = missing.iloc[0]
    assert (first["contact_person"], first["contact_phone"]) == contact_of(
        with_contacts, first["subject_id"]
    )


def test_the_escalation_list_names_whom_to_call(with_contacts, store):
    """Each subject to escalate is listed with its contact."""
    app = RhythmApp(with_contacts, store=store, as_of=DAY, by="测试员")
    table = app.w_esc_table.data
    assert len(table) == len(escalation_list(app.model.assessment)) > 0
    subjects = table[table["subject_kind"] != "案件"]
    for row in subjects.itertuples():
        assert (row.contact_person, row.contact_phone) == contact_of(with_contacts, row.subject_id)
    assert "联系人" in app.w_esc_table.w_html.value
