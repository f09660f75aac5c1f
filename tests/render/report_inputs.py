"""Inputs of the report tests: the bundled visit story and articles full of hostile markup."""

from __future__ import annotations

from pathlib import Path

from parallax.model import Article

ROOT = Path(__file__).resolve().parents[2]
VISIT = ROOT / "examples" / "visit"
ARTIFACTS = ROOT / "tests" / "artifacts"

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
PAYLOADS = (SCRIPT, IMG, JS_URL)

# Written for these tests: a short wire story whose title, outlet, link and text carry markup.
HOSTILE_TEXT = f"""Astana and Paris sign grain deal {SCRIPT}
Astana, 4 March 2025 — Kazakhstan and France signed an agreement on Tuesday to ship 1.2 million tonnes
of wheat to Marseille, the ministry of agriculture said {IMG}.

"The deal {SCRIPT} opens a new market for our farmers," said Minister Aidarbek Saparov.
The shipments will start in April and the first 40 vessels are already booked {JS_URL}.

Read also
{IMG} Grain prices fall for a third week
"""

HOSTILE_HTML = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Kazakh wheat heads to Marseille &lt;script&gt;alert(1)&lt;/script&gt;</title>
<meta property="og:title" content="Kazakh wheat heads to Marseille &lt;script&gt;alert(1)&lt;/script&gt;">
<meta property="og:site_name" content="The Steppe Courier &quot;&gt;&lt;img src=x onerror=alert(1)&gt;">
<meta property="og:url" content="{JS_URL}">
<meta property="article:published_time" content="2025-03-04T18:00:00+05:00">
<script>alert(1)</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/economy/">Economy</a></nav></header>
<article>
<h1>Kazakh wheat heads to Marseille &lt;script&gt;alert(1)&lt;/script&gt;</h1>
<p>Kazakhstan will ship 1.2 million tonnes of wheat to France under an agreement signed in Paris on
Tuesday, the agriculture ministry said. <img src=x onerror=alert(1)> The first 40 vessels are booked.</p>
<p>"Our farmers &lt;script&gt;alert(1)&lt;/script&gt; gain a new market," Minister Aidarbek Saparov told
reporters after the signing ceremony in Paris. &quot;&gt;&lt;img src=x onerror=alert(1)&gt; was printed on
the banner, organisers said.</p>
<p>Exports of Kazakh grain reached 11 million tonnes last season, and officials expect
<a href="javascript:alert(1)">javascript:alert(1)</a> shipments to France to grow in April.</p>
<script>document.write('<img src=x onerror=alert(1)>')</script>
</article>
<footer>Share <a href="javascript:alert(1)">Telegram</a></footer>
</body></html>
"""


def hostile_article() -> Article:
    return Article(
        id=f"wire-{SCRIPT}.txt",
        text=HOSTILE_TEXT,
        title=f"Grain deal {SCRIPT} {IMG}",
        outlet=f"Steppe Wire {IMG}",
        url=JS_URL,
        published="2025-03-04",
        language="en",
    )
