// Delete a ModelRun node (its predictions must be deleted first). params: run_id
MATCH (r:ModelRun {run_id: $run_id})
DETACH DELETE r
RETURN count(*) AS deleted
