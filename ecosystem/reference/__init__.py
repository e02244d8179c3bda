"""Reference data the project owns, and the text keys used to look things up in it.

Countries (:mod:`.countries`), SDG goals and targets (:mod:`.sdg`), organisation
identifiers (:mod:`.orgids`), where data files live (:mod:`.datapaths`), accent
and case folding (:mod:`.folding`) and the written form of acronyms
(:mod:`.acronym_shape`). Every other layer may import from here; nothing here
imports from another layer.
"""

__all__: list[str] = []
