"""Column headers as people write them.

A header is matched after normalising: case folded, spaces, dashes, dots, slashes and
underscores dropped, so "E-post", "e post", "EPOST" and "e_post" are one header, and
"organisation_number" is "Organisation number". Each table accepts its machine names, the
labels of its columns in Swedish and English (the headers its readable export writes), and
the other names Swedish offices use for them (``header_aliases`` on the resource).
"""

import re
import unicodedata

_IGNORED = re.compile(r"[\s_\-./:()]+")


def normalise_header(text) -> str:
    """The header reduced to what tells it apart: ``"E-post "`` and ``"epost"`` are equal."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", str(text or "")).casefold())


def capitalise(text: str) -> str:
    """The first letter in upper case, the rest as written ("e-post" -> "E-post")."""
    return text[:1].upper() + text[1:]
