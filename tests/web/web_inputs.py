"""Inputs of the web tests: the bundled example corpus with its outlets, and hostile articles.

Every text here was written for these tests.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from parallax.model import Article

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
ARTIFACTS = ROOT / "tests" / "artifacts"
SHARED_CONTRACTS = ROOT.parent / "shared" / "contracts"
CONTRACTS = SHARED_CONTRACTS if SHARED_CONTRACTS.is_dir() else ROOT / "tests" / "contracts"

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
PAYLOADS = (SCRIPT, IMG, JS_URL)

HOSTILE_OUTLET = f"Steppe Wire {IMG}"
HOSTILE_OUTLET_2 = f"Caspian {SCRIPT} Daily"
HOSTILE_ID = f"wire-{SCRIPT}.txt"
HOSTILE_ID_2 = f"caspian-{IMG}#1.txt"

HOSTILE_TEXT = f"""Kazakhstan and Georgia sign rail freight deal {SCRIPT}
Tbilisi, 21 May 2025 — Kazakhstan and Georgia signed an agreement on Wednesday to carry 2.4 million tonnes
of freight a year through the port of Poti, the transport ministry said {IMG}.

"The corridor {SCRIPT} shortens the road to Europe by ten days," said Minister Nurlan Sauranbayev.
The first 35 container trains will run in June, and tariffs will fall by 12 percent {JS_URL}.

Read also
{IMG} Freight rates rise for a second month
"""

HOSTILE_TEXT_2 = f"""Georgia and Kazakhstan agree freight corridor through Poti {IMG}
Tbilisi, 21 May 2025 — Georgia and Kazakhstan agreed on Wednesday to move 2.4 million tonnes of freight a
year through Poti, officials said. {SCRIPT}

The first 35 container trains are due in June, Minister Nurlan Sauranbayev told reporters in Tbilisi.
Tariffs on the route will be cut by 15 percent, he added. <b onmouseover=alert(1)>bold</b>
"""


def hostile_articles() -> list[Article]:
    return [
        Article(
            id=HOSTILE_ID,
            text=HOSTILE_TEXT,
            title=f"Rail freight deal {SCRIPT} {IMG}",
            outlet=HOSTILE_OUTLET,
            url=JS_URL,
            published="2025-05-21",
            language="en",
        ),
        Article(
            id=HOSTILE_ID_2,
            text=HOSTILE_TEXT_2,
            title=f"Freight corridor {IMG}",
            outlet=HOSTILE_OUTLET_2,
            url=f'https://example.org/news?a=1&b="{IMG}',
            published="2025-05-21",
            language="en",
        ),
    ]


def example_outlets() -> dict[str, str]:
    """The outlet of each example file, from the corpus's gold file."""
    gold = tomllib.loads((EXAMPLES / "stories.toml").read_text(encoding="utf-8"))
    return {article["file"]: article["outlet"] for story in gold["stories"] for article in story["articles"]}


# A German report of the Ilek floods, for the upload tests: it must join the flood story.
FLOOD_DE = """Startseite | Welt | Asien
Hochwasser am Ilek: Kasachstan evakuiert 1240 Menschen im Gebiet Aktobe
6. April 2025, 17:10 Uhr
AKTOBE (Steppenbote) – Wegen des Hochwassers am Fluss Ilek haben die kasachischen Behörden im Gebiet Aktobe
1240 Menschen in Sicherheit gebracht, darunter 380 Kinder, teilte das Ministerium für Notsituationen mit.

Das Wasser war seit Freitag nach plötzlichem Tauwetter und starkem Regen um 1,8 Meter gestiegen. In mehreren
Dörfern des Bezirks Alga stehen Straßen und Höfe unter Wasser, 312 Häuser wurden überflutet.

Mehr als 2000 Retter und drei Hubschrauber sind im Einsatz. Minister Tschingis Arinow leitet den Krisenstab
in Aktobe. Präsident Kassym-Schomart Tokajew wies die Regierung an, den Betroffenen jede Hilfe zu leisten.

Lesen Sie auch
Zentralbank lässt Leitzins bei 15,25 Prozent
"""
