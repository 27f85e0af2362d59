// Files outside the database that the graph points to, for `tfkg db backup`: expression matrices, sample tables and
// knockout profiles (Dataset properties) and saved models (ModelRun.model_path). params: none
MATCH (d:Dataset)
UNWIND [d.expression_path, d.samples_path, d.profiles_path] AS path
WITH path WHERE path IS NOT NULL
RETURN DISTINCT 'data' AS kind, path
UNION
MATCH (r:ModelRun) WHERE r.model_path IS NOT NULL
RETURN DISTINCT 'model' AS kind, r.model_path AS path
