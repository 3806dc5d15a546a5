"""Indexes: an audit found by its calendar item; the audit trail paged by cursor (time, then sequence); and one index
less on the calendar's items, whose vendor is found through the unique (vendor, key) index (a million items are
planned at once and every index costs each of them).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-08 03:30:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_audits_item_id"), "audits", ["item_id"])
    op.drop_index("ix_audit_events_org_occurred", table_name="audit_events")
    op.create_index("ix_audit_events_org_occurred", "audit_events", ["organization_id", "occurred_at", "seq"])
    op.drop_index("ix_monitoring_items_vendor_id", table_name="monitoring_items")


def downgrade() -> None:
    op.create_index("ix_monitoring_items_vendor_id", "monitoring_items", ["vendor_id"])
    op.drop_index("ix_audit_events_org_occurred", table_name="audit_events")
    op.create_index("ix_audit_events_org_occurred", "audit_events", ["organization_id", "occurred_at"])
    op.drop_index(op.f("ix_audits_item_id"), table_name="audits")
