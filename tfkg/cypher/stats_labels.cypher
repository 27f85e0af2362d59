// Node count per label (labels without nodes are left out), from the count store (no scan).
CALL apoc.meta.stats() YIELD labels
UNWIND keys(labels) AS label
WITH label, labels[label] AS count WHERE count > 0
RETURN label, count ORDER BY label
