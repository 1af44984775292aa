"""Operational behaviour: health checks and production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run_django(code, **env):
    """Run Python in a fresh process with the given environment, as a deployed app would start."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_healthz_is_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_unreachable():
    result = run_django(
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz'); print(r.status_code, r.content.decode())",
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        # Nothing listens on port 9 (discard) on loopback: a database that is down.
        DATABASE_URL="postgres://postgres@127.0.0.1:9/test",
    )
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip()
        == '503 {"status": "unavailable", "database": "unreachable"}'
    )


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "x7#kq!2vR9zLw4pNc8Ts1mYb6Hd0Gf3Ju5Ae-Wn_Xo@Ri+Ql*Sk&Vj%Uh^Pg",
    "ALLOWED_HOSTS": "brightspots.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
}


def manage(*args, env):
    """Run manage.py in a fresh process, as a deployed app would start."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**os.environ, **PRODUCTION_ENV},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_required_settings(missing):
    env = {**os.environ, **PRODUCTION_ENV}
    env.pop(missing)
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_a_custom_s3_domain_without_cloudfront_signing_keys_is_refused_at_start():
    env = {
        **os.environ,
        **PRODUCTION_ENV,
        "AWS_STORAGE_BUCKET_NAME": "brightspots-media",
        "AWS_S3_CUSTOM_DOMAIN": "media.brightspots.example.org",
    }
    result = manage("check", env=env)
    assert result.returncode != 0
    assert (
        "AWS_S3_CUSTOM_DOMAIN needs AWS_CLOUDFRONT_KEY_ID and AWS_CLOUDFRONT_KEY"
        in result.stderr
    )
