// TFs with the most curated targets per source. params: source (e.g. TRRUST), limit
MATCH (t:TF)-[r:REGULATES {source: coalesce($source, 'TRRUST')}]->(:Gene)
RETURN t.symbol AS tf, t.species AS species, count(r) AS targets,
       sum(CASE r.mode WHEN 'activation' THEN 1 ELSE 0 END) AS activates,
       sum(CASE r.mode WHEN 'repression' THEN 1 ELSE 0 END) AS represses
ORDER BY targets DESC LIMIT toInteger(coalesce($limit, 10))
