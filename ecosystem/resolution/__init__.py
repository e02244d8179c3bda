"""Actor resolution: names as written in registries → one actor per organisation.

:mod:`ecosystem.resolution.resolve` is the entry point (:func:`resolve_registry`,
:func:`resolve_names`); the other modules are its parts: name parsing
(:mod:`.names`, :mod:`.annotations`, :mod:`.name_countries`, :mod:`.language`),
acronyms (:mod:`.acronyms`, :mod:`.acronym_links`, :mod:`.country_acronyms`),
reference bodies (:mod:`.known_bodies`), generic names (:mod:`.generic_names`),
matching and clustering (:mod:`.matching`, :mod:`.fuzzy_links`,
:mod:`.word_links`, :mod:`.clusters`, :mod:`.context`) and the reviewable
crosswalk (:mod:`.crosswalk`).
"""

__all__: list[str] = []
