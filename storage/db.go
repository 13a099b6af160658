// Package storage keeps everything thiduabot knows in one bbolt file: the
// records, the rules that guard them, and the outbox of messages to send.
//
// Every change happens in a Tx, and every message a change causes is written
// to the outbox in that same transaction, so a crash can lose neither.
package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the version of the layout this code writes. Open
// migrates older files step by step.
const SchemaVersion = 9

var (
	bucketMeta         = []byte("meta")
	bucketUnits        = []byte("units")
	bucketMembers      = []byte("members")
	bucketMembersUnit  = []byte("members_by_unit")
	bucketRoles        = []byte("unit_heads") // heads by unit, and admins and directors (member.go)
	bucketInvites      = []byte("invites")
	bucketIdeas        = []byte("ideas")
	bucketIdeasAuthor  = []byte("ideas_by_author")
	bucketIdeasUnit    = []byte("ideas_by_unit")
	bucketIdeasStatus  = []byte("ideas_by_status")
	bucketProgress     = []byte("progress")
	bucketPraise       = []byte("praise")
	bucketWaste        = []byte("waste")
	bucketTagged       = []byte("tagged")
	bucketDeadlines    = []byte("deadlines")
	bucketPeriods      = []byte("periods")
	bucketReports      = []byte("reports")
	bucketReminders    = []byte("reminders")
	bucketPoints       = []byte("points")
	bucketStats        = []byte("stats")
	bucketForms        = []byte("forms")
	bucketOutbox       = []byte("outbox")
	bucketUndelivered  = []byte("undeliverable")
	bucketUnreachable  = []byte("unreachable")
	bucketRounds       = []byte("rounds")
	bucketUpdates      = []byte("updates")
	bucketAudit        = []byte("audit")
	bucketSearch       = []byte("search")   // the ideas' words (search.go)
	bucketHonours      = []byte("honours")  // the council's votes and the decisions on record (honour.go)
	bucketRegister     = []byte("register") // đăng ký thi đua (registration.go)
	keySchemaVersion   = []byte("schema_version")
	updatesKeepHistory = uint64(100_000)
)

// migrations[i] takes a file from version i to version i+1. Each runs in
// a transaction of its own (migrate.go), on the database as it is opened:
// in the organisation's zone, by its scoring table.
var migrations = []func(tx *Tx) error{
	// 0 → 1: the first layout; the buckets are created by Open.
	func(*Tx) error { return nil },
	// 1 → 2: ideas gained the by-unit index, so /ideas for a head reads
	// only the unit's ideas.
	func(tx *Tx) error {
		idx := tx.tx.Bucket(bucketIdeasUnit)
		return tx.eachIdeaReporting(func(idea Idea) error {
			return idx.Put(unitIndexKey(idea.Unit, idea.ID), nil)
		})
	},
	// 2 → 3: ideas gained the by-status index, for review queues.
	func(tx *Tx) error {
		idx := tx.tx.Bucket(bucketIdeasStatus)
		return tx.eachIdeaReporting(func(idea Idea) error {
			return idx.Put(unitIndexKey(string(idea.Status), idea.ID), nil)
		})
	},
	// 3 → 4: each unit's heads are indexed, so notifying them does not
	// read the whole unit.
	// (Indexing every role here too is harmless: 5 → 6 adds the rest.)
	indexRoles,
	// 4 → 5: summary counters (stats.go), built from the ideas.
	(*Tx).recomputeStats,
	// 5 → 6: admins and directors join the role index, so notifying them
	// does not read every member.
	indexRoles,
	// 6 → 7: the estimated savings count only live ideas, and a withdrawn
	// idea gives its submission's points back (count.go, scoring.go). The
	// counters are rebuilt here, and the scoring stamp is dropped, so the
	// bot's SyncScoring rebuilds the points from history when it starts.
	func(tx *Tx) error {
		if err := tx.recomputeStats(); err != nil {
			return err
		}
		return tx.tx.Bucket(bucketMeta).Delete(keyScoring)
	},
	// 7 → 8: the search index of the ideas' words, for /tim and the
	// similar-idea warning.
	func(tx *Tx) error { return buildSearchIndex(tx.tx) },
	// 8 → 9: an initiative's states as the law has them (recognition.go):
	// accepted becomes approved for application, a refusal is named for
	// its step, and nothing is recognised without a decision.
	lawStates,
}

