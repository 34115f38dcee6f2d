"""Monitoring: per-stage counts and latencies from the status stream."""
