"""Alembic revisions, one module each, written by hand against connectors/sql_models.py."""
