"""An index for the findings past their deadline (a dashboard card and a list filter): open statuses, due date.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-08 00:40:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_findings_org_status_due", "findings", ["organization_id", "status", "due_date"])


def downgrade() -> None:
    op.drop_index("ix_findings_org_status_due", table_name="findings")
