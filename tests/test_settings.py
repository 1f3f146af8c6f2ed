"""Settings come from the environment, and production refuses to start without its secrets."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from timeline.settings import ROOT_DIR, database_config, env_bool


def settings_in(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.DATABASES['default']['ENGINE'])",
        ],
        env={**clean, "DJANGO_SETTINGS_MODULE": "timeline.settings", **env},
        cwd=ROOT_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_a_secret_key_fails_loudly():
    result = settings_in({"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "example.org"})
    assert result.returncode != 0 and "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_without_allowed_hosts_fails_loudly():
    result = settings_in({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50})
    assert result.returncode != 0 and "DJANGO_ALLOWED_HOSTS must be set" in result.stderr


def test_production_with_its_variables_starts():
    result = settings_in(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "a.org,b.org",
            "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/timeline",
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "['a.org',", "'b.org']", "django.db.backends.postgresql"]


def test_a_debug_value_that_is_not_yes_or_no_is_an_error():
    os.environ["TIMELINE_TEST_FLAG"] = "maybe"
    try:
        with pytest.raises(ImproperlyConfigured, match="not a yes/no value"):
            env_bool("TIMELINE_TEST_FLAG", True)
    finally:
        del os.environ["TIMELINE_TEST_FLAG"]


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    config = database_config("sqlite:////tmp/x.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] >= 5


def test_postgresql_reuses_connections_and_checks_them_first():
    config = database_config("postgres://timeline@db.example:5432/timeline")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["CONN_MAX_AGE"] > 0 and config["CONN_HEALTH_CHECKS"] is True
    assert config["OPTIONS"]["options"] == "-c jit=off -c work_mem=64MB"


def test_postgresql_options_in_the_url_are_kept():
    config = database_config(
        "postgres://timeline@db.example:5432/timeline?sslmode=require&options=-c%20work_mem%3D256MB"
    )
    assert config["OPTIONS"]["sslmode"] == "require"
    # The address's own setting comes last, and so wins.
    assert config["OPTIONS"]["options"] == "-c jit=off -c work_mem=64MB -c work_mem=256MB"
