"""Printable orders 执法文书: a recorded order as the numbered document an inspector hands over.

An order of the store (CONTRACT section 5) becomes one .docx on A4: its *number* 文号
(``〔2023〕第12号``: the year it was issued and a sequence unique within the campaign, given the
first time the order is printed and kept with the order, :func:`assign_number`), the *subject*
当事人 (a project's general contractor, or an employer), the *facts found* 查明的事实 (the
findings recorded in the store for the subject, the systems its ledger row lacks, its arrears),
the *legal basis* 法律依据 of each fact and of the order itself, the deadline written as
``2024年1月20日``, the issuing office and a place for its seal (盖章). The kinds are
约谈询问笔录 (an interview record, with the questions on the facts found and room for the
answers), 限期整改指令书 (order to rectify and pay by a deadline), 纳入黑名单事先告知书 (prior
notice of blacklisting, 人社部令第45号, citing the order to pay that lapsed) and 移送公安
(transfer of a suspected 拒不支付劳动报酬罪 to the police, 刑法第二百七十六条之一).

The office's name, its 文号 prefix (``示人社监〔2023〕第12号``), contact, telephone and the public
security organ come from campaign.toml ``[office]``. Whatever only the office knows (the people
present, the answers; its name when ``[office]`` is silent) is a fill-in mark, never invented.
The article numbers are those of the regulations as published; an office with a local rule
adds it by hand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from wagekit.assessment import Assessment, assess
from wagekit.checklist import CHECKLIST_LABELS
from wagekit.config import Office
from wagekit.outputs import DOCX, OutputError, OutputFile
from wagekit.outputs.formats import chinese_date, yuan
from wagekit.outputs.word import (
    add_heading,
    add_paragraph,
    add_table,
    add_title,
    document_bytes,
    fill_in,
    new_document,
)
from wagekit.recorded import recorded_campaign
from wagekit.schema import SYSTEM_LABELS, SYSTEMS
from wagekit.store import campaign_key
from wagekit.store.errors import StaleVersionError

__all__ = [
    "DOCUMENT_TITLES",
    "LEGAL_BASIS",
    "assign_number",
    "facts_found",
    "next_number",
    "numbered_order_document",
    "order_document",
]

REGULATION = "《保障农民工工资支付条例》"
INSPECTION_REGULATION = "《劳动保障监察条例》"
BLACKLIST_RULE = "《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》（人力资源社会保障部令第45号）"

DOCUMENT_TITLES = {
    "约谈询问笔录": "约谈询问笔录",
    "限期整改指令书": "劳动保障监察限期整改指令书",
    "纳入黑名单事先告知书": "拟列入拖欠农民工工资失信联合惩戒对象名单事先告知书",
    "移送公安": "涉嫌犯罪案件移送书",
}

# The article a fact breaks, by finding code (the checklist's codes and the ledger's systems).
LEGAL_BASIS: dict[str, str] = {
    "inspection.real_name": f"{REGULATION}第二十八条、第五十五条",
    "inspection.wage_account": f"{REGULATION}第二十六条、第五十五条",
    "inspection.general_contractor_pays": f"{REGULATION}第三十一条",
    "inspection.bank_payment": f"{REGULATION}第十一条、第三十一条",
    "inspection.wage_deposit": f"{REGULATION}第三十二条、第五十五条",
    "inspection.contracts": f"{REGULATION}第二十八条，《中华人民共和国劳动合同法》第十条",
    "inspection.attendance": f"{REGULATION}第三十三条",
    "inspection.payroll_sheets": f"{REGULATION}第十二条、第十五条、第五十四条",
    "inspection.notice_board": f"{REGULATION}第三十四条、第五十六条",
    "inspection.id_documents": "《中华人民共和国劳动合同法》第九条、第八十四条",
    "inspection.child_labour": "《禁止使用童工规定》第二条、第六条",
    "system.real_name": f"{REGULATION}第二十八条",
    "system.wage_account": f"{REGULATION}第二十六条",
    "system.general_contractor_pays": f"{REGULATION}第三十一条",
    "system.bank_payment": f"{REGULATION}第十一条、第三十一条",
    "system.wage_deposit": f"{REGULATION}第三十二条",
    "system.notice_board": f"{REGULATION}第三十四条",
    "system.monthly_payment": f"{REGULATION}第十二条",
    "arrears": f"{REGULATION}第三条、第十二条，{INSPECTION_REGULATION}第二十六条",
}

_NUMBER = re.compile(r"〔(\d{4})〕第(\d+)号")


def next_number(numbers: pd.Series, year: int) -> str:
    """The next 文号 of a year, after every number the campaign's orders already carry."""
    found = numbers.dropna().astype(str).str.extract(_NUMBER)
    same_year = pd.to_numeric(found[1][found[0] == str(year)], errors="coerce")
    last = int(same_year.max()) if same_year.notna().any() else 0
    return f"〔{year}〕第{last + 1}号"


