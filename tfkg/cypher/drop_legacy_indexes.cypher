// Drop relationship-source indexes created by early tfkg versions (they make MERGE quadratic).
DROP INDEX regulates_source IF EXISTS;
DROP INDEX associated_source IF EXISTS;
DROP INDEX prior_source IF EXISTS;
