"""Alembic migrations of the programme's schema (see env.py)."""