def assign_number(store: Any, campaign: Any, order_id: int, *, by: str) -> str:
    """The order's 文号, given now (and audited) when it has none yet.

    The number is written with the store's versioned update, so the audit trail says who
    numbered the order and when. Two offices numbering at the same moment could pick the same
    sequence; the later of the two (the higher record id) then takes the next number.
    """
    for _attempt in range(5):
        orders = store.records(campaign, "orders")
        order = orders[orders["id"] == order_id].iloc[0]
        number = order["number"]
        if isinstance(number, str) and number:
            twins = orders[(orders["number"] == number) & (orders["id"] < order_id)]
            if twins.empty:
                return number
        year = pd.Timestamp(order["issued"]).year
        others = orders.loc[orders["id"] != order_id, "number"]
        number = next_number(others, year)
        try:
            store.update(
                "orders", order_id, version=int(order["version"]), changes={"number": number}, by=by
            )
        except StaleVersionError:
            continue  # changed meanwhile (perhaps numbered): read it again
    raise OutputError("文书编号未能写入（多人同时编号），请稍后重试")


def _subject(assessment: Assessment, subject_id: str) -> dict[str, Any]:
    """Who the order is addressed to, and what the ledgers and the checks say of it."""
    found: dict[str, Any] = {"id": subject_id, "name": subject_id, "project": None}
    projects, employers = assessment.get("projects"), assessment.get("employers")
    if projects is not None and (projects["project_id"] == subject_id).any():
        row = projects[projects["project_id"] == subject_id].iloc[0]
        found.update(name=row["contractor"], project=row["name"], township=row["township"])
    elif employers is not None and (employers["employer_id"] == subject_id).any():
        row = employers[employers["employer_id"] == subject_id].iloc[0]
        found.update(name=row["name"], township=row["township"])
    if assessment.risk is not None:
        risk = assessment.risk[assessment.risk["subject_id"] == subject_id]
        if len(risk):
            found["risk"] = risk.iloc[0]
    if assessment.systems is not None:
        systems = assessment.systems[assessment.systems["project_id"] == subject_id]
        if len(systems):
            found["systems"] = systems.iloc[0]
    return found


