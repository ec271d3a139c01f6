"""``python -m rspdiff`` runs the same command as the ``rspdiff`` console script."""

from rspdiff.cli import main

main()