// indexRoles puts every member in the role index (heads under their unit,
// admins and directors under theirs).
func indexRoles(t *Tx) error {
	idx := t.tx.Bucket(bucketRoles)
	return t.tx.Bucket(bucketMembers).ForEach(func(k, v []byte) error {
		var m Member
		if err := decode(bucketMembers, k, v, &m); err != nil {
			return err
		}
		for _, r := range m.roleKeys() {
			if err := idx.Put(unitMemberKey(r, m.UserID), nil); err != nil {
				return err
			}
		}
		return nil
	})
}

// Options are what a database is opened with. They are fixed for as long
// as it is open, and set before any migration runs, so that a migration
// keeps its totals in the organisation's zone and by its scoring table.
type Options struct {
	// Loc is the time zone whose months, quarters and years the totals
	// are kept for; nil is UTC.
	Loc *time.Location
	// Scoring gives the points each event earns.
	Scoring Scoring
	// Clock is the one clock the database, the bot and its sender read;
	// nil is the machine's. Tests give a movable one instead of sleeping.
	Clock func() time.Time
}

// DB is the bot's database.
type DB struct {
	bolt *bbolt.DB
	opt  Options

	fault    atomic.Pointer[error]       // FailCommits (commit.go)
	failures atomic.Uint64               // write transactions whose commit failed
	damage   atomic.Pointer[DamageError] // the first damage seen (damage.go)
	drain    drainer                     // the search index's queue (searchqueue.go)
}

// initialMmapSize is how much of the address space the file is mapped
// with from the start (not memory: pages are read in as they are used).
// bbolt maps the file anew when it outgrows its mapping, and must then wait
// for every open read transaction to end, while every write waits for it:
// with a small mapping, a year's export (seconds in one read transaction)
// held up every update that made the file grow. Up to 1 GiB, no remapping.
const initialMmapSize = 1 << 30

// Open opens (creating if needed) the database at path, waiting at most a
// second for another process to let go of it, creates every bucket and
// brings the schema up to date. A damaged file is a *DamageError, never a
// panic.
func Open(path string, opt Options) (*DB, error) {
	b, err := openBolt(path, bbolt.Options{Timeout: time.Second, InitialMmapSize: initialMmapSize})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("storage: open %s: %w", path, ErrLocked)
	}
	if err != nil {
		return nil, err
	}
	db := newDB(b, opt)
	if err := safely(path, func() error { return db.migrate(path) }); err != nil {
		b.Close()
		var d *DamageError
		if errors.As(err, &d) {
			return nil, d
		}
		return nil, fmt.Errorf("storage: prepare %s: %w", path, err)
	}
	if db.searchQueued() {
		db.kickDrain() // ideas a crash left in the search index's queue
	}
	return db, nil
}

// newDB is the database over an open bolt file, with opt's defaults filled.
func newDB(b *bbolt.DB, opt Options) *DB {
	if opt.Loc == nil {
		opt.Loc = time.UTC
	}
	if opt.Clock == nil {
		opt.Clock = time.Now
	}
	return &DB{bolt: b, opt: opt}
}

// Now is the time on the database's clock: every record a transaction
// writes carries it.
func (db *DB) Now() time.Time { return db.opt.Clock() }

// Loc is the organisation's time zone, the one its totals are kept in.
func (db *DB) Loc() *time.Location { return db.opt.Loc }

// Scoring is the points table the totals are kept by.
func (db *DB) Scoring() Scoring { return db.opt.Scoring }

// Version returns the schema version stored in the file.
func (db *DB) Version() (int, error) {
	var v int
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		v = int(binary.BigEndian.Uint64(tx.Bucket(bucketMeta).Get(keySchemaVersion)))
		return nil
	})
	return v, err
}

// Close closes the database.
func (db *DB) Close() error {
	db.stopDrain()
	return db.bolt.Close()
}