def facts_found(
    assessment: Assessment, subject_id: str, findings: pd.DataFrame | None = None
) -> list[tuple[str, str]]:
    """The facts an order states, each with its legal basis: ``[(fact, basis), …]``.

    The store's findings of the subject first (in the checklist's words, with the inspector's
    note), then the systems its project ledger row lacks, then its arrears.
    """
    facts: list[tuple[str, str]] = []
    codes: set[str] = set()
    if findings is not None and not findings.empty:
        for row in findings[findings["subject_id"] == subject_id].itertuples(index=False):
            codes.add(row.code)
            label = CHECKLIST_LABELS.get(row.code)
            label = f"现场检查项“{label}”不合格" if label else str(row.code)
            note = row.note if isinstance(row.note, str) and row.note.strip() else ""
            facts.append((label + (f"（{note}）" if note else ""), LEGAL_BASIS.get(row.code, "")))
    subject = _subject(assessment, subject_id)
    systems = subject.get("systems")
    if systems is not None:
        for system in SYSTEMS:
            value = systems[system]
            if pd.isna(value) or bool(value) or f"inspection.{system}" in codes:
                continue
            facts.append(
                (
                    f"台账显示该项目未落实{SYSTEM_LABELS[system]}制度",
                    LEGAL_BASIS[f"system.{system}"],
                )
            )
    risk = subject.get("risk")
    if risk is not None and risk["tier"] != "none":
        workers = risk["arrears_workers"]
        who = f"{int(workers)}名农民工" if pd.notna(workers) and workers else "农民工"
        facts.append(
            (
                f"截至{chinese_date(assessment.as_of)}，拖欠{who}工资共计"
                f"{yuan(risk['arrears_amount'])}",
                LEGAL_BASIS["arrears"],
            )
        )
    return facts


def _addressee(subject: Mapping[str, Any]) -> str:
    if subject.get("project"):
        return f"{subject['name']}（{subject['project']}施工总承包单位）"
    return str(subject["name"])


def _facts_paragraphs(document: Any, facts: list[tuple[str, str]]) -> None:
    if not facts:
        add_paragraph(document, fill_in("查明的违法事实"))
        return
    for number, (fact, basis) in enumerate(facts, start=1):
        add_paragraph(document, f"{number}. {fact}" + (f"（违反{basis}）" if basis else "") + "。")


def _declared(value: str, what: str) -> str:
    """What campaign.toml ``[office]`` declares, or the fill-in mark of ``what``."""
    return value or fill_in(what)


def _signature(document: Any, issued: Any, office: Office) -> None:
    add_paragraph(document)
    issuer = _declared(office.name, "发文机关名称")
    add_paragraph(document, f"{issuer}（盖章）", indent=False, align="right")
    add_paragraph(document, chinese_date(issued), indent=False, align="right")


def _contact(document: Any, office: Office) -> None:
    add_paragraph(
        document,
        f"联系人：{_declared(office.contact, '姓名')}　　"
        f"联系电话：{_declared(office.phone, '电话')}",
    )


def _receipt(document: Any, who: str) -> None:
    add_paragraph(document)
    add_paragraph(
        document,
        f"{who}签收：＿＿＿＿＿＿＿＿　　签收日期：　　年　　月　　日",
        indent=False,
    )


def _order_to_rectify(
    document: Any, order: Mapping, subject: Mapping, facts: list, office: Office
) -> None:
    add_paragraph(document, f"{_addressee(subject)}：", indent=False)
    add_paragraph(document, "经查，你单位存在下列违反劳动保障法律、法规的行为：")
    _facts_paragraphs(document, facts)
    pays = any(basis == LEGAL_BASIS["arrears"] for _, basis in facts)
    deadline = order.get("deadline")
    when = chinese_date(deadline) if pd.notna(deadline) else fill_in("整改期限")
    add_paragraph(
        document,
        f"依据{INSPECTION_REGULATION}第十八条和上述规定，现责令你单位于{when}前改正上述行为"
        + ("，足额支付所拖欠的农民工工资" if pays else "")
        + "，并将整改情况书面报送本机关。",
    )
    add_paragraph(
        document,
        "逾期不改正的，本机关将依法作出行政处理或者行政处罚决定；拖欠农民工工资达到认定拒不支付"
        f"劳动报酬罪数额标准，经责令限期支付逾期仍未支付的，将依照{BLACKLIST_RULE}列入拖欠农民工"
        "工资失信联合惩戒对象名单；涉嫌犯罪的，依法移送公安机关。",
    )
    _contact(document, office)
    _signature(document, order.get("issued"), office)
    _receipt(document, "被责令单位")


