// The perturbation experiments a dataset includes (what a model trained on the dataset may have seen), as a column.
// params: dataset
MATCH (:Dataset {key: $dataset})-[:INCLUDES {role: 'experiment'}]->(k:Knockout)
RETURN collect(k.experiment_id) AS experiments
