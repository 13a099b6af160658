package storage

import (
	"bufio"
	"encoding/binary"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.etcd.io/bbolt"
)

// migrateChildEnv names the file the child of the kill test migrates.
const migrateChildEnv = "THIDUABOT_MIGRATE_CHILD"

var (
	bucketTestDerived = []byte("test_derived")
	keyTestDerived    = []byte("test_derived_count")
)

// deriveMigration is the kill test's migration: for every idea a record
// in a bucket of its own, and a count in meta that a migration applied
// twice, or over a half-applied one, would get wrong. It is slow on
// purpose, as a real one is on a large file, so that kills land in it.
func deriveMigration(t *Tx) error {
	tx := t.tx
	b, err := tx.CreateBucketIfNotExists(bucketTestDerived)
	if err != nil {
		return err
	}
	meta := tx.Bucket(bucketMeta)
	return t.eachIdeaReporting(func(idea Idea) error {
		time.Sleep(200 * time.Microsecond)
		if err := b.Put(u64(idea.ID), []byte(idea.Title)); err != nil {
			return err
		}
		var n uint64
		if v := meta.Get(keyTestDerived); v != nil {
			n = binary.BigEndian.Uint64(v)
		}
		return meta.Put(keyTestDerived, u64(n+1))
	})
}

// TestMigration_Child is the kill test's child: it opens the file with
// deriveMigration added, logging its progress to stdout.
func TestMigration_Child(t *testing.T) {
	path := os.Getenv(migrateChildEnv)
	if path == "" {
		t.Skip("the kill test's child")
	}
	migrations = append(migrations, deriveMigration)
	migrateTo = SchemaVersion + 1
	MigrationLogEvery = 100 * time.Millisecond
	MigrationLog = slog.New(slog.NewTextHandler(os.Stdout, nil))
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}

// A migration killed with kill -9 at random moments leaves the file as it
// was before it (it passes the check, at the old version); the next start
// runs it again from its start, and in the end every idea is migrated
// once. Its progress is logged with an estimate of the time left.
func TestMigration_KillNineAtRandomMomentsRestartsCleanly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	const ideas = 1500
	o := GenerateOptions{Units: 10, Members: 100, Ideas: ideas, Seed: 1,
		From: time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 25, 17, 0, 0, 0, time.UTC)}
	if err := Generate(db, o, func(string) {}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	child := func() (*exec.Cmd, *bufio.Scanner) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMigration_Child$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), migrateChildEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, bufio.NewScanner(out)
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	midway := 0
	for k := 0; k < 6; k++ {
		cmd, lines := child()
		for lines.Scan() && !strings.Contains(lines.Text(), "schema migration started") {
		}
		time.Sleep(time.Duration(rng.IntN(300)) * time.Millisecond) // a random moment, not a wait for something
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if err := CheckFile(path); err != nil {
			t.Fatalf("after kill %d the file fails the check: %v", k+1, err)
		}
		v := fileVersion(t, path)
		if v == SchemaVersion {
			midway++
		}
		if v == SchemaVersion+1 {
			break // it finished before the kill
		}
	}
	t.Logf("%d kills came in the middle of the migration", midway)
	if midway == 0 {
		t.Error("no kill came in the middle of the migration: the test showed nothing")
	}

	// The last start runs it to its end.
	cmd, lines := child()
	var log []string
	for lines.Scan() {
		log = append(log, lines.Text())
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the last run: %v\n%s", err, strings.Join(log, "\n"))
	}
	all := strings.Join(log, "\n")
	if v := fileVersion(t, path); v != SchemaVersion+1 && !strings.Contains(all, "schema migration done") {
		t.Fatalf("the file is at version %d after the last run:\n%s", v, all)
	}
	if !strings.Contains(all, "schema migration under way") || !strings.Contains(all, "left=") || !strings.Contains(all, "percent=") {
		t.Errorf("the migration's progress was not logged with the time left:\n%s", all)
	}
	ro, err := openReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	ro.bolt.View(func(tx *bbolt.Tx) error {
		if n := tx.Bucket(bucketTestDerived).Stats().KeyN; n != ideas {
			t.Errorf("%d ideas migrated; want %d", n, ideas)
		}
		if n := binary.BigEndian.Uint64(tx.Bucket(bucketMeta).Get(keyTestDerived)); n != ideas {
			t.Errorf("the migration counted %d ideas; want %d, each once", n, ideas)
		}
		return nil
	})
	if v := fileVersion(t, path); v != SchemaVersion+1 {
		t.Errorf("version %d; want %d", v, SchemaVersion+1)
	}
}

// fileVersion reads the schema version of the file at path.
func fileVersion(t *testing.T, path string) int {
	t.Helper()
	ro, err := openReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	v := 0
	ro.bolt.View(func(tx *bbolt.Tx) error {
		v = int(binary.BigEndian.Uint64(tx.Bucket(bucketMeta).Get(keySchemaVersion)))
		return nil
	})
	return v
}

// A running migration's progress is logged at most every
// MigrationLogEvery, with the share done and an estimate of the time left.
func TestMigration_ProgressIsLoggedWithTheTimeLeft(t *testing.T) {
	s := MigrationStatus{Started: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC), Done: 250, Total: 1000}
	if left, ok := s.Left(s.Started.Add(30 * time.Second)); !ok || left != 90*time.Second {
		t.Errorf("a quarter done in 30 s: %v left (%v); want 1m30s", left, ok)
	}
	if _, ok := (MigrationStatus{Started: s.Started}).Left(s.Started.Add(time.Second)); ok {
		t.Error("a migration that said nothing of its progress has an estimate")
	}
	if MigrationLogEvery != 5*time.Second {
		t.Errorf("progress is logged every %v; want at most every 5 s", MigrationLogEvery)
	}
}
