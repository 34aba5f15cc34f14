"""WSGI entry point for multi-worker servers: `gunicorn -w 4 'bot.wsgi:application'`.

Run `mentorbot db upgrade` once before starting the workers, and one `mentorbot scheduler`
beside them for the background ticks.
"""

from __future__ import annotations

from dotenv import find_dotenv, load_dotenv

from bot.app import create_app
from bot.config import load_settings

load_dotenv(find_dotenv(usecwd=True), override=False)
application = create_app(load_settings(), migrate=False).wsgi()
