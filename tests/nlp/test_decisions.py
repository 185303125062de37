"""Decisions: keyword lines, sentences that decide, election lists, referrals."""
from pathlib import Path

from .helpers import minutes_of

ANNUAL = """Protokoll från årsmöte i Vänersborgs Schackklubb
Söndagen den 16 februari 2025 kl. 14.00

1. Val av mötesfunktionärer
Mötet valde Erik Sand till ordförande och Maria Lind till sekreterare.

2. Verksamhetsberättelse
Verksamhetsberättelsen föredrogs. Verksamhetsberättelsen godkändes och lades till handlingarna.

3. Ansvarsfrihet
Årsmötet beviljade styrelsen ansvarsfrihet för verksamhetsåret 2024.

4. Medlemsavgift
Styrelsen föreslog oförändrad avgift.

Årsmötet beslöt enligt förslaget.

5. Övriga frågor
Johan Björk tog upp frågan om nya schackur. Frågan hänskjuts till styrelsen.

6. Rapporter
Kassören redovisade det ekonomiska läget. Styrelsen ska besluta om inköp vid nästa möte.
"""

MARKDOWN = """# Styrelsemöte Föreningen Kodklubben 2024-05-02

## 1. Ekonomi
Ida Falk redogjorde för ekonomin.

* Beslut att flytta 20 000 kr till sparkontot.
* Beslut att köpa en ny projektor.

## 2. Val av revisor
Till revisor valdes:
- Karin Ström
- Ali Demir
"""


def texts(tmp_path: Path, text: str) -> list[str]:
    return [d.text for d in minutes_of(tmp_path, text).decisions]


def by_item(minutes) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in minutes.decisions:
        out.setdefault(d.item, []).append(d.text)
    return out


def test_each_deciding_paragraph_is_one_decision(tmp_path: Path):
    found = by_item(minutes_of(tmp_path, ANNUAL))
    assert found["1"] == ["Mötet valde Erik Sand till ordförande och Maria Lind till sekreterare."]
    assert found["3"] == ["Årsmötet beviljade styrelsen ansvarsfrihet för verksamhetsåret 2024."]
    assert found["4"] == ["Årsmötet beslöt enligt förslaget."]


def test_a_proposal_and_a_plan_are_not_decisions(tmp_path: Path):
    found = by_item(minutes_of(tmp_path, ANNUAL))
    assert "6" not in found
    assert all("föreslog" not in text for text in found["4"])


def test_a_referral_to_the_board_is_a_decision(tmp_path: Path):
    assert by_item(minutes_of(tmp_path, ANNUAL))["5"] == ["Frågan hänskjuts till styrelsen."]


def test_a_report_sentence_before_the_decision_is_left_out(tmp_path: Path):
    found = by_item(minutes_of(tmp_path, ANNUAL))["2"]
    assert len(found) == 1 and found[0].startswith("Verksamhetsberättelsen godkändes")


def test_where_decisions_are_marked_unmarked_sentences_are_not_decisions(tmp_path: Path):
    marked = ANNUAL.replace("Årsmötet beslöt enligt förslaget.", "Beslut: Avgiften är oförändrad.")
    minutes = minutes_of(tmp_path, marked)
    assert [(d.item, d.label, d.text) for d in minutes.decisions] == [("4", "Beslut", "Avgiften är oförändrad.")]


def test_bullet_decisions_are_one_each(tmp_path: Path):
    found = by_item(minutes_of(tmp_path, MARKDOWN, ".md"))
    assert found["1"] == ["Beslut att flytta 20 000 kr till sparkontot.", "Beslut att köpa en ny projektor."]


def test_the_names_listed_under_an_election_belong_to_it(tmp_path: Path):
    found = by_item(minutes_of(tmp_path, MARKDOWN, ".md"))
    assert found["2"] == ["Till revisor valdes: Karin Ström Ali Demir"]


