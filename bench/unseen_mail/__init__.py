"""Independently written evaluation set of scanned municipal mail (see README.md)."""
from .corpus import write_corpus

__all__ = ["write_corpus"]
