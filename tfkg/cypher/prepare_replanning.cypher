// Resample indexes and clear cached plans, so that queries planned on an empty graph are planned again.
CALL db.prepareForReplanning(60)