def test_a_vote_tally_joins_its_decision(tmp_path: Path):
    text = ANNUAL.replace("Årsmötet beslöt enligt förslaget.",
                          "Årsmötet beslöt enligt förslaget. För: 12 Emot: 3 Avstår: 1")
    decision = next(d for d in minutes_of(tmp_path, text).decisions if d.item == "4")
    assert (decision.votes.yes, decision.votes.no, decision.votes.abstained) == (12, 3, 1)


def test_n_votes_against_m_is_for_and_against():
    from pipeline.nlp.vocab import load
    from pipeline.nlp.votes import parse_votes

    votes = parse_votes("Fullmäktige beslutar med 25 röster mot 20 att bifalla förslaget.", load())
    assert (votes.yes, votes.no) == (25, 20)


def test_a_decision_ending_at_its_verb_takes_the_att_list_under_it(tmp_path: Path):
    """tests/nlp/docs/section_meeting.md: a student section's Markdown minutes, "Mötet
    beslutar" over bullets that open with "att"."""
    text = (Path(__file__).parent / "docs" / "section_meeting.md").read_text(encoding="utf-8")
    minutes = minutes_of(tmp_path, text, ".md")
    found = by_item(minutes)
    assert found["3"] == ["Mötet beslutar att välja Hugo Ahl och Sara Wik till justerare tillika rösträknare."]
    assert found["4"] == ["Mötet beslutar att bifalla motionen, att ge styrelsen i uppdrag att köpa in en kaffebryggare."]
    assert minutes.meeting.adjusters == ["Hugo Ahl", "Sara Wik"]


def test_deciding_sentences_running_on_in_a_line_are_one_decision(tmp_path: Path):
    text = ANNUAL.replace("Årsmötet beslöt enligt förslaget.",
                          "Årsmötet godtog inte förslaget utan höjde avgiften till 300 kr. Vid handuppräckning var 24\n"
                          "av 38 för det nya förslaget, som därmed antogs.")
    assert by_item(minutes_of(tmp_path, text))["4"] == [
        "Årsmötet godtog inte förslaget utan höjde avgiften till 300 kr. Vid handuppräckning var 24 "
        "av 38 för det nya förslaget, som därmed antogs."]


def test_deciding_sentences_on_lines_of_their_own_are_one_decision_each(tmp_path: Path):
    text = ANNUAL.replace("Årsmötet beslöt enligt förslaget.",
                          "Till revisorer valdes Uno Persson och Tove Berg.\nTill revisorssuppleant valdes Kerstin Olsson.")
    assert by_item(minutes_of(tmp_path, text))["4"] == [
        "Till revisorer valdes Uno Persson och Tove Berg.", "Till revisorssuppleant valdes Kerstin Olsson."]


def test_an_amount_ending_a_sentence_ends_it_before_the_decision(tmp_path: Path):
    text = ANNUAL.replace("Årsmötet beslöt enligt förslaget.",
                          "Det ger ett arvode på 3200 kr.\nFörslaget godkändes av mötet.")
    assert by_item(minutes_of(tmp_path, text))["4"] == ["Förslaget godkändes av mötet."]


def test_a_keyword_left_empty_is_no_decision(tmp_path: Path):
    text = ANNUAL.replace("Årsmötet beslöt enligt förslaget.", "Beslut: -")
    assert "4" not in by_item(minutes_of(tmp_path, text))


def test_a_proposal_label_makes_its_sentence_a_proposal(tmp_path: Path):
    text = ANNUAL.replace("Årsmötet beslöt enligt förslaget.", "Förslag till beslut: Årsmötet godkänner avgiften.")
    assert "4" not in by_item(minutes_of(tmp_path, text))


def test_an_att_list_under_a_decision_ends_at_the_next_item(tmp_path: Path):
    text = ANNUAL.replace("Årsmötet beslöt enligt förslaget.",
                          "Årsmötet beslöt:\n- att avgiften är oförändrad\n- att kassören skickar fakturorna")
    assert by_item(minutes_of(tmp_path, text))["4"] == [
        "Årsmötet beslöt: att avgiften är oförändrad att kassören skickar fakturorna"]


