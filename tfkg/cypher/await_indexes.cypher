// Wait until every index is online (after the constraints and indexes change).
// params: none
CALL db.awaitIndexes(300)
