// Which plugin version functions (gds.version, apoc.version) are installed.
SHOW FUNCTIONS YIELD name WHERE name IN ['gds.version', 'apoc.version']
RETURN collect(name) AS present
