"""Every message exists in both languages and formats with the parameters it names."""

from __future__ import annotations

import re

from indikator.i18n import catalogue, t


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for key, texts in catalogue().items():
        assert texts["id"].strip() and texts["en"].strip(), key
        fields = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in texts.items()}
        assert fields["id"] == fields["en"], key


def test_lookup_formats_parameters_in_the_chosen_language() -> None:
    assert t("common.file_not_found", "en", path="x.tsv") == "File not found: x.tsv"
    assert t("common.file_not_found", "id", path="x.tsv") == "Berkas tidak ditemukan: x.tsv"
