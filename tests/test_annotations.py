"""Commentator annotations: parsing, matching by id and phrase, overrides, warnings, errors."""

from __future__ import annotations

import pytest
from support_changelog import build_changelog

from rspdiff.annotations import apply_annotations, load_annotations
from rspdiff.errors import AnnotationError
from rspdiff.model import Effect
from rspdiff.render.json import to_json
from rspdiff.render.markdown import to_markdown
from rspdiff.render.terminal import to_terminal

NOTES = b"""
[[note]]
change = "chg-modified-eval"
note = "Half as many evaluations."
effect = "mixed"

[[note]]
phrase = "INDEPENDENT AUDITOR"
note = "Who appoints the auditor?"

[[note]]
change = "chg-does-not-exist"
note = "Lost."
"""


def test_apply_by_id_and_phrase_with_warning() -> None:
    cl = build_changelog()
    ann = load_annotations(NOTES, "notes.toml")
    new, warnings = apply_annotations(cl, ann)
    by_id = {c.id: c for c in new.changes}
    first = by_id["chg-modified-eval"]
    assert first.note == "Half as many evaluations."
    assert first.effect is Effect.WEAKENED and first.editor_effect is Effect.MIXED
    assert by_id["chg-added-audit"].note == "A welcome addition.\n\nWho appoints the auditor?"
    assert warnings == ('notes.toml: note 3 (change "chg-does-not-exist") matches no change',)
    # the input changelog is untouched (frozen dataclasses, replaced not mutated)
    assert cl.changes[0].note is None and cl.changes[0].editor_effect is None
    assert new.summary()["mixed"] == 2 and new.summary()["weakened"] == 2


def test_override_is_announced_in_every_format() -> None:
    new, _ = apply_annotations(build_changelog(), load_annotations(NOTES, "n.toml"))
    text = "marked mixed by the editor; rspdiff said weakened"
    assert text in to_markdown(new)
    assert text in to_terminal(new, color=False, width=200)
    assert '"editor_effect": "mixed"' in to_json(new)


def test_agreeing_with_rspdiff_is_not_an_override() -> None:
    data = b'[[note]]\nchange = "chg-modified-eval"\neffect = "Weakened"\n'
    new, warnings = apply_annotations(build_changelog(), load_annotations(data, "n.toml"))
    assert new.changes[0].editor_effect is None and warnings == ()


def test_phrase_matches_old_side_case_insensitively() -> None:
    data = b'[[note]]\nphrase = "we publish an ANNUAL report"\nnote = "Gone."\n'
    new, _ = apply_annotations(build_changelog(), load_annotations(data, "n.toml"))
    assert [c.id for c in new.changes if c.note == "Gone."] == ["chg-removed-annual"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'[[note]]\nchange = "x"\neffect = "softened"\n', 'unknown effect "softened"'),
        (b'[[note]]\nnote = "no target"\n', "exactly one of"),
        (b'[[note]]\nchange = "a"\nphrase = "b"\nnote = "c"\n', "exactly one of"),
        (b'[[note]]\nchange = "a"\n', "a note, an effect, or both"),
        (b'[[note]]\nchange = "a"\nnote = "b"\nefect = "mixed"\n', "unknown key 'efect'"),
        (b"[[note]\n", "not valid TOML"),
        (b'[note]\nchange = "a"\nnote = "b"\n', "[[note]] tables"),
        (b"\xff\xfe", "not UTF-8"),
        (b'[[note]]\nchange = 3\nnote = "b"\n', "must be a non-empty string"),
    ],
)
def test_bad_files_raise_one_clear_line(data: bytes, message: str) -> None:
    with pytest.raises(AnnotationError) as info:
        load_annotations(data, "notes.toml")
    text = str(info.value)
    assert text.startswith("notes.toml") and message in text and "\n" not in text


def test_empty_file_is_no_notes() -> None:
    assert load_annotations(b"", "n.toml").notes == ()
