"""A pipeline component that is one function of the doc and its settings.

Several conflict-kg components do one thing to the doc with a setting or two from the config; a
class for each would repeat the same constructor and `__call__`. `DocStep` holds the function and
its settings, so the factory is the only code a component needs, and the settings it was built
with show in its repr.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc


@dataclass(frozen=True)
class DocStep:
    fn: Callable[..., None]
    settings: dict[str, Any] = field(default_factory=dict)

    def __call__(self, doc: Doc) -> Doc:
        self.fn(doc, **self.settings)
        return doc