def test_sub_items_numbered_without_a_stop_part_their_decisions(tmp_path: Path):
    text = ANNUAL.replace("1. Val av mötesfunktionärer\nMötet valde Erik Sand till ordförande och Maria Lind till sekreterare.",
                          "1. Val av mötesfunktionärer\n1.1 Ordförande\nStyrelsen väljer Erik Sand som mötesordförande.\n"
                          "1.2 Sekreterare\nStyrelsen väljer Maria Lind som mötessekreterare.")
    assert by_item(minutes_of(tmp_path, text))["1"] == ["Styrelsen väljer Erik Sand som mötesordförande.",
                                                        "Styrelsen väljer Maria Lind som mötessekreterare."]


def test_each_list_entry_is_its_own_paragraph_also_before_any_item(tmp_path: Path):
    text = ("# Möte i arbetsgruppen 2024-12-06\n\n## Villkor\n\n- Jämförelse med andra villkor\n\n- Diskussion om:\n\n"
            "  - Alternativa konton\n\n- Beslut att använda deras villkor som grund\n\n## Uppgifter\n\n"
            "1. Anna skriver utkast\n2. Per granskar\n")
    assert [d.text for d in minutes_of(tmp_path, text, ".md").decisions] == [
        "Beslut att använda deras villkor som grund"]


def test_a_table_laid_out_under_enligt_foljande_belongs_to_the_decision(tmp_path: Path):
    text = ANNUAL.replace("Årsmötet beslöt enligt förslaget.",
                          "Årsmötet antog budgeten enligt följande:\n\nIntäkter\nMedlemsavgifter\t20000\nUtgifter\n"
                          "Porto\t1800\n\nKassören tackade.")
    assert by_item(minutes_of(tmp_path, text))["4"] == [
        "Årsmötet antog budgeten enligt följande: Intäkter Medlemsavgifter 20000 Utgifter Porto 1800"]


def test_a_list_under_a_deciding_sentence_is_not_read_again_as_elections(tmp_path: Path):
    text = ANNUAL.replace("1. Val av mötesfunktionärer\nMötet valde Erik Sand till ordförande och Maria Lind till sekreterare.",
                          "1. Val av styrelse\nMötet antog förslaget enhälligt:\n\n- Ordförande\n- Erik Sand\n"
                          "- Kassör\n- Maria Lind")
    assert by_item(minutes_of(tmp_path, text))["1"] == [
        "Mötet antog förslaget enhälligt: Ordförande Erik Sand Kassör Maria Lind"]


def test_a_keyword_inside_a_paragraph_marks_the_decision_after_it(tmp_path: Path):
    text = ANNUAL.replace("Årsmötet beslöt enligt förslaget.", "Avgiften diskuterades. Beslut: avgiften höjs till 300 kr.")
    assert by_item(minutes_of(tmp_path, text))["4"] == ["avgiften höjs till 300 kr."]


def test_the_cells_of_a_beslut_column_are_the_decisions_of_their_rows(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_paragraph("Protokoll styrelsemöte Ekbackens Båtklubb 2024-04-10")
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["§", "Ärende", "Beslut"]):
        cell.text = text
    for row in [("1", "Mötets öppnande", ""), ("2", "Bryggan", "Bordlades till nästa möte"),
                ("3", "Medlemsavgift", "Oförändrad, 300 kr")]:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    path = tmp_path / "minutes.docx"
    document.save(path)
    from pipeline.ingest import ingest
    from pipeline.nlp.extract import extract
    assert [(d.item, d.text) for d in extract(ingest(path)).decisions] == [
        ("2", "Bordlades till nästa möte"), ("3", "Oförändrad, 300 kr")]


def test_each_entry_of_a_list_under_a_beslut_heading_is_a_decision(tmp_path: Path):
    text = ("# Möte i arbetsgruppen 2020-12-10\n\n## Diskussion\n\n* Leif presenterade förslaget.\n\n## Beslut\n\n"
            "* Vi beslutade att träffas oftare.\n\n* Gruppen avvaktar utredningen.\n\n* Nästa möte 2021-01-14.\n")
    assert [d.text for d in minutes_of(tmp_path, text, ".md").decisions] == [
        "Vi beslutade att träffas oftare.", "Gruppen avvaktar utredningen.", "Nästa möte 2021-01-14."]


