"""Reference data the project owns: countries, SDG goals and targets, organisation
identifiers, and where data files live (:mod:`.datapaths`)."""
