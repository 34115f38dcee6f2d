"""Mailroom: classify scanned/born-digital letters, read paper invoices, flag deadlines and confidential mail."""
