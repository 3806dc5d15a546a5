"""vendor register

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 13:37:00.827438+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('stored_files',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('storage_key', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_stored_files_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stored_files'))
    )
    with op.batch_alter_table('stored_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stored_files_organization_id'), ['organization_id'], unique=False)

    op.create_table('vendors',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_kana', sa.String(length=200), nullable=True),
    sa.Column('corporate_number', sa.String(length=13), nullable=True),
    sa.Column('address', sa.String(length=400), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('website', sa.String(length=400), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('owner_user_id', sa.Uuid(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('handles_confidential_info', sa.Boolean(), nullable=False),
    sa.Column('critical_to_continuity', sa.Boolean(), nullable=False),
    sa.Column('network_access', sa.Boolean(), nullable=False),
    sa.Column('computed_tier', sa.String(length=16), nullable=False),
    sa.Column('tier', sa.String(length=16), nullable=False),
    sa.Column('tier_score', sa.Integer(), nullable=False),
    sa.Column('tier_reasons', sa.JSON(), nullable=False),
    sa.Column('tier_override', sa.String(length=16), nullable=True),
    sa.Column('tier_override_reason', sa.Text(), nullable=True),
    sa.Column('required_star', sa.Integer(), nullable=False),
    sa.Column('category_keys', sa.String(length=200), nullable=False),
    sa.Column('persons_total', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_vendors_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_user_id'], ['users.id'], name=op.f('fk_vendors_owner_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendors')),
    sa.UniqueConstraint('organization_id', 'corporate_number', name=op.f('uq_vendors_organization_id'))
    )
    with op.batch_alter_table('vendors', schema=None) as batch_op:
        batch_op.create_index('ix_vendors_org_name', ['organization_id', 'name'], unique=False)
        batch_op.create_index('ix_vendors_org_status', ['organization_id', 'status'], unique=False)
        batch_op.create_index('ix_vendors_org_tier', ['organization_id', 'tier'], unique=False)
        batch_op.create_index('ix_vendors_org_updated', ['organization_id', 'updated_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendors_owner_user_id'), ['owner_user_id'], unique=False)

    op.create_table('vendor_certifications',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('vendor_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('number', sa.String(length=100), nullable=True),
    sa.Column('scope', sa.Text(), nullable=True),
    sa.Column('issued_date', sa.Date(), nullable=True),
    sa.Column('expiry_date', sa.Date(), nullable=True),
    sa.Column('evidence_file_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['evidence_file_id'], ['stored_files.id'], name=op.f('fk_vendor_certifications_evidence_file_id_stored_files'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_vendor_certifications_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_vendor_certifications_vendor_id_vendors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_certifications'))
    )
    with op.batch_alter_table('vendor_certifications', schema=None) as batch_op:
        batch_op.create_index('ix_vendor_certifications_org_expiry', ['organization_id', 'expiry_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendor_certifications_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('vendor_contacts',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('vendor_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_vendor_contacts_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_vendor_contacts_vendor_id_vendors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_contacts'))
    )
    with op.batch_alter_table('vendor_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_contacts_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('vendor_processing',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('vendor_id', sa.Uuid(), nullable=False),
    sa.Column('service', sa.String(length=300), nullable=False),
    sa.Column('data_categories', sa.JSON(), nullable=False),
    sa.Column('persons_estimate', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('storage_country', sa.String(length=2), nullable=False),
    sa.Column('storage_type', sa.String(length=16), nullable=False),
    sa.Column('cloud_provider', sa.String(length=200), nullable=True),
    sa.Column('retention', sa.String(length=200), nullable=True),
    sa.Column('access_type', sa.String(length=16), nullable=False),
    sa.Column('leaves_japan', sa.Boolean(), nullable=False),
    sa.Column('foreign_regime_notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_vendor_processing_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_vendor_processing_vendor_id_vendors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_processing'))
    )
    with op.batch_alter_table('vendor_processing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_processing_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('vendor_subcontracts',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('vendor_id', sa.Uuid(), nullable=False),
    sa.Column('subcontractor_id', sa.Uuid(), nullable=False),
    sa.Column('work', sa.String(length=300), nullable=False),
    sa.Column('approval_status', sa.String(length=16), nullable=False),
    sa.Column('approval_date', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_vendor_subcontracts_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subcontractor_id'], ['vendors.id'], name=op.f('fk_vendor_subcontracts_subcontractor_id_vendors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_vendor_subcontracts_vendor_id_vendors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_subcontracts')),
    sa.UniqueConstraint('vendor_id', 'subcontractor_id', name=op.f('uq_vendor_subcontracts_vendor_id'))
    )
    with op.batch_alter_table('vendor_subcontracts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_subcontracts_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendor_subcontracts_subcontractor_id'), ['subcontractor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vendor_subcontracts_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('vendor_tier_changes',
    sa.Column('organization_id', sa.Uuid(), nullable=False),
    sa.Column('vendor_id', sa.Uuid(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('from_tier', sa.String(length=16), nullable=True),
    sa.Column('to_tier', sa.String(length=16), nullable=False),
    sa.Column('cause', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('actor_label', sa.String(length=320), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_vendor_tier_changes_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_vendor_tier_changes_vendor_id_vendors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_tier_changes'))
    )
    with op.batch_alter_table('vendor_tier_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vendor_tier_changes_vendor_id'), ['vendor_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('vendor_tier_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_tier_changes_vendor_id'))

    op.drop_table('vendor_tier_changes')
    with op.batch_alter_table('vendor_subcontracts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_subcontracts_vendor_id'))
        batch_op.drop_index(batch_op.f('ix_vendor_subcontracts_subcontractor_id'))
        batch_op.drop_index(batch_op.f('ix_vendor_subcontracts_organization_id'))

    op.drop_table('vendor_subcontracts')
    with op.batch_alter_table('vendor_processing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_processing_vendor_id'))

    op.drop_table('vendor_processing')
    with op.batch_alter_table('vendor_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_contacts_vendor_id'))

    op.drop_table('vendor_contacts')
    with op.batch_alter_table('vendor_certifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendor_certifications_vendor_id'))
        batch_op.drop_index('ix_vendor_certifications_org_expiry')

    op.drop_table('vendor_certifications')
    with op.batch_alter_table('vendors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vendors_owner_user_id'))
        batch_op.drop_index('ix_vendors_org_updated')
        batch_op.drop_index('ix_vendors_org_tier')
        batch_op.drop_index('ix_vendors_org_status')
        batch_op.drop_index('ix_vendors_org_name')

    op.drop_table('vendors')
    with op.batch_alter_table('stored_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stored_files_organization_id'))

    op.drop_table('stored_files')
