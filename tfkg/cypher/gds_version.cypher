// GDS version (only call when the plugin is present; see `versions`).
RETURN gds.version() AS version
