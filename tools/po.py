"""Maintain the Swedish translations without GNU gettext's msgfmt.

    python tools/po.py untranslated PO_FILE        # JSON list of msgids still to translate
    python tools/po.py fill PO_FILE JSON_FILE      # set msgstr from {"msgid": "msgstr", ...}
    python tools/po.py compile                     # every locale/*/django.po -> django.mo

Plural entries take a JSON list of the two Swedish forms.
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def untranslated(path):
    po = polib.pofile(path)
    print(
        json.dumps(
            [e.msgid for e in po if not e.translated() and not e.obsolete], ensure_ascii=False, indent=1
        )
    )


def fill(path, json_path):
    po = polib.pofile(path)
    translations = json.loads(Path(json_path).read_text(encoding="utf-8"))
    filled = 0
    for entry in po:
        if entry.msgid in translations:
            value = translations[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value[0], 1: value[1]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
    po.save()
    missing = [e.msgid for e in po if not e.translated() and not e.obsolete]
    print(f"{filled} filled, {len(missing)} still untranslated in {path}")


def compile_all():
    for po_path in sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django.po")):
        if ".venv" in po_path.parts:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"compiled {po_path.relative_to(ROOT)}")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"untranslated": untranslated, "fill": fill, "compile": lambda: compile_all()}[command](*args)
