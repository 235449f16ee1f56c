#!/bin/sh
# System packages the workbook needs on Debian/Ubuntu, for `make` and .ci/run (run as root).
#   chromium            the browser the end-to-end tests drive (Playwright cannot download its own here)
#   fonts-wqy-microhei  a small CJK font so charts and screenshots show Chinese, not empty boxes
#   fonts-noto-cjk      the preferred CJK font (Noto Sans CJK SC)
#   libreoffice-writer-nogui, libreoffice-calc-nogui
#                       headless LibreOffice: the output tests open every .docx and .xlsx in it
#                       (no GUI, no Java; about 220 MB installed)
# Idempotent: installs only what is missing, and runs `apt-get update` only then.
set -eu

packages="chromium fonts-wqy-microhei fonts-noto-cjk libreoffice-writer-nogui libreoffice-calc-nogui"

missing=""
for package in $packages; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done

if [ -n "$missing" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-system-deps: missing:$missing — run this script as root (sudo)." >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086  # one word per package
    apt-get install -y -q --no-install-recommends $missing
fi

# matplotlib caches the fonts it knows; rebuild that cache now so the first app does not pay
# for it (and does not print "building the font cache" where Voila shows it as an error).
python="${PYTHON:-.venv/bin/python}"
if [ -x "$python" ]; then
    "$python" -c "import matplotlib.font_manager as fm; fm._load_fontmanager(try_read_cache=False)"
fi
echo "install-system-deps: chromium, CJK fonts and headless LibreOffice are installed."
