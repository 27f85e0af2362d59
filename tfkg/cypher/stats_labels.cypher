// Node count per label (labels without nodes are left out).
CALL db.labels() YIELD label
CALL (label) { MATCH (n) WHERE label IN labels(n) RETURN count(n) AS count }
WITH label, count WHERE count > 0
RETURN label, count ORDER BY label
