"""WSGI entry point. Run from the repository root with `--pythonpath site`, e.g.
`gunicorn --pythonpath site llmref.wsgi`."""

import os
import sys
from pathlib import Path

from django.core.wsgi import get_wsgi_application

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "llmref.settings.production")

application = get_wsgi_application()
