// Merge Disease nodes by UMLS CUI; name/type/class are filled when the source has them.
// params: c (columns: cui, name?, type?, classes?), source
UNWIND range(0, size($c.cui) - 1) AS i
WITH $c AS c, i
MERGE (d:Disease {cui: c.cui[i]})
SET d.name = coalesce(c.name[i], d.name), d.type = coalesce(c.type[i], d.type), d.classes = coalesce(c.classes[i], d.classes),
    d.sources = CASE WHEN $source IN coalesce(d.sources, []) THEN d.sources ELSE coalesce(d.sources, []) + $source END