def _blacklist_notice(
    document: Any,
    order: Mapping,
    subject: Mapping,
    facts: list,
    earlier: Mapping | None,
    office: Office,
) -> None:
    add_paragraph(document, f"{_addressee(subject)}：", indent=False)
    arrears = [fact for fact, basis in facts if basis == LEGAL_BASIS["arrears"]]
    fact = arrears[0] if arrears else fill_in("拖欠农民工工资的事实（人数、金额、期间）")
    if earlier is not None:
        number = earlier.get("number")
        named = f"（{office.number_prefix}{number}）" if isinstance(number, str) and number else ""
        lapsed = (
            f"本机关已于{chinese_date(earlier.get('issued'))}下达《劳动保障监察限期整改指令书》"
            f"{named}，责令你单位于{chinese_date(earlier.get('deadline'))}前支付，你单位逾期未支付"
        )
    else:
        lapsed = fill_in("责令限期支付的文书、日期及逾期未支付的情况")
    add_paragraph(document, f"经查，你单位{fact}。{lapsed}。")
    add_paragraph(
        document,
        f"上述行为符合{BLACKLIST_RULE}第五条规定的列入情形。依据{REGULATION}第四十八条和该办法"
        "的规定，本机关拟将你单位及你单位法定代表人或者主要负责人、直接负责的主管人员和其他直接"
        "责任人员列入拖欠农民工工资失信联合惩戒对象名单。",
    )
    add_paragraph(
        document,
        "根据该办法的规定，你单位享有陈述、申辩的权利，可以自收到本告知书之日起5个工作日内向本"
        "机关提出陈述、申辩意见，并提交相关证据；逾期未提出的，视为放弃上述权利。你单位在此期间"
        "足额支付所拖欠的农民工工资的，请一并提交支付凭证。",
    )
    _contact(document, office)
    _signature(document, order.get("issued"), office)
    _receipt(document, "当事人")


def _interview(
    document: Any, order: Mapping, subject: Mapping, facts: list, office: Office
) -> None:
    add_table(
        document,
        ("项目", "内容"),
        [
            ("约谈（询问）时间", f"{chinese_date(order.get('issued'))}{fill_in('起止时间')}"),
            ("约谈（询问）地点", fill_in("地点")),
            ("被约谈单位", _addressee(subject)),
            ("被约谈（询问）人", fill_in("姓名、职务、联系电话")),
            ("约谈（询问）人", fill_in("执法人员姓名及执法证号")),
            ("记录人", fill_in("姓名")),
        ],
        widths=(4.5, 11.0),
    )
    add_paragraph(document)
    add_paragraph(
        document,
        f"问：我们是{_declared(office.name, '单位名称')}的劳动保障监察员，现向你出示执法证件。依据"
        f"{INSPECTION_REGULATION}第十五条，就你单位农民工工资支付情况进行约谈询问，请如实回答。"
        "你是否听清楚？",
    )
    add_paragraph(document, f"答：{fill_in('回答')}")
    for fact, _basis in facts or [(fill_in("查明的事实"), "")]:
        add_paragraph(document, f"问：经查，{fact}。对此你有何说明？")
        add_paragraph(document, f"答：{fill_in('回答')}")
    add_paragraph(document, "问：你单位准备采取哪些措施、在什么时间前整改和支付拖欠的工资？")
    add_paragraph(document, f"答：{fill_in('回答')}")
    add_paragraph(document, "问：你还有什么需要补充的吗？")
    add_paragraph(document, f"答：{fill_in('回答')}")
    add_paragraph(document)
    add_paragraph(document, "以上笔录我已看过，与我所说的一致。", indent=False)
    add_paragraph(
        document,
        "被约谈（询问）人签名：＿＿＿＿＿＿　　约谈（询问）人签名：＿＿＿＿＿＿　　"
        "记录人签名：＿＿＿＿＿＿",
        indent=False,
    )


