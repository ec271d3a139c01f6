"""Load the classifier's lexicon (lexicon.toml) into frozen, typed values.

The word lists live in a TOML file so that a commentator can read and extend them without
reading code; this module only gives them types, so that a typo in the file fails loudly at
load time rather than silently matching nothing.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rspdiff.model import Effect

LEXICON_PATH = Path(__file__).with_name("lexicon.toml")


@dataclass(frozen=True)
class Rung:
    """One step of the modal scale: a name, its rank (higher binds more) and its phrases."""

    name: str
    rank: int
    rule: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class QuantityKind:
    """A kind of bound (cadence, deadline, ...) and what a larger number does to it."""

    name: str
    larger: Effect
    cues: tuple[str, ...]
    describe: str
    after: tuple[str, ...] = ()  # cues that follow the number ("30 days' notice")


@dataclass(frozen=True)
class Ladder:
    """An oversight ladder: phrases ranked from weak to strong oversight."""

    name: str
    describe: str
    ranks: tuple[tuple[int, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Lexicon:
    weights: dict[str, float]
    dominance: float
    no_signal_confidence: float
    one_way_confidence: float
    rungs: tuple[Rung, ...]
    practice_authors: tuple[str, ...]
    practice_adverbs: tuple[str, ...]
    practice_verbs: tuple[str, ...]
    practice_openers: tuple[str, ...]
    other_parties: tuple[str, ...]
    passive_be: tuple[str, ...]
    passive_verbs: tuple[str, ...]
    duty_nouns: tuple[str, ...]
    descriptive_markers: tuple[str, ...]
    hedges: tuple[str, ...]
    exceptions: tuple[str, ...]
    intensifiers: tuple[str, ...]
    quantity_kinds: tuple[QuantityKind, ...]
    frequency_words: dict[str, tuple[str, float]]
    units: dict[str, tuple[str, float]]
    number_words: dict[str, float]
    vague: tuple[str, ...]
    scope_terms: tuple[str, ...]
    scope_expands: dict[str, tuple[str, ...]]  # an umbrella term -> the members it covers
    exclusions: tuple[str, ...]
    example_markers: tuple[str, ...]  # what follows them in a sentence only illustrates
    ladders: tuple[Ladder, ...]
    officers: tuple[str, ...]
    not_review: tuple[str, ...]  # phrases where "external" names an audience, not a reviewer
    disclosure: tuple[str, ...]
    not_disclosure: tuple[str, ...]
    judgment: tuple[str, ...]
    concrete: tuple[str, ...]
    nonbinding_paths: tuple[str, ...]
    nonbinding_whole: tuple[str, ...]
    duty_skip: tuple[str, ...]
    duty_talk: tuple[str, ...]
    gates: tuple[str, ...]
    consequences: tuple[str, ...]
    authors: tuple[str, ...]
    known_words: tuple[str, ...] = ()  # real words the lemma table lacks (never split as glued)
    not_hedge: tuple[str, ...] = ()  # phrases where a hedge word only describes ("generally available")
    frequency_ranks: tuple[tuple[int, tuple[str, ...]], ...] = ()  # how-often words, higher = more often
    disclaimers: tuple[str, ...] = ()  # "specifics may change", "we cannot guarantee"
    disclaimer_open_ended: tuple[str, ...] = ()  # "may change": a disclaimer only about the policy
    disclaimer_revisions: tuple[str, ...] = ()  # "may be updated": not when a condition follows
    disclaimer_policy_words: tuple[str, ...] = ()  # what names the policy or a part of it
    disclaimer_determiners: tuple[str, ...] = ()  # skipped before such a word ("these terms")
    disclaimer_clause_ends: tuple[str, ...] = ()  # conjunctions that end the disclaimer's clause
    disclaimer_conditions: tuple[str, ...] = ()  # "if", "as": an update process, not a reservation
    disclaimer_reasons: tuple[str, ...] = ()  # "because": the disclaimer gives a reason for a duty
    alternatives: tuple[str, ...] = ()  # "or if", "or when": one more condition
    allowances: tuple[str, ...] = ()  # words of a sentence that lets the author off ("allow", "unless")
    allowance_conjunctions: tuple[str, ...] = ()  # "unless", "except": an exception whatever the verb
    allowance_negators: tuple[str, ...] = ()  # "not allow": a prohibition, not an allowance
    scope_qualified: tuple[str, ...] = ()  # scope terms that restrict a head noun ("internal deployment")
    scope_qualifiers: tuple[str, ...] = ()  # words that restrict a head noun ("external", "public")
    gate_judgment_factor: float = 1.0  # share of a gate's weight when its condition is a judgment
    gate_posthoc_factor: float = 1.0  # weight (in gates) of a gate replaced by after-the-fact timing
    posthoc_markers: tuple[str, ...] = ()  # "following", "after": the act first, the account after
    duty_definitional: tuple[str, ...] = ()  # "we define X": a definition, not a requirement
    posthoc_not_after: tuple[str, ...] = ()  # "the following X": what comes next in the text
    belief_ends: tuple[str, ...] = ()  # words that end a stated belief's clause (";", "therefore")
    belief_connectives: tuple[str, ...] = ()  # ", so" / ", and" / ", but": a new clause after a belief
    belief_subordinators: tuple[str, ...] = ()  # "because we believe X, we will Y": Y is the main clause

    def weight(self, name: str) -> float:
        return self.weights.get(name, 1.0)


def _strs(values: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def _pairs(table: dict[str, Any]) -> dict[str, tuple[str, float]]:
    return {str(k): (str(v[0]), float(v[1])) for k, v in table.items()}


def parse_lexicon(data: dict[str, Any]) -> Lexicon:
    """Build a Lexicon from the parsed TOML (separate from loading so tests can pass their own)."""
    modality = data["modality"]
    rungs = tuple(
        sorted(
            (Rung(name, int(t["rank"]), str(t["id"]), _strs(t["phrases"])) for name, t in modality.items()),
            key=lambda r: -r.rank,
        )
    )
    q = data["quantity"]
    kinds = tuple(
        QuantityKind(
            name, Effect(t["larger"]), _strs(t["cues"]), str(t["describe"]), _strs(t.get("after", []))
        )
        for name, t in q["kinds"].items()
    )
    ov = data["oversight"]
    ladders = tuple(
        Ladder(name, str(ov[name]["describe"]), tuple((int(r), _strs(p)) for r, p in ov[name]["ranks"]))
        for name in ("decision", "review")
    )
    practice = data["practice"]
    return Lexicon(
        weights={str(k): float(v) for k, v in data["weights"].items()},
        dominance=float(data["aggregate"]["dominance"]),
        no_signal_confidence=float(data["aggregate"]["no_signal_confidence"]),
        one_way_confidence=float(data["aggregate"]["one_way_confidence"]),
        rungs=rungs,
        practice_authors=_strs(practice["authors"]),
        practice_adverbs=_strs(practice["adverbs"]),
        practice_verbs=_strs(practice["verbs"]),
        practice_openers=_strs(practice["openers"]),
        other_parties=_strs(practice["other_parties"]),
        passive_be=_strs(practice["passive_be"]),
        passive_verbs=_strs(practice["passive_verbs"]),
        duty_nouns=_strs(practice["duty_nouns"]),
        descriptive_markers=_strs(data["descriptive"]["markers"]),
        belief_ends=_strs(data["descriptive"].get("ends", [])),
        belief_connectives=_strs(data["descriptive"].get("connectives", [])),
        belief_subordinators=_strs(data["descriptive"].get("subordinators", [])),
        hedges=_strs(data["hedge"]["phrases"]),
        exceptions=_strs(data["exception"]["phrases"]),
        intensifiers=_strs(data["intensifier"]["phrases"]),
        quantity_kinds=kinds,
        frequency_words=_pairs(q["frequency_words"]),
        units=_pairs(q["units"]),
        number_words={str(k): float(v) for k, v in q["number_words"].items()},
        vague=_strs(q["vague"]["phrases"]),
        scope_terms=_strs(data["scope"]["terms"]),
        scope_expands={str(k): _strs(v) for k, v in data["scope"].get("expands", {}).items()},
        exclusions=_strs(data["scope"]["exclusions"]["phrases"]),
        example_markers=_strs(data["scope"].get("examples", {}).get("markers", [])),
        ladders=ladders,
        officers=_strs(ov["officers"]["terms"]),
        not_review=_strs(ov["review"].get("not_review", [])),
        disclosure=_strs(data["disclosure"]["terms"]),
        not_disclosure=_strs(data["disclosure"].get("not_duty", [])),
        judgment=_strs(data["specificity"]["judgment"]),
        concrete=_strs(data["specificity"]["concrete"]),
        nonbinding_paths=_strs(data["clause"]["nonbinding_paths"]),
        nonbinding_whole=_strs(data["clause"]["nonbinding_whole"]),
        duty_skip=_strs(data["duty"]["skip"]),
        duty_talk=_strs(data["duty"]["talk"]),
        duty_definitional=_strs(data["duty"].get("definitional", [])),
        gates=_strs(data["gate"]["phrases"]),
        consequences=_strs(data["consequence"]["phrases"]),
        authors=_strs(data["clause"]["authors"]),
        known_words=_strs(data.get("words", {}).get("known", [])),
        not_hedge=_strs(data["hedge"].get("not_hedge", [])),
        frequency_ranks=tuple((int(r), _strs(p)) for r, p in data["frequency"]["ranks"]),
        disclaimers=_strs(data["disclaimer"]["phrases"]),
        disclaimer_open_ended=_strs(data["disclaimer"].get("open_ended", [])),
        disclaimer_revisions=_strs(data["disclaimer"].get("revisions", [])),
        disclaimer_policy_words=_strs(data["disclaimer"].get("policy_words", [])),
        disclaimer_determiners=_strs(data["disclaimer"].get("determiners", [])),
        disclaimer_clause_ends=_strs(data["disclaimer"].get("clause_ends", [])),
        disclaimer_conditions=_strs(data["disclaimer"].get("conditions", [])),
        disclaimer_reasons=_strs(data["disclaimer"].get("reasons", [])),
        alternatives=_strs(data["allowance"]["alternatives"]),
        allowances=_strs(data["allowance"]["words"]),
        allowance_conjunctions=_strs(data["allowance"].get("conjunctions", [])),
        allowance_negators=_strs(data["allowance"].get("negators", [])),
        scope_qualified=_strs(data["scope"]["qualified"]["terms"]),
        scope_qualifiers=_strs(data["scope"]["qualified"]["qualifiers"]),
        gate_judgment_factor=float(data["gate"]["judgment"]["factor"]),
        gate_posthoc_factor=float(data["gate"]["posthoc"]["factor"]),
        posthoc_markers=_strs(data["gate"]["posthoc"]["markers"]),
        posthoc_not_after=_strs(data["gate"]["posthoc"].get("not_after", [])),
    )


@functools.cache
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read and type the lexicon once per process."""
    with path.open("rb") as fh:
        return parse_lexicon(tomllib.load(fh))
