// Datasets that carry full knockout profiles (every measured gene: log2fc, p, padj, signed stat) in a Parquet file.
// params: datasets (keys, or null for all), species
MATCH (d:Dataset)
WHERE d.profiles_path IS NOT NULL AND ($datasets IS NULL OR d.key IN $datasets) AND d.species = $species
RETURN d.key AS dataset, d.profiles_path AS path, d.profile_stat AS stat
ORDER BY dataset
