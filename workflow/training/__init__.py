"""Own synthetic training data (no shared corpus inside): ``generate(n, seed)`` is deterministic."""
from __future__ import annotations

from workflow.training.generate import DEFAULT_SEED, DEFAULT_TRAIN_SIZE, GeneratedDoc, generate

__all__ = ["DEFAULT_SEED", "DEFAULT_TRAIN_SIZE", "GeneratedDoc", "generate"]
