"""Make the small edge-case fixtures in tests/fixtures/edge/.

Each file is named for the case it proves (see tests/fixtures/edge/README.md
for what a careful reader sees in each one):

  empty.pdf, empty.docx, empty.txt    0 bytes
  not-a-pdf.pdf, not-a-docx.docx      plain UTF-8 text under the wrong name
  corrupt.pdf                         "%PDF-1.4" header, then garbage bytes
  truncated.pdf                       first 40 % of a seed render (003)
  corrupt.docx                        tiny-beslut.docx with word/document.xml cut in half
  encrypted.pdf                       tiny-beslut.docx printed to PDF, AES-256,
                                      user password "userpw", owner password "ownerpw"
  scanned-no-text-layer.pdf           page 1 of the 003 seed PDF as a 100 dpi image only
  unsupported.xlsx                    a minimal real spreadsheet (an OOXML zip, like .docx)
  not-minutes.docx                    an invitation letter ("Inbjudan till temadag")
  tiny-paragraph-numbering.txt        invented minutes numbered "§ 1".."§ 4"
  tiny-beslut.docx                    invented minutes: Word-numbered items, attendance
                                      table, bold "Beslut:" lines

Re-run from the repository root (after scripts/render_seeds.py, whose 003 PDF
this script reads):

    .venv/bin/python scripts/render_seeds.py          # if tests/fixtures/seeds/ is missing
    .venv/bin/python scripts/make_edge_fixtures.py

Needs python-docx, pypdfium2 and Pillow (a pdfplumber dependency) from the
venv, plus ``soffice`` (LibreOffice), ``qpdf`` and ``pdftoppm`` (poppler-utils)
on PATH. Output is byte-identical between runs on the same tool versions:
fixed zip timestamps and document dates, ``qpdf --static-id --static-aes-iv``
(deliberately weak encryption: fine for a test file only). AES-256 (R6) still
draws a random file key, so encrypted.pdf is rewritten only when its decrypted
content changes.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
from docx.shared import Cm, Pt
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
import render_seeds as rs  # noqa: E402  (shared DOCX/PDF helpers)

REPO = Path(__file__).resolve().parents[1]
EDGE_DIR = Path("tests/fixtures/edge")
SEED_PDF = Path("tests/fixtures/seeds/003_bbec6273c4d55330.pdf")

TRUNCATE_SHARE = 0.4
GARBAGE_BYTES = 2048
SCAN_DPI = 100
USER_PASSWORD, OWNER_PASSWORD = "userpw", "ownerpw"
DOC_AUTHOR = "make_edge_fixtures.py"
PIL_FIXED_DATE = time.gmtime(1704067200)  # 2024-01-01T00:00:00Z, as render_seeds
TOOL_TIMEOUT_S = 300

NOT_A_PDF_TEXT = """\
Hej!

Här kommer minnesanteckningarna från gårdagens möte. Själva filen skickar jag
separat, det här är bara ett vanligt textmeddelande som fått fel filändelse.

Hälsningar
Olof
"""

NOT_A_DOCX_TEXT = """\
Protokoll

§ 1 Mötets öppnande

Ordföranden öppnade mötet. Detta är vanlig text, inte ett Word-dokument.
"""

TINY_PARAGRAPH_NUMBERING = """\
# Protokoll

## Samverkansgrupp Sjöbacka

Datum: onsdag 12 mars 2025

Tid: 18.00–19.30

Plats: Kommunhuset, sal Linnéa

Närvarande: Anna Berg (ordförande), Olof Ström (sekreterare), Karin Lind, Per Holm

Frånvarande: Eva Dahl, Lars Nyberg

§ 1 Mötets öppnande

Ordföranden Anna Berg öppnade mötet och hälsade alla välkomna.

Mötet beslutar att godkänna dagordningen.

§ 2 Val av justerare

Till justerare valdes Karin Lind.

§ 3 Budget för 2025

Olof Ström presenterade förslaget till budget för 2025. Per Holm frågade om kostnaden för lokalhyran, som ökar med fem procent.

Mötet beslutar att fastställa budgeten för 2025 enligt förslaget.

§ 4 Nästa möte och avslutning

Mötet beslutar att nästa möte hålls onsdag 9 april 2025 kl. 18.00.

Ordföranden tackade för visat intresse och avslutade mötet.

Vid protokollet

Olof Ström

Justeras

