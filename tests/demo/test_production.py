"""Demo content and its tooling stay out of production: not installed, not importable, no commands.

These run in `.venv-production`, a venv with only requirements/base.txt (what a deployment
installs), which `make test` builds; the deploy check there also proves that lock is enough to run.
"""

import os
import subprocess
import sys

import pytest

from tests.home.test_ops import PRODUCTION_ENV, REPO

PRODUCTION_PYTHON = REPO / ".venv-production" / "bin" / "python"
DEMO_COMMANDS = ["load_demo_content", "seed_practices", "bench_library", "bench_site"]


def in_production(*args):
    """Run Python in the production venv with production settings, as a deployment starts it."""
    assert PRODUCTION_PYTHON.exists(), (
        "No production venv: `make test` builds .venv-production from requirements/base.txt."
    )
    return subprocess.run(
        [str(PRODUCTION_PYTHON), *args],
        cwd=REPO,
        env={**os.environ, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_production_install_has_no_pdf_writer():
    result = in_production("-c", "import django; django.setup(); import fpdf")
    assert result.returncode != 0
    assert "No module named 'fpdf'" in result.stderr


def test_production_settings_do_not_install_the_demo_app():
    result = in_production(
        "-c",
        "import django; django.setup(); from django.apps import apps;"
        "print(apps.is_installed('demo'), apps.is_installed('practices'))",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


@pytest.mark.parametrize("command", DEMO_COMMANDS)
def test_demo_commands_are_unknown_in_production(command):
    result = in_production("manage.py", command)
    assert result.returncode != 0
    assert f"Unknown command: '{command}'" in result.stderr


def test_the_production_lock_alone_runs_the_deploy_check():
    result = in_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_development_and_test_settings_do_have_the_demo_commands():
    result = subprocess.run(
        [sys.executable, "manage.py", "help"],
        cwd=REPO,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "[demo]" in result.stdout
    for command in DEMO_COMMANDS:
        assert command in result.stdout
