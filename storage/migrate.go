package storage

import (
	"encoding/binary"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"go.etcd.io/bbolt"
)

// Schema migrations (the list is in db.go) run when Open finds a file of
// an older version. Each runs in a transaction of its own that also
// records the version it reaches, so a process killed in the middle of
// one (kill -9, a power cut) leaves the file at the last version reached:
// the next Open runs the interrupted one again from its start, on a file
// it never half-changed. While one runs, Migrating says so (the bot's
// /healthz answers 503 "migrating"), and its progress is logged, with an
// estimate of the time left, at most every MigrationLogEvery.
//
// A migration reports how far it is with MigrationProgress; one that does
// not is logged with the time it has run.

// MigrationLog is where migrations are logged; nil is slog's default.
var MigrationLog *slog.Logger

// MigrationLogEvery is how often a running migration's progress is logged.
var MigrationLogEvery = 5 * time.Second

// migrateTo is the version Open brings files to: SchemaVersion (tests add
// migrations of their own past it).
var migrateTo = SchemaVersion

// MigrationStatus is a running migration: the file, the version it takes
// it to, since when, and how far it is (Done of Total, when it says).
type MigrationStatus struct {
	Path        string
	To          int
	Started     time.Time
	Done, Total int
}

// Left estimates the time the migration still needs, from its pace so
// far; false when it cannot tell yet.
func (s MigrationStatus) Left(now time.Time) (time.Duration, bool) {
	if s.Done <= 0 || s.Total <= 0 {
		return 0, false
	}
	ran := now.Sub(s.Started)
	return time.Duration(float64(ran) * float64(max(s.Total-s.Done, 0)) / float64(s.Done)), true
}

var (
	migratingMu sync.Mutex
	migrating   *MigrationStatus
)

// Migrating returns the migration running in this process, if any.
func Migrating() (MigrationStatus, bool) {
	migratingMu.Lock()
	defer migratingMu.Unlock()
	if migrating == nil {
		return MigrationStatus{}, false
	}
	return *migrating, true
}

// MigrationProgress is called by a migration as it goes: done of total
// items (ideas, members…) are migrated.
func MigrationProgress(done, total int) {
	migratingMu.Lock()
	defer migratingMu.Unlock()
	if migrating != nil {
		migrating.Done, migrating.Total = done, total
	}
}

func migrationLog() *slog.Logger {
	if MigrationLog != nil {
		return MigrationLog
	}
	return slog.Default()
}

// migrate creates the buckets and brings the file's schema up to date:
// a new file in one transaction, an older one a migration per transaction.
func (db *DB) migrate(path string) error {
	version, err := 0, error(nil)
	err = db.bolt.Update(func(tx *bbolt.Tx) error {
		for _, name := range buckets() {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		if v := tx.Bucket(bucketMeta).Get(keySchemaVersion); v != nil {
			version = int(binary.BigEndian.Uint64(v))
		}
		if version > migrateTo {
			return fmt.Errorf("the file has schema version %d, newer than this program's %d", version, migrateTo)
		}
		if version == 0 && tx.Bucket(bucketMembers).Stats().KeyN == 0 && tx.Bucket(bucketIdeas).Stats().KeyN == 0 {
			// A new file: nothing to migrate, and nothing to lose.
			for ; version < migrateTo; version++ {
				if err := migrations[version](&Tx{tx: tx, db: db, now: db.Now()}); err != nil {
					return fmt.Errorf("migrate to version %d: %w", version+1, err)
				}
			}
			return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(uint64(version)))
		}
		return nil
	})
	for ; err == nil && version < migrateTo; version++ {
		err = db.runMigration(path, version)
	}
	return err
}

// runMigration takes the file from version `from` to the next, in one
// transaction, logging its progress while it runs.
func (db *DB) runMigration(path string, from int) error {
	log := migrationLog()
	status := &MigrationStatus{Path: path, To: from + 1, Started: time.Now()}
	migratingMu.Lock()
	migrating = status
	migratingMu.Unlock()
	defer func() {
		migratingMu.Lock()
		migrating = nil
		migratingMu.Unlock()
	}()
	log.Info("schema migration started; the bot serves once it is done", "path", path, "to_version", from+1)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(MigrationLogEvery)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case now := <-tick.C:
				s, _ := Migrating()
				args := []any{"to_version", s.To, "running", now.Sub(s.Started).Round(time.Second).String()}
				if s.Total > 0 {
					args = append(args, "done", s.Done, "of", s.Total, "percent", 100*s.Done/s.Total)
				}
				if left, ok := s.Left(now); ok {
					args = append(args, "left", left.Round(time.Second).String())
				}
				log.Info("schema migration under way", args...)
			}
		}
	}()
	err := db.bolt.Update(func(tx *bbolt.Tx) error {
		if err := migrations[from](&Tx{tx: tx, db: db, now: db.Now()}); err != nil {
			return fmt.Errorf("migrate to version %d: %w", from+1, err)
		}
		return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(uint64(from+1)))
	})
	close(stop)
	wg.Wait()
	if err != nil {
		return err
	}
	log.Info("schema migration done", "to_version", from+1, "took", time.Since(status.Started).Round(time.Millisecond).String())
	return nil
}

// eachIdeaReporting is EachIdea for a migration: it reports its progress
// as it goes.
func (tx *Tx) eachIdeaReporting(fn func(Idea) error) error {
	total, done := tx.tx.Bucket(bucketIdeas).Stats().KeyN, 0
	return tx.EachIdea(func(idea Idea) error {
		if done++; done%1000 == 0 {
			MigrationProgress(done, total)
		}
		return fn(idea)
	})
}
