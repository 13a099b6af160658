// Package storage keeps everything thiduabot knows in one bbolt file: the
// records, the rules that guard them, and the outbox of messages to send.
//
// Every change happens in a Tx, and every message a change causes is written
// to the outbox in that same transaction, so a crash can lose neither.
package storage

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the version of the layout this code writes. Open
// migrates older files step by step.
const SchemaVersion = 8

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
	bucketSearch       = []byte("search") // the ideas' words (search.go)
	allBuckets         = [][]byte{bucketMeta, bucketUnits, bucketMembers, bucketMembersUnit, bucketRoles, bucketInvites, bucketIdeas, bucketIdeasAuthor, bucketIdeasUnit, bucketIdeasStatus, bucketProgress, bucketPraise, bucketWaste, bucketTagged, bucketDeadlines, bucketPeriods, bucketReports, bucketReminders, bucketPoints, bucketStats, bucketForms, bucketOutbox, bucketUndelivered, bucketUnreachable, bucketRounds, bucketUpdates, bucketAudit, bucketSearch, bucketIndicators, bucketTargets, bucketIndicatorReports, bucketWorks, bucketWorkReports}
	keySchemaVersion   = []byte("schema_version")
	updatesKeepHistory = uint64(100_000)
)

// migrations[i] takes a file from version i to version i+1.
var migrations = []func(tx *bbolt.Tx) error{
	// 0 → 1: the first layout; the buckets are created by Open.
	func(*bbolt.Tx) error { return nil },
	// 1 → 2: ideas gained the by-unit index, so /ideas for a head reads
	// only the unit's ideas.
	func(tx *bbolt.Tx) error {
		idx := tx.Bucket(bucketIdeasUnit)
		return (&Tx{tx: tx}).EachIdea(func(idea Idea) error {
			return idx.Put(unitIndexKey(idea.Unit, idea.ID), nil)
		})
	},
	// 2 → 3: ideas gained the by-status index, for review queues.
	func(tx *bbolt.Tx) error {
		idx := tx.Bucket(bucketIdeasStatus)
		return (&Tx{tx: tx}).EachIdea(func(idea Idea) error {
			return idx.Put(unitIndexKey(string(idea.Status), idea.ID), nil)
		})
	},
	// 3 → 4: each unit's heads are indexed, so notifying them does not
	// read the whole unit.
	// (Indexing every role here too is harmless: 5 → 6 adds the rest.)
	indexRoles,
	// 4 → 5: summary counters (stats.go), built from the ideas. The zone
	// is the one the file was opened with: the bot resyncs the scoring, and
	// these, when its zone differs (SyncScoring).
	func(tx *bbolt.Tx) error {
		return (&Tx{tx: tx, db: &DB{Loc: time.UTC}}).RecomputeStats()
	},
	// 5 → 6: admins and directors join the role index, so notifying them
	// does not read every member.
	indexRoles,
	// 6 → 7: the estimated savings count only live ideas, and a withdrawn
	// idea gives its submission's points back (count.go, scoring.go). The
	// counters are rebuilt here (in UTC, as 4 → 5), and the scoring stamp
	// is dropped, so the bot's SyncScoring rebuilds the points and the
	// counters again in the organisation's zone when it starts.
	func(tx *bbolt.Tx) error {
		if err := (&Tx{tx: tx, db: &DB{Loc: time.UTC}}).RecomputeStats(); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete(keyScoring)
	},
	// 7 → 8: the search index of the ideas' words, for /tim and the
	// similar-idea warning.
	buildSearchIndex,
}

// indexRoles puts every member in the role index (heads under their unit,
// admins and directors under theirs).
func indexRoles(tx *bbolt.Tx) error {
	idx := tx.Bucket(bucketRoles)
	return tx.Bucket(bucketMembers).ForEach(func(k, v []byte) error {
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

// DB is the bot's database.
type DB struct {
	bolt *bbolt.DB

	// Now is the clock; tests replace it to move time without sleeping.
	Now func() time.Time

	// Scoring gives the points each event earns, and Loc the time zone
	// whose months, quarters and years the totals are kept for.
	Scoring Scoring
	Loc     *time.Location

	fault    atomic.Pointer[error]       // FailCommits (commit.go)
	failures atomic.Uint64               // write transactions whose commit failed
	damage   atomic.Pointer[DamageError] // the first damage seen (damage.go)
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
func Open(path string) (*DB, error) {
	b, err := openBolt(path, bbolt.Options{Timeout: time.Second, InitialMmapSize: initialMmapSize})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("storage: open %s: %w", path, ErrLocked)
	}
	if err != nil {
		return nil, err
	}
	db := &DB{bolt: b, Now: time.Now, Loc: time.UTC}
	if err := safely(path, func() error { return b.Update(db.prepare) }); err != nil {
		b.Close()
		var d *DamageError
		if errors.As(err, &d) {
			return nil, d
		}
		return nil, fmt.Errorf("storage: prepare %s: %w", path, err)
	}
	return db, nil
}

func (db *DB) prepare(tx *bbolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	version := 0
	if v := meta.Get(keySchemaVersion); v != nil {
		version = int(binary.BigEndian.Uint64(v))
	}
	if version > SchemaVersion {
		return fmt.Errorf("the file has schema version %d, newer than this program's %d", version, SchemaVersion)
	}
	for ; version < SchemaVersion; version++ {
		if err := migrations[version](tx); err != nil {
			return fmt.Errorf("migrate to version %d: %w", version+1, err)
		}
	}
	return meta.Put(keySchemaVersion, u64(uint64(SchemaVersion)))
}

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
func (db *DB) Close() error { return db.bolt.Close() }

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
// error.
func (db *DB) Check() error {
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

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

// getJSON reads the record at key in bucket into v, and reports whether
// there is one.
func (tx *Tx) getJSON(bucket, key []byte, v any) (bool, error) {
	data := tx.tx.Bucket(bucket).Get(key)
	if data == nil {
		return false, nil
	}
	return true, decode(bucket, key, data, v)
}

// getRecord reads the record at key in bucket; a missing one is the error
// missing makes (called only then).
func getRecord[T any](tx *Tx, bucket, key []byte, missing func() error) (T, error) {
	var v T
	ok, err := tx.getJSON(bucket, key, &v)
	if err == nil && !ok {
		err = missing()
	}
	return v, err
}

// decode reads the JSON record stored at key in bucket into v. One that
// does not decode is named, so that a damaged file says where.
func decode(bucket, key, data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("storage: decode %s/%s: %w", bucket, keyName(key), err)
	}
	return nil
}

// keyName writes a key as people read it: text as it is, an 8-byte id as
// its number, anything else quoted (an index key: a name, 0, an id).
func keyName(key []byte) string {
	printable := utf8.Valid(key)
	for _, r := range string(key) {
		printable = printable && unicode.IsPrint(r)
	}
	switch {
	case printable:
		return string(key)
	case len(key) == 8:
		return strconv.FormatUint(binary.BigEndian.Uint64(key), 10)
	}
	return strconv.Quote(string(key))
}

func putJSON(b *bbolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}
