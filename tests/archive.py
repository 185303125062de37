"""A small minutes database written row by row, for the mirror, Datasette, report and feed
tests: two bodies, three dated meetings, linked and unlinked names, an OCR'd decision, and
the municipal rows (motions, a roll call, a reservation, a recusal) that extraction does
not fill yet. The PDF behind the first meeting is a real file, so links to it can be opened.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.store import db as load

from .conftest import SEED_FIXTURES

PDF = SEED_FIXTURES / "002_1168f0ba22d31901.pdf"
BUN, KF = "Barn- och utbildningsnämnden", "Kommunfullmäktige"

DOCUMENTS = [  # id, file name, format, pages
    ("doc-bun-2023", "bun-2023-01-10.pdf", "pdf", 3),
    ("doc-bun-2024", "bun-2024-03-05.txt", "text", None),
    ("doc-kf-2023", "kf-2023-02-01.txt", "text", None),
]
MEETINGS = [  # id, document, body, date
    ("m-bun-2023", "doc-bun-2023", BUN, "2023-01-10"),
    ("m-bun-2024", "doc-bun-2024", BUN, "2024-03-05"),
    ("m-kf-2023", "doc-kf-2023", KF, "2023-02-01"),
]
ITEMS = [  # id, meeting, document, ordinal, number, title, case number, page
    ("i-forskolor", "m-bun-2023", "doc-bun-2023", 0, "1", "Förskolor i Sjöbacka", "BUN 2022/77", 2),
    ("i-budget", "m-bun-2023", "doc-bun-2023", 1, "2", "Budget 2023", None, 3),
    ("i-skolskjuts", "m-bun-2024", "doc-bun-2024", 0, "3", "Skolskjuts", None, None),
    ("i-cykel", "m-kf-2023", "doc-kf-2023", 0, "5", "Motion om cykelbanor", "KS 2022/12", None),
]
DECISIONS = [  # id, meeting, document, item, number, label, text, page, ocr
    ("d-forskolor", "m-bun-2023", "doc-bun-2023", "i-forskolor", "1", "Beslut",
     "Nämnden beslutade att bygga två nya förskolor i Sjöbacka.", 2, False),
    ("d-budget", "m-bun-2023", "doc-bun-2023", "i-budget", "2", "Beslut", "Budgeten för 2023 fastställs.", 3, True),
    ("d-skolskjuts", "m-bun-2024", "doc-bun-2024", "i-skolskjuts", "3", "Nämndens beslut",
     "Beslutet om skolskjuts gäller från hösten.", None, False),
    ("d-cykel", "m-kf-2023", "doc-kf-2023", "i-cykel", "5", "Beslut", "Kommunfullmäktige avslår motionen.", None,
     False),
]
PERSONS = [("anna-berg", "Anna Berg", ["A. Berg"], "Sjöbacka kommun", "Ordförande BUN"),
           ("karl-lind", "Karl Lind", [], "Sjöbacka kommun", "Ledamot")]
ATTENDANCE = [  # meeting, document, name, role, party, person
    ("m-bun-2023", "doc-bun-2023", "Anna Berg", "present", None, "anna-berg"),
    ("m-bun-2023", "doc-bun-2023", "Karl Lind", "absent", None, "karl-lind"),
    ("m-bun-2023", "doc-bun-2023", "Eva Okänd", "present", None, None),
    ("m-bun-2024", "doc-bun-2024", "Anna Berg", "present", None, "anna-berg"),
    ("m-kf-2023", "doc-kf-2023", "Anna Berg", "present", "M", "anna-berg"),
    ("m-kf-2023", "doc-kf-2023", "Karl Lind", "present", "S", "karl-lind"),
]


def make_archive(folder: Path, db_name: str = "minutes.duckdb") -> Path:
    """Write the archive's source files and database into `folder`; return the database."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(PDF, folder / "bun-2023-01-10.pdf")
    (folder / "bun-2024-03-05.txt").write_text("Barn- och utbildningsnämnden\n§ 3 Skolskjuts\n", encoding="utf-8")
    (folder / "kf-2023-02-01.txt").write_text("Kommunfullmäktige\n§ 5 Motion om cykelbanor\n", encoding="utf-8")
    path = folder / db_name
    con = load.connect(path)
    try:
        fill(con, folder)
    finally:
        con.close()
    return path