def _transfer(
    document: Any, order: Mapping, subject: Mapping, facts: list, earlier, office: Office
) -> None:
    add_paragraph(document, f"{_declared(office.police, '公安机关名称')}：", indent=False)
    arrears = [fact for fact, basis in facts if basis == LEGAL_BASIS["arrears"]]
    fact = arrears[0] if arrears else fill_in("拖欠农民工工资的事实（人数、金额、期间）")
    lapsed = ""
    if earlier is not None:
        lapsed = (
            f"本机关于{chinese_date(earlier.get('issued'))}责令其于"
            f"{chinese_date(earlier.get('deadline'))}前支付，逾期仍未支付。"
        )
    add_paragraph(
        document,
        f"{_addressee(subject)}涉嫌拒不支付劳动报酬一案，经本机关调查，该单位{fact}。{lapsed}",
    )
    add_paragraph(
        document,
        "该单位的行为涉嫌构成《中华人民共和国刑法》第二百七十六条之一规定的拒不支付劳动报酬罪。"
        "依据《行政执法机关移送涉嫌犯罪案件的规定》，现将该案移送你局，请依法审查。",
    )
    add_paragraph(document, f"附件：{fill_in('涉嫌犯罪案件调查报告及证据材料清单')}")
    _contact(document, office)
    _signature(document, order.get("issued"), office)


def order_document(assessment: Assessment, order: Mapping[str, Any]) -> OutputFile:
    """The printable document of one recorded order (a row of the store's orders, numbered).

    The facts come from the store's findings of the subject and the assessment (best made as
    of the day the order was issued); a blacklist notice or a transfer cites the subject's
    latest order to pay.
    """
    findings, orders = assessment.records.findings, assessment.records.orders
    kind = order.get("kind")
    if kind not in DOCUMENT_TITLES:
        raise OutputError(f"无法打印该类文书：{kind}")
    number = order.get("number")
    if not isinstance(number, str) or not number:
        raise OutputError("文书尚未编号，请先编号再打印")
    subject_id = str(order["subject_id"])
    subject = _subject(assessment, subject_id)
    facts = facts_found(assessment, subject_id, findings)
    earlier = None
    if orders is not None and not orders.empty:
        to_pay = orders[
            (orders["subject_id"] == subject_id)
            & (orders["kind"] == "限期整改指令书")
            & (orders["id"] != order.get("id"))
        ]
        if len(to_pay):
            earlier = to_pay.sort_values("issued").iloc[-1].to_dict()
    office = assessment.config.office
    document = new_document()
    add_title(document, DOCUMENT_TITLES[kind])
    # The store keeps the number as the campaign counts it; the office's prefix is printed.
    add_paragraph(document, office.number_prefix + number, indent=False, align="center")
    add_paragraph(document)
    if kind == "限期整改指令书":
        _order_to_rectify(document, order, subject, facts, office)
    elif kind == "纳入黑名单事先告知书":
        _blacklist_notice(document, order, subject, facts, earlier, office)
    elif kind == "约谈询问笔录":
        _interview(document, order, subject, facts, office)
    else:
        _transfer(document, order, subject, facts, earlier, office)
    if facts:
        add_heading(document, "附：查明事实与法律依据", level=2)
        add_table(
            document,
            ("序号", "查明的事实", "法律依据"),
            [(i, fact, basis) for i, (fact, basis) in enumerate(facts, start=1)],
            widths=(1.3, 8.7, 5.6),
        )
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", f"{kind}{number}_{subject_id}")
    return OutputFile(f"{safe}.docx", document_bytes(document), DOCX)


def numbered_order_document(store: Any, campaign: Any, order_id: int, *, by: str) -> OutputFile:
    """The printable document of an order of ``campaign`` (loaded), numbered first if need be.

    The number is given through :func:`assign_number` (audited as ``by``); the facts are those
    of the campaign as recorded on the day the order was issued, as the inspector wrote it.
    """
    assign_number(store, campaign_key(campaign), order_id, by=by)
    recorded = recorded_campaign(campaign, store)
    orders = recorded.records.orders
    order = orders[orders["id"] == order_id].iloc[0]
    assessment = assess(recorded, as_of=order["issued"].date())
    return order_document(assessment, order.to_dict())
