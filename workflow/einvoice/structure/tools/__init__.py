"""Maintenance tools of the structure package (data generation)."""
from __future__ import annotations
