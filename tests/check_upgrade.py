"""Upgrade check: a database made by an older commit, with demo content, migrates to this code losing nothing.

    .venv/bin/python tests/check_upgrade.py [--from COMMIT]

1. The older commit (default: the last one before the feature folders) is exported to a
   temporary folder; its own code migrates a new PostgreSQL database, loads the demo content and
   adds a submission, a feedback and a download, the way that version's users would.
2. Every table's rows are fingerprinted (md5 over each row's text) and every model counted.
3. This checkout's code migrates the same database and fingerprints and counts again: every table
   must read the same over the columns it had (columns and tables a migration adds are new), every
   model count must be unchanged, and every live practice page must render.

It prints one line a table and exits 1 on any difference. Needs git history and PostgreSQL.
"""

# ruff: noqa: T201 -- a command-line check that prints its findings
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parent.parent
BEFORE_FEATURE_FOLDERS = "ae2b6db"
SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "brightspots_upgrade_check"

# Run by the old code: a contribution of each kind and a download, as the public would leave them.
OLD_ACTIVITY = """
import django; django.setup()
from django.test import Client
from practices.models import PracticePage, PracticeSubmission, PracticeFeedback
from wagtail.documents import get_document_model
page = PracticePage.objects.live().first()
PracticeSubmission.objects.create(name="A parent", email="parent@example.org",
    practice_name="Family time at home", description="Visits at home, not in an office.",
    consent_to_contact=True)
PracticeFeedback.objects.create(page=page, message="Add the county's phone number.")
document = page.resources.first().document
assert Client().get(document.url).status_code in (200, 302)
"""

# Run by both: every model's count through the ORM.
COUNT_MODELS = """
import json, django; django.setup()
from django.apps import apps
print(json.dumps({m._meta.label: m._default_manager.count() for m in apps.get_models()}))
"""

RENDER_PAGES = r"""
import re, django; django.setup()
from django.test import Client
from practices.models import PracticePage
client = Client()
for page in PracticePage.objects.live():
    response = client.get(page.url)
    assert response.status_code == 200, (page.url, response.status_code)
    # Every demo practice went through parent review: its tally must survive the upgrade.
    assert re.search(r"\d+ parents?; \d+ recommend", response.content.decode()), page.url
print(PracticePage.objects.live().count())
"""


def manage(code_dir, *args, script=None):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "BRIGHTSPOTS_DEMO_PASSWORD": "upgrade-check-only",
        "ALLOWED_HOSTS": "testserver",
        "PYTHONPATH": str(code_dir),
    }
    command = (
        [sys.executable, "-c", script]
        if script
        else [sys.executable, "manage.py", *args]
    )
    result = subprocess.run(
        command, cwd=code_dir, env=env, capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0:
        sys.exit(f"{' '.join(args) or 'script'} failed in {code_dir}:\n{result.stderr}")
    return result.stdout


def table_columns(connection):
    """Each table's columns, as the database has them now."""
    columns = {}
    for table, column in connection.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
    ):
        columns.setdefault(table, []).append(column)
    return columns


def fingerprints(columns=None):
    """Each table's columns, row count and an md5 of its rows over those columns, in a stable order.

    After the upgrade, pass the columns seen before it: a column a migration adds is new data, not
    a change to the old; what was there must read exactly the same.
    """
    with psycopg.connect(f"{SERVER}/{DATABASE}", autocommit=True) as connection:
        present = table_columns(connection)
        result = {}
        for table, names in (columns or present).items():
            if table not in present:
                result[table] = (names, None, None)
                continue
            row = "ROW(" + ", ".join(f't."{name}"' for name in names) + ")::text"
            count, digest = connection.execute(
                f"SELECT count(*), md5(coalesce(string_agg({row}, '|' ORDER BY {row}), '')) FROM \"{table}\" t"  # noqa: S608
            ).fetchone()
            result[table] = (names, count, digest)
        for table in present.keys() - result.keys():
            result[table] = (present[table], "new table", None)
        return result


# What migrations since ae2b6db change on purpose: the row-count change each makes, and why. Anything
# else that changes is a problem. (0011 adds the download log as a new table and 0012 a view over
# it; both leave the old counts' table as it was: the check itself shows nothing counted is lost.)
INTENDED = {
    "auth_group_permissions": (
        -1,
        "0010: Parent reviewers lose wagtailadmin.access_admin",
    ),
    "auth_permission": (
        12,
        "0010-0012: add/change/delete/view for ReviewInvitation, DocumentDownload and DocumentDownloadTotal",
    ),
    "auth.Permission": (
        12,
        "0010-0012: add/change/delete/view for ReviewInvitation, DocumentDownload and DocumentDownloadTotal",
    ),
    "django_content_type": (
        3,
        "0010-0012: ReviewInvitation, DocumentDownload, DocumentDownloadTotal",
    ),
    "contenttypes.ContentType": (
        3,
        "0010-0012: ReviewInvitation, DocumentDownload, DocumentDownloadTotal",
    ),
}


def intended(label, old, new):
    """Whether a change is the one a migration means to make; says so when it is."""
    delta, why = INTENDED.get(label, (None, ""))
    if delta is None or not isinstance(old, int) or new - old != delta:
        return False
    print(f"intended {label}: {old} -> {new} ({why})")
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--from", dest="ref", default=BEFORE_FEATURE_FOLDERS)
    ref = parser.parse_args().ref

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.execute(f"CREATE DATABASE {DATABASE}")

    with tempfile.TemporaryDirectory() as old:
        archive = subprocess.run(
            ["git", "archive", ref], cwd=REPO, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", old], input=archive, check=True)
        print(f"old code: {ref}")
        manage(old, "migrate", "--no-input")
        manage(
            old, "load_demo_content", "--seeds", str(REPO.parent / "shared" / "seeds")
        )
        manage(old, script=OLD_ACTIVITY)
        before = fingerprints()
        old_counts = json.loads(manage(old, script=COUNT_MODELS))

    print(f"new code: {REPO}")
    manage(REPO, "migrate", "--no-input")
    after = fingerprints({table: names for table, (names, _, _) in before.items()})
    new_counts = json.loads(manage(REPO, script=COUNT_MODELS))
    rendered = manage(REPO, script=RENDER_PAGES).strip()

    problems = []
    for table in sorted(before.keys() | after.keys()):
        _, old_rows, old_digest = before.get(table, (None, None, None))
        _, new_rows, new_digest = after[table]
        if table == "django_migrations":
            # This table grows by the new migrations; the old ones must all still be recorded.
            added = new_rows - old_rows
            same = added >= 0
            print(
                f"{'same   ' if same else 'CHANGED'} {table}: {old_rows} -> {new_rows} rows ({added} new migrations)"
            )
        else:
            same = (old_rows, old_digest) == (new_rows, new_digest) or old_rows is None
            print(
                f"{'same   ' if same else 'CHANGED'} {table}: {old_rows} -> {new_rows} rows"
            )
        if not same and not intended(table, old_rows, new_rows):
            problems.append(table)
    for label in sorted(old_counts):
        if new_counts.get(label) != old_counts[label] and not intended(
            label, old_counts[label], new_counts.get(label)
        ):
            problems.append(f"{label}: {old_counts[label]} -> {new_counts.get(label)}")
    print(
        f"{len(before)} tables, {sum(r[1] for r in before.values())} rows, "
        f"{len(old_counts)} models counted, {rendered} live practices render with the new code, each with its tally"
    )
    if problems:
        print("LOST OR CHANGED:", ", ".join(problems))
        return 1
    print(
        "Nothing lost: every table and every model count is unchanged, but for the intended changes."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
