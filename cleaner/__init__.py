"""cleaner: strip boilerplate from web articles and account for every removed piece.

>>> from cleaner import clean
>>> result = clean(text_or_html, url="https://example.com/a")
>>> result.text, result.removals
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["CleanResult", "Cleaner", "Config", "Removal", "__version__", "clean", "load_packs"]

if TYPE_CHECKING:
    from cleaner.config import Config
    from cleaner.engine import Cleaner, clean
    from cleaner.model import CleanResult, Removal
    from cleaner.rulepack.loader import load_packs

_LAZY = {
    "Cleaner": "cleaner.engine",
    "clean": "cleaner.engine",
    "Config": "cleaner.config",
    "CleanResult": "cleaner.model",
    "Removal": "cleaner.model",
    "load_packs": "cleaner.rulepack.loader",
}


def __getattr__(name: str) -> Any:
    """Import lazily so ``import cleaner`` (and the CLI's --version) stays fast."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
