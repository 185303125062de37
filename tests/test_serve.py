"""`minutes serve` through Datasette's own test client: stemmed search with marked matches,
canned queries with parameters, metadata and facets, links from rows to their source file."""
from __future__ import annotations

import asyncio
import re

import pytest

from pipeline.serve.app import make_datasette, metadata, table_columns
from pipeline.store.sqlite import ensure_mirror

from .archive import make_archive


@pytest.fixture(scope="module")
def mirror(tmp_path_factory):
    path, _ = ensure_mirror(make_archive(tmp_path_factory.mktemp("serve") / "archive"), progress=False)
    return path


@pytest.fixture(scope="module")
def get(mirror):
    ds = make_datasette(mirror)

    def get(path: str):
        return asyncio.run(ds.client.get(path))
    return get


def _json(get, path: str):
    response = get(path)
    assert response.status_code == 200, response.text[:500]
    return response.json()


def test_search_finds_a_decision_by_a_stemmed_word_and_marks_it(get):
    rows = _json(get, "/minutes/search.json?q=beslut&_shape=array")
    decisions = {r["id"]: r for r in rows if r["kind"] == "decision"}
    assert set(decisions) == {"d-forskolor", "d-skolskjuts"}
    assert decisions["d-forskolor"]["snippet"] == "Nämnden <mark>beslutade</mark> att bygga två nya förskolor i Sjöbacka."
    page = get("/minutes/search?q=beslut").text
    assert "Nämnden <mark>beslutade</mark> att bygga" in page
    assert '<a href="/minutes/decisions/d-forskolor">d-forskolor</a>' in page


def test_search_finds_items_and_person_names_too(get):
    kinds = {(r["kind"], r["id"]) for r in _json(get, "/minutes/search.json?q=förskola&_shape=array")}
    assert kinds == {("decision", "d-forskolor"), ("item", "i-forskolor")}
    people = _json(get, "/minutes/search.json?q=berg&_shape=array")
    assert [(r["kind"], r["id"], r["snippet"]) for r in people] == [("person", "anna-berg", "Anna <mark>Berg</mark>")]
    names = _json(get, "/minutes/search.json?q=okänd&_shape=array")
    assert [(r["kind"], r["id"]) for r in names] == [("name", "Eva Okänd")]


def test_the_search_box_of_a_table_is_stemmed_too(get):
    rows = _json(get, "/minutes/decisions.json?_search=beslutade&_shape=array")
    assert {r["id"] for r in rows} == {"d-forskolor", "d-skolskjuts"}


def test_decisions_on_a_word_since_a_date(get):
    rows = _json(get, "/minutes/decisions_since.json?words=beslutade&since=2024-01-01&_shape=array")
    assert [r["decision_id"] for r in rows] == ["d-skolskjuts"]
    rows = _json(get, "/minutes/decisions_since.json?words=beslutade&since=&_shape=array")
    assert [r["decision_id"] for r in rows] == ["d-skolskjuts", "d-forskolor"]


def test_who_attended_a_body_in_a_year(get):
    rows = _json(get, "/minutes/attended.json?body=utbildningsnämnden&year=2023&_shape=array")
    assert [(r["person"], r["present"], r["absent"]) for r in rows] == [
        ("Anna Berg", 1, 0), ("Eva Okänd", 1, 0), ("Karl Lind", 0, 1)]
    rows = _json(get, "/minutes/attended.json?body=Kommunfullmäktige&year=2023&_shape=array")
    assert sorted((r["person"], r["party"]) for r in rows) == [("Anna Berg", "M"), ("Karl Lind", "S")]


def test_a_persons_record_lists_what_they_did(get):
    rows = _json(get, "/minutes/record.json?person=karl-lind&_shape=array")
    assert [(r["meeting_date"], r["activity"]) for r in rows] == [
        ("2023-01-10", "absent"), ("2023-01-10", "presented"), ("2023-01-10", "recused"),
        ("2023-02-01", "attended"), ("2023-02-01", "moved"), ("2023-02-01", "reserved"), ("2023-02-01", "voted")]
    assert {r["detail"] for r in rows if r["activity"] in ("voted", "moved")} == {"nej", "lost: bifall till motionen"}
    by_name = _json(get, "/minutes/record.json?person=Anna&_shape=array")
    assert {r["activity"] for r in by_name} == {"attended", "chaired", "named in", "voted"}
    assert _json(get, "/minutes/record.json?person=&_shape=array") == []


def test_every_table_and_column_has_a_title_and_a_description(mirror):
    columns = table_columns(mirror)
    tables = metadata("minutes", columns)["databases"]["minutes"]["tables"]
    assert {"decisions", "items", "persons", "person_record", "member_votes", "decisions_view"} <= set(columns)
    for table, names in columns.items():
        assert tables[table].get("title") and tables[table].get("description"), table
        missing = [c for c in names if not tables[table]["columns"].get(c)]
        assert not missing, (table, missing)


def test_metadata_and_facets_are_served(get):
    meta = _json(get, "/-/metadata.json")
    decisions = meta["databases"]["minutes"]["tables"]["decisions"]
    assert decisions["facets"] == ["body", "year", "label", "ocr"]
    assert decisions["columns"]["document_path"].startswith("The source file")
    facets = _json(get, "/minutes/decisions.json")["facet_results"]
    assert set(facets) == {"body", "year", "label", "ocr"}
    assert {(f["value"], f["count"]) for f in facets["year"]["results"]} == {(2023, 3), (2024, 1)}
    assert {(f["value"], f["count"]) for f in facets["ocr"]["results"]} == {(0, 3), (1, 1)}
    queries = {q["name"] for q in _json(get, "/minutes.json")["queries"]}
    assert queries == {"search", "decisions_since", "attended", "record"}


def test_a_decision_row_links_to_its_source_file_at_its_page(get, mirror):
    page = get("/minutes/decisions/d-forskolor").text
    href = re.search(r'<a class="source" href="([^"]+)"', page)[1].replace("&amp;", "&")
    assert href.endswith("bun-2023-01-10.pdf#page=2")
    source = get(href.split("#")[0])
    assert source.status_code == 200 and source.headers["content-type"] == "application/pdf"
    assert source.content[:5] == b"%PDF-"
    item = get("/minutes/items/i-forskolor").text
    assert re.search(r'<a class="source" href="[^"]+bun-2023-01-10.pdf#page=2"', item)


def test_the_source_route_serves_only_files_the_database_names(get, mirror):
    assert get("/-/source/minutes?path=/etc/passwd").status_code == 404
    assert get(f"/-/source/minutes?path={mirror}").status_code == 404
    assert get("/-/source/elsewhere?path=/etc/passwd").status_code == 404


def test_a_running_server_follows_the_database_when_it_changes(tmp_path):
    from pipeline.serve.app import ServeParams
    from pipeline.store import db as load

    db = make_archive(tmp_path / "archive")
    mirror, _ = ensure_mirror(db, progress=False)
    ds = make_datasette(mirror, ServeParams(check_every_s=0), source=db)

    async def decisions():
        return {r["id"] for r in (await ds.client.get("/minutes/decisions.json?_shape=array")).json()}

    async def scenario():
        before = await decisions()
        con = load.connect(db)
        con.execute("INSERT INTO decisions (id, meeting_id, document_id, item_id, item_number, label, text, recap) "
                    "VALUES ('d-new', 'm-kf-2023', 'doc-kf-2023', 'i-cykel', '5', 'Beslut', 'Beslutet bifalls.', false)")
        con.close()
        return before, await decisions()

    before, after = asyncio.run(scenario())
    assert "d-new" not in before and after == before | {"d-new"}
