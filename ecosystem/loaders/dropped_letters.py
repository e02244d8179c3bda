"""Accented letters a registry's export dropped, restored from the words it writes whole.

Some exports lose every letter outside ASCII: the Ocean registry writes
"Asociacin" (29 actors' names), "Fundacin", "Associao", "Roatn", "Sngal" beside
"Asociación", "Fundación", "Associação", "Roatán", "Sénégal" elsewhere in the same
file. Such a name reads wrongly in every table, and it is a different string from the
same body written whole. :func:`restore_dropped_letters` restores a word from the
registry's own vocabulary: a word whose accented letters are dropped is read as the
one accented word of the registry it comes from, when

* the registry writes exactly one accented word that gives it with its non-ASCII
  letters removed ("Asociación" → "Asociacin"), of three letters or more;
* it is not itself a word of English, Spanish, French or Portuguese (wordfreq's Zipf
  frequency below :data:`MAX_ZIPF` in each): "Fort" stays "Fort" beside "Forêt", "Valle"
  beside "Vallée", "Pesquera" beside "Pesquería", "change" beside "échange".

Names are restored (mentions, flows' parties, unresolved phrases) and titles; the
source's notes say how many values. Nothing outside the registry's own words is
invented.

References
----------
Speer, R. (2022). wordfreq: v3.0. Zenodo. https://doi.org/10.5281/zenodo.7199437
(word frequencies; the Zipf scale of Van Heuven et al. 2014).

Examples
--------
>>> import pandas as pd
>>> from ecosystem.model import Registry
>>> reg = Registry.from_frames(
...     mentions=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "role": "partner",
...                            "name": ["Asociacin Mar", "Asociación Costa", "Fort Reef Trust"],
...                            "actor_type": "unknown", "registry": "r", "record_id": "1"}),
...     initiatives=pd.DataFrame({"initiative_id": ["i1", "i2", "i3"], "registry": "r",
...                               "record_id": "1", "kind": "partnership",
...                               "title": ["Mar", "Costa", "Forêt et mer"]}),
...     sources=[{"path": "ocean.jsonl"}])
>>> out = restore_dropped_letters(reg)
>>> out.mentions["name"].tolist()
['Asociación Mar', 'Asociación Costa', 'Fort Reef Trust']
>>> out.sources[0]["notes"]
['restored accented letters the export dropped in 1 value (mentions.name 1)']
"""
from __future__ import annotations

import re
from collections import defaultdict

from ecosystem.model import Registry
from ecosystem.untrusted import rewrite_columns

__all__ = ["LANGUAGES", "MAX_ZIPF", "RESTORED_COLUMNS", "restore_dropped_letters",
           "restore_names"]

#: Languages whose words a word with dropped letters must not be.
LANGUAGES = ("en", "es", "fr", "pt")
#: Zipf frequency (log10 of occurrences per billion words) from which a word is a word of
#: a language: "Fort" 5.3 in French, "Valle" 4.7 in Spanish. wordfreq's "small" lists, read
#: here, hold the words at or above about this frequency (once per million words); the
#: export's broken words ("Cte", "Panam") are in none of them.
MAX_ZIPF = 3.0
#: Table → the columns restored.
RESTORED_COLUMNS = {
    "mentions": ("name",),
    "flows": ("provider_name", "receiver_name"),
    "unresolved": ("text",),
    "initiatives": ("title",),
}
#: The columns whose accented words make the vocabulary.
_VOCABULARY = {**RESTORED_COLUMNS, "mentions": ("name", "source_text"),
               "initiatives": ("title", "description")}
_WORD = re.compile(r"[^\W\d_]{3,}")


def restore_dropped_letters(reg: Registry) -> Registry:
    """``reg`` with words whose accented letters were dropped restored (see the module
    notes); unchanged frames kept, the registry itself when nothing is restored."""
    restore = _restorations(reg)
    if not restore:
        return reg
    return rewrite_columns(reg, RESTORED_COLUMNS, lambda text: _restored(text, restore),
                           "restored accented letters the export dropped in")


def restore_names(names: list[str], reg: Registry) -> list[str]:
    """``names`` as :func:`restore_dropped_letters` reads them in ``reg``: a name written as a
    registry's export wrote it ("Fundacin Mar Viva") is looked up as the registry holds it.

    Examples
    --------
    >>> import pandas as pd
    >>> reg = Registry.from_frames(mentions=pd.DataFrame({
    ...     "initiative_id": ["i1"], "role": "partner", "name": ["Fundación Mar"],
    ...     "actor_type": "unknown", "registry": "r", "record_id": "1"}))
    >>> restore_names(["Fundacin Marviva", "Fort Reef"], reg)
    ['Fundación Marviva', 'Fort Reef']
    """
    restore = _restorations(reg, extra=names)
    return [_restored(n, restore) for n in names] if restore else list(names)


def _restored(text: str, restore: dict[str, str]) -> str:
    """``text`` with each word of ``restore`` replaced (words, not parts of words)."""
    if restore.keys().isdisjoint(_WORD.findall(text)):
        return text
    return _WORD.sub(lambda m: restore.get(m.group(0), m.group(0)), text)


def _restorations(reg: Registry, extra: list[str] = ()) -> dict[str, str]:
    """Word with dropped letters → the registry's accented word it comes from (``extra``:
    more names the words to restore may come from)."""
    accented: set[str] = set()
    # the words of the columns restored (and of ``extra``); an accented word's dropped form
    # is ASCII, so only ASCII words match it
    written: set[str] = set(_WORD.findall("\n".join(extra)))
    for table, columns in _VOCABULARY.items():
        df = getattr(reg, table)
        for col in columns:
            if col not in df.columns or not len(df):
                continue
            texts = [t for t in df[col].dropna().unique().tolist() if isinstance(t, str)]
            # one pass over the column's text joined (a pass per value costs more than it reads)
            if col in RESTORED_COLUMNS.get(table, ()):
                written.update(_WORD.findall("\n".join(texts)))
            # accented words: only the pieces between spaces that are not ASCII are read
            for piece in " ".join(t for t in texts if not t.isascii()).split():
                if not piece.isascii():
                    accented.update(w for w in _WORD.findall(piece) if not w.isascii())
    sources: dict[str, set] = defaultdict(set)
    for w in accented:
        dropped = "".join(c for c in w if c.isascii())
        if len(dropped) >= 3 and dropped in written:
            sources[dropped].add(w)
    candidates = {d: next(iter(ws)) for d, ws in sources.items() if len(ws) == 1}
    if not candidates:
        return {}
    from wordfreq import zipf_frequency  # word lists read only when a candidate exists

    return {d: w for d, w in candidates.items()
            if all(zipf_frequency(d, lang, wordlist="small") < MAX_ZIPF for lang in LANGUAGES)}
