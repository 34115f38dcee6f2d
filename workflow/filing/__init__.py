"""Filing: E-Akte placement (Aktenplan), retention, metadata, finance export."""
