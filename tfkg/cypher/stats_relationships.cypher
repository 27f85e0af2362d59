// Relationship count per type and source property.
MATCH ()-[r]->()
RETURN type(r) AS type, r.source AS source, count(*) AS count
ORDER BY type, source