def fill(con, folder: Path) -> None:
    """Insert the archive's rows (documents point into `folder`)."""
    x = con.execute
    for doc_id, name, fmt, pages in DOCUMENTS:
        x("INSERT INTO documents VALUES (?, ?, ?, NULL, ?, ?, 'minutes', [], TIMESTAMP '2025-01-01 12:00', 'test')",
          [doc_id, str(folder / name), fmt, pages, doc_id])
    for meeting_id, doc_id, body, date in MEETINGS:
        x("INSERT INTO meetings (id, document_id, body, meeting_date, location) VALUES (?, ?, ?, ?, 'Kommunhuset')",
          [meeting_id, doc_id, body, date])
    for item_id, meeting_id, doc_id, ordinal, number, title, case, page in ITEMS:
        x("INSERT INTO items (id, meeting_id, document_id, ordinal, number, title, case_number, presenters, page, "
          "line_start, line_end, ocr) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false)",
          [item_id, meeting_id, doc_id, ordinal, number, title, case,
           ["Karl Lind"] if item_id == "i-forskolor" else [], page, 10 * ordinal, 10 * ordinal + 9])
    for dec_id, meeting_id, doc_id, item_id, number, label, text, page, ocr in DECISIONS:
        x("INSERT INTO decisions (id, meeting_id, document_id, item_id, item_number, label, text, recap, page, "
          "line_start, ocr, ocr_confidence, votes_for, votes_against) VALUES (?, ?, ?, ?, ?, ?, ?, false, ?, 1, ?, ?, "
          "?, ?)", [dec_id, meeting_id, doc_id, item_id, number, label, text, page, ocr, 71.0 if ocr else None,
                    31 if dec_id == "d-cykel" else None, 30 if dec_id == "d-cykel" else None])
    for person_id, name, aliases, organisation, title in PERSONS:
        x("INSERT INTO persons (person_id, name, aliases, organisation, title) VALUES (?, ?, ?, ?, ?)",
          [person_id, name, aliases, organisation, title])
    for k, (meeting_id, doc_id, name, role, party, person_id) in enumerate(ATTENDANCE):
        x("INSERT INTO attendance (id, meeting_id, document_id, name, role, party, person_id, page, line_start, ocr) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, false)", [f"a{k}", meeting_id, doc_id, name, role, party, person_id, k])
    x("INSERT INTO officials VALUES ('o1', 'm-bun-2023', 'doc-bun-2023', 'chair', 'Anna Berg', 'anna-berg', 100, "
      "'exact')")
    x("INSERT INTO presenters VALUES ('p1', 'i-forskolor', 'm-bun-2023', 'doc-bun-2023', 0, 'Karl Lind', "
      "'karl-lind', 100, 'exact')")
    x("INSERT INTO mentions (id, document_id, meeting_id, name, person_id, page, line_start, ocr) VALUES "
      "('n1', 'doc-bun-2023', 'm-bun-2023', 'Anna Berg', 'anna-berg', 2, 12, false)")
    x("INSERT INTO motions (id, decision_id, item_id, meeting_id, document_id, person_name, party, text, outcome, "
      "person_id) VALUES ('mo1', 'd-cykel', 'i-cykel', 'm-kf-2023', 'doc-kf-2023', 'Karl Lind', 'S', "
      "'bifall till motionen', 'lost', 'karl-lind')")
    for k, (name, party, vote, person_id) in enumerate([("Karl Lind", "S", "nej", "karl-lind"),
                                                        ("Anna Berg", "M", "ja", "anna-berg")]):
        x("INSERT INTO votes (id, decision_id, item_id, meeting_id, document_id, person_name, party, vote, person_id) "
          "VALUES (?, 'd-cykel', 'i-cykel', 'm-kf-2023', 'doc-kf-2023', ?, ?, ?, ?)", [f"v{k}", name, party, vote,
                                                                                    person_id])
    x("INSERT INTO reservations (id, decision_id, item_id, meeting_id, document_id, person_name, party, text, "
      "person_id) VALUES ('r1', 'd-cykel', 'i-cykel', 'm-kf-2023', 'doc-kf-2023', 'Karl Lind', 'S', "
      "'reserverar sig till förmån för eget yrkande', 'karl-lind')")
    x("INSERT INTO recusals (id, item_id, meeting_id, document_id, person_name, party, person_id) VALUES "
      "('j1', 'i-budget', 'm-bun-2023', 'doc-bun-2023', 'Karl Lind', 'S', 'karl-lind')")
    x("INSERT INTO link_review VALUES ('lr1', 'doc-bun-2023', 'm-bun-2023', 'attendance', 'a2', 'Eva Okänd', "
      "'unknown', NULL, [])")
    x("INSERT INTO failures VALUES (?, NULL, 'extract', 'corrupt', 'not a PDF', TIMESTAMP '2025-01-01 12:00')",
      [str(folder / "broken.pdf")])
