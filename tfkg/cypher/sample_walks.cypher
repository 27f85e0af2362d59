// Meta-path random walks TF-Target-Disease-Target-TF from one TF, in pure Cypher (inspect them in Browser).
// A table, not a graph: Browser would connect every returned node to every other (a hairball); path reads the walk.
// One random neighbour of the next meta-path type per hop (ORDER BY rand() LIMIT 1); a walk whose node has
// no such neighbour stops there (it is shorter), as in the vectorized walk engine without cold start.
// Case-insensitive symbol; a TF outside the data set says so.
// params: tf (symbol), walks (how many), length (nodes per walk, the TF included),
//         dataset (optional, default 'hgetgi'), source (optional, default 'HGETGI')
OPTIONAL MATCH (ds:Dataset {key: coalesce($dataset, 'hgetgi')})-[:INCLUDES {role: 'tf'}]->(z:Gene)
WHERE z.symbol_upper = toUpper($tf)
WITH ds, z ORDER BY z.symbol = $tf DESC LIMIT 1
CALL apoc.util.validate(z IS NULL, 'tfkg: %s is not a TF of data set %s', [$tf, coalesce($dataset, 'hgetgi')])
UNWIND range(1, toInteger($walks)) AS walk
WITH ds, z, walk, reduce(path = [z], i IN range(0, toInteger($length) - 2) |
  path + COLLECT {
    WITH last(path) AS cur
    WHERE size(path) = i + 1
    MATCH (cur)-[r:REGULATES|ASSOCIATED_WITH {source: coalesce($source, 'HGETGI')}]-(n)
    WHERE CASE i % 4
            WHEN 0 THEN type(r) = 'REGULATES' AND startNode(r) = cur
            WHEN 1 THEN type(r) = 'ASSOCIATED_WITH' AND startNode(r) = cur
            WHEN 2 THEN type(r) = 'ASSOCIATED_WITH' AND endNode(r) = cur
            ELSE type(r) = 'REGULATES' AND endNode(r) = cur END
      AND (ds)-[:INCLUDES {role: CASE i % 4 WHEN 0 THEN 'target' WHEN 1 THEN 'disease' WHEN 2 THEN 'target' ELSE 'tf' END}]->(n)
    RETURN n ORDER BY rand() LIMIT 1
  }) AS nodes
RETURN walk, size(nodes) AS length,
       reduce(s = '', n IN nodes | s + CASE s WHEN '' THEN '' ELSE ' → ' END + coalesce(n.symbol, n.name, n.cui)) AS path,
       [n IN nodes | coalesce(n.symbol, n.cui)] AS names
ORDER BY walk
