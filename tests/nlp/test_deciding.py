"""Whether a sentence states a decision, read from its verb, its form and its subject."""
import pytest

from pipeline.nlp import get_nlp
from pipeline.nlp.deciding import Deciding


def decides(sentence: str) -> bool:
    doc = get_nlp()(sentence)
    deciding = Deciding(doc)
    return deciding.decides([t for t in doc if not t.is_space]) is not None


@pytest.mark.parametrize("sentence", [
    "Dagordningen godkändes.",
    "Mötet beslutade att godkänna budgeten.",
    "Till kassör valdes Anna Berg.",
    "Då ingen kandidat fanns beslutade årsmötet att uppdra åt styrelsen att rekrytera.",
    "Styrelsen har beslutat att köpa en gräsklippare.",
    "Rapporten lades till handlingarna.",
    "Vi beslutar att trädgårdsgruppen åtgärdar bänkarna.",
    "Punkten ströks då räkenskapsåret inte är slutfört.",
    "Beslut att flytta 500000 kr till fasträntekontot.",
    "Fastställd.",
    "Anna Berg blir kassör.",
    "Framtagen årsberättelse är godkänd av styrelsen.",
    "Mötet enades om att skjuta upp frågan.",
    "Frågan om ev. utdebitering diskuterades och mötet beslöt att ge styrelsen i uppdrag att utdebitera.",
    "Mötet ger styrelsen mandat att teckna avtal.",
    "Styrelsen tog beslut om att anställa en vaktmästare.",
    "Styrelsen föreslog att avgiften skulle höjas, vilket årsmötet godkände.",
    "Styrelsen ställde sig bakom förslaget.",
    "Styrelsen konstituerade sig.",
    "Mötet röstade ja till förslaget.",
    "Mötet sa nej till motionen.",
    "Mötet fann sig vara stadgeenligt utlyst.",
    "Efter en diskussion om suppleanters varande eller inte antog mötet förslaget.",
    "Frågan om mötet behörigen utlysts besvarades med ja.",
    "Årsmötet inställes och skjuts fram till sommaren.",
    "Julfesten ställs in.",
    "Styrelsen stödjer motion om Moderskeppet.",
    "Mötet stöder förslaget.",
    "Föregående mötes protokoll godkändes.",
    "Val av revisor blev Ulrika Liikavainio.",
    "Åt kassören gavs fullmakt att sköta in- och utbetalningar.",
    "Protokollet från förra mötet lades till handlingarna.",
])
def test_a_decision_is_read_from_the_language(sentence):
    assert decides(sentence)


@pytest.mark.parametrize("sentence", [
    "Sveriges riksdag och regering har beslutat om återuppbyggnad av civilförsvaret.",
    "Styrelsen föreslår att årsmötet beslutar att avgiften ska vara 100 kr.",
    "Inget beslut fattades.",
    "Förslaget lades fram av Anna Berg.",
    "Kassören redovisade det ekonomiska läget.",
    "Styrelsen ska besluta om detta vid nästa möte.",
    "Beslut tas på nästa möte.",
    "Förslaget ska godkännas av årsmötet.",
    "För att gälla behöver ändringen godkännas även vid en andra läsning.",
    "Därför kan revisorerna tillstyrka att årsmötet beviljar styrelsen ansvarsfrihet.",
    "Frågan besvarades av kassören.",
    "Ekonomin sköts av kassören.",
    "Styrelsen stöder de aktiva i deras arbete.",
    "Bestäms på årsstämman.",
    "Beslutas vid nästa styrelsemöte.",
    "Vid föregående års sista sammanträde bordlades en bidragsansökan från körförbundet.",
    "LGS beslutade vid föregående möte att ge temagruppen ett tydligare uppdrag.",
    "På förra styrelsemötet valdes Anna Berg till kassör.",
])
def test_no_decision_without_a_deciding_predicate(sentence):
    assert not decides(sentence)


def test_beslut_om_att_states_a_decision_and_beslut_om_titles_a_point():
    assert decides("Beslut om att en fond omsätts i fasträntekonto.")
    assert not decides("Beslut om budget för 2024")
