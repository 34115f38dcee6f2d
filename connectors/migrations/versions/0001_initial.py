"""Initial schema: documents, invoices, tasks + candidates, audit chain, dead letters, filings, corrections.

Revision ID: 0001_initial
Revises:
Created: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

ID = 128


def _at(name: str, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _amount(name: str) -> sa.Column:  # type: ignore[type-arg]
    # NUMERIC on PostgreSQL; canonical fixed-point text on SQLite (see connectors.sql_models.Amount)
    return sa.Column(name, sa.Numeric(18, 4).with_variant(sa.String(40), "sqlite"), nullable=True)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("document_id", sa.String(ID), primary_key=True),
        sa.Column("filename", sa.String(512), nullable=False),
        sa.Column("media_type", sa.String(128), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("blob_key", sa.String(1024), nullable=False),
        sa.Column("channel", sa.String(64), nullable=False),
        _at("received_at"),
        sa.Column("status", sa.String(64), nullable=False),
        sa.Column("doc_type", sa.String(64), nullable=True),
        sa.Column("department", sa.String(128), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("meta", sa.JSON(), nullable=False),
        _at("updated_at", nullable=True),
    )
    op.create_index("ix_documents_status", "documents", ["status"])

    op.create_table(
        "invoices",
        sa.Column("document_id", sa.String(ID), primary_key=True),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("seller_name", sa.String(512), nullable=True),
        sa.Column("seller_vat_id", sa.String(64), nullable=True),
        sa.Column("seller_vat_key", sa.String(64), nullable=True),
        sa.Column("seller_name_key", sa.String(512), nullable=True),
        sa.Column("invoice_number", sa.String(256), nullable=True),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        _amount("gross"),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("leitweg_id", sa.String(64), nullable=True),
        sa.Column("accept", sa.Boolean(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("validation", sa.JSON(), nullable=False),
        _at("updated_at"),
    )
    op.create_index("ix_invoices_dup", "invoices", ["invoice_number", "seller_vat_key", "seller_name_key"])

    op.create_table(
        "tasks",
        sa.Column("task_id", sa.String(ID), primary_key=True),
        sa.Column("document_id", sa.String(ID), nullable=False),
        sa.Column("step", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("role", sa.String(128), nullable=False),
        _amount("amount"),
        _at("created_at"),
        _at("due_at", nullable=True),
        sa.Column("decided_by", sa.String(128), nullable=True),
        _at("decided_at", nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("meta", sa.JSON(), nullable=False),
    )
    op.create_index("ix_tasks_status", "tasks", ["status"])
    op.create_index("ix_tasks_document", "tasks", ["document_id", "position"])

    op.create_table(
        "task_candidates",
        sa.Column("task_id", sa.String(ID), primary_key=True),
        sa.Column("user_name", sa.String(128), primary_key=True),
        sa.Column("ordinal", sa.Integer(), nullable=False),
    )
    op.create_index("ix_task_candidates_user", "task_candidates", ["user_name"])

    op.create_table(
        "audit_entries",
        sa.Column("document_id", sa.String(ID), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("key", sa.String(256), nullable=False),
        _at("at"),
        sa.Column("stage", sa.String(64), nullable=False),
        sa.Column("action", sa.String(128), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("document_id", "key", name="uq_audit_entries_document_key"),
    )

    op.create_table(
        "dead_letters",
        sa.Column("dead_letter_id", sa.String(ID), primary_key=True),
        sa.Column("document_id", sa.String(ID), nullable=True),
        sa.Column("stage", sa.String(64), nullable=False),
        sa.Column("error_type", sa.String(128), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("topic", sa.String(256), nullable=False),
        _at("at"),
        sa.Column("payload", sa.JSON(), nullable=False),
    )
    op.create_index("ix_dead_letters_document_id", "dead_letters", ["document_id"])
    op.create_index("ix_dead_letters_at", "dead_letters", ["at"])

    op.create_table(
        "filings",
        sa.Column("document_id", sa.String(ID), primary_key=True),
        sa.Column("file_plan_key", sa.String(128), nullable=False),
        sa.Column("retention_years", sa.Integer(), nullable=True),
        sa.Column("retain_until", sa.Date(), nullable=True),
        _at("filed_at"),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
    )
    op.create_index("ix_filings_file_plan_key", "filings", ["file_plan_key"])

    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String(ID), nullable=False),
        sa.Column("field", sa.String(128), nullable=False),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.Column("user_name", sa.String(128), nullable=False),
        _at("at"),
        sa.UniqueConstraint("document_id", "field", "user_name", "at", name="uq_corrections_event"),
    )
    op.create_index("ix_corrections_document_id", "corrections", ["document_id"])


def downgrade() -> None:
    for table in (
        "corrections",
        "filings",
        "dead_letters",
        "audit_entries",
        "task_candidates",
        "tasks",
        "invoices",
        "documents",
    ):
        op.drop_table(table)
