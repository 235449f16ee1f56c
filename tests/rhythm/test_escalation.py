import datetime as dt

import pytest
from rhythm_frames import assessed

from wagekit.escalation import escalation_list, next_kind, next_order
from wagekit.store.records import ORDER_KINDS, clean_record
from wagekit.summary import figures

DAY = dt.date(2024, 1, 10)


def _order(subject, kind, issued="2023-12-20", deadline=None, status="待履行", **more):
    return {
        "subject_id": subject,
        "kind": kind,
        "issued": issued,
        "deadline": deadline,
        "status": status,
        **more,
    }


def test_ladder_goes_interview_order_notice_police():
    """The next step follows ORDER_KINDS: 约谈 first, nothing after 移送公安."""
    assert next_kind(None) == "约谈询问笔录"
    assert [next_kind(k) for k in ORDER_KINDS] == [*ORDER_KINDS[1:], None]


def test_subject_at_criminal_standard_is_listed_with_first_step(tiny):
    """P2 (200,000 yuan to 25 workers) is listed with no order yet: next step 约谈询问笔录."""
    table = escalation_list(assessed(tiny, DAY))
    assert table["subject_id"].tolist() == ["P2"]
    row = table.iloc[0]
    assert row["criminal"] and not row["order_ignored"]
    assert (row["township"], row["step"], row["next_kind"]) == ("乙镇", "", "约谈询问笔录")


def test_ignored_order_to_pay_leads_to_blacklist_notice(tiny):
    """An order to pay past its deadline: listed first, ignored, next the blacklist notice."""
    a = assessed(
        tiny,
        DAY,
        orders=[
            _order("P2", "约谈询问笔录", issued="2023-12-01"),
            _order("P2", "限期整改指令书", deadline="2024-01-05"),
        ],
    )
    row = escalation_list(a).iloc[0]
    assert row["order_ignored"] and row["step"] == "限期整改指令书"
    assert row["next_kind"] == "纳入黑名单事先告知书"
    assert row["overdue_orders"] == "限期整改指令书（期限2024-01-05）"


def test_overdue_order_of_a_subject_below_the_standard_is_listed(tiny):
    """E1 owes 1,000 yuan only, but its order lapsed: on the list, not criminal."""
    a = assessed(
        tiny, DAY, orders=[_order("91330100MA2H00001P", "限期整改指令书", deadline="2024-01-01")]
    )
    table = escalation_list(a).set_index("subject_id")
    assert not table.loc["91330100MA2H00001P", "criminal"]
    assert table.loc["91330100MA2H00001P", "next_kind"] == "纳入黑名单事先告知书"


def test_fulfilled_or_withdrawn_orders_are_not_overdue(tiny):
    """A fulfilled order and a withdrawn one are neither overdue nor a step reached."""
    a = assessed(
        tiny,
        DAY,
        orders=[
            _order("P2", "限期整改指令书", deadline="2024-01-05", status="已撤销"),
            _order(
                "P1",
                "限期整改指令书",
                deadline="2024-01-05",
                status="已履行",
                fulfilled_date="2024-01-04",
            ),
        ],
    )
    table = escalation_list(a)
    assert table["subject_id"].tolist() == ["P2"]
    assert table.iloc[0]["overdue_orders"] == "" and table.iloc[0]["step"] == ""


def test_list_agrees_with_summary_escalation(tiny):
    """Criminal rows and ignored rows count as summary escalation's two figures."""
    a = assessed(tiny, DAY, orders=[_order("P2", "限期整改指令书", deadline="2024-01-05")])
    table, escalation = escalation_list(a), figures(a)["escalation"]
    assert table["criminal"].sum() == escalation["criminal_threshold_met"] == 1
    assert table["order_ignored"].sum() == escalation["order_ignored"] == 1


def test_next_order_is_a_valid_store_record_with_the_default_term(tiny):
    """The next order is the next kind, due TERM_DAYS after issue, and the store accepts it."""
    a = assessed(tiny, DAY, orders=[_order("P2", "约谈询问笔录")])
    record = next_order(escalation_list(a).iloc[0], issued=DAY)
    assert record["kind"] == "限期整改指令书" and record["deadline"] == dt.date(2024, 1, 17)
    assert "数额标准" in record["note"]
    assert clean_record("orders", record)["status"] == "待履行"


def test_no_next_order_after_the_police(tiny):
    """After 移送公安 there is nothing more to record: a Chinese refusal."""
    a = assessed(tiny, DAY, orders=[_order("P2", "移送公安")])
    row = escalation_list(a).iloc[0]
    assert row["next_kind"] == ""
    with pytest.raises(ValueError, match="已移送公安"):
        next_order(row, issued=DAY)
