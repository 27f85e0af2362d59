// Attributes of a dataset's member genes for node features: TF label, TF family, locus group / feature type.
// params: dataset
MATCH (:Dataset {key: $dataset})-[:INCLUDES]->(g:Gene)
WITH DISTINCT g
RETURN collect(g.symbol) AS symbol, collect(g:TF) AS is_tf,
       collect(coalesce(g.tf_family_lambert, g.tf_family_animaltfdb, '')) AS family,
       collect(coalesce(g.locus_group, g.feature_type, '')) AS locus