def test_a_blank_line_of_a_text_file_ends_the_paragraph_and_an_aside_in_parentheses_joins_it(tmp_path: Path):
    text = ("Protokoll styrelsemöte Föreningen Fyren 2021-01-11\n\n1. Övriga frågor\n\n"
            "    Föreningens datorer uppdateras innevarande vecka av Lena och Kjell\n\n"
            "    Bestämdes att genomföra digitalt styrelsemöte varannan månad\n\n"
            "    (nästa 1.mars kl. 11.00 )\n\n"
            "    Kjell försöker att genomföra ett digitalt medlemsmöte med alla medlemmar\n")
    assert texts(tmp_path, text) == [
        "Bestämdes att genomföra digitalt styrelsemöte varannan månad (nästa 1.mars kl. 11.00 )"]


def test_captions_above_rules_to_sign_on_are_no_decision(tmp_path: Path):
    text = ("Protokoll styrelsemöte Byalaget 2013-01-17\n\n1. Mötet öppnades.\n\n2. Dagordningen godkändes.\n\n"
            "Protokollet skrivet av: Godkännes av ordförande:\n\n_____________________ _____________\n\n"
            "Niklas Wåhlander Evi Andersson\n")
    assert texts(tmp_path, text) == ["Dagordningen godkändes."]


def test_an_election_on_the_items_own_line_is_its_decision_and_the_label_its_title(tmp_path: Path):
    text = ("Protokoll styrelsemöte 16 maj 2013\n\n1. Mötet öppnades\n\n"
            "2. Val av en justeringsman utöver ordföranden: Fredrik Gustavsson\n\n3. Övriga frågor:\n"
            "a.) Styrelsen beslutade att be SSFF sköta löpande arbete.\n\n4. Mötet avslutades\n")
    minutes = minutes_of(tmp_path, text)
    assert minutes.items[1].title == "Val av en justeringsman utöver ordföranden"
    assert [(d.item, d.text) for d in minutes.decisions] == [
        ("2", "Val av en justeringsman utöver ordföranden: Fredrik Gustavsson"),
        ("3", "Styrelsen beslutade att be SSFF sköta löpande arbete.")]


def test_a_short_keyword_line_without_a_stop_ends_before_a_capitalised_line(tmp_path: Path):
    text = ("Protokoll 180414\n\nNärvarande: Peder Westerberg, Mari Johansson\n\n"
            "1. Godkännande av verksamhetsberättelse 2017\nBeslut: Godkändes och lades till handlingarna\n"
            "Protokollen presenteras på vår hemsida när handlingarna godkänts vid påföljande styrelsemöte\n\n"
            "2. Godkännande av budget 2018\nBeslut: Godkändes och lades till handlingarna\n\n"
            "3. Projektet\nMarianne presenterade den sammanställning av vad som hittills gjorts i projektet.\n"
            "Vi diskuterade vilka kontakter och möten som är inplanerade under våren och sommaren.\n")
    assert texts(tmp_path, text) == [
        "Godkändes och lades till handlingarna", "Godkändes och lades till handlingarna"]


def test_a_line_ending_in_an_amount_ends_its_sentence_before_a_capital(tmp_path: Path):
    text = ("Protokoll kårstyrelse 2012-09-19\n\n§ 1 Öppnande\nMötet öppnades.\n\n§ 2 Ekonomirapport:\n"
            "Bg, ca 30 000:-. På gång ut ca 6 000:-\nBeslut om att en fond omsätts i fasträntekonto.\n\n"
            "§ 3 Avslutning\nMötet avslutades.\n")
    assert texts(tmp_path, text) == [
        "Beslut om att en fond omsätts i fasträntekonto."]


