"""organisation clause requirements and contract notice date

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 23:20:29.050441+00:00
"""

from collections.abc import Sequence
from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('organization_clause_requirements',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('title_ja', sa.String(length=200), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('wording_ja', sa.Text(), nullable=True),
    sa.Column('wording_en', sa.Text(), nullable=True),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_organization_clause_requirements_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organization_clause_requirements')),
    sa.UniqueConstraint('organization_id', 'key', name='uq_organization_clause_requirements_org_key')
    )
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notice_date', sa.Date(), nullable=True))
        batch_op.create_index('ix_contracts_org_status_notice', ['organization_id', 'status', 'notice_date'], unique=False)

    # The notice date of the contracts already recorded: the end date less the notice period.
    contracts = sa.table(
        'contracts',
        sa.column('id', sa.Uuid()),
        sa.column('end_date', sa.Date()),
        sa.column('notice_period_days', sa.Integer()),
        sa.column('notice_date', sa.Date()),
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(contracts.c.id, contracts.c.end_date, contracts.c.notice_period_days).where(
        contracts.c.end_date.is_not(None))).all()
    for id_, end, days in rows:
        bind.execute(contracts.update().where(contracts.c.id == id_).values(
            notice_date=end - timedelta(days=days or 0)))


def downgrade() -> None:
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.drop_index('ix_contracts_org_status_notice')
        batch_op.drop_column('notice_date')

    op.drop_table('organization_clause_requirements')
