"""Numbered orders and the commands: what is printed, numbered, audited and written where."""

import io
import shutil

import docx
import pytest

from wagekit.cli import main
from wagekit.load import load
from wagekit.store import Store

SAMPLE_ORDER_PROJECT = "XM2023-0114"


@pytest.fixture
def workspace(tmp_path, monkeypatch, demo_campaign):
    url = f"sqlite:///{tmp_path / 'w.sqlite'}"
    monkeypatch.setenv("WAGEKIT_DB", url)
    with Store.open(url) as store:
        for issued, kind, deadline in (
            ("2023-12-20", "限期整改指令书", "2024-01-20"),
            ("2024-01-22", "纳入黑名单事先告知书", None),
        ):
            store.add(
                demo_campaign,
                "orders",
                {
                    "subject_id": SAMPLE_ORDER_PROJECT,
                    "kind": kind,
                    "issued": issued,
                    "deadline": deadline,
                },
                by="张三",
            )
    return url


def _run(capsys, *argv) -> tuple[int, list[str]]:
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().out.splitlines()


def test_document_is_numbered_once_stored_and_audited(workspace, demo_campaign, tmp_path, capsys):
    """First print numbers the order 〔2023〕第1号 and audits it; a reprint keeps the number."""
    out = tmp_path / "out"
    code, paths = _run(capsys, "document", demo_campaign.folder, 1, out, "--by", "张三")
    assert code == 0 and paths == [
        str(out / f"限期整改指令书〔2023〕第1号_{SAMPLE_ORDER_PROJECT}.docx")
    ]
    text = "\n".join(p.text for p in docx.Document(paths[0]).paragraphs)
    assert "〔2023〕第1号" in text and "2024年1月20日前" in text and "（盖章）" in text
    assert "《保障农民工工资支付条例》" in text or "《劳动保障监察条例》第十八条" in text
    with Store.open(workspace) as store:
        orders = store.records(demo_campaign, "orders")
        assert orders["number"].iloc[0] == "〔2023〕第1号" and orders["number"].isna().iloc[1]
        audit = store.audit(demo_campaign)
    assert ((audit["field"] == "number") & (audit["by"] == "张三")).sum() == 1
    code, again = _run(capsys, "document", demo_campaign.folder, 1, out)
    assert again == paths


def test_blacklist_notice_cites_the_lapsed_order(workspace, demo_campaign, tmp_path, capsys):
    """The notice names the order to pay, its number and deadline, and 人社部令第45号."""
    _run(capsys, "document", demo_campaign.folder, 1, tmp_path)
    code, paths = _run(capsys, "document", demo_campaign.folder, 2, tmp_path)
    assert code == 0 and "〔2024〕第1号" in paths[0]
    document = docx.Document(paths[0])
    text = "\n".join(p.text for p in document.paragraphs)
    assert "（示人社监〔2023〕第1号）" in text and "2024年1月20日前支付" in text
    assert "人力资源社会保障部令第45号" in text and "陈述、申辩" in text


def _paragraphs(path) -> list[str]:
    return [p.text for p in docx.Document(path).paragraphs]


def test_documents_carry_the_office_declared_in_campaign_toml(
    workspace, demo_campaign, tmp_path, capsys
):
    """The sample's [office]: its 文号 prefix, name and seal, contact and the police addressed."""
    with Store.open(workspace) as store:
        store.add(
            demo_campaign,
            "orders",
            {"subject_id": SAMPLE_ORDER_PROJECT, "kind": "移送公安", "issued": "2024-02-01"},
            by="张三",
        )
    _, (order,) = _run(capsys, "document", demo_campaign.folder, 1, tmp_path)
    text = _paragraphs(order)
    assert "示人社监〔2023〕第1号" in text
    assert "示例县人力资源和社会保障局（盖章）" in text
    assert "联系人：王敏　　联系电话：0000-12345678" in text
    assert not [line for line in text if "请填写：发文机关" in line or "请填写：姓名" in line]
    _, (transfer,) = _run(capsys, "document", demo_campaign.folder, 3, tmp_path)
    assert "示例县公安局：" in _paragraphs(transfer)


def test_an_office_campaign_toml_leaves_out_is_left_to_fill_in(
    demo_campaign, tmp_path, monkeypatch, capsys
):
    """Without [office] the number has no prefix and the office's name is a fill-in mark."""
    folder = tmp_path / "demo"
    shutil.copytree(demo_campaign.folder, folder)
    toml = folder / "campaign.toml"
    toml.write_text(toml.read_text(encoding="utf-8").split("[office]")[0], encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'w.sqlite'}"
    monkeypatch.setenv("WAGEKIT_DB", url)
    with Store.open(url) as store:
        store.add(
            load(folder),
            "orders",
            {"subject_id": SAMPLE_ORDER_PROJECT, "kind": "移送公安", "issued": "2024-02-01"},
            by="张三",
        )
    _, (transfer,) = _run(capsys, "document", folder, 1, tmp_path / "out")
    text = _paragraphs(transfer)
    assert "〔2024〕第1号" in text and "【请填写：公安机关名称】：" in text
    assert "【请填写：发文机关名称】（盖章）" in text


def test_export_prints_its_paths_and_writes_only_into_out(
    workspace, demo_campaign, tmp_path, capsys
):
    """Two ledgers, their paths one a line; the campaign folder is refused with exit 1."""
    out = tmp_path / "新建" / "导出"
    code, paths = _run(capsys, "export", demo_campaign.folder, out, "--as-of", "2024-01-15")
    assert code == 0 and sorted(p.rsplit("/", 1)[1] for p in paths) == [
        "在建工程项目工资支付检查台账.xlsx",
        "欠薪处置台账.xlsx",
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.rsplit("/", 1)[1] for p in paths)
    before = sorted(p.name for p in demo_campaign.folder.iterdir())
    code = main(["export", str(demo_campaign.folder), str(demo_campaign.folder / "x")])
    assert code == 1 and sorted(p.name for p in demo_campaign.folder.iterdir()) == before
    assert "活动文件夹" in capsys.readouterr().err


def test_unmasked_report_is_written_to_the_audit_trail(workspace, demo_campaign, tmp_path, capsys):
    """--unmasked leaves an audit row naming the command and who asked."""
    code, paths = _run(
        capsys,
        "report",
        demo_campaign.folder,
        tmp_path,
        "--kind",
        "weekly",
        "--as-of",
        "2024-01-15",
        "--unmasked",
        "--by",
        "王五",
    )
    assert code == 0 and paths[0].endswith("周报_2024-01-15.docx")
    with Store.open(workspace) as store:
        audit = store.audit(demo_campaign)
    reveal = audit[audit["action"] == "reveal"]
    assert reveal["by"].tolist() == ["王五"]
    assert "report --kind weekly --unmasked" in reveal["new_value"].iloc[0]
    assert docx.Document(io.BytesIO(open(paths[0], "rb").read())).sections[0].page_width


def test_templates_command_writes_seven_workbooks(tmp_path, capsys):
    """One path per table, in the contract's order."""
    code, paths = _run(capsys, "templates", tmp_path)
    assert code == 0 and len(paths) == 7 and paths[0].endswith("在建工程项目台账.xlsx")
