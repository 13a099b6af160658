package storage

// Reached by the package's external tests only.

// StatsWithPrefix calls fn for every counter under prefix: the property
// tests compare all of them with a rebuild.
func StatsWithPrefix(tx *Tx, prefix string, fn func(rest string, v int64)) {
	tx.statsWithPrefix(prefix, fn)
}
