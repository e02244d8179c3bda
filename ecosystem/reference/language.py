"""The language an organisation name is written in (English, Spanish, Portuguese, French, Italian).

Registries mix languages: one record writes "Ministerio de Ambiente y Energía
(MINAE)", another "Ministry of Environment and Energy (MINAE)". When the long
forms that define one acronym are in different languages, one for each
language, they are translations of one body rather than two bodies sharing an
acronym (see :mod:`ecosystem.resolution.acronym_links`).

The guess counts marker words: function words ("of", "y", "do", "du", "di")
and common organisation words whose spelling differs between the languages
("university", "universidad", "universidade", "université", "università").
A name with no marker word, or a tie, has no language (``None``).

Examples
--------
>>> language_of("Ministerio de Ambiente y Energía"), language_of("Ministry of Environment and Energy")
('es', 'en')
>>> language_of("Fundação para a Ciência e a Tecnologia"), language_of("WWF") is None
('pt', True)
"""
from __future__ import annotations

import re
from collections import Counter

from ecosystem.reference.folding import fold

__all__ = ["language_of"]

_MARKERS = {
    "en": "of and for the ministry institute university department research center centre "
          "foundation association agency council society national development environment "
          "fisheries sciences science marine observing system trust government municipality "
          "minister office region province",
    "es": "y del los las para por ministerio instituto universidad direccion secretaria "
          "fundacion asociacion ambiente pesca acuicultura recursos naturales investigacion "
          "desarrollo ciencias nacional federacion sistema comision gobierno municipalidad "
          "gobernacion provincia region corporacion forestal relaciones "
          "exteriores defensa agricultura grupo",
    "pt": "do da dos das e para ministerio universidade fundacao associacao direcao "
          "ciencia tecnologia pesca mar nacional instituto desenvolvimento governo municipio "
          "prefeitura",
    "fr": "du des et le les pour ministere universite fondation recherche developpement "
          "peche environnement nationale mer institut direction sciences gouvernement "
          "municipalite commune",
    "it": "di della dello degli delle per ministero istituto universita fondazione ricerca "
          "nazionale scienze ambiente",
}
_INDEX: dict[str, set[str]] = {}
for _lang, _words in _MARKERS.items():
    for _w in _words.split():
        _INDEX.setdefault(_w, set()).add(_lang)
_WORD = re.compile(r"[a-z]+")


def language_of(name: str) -> str | None:
    """Guess the language of a name: "en", "es", "pt", "fr", "it", or None."""
    text = fold(name)
    score: Counter = Counter()
    for w in _WORD.findall(text):
        langs = _INDEX.get(w)
        if langs:
            for lang in langs:
                score[lang] += 1 / len(langs)
        elif w.endswith(("cion", "ciones")):
            score["es"] += 1
        elif w.endswith(("cao", "coes")):
            score["pt"] += 1
    ranked = score.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
