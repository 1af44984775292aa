"""Playwright driving Debian's Chromium against the app on pytest-django's live server."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from django.db import connections

CHROMIUM = "/usr/bin/chromium"
# Without these, headless Chromium keeps calling home and this closed network refuses it, many times a second.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def share_serialized_test_data(thread_wrappers):
    """Give the wrappers Django uses while Playwright runs the data that serialized_rollback restores."""
    # While an event loop runs in this thread, asgiref hands out new connection wrappers (contextvar
    # storage instead of thread-local); without this they lack the data and the restore silently skips.
    for alias, wrapper in thread_wrappers.items():
        if hasattr(wrapper, "_test_serialized_contents"):
            connections[
                alias
            ]._test_serialized_contents = wrapper._test_serialized_contents


@pytest.fixture(scope="module")
def browser(django_db_setup):
    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls there unless told
    # it is safe. It is: the loop only drives the browser. Scoped to browser modules, restored afterwards.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    thread_wrappers = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        share_serialized_test_data(thread_wrappers)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(
        base_url=live_server.url,
        accept_downloads=True,
        viewport={"width": 390, "height": 844},
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    # Keep a picture of where a failed journey stopped.
    if (
        getattr(request.node, "rep_call", None) is not None
        and request.node.rep_call.failed
    ):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(
            path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True
        )
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
