//go:build linux

package bot_test

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"thiduabot/bot/config"
	"thiduabot/storage"
)

// A really full disk: the database lives on a small tmpfs that the test
// fills with another file, as something else on the server would.
func TestDiskFull_ARealFullVolume(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	vol := t.TempDir()
	if err := syscall.Mount("tmpfs", vol, "tmpfs", 0, "size=16m"); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	// Registered before the harness, so run after it has closed the file.
	t.Cleanup(func() {
		if err := syscall.Unmount(vol, 0); err != nil {
			t.Errorf("unmount %s: %v", vol, err)
		}
	})
	h := newHarness(t, func(c *config.Config) { c.Storage.Path = filepath.Join(vol, "thiduabot.db") })
	filler := filepath.Join(vol, "filler")
	fill := func() {
		f, err := os.Create(filler)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, size := range []int{1 << 20, 4 << 10, 1} {
			chunk := make([]byte, size)
			for {
				if _, err := f.Write(chunk); err != nil {
					if !errors.Is(err, syscall.ENOSPC) {
						t.Fatal(err)
					}
					break
				}
			}
		}
		// bbolt may still commit into free pages its file already has:
		// write until it fails a few times in a row, as it does once every
		// commit needs a page the volume has no room for.
		failed := 0
		for i := int64(0); failed < 5; i++ {
			err := h.db.Update(func(tx *storage.Tx) error {
				_, err := tx.Touch(900_000+i, "Trang", "", "vi")
				return err
			})
			switch {
			case storage.IsDiskFull(err):
				failed++
			case err != nil || i == 10_000:
				t.Fatalf("writes go on on a full volume: %v", err)
			default:
				failed = 0
			}
		}
	}
	free := func() {
		if err := os.Remove(filler); err != nil {
			t.Fatal(err)
		}
	}
	diskFullScenario(t, h, fill, free)
}
