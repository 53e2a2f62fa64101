"""Drive the real app in Debian's Chromium: start a server, wait for reruns, pick options, take screenshots.

Streamlit reruns the script after every interaction; :func:`settle` waits until
the "running" indicator is gone so that the next step sees the new page.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
# Offline and quiet: no sandbox (CI runs as root), no background downloads.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_app(home: Path, **env: str) -> Iterator[str]:
    """Run ``app.py`` on a free port with its workspace in ``home``; yield the base URL."""
    port = free_port()
    log = (home / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env={**os.environ, "KINERJA_HOME": str(home), **env}, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the app did not start; see {home / 'streamlit.log'}") from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def settle(page: Page, pause: float = 0.4) -> None:
    """Wait until Streamlit has finished rerunning after the last interaction."""
    time.sleep(pause)  # the rerun indicator appears a moment after the click
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=90_000)
    time.sleep(0.2)


def choose(page: Page, label: str, option: str | re.Pattern) -> None:
    """Pick ``option`` (its whole text, or a pattern) in the select box labelled ``label``."""
    page.get_by_role("combobox", name=label, exact=True).click()
    page.get_by_role("option", name=option, exact=isinstance(option, str)).first.click()
    settle(page)


def go(page: Page, nav_label: str) -> None:
    """Open a page from the sidebar navigation (keeps the browser session, unlike a new URL)."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=nav_label, exact=True).click()
    settle(page, 1.0)


def main_text(page: Page) -> str:
    return page.get_by_test_id("stMain").inner_text()


def shoot(page: Page, folder: Path, name: str) -> Path:
    """A full-page screenshot, kept as a test artifact."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
