// Write a run's network analysis: one (:Module {run_id, module}) node per Louvain module with its top
// enrichment, and (:Gene)-[:IN_MODULE {run_id, pagerank, betweenness, degree, eigenvector}]->(:Module) per gene.
// params: c (columns: symbol, module, pagerank, betweenness, degree, eigenvector), modules (list of maps: module, size,
//         top_group, top_padj, hubs), run_id, species
MATCH (run:ModelRun {run_id: $run_id})
UNWIND $modules AS mod
MERGE (m:Module {run_id: $run_id, module: mod.module})
SET m.size = mod.size, m.top_group = mod.top_group, m.top_padj = mod.top_padj, m.hubs = mod.hubs
MERGE (m)-[:FROM_RUN]->(run)
WITH DISTINCT run
UNWIND range(0, size($c.symbol) - 1) AS i
WITH $c AS c, i
MATCH (g:Gene {symbol: c.symbol[i], species: $species}) USING INDEX g:Gene(symbol, species)
MATCH (m:Module {run_id: $run_id, module: c.module[i]})
MERGE (g)-[r:IN_MODULE {run_id: $run_id}]->(m)
SET r.pagerank = c.pagerank[i], r.betweenness = c.betweenness[i], r.degree = c.degree[i],
    r.eigenvector = c.eigenvector[i]
