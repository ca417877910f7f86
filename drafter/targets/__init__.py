"""Quantitative targets: what a plan commits to, and how it moved against last year's plan."""

from drafter.targets.extract import extract_from_text, extract_targets
from drafter.targets.model import KINDS, Target

__all__ = ["KINDS", "Target", "extract_from_text", "extract_targets"]
