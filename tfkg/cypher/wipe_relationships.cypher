// Delete every relationship in batches (first half of a wipe: keeps each transaction small on big graphs).
MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 50000 ROWS
