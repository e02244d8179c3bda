"""The character encoding of a text registry file (CSV, HXL): BOM, UTF-8, else detected.

:func:`decode` names the encoding it used, so that loaders can state it in the
source provenance (``Registry.sources[i]["encoding"]``) rather than replacing
undecodable bytes with U+FFFD. A byte-order mark decides; else strict UTF-8;
else the encoding `charset-normalizer <https://github.com/jawah/charset_normalizer>`_
finds most likely. Bytes that no encoding explains are refused.

Examples
--------
>>> decode("Médecins Sans Frontières, Tchad\\n".encode("latin-1"), file="3w.csv")[1]
'cp1252'
>>> decode(b"\\xef\\xbb\\xbfUNICEF", file="3w.csv")
('UNICEF', 'utf-8-sig')
"""
from __future__ import annotations

import codecs
from pathlib import Path

from ecosystem.errors import InputError

__all__ = ["BOMS", "PREFERRED", "decode", "detect_encoding"]

#: Byte-order marks and the encodings they announce (longest first).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))

#: Encodings preferred when charset-normalizer finds several equally likely
#: (short Western European text reads alike in cp1250 and cp1252, but
#: registries written in a legacy encoding are far more often in cp1252).
PREFERRED = ("cp1252", "latin_1", "iso8859_15")


def detect_encoding(data: bytes, partial: bool = False) -> str | None:
    """The encoding of ``data``: its BOM's, ``"utf-8"`` when valid, else charset-normalizer's guess.

    ``partial``: ``data`` is the head of a file, so a UTF-8 character cut at its end is allowed.

    >>> detect_encoding(b"plain"), detect_encoding(codecs.BOM_UTF16_LE + "a".encode("utf-16-le"))
    ('utf-8', 'utf-16')
    """
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if partial and exc.reason == "unexpected end of data":
            return "utf-8"
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not results:
        return None
    best = results[0]
    tied = {m.encoding for m in results if (m.chaos, m.coherence) == (best.chaos, best.coherence)}
    return next((name for name in PREFERRED if name in tied), best.encoding)


def decode(data: bytes, *, file: str | Path | None = None) -> tuple[str, str]:
    """(text, encoding) of a file's bytes; the BOM is dropped.

    Raises
    ------
    InputError
        When no encoding reads the bytes (a binary file or a damaged one).
    """
    encoding = detect_encoding(data)
    if encoding is None:
        raise InputError("cannot tell the character encoding (not text, or damaged); save "
                         "the file as UTF-8", file=file)
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"not {encoding} text: {exc}; save the file as UTF-8",
                         file=file) from None
