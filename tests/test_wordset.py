"""The memory-mapped word map (lemma table): what goes in comes out, from the cache file."""
from pipeline import wordset


def test_a_mapped_word_map_gives_back_every_value_and_the_last_of_a_repeated_key(tmp_path):
    pairs = [("beslöt", "besluta"), ("valdes", "välja"), ("har", "hare"), ("har", "ha")]
    built = wordset.mapped_map("test", [], lambda: iter(pairs), folder=tmp_path)
    assert (built.get("beslöt"), built.get("valdes"), built.get("har")) == ("besluta", "välja", "ha")
    assert built.get("okänd") is None and built.get("okänd", "okänd") == "okänd"
    reopened = wordset.mapped_map("test", [], lambda: iter(()), folder=tmp_path)
    assert reopened.get("valdes") == "välja" and len(reopened) == 3


def test_a_changed_source_builds_a_new_map(tmp_path):
    source = tmp_path / "lemmas.txt"
    source.write_text("a")
    first = wordset.mapped_map("test", [source], lambda: iter([("x", "1")]), folder=tmp_path / "cache")
    source.write_text("ab")
    second = wordset.mapped_map("test", [source], lambda: iter([("x", "2")]), folder=tmp_path / "cache")
    assert (first.get("x"), second.get("x")) == ("1", "2")
    assert len(list((tmp_path / "cache").glob("test-*.map"))) == 1
