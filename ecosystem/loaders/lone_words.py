"""One word left alone by a split: a word of the sentence around it, not a name.

Partner fields written as prose ("… in a public-private partnership. Moreover, the
Foundation works with numerous media partners") are cut at commas and full
stops; the sentence parts are recognised by their verbs, but the word that opened
the sentence ("Moreover", "Then", "So") is left as a one-word piece, and
would become an actor that takes part in every initiative whose text repeats
the sentence. A one-word piece that is an English function word (the
stop-word list of :mod:`ecosystem.reference.stop_words`) or a sentence adverb
(:data:`SENTENCE_ADVERBS`) names no organisation.

A word written in capitals is an acronym, never a sentence word: "WHO", "US"
and "IT" stay names.

Examples
--------
>>> is_sentence_word("Moreover"), is_sentence_word("Then"), is_sentence_word("Finally")
(True, True, True)
>>> is_sentence_word("WHO"), is_sentence_word("Oceana"), is_sentence_word("Italy")
(False, False, False)
"""
from __future__ import annotations

from ecosystem.reference.stop_words import ENGLISH_STOP_WORDS

__all__ = ["SENTENCE_ADVERBS", "is_sentence_word"]

#: Adverbs that open or join sentences and are not in the stop-word list (which
#: already holds "however", "moreover", "therefore", "then", "thus", "also", …).
SENTENCE_ADVERBS = frozenset("""
additionally accordingly consequently currently finally firstly secondly thirdly lastly furthermore
importantly initially likewise meanwhile nevertheless nonetheless notably overall presently previously
recently similarly specifically subsequently ultimately today
""".split())  # noqa: SIM905


def is_sentence_word(word: str) -> bool:
    """True when ``word``, alone, is a word of a sentence: a function word or a sentence adverb.

    Parameters
    ----------
    word : str
        One word, as written (a trailing full stop or comma is ignored).

    Returns
    -------
    bool
        False for a word written in capitals (an acronym: "WHO", "US").

    Examples
    --------
    >>> is_sentence_word("However,"), is_sentence_word("So."), is_sentence_word("IT")
    (True, True, False)
    """
    bare = word.strip(" .,;:")
    if not bare or bare.isupper():
        return False
    folded = bare.casefold()
    return folded in ENGLISH_STOP_WORDS or folded in SENTENCE_ADVERBS
