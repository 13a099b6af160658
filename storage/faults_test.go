package storage_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"go.etcd.io/bbolt"

	"thiduabot/storage"
)

func TestFailCommits_NothingStoredCountedAndBackOnceLifted(t *testing.T) {
	db := MustOpen(t)
	db.FailCommits(syscall.ENOSPC)
	touch := func(id int64) func(tx *storage.Tx) error {
		return func(tx *storage.Tx) error { _, err := tx.Touch(id, "Lan", "", "vi"); return err }
	}
	if err := db.Update(touch(7)); !storage.IsDiskFull(err) {
		t.Errorf("Update on a full disk = %v; want ENOSPC", err)
	}
	// Batch: every caller of the shared commit is told.
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = db.Batch(touch(int64(10 + i))) }()
	}
	wg.Wait()
	for i, err := range errs {
		if !storage.IsDiskFull(err) {
			t.Errorf("Batch caller %d on a full disk = %v; want ENOSPC", i, err)
		}
	}
	if err := db.ApplyUpdate(500, touch(8)); !storage.IsDiskFull(err) {
		t.Errorf("ApplyUpdate on a full disk = %v; want ENOSPC", err)
	}
	// A refusal of fn's own is not a failed commit.
	refused := storage.Errorf(storage.EInvalid, "err.title_empty")
	if err := db.Update(func(*storage.Tx) error { return refused }); err != refused {
		t.Errorf("Update = %v; want fn's own error", err)
	}
	if got, want := db.WriteFailures(), uint64(1+len(errs)+1); got != want {
		t.Errorf("WriteFailures() = %d; want %d", got, want)
	}
	db.View(func(tx *storage.Tx) error {
		for _, id := range []int64{7, 8, 10, 17} {
			if _, ok, _ := tx.Member(id); ok {
				t.Errorf("member %d was stored by a commit that failed", id)
			}
		}
		return nil
	})

	db.FailCommits(nil)
	if err := db.ApplyUpdate(500, touch(8)); err != nil {
		t.Fatalf("ApplyUpdate once space is back = %v; want its effect stored", err)
	}
	db.View(func(tx *storage.Tx) error {
		if _, ok, _ := tx.Member(8); !ok {
			t.Error("the update's effect is missing once space is back")
		}
		return nil
	})
	if err := db.Check(); err != nil {
		t.Fatal(err)
	}
}

