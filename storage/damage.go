package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// DamageError says the database file is damaged: bbolt met a page that is
// not what it should be, as a failing disk or a bad copy leaves. bbolt
// panics then; Open, View, Update, Batch, Check and CheckFile turn that
// panic into this error.
type DamageError struct {
	Path   string
	Reason string // what bbolt found
}

func (e *DamageError) Error() string {
	return fmt.Sprintf("the database file %s is damaged: %s", e.Path, e.Reason)
}

// Damaged returns the damage the database met since it was opened (a
// *DamageError), or nil.
func (db *DB) Damaged() error {
	if d := db.damage.Load(); d != nil {
		return d
	}
	return nil
}

// DamageFrom is for a deferred function that recovered p from a
// transaction: when p was raised inside bbolt (a page it cannot make
// sense of), it returns the damage as a *DamageError, remembered for
// Damaged; otherwise nil, and p is the caller's own.
func (db *DB) DamageFrom(p any) error {
	if !raisedInBolt() {
		return nil
	}
	d := &DamageError{Path: db.bolt.Path(), Reason: fmt.Sprint(p)}
	db.damage.CompareAndSwap(nil, d)
	return d
}

// safely is safely on db's file, remembering the damage it finds.
func (db *DB) safely(f func() error) error {
	err := safely(db.bolt.Path(), f)
	var d *DamageError
	if errors.As(err, &d) {
		db.damage.CompareAndSwap(nil, d)
	}
	return err
}

// safely runs f, which reads the file at path through bbolt, and turns a
// panic raised inside bbolt into a *DamageError; any other panic goes on.
// A page whose offsets point outside the mapping faults rather than
// panics: SetPanicOnFault makes that a panic too.
func safely(path string, f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if !raisedInBolt() {
				panic(p)
			}
			err = &DamageError{Path: path, Reason: fmt.Sprint(p)}
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return f()
}

// raisedInBolt reports, from a deferred function during a panic, whether
// the panic was raised in bbolt's code: below the panic, past the runtime
// and the standard library (a fault in bytes.Compare under a cursor), the
// first frame is bbolt's, not this module's or another library's.
func raisedInBolt() bool {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	panicking := false
	for {
		f, more := frames.Next()
		pkg := pkgPath(f.Function)
		switch {
		case f.Function == "runtime.gopanic":
			panicking = true
		case !panicking:
		case strings.HasPrefix(pkg, "go.etcd.io/bbolt"):
			return true
		case strings.HasPrefix(pkg, ownModule), strings.Contains(strings.Split(pkg, "/")[0], "."):
			return false
		}
		if !more {
			return false
		}
	}
}

// ownModule is this module's path and a slash ("thiduabot/"): its
// packages' paths have no dot, like the standard library's.
var ownModule = func() string {
	pkg := reflect.TypeFor[DB]().PkgPath()
	return pkg[:strings.Index(pkg, "/")+1]
}()

// pkgPath is the package path of a function's full name
// ("go.etcd.io/bbolt.(*Cursor).search" → "go.etcd.io/bbolt").
func pkgPath(function string) string {
	slash := strings.LastIndex(function, "/") + 1
	if dot := strings.Index(function[slash:], "."); dot >= 0 {
		return function[:slash+dot]
	}
	return function
}

// openError is what Open and CheckFile say of bbolt's refusal to open
// path: a file that is not a valid database is damaged.
func openError(path string, err error) error {
	var d *DamageError
	switch {
	case errors.As(err, &d):
		return d
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrVersionMismatch):
		return &DamageError{Path: path, Reason: err.Error()}
	}
	return fmt.Errorf("storage: open %s: %w", path, err)
}

// openBolt opens the file at path with bbolt, a damaged file being a
// *DamageError. bbolt panics on a damaged page after it took the file's
// lock and mapped the file: the lock is let go then, so that it does not
// outlive the refusal (the mapping does, until the program ends).
func openBolt(path string, o bbolt.Options) (*bbolt.DB, error) {
	var file *os.File
	o.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		file = f
		return f, err
	}
	var b *bbolt.DB
	err := safely(path, func() (err error) {
		b, err = bbolt.Open(path, 0o600, &o)
		return err
	})
	var d *DamageError
	if errors.As(err, &d) && file != nil {
		unlockFile(file)
		file.Close()
	}
	if err != nil {
		return nil, openError(path, err)
	}
	return b, nil
}

// openReadOnly opens the file at path to read it, with its freelist read
// at once (here, where a damaged one is an error).
func openReadOnly(path string) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	b, err := openBolt(path, bbolt.Options{ReadOnly: true, Timeout: time.Second, PreLoadFreelist: true})
	if err != nil {
		return nil, err
	}
	return newDB(b, Options{}), nil
}

// CheckFile opens the file at path read-only and checks it. A damaged
// file is an error, never a panic.
func CheckFile(path string) error {
	db, err := openReadOnly(path)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Check()
}

// readAll reads every key and value of every bucket through bbolt's
// cursors, so every page reachable from the root is read here, where a
// page bbolt cannot read is a *DamageError.
func (db *DB) readAll() error {
	var readBucket func(b *bbolt.Bucket) error
	readBucket = func(b *bbolt.Bucket) error {
		var x byte
		err := b.ForEach(func(k, v []byte) error {
			if v == nil {
				if child := b.Bucket(k); child != nil {
					return readBucket(child)
				}
				return nil
			}
			x ^= k[0] ^ k[len(k)-1]
			if len(v) > 0 {
				x ^= v[0] ^ v[len(v)-1]
			}
			return nil
		})
		runtime.KeepAlive(x) // the reads must happen
		return err
	}
	return db.View(func(tx *Tx) error {
		return tx.tx.ForEach(func(_ []byte, b *bbolt.Bucket) error { return readBucket(b) })
	})
}

// Contents is what a database file holds, in brief.
type Contents struct {
	Version int // schema version
	Members int // active members
	Ideas   int
}

// Inspect checks the file at path, read-only, and says what it holds.
func Inspect(path string) (Contents, error) {
	var c Contents
	db, err := openReadOnly(path)
	if err != nil {
		return c, err
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		return c, err
	}
	err = db.View(func(tx *Tx) error {
		if meta := tx.tx.Bucket(bucketMeta); meta != nil && len(meta.Get(keySchemaVersion)) == 8 {
			c.Version = int(binary.BigEndian.Uint64(meta.Get(keySchemaVersion)))
		}
		if b := tx.tx.Bucket(bucketIdeas); b != nil {
			c.Ideas = b.Stats().KeyN
		}
		if tx.tx.Bucket(bucketMembers) == nil {
			return nil
		}
		return tx.Members(func(m Member) bool {
			if m.Active() {
				c.Members++
			}
			return true
		})
	})
	return c, err
}
