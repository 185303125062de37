"""`minutes report`: a static site that opens from disk, with plots drawn as SVG, a page per
body, meeting and person, links to the source files, the failures and the review queue."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.report.params import ReportParams, SettingsError, load_report_params, load_saved_searches
from pipeline.report.site import build_report, slug, unique_slugs
from pipeline.store.sqlite import ensure_mirror

from .archive import make_archive


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    db = make_archive(folder / "archive")
    mirror, _ = ensure_mirror(db, progress=False)
    result = build_report(mirror, folder / "site", ReportParams(), progress=False)
    return result.folder


def _page(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_the_site_has_an_index_and_a_page_per_body_meeting_and_person(site):
    assert {p.name for p in site.glob("*.html")} == {"index.html", "people.html", "failures.html", "review.html"}
    assert {p.name for p in (site / "bodies").iterdir()} == {"barn-och-utbildningsnamnden.html",
                                                            "kommunfullmaktige.html"}
    assert {p.stem for p in (site / "meetings").iterdir()} == {"m-bun-2023", "m-bun-2024", "m-kf-2023"}
    assert {p.stem for p in (site / "people").iterdir()} == {"anna-berg", "karl-lind", "eva-okand"}


def test_the_index_draws_its_four_plots_as_svg(site):
    index = _page(site, "index.html")
    titles = ["Decisions per body and year", "Meetings per body and year", "Attendance per person and meeting",
              "Rows read by OCR and names not linked to the registry"]
    assert index.count("<svg") == 4
    for title in titles:
        assert title in index


def test_no_page_loads_anything_from_the_network(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html and "<link" not in html and "@import" not in html, page
        for url in re.findall(r'(?:href|src)="([^"]*)"', html):
            assert not re.match(r"(https?:)?//", url), (page, url)


def test_a_meeting_page_shows_items_decisions_attendance_and_links_to_the_file(site):
    page = _page(site, "meetings/m-bun-2023.html")
    assert "Nämnden beslutade att bygga två nya förskolor i Sjöbacka." in page
    assert "§ 1 Förskolor i Sjöbacka" in page and "BUN 2022/77" in page
    pdf = (site.parent / "archive" / "bun-2023-01-10.pdf").resolve().as_uri()
    assert f'href="{pdf}#page=2"' in page and f'href="{pdf}"' in page
    assert 'href="../people/anna-berg.html">Anna Berg</a>' in page
    assert 'href="../people/eva-okand.html">Eva Okänd</a>' in page
    assert 'href="../bodies/barn-och-utbildningsnamnden.html"' in page


def test_a_municipal_meeting_shows_motions_the_roll_call_reservations(site):
    page = _page(site, "meetings/m-kf-2023.html")
    assert "bifall till motionen" in page and ">lost<" in page
    assert re.search(r"<td>S</td><td class=\"n\">0</td><td class=\"n\">1</td>", page)   # S: 0 ja, 1 nej
    assert "reserverar sig till förmån för eget yrkande" in page
    assert "Votes: 31 for, 30 against" in page


def test_a_person_page_has_their_record(site):
    page = _page(site, "people/karl-lind.html")
    for activity in ("absent", "presented", "recused", "attended", "moved", "voted", "reserved"):
        assert f"<td>{activity}</td>" in page
    assert 'href="../meetings/m-kf-2023.html">2023-02-01</a>' in page
    assert "Not linked to the person registry" in _page(site, "people/eva-okand.html")


def test_a_body_page_lists_its_meetings_newest_first_with_a_plot(site):
    page = _page(site, "bodies/barn-och-utbildningsnamnden.html")
    assert page.index("m-bun-2024.html") < page.index("m-bun-2023.html")
    assert "<svg" in page


def test_failures_and_the_review_queue_have_pages(site):
    assert "broken.pdf" in _page(site, "failures.html") and "corrupt" in _page(site, "failures.html")
    assert "Eva Okänd" in _page(site, "review.html")


def test_pages_of_meetings_that_are_gone_are_removed(tmp_path):
    db = make_archive(tmp_path / "archive")
    mirror, _ = ensure_mirror(db, progress=False)
    site = tmp_path / "site"
    (site / "meetings").mkdir(parents=True)
    (site / "meetings" / "m-gone.html").write_text("old", encoding="utf-8")
    (site / "feeds").mkdir()
    (site / "feeds" / "budget.atom").write_text("<feed/>", encoding="utf-8")
    build_report(mirror, site, progress=False)
    assert not (site / "meetings" / "m-gone.html").exists()
    assert (site / "feeds" / "budget.atom").exists() and 'href="feeds/budget.atom"' in _page(site, "index.html")


def test_the_report_command_writes_beside_the_database_by_default(tmp_path, monkeypatch):
    db = make_archive(tmp_path / "archive")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["report", "--db", str(db), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert (db.parent / "report" / "index.html").exists() and db.with_suffix(".sqlite").exists()
    result = CliRunner().invoke(app, ["report", "--db", str(db), "--out", "elsewhere", "--no-progress"])
    assert result.exit_code == 0 and (tmp_path / "elsewhere" / "meetings" / "m-kf-2023.html").exists()


def test_names_become_unique_ascii_file_names():
    assert slug("Barn- och utbildningsnämnden") == "barn-och-utbildningsnamnden"
    assert unique_slugs(["HÄSSELBY GÅRD", "Hässelby gård", None]) == {
        "HÄSSELBY GÅRD": "hasselby-gard", "Hässelby gård": "hasselby-gard-2", None: "none"}


def test_settings_reject_unknown_keys_and_bad_saved_searches(tmp_path):
    params = tmp_path / "params.yaml"
    params.write_text("report:\n  colour: red\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="report.colour"):
        load_report_params(params)
    params.write_text("saved_searches:\n  - name: Budget Plan\n    query: budget\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="saved_searches.0.name"):
        load_saved_searches(params)
    params.write_text("saved_searches:\n  - name: a\n    query: OR\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="no word"):
        load_saved_searches(params)
    params.write_text("saved_searches:\n  - {name: a, query: x}\n  - {name: a, query: y}\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="used twice"):
        load_saved_searches(params)


def test_the_projects_params_yaml_is_valid():
    from pipeline.report.params import load_block
    from pipeline.serve.app import ServeParams

    from .conftest import REPO

    assert load_report_params(REPO / "params.yaml").out is None
    assert [s.name for s in load_saved_searches(REPO / "params.yaml")]
    assert load_block(ServeParams, "serve", REPO / "params.yaml").port == 8001
