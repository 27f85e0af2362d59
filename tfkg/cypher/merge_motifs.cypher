// Merge JASPAR Motif nodes with their count matrix (one list per base). params: c (columns: matrix_id, name, version, ...), source
UNWIND range(0, size($c.matrix_id) - 1) AS i
WITH $c AS c, i
MERGE (m:Motif {matrix_id: c.matrix_id[i]})
SET m.name = c.name[i], m.version = c.version[i], m.base_id = c.base_id[i], m.collection = c.collection[i],
    m.tax_group = c.tax_group[i], m.release = c.release[i], m.counts_A = c.A[i], m.counts_C = c.C[i],
    m.counts_G = c.G[i], m.counts_T = c.T[i], m.length = size(c.A[i]), m.source = $source
