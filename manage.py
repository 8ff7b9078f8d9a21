#!/usr/bin/env python
"""Django's command-line utility for LLM Reference."""

import os
import sys
from pathlib import Path


def main() -> None:
    # The Django project lives in site/ (a plain folder, not a package: a package
    # named `site` would shadow Python's standard `site` module).
    sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "llmref.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
