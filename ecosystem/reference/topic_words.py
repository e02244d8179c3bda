"""Words of the topics that organisations' names are about: "Ministry of Fisheries, Aquaculture …",
"Marine Science Center".

A capitalised word of a topic names no place ("Aquaculture, Kenya" lists a
ministry's portfolio, not a town) and, with only such words before its head
word, a phrase names a unit of a body rather than a body of its own
("Virginia Aquarium & Marine Science Center" is one body).

Examples
--------
>>> is_topic_word("Fisheries"), is_topic_word("Abbassa")
(True, False)
"""
from __future__ import annotations

from ecosystem.reference.folding import fold_phrase

__all__ = ["TOPIC_WORDS", "is_topic_word"]

#: Folded topic words: government portfolios and the fields of science and conservation.
TOPIC_WORDS = frozenset("""agriculture aquaculture fisheries fishery forestry forests environment environmental
tourism culture livestock energy health education science sciences technology innovation research trade
industry industries commerce transport transportation infrastructure water waters climate change ocean oceans
marine maritime affairs planning development finance economy economic housing labour labor works
communications information broadcasting youth sports sport women gender justice interior security defence
defense foreign natural resources mines mining lands land sea seas coastal conservation wildlife parks
heritage arts social welfare rural urban food nutrition public services management policy studies
biodiversity ecology""".split())  # noqa: SIM905


def is_topic_word(word: str) -> bool:
    """True when ``word`` names a topic (see :data:`TOPIC_WORDS`), whatever its case and accents."""
    return fold_phrase(word.strip(" .,;:()")) in TOPIC_WORDS
