"""Which disclaimer phrases really put a commitment in doubt.

"The details may change" or "we cannot guarantee success" tell the reader a commitment may not
hold (rubric 3: an escape hatch). The same words are often ordinary prose:

- "may / might / could change" is a disclaimer only about the policy itself: its subject or its
  object names a part of the policy ("this framework may change", "we may change these terms"),
  or it ends its clause ("..., though the details may change."). "Risk levels may change as
  capabilities grow" and "you may change your email preferences" commit nobody to less.
- "may be updated / revised / modified" followed by a condition ("if deemed necessary", "as
  needed") describes how the document is kept up to date, not a reservation about it.
- any disclaimer inside a "because" / "since" clause gives the reason for a duty ("we will test
  every batch, because there is no guarantee that faults show at once"), it does not weaken it.
"""

from __future__ import annotations

import functools

from rspdiff.classify.lexicon import Lexicon
from rspdiff.classify.nlp import Analysis, Hit


@functools.cache
def _keys(phrases: tuple[str, ...]) -> frozenset[str]:
    """The lemma keys the matcher gives these lexicon phrases."""
    from rspdiff.classify.nlp import analyse, plain

    return frozenset(" ".join(analyse(plain(p)).lemmas) for p in phrases)


def _sentence_tokens(a: Analysis, h: Hit) -> tuple[list[int], list[int]]:
    """Token indices of the sentence of ``h`` before it and after it."""
    idx = [i for i, s in enumerate(a.token_sent) if s == h.sent]
    before = [i for i in idx if a.offsets[i][1] <= h.start]
    after = [i for i in idx if a.offsets[i][0] >= h.end]
    return before, after


def _in_reason(a: Analysis, before: list[int], lex: Lexicon) -> bool:
    """A "because" / "since" earlier in the clause of the hit (back to a comma or semicolon)."""
    for i in reversed(before):
        tok = a.tokens[i]
        if tok in (",", ";", ":"):
            return False
        if tok in lex.disclaimer_reasons:
            return True
    return False


def _names_policy(a: Analysis, tokens: list[int], lex: Lexicon) -> bool:
    """The first word of ``tokens`` past any determiners is a part of the policy."""
    for i in tokens:
        if a.tokens[i] in lex.disclaimer_determiners:
            continue
        return a.lemmas[i] in lex.disclaimer_policy_words or a.tokens[i] in lex.disclaimer_policy_words
    return False


def _ends_clause(a: Analysis, after: list[int], lex: Lexicon) -> bool:
    """Nothing of the clause follows: punctuation, the sentence end or a conjunction."""
    if not after:
        return True
    tok = a.tokens[after[0]]
    return not tok.isalpha() or tok in lex.disclaimer_clause_ends


def is_disclaimer(a: Analysis, h: Hit, lex: Lexicon) -> bool:
    """Whether disclaimer hit ``h`` of ``a`` puts a commitment in doubt (module docstring)."""
    before, after = _sentence_tokens(a, h)
    if _in_reason(a, before, lex):
        return False
    if h.key in _keys(lex.disclaimer_open_ended):
        # the subject is the word right before the modal ("this policy may change")
        subject = before[-1:] if before else []
        return (
            _names_policy(a, subject, lex)
            or _names_policy(a, after, lex)
            or _ends_clause(a, after, lex)
        )
    if h.key in _keys(lex.disclaimer_revisions):
        return not (after and a.tokens[after[0]] in lex.disclaimer_conditions)
    return True


def disclaimers(a: Analysis, lex: Lexicon) -> tuple[Hit, ...]:
    """The disclaimer hits of ``a`` that really are disclaimers."""
    return tuple(h for h in a.family("disclaimer") if is_disclaimer(a, h, lex))
