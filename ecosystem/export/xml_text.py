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

from ecosystem.untrusted import clean_text

__all__ = ["xml_attribute", "xml_clean", "xml_content"]

_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_clean(text: str) -> str:
    """``text`` without control, bidi and XML-forbidden characters.

    Examples
    --------
    >>> xml_clean("Reef\\x00 Trust\\x1b[2J\\u202e\\ufffe")
    'Reef Trust[2J'
    """
    return _NOT_XML.sub("", clean_text(text))


def xml_attribute(values: Iterable[str]) -> list[str]:
    """Each text cleaned and escaped for a double-quoted XML attribute value.

    Examples
    --------
    >>> xml_attribute(['A & "B" <c>', "two\\nlines"])
    ['A &amp; &quot;B&quot; &lt;c&gt;', 'two&#10;lines']
    """
    escaped: dict[str, str] = {}           # each distinct text once (periods, types repeat)
    out = []
    for s in values:
        t = escaped.get(s)
        if t is None:
            t = escaped[s] = (xml_clean(s).replace("&", "&amp;").replace("<", "&lt;")
                              .replace(">", "&gt;").replace('"', "&quot;")
                              .replace("\n", "&#10;").replace("\r", "&#13;")
                              .replace("\t", "&#9;"))
        out.append(t)
    return out


def xml_content(values: Iterable[str]) -> list[str]:
    """Each text cleaned and escaped for XML element content.

    Examples
    --------
    >>> xml_content(["Fish & <Chips>\\r"])
    ['Fish &amp; &lt;Chips&gt;&#13;']
    """
    return [xml_clean(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;") for s in values]
