"""Intake: document id, media type, limits."""
