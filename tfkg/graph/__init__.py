"""Access to the graph: the managed server, sessions, named queries and training snapshots."""
