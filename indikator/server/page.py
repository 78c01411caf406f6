"""The web page at ``/``: server-rendered HTML in the request's language, no CDN, no build.

The page has three parts — check a formula (reading as MathML, variables, findings with a
one-click fix), the Pengukuran Kinerja table of an uploaded realisation file (capaian,
predikat colours, audit flags, unread cells, workbook downloads), and rating a value on a
scale with its bands drawn — driven by ``static/page.js`` calling the JSON API.  Texts come
from ``locale/page.toml``; the script gets the ones it needs as a JSON island.  This module
only renders text.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from pathlib import Path

from indikator.core.i18n import catalogue, t

STATIC = Path(__file__).with_name("static")


def _texts(lang: str) -> dict[str, str]:
    return {key.removeprefix("page."): texts[lang] for key, texts in catalogue().items()
            if key.startswith("page.")}


@cache
def render(lang: str) -> str:
    """The page's HTML in *lang* (``id`` or ``en``)."""
    def e(key: str) -> str:
        return escape(t(f"page.{key}", lang))

    other = "en" if lang == "id" else "id"
    island = json.dumps({"lang": lang, "texts": _texts(lang)}, ensure_ascii=False)
    island = island.replace("<", "\\u003c")
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e("title")}</title>
<link rel="stylesheet" href="/static/page.css">
</head>
<body>
<header>
  <h1>{e("title")}</h1>
  <a id="lang-switch" href="/?lang={other}" hreflang="{other}">{e("switch")}</a>
  <p>{e("intro")}</p>
</header>
<main>
<section id="formula-section">
  <h2>{e("formula_title")}</h2>
  <label for="formula">{e("formula_label")}</label>
  <textarea id="formula" rows="3" spellcheck="false"></textarea>
  <div class="row">
    <label>{e("name_label")} <input id="indicator-name" type="text"></label>
    <label>{e("unit_label")} <input id="indicator-unit" type="text"></label>
  </div>
  <div class="panes">
    <div><h3>{e("reading")}</h3><div id="reading" class="reading" aria-live="polite"></div>
         <h3>{e("variables")}</h3><ul id="variables"></ul></div>
    <div><h3>{e("findings")}</h3><div id="findings" aria-live="polite"></div></div>
  </div>
</section>
<section id="table-section">
  <h2>{e("table_title")}</h2>
  <label id="drop" class="drop" for="table-file">{e("drop")}
    <input id="table-file" type="file" accept=".csv,.tsv,.txt,.xlsx,.xlsm,.ods"></label>
  <p id="table-status" aria-live="polite"></p>
  <div id="downloads" hidden>
    <button id="download-xlsx" type="button">{e("download_xlsx")}</button>
    <button id="download-docx" type="button">{e("download_docx")}</button>
    <button id="download-zip" type="button">{e("download_zip")}</button>
  </div>
  <div class="scroll"><table id="results" hidden>
    <thead><tr><th>#</th><th>{e("col_indicator")}</th><th>{e("col_year")}</th>
      <th>{e("col_target")}</th><th>{e("col_actual")}</th><th>{e("col_achievement")}</th>
      <th>{e("col_category")}</th><th>{e("col_audit")}</th><th>{e("col_message")}</th></tr></thead>
    <tbody></tbody></table></div>
  <div id="unread" hidden><h3>{e("unread")}</h3><ul></ul></div>
</section>
<section id="rate-section">
  <h2>{e("rate_title")}</h2>
  <div class="row">
    <label>{e("scale_label")} <select id="scale"></select></label>
    <label>{e("value_label")} <input id="rate-value" type="text" value="80,68"></label>
    <button id="rate-button" type="button">{e("rate_button")}</button>
  </div>
  <div id="bands" class="bands"></div>
  <p id="rating" aria-live="polite"></p>
</section>
</main>
<footer><p>{e("api_note")}</p></footer>
<script id="page-data" type="application/json">{island}</script>
<script src="/static/page.js"></script>
</body>
</html>
"""