Karin Lind
"""

# tiny-beslut.docx: (heading, [body paragraphs], decision text or None)
TINY_BESLUT_HEADER = [
    "Arbetsgrupp för digital vårdplanering (ADV)",
    "Datum: tisdag 20 maj 2025",
    "Tid: 13.00–15.00",
    "Plats: Vårdcentralen Norrby, rum Eken",
]
TINY_BESLUT_ATTENDANCE = [
    ("Närvarande", ["Anna Berg, ordförande", "Olof Ström, sekreterare",
                    "Sara Nilsson, enhetschef hemsjukvården", "Johan Ek, distriktssköterska"]),
    ("Frånvarande", ["Karin Lind, verksamhetsutvecklare", "Maria Holm, biståndshandläggare"]),
    ("Inbjudna", ["Erik Sand, IT-samordnare"]),
]
TINY_BESLUT_ITEMS = [
    ("Mötets öppnande",
     ["Anna Berg hälsade alla välkomna och öppnade mötet."],
     "Dagordningen godkänns."),
    ("Föregående minnesanteckningar",
     ["Minnesanteckningarna från mötet den 15 april 2025 gicks igenom."],
     "Minnesanteckningarna läggs till handlingarna."),
    ("Gemensam rutin för digital vårdplanering",
     ["Erik Sand presenterade förslaget till gemensam rutin för vårdplanering via video. "
      "Sara Nilsson berättade om erfarenheterna från hemsjukvården, där rutinen har prövats "
      "sedan februari.",
      "Gruppen diskuterade hur kallelser ska skickas och vem som bokar tekniken."],
     "Arbetsgruppen ställer sig bakom förslaget till gemensam rutin och överlämnar det "
     "till ledningsgruppen för fastställande."),
    ("Övriga frågor",
     ["Johan Ek tar fram en checklista för förberedelser inför digitala vårdplaneringar "
      "till nästa möte."],
     "Nästa möte hålls tisdag 17 juni 2025 kl. 13.00."),
]
TINY_BESLUT_SIGNATURES = [("Vid anteckningarna", "Olof Ström"), ("Justeras", "Anna Berg")]

NOT_MINUTES_SUBTITLE = "Nära vård i praktiken – erfarenheter från tre kommuner"
NOT_MINUTES_PARAGRAPHS = [
    "Välkommen till en temadag för medarbetare och chefer inom kommunal hälso- och "
    "sjukvård, primärvård och socialtjänst. Under dagen delar tre kommuner med sig av "
    "hur de har arbetat för att göra vården mer sammanhållen för äldre med stora behov.",
    "Temadagen äger rum tisdagen den 14 oktober 2025 klockan 9.00–15.30 i Stadshusets "
    "konferenssal i Sjöbacka. Kaffe och smörgås serveras från klockan 8.30, och lunch ingår.",
    "Förmiddagen ägnas åt korta föreläsningar om mobila team, gemensam planering inför "
    "utskrivning och stöd till anhöriga. Efter lunch arbetar vi i blandade grupper och "
    "diskuterar vad som kan prövas på hemmaplan.",
    "Anmälan görs senast den 30 september via länken på samverkanswebben. Antalet platser "
    "är begränsat, så anmäl dig gärna i god tid. Meddela eventuella allergier i samband "
    "med anmälan.",
    "Har du frågor om dagen är du välkommen att höra av dig till Karin Lind.",
    "Varmt välkommen!",
]
NOT_MINUTES_SENDER = ["Karin Lind", "Samordnare, Samverkan Sjöbacka"]


# --------------------------------------------------------------------------
# Byte-level fixtures
# --------------------------------------------------------------------------

def garbage(n: int, seed: bytes = b"minutes-edge") -> bytes:
    """Given a length, return that many fixed pseudo-random bytes."""
    out = b""
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(seed + counter.to_bytes(4, "big")).digest()
        counter += 1
    return out[:n]


def corrupt_pdf() -> bytes:
    """A PDF header followed by garbage: looks like a PDF, parses as nothing."""
    return b"%PDF-1.4\n" + garbage(GARBAGE_BYTES)


def truncated_pdf(pdf: bytes) -> bytes:
    """Given a real PDF, return its first TRUNCATE_SHARE of bytes (no xref, no %%EOF)."""
    return pdf[: int(len(pdf) * TRUNCATE_SHARE)]


def write_zip(members: list[tuple[str, bytes]]) -> bytes:
    """Given (name, data) pairs, return a deflated zip with fixed timestamps."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=rs.ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return out.getvalue()


