"""How far ahead each organisation's whole review calendar was last planned (the daily run skips days that add
nothing).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 23:54:08.385370+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "monitoring_calendar_planned",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("planned_until", sa.Date(), nullable=False),
        sa.Column("planned_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_monitoring_calendar_planned_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("organization_id", name=op.f("pk_monitoring_calendar_planned")),
    )


def downgrade() -> None:
    op.drop_table("monitoring_calendar_planned")
