"""Load a campaign folder 活动文件夹: ledger files → a :class:`Campaign` and a :class:`LoadReport`.

Terms. A *file* is one ledger of the folder (``projects.xlsx`` or ``在建工程项目台账.csv``...);
a workbook's *sheets* 工作表 holding the table's header are all read, hidden ones named in a
note and left out. A *header* 表头 is one or two rows (two when cells are merged, as in official
templates) and may sit below a title row; a *row* is numbered as the user sees it in Excel or a
text editor, header and title rows counted. A row is *loaded* when every cell could be read and
every rule of :mod:`wagekit.schema` holds, else *rejected* with one error per broken rule, each
naming the file (and sheet), row, column, value and the rule in plain Chinese; a total row
(合计/小计) or a template's example row (示例) is *skipped* with a note. For every table, rows
read = loaded + rejected + skipped. A table whose required column is missing is rejected whole;
a file that cannot be read at all (not a spreadsheet, empty, password-protected, truncated, a
sheet past the cell cap of :mod:`wagekit.workbook`, a link leaving the folder) makes the folder
unusable (exit code 2 of ``wagekit validate``), never a traceback.

Reading: Excel (.xlsx, .xlsm, .xls) through python-calamine, each sheet's size known first;
CSV through pyarrow, in UTF-8 (with or without BOM), UTF-16, GBK or GB18030, detected from the
bytes, or line by line when a quote spans line ends (so a stray quote costs one row); Parquet
through pyarrow. The typed rules (required values, unique keys, cross-column comparisons,
references between tables) are a pandera schema built from the declaration in
:mod:`wagekit.schema`.

Modules, one theme each: :mod:`~wagekit.load.report` (the load report and the campaign),
:mod:`~wagekit.load.folder` (finding each table's file; :func:`load`), :mod:`~wagekit.load.table`
(:func:`load_table`), :mod:`~wagekit.load.files` (the reader of each file kind; Parquet),
:mod:`~wagekit.load.excel`, :mod:`~wagekit.load.csv_text` (bytes to UTF-8),
:mod:`~wagekit.load.csv_files` (CSV rows), :mod:`~wagekit.load.raw` (what a reader returns),
:mod:`~wagekit.load.headers` (header recognition), :mod:`~wagekit.load.kinds` (the parser and
type of each column kind), :mod:`~wagekit.load.marks` (blank, total and example rows) and
:mod:`~wagekit.load.rules` (the typed rules).
"""

from wagekit.load.files import EXCEL_SUFFIXES, SUFFIXES
from wagekit.load.folder import find_table_files, inside_folder, load
from wagekit.load.report import (
    ERROR_COLUMNS,
    Campaign,
    CampaignError,
    LoadReport,
    TableReport,
)
from wagekit.load.table import TableLoad, load_table

__all__ = [
    "Campaign",
    "CampaignError",
    "ERROR_COLUMNS",
    "EXCEL_SUFFIXES",
    "LoadReport",
    "SUFFIXES",
    "TableReport",
    "load",
    "load_table",
    "TableLoad",
    "find_table_files",
    "inside_folder",
]
