package storage

import (
	"errors"
	"runtime/debug"
	"syscall"

	"go.etcd.io/bbolt"
)

// IsDiskFull reports whether err says the disk under the file has no room
// left (or the owner's quota is used up): nothing of the transaction was
// stored, and writing again will fail until space is made.
func IsDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// FailCommits makes every write transaction fail with err where it would
// commit, as a disk that cannot take its pages does: nothing of it is
// stored and its caller gets err. nil lets them commit again. It is the
// seam through which tests fill the disk without filling one; a real full
// disk fails in bbolt's write of the pages, with the same outcome.
func (db *DB) FailCommits(err error) {
	if err == nil {
		db.fault.Store(nil)
		return
	}
	db.fault.Store(&err)
}

// WriteFailures returns how many write transactions could not be
// committed since the file was opened (a full disk, an I/O error): their
// callers were told, and nothing of them was stored.
func (db *DB) WriteFailures() uint64 { return db.failures.Load() }

// write runs fn in a write transaction through run (bbolt's Update or
// Batch) and counts a commit that failed: an error that is not fn's own.
func (db *DB) write(run func(func(*bbolt.Tx) error) error, fn func(*Tx) error) error {
	var fnErr error
	queued := false
	err := run(func(btx *bbolt.Tx) error {
		// A batch runs fn in bbolt's goroutine: a page it cannot read
		// must panic there too, not crash (see safely).
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		tx := &Tx{tx: btx, now: db.Now(), db: db}
		fnErr = fn(tx)
		queued = tx.queuedSearch
		if fnErr != nil {
			return fnErr
		}
		if f := db.fault.Load(); f != nil {
			return *f
		}
		return nil
	})
	if err != nil && err != fnErr {
		db.failures.Add(1)
	}
	if err == nil && queued {
		db.kickDrain()
	}
	return err
}
