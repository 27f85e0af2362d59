// Constraints and indexes of the tfkg graph; applied idempotently by `tfkg db init`.
// Gene key = (symbol, species); TFs carry the extra label TF. Community edition: composite uniqueness.
CREATE CONSTRAINT gene_key IF NOT EXISTS FOR (g:Gene) REQUIRE (g.symbol, g.species) IS UNIQUE;
CREATE CONSTRAINT disease_key IF NOT EXISTS FOR (d:Disease) REQUIRE d.cui IS UNIQUE;
CREATE CONSTRAINT motif_key IF NOT EXISTS FOR (m:Motif) REQUIRE m.matrix_id IS UNIQUE;
CREATE CONSTRAINT knockout_key IF NOT EXISTS FOR (k:Knockout) REQUIRE k.experiment_id IS UNIQUE;
CREATE CONSTRAINT dataset_key IF NOT EXISTS FOR (d:Dataset) REQUIRE d.key IS UNIQUE;
CREATE CONSTRAINT goterm_key IF NOT EXISTS FOR (t:GOTerm) REQUIRE t.go_id IS UNIQUE;
CREATE CONSTRAINT modelrun_key IF NOT EXISTS FOR (r:ModelRun) REQUIRE r.run_id IS UNIQUE;
CREATE CONSTRAINT contrast_key IF NOT EXISTS FOR (c:Contrast) REQUIRE c.contrast_id IS UNIQUE;
CREATE INDEX gene_symbol IF NOT EXISTS FOR (g:Gene) ON (g.symbol);
CREATE INDEX gene_symbol_upper IF NOT EXISTS FOR (g:Gene) ON (g.symbol_upper, g.species);
CREATE INDEX tf_symbol IF NOT EXISTS FOR (t:TF) ON (t.symbol, t.species);
CREATE INDEX disease_name IF NOT EXISTS FOR (d:Disease) ON (d.name);
CREATE INDEX motif_name IF NOT EXISTS FOR (m:Motif) ON (m.name);
CREATE INDEX predicted_run IF NOT EXISTS FOR ()-[r:PREDICTED_REGULATES]-() ON (r.run_id);
CREATE INDEX modelrun_model IF NOT EXISTS FOR (r:ModelRun) ON (r.model);
CREATE INDEX knockout_gene IF NOT EXISTS FOR (k:Knockout) ON (k.gene, k.species);
// No property indexes on REGULATES/ASSOCIATED_WITH(source): MERGE would seek them and scan every edge
// of that source per row (quadratic); Expand(Into) between the two endpoint nodes is what we want.
