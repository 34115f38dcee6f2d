"""Alembic migrations of the repository schema; run by ``SqlRepository.migrate()`` (no alembic.ini needed)."""
