// Known targets of a TF with mode of regulation (every curated mode with its PubMed count where records disagree), PubMed ids and
// source (with DoRothEA's level); literature: a literature-curated edge (false: a benchmark ground truth or a data-derived
// DoRothEA D/E edge), literature first. Case-insensitive symbol; an unknown TF says so.
// params: tf (symbol), species (optional, default human)
WITH coalesce($species, 'human') AS species
OPTIONAL MATCH (z:Gene {symbol_upper: toUpper($tf), species: species})
WITH species, z ORDER BY z.symbol = $tf DESC LIMIT 1
CALL apoc.util.validate(z IS NULL, 'tfkg: no gene %s (species %s) in the graph', [$tf, species])
MATCH (z)-[r:REGULATES]->(g:Gene)
RETURN g.symbol AS target, r.source + coalesce(' ' + r.confidence, '') AS source, coalesce(r.curated, false) AS literature,
       CASE WHEN size(coalesce(r.modes, [])) > 1 AND r.mode_pmids IS NOT NULL
                THEN apoc.text.join([i IN range(0, size(r.modes) - 1) | r.modes[i] + ' ×' + r.mode_pmids[i]], ', ')
              WHEN size(coalesce(r.modes, [])) > 1 THEN apoc.text.join(r.modes, ', ')
              ELSE coalesce(r.mode, CASE r.sign WHEN 1 THEN 'activation' WHEN -1 THEN 'repression' ELSE 'mode unknown' END) END AS mode,
       size(coalesce(r.pmids, [])) AS n_pmids, r.pmids AS pmids
ORDER BY literature DESC, n_pmids DESC, target
