package storage

// Reached by the package's external tests only.

// StatsWithPrefix calls fn for every counter under prefix: the property
// tests compare all of them with a rebuild.
func StatsWithPrefix(tx *Tx, prefix string, fn func(rest string, v int64)) {
	tx.statsWithPrefix(prefix, fn)
}

// PutDeadline and EnsurePeriod make a period by hand, as OpenPeriods does
// from the clock.
func PutDeadline(tx *Tx, d Deadline) error { return tx.putDeadline(d) }

func EnsurePeriod(tx *Tx, d Deadline, o Occurrence) (Period, error) { return tx.ensurePeriod(d, o) }

// RecomputePoints and RecomputeStats rebuild the counters from the
// records, for the property tests to compare with the kept ones.
func RecomputePoints(tx *Tx) error { return tx.recomputePoints() }

func RecomputeStats(tx *Tx) error { return tx.recomputeStats() }