def corrupt_docx(good_docx: bytes) -> bytes:
    """Given a DOCX, return it with word/document.xml cut in half (invalid XML)."""
    with zipfile.ZipFile(io.BytesIO(good_docx)) as zf:
        members = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    return write_zip([(name, data[: len(data) // 2] if name == "word/document.xml" else data)
                      for name, data in members])


def unsupported_xlsx() -> bytes:
    """A minimal one-sheet workbook: a valid OOXML zip that is not a Word file."""
    ns = "http://schemas.openxmlformats.org"
    members = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         f'<Types xmlns="{ns}/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
         'officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
         'officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         f'<Relationships xmlns="{ns}/package/2006/relationships">'
         f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
         'Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         f'<workbook xmlns="{ns}/spreadsheetml/2006/main" '
         f'xmlns:r="{ns}/officeDocument/2006/relationships">'
         '<sheets><sheet name="Mötestider" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         f'<Relationships xmlns="{ns}/package/2006/relationships">'
         f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" '
         'Target="worksheets/sheet1.xml"/></Relationships>'),
        ("xl/worksheets/sheet1.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         f'<worksheet xmlns="{ns}/spreadsheetml/2006/main"><sheetData>'
         '<row r="1"><c r="A1" t="inlineStr"><is><t>Möte</t></is></c>'
         '<c r="B1" t="inlineStr"><is><t>Datum</t></is></c></row>'
         '<row r="2"><c r="A2"><v>1</v></c>'
         '<c r="B2" t="inlineStr"><is><t>2025-03-12</t></is></c></row>'
         '</sheetData></worksheet>'),
    ]
    return write_zip([(name, text.encode("utf-8")) for name, text in members])


# --------------------------------------------------------------------------
# Word documents
# --------------------------------------------------------------------------

def new_document():
    """Blank A4/Arial/Swedish document with this script as author."""
    document = rs.setup_document()
    document.core_properties.author = document.core_properties.last_modified_by = DOC_AUTHOR
    return document


