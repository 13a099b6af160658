package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// A damaged database file stops the bot, and its console, with a message
// that names the file, what is wrong and the newest backup that passes the
// check, never a stack trace; restore puts that backup in place, keeps the
// damaged file aside, and the bot serves the backup's data.
func TestDamagedFile_NamedAtStartAndRestored(t *testing.T) {
	if testing.Short() {
		t.Skip("process test")
	}
	srv := tgtest.New(t)
	dir := t.TempDir()
	backups := filepath.Join(dir, "backups")
	cfgPath := writeConfig(t, srv, dir)
	data, _ := os.ReadFile(cfgPath)
	os.WriteFile(cfgPath, bytes.Replace(data, []byte("[storage]\n"), []byte(fmt.Sprintf("[storage]\nbackup_dir = %q\n", backups)), 1), 0o600)
	dbPath := filepath.Join(dir, "thiduabot.db")
	seedMembers(t, dbPath, 3)
	addIdeas(t, dbPath, 0, 10)

	// Three backups: an older good one, the newest good one, and a newer
	// one that is itself damaged (a bad copy).
	var out bytes.Buffer
	older := filepath.Join(backups, "thiduabot-20261120-020000.000.db")
	good := filepath.Join(backups, "thiduabot-20261121-020000.000.db")
	bad := filepath.Join(backups, "thiduabot-20261122-020000.000.db")
	os.MkdirAll(backups, 0o750)
	if err := run([]string{"backup", "-o", older, "-config", cfgPath}, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	addIdeas(t, dbPath, 10, 1)
	for _, p := range []string{good, bad} {
		if err := run([]string{"backup", "-o", p, "-config", cfgPath}, nil, &out, &out); err != nil {
			t.Fatal(err)
		}
	}
	overwriteFreelist(t, bad)
	overwriteFreelist(t, dbPath)
	damaged, _ := os.ReadFile(dbPath)

	for _, args := range [][]string{{"-config", cfgPath}, {"console", "-config", cfgPath}} {
		p := startBot(t, args...)
		err := p.wait()
		msg := p.stderr.String()
		if err == nil {
			t.Errorf("thiduabot %v on a damaged file exited 0; want a failure", args)
		}
		for _, want := range []string{dbPath, "damaged", "invalid freelist page", good, "21/11/2026 02:00", "thiduabot restore -config " + cfgPath} {
			if !strings.Contains(msg, want) {
				t.Errorf("thiduabot %v said %q; want it to say %q", args, msg, want)
			}
		}
		for _, never := range []string{"panic", "goroutine", bad} {
			if strings.Contains(msg, never) {
				t.Errorf("thiduabot %v said %q, with %q in it", args, msg, never)
			}
		}
	}

	out.Reset()
	if err := run([]string{"restore", "-config", cfgPath}, nil, &out, &out); err != nil {
		t.Fatalf("restore: %v\n%s", err, out.String())
	}
	for _, want := range []string{"skipped " + bad, "from " + good, "taken 21/11/2026 02:00", "holds 5 members and 11 ideas", ".damaged-"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("restore said %q; want it to say %q", out.String(), want)
		}
	}
	asides, _ := filepath.Glob(dbPath + ".damaged-*")
	if len(asides) != 1 {
		t.Fatalf("kept aside %v; want the damaged file once", asides)
	}
	if kept, _ := os.ReadFile(asides[0]); !bytes.Equal(kept, damaged) {
		t.Error("the damaged file was not kept aside as it was")
	}

	// The bot starts on the backup and serves its data.
	p := startBot(t, "-config", cfgPath)
	mark := srv.Mark()
	srv.SendText(tgtest.User{ID: 10000, FirstName: "Cán bộ", LanguageCode: "vi"}, "/ideas")
	if _, err := srv.WaitMessage(mark, 20*time.Second, func(m tgtest.Message) bool {
		return m.ChatID == 10000 && strings.Contains(m.Plain, "Sáng kiến số 10")
	}); err != nil {
		t.Fatalf("the restored bot did not list the backup's newest idea: %v\n%s", err, p.stderr.String())
	}
	// Not while it runs.
	if err := run([]string{"restore", "-from", older, "-config", cfgPath}, nil, &out, &out); err == nil || !strings.Contains(err.Error(), "stop it first") {
		t.Errorf("restore while the bot runs = %v; want a refusal", err)
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	if err := p.wait(); err != nil {
		t.Errorf("the restored bot after SIGTERM: %v\n%s", err, p.stderr.String())
	}
}

// addIdeas has the first seeded member submit n ideas numbered from first.
func addIdeas(t *testing.T, dbPath string, first, n int) {
	t.Helper()
	db, err := storage.Open(dbPath, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *storage.Tx) error {
		m, _, _ := tx.Member(10000)
		for i := first; i < first+n; i++ {
			if _, err := tx.SubmitIdea(m, storage.Idea{Theme: storage.ThemeThrift, Title: fmt.Sprintf("Sáng kiến số %d", i), Description: "Tiết kiệm điện."}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// overwriteFreelist writes junk over the freelist pages the file's two
// meta pages name, as a failing disk or a bad copy does: bbolt panics
// reading them when it opens the file.
func overwriteFreelist(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head := make([]byte, 64)
	f.ReadAt(head, 0)
	size := int64(binary.LittleEndian.Uint32(head[16+8:]))
	junk := bytes.Repeat([]byte{0xFF}, int(size))
	for _, meta := range []int64{0, size} {
		f.ReadAt(head, meta)
		if _, err := f.WriteAt(junk, int64(binary.LittleEndian.Uint64(head[48:]))*size); err != nil {
			t.Fatal(err)
		}
	}
}
