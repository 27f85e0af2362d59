// APOC version (only call when the plugin is present; see `versions`).
RETURN apoc.version() AS version
