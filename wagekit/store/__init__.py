"""The workspace store 工作区: what inspectors record, with an audit row for every write.

Inspections, findings, orders, case actions, publicity events and self-inspection receipts.

Open one with :meth:`Store.open` (``--db URL``, ``$WAGEKIT_DB`` or the default SQLite file); see
:mod:`wagekit.store.workspace` for the rules of writing and :mod:`wagekit.store.dump` for the
lossless copy an office uses to move from SQLite to PostgreSQL.
"""

from wagekit.store.dump import dump, load
from wagekit.store.errors import (
    InvalidValueError,
    RecordNotFoundError,
    StaleVersionError,
    StoreError,
    StoreNotEmptyError,
    UnknownIdError,
)
from wagekit.store.records import ORDER_KINDS, ORDER_STATUSES, RECORDS
from wagekit.store.workspace import (
    CampaignKey,
    Store,
    campaign_key,
    default_url,
    display_url,
    resolve_url,
    workspace_dir,
)

__all__ = [
    "Store",
    "CampaignKey",
    "campaign_key",
    "workspace_dir",
    "default_url",
    "resolve_url",
    "display_url",
    "dump",
    "load",
    "ORDER_KINDS",
    "ORDER_STATUSES",
    "RECORDS",
    "StoreError",
    "InvalidValueError",
    "UnknownIdError",
    "RecordNotFoundError",
    "StaleVersionError",
    "StoreNotEmptyError",
]
