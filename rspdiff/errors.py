"""The errors rspdiff raises on purpose.

The CLI turns every ``RspdiffError`` into one line on standard error and exit status 2, so each
message must make sense on its own, name the file involved and say what to do.
"""

from __future__ import annotations


class RspdiffError(Exception):
    """Base class: anything the user can fix (bad input, unwritable output, bad notes)."""


class InputError(RspdiffError):
    """An input file is missing, empty, binary, undecodable, too large or malformed."""


class OutputError(RspdiffError):
    """An output folder or file cannot be written."""


class AnnotationError(RspdiffError):
    """A commentator's annotations file cannot be read or names an unknown effect."""


class FetchError(RspdiffError):
    """A registry version cannot be downloaded, verified or converted."""
