"""Every file opens in LibreOffice without a repair prompt: converted headless to PDF.

LibreOffice converts a file it had to repair only after asking; headless, a damaged file is not
converted. Skipped when soffice is missing, except under CI=true where that is a failure.
"""

import os
import shutil
import subprocess

import pytest
from conftest import save_to

from wagekit.outputs.ledgers import ledger_files
from wagekit.outputs.lists import list_files, rejected_rows_file
from wagekit.outputs.reports import report_file
from wagekit.outputs.templates import template_file

pytestmark = pytest.mark.slow

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def soffice():
    if SOFFICE is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("soffice not found: make system-deps installs LibreOffice")
        pytest.skip("LibreOffice (soffice) is not installed")
    return SOFFICE


def test_ledgers_reports_and_a_template_convert_to_pdf(
    soffice, assessment, summary, messy_campaign, tmp_path
):
    """Both ledgers, the three reports, the lists and a template each become a non-empty PDF."""
    files = [
        *ledger_files(assessment),
        *list_files(assessment),
        rejected_rows_file(messy_campaign),
        *(report_file(k, assessment, summary) for k in ("final", "weekly", "daily")),
        template_file("payroll"),
    ]
    paths = [save_to(tmp_path, f) for f in files]
    profile = tmp_path / "profile"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for path in paths:
        pdf = tmp_path / "pdf" / f"{path.stem}.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 1000, (path.name, result.stdout)
