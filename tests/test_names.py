"""Person names in lists and running text (examples taken from the seed documents)."""
from pipeline.nlp.names import NameFinder


def names(text, list_mode=False, known=()):
    return [n.text for n in NameFinder(set(known)).find(text, list_mode=list_mode)]


def test_spaced_hyphen_names_are_fixed():
    text = "Därpå följer presentationsrunda då vi har två nya ledamöter. Ann – Sofie Rundberg och Maja Berndes."
    assert names(text) == ["Ann-Sofie Rundberg", "Maja Berndes"]


def test_comma_list_mixing_names_and_organisations():
    text = ("Angela Olausson, VästKom, Boel Mörck, VGR, Ann-Katrin Schutz, VGR, Lisbeth Löpare Johansson, "
            "Sveriges Kommuner och Regioner (SKR), Germund Persson, SKR och Anna Åberg, SKR.")
    assert names(text, list_mode=True) == ["Angela Olausson", "Boel Mörck", "Ann-Katrin Schutz",
                                           "Lisbeth Löpare Johansson", "Germund Persson", "Anna Åberg"]


def test_flattened_name_column():
    text = "Annika Leidenhed vice ordf. Henrietta Arwin Annika Waser Annika Ljungh Erika Hägg"
    assert names(text, list_mode=True) == ["Annika Leidenhed", "Henrietta Arwin", "Annika Waser",
                                           "Annika Ljungh", "Erika Hägg"]


def test_addresses_and_titles_are_not_names():
    assert names("Lokal: Göteborgsregionen konferens, Anders Personsgatan 8") == []
    assert names("Anna- Clara Collén Områdeschef, Medicin", list_mode=True) == ["Anna-Clara Collén"]


def test_bare_first_names_need_the_attendance():
    finder = NameFinder({"Ingemar", "Camilla"})
    text = "LGS ledamöter har stort förtroende för Ingemar och Camilla i denna fråga"
    assert [n.text for n in finder.bare_first_names(text)] == ["Ingemar", "Camilla"]
    assert NameFinder().bare_first_names(text) == []


def test_two_capitalised_words_that_are_no_name():
    from pipeline.nlp.names import NameFinder

    finder = NameFinder()
    assert [n.text for n in finder.find("Ulf Blomdahl, forskningsledare Ung Livsstil, informerar")] == ["Ulf Blomdahl"]
    assert [n.text for n in finder.find("Axel Nordanskog och Bo Ek")] == ["Axel Nordanskog", "Bo Ek"]


def test_a_given_name_typed_with_a_small_letter_after_its_hyphen():
    text = "Karin Nilsson, Birgitta Boström, Mari-anne Sandström, Agneta Frimodig"
    assert names(text, list_mode=True) == ["Karin Nilsson", "Birgitta Boström", "Mari-anne Sandström",
                                           "Agneta Frimodig"]


def test_an_unknown_given_name_with_a_known_surname_is_a_list_entry():
    assert names("Anne Veide, Nettan Blom och Kristina Löwenberg", list_mode=True) == \
        ["Anne Veide", "Nettan Blom", "Kristina Löwenberg"]
    assert names("Åsa Sand, Sahlgrenska Öron, Per Ek", list_mode=True) == ["Åsa Sand", "Per Ek"]


def test_hyphenated_initials_open_a_name_in_a_list_and_are_never_a_surname():
    assert names("Niclas Moberg   K-G Axelsson   Torgny Johansson", list_mode=True) == \
        ["Niclas Moberg", "K-G Axelsson", "Torgny Johansson"]
    assert names("Mötet leddes av K-G Axelsson.") == []
