"""Validate: e-invoice verdicts (KoSIT-equivalent), own checks, duplicates."""
