package storage

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Restore puts a copy of the backup at from in place of the database file
// at path, once the backup passes the check. The file that was at path
// (damaged, or simply replaced) is moved to aside, never deleted. It
// refuses while another process holds path: the bot must be stopped.
func Restore(path, from, aside string) error {
	if err := CheckFile(from); err != nil {
		return fmt.Errorf("storage: restore: the backup fails the check: %w", err)
	}
	_, err := os.Stat(path)
	present := err == nil
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if present {
		if _, err := os.Stat(aside); err == nil {
			return fmt.Errorf("storage: restore: %s exists already", aside)
		}
		unlock, err := lockFile(path)
		if err != nil {
			return err
		}
		defer unlock()
	}
	tmp := path + ".restoring"
	if err := copyFile(from, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("storage: restore: %w", err)
	}
	if present {
		if err := os.Rename(path, aside); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("storage: restore: %w", err)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		if present {
			os.Rename(aside, path)
		}
		os.Remove(tmp)
		return fmt.Errorf("storage: restore: %w", err)
	}
	return syncDir(filepath.Dir(path))
}

// copyFile copies from to a new file to, flushed to the disk.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// syncDir makes the renames in dir last through a power cut.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
