// Which evidence layers the graph holds for a species (tfkg activity's default layers): the REGULATES sources, and
// whether there are CHIP_BOUND (ENCODE ChIP) and COEXPRESSED (ARCHS4) edges.
// params: species
CALL () {
  MATCH (:Gene {species: $species})-[r:REGULATES]->()
  RETURN collect(DISTINCT r.source) AS sources
}
RETURN sources,
       EXISTS { MATCH (:Gene {species: $species})-[:CHIP_BOUND]->() } AS chip,
       EXISTS { MATCH (:Gene {species: $species})-[:COEXPRESSED]->() } AS coexpression
