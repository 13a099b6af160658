//go:build unix

package storage

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockFile takes the lock bbolt takes on a database file (flock), so that
// nothing replaces the file under a running bot: ErrLocked while another
// process holds it.
func lockFile(path string) (unlock func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("storage: %s: %w", path, ErrLocked)
		}
		return nil, err
	}
	return func() { f.Close() }, nil
}

// unlockFile lets go of bbolt's lock on a file it could not open (the
// mapping it left would keep the lock until the program ends).
func unlockFile(f *os.File) { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
