"""incidents

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 23:36:23.492648+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('incidents',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('vendor_id', sa.Uuid(), nullable=False),
    sa.Column('contract_id', sa.Uuid(), nullable=True),
    sa.Column('processing_ids', sa.JSON(), nullable=False),
    sa.Column('source_incident_id', sa.Uuid(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('vendor_discovered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('vendor_notified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('aware_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('discovered_by', sa.String(length=300), nullable=True),
    sa.Column('data_categories', sa.JSON(), nullable=False),
    sa.Column('data_items', sa.Text(), nullable=True),
    sa.Column('affected_persons_estimate', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('affected_persons_max', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('financial_damage_possible', sa.Boolean(), nullable=True),
    sa.Column('wrongful_intent_possible', sa.Boolean(), nullable=False),
    sa.Column('data_being_acquired', sa.Boolean(), nullable=False),
    sa.Column('strongly_encrypted', sa.Boolean(), nullable=False),
    sa.Column('my_number_system', sa.Boolean(), nullable=False),
    sa.Column('wrongful_use', sa.Boolean(), nullable=False),
    sa.Column('publicly_viewable', sa.Boolean(), nullable=False),
    sa.Column('gdpr_risk', sa.String(length=16), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('cause', sa.Text(), nullable=True),
    sa.Column('containment', sa.Text(), nullable=True),
    sa.Column('secondary_harm', sa.Text(), nullable=True),
    sa.Column('secondary_harm_occurred', sa.Boolean(), nullable=False),
    sa.Column('individual_response', sa.Text(), nullable=True),
    sa.Column('publication_status', sa.Text(), nullable=True),
    sa.Column('measures_done', sa.Text(), nullable=True),
    sa.Column('measures_planned', sa.Text(), nullable=True),
    sa.Column('other', sa.Text(), nullable=True),
    sa.Column('contact_point', sa.Text(), nullable=True),
    sa.Column('reported_via', sa.String(length=16), nullable=False),
    sa.Column('reporter_contact_id', sa.Uuid(), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['contract_id'], ['contracts.id'], name=op.f('fk_incidents_contract_id_contracts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_incidents_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reporter_contact_id'], ['vendor_contacts.id'], name=op.f('fk_incidents_reporter_contact_id_vendor_contacts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['source_incident_id'], ['incidents.id'], name=op.f('fk_incidents_source_incident_id_incidents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_incidents_vendor_id_vendors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents'))
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_org_status', ['organization_id', 'status'], unique=False)
        batch_op.create_index('ix_incidents_org_vendor', ['organization_id', 'vendor_id'], unique=False)

    op.create_table('incident_events',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('incident_id', sa.Uuid(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('actor_type', sa.String(length=16), nullable=False),
    sa.Column('actor_name', sa.String(length=320), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.Column('changes', sa.JSON(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_events_incident_id_incidents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_incident_events_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_events'))
    )
    with op.batch_alter_table('incident_events', schema=None) as batch_op:
        batch_op.create_index('ix_incident_events_incident_at', ['incident_id', 'at'], unique=False)

    op.create_table('incident_obligations',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('incident_id', sa.Uuid(), nullable=False),
    sa.Column('jurisdiction', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('party', sa.String(length=16), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('target_date', sa.Date(), nullable=True),
    sa.Column('legal_reference', sa.String(length=300), nullable=False),
    sa.Column('reason_ja', sa.Text(), nullable=False),
    sa.Column('reason_en', sa.Text(), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reference', sa.String(length=200), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('waived_reason', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_obligations_incident_id_incidents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_incident_obligations_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_obligations')),
    sa.UniqueConstraint('incident_id', 'jurisdiction', 'kind', name='uq_incident_obligations_incident_kind')
    )
    with op.batch_alter_table('incident_obligations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_obligations_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index('ix_incident_obligations_org_due', ['organization_id', 'required', 'due_at'], unique=False)



    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('incident_policy', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_column('incident_policy')

    with op.batch_alter_table('incident_obligations', schema=None) as batch_op:
        batch_op.drop_index('ix_incident_obligations_org_due')
        batch_op.drop_index(batch_op.f('ix_incident_obligations_incident_id'))

    op.drop_table('incident_obligations')
    with op.batch_alter_table('incident_events', schema=None) as batch_op:
        batch_op.drop_index('ix_incident_events_incident_at')

    op.drop_table('incident_events')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index('ix_incidents_org_vendor')
        batch_op.drop_index('ix_incidents_org_status')

    op.drop_table('incidents')
