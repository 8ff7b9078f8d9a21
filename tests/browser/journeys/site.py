"""The journeys' site: a throwaway database holding the demo data and the real models.dev
import, with two editors and two reviewers, served by `manage.py runserver` in a child
process, exactly as `bin/serve` serves it (development settings, so static files are
served and server errors print their traceback to the server log).

The database is SQLite in a temporary folder, or, when DATABASE_URL names a PostgreSQL
database, a separate PostgreSQL database named after it with "_journeys" appended, dropped
at the end. Building it takes most of a minute (the import), so a built SQLite file is kept
under var/journeys/, keyed by a digest of the code and data that produce it: the same code
and data give the same database, and any change builds a new one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parents[3]
SETTINGS = os.environ.get("JOURNEYS_SETTINGS", "llmref.settings.dev")
CATALOGUE = ROOT / "fixtures" / "models-dev" / "models-dev.json"
CACHE = ROOT / "var" / "journeys"
PASSWORD = "journey-horse-battery-9"
USERS = {
    # username: (first name, last name, group)
    "editor1": ("Edith", "One", "Editors"),
    "editor2": ("Eddie", "Two", "Editors"),
    "reviewer1": ("Rita", "One", "Reviewers"),
    "reviewer2": ("Ravi", "Two", "Reviewers"),
}
# What produces the database: a change in any of these builds it anew.
SOURCES = ("comparisons", "home", "site", "fixtures")

CREATE_USERS = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
User = get_user_model()
for username, (first, last, group) in {USERS!r}.items():
    user, _ = User.objects.get_or_create(username=username)
    user.first_name, user.last_name, user.email = first, last, username + "@example.com"
    user.set_password({PASSWORD!r})
    user.save()
    user.groups.set([Group.objects.get(name=group)])
"""


@dataclass(frozen=True)
class Site:
    url: str
    log: Path


def _digest() -> str:
    digest = hashlib.sha256(SETTINGS.encode())
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".json", ".html"}:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _run(args: list[str], env: dict[str, str], log: Path) -> None:
    started = time.monotonic()
    with log.open("a") as out:
        out.write(f"\n$ manage.py {' '.join(args)}\n")
        out.flush()
        done = subprocess.run(  # noqa: S603 - this interpreter, this repository's manage.py
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
        out.write(f"({time.monotonic() - started:.1f} s, exit {done.returncode})\n")
    if done.returncode:
        tail = "\n".join(log.read_text().splitlines()[-30:])
        raise RuntimeError(f"manage.py {args[0]} failed (log {log}):\n{tail}")


def _build(env: dict[str, str], log: Path) -> None:
    _run(["migrate", "--noinput", "-v0"], env, log)
    _run(["load_demo_data"], env, log)
    _run(["import_catalogue", str(CATALOGUE), "--initial", "--show", "0"], env, log)
    _run(["shell", "-c", CREATE_USERS], env, log)


@contextmanager
def _sqlite(folder: Path, env: dict[str, str], log: Path) -> Iterator[str]:
    database = folder / "journeys.sqlite3"
    cached = CACHE / f"{_digest()}.sqlite3"
    url = f"sqlite:///{database}"
    if cached.exists():
        shutil.copyfile(cached, database)
        log.write_text(f"Database copied from {cached}\n")
    else:
        _build({**env, "DATABASE_URL": url}, log)
        CACHE.mkdir(parents=True, exist_ok=True)
        for old in CACHE.glob("*.sqlite3"):
            old.unlink()
        shutil.copyfile(database, cached)
    yield url


@contextmanager
def _postgres(base_url: str, env: dict[str, str], log: Path) -> Iterator[str]:
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(base_url)
    name = f"{config['NAME']}_journeys"
    # Connect to the server's maintenance database: the one the URL names may not exist.
    admin = psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        autocommit=True,
    )
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    try:
        admin.execute(drop)
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        scheme, _, rest = base_url.partition("://")
        url = f"{scheme}://{rest.rsplit('/', 1)[0]}/{name}"
        _build({**env, "DATABASE_URL": url}, log)
        yield url
    finally:
        admin.execute(drop)
        admin.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"runserver exited ({server.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/", timeout=5):  # noqa: S310 - our http URL
                return
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"{url}/ answered {exc.code}; log {log}") from None
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"runserver did not answer at {url} within 60 s; log {log}")


@contextmanager
def running_site(folder: Path, logs: Path) -> Iterator[Site]:
    """Build the database in FOLDER (SQLite), serve it, and yield where; stop and drop
    everything after. The build and server logs go to LOGS."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "PYTHONUNBUFFERED": "1"}
    port = int(os.environ.get("JOURNEYS_PORT") or _free_port())
    url = f"http://127.0.0.1:{port}"
    with socket.socket() as probe:
        # Another server on the port would answer in place of ours.
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(f"Port {port} is already in use; set JOURNEYS_PORT to a free one")
    env["WAGTAILADMIN_BASE_URL"] = url
    logs.mkdir(parents=True, exist_ok=True)
    build_log, server_log = logs / "build.log", logs / "server.log"
    build_log.write_text("")
    base_url = os.environ.get("DATABASE_URL", "")
    database = (
        _postgres(base_url, env, build_log)
        if base_url.startswith(("postgres", "pgsql"))
        else _sqlite(folder, env, build_log)
    )
    with database as database_url, server_log.open("w") as out:
        server = subprocess.Popen(  # noqa: S603 - fixed arguments
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env={**env, "DATABASE_URL": database_url},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_up(url, server, server_log)
            yield Site(url=url, log=server_log)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
