"""the obligation's legal reference in English

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 02:40:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Rows written before this revision get their English citation when the incident is next recomputed;
    # until then the Japanese one is shown in both languages.
    with op.batch_alter_table("incident_obligations") as batch_op:
        batch_op.add_column(sa.Column("legal_reference_en", sa.String(length=300), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("incident_obligations") as batch_op:
        batch_op.drop_column("legal_reference_en")
