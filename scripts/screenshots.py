"""Take the README's pictures: the report's index and a `minutes serve` search, in headless Chromium.

    .venv/bin/minutes run data/raw --db /tmp/shots/minutes.duckdb
    .venv/bin/python scripts/screenshots.py --db /tmp/shots/minutes.duckdb --query "budget" --out docs/screenshots

Needs Debian's chromium and chromium-driver (as the browser test does) and the test extra (selenium).
"""
from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--query", default="budget")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--height", type=int, default=1500, help="height of the index picture in pixels")
    args = parser.parse_args()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    report = args.db.parent / "report"
    subprocess.run([sys.executable, "-m", "pipeline.cli", "report", "--db", str(args.db), "--out", str(report),
                    "--no-progress"], check=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "serve", "--db", str(args.db), "--port",
                               str(port), "--no-progress"])
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp()}")
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        args.out.mkdir(parents=True, exist_ok=True)
        driver.set_window_size(1200, args.height)
        driver.get((report.resolve() / "index.html").as_uri())
        driver.save_screenshot(str(args.out / "report-index.png"))
        driver.set_window_size(1200, 900)
        driver.get(f"http://127.0.0.1:{port}/{args.db.stem}/search?q={quote(args.query)}")
        driver.save_screenshot(str(args.out / "serve-search.png"))
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=30)
    print(f"{args.out}/report-index.png, {args.out}/serve-search.png")


if __name__ == "__main__":
    main()
