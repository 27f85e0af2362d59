// Neo4j version and edition as the server reports them.
CALL dbms.components() YIELD versions, edition
RETURN versions[0] AS neo4j, edition