def test_in_a_text_whose_lines_are_statements_each_line_ends_its_sentence(tmp_path: Path):
    text = ("Protokoll fört vid styrelsemöte Hyresgästföreningen Eken, 2016-04-07\n\n"
            "Närvarande: Eva Artfors, Stig Fredriksson, Anna Mulder\n\n"
            "Ordföranden förklarar mötet öppnat\nFöregående mötes protokoll godkändes\n\n"
            "Utskick\n\nEva går igenom förslaget med vissa ändringar och tillägg\nStyrelsen godkänner förslaget\n"
            "Utskicket sätts upp på anslagstavlorna\n\nVårresa\n\n"
            "Styrelsen beslutar att resan går till Borås lördag 28/5\nGunilla tar kontakt med bussföraren\n"
            "Stig gör utskick\n")
    assert texts(tmp_path, text) == [
        "Föregående mötes protokoll godkändes", "Styrelsen godkänner förslaget",
        "Styrelsen beslutar att resan går till Borås lördag 28/5"]


def test_a_line_of_notes_without_a_stop_ends_its_sentence_before_a_capital(tmp_path: Path):
    text = ("Minnesanteckningar servicegruppen 2015-04-27\n\n"
            "Mötet började med att vi läste de tolv traditionerna tillsammans med alla som var där och det tog tid.\n"
            "De tolv stegen lästes\nKerstin valdes till ordförande\nTiina valdes till sekreterare\n"
            "Förra minnesanteckningarna lästes upp och diskuterades en stund innan vi gick vidare med nästa fråga\n")
    assert texts(tmp_path, text) == [
        "Kerstin valdes till ordförande", "Tiina valdes till sekreterare"]


def test_a_bare_outcome_takes_the_sentences_it_approves_and_a_capitalised_verb_opens_one(tmp_path: Path):
    text = ("Protokoll årsstämma 2023\n\nÄrenden som behandlats:\n\n"
            "Fastställande av dagordning. Godkänd\n\n"
            "Nya trafikskyltar behöver inhandlas. Totalkostnad ca 20 000 kr Beviljades.\n\n"
            "Verksamhetsberättelsen lästes upp och inga invändningar.\n")
    assert texts(tmp_path, text) == [
        "Fastställande av dagordning. Godkänd",
        "Nya trafikskyltar behöver inhandlas. Totalkostnad ca 20 000 kr Beviljades."]


def test_background_placed_at_an_earlier_meeting_is_left_out_of_the_decision(tmp_path: Path):
    text = ("Protokoll fört vid sammanträde med kyrkosångsförbundets styrelse 2012-01-09\n\n"
            "§ 1 Ordföranden öppnade sammanträdet.\n\n"
            "§ 2 Vid föregående års sista sammanträde bordlades en bidragsansökan från körförbundet. "
            "Styrelsen beslutade att bidra med 10 000 kr.\n")
    assert [(d.item, d.text) for d in minutes_of(tmp_path, text).decisions] == [
        ("2", "Styrelsen beslutade att bidra med 10 000 kr.")]


def test_a_label_before_a_deciding_sentence_in_lower_case_is_no_part_of_it(tmp_path: Path):
    text = ("Protokoll nr 79 fört vid Ekens Samhällsförenings styrelsemöte 2016-11-22.\n"
            "Närvarande: Christer Santesson, Hans Amberntsson\n"
            "- Dagordningen: dagordningen godkändes.\n"
            "- Föregående mötes protokoll: föregående mötes protokoll diskuterades och godkändes.\n"
            "- Styrelsen beslutar: att höja avgiften.\n")
    assert texts(tmp_path, text) == [
        "dagordningen godkändes.", "föregående mötes protokoll diskuterades och godkändes.",
        "Styrelsen beslutar: att höja avgiften."]


def test_an_outcome_with_a_pronoun_for_its_subject_takes_the_request_before_it(tmp_path: Path):
    text = ("Protokoll styrelsemöte 2016-08-15\n\n1. Mötets öppnande\nMötet förklaras öppnat.\n\n"
            "2. Balkväll\nCecilia undrar om föreningen kan stå för ett eventuellt underskott. Det godkännes.\n")
    assert texts(tmp_path, text) == [
        "Cecilia undrar om föreningen kan stå för ett eventuellt underskott. Det godkännes."]