def save_docx(document) -> bytes:
    """Given a python-docx Document, return deterministic DOCX bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    return rs.normalize_zip(buffer.getvalue())


def tiny_beslut_docx() -> bytes:
    """Invented minutes: numbered headings (numPr), attendance table, bold decisions."""
    document = new_document()
    numbering = rs.new_numbering(document)
    document.add_paragraph("Minnesanteckningar", style="Heading 1")
    for line in TINY_BESLUT_HEADER:
        document.add_paragraph(line)

    table = document.add_table(rows=len(TINY_BESLUT_ATTENDANCE), cols=2)
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, rs.ATTENDANCE_WIDTHS_CM[2]):
        column.width = Cm(width)
    for row, (heading, people) in zip(table.rows, TINY_BESLUT_ATTENDANCE):
        for cell, width in zip(row.cells, rs.ATTENDANCE_WIDTHS_CM[2]):
            cell.width = Cm(width)
        row.cells[0].paragraphs[0].add_run(heading).bold = True
        for k, person in enumerate(people):  # one person per paragraph in the cell
            p = row.cells[1].paragraphs[0] if k == 0 else row.cells[1].add_paragraph()
            p.add_run(person)
    document.add_paragraph()

    for number, (title, body, decision) in enumerate(TINY_BESLUT_ITEMS, start=1):
        heading = document.add_paragraph(style="Heading 2")
        rs.set_num_pr(heading, *numbering.top_item(number, "."))
        heading.add_run(title)  # the number is drawn by Word, not in the text
        for text in body:
            document.add_paragraph(text)
        if decision:
            p = document.add_paragraph()
            p.add_run("Beslut:").bold = True
            p.add_run(" " + decision).bold = True
    rs.write_numbering(document, numbering)

    for label, name in TINY_BESLUT_SIGNATURES:
        document.add_paragraph()
        document.add_paragraph(label)
        document.add_paragraph(name)
    return save_docx(document)


def not_minutes_docx() -> bytes:
    """An invitation letter: prose only, no items, attendance or decisions."""
    document = new_document()
    document.add_paragraph("Inbjudan till temadag", style="Title")
    subtitle = document.add_paragraph()
    subtitle.add_run(NOT_MINUTES_SUBTITLE).italic = True
    for text in NOT_MINUTES_PARAGRAPHS:
        document.add_paragraph(text).paragraph_format.space_after = Pt(8)
    sender = document.add_paragraph()
    for k, line in enumerate(NOT_MINUTES_SENDER):
        if k:
            sender.add_run().add_break()
        sender.add_run(line)
    return save_docx(document)


# --------------------------------------------------------------------------
# PDFs made with external tools
# --------------------------------------------------------------------------

def run_tool(cmd: list[str]) -> None:
    """Run an external tool, exiting with its output if it fails."""
    if not shutil.which(cmd[0]):
        sys.exit(f"make_edge_fixtures: {cmd[0]} not found on PATH (see the module docstring)")
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=TOOL_TIMEOUT_S)
    if result.returncode not in (0, 3):  # qpdf: 3 = succeeded with warnings
        sys.exit(f"make_edge_fixtures: {' '.join(cmd)} failed\n{result.stdout}{result.stderr}")


def encrypted_pdf(docx_bytes: bytes, tmp: Path) -> bytes:
    """Given a DOCX, print it to PDF and encrypt it (AES-256, user password)."""
    source = tmp / "tiny-beslut.docx"
    source.write_bytes(docx_bytes)
    rs.convert_to_pdf([source], tmp)  # writes tmp/tiny-beslut.pdf, dates pinned
    out = tmp / "encrypted.pdf"
    run_tool(["qpdf", "--static-id", "--static-aes-iv", "--encrypt", USER_PASSWORD,
              OWNER_PASSWORD, "256", "--", str(tmp / "tiny-beslut.pdf"), str(out)])
    return out.read_bytes()


def scanned_pdf(seed_pdf: Path, tmp: Path) -> bytes:
    """Given a PDF, return page 1 as an image-only PDF (no text layer)."""
    run_tool(["pdftoppm", "-r", str(SCAN_DPI), "-f", "1", "-l", "1", "-gray", "-png",
              "-singlefile", str(seed_pdf), str(tmp / "scan")])
    buffer = io.BytesIO()
    with Image.open(tmp / "scan.png") as image:
        image.convert("L").save(buffer, "PDF", resolution=float(SCAN_DPI),
                                creationDate=PIL_FIXED_DATE, modDate=PIL_FIXED_DATE,
                                producer=DOC_AUTHOR, creator=DOC_AUTHOR)
    return buffer.getvalue()


def decrypted(pdf: Path, tmp: Path) -> bytes:
    """Given an encrypted PDF, return its decrypted bytes (fixed /ID, no randomness)."""
    out = tmp / f"{pdf.stem}.decrypted.pdf"
    run_tool(["qpdf", "--static-id", f"--password={USER_PASSWORD}", "--decrypt",
              str(pdf), str(out)])
    return out.read_bytes()


def same_encrypted_content(old: Path, new: bytes) -> bool:
    """Given an existing encrypted PDF and a fresh one, return whether both decrypt alike."""
    if not old.exists():
        return False
    with tempfile.TemporaryDirectory(prefix="edge-decrypt-") as tmp:
        fresh = Path(tmp) / "fresh.pdf"
        fresh.write_bytes(new)
        return decrypted(old, Path(tmp)) == decrypted(fresh, Path(tmp))


def check_no_text_layer(pdf: bytes) -> None:
    """Exit unless every page of pdf has zero text characters."""
    document = pdfium.PdfDocument(pdf)
    counts = [document[i].get_textpage().count_chars() for i in range(len(document))]
    if len(counts) != 1 or any(counts):
        sys.exit(f"make_edge_fixtures: scanned PDF has text layer or wrong pages: {counts}")


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------

def build_all(seed_pdf: Path) -> dict[str, bytes]:
    """Given the seed PDF to cut from, return every fixture's name and bytes."""
    if not seed_pdf.exists():
        sys.exit(f"make_edge_fixtures: {seed_pdf} missing; run scripts/render_seeds.py first")
    beslut = tiny_beslut_docx()
    files = {
        "empty.pdf": b"",
        "empty.docx": b"",
        "empty.txt": b"",
        "not-a-pdf.pdf": NOT_A_PDF_TEXT.encode("utf-8"),
        "not-a-docx.docx": NOT_A_DOCX_TEXT.encode("utf-8"),
        "corrupt.pdf": corrupt_pdf(),
        "truncated.pdf": truncated_pdf(seed_pdf.read_bytes()),
        "corrupt.docx": corrupt_docx(beslut),
        "unsupported.xlsx": unsupported_xlsx(),
        "not-minutes.docx": not_minutes_docx(),
        "tiny-paragraph-numbering.txt": TINY_PARAGRAPH_NUMBERING.encode("utf-8"),
        "tiny-beslut.docx": beslut,
    }
    with tempfile.TemporaryDirectory(prefix="edge-fixtures-") as tmp:
        files["encrypted.pdf"] = encrypted_pdf(beslut, Path(tmp))
        files["scanned-no-text-layer.pdf"] = scanned_pdf(seed_pdf, Path(tmp))
    check_no_text_layer(files["scanned-no-text-layer.pdf"])
    return files


def main(argv: list[str] | None = None) -> int:
    """Write all edge fixtures; see the module docstring."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repo", type=Path, default=REPO, help="repository root")
    args = ap.parse_args(argv)
    out_dir = args.repo / EDGE_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(build_all(args.repo / SEED_PDF).items()):
        path = out_dir / name
        if name == "encrypted.pdf" and same_encrypted_content(path, data):
            print(f"{path.relative_to(args.repo)}  unchanged (same decrypted content)")
            continue
        path.write_bytes(data)
        print(f"{path.relative_to(args.repo)}  {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
