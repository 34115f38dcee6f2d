"""HTTP API and web inbox."""
