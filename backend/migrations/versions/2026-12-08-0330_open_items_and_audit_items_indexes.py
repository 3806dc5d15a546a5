"""Indexes for the review calendar's lists (the items still owed in due order, an audit found by its item) and for
the audit trail paged by cursor (time, then sequence).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-08 03:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_monitoring_items_org_open_due",
        "monitoring_items",
        ["organization_id", "due_date", "id"],
        postgresql_where=sa.text("done_at IS NULL"),
        sqlite_where=sa.text("done_at IS NULL"),
    )
    op.create_index(op.f("ix_audits_item_id"), "audits", ["item_id"])
    op.drop_index("ix_audit_events_org_occurred", table_name="audit_events")
    op.create_index("ix_audit_events_org_occurred", "audit_events", ["organization_id", "occurred_at", "seq"])


def downgrade() -> None:
    op.drop_index("ix_audit_events_org_occurred", table_name="audit_events")
    op.create_index("ix_audit_events_org_occurred", "audit_events", ["organization_id", "occurred_at"])
    op.drop_index(op.f("ix_audits_item_id"), table_name="audits")
    op.drop_index("ix_monitoring_items_org_open_due", table_name="monitoring_items")
