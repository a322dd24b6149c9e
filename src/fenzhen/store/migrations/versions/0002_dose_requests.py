"""Remote dose adjustment: sites, staff sites with prescribing rights, dose requests, decisions.

Only new tables: the users table is not altered (prescribing rights live in ``staff_sites``), so
an existing 0001 database upgrades on SQLite without rebuilding a table that others reference.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("supervising_site", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["supervising_site"], ["sites.code"]),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "staff_sites",
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("site_code", sa.String(length=32), nullable=False),
        sa.Column("can_prescribe", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["site_code"], ["sites.code"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("user_id"),
    )
    with op.batch_alter_table("staff_sites", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_sites_site_code"), ["site_code"], unique=False)

    op.create_table(
        "dose_requests",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("patient_id", sa.String(length=32), nullable=False),
        sa.Column("encounter_id", sa.String(length=32), nullable=True),
        sa.Column("requesting_site", sa.String(length=32), nullable=True),
        sa.Column("supervising_site", sa.String(length=32), nullable=False),
        sa.Column("drug", sa.String(length=64), nullable=False),
        sa.Column("order_json", sa.Text(), nullable=False),
        sa.Column("current_order_json", sa.Text(), nullable=True),
        sa.Column("patient_json", sa.Text(), nullable=False),
        sa.Column("weight_kg", sa.Float(), nullable=False),
        sa.Column("creatinine_umol_l", sa.Float(), nullable=True),
        sa.Column("measured_at", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("findings_json", sa.Text(), nullable=False),
        sa.Column("max_severity", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("requested_by", sa.String(length=32), nullable=False),
        sa.Column("decided_at", sa.String(length=32), nullable=True),
        sa.Column("requester_seen_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["encounter_id"], ["encounters.id"]),
        sa.ForeignKeyConstraint(["patient_id"], ["patients.id"]),
        sa.ForeignKeyConstraint(["requested_by"], ["users.id"]),
        sa.ForeignKeyConstraint(["requesting_site"], ["sites.code"]),
        sa.ForeignKeyConstraint(["supervising_site"], ["sites.code"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dose_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dose_requests_patient_id"), ["patient_id"], unique=False)
        batch_op.create_index(
            "ix_dose_requests_site_status", ["supervising_site", "status", "created_at"], unique=False
        )
        batch_op.create_index("ix_dose_requests_requester", ["requested_by", "created_at"], unique=False)

    op.create_table(
        "dose_decisions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("request_id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("order_json", sa.Text(), nullable=True),
        sa.Column("findings_json", sa.Text(), nullable=False),
        sa.Column("max_severity", sa.String(length=16), nullable=True),
        sa.Column("acknowledged_critical", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"]),
        sa.ForeignKeyConstraint(["request_id"], ["dose_requests.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("request_id", "seq", name="uq_dose_decisions_request_seq"),
    )
    with op.batch_alter_table("dose_decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dose_decisions_request_id"), ["request_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("dose_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dose_decisions_request_id"))
    op.drop_table("dose_decisions")
    with op.batch_alter_table("dose_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_dose_requests_requester")
        batch_op.drop_index("ix_dose_requests_site_status")
        batch_op.drop_index(batch_op.f("ix_dose_requests_patient_id"))
    op.drop_table("dose_requests")
    with op.batch_alter_table("staff_sites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_sites_site_code"))
    op.drop_table("staff_sites")
    op.drop_table("sites")
