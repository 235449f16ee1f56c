"""The on-site inspection checklist 现场检查清单 of a construction project.

An *item* 检查项 is one thing an inspector verifies on a site visit 现场检查: the systems of the
五项制度 (real-name management 实名制管理, wage account 工资专用账户, payment by the general
contractor 总包代发, payment through the bank 银行代发, wage deposit 工资保证金) and the rest
of a visit — labour contracts 劳动合同, attendance records 考勤记录, payroll sheets 工资支付台账,
the notice board 维权信息公示牌, identity documents not withheld 未扣押身份证件 and no child
labour 未使用童工. An item that fails becomes a *finding* 检查发现问题 in the store, under the
item's ``code`` and ``severity`` (:data:`wagekit.findings.SEVERITIES`). Every item of a visit
has a *result* 检查结果: 合格 (passed), 不合格 (failed) or 未检查 (not checked); an item starts
unanswered, and a visit is saved only when every item has one of the three.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ChecklistItem",
    "CHECKLIST",
    "CHECKLIST_LABELS",
    "CHECKLIST_RESULTS",
    "PASSED",
    "FAILED",
    "NOT_CHECKED",
    "failed_items",
]

PASSED, FAILED, NOT_CHECKED = "合格", "不合格", "未检查"
CHECKLIST_RESULTS = (PASSED, FAILED, NOT_CHECKED)


@dataclass(frozen=True)
class ChecklistItem:
    """One item of the checklist: its finding code, Chinese label, severity when it fails."""

    code: str
    label: str
    severity: str
    group: str


CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem("inspection.real_name", "落实农民工实名制管理", "warning", "五项制度"),
    ChecklistItem("inspection.wage_account", "开设农民工工资专用账户", "warning", "五项制度"),
    ChecklistItem(
        "inspection.general_contractor_pays", "施工总承包单位代发工资", "warning", "五项制度"
    ),
    ChecklistItem("inspection.bank_payment", "通过银行代发工资", "warning", "五项制度"),
    ChecklistItem("inspection.wage_deposit", "存储工资保证金或提供保函", "warning", "五项制度"),
    ChecklistItem("inspection.contracts", "与农民工签订劳动合同", "warning", "现场检查"),
    ChecklistItem("inspection.attendance", "考勤记录完整", "warning", "现场检查"),
    ChecklistItem(
        "inspection.payroll_sheets", "工资支付台账完整、按月足额发放", "serious", "现场检查"
    ),
    ChecklistItem("inspection.notice_board", "设置维权信息公示牌", "warning", "现场检查"),
    ChecklistItem("inspection.id_documents", "未扣押农民工身份证件", "serious", "现场检查"),
    ChecklistItem("inspection.child_labour", "未使用童工", "serious", "现场检查"),
)

CHECKLIST_LABELS: dict[str, str] = {item.code: item.label for item in CHECKLIST}


def failed_items(results: dict[str, str]) -> list[ChecklistItem]:
    """Return the items of the checklist whose result is 不合格, in the checklist's order."""
    return [item for item in CHECKLIST if results.get(item.code) == FAILED]
