"""Detectors: one module per matcher kind. Importing this package registers them all."""

from cleaner.detectors import (  # noqa: F401  (registration)
    dom,
    enclosed,
    pageurl,
    phrases,
    records,
    regex,
    region,
    repeats,
    section,
    tail,
    teasers,
    widgets,
)
from cleaner.detectors.base import KINDS, DocView, Hit, normalise

__all__ = ["KINDS", "DocView", "Hit", "normalise"]
