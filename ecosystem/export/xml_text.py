"""Registry text made safe for an XML file: cleaned, then escaped.

Registry text is untrusted. Before it goes into GEXF or GraphML it loses the
control and bidirectional characters that :func:`ecosystem.untrusted.clean_text`
removes, and the code points XML 1.0 forbids (lone surrogates, U+FFFE,
U+FFFF), so no name can make the file malformed; then ``&``, ``<``, ``>`` (and
``"`` in attributes) become entities, and tab, newline and carriage return in
an attribute become character references, so a reader gets them back as they
were instead of as spaces.

References
----------
Extensible Markup Language (XML) 1.0, 5th ed., W3C 2008: §2.2 Characters,
§3.3.3 Attribute-Value Normalization.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import chain, repeat

from ecosystem.untrusted import clean_text

__all__ = ["xml_attribute", "xml_clean", "xml_clean_all", "xml_content", "xml_rows"]

_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_clean(text: str) -> str:
    """``text`` without control, bidi and XML-forbidden characters.

    Examples
    --------
    >>> xml_clean("Reef\\x00 Trust\\x1b[2J\\u202e\\ufffe")
    'Reef Trust[2J'
    """
    return _NOT_XML.sub("", clean_text(text))


def xml_clean_all(texts: list[str]) -> list[str]:
    """:func:`xml_clean` of each text, each distinct text once.

    Most texts have nothing to remove: the texts joined by newlines (a character
    neither pattern removes, so no match spans two texts) are searched once, and
    returned as they are when nothing is found.

    Examples
    --------
    >>> xml_clean_all(["Reef", "Fund\\u202e", "Reef"])
    ['Reef', 'Fund', 'Reef']
    """
    joined = "\n".join(texts)
    if clean_text(joined) == joined and not _NOT_XML.search(joined):
        return list(texts)
    clean = {t: xml_clean(t) for t in dict.fromkeys(texts)}
    return [clean[t] for t in texts]


def xml_rows(parts: list) -> str:
    """Rows of text: each part a string (the same in every row) or a list (one per row).

    ``"".join`` over the parts row by row, without a format call per row (the
    writers build hundreds of thousands of edge elements this way).

    Examples
    --------
    >>> xml_rows(['<node id="', ["a", "b"], '" n="', ["1", "2"], '"/>\\n'])
    '<node id="a" n="1"/>\\n<node id="b" n="2"/>\\n'
    """
    merged: list = []
    for p in parts:
        if isinstance(p, str) and merged and isinstance(merged[-1], str):
            merged[-1] += p
        else:
            merged.append(p)
    if all(isinstance(p, str) for p in merged):
        raise ValueError("xml_rows needs at least one list of row values")
    return "".join(chain.from_iterable(zip(*(repeat(p) if isinstance(p, str) else p
                                               for p in merged))))


#: Joins texts to clean and escape them in one pass: no pattern removes it, no escape
#: changes it (a text holding it is done on its own).
_SEP = "\u2028"


def _attribute(text: str) -> str:
    return (xml_clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;")
            .replace("\t", "&#9;"))


def _content(text: str) -> str:
    return (xml_clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _each(values: Iterable[str], escape) -> list[str]:
    """``escape`` of each text: of all of them joined by :data:`_SEP` at once (cleaning and
    escaping work character by character, so this is the same), else of each distinct text."""
    texts = list(values)
    if not texts:
        return []
    joined = _SEP.join(texts)
    if joined.count(_SEP) == len(texts) - 1:
        return escape(joined).split(_SEP)
    done = {t: escape(t) for t in dict.fromkeys(texts)}
    return [done[t] for t in texts]


def xml_attribute(values: Iterable[str]) -> list[str]:
    """Each text cleaned and escaped for a double-quoted XML attribute value.

    Examples
    --------
    >>> xml_attribute(['A & "B" <c>', "two\\nlines", "x\\u2028y"])
    ['A &amp; &quot;B&quot; &lt;c&gt;', 'two&#10;lines', 'x\\u2028y']
    """
    return _each(values, _attribute)


def xml_content(values: Iterable[str]) -> list[str]:
    """Each text cleaned and escaped for XML element content.

    Examples
    --------
    >>> xml_content(["Fish & <Chips>\\r"])
    ['Fish &amp; &lt;Chips&gt;&#13;']
    """
    return _each(values, _content)
