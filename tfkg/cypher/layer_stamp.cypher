// What a cached evidence layer depends on (tfkg activity): the ingest records (key, time, file checksums) of the
// layer's source, and the number of REGULATES, CHIP_BOUND and COEXPRESSED edges (from the count store).
// params: source, species
RETURN COLLECT {
         MATCH (d:Dataset {source: $source}) WHERE d.species = $species OR d.species IS NULL
         RETURN [d.key, toString(d.ingested_at), d.checksums]
       } AS datasets,
       COUNT { ()-[:REGULATES]->() } AS regulates,
       COUNT { ()-[:CHIP_BOUND]->() } AS chip_bound,
       COUNT { ()-[:COEXPRESSED]->() } AS coexpressed
