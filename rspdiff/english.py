"""The one spaCy pipeline of rspdiff: blank English, a sentencizer and the lookup lemmatizer.

No trained pipeline can be installed here, and none is needed: ``spacy.blank("en")`` with the
rule-based sentencizer and spacy-lookups-data's lemma table works offline. Sentence splitting,
alignment and classification all use this one pipeline, built once on first use, so spaCy's
tables are loaded once per process.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

# The longest text handed to the pipeline at once; callers cut longer texts (a 1 MB single line)
# into pieces below it. spaCy refuses texts over its max_length.
MAX_CHARS = 200_000


@functools.cache
def pipeline() -> Language:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.max_length = MAX_CHARS + 1000
    return nlp


def lemma_table() -> Any:
    """spaCy's lemma lookup Table (keys are stored hashed: use ``get`` and ``in`` with strings)."""
    return pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")  # type: ignore[attr-defined]
