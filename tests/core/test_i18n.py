"""Every message exists in both languages and formats with the parameters it names."""

from __future__ import annotations

import re

from indikator.core.i18n import catalogue, t


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for key, texts in catalogue().items():
        assert texts["id"].strip() and texts["en"].strip(), key
        fields = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in texts.items()}
        assert fields["id"] == fields["en"], key


def test_lookup_formats_parameters_in_the_chosen_language() -> None:
    assert t("common.file_not_found", "en", path="x.tsv") == "File not found: x.tsv"
    assert t("common.file_not_found", "id", path="x.tsv") == "Berkas tidak ditemukan: x.tsv"


def test_message_renders_nested_messages_and_errors_in_its_own_language() -> None:
    from indikator.core.errors import ScaleError
    from indikator.core.i18n import Message

    inner = ScaleError("scales.bad_field", name="s", path="p", field="f", detail="x")
    message = Message("scales.gap_no_band", {"name": "S", "path": "P", "where": "[0, 1)",
                                             "side": Message("scales.side_next"),
                                             "policy": inner})
    english = message.render("en")
    assert "no next band" in english and "field `f` is invalid" in english
    indonesian = message.render("id")
    assert "pita berikutnya" in indonesian and "kolom `f` tidak sah" in indonesian
    # an error whose parameter is an error renders the inner one in the same language
    outer = ScaleError("scales.bad_field", name="s", path="p", field="g", detail=inner)
    assert "field `f` is invalid" in outer.message("en")
    assert "kolom `f` tidak sah" in outer.message("id")
