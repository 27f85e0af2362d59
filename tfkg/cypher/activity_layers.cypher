// Which evidence layers the graph holds for a species (tfkg activity's default layers): for each REGULATES source in
// $sources whether it is there (its ingest record, else a first edge), and whether there are CHIP_BOUND (ENCODE ChIP)
// and COEXPRESSED (ARCHS4) edges. params: sources, species
CALL (){
  UNWIND $sources AS s
  WITH s WHERE EXISTS { MATCH (d:Dataset {source: s}) WHERE d.species = $species }
            OR EXISTS { MATCH (:Gene {species: $species})-[:REGULATES {source: s}]->() }
  RETURN collect(s) AS sources
}
RETURN sources,
       EXISTS { MATCH (:Gene {species: $species})-[:CHIP_BOUND]->() } AS chip,
       EXISTS { MATCH (:Gene {species: $species})-[:COEXPRESSED]->() } AS coexpression
