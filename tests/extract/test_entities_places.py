"""The towns' index: one table per script, built from the gazetteer's names in that script."""

from __future__ import annotations

from parallax.extract.entities import places
from parallax.extract.entities.places import build_index, place_named, script_of


def test_the_best_known_place_of_a_name_wins_and_the_first_on_a_tie():
    names = [
        ("Paris", 2_100_000, "Paris"),
        ("Paris", 25_000, "Paris (Texas)"),
        ("Sankt Peterburg", 5_000_000, "Saint Petersburg"),
        ("Sankt-Peterburg", 5_000_000, "Leningrad"),
        ("Ostrava", 280_000, "Ostrava"),
        ("Oslo", 700_000, "Oslo"),
    ]
    index = build_index(names)
    assert index["paris"] == ("Paris", 2_100_000)
    assert index["ostrav"] == ("Ostrava", 280_000)  # final vowels dropped: Ostravu, Ostravě meet it
    assert "osl" not in index  # under four letters once the ending is gone
    assert index["sankt peterburg"] == ("Saint Petersburg", 5_000_000)


def test_a_name_as_written_beats_another_places_name_without_its_last_vowels():
    names = [("Arizona", 25_000, "Arizona"), ("Arizonia", 95_000, "Yuma"), ("Ostrava", 280_000, "Ostrava")]
    index = build_index(names)
    assert index["arizon"] == ("Yuma", 95_000)  # an inflected form still meets the larger town
    assert index[places.AS_WRITTEN + "arizona"] == ("Arizona", 25_000)
    assert places.AS_WRITTEN + "ostrava" not in index  # kept only where the two readings differ
    assert place_named(["arizona"]) == "Arizona"
    assert place_named(["arizona"], min_population=50_000) is None


def test_names_are_found_in_their_own_script_and_with_case_endings():
    assert place_named(["ostrava"]) == "Ostrava"
    assert place_named(["остраву"]) == "Ostrava"
    assert place_named(["ostrava"], min_population=10_000_000) is None
    assert place_named(["qqqqzzzz", "ostrava"]) == "Ostrava"


def test_every_key_lies_in_the_table_of_its_first_letters_script():
    """The lookup asks only the table of the key's script: a name filed by the script of its
    written first letter must keep that script once normalised."""
    for script in places._names_by_script():
        keys = [key.removeprefix(places.AS_WRITTEN) for key in places._index(script)]
        assert all(script_of(key[0]) == script for key in keys), script