// seeded makes a closed database file with the example organisation and
// n ideas, and returns its path.
func seeded(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "thiduabot.db")
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.SyncOrg(exampleOrg()); err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *storage.Tx) error {
		head, _, _ := tx.Member(2001)
		for i := 0; i < n; i++ {
			if _, err := tx.SubmitIdea(head, storage.Idea{Theme: storage.ThemeThrift, Title: fmt.Sprintf("Sáng kiến %d", i), Description: strings.Repeat("Tiết kiệm điện. ", 10)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// pagesOf returns the file's page size and the pages its two meta pages
// name: the freelists, the roots, and the root of the ideas bucket.
func pagesOf(t *testing.T, path string) (size int64, freelists, roots []uint64, ideas uint64) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	size = int64(binary.LittleEndian.Uint32(data[16+8:]))
	for _, meta := range []int64{0, size} {
		roots = append(roots, binary.LittleEndian.Uint64(data[meta+32:]))
		freelists = append(freelists, binary.LittleEndian.Uint64(data[meta+48:]))
	}
	b, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	b.View(func(tx *bbolt.Tx) error {
		ideas = uint64(tx.Bucket([]byte("ideas")).Root())
		return nil
	})
	if ideas == 0 {
		t.Fatal("the ideas bucket is inline: seed more ideas")
	}
	return size, freelists, roots, ideas
}

// overwrite writes data over the given pages of the file, as a failing
// disk or a bad copy does.
func overwrite(t *testing.T, path string, size int64, data []byte, pages ...uint64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range pages {
		page := make([]byte, size)
		for i := range page {
			page[i] = 0xFF
		}
		copy(page, data)
		if _, err := f.WriteAt(page, int64(p)*size); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpen_DamagedFileIsAnErrorNamingIt(t *testing.T) {
	for _, tc := range []struct {
		name  string
		pages func(freelists, roots []uint64) []uint64
		want  string
	}{
		{"freelist overwritten", func(f, _ []uint64) []uint64 { return f }, "invalid freelist page"},
		{"root overwritten", func(_, r []uint64) []uint64 { return r }, "Page expected to be"},
		{"both meta pages overwritten", func(_, _ []uint64) []uint64 { return []uint64{0, 1} }, "invalid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := seeded(t, 200)
			size, freelists, roots, _ := pagesOf(t, path)
			overwrite(t, path, size, nil, tc.pages(freelists, roots)...)
			db, err := storage.Open(path, storage.Options{})
			var d *storage.DamageError
			if !errors.As(err, &d) {
				if db != nil {
					db.Close()
				}
				t.Fatalf("Open(damaged, Options{}) = %v; want a *DamageError", err)
			}
			if d.Path != path || !strings.Contains(err.Error(), path) || !strings.Contains(d.Reason, tc.want) {
				t.Errorf("Open(damaged, Options{}) = %q; want it to name %s and say %q", err, path, tc.want)
			}
			if err := storage.CheckFile(path); err == nil {
				t.Error("CheckFile(damaged) = nil; want the damage")
			}
			if _, err := storage.Inspect(path); err == nil {
				t.Error("Inspect(damaged) = nil error; want the damage")
			}
		})
	}
}

// A page damaged while the bot runs panics in bbolt when a transaction
// reads it: that transaction gets a *DamageError, the others go on, and
// the check says so instead of crashing the program.
func TestView_DamagedPageWhileRunningIsAnError(t *testing.T) {
	for _, tc := range []struct {
		name string
		page []byte
	}{
		{"not a page", nil},
		// A leaf whose only key lies far past the end of the file: bbolt
		// reads where nothing is mapped (a fault, not a panic, unless asked).
		{"offsets past the end of the file", leafPointingAt(0x10000000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := seeded(t, 200)
			size, _, _, ideas := pagesOf(t, path)
			db, err := storage.Open(path, storage.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			overwrite(t, path, size, tc.page, ideas)
			err = db.View(func(tx *storage.Tx) error {
				_, _, err := tx.Ideas(storage.IdeaFilter{}, 10)
				return err
			})
			var d *storage.DamageError
			if !errors.As(err, &d) || d.Path != path {
				t.Fatalf("reading a damaged page = %v; want a *DamageError naming %s", err, path)
			}
			if db.Damaged() == nil {
				t.Error("Damaged() = nil after a damaged page was read")
			}
			err = db.View(func(tx *storage.Tx) error {
				_, ok, err := tx.Member(2001)
				if !ok {
					return errors.New("the head is missing")
				}
				return err
			})
			if err != nil {
				t.Errorf("reading an undamaged page = %v; want it read", err)
			}
			if err := db.Check(); err == nil {
				t.Error("Check() = nil; want the damage")
			}
		})
	}
}

// leafPointingAt is a leaf page with one element whose key is pos bytes on.
func leafPointingAt(pos uint32) []byte {
	p := make([]byte, 32)
	binary.LittleEndian.PutUint16(p[8:], 0x02) // leaf
	binary.LittleEndian.PutUint16(p[10:], 1)   // one element
	binary.LittleEndian.PutUint32(p[16+4:], pos)
	binary.LittleEndian.PutUint32(p[16+8:], 8)
	binary.LittleEndian.PutUint32(p[16+12:], 8)
	return p
}

// A panic of the caller's own is not taken for damage.
func TestView_CallersOwnPanicGoesOn(t *testing.T) {
	db := MustOpen(t)
	defer func() {
		if p := recover(); p != "boom" {
			t.Errorf("recovered %v; want the caller's own panic", p)
		}
		if db.Damaged() != nil {
			t.Errorf("Damaged() = %v; want nil", db.Damaged())
		}
	}()
	db.View(func(*storage.Tx) error { panic("boom") })
}

func TestInspect_SaysWhatTheFileHolds(t *testing.T) {
	path := seeded(t, 120)
	c, err := storage.Inspect(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := (storage.Contents{Version: storage.SchemaVersion, Members: 4, Ideas: 120}); c != want {
		t.Errorf("Inspect = %+v; want %+v", c, want)
	}
}

func TestRestore_PutsTheBackupInPlaceAndKeepsTheOldFileAside(t *testing.T) {
	backup := seeded(t, 120)
	path := seeded(t, 200)
	size, freelists, _, _ := pagesOf(t, path)
	overwrite(t, path, size, nil, freelists...)
	damaged, _ := os.ReadFile(path)
	aside := path + ".damaged"

	if err := storage.Restore(path, backup, aside); err != nil {
		t.Fatal(err)
	}
	if kept, _ := os.ReadFile(aside); string(kept) != string(damaged) {
		t.Error("the damaged file was not kept aside as it was")
	}
	if c, err := storage.Inspect(path); err != nil || c.Ideas != 120 {
		t.Errorf("after Restore the file holds %+v, %v; want the backup's 120 ideas", c, err)
	}
	if _, err := os.Stat(backup); err != nil {
		t.Errorf("the backup itself is gone: %v", err)
	}
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}

func TestRestore_RefusesWhatWouldLoseData(t *testing.T) {
	good := seeded(t, 10)
	bad := seeded(t, 200)
	size, freelists, _, _ := pagesOf(t, bad)
	overwrite(t, bad, size, nil, freelists...)
	path := seeded(t, 5)

	if err := storage.Restore(path, bad, path+".aside"); err == nil {
		t.Error("Restore from a backup that fails the check = nil; want a refusal")
	}
	db, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := storage.Restore(path, good, path+".aside"); !errors.Is(err, storage.ErrLocked) {
		t.Errorf("Restore while the file is open = %v; want ErrLocked", err)
	}
	db.Close()
	os.WriteFile(path+".aside", nil, 0o600)
	if err := storage.Restore(path, good, path+".aside"); err == nil {
		t.Error("Restore over an existing aside file = nil; want a refusal")
	}
	if c, err := storage.Inspect(path); err != nil || c.Ideas != 5 {
		t.Errorf("after the refusals the file holds %+v, %v; want its own 5 ideas", c, err)
	}
}
