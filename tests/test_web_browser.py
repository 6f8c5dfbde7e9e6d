"""The search page in a real browser: Debian's chromium, headless, driven by selenium
through Debian's chromedriver, against `clip serve` running in a subprocess. Types an
Arabic query, sees the hits, narrows by a facet, opens a clip, saves screenshots."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
KHORASAN = "خراسان"
WAIT_S = 30


def _missing_chromium() -> str | None:
    """Why the browser cannot run here (``make setup`` installs Debian's chromium and
    chromium-driver), or None."""
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return None
    return f"{CHROMIUM} or {CHROMEDRIVER} is missing: run `make setup` as root"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is a dev dependency")
    reason = _missing_chromium()
    if reason:
        pytest.skip(reason)
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1200,1000",
        "--lang=en",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=str(CHROMEDRIVER))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(WAIT_S)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def server(seeded_db):
    proc = subprocess.Popen(
        [sys.executable, "-m", "clipping_archive", "serve", "--db", str(seeded_db), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    url = None
    for line in proc.stderr:
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if found:
            url = found.group(0)
            break
    if url is None:
        proc.kill()
        pytest.fail("clip serve printed no URL")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_arabic_search_facet_and_clip_in_chromium(browser, server, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, WAIT_S)
    browser.get(server)
    box = wait.until(ec.presence_of_element_located((By.NAME, "q")))
    box.send_keys(KHORASAN, Keys.ENTER)

    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#hits li.hit")))
    hits = browser.find_elements(By.CSS_SELECTOR, "#hits li.hit")
    assert len(hits) == 2
    assert "2 of 2" in browser.find_element(By.ID, "count").text
    marks = browser.find_elements(By.CSS_SELECTOR, "#hits mark")
    assert marks and all(m.text == KHORASAN for m in marks)
    snippet = browser.find_element(By.CSS_SELECTOR, "#hits .snippet")
    assert snippet.value_of_css_property("direction") == "rtl"
    browser.save_screenshot(str(tmp_path / "1-search.png"))

    month = browser.find_element(By.CSS_SELECTOR, "#facet-month a")
    month_label = month.text
    month.click()
    wait.until(lambda d: "since=" in d.current_url)
    assert f"since={month_label}" in browser.current_url
    hits = browser.find_elements(By.CSS_SELECTOR, "#hits li.hit")
    assert len(hits) == 1
    assert "1 of 1" in browser.find_element(By.ID, "count").text
    browser.save_screenshot(str(tmp_path / "2-facet.png"))

    hits[0].find_element(By.CSS_SELECTOR, "h3 a").click()
    title = wait.until(ec.presence_of_element_located((By.ID, "title")))
    assert "/clip/" in browser.current_url
    assert title.value_of_css_property("direction") == "rtl"
    assert browser.find_elements(By.CSS_SELECTOR, "#body mark")
    browser.set_window_size(390, 844)  # a phone: nothing wider than the screen
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390
    browser.save_screenshot(str(tmp_path / "3-clip.png"))
    assert (tmp_path / "3-clip.png").stat().st_size > 10_000
