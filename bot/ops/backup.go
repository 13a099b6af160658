package ops

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"thiduabot/storage"
)

// Backup writes a hot copy of the database to the backup folder, checks
// it with bbolt's consistency check before counting it, names it by now,
// and keeps the newest keep copies. The name is returned once the copy is
// in place, even when an older copy could not be removed.
func Backup(o Options, now time.Time, keep int) (string, error) {
	dir := o.BackupDir
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, partialBackups)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := o.DB.WriteTo(tmp); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := storage.CheckFile(tmp.Name()); err != nil {
		return "", fmt.Errorf("backup: the copy fails the check: %w", err)
	}
	name := filepath.Join(dir, "thiduabot-"+now.In(o.Loc).Format(backupLayout)+".db")
	if err := os.Rename(tmp.Name(), name); err != nil {
		return "", err
	}
	return name, pruneBackups(dir, keep)
}

// backupLayout is how Backup names its copies: by the time, in the
// organisation's zone.
const backupLayout = "20060102-150405.000"

// BackupFiles returns the backups Backup wrote to dir, oldest first.
func BackupFiles(dir string) ([]string, error) {
	matches, err := filepath.Glob(filepath.Join(dir, "thiduabot-*.db"))
	sort.Strings(matches) // the names sort by time
	return matches, err
}

// BackupTaken reads when a backup was taken from its name; false for a
// file not named by Backup.
func BackupTaken(path string, loc *time.Location) (time.Time, bool) {
	stamp := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "thiduabot-"), ".db")
	t, err := time.ParseInLocation(backupLayout, stamp, loc)
	return t, err == nil
}

func pruneBackups(dir string, keep int) error {
	matches, err := BackupFiles(dir)
	if err != nil {
		return err
	}
	for len(matches) > keep {
		if err := os.Remove(matches[0]); err != nil {
			return err
		}
		matches = matches[1:]
	}
	return nil
}

// partialBackups are the copies Backup was writing when the process was
// killed: never counted (BackupFiles does not match them), never rotating
// a good backup out, removed at the next start.
const partialBackups = ".partial-*.db"

// CleanPartialBackups removes the half-written copies a killed process
// left in the backup folder. The database is open, so no other bot on it
// is writing one.
func CleanPartialBackups(dir string, log *slog.Logger) {
	left, _ := filepath.Glob(filepath.Join(dir, partialBackups))
	for _, p := range left {
		if err := os.Remove(p); err != nil {
			log.Warn("could not remove a half-written backup", "path", p, "err", err)
			continue
		}
		log.Info("removed a half-written backup left by a stop in the middle of one", "path", p)
	}
}
