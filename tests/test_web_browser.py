"""The search page in a real browser: Debian's chromium, headless, driven by selenium
through Debian's chromedriver, against `clip serve` running in a subprocess. Types an
Arabic query, sees the hits, narrows by a facet, opens a clip, saves screenshots (on an
archive file, served by Datasette, and on a PostgreSQL archive, served by the standalone
app); and browses without a query: the clips listed, a facet narrowing them, page 2."""

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


def _serve(db: Path | str):
    proc = subprocess.Popen(
        [sys.executable, "-m", "clipping_archive", "serve", "--db", str(db), "--port", "0"],
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


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request, seeded_db):
    """`clip serve` on the seeds: an archive file (Datasette), and a PostgreSQL archive
    (the standalone app; skipped without a server and the backend)."""
    if request.param == "sqlite":
        yield from _serve(seeded_db)
        return
    from conftest import SEEDS

    from clipping_archive import Archive

    try:
        url = request.getfixturevalue("postgresql_locations")()
    except pytest.FixtureLookupError:
        pytest.skip("no PostgreSQL backend in this tree")
    with Archive(url) as archive:
        archive.import_paths([SEEDS])
    yield from _serve(url)


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory):
    """An archive of 60 clips (recombined seed paragraphs): three pages to browse."""
    from conftest import make_corpus

    from clipping_archive import Archive

    folder = tmp_path_factory.mktemp("browse-corpus")
    make_corpus(folder / "files", 60)
    db = folder / "many.db"
    with Archive(db) as archive:
        archive.import_paths([folder / "files"], workers=1)
    yield from _serve(db)


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


def test_browsing_without_a_query_in_chromium(browser, corpus_server, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, WAIT_S)
    browser.set_window_size(1200, 1000)
    browser.get(corpus_server)
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#hits li.hit")))
    assert len(browser.find_elements(By.CSS_SELECTOR, "#hits li.hit")) == 20
    count = browser.find_element(By.ID, "count").text
    assert "60 clips in the archive" in count and "showing 1–20" in count
    first_page = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#hits h3 a")]
    browser.save_screenshot(str(tmp_path / "1-listing.png"))

    # A facet narrows the listing: Arabic only.
    browser.find_element(By.CSS_SELECTOR, "#facet-language a[href*='lang=ar']").click()
    wait.until(lambda d: "lang=ar" in d.current_url)
    hits = browser.find_elements(By.CSS_SELECTOR, "#hits li.hit")
    expected = int(browser.find_element(By.CSS_SELECTOR, "#facet-language li.active .dim").text)
    assert hits and len(hits) == min(expected, 20)
    assert {h.get_attribute("lang") for h in hits} == {"ar"}
    assert "match the filters" in browser.find_element(By.ID, "count").text
    title = browser.find_element(By.CSS_SELECTOR, "#hits h3")
    assert title.value_of_css_property("direction") == "rtl"
    browser.save_screenshot(str(tmp_path / "2-arabic.png"))

    # Page 2 of the whole archive: the next 20 clips, none of the first page's.
    browser.get(corpus_server)
    browser.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
    wait.until(lambda d: "page=2" in d.current_url)
    second_page = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#hits h3 a")]
    assert len(second_page) == 20 and "showing 21–40" in browser.find_element(By.ID, "count").text
    assert not set(second_page) & set(first_page)
    assert "page 2 of 3" in browser.find_element(By.CSS_SELECTOR, ".pages").text
    browser.save_screenshot(str(tmp_path / "3-page-2.png"))
