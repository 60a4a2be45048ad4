"""The Spanish public pages: every message of the catalogue is translated, and the compiled
catalogue that ships (committed, so no gettext tools are needed to deploy) holds them all."""

import gettext
from pathlib import Path

import complaints

LOCALE = Path(complaints.__file__).parent / "locale"


def _entries(po: str) -> list[tuple[str, bool]]:
    """(msgid, translated) for each entry of the .po file, the header aside."""
    entries = []
    for block in po.split("\n\n")[1:]:
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        text = "\n".join(lines)
        msgid = text.split("msgstr", 1)[0]
        translated = 'msgstr ""' not in text or 'msgstr ""\n"' in text
        if "msgid_plural" in text:
            translated = 'msgstr[0] ""' not in text
        entries.append((msgid, translated))
    return entries


def test_every_message_is_translated_and_compiled():
    po = (LOCALE / "es/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    entries = _entries(po)
    assert len(entries) > 80
    assert [msgid for msgid, translated in entries if not translated] == []
    catalogue = gettext.GNUTranslations((LOCALE / "es/LC_MESSAGES/django.mo").open("rb"))
    assert catalogue.gettext("Report a concern") == "Presentar una denuncia"
    assert catalogue.gettext("Send the report") == "Enviar la denuncia"
    assert len(catalogue._catalog) >= len(entries)
