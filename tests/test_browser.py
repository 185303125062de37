"""What an analyst sees, in a real browser: Debian's Chromium, headless, driven by selenium.

The report's index, a body, a meeting and a person page load from disk (plots drawn as SVG,
links to the source file, nothing fetched but files), and `minutes serve` on 127.0.0.1
shows a search with the matches marked and links to the source file. Screenshots go to a
temporary folder (and to $MINUTES_SCREENSHOTS when set).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline.report.site import build_report
from pipeline.store.sqlite import ensure_mirror

from .archive import make_archive

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,1400")
SERVER_START_S = 60   # a server that answers nothing within this is broken


def _have_chromium() -> bool:
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()


if not _have_chromium():
    if os.environ.get("CI"):   # .ci/run installs it: a CI without it must not pass quietly
        pytest.fail(f"the browser test needs {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium "
                    "chromium-driver)", pytrace=False)
    pytest.skip("Chromium is not installed (apt-get install chromium chromium-driver)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    db = make_archive(folder / "archive")
    mirror, _ = ensure_mirror(db, progress=False)
    site = build_report(mirror, folder / "site", progress=False).folder
    return db, site


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screenshots")

    def save(driver, name: str) -> Path:
        driver.set_window_size(1280, min(4000, max(900, driver.execute_script(
            "return document.documentElement.scrollHeight"))))
        path = folder / f"{name}.png"
        driver.save_screenshot(str(path))
        if os.environ.get("MINUTES_SCREENSHOTS"):
            Path(os.environ["MINUTES_SCREENSHOTS"]).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(os.environ["MINUTES_SCREENSHOTS"]) / path.name)
        driver.set_window_size(1280, 1400)
        return path
    return save


@pytest.fixture(scope="module")
def server(archive, tmp_path_factory):
    """`minutes serve` of the archive on a free port of 127.0.0.1; its base URL."""
    db, _ = archive
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cwd = tmp_path_factory.mktemp("serve-cwd")   # no params.yaml: the defaults
    log = open(cwd / "serve.log", "wb")
    process = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--db", str(db), "--port", str(port),
                                "--no-progress"], cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=5).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((cwd / "serve.log").read_text(errors="replace"))
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _fetched(driver) -> list[str]:
    """Every resource the page loaded."""
    return driver.execute_script("return performance.getEntriesByType('resource').map(r => r.name)")


def test_the_report_index_draws_its_plots_from_disk(browser, archive, screenshots):
    from selenium.webdriver.common.by import By

    _, site = archive
    browser.get((site / "index.html").as_uri())
    charts = browser.find_elements(By.CSS_SELECTOR, ".chart svg")
    assert len(charts) == 4
    for chart in charts:
        assert chart.size["width"] > 150 and chart.size["height"] > 100
        assert chart.find_elements(By.CSS_SELECTOR, "g.role-mark path")   # bars and cells, drawn
    heat = browser.find_element(By.CSS_SELECTOR, "#heatmap svg").get_attribute("innerHTML")
    assert "Anna Berg" in heat and "Karl Lind" in heat
    assert all(url.startswith("file:") for url in _fetched(browser))
    screenshots(browser, "report-index")


def test_a_body_page_lists_its_meetings_with_a_plot(browser, archive, screenshots):
    from selenium.webdriver.common.by import By

    _, site = archive
    browser.get((site / "index.html").as_uri())
    browser.find_element(By.LINK_TEXT, "Barn- och utbildningsnämnden").click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Barn- och utbildningsnämnden"
    assert browser.find_elements(By.CSS_SELECTOR, ".chart svg g.role-mark path")
    dates = [row.find_element(By.TAG_NAME, "td").text
             for row in browser.find_elements(By.CSS_SELECTOR, "table.meetings tr")[1:]]
    assert dates == ["2024-03-05", "2023-01-10"]
    screenshots(browser, "report-body")


def test_a_meeting_page_has_its_decisions_and_links_to_the_source_file(browser, archive, screenshots):
    from selenium.webdriver.common.by import By

    db, site = archive
    browser.get((site / "meetings" / "m-bun-2023.html").as_uri())
    assert "Nämnden beslutade att bygga två nya förskolor i Sjöbacka." in browser.find_element(
        By.ID, "decision-d-forskolor").text
    pdf = (db.parent / "bun-2023-01-10.pdf").resolve().as_uri()
    sources = {a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a.source")}
    assert {pdf, pdf + "#page=2", pdf + "#page=3"} <= sources
    assert [a.text for a in browser.find_elements(By.CSS_SELECTOR, "dl.attendance a")] == [
        "Anna Berg", "Eva Okänd", "Karl Lind"]
    screenshots(browser, "report-meeting")


def test_a_person_page_has_their_record(browser, archive, screenshots):
    from selenium.webdriver.common.by import By

    _, site = archive
    browser.get((site / "people" / "karl-lind.html").as_uri())
    assert browser.find_element(By.TAG_NAME, "h1").text == "Karl Lind"
    activities = [row.find_elements(By.TAG_NAME, "td")[2].text
                  for row in browser.find_elements(By.CSS_SELECTOR, "table.record tr")[1:]]
    assert activities == ["absent", "presented", "recused", "attended", "moved", "reserved", "voted"]
    screenshots(browser, "report-person")


def test_datasette_search_marks_the_stemmed_matches_and_links_to_the_file(browser, server, screenshots):
    from selenium.webdriver.common.by import By

    browser.get(f"{server}/minutes/search?q=beslutade")
    assert sorted(m.text for m in browser.find_elements(By.CSS_SELECTOR, "td.col-snippet mark")) == [
        "Beslutet", "beslutade"]
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "td.col-document_path a.source")]
    assert all(href.startswith(f"{server}/-/source/minutes?path=") for href in links)
    href, = [href for href in links if href.endswith("bun-2023-01-10.pdf#page=2")]
    with urllib.request.urlopen(href.split("#")[0], timeout=10) as response:
        assert response.headers["content-type"] == "application/pdf" and response.read(5) == b"%PDF-"
    screenshots(browser, "serve-search")
    browser.get(f"{server}/minutes/decisions?_search=beslutade")
    facets = {f.get_attribute("data-column") for f in browser.find_elements(By.CSS_SELECTOR, ".facet-info")}
    assert {"body", "year", "label", "ocr"} <= facets
    screenshots(browser, "serve-decisions")
