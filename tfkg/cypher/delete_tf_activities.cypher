// Remove the TF activities one regulon set and method wrote (before `tfkg benchmark knockouts` writes them again).
// params: regulons, method
MATCH (:Knockout)-[a:TF_ACTIVITY {regulons: $regulons, method: $method}]->(:Gene)
CALL (a) { DELETE a } IN TRANSACTIONS OF 10000 ROWS
