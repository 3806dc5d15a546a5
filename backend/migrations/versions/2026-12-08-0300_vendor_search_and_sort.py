"""Vendor search through an index, sorts through indexes, and the incident-contact flag on the vendor row.

- `search_text`: name, reading and corporate number folded for search (NFKC, lower case, hiragana as katakana, no
  spaces; one line each), filled here for the vendors already registered and by the application from then on.
  PostgreSQL serves it with a trigram GIN index (pg_trgm); SQLite with an FTS5 table using the trigram tokenizer,
  which triggers keep in step with `vendors` (a row is found again by its vendor id, so nothing depends on rowids).
- `tier_rank`: 4 critical … 1 low, computed by the database from `tier`, so sorting by tier uses an index.
- `has_incident_contact`: whether a contact has the incident-contact role, kept by the application from now on.
- The sort indexes end on the id, for stable pages and cursors.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-08 03:00:00+00:00
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIER_RANK = "CASE tier WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END"
SORTS = {
    "ix_vendors_org_name": ["organization_id", "name", "id"],
    "ix_vendors_org_updated": ["organization_id", "updated_at", "id"],
    "ix_vendors_org_tier_rank": ["organization_id", "tier_rank", "id"],
    "ix_vendors_org_persons": ["organization_id", "persons_total", "id"],
}
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE vendor_search USING fts5(vendor_id, folded, tokenize='trigram')",
    "INSERT INTO vendor_search(vendor_id, folded) SELECT id, search_text FROM vendors",
    # vendor_id is an indexed column too, so a row is deleted by a phrase match on it rather than by a scan.
    """CREATE TRIGGER vendors_search_insert AFTER INSERT ON vendors BEGIN
        INSERT INTO vendor_search(vendor_id, folded) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER vendors_search_update AFTER UPDATE OF search_text ON vendors
    WHEN old.search_text IS NOT new.search_text BEGIN
        DELETE FROM vendor_search WHERE vendor_search MATCH 'vendor_id : "' || old.id || '"';
        INSERT INTO vendor_search(vendor_id, folded) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER vendors_search_delete AFTER DELETE ON vendors BEGIN
        DELETE FROM vendor_search WHERE vendor_search MATCH 'vendor_id : "' || old.id || '"';
    END""",
]

_HIRAGANA = re.compile(r"[\u3041-\u3096\u309d\u309e]")


def _fold(value: str | None) -> str:
    value = unicodedata.normalize("NFKC", value or "").lower()
    value = _HIRAGANA.sub(lambda m: chr(ord(m.group()) + 0x60), value)
    return re.sub(r"\s+", "", value)


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    with op.batch_alter_table("vendors") as batch:
        batch.add_column(sa.Column("has_incident_contact", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column("search_text", sa.Text(), server_default="", nullable=False))
    # SQLite adds a computed column to a table in place only when it is virtual; PostgreSQL 15 has stored ones only.
    kind = "VIRTUAL" if sqlite else "STORED"
    op.execute(f"ALTER TABLE vendors ADD COLUMN tier_rank SMALLINT GENERATED ALWAYS AS ({TIER_RANK}) {kind}")

    vendors = sa.table(
        "vendors",
        sa.column("id", sa.Uuid()),
        sa.column("name", sa.String()),
        sa.column("name_kana", sa.String()),
        sa.column("corporate_number", sa.String()),
        sa.column("search_text", sa.Text()),
        sa.column("has_incident_contact", sa.Boolean()),
    )
    contacts = sa.table("vendor_contacts", sa.column("vendor_id", sa.Uuid()), sa.column("role", sa.String()))
    rows = bind.execute(sa.select(vendors.c.id, vendors.c.name, vendors.c.name_kana, vendors.c.corporate_number))
    folded = [
        {"vid": r.id, "text": "\n".join(_fold(v) for v in (r.name, r.name_kana, r.corporate_number))} for r in rows
    ]
    if folded:
        bind.execute(
            vendors.update().where(vendors.c.id == sa.bindparam("vid")).values(search_text=sa.bindparam("text")),
            folded,
        )
    op.execute(
        vendors.update().values(
            has_incident_contact=sa.exists().where(
                contacts.c.vendor_id == vendors.c.id, contacts.c.role == "incident_contact"
            )
        )
    )

    for name in ("ix_vendors_org_name", "ix_vendors_org_updated"):
        op.drop_index(name, table_name="vendors")
    for name, columns in SORTS.items():
        op.create_index(name, "vendors", columns)
    if sqlite:
        for statement in SQLITE_FTS:
            op.execute(statement)
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_vendors_search_trgm ON vendors USING gin (search_text gin_trgm_ops)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trigger in ("vendors_search_insert", "vendors_search_update", "vendors_search_delete"):
            op.execute(f"DROP TRIGGER {trigger}")
        op.execute("DROP TABLE vendor_search")
    else:
        op.execute("DROP INDEX ix_vendors_search_trgm")
    for name in SORTS:
        op.drop_index(name, table_name="vendors")
    op.create_index("ix_vendors_org_name", "vendors", ["organization_id", "name"])
    op.create_index("ix_vendors_org_updated", "vendors", ["organization_id", "updated_at"])
    op.execute("ALTER TABLE vendors DROP COLUMN tier_rank")
    with op.batch_alter_table("vendors") as batch:
        batch.drop_column("search_text")
        batch.drop_column("has_incident_contact")
