// Which TFs drive this contrast (tfkg activity --write): the top TFs of a Contrast by consensus rank, with each
// layer's rank beside it. params: contrast_id, top
MATCH (x:Contrast {contrast_id: $contrast_id})-[a:TF_ACTIVITY {layer: 'consensus'}]->(t:Gene)
WITH x, t, a ORDER BY a.rank LIMIT coalesce($top, 20)
RETURN t.symbol AS tf, a.rank AS rank, round(a.score, 3) AS consensus,
       [(x)-[b:TF_ACTIVITY]->(t) WHERE b.layer <> 'consensus' | b.layer + ' #' + toString(toInteger(b.rank))] AS layers
ORDER BY rank
