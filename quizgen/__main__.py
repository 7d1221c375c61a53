"""`python -m quizgen` runs the CLI."""

from quizgen.cli import main

main()
