// Wait until every index is online (after schema changes).
// params: none
CALL db.awaitIndexes(300)