// Path returns the file the database lives in.
func (db *DB) Path() string { return db.bolt.Path() }

// Tx is one transaction over the records. Its methods enforce the rules of
// each record; outbox entries written through it commit with the change.
type Tx struct {
	tx  *bbolt.Tx
	db  *DB
	now time.Time
	// priority is the rule Enqueue gives messages their priority by.
	priority func(Message) Priority
	// queuedSearch is set when the transaction put an idea in the search
	// index's queue: its commit kicks the drainer.
	queuedSearch bool
}

// Now is the time of the transaction: every record it writes carries it.
func (tx *Tx) Now() time.Time { return tx.now }

// View runs fn in a read-only transaction. A page bbolt cannot read is
// a *DamageError.
func (db *DB) View(fn func(*Tx) error) error {
	return db.safely(func() error {
		return db.bolt.View(func(btx *bbolt.Tx) error {
			return fn(&Tx{tx: btx, now: db.Now(), db: db})
		})
	})
}

// Update runs fn in a read-write transaction, committed with fsync.
func (db *DB) Update(fn func(*Tx) error) error {
	return db.safely(func() error { return db.write(db.bolt.Update, fn) })
}

// Batch is Update for callers that run concurrently: their transactions
// share one commit and one fsync. fn may run more than once, so it must
// only act through the Tx.
func (db *DB) Batch(fn func(*Tx) error) error {
	return db.safely(func() error { return db.write(db.bolt.Batch, fn) })
}

// ErrDuplicateUpdate is returned by ApplyUpdate for an update whose effect
// is already stored.
var ErrDuplicateUpdate = errors.New("storage: update already applied")

// ApplyUpdate runs fn for a Telegram update and records the update's id in
// the same transaction, so an update delivered twice has one effect. It
// returns ErrDuplicateUpdate, without running fn, for a repeat.
func (db *DB) ApplyUpdate(updateID int64, fn func(*Tx) error) error {
	dup := false
	err := db.Batch(func(tx *Tx) error {
		dup = false
		b := tx.tx.Bucket(bucketUpdates)
		key := u64(uint64(updateID))
		if b.Get(key) != nil {
			dup = true
			return nil
		}
		if err := fn(tx); err != nil {
			return err
		}
		return b.Put(key, nil)
	})
	if err != nil {
		return err
	}
	if dup {
		return ErrDuplicateUpdate
	}
	return nil
}

// PruneUpdates forgets the ids of updates far older than the newest one:
// Telegram never sends an update again once a later one was confirmed.
func (db *DB) PruneUpdates() (int, error) {
	n := 0
	err := db.Update(func(t *Tx) error {
		c := t.tx.Bucket(bucketUpdates).Cursor()
		last, _ := c.Last()
		if last == nil || binary.BigEndian.Uint64(last) <= updatesKeepHistory {
			return nil
		}
		limit := binary.BigEndian.Uint64(last) - updatesKeepHistory
		for k, _ := c.First(); k != nil && binary.BigEndian.Uint64(k) < limit; k, _ = c.First() {
			if err := c.Delete(); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// WriteTo writes a consistent copy of the database to w while others go on
// writing (a hot backup).
func (db *DB) WriteTo(w io.Writer) (int64, error) {
	var n int64
	err := db.bolt.View(func(tx *bbolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// WriteTo writes a consistent copy of the database as this transaction
// sees it.
func (tx *Tx) WriteTo(w io.Writer) (int64, error) { return tx.tx.WriteTo(w) }

// Check runs bbolt's consistency check over the whole file. bbolt checks
// in a goroutine of its own, where a page it cannot read would end the
// program: every page is read here first (damage.go), where that is an
// error. bbolt's check reads the live freelist, which a commit changes:
// it is for a file nothing else writes, and the search queue's drainer
// waits for it.
func (db *DB) Check() error {
	db.drain.busy.Lock() // no drain of the search queue meanwhile (searchqueue.go)
	defer db.drain.busy.Unlock()
	if err := db.readAll(); err != nil {
		return err
	}
	return db.bolt.View(func(tx *bbolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		return errors.Join(errs...)
	})
}
