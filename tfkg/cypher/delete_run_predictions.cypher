// Delete the PREDICTED_REGULATES edges of one run (index on run_id). params: run_id
MATCH ()-[p:PREDICTED_REGULATES {run_id: $run_id}]->()
DELETE p
RETURN count(*) AS deleted
