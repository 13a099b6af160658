package bot

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"thiduabot/storage"
	"time"
)

// Backup writes a hot copy of the database to the backup folder, checks
// it with bbolt's consistency check before counting it, and keeps the
// newest storage.backup_keep copies.
func (b *Bot) Backup() (string, error) {
	dir := b.cfg.Storage.BackupDir
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, ".partial-*.db")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := b.db.WriteTo(tmp); err != nil {
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
	now := b.Now()
	name := filepath.Join(dir, "thiduabot-"+now.In(b.loc).Format(backupLayout)+".db")
	if err := os.Rename(tmp.Name(), name); err != nil {
		return "", err
	}
	b.metrics.lastBackup.Store(time.Now().UnixNano())
	return name, b.pruneBackups()
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

func (b *Bot) pruneBackups() error {
	matches, err := BackupFiles(b.cfg.Storage.BackupDir)
	if err != nil {
		return err
	}
	for len(matches) > b.cfg.Storage.BackupKeep {
		if err := os.Remove(matches[0]); err != nil {
			return err
		}
		matches = matches[1:]
	}
	return nil
}

// cmdBackup sends an admin a fresh backup in chat (when small enough for
// Telegram), or says where it is.
func (b *Bot) cmdBackup(c *Ctx) error {
	var buf strings.Builder
	n, err := b.db.WriteTo(&buf)
	if err != nil {
		return err
	}
	if n > 45<<20 {
		return c.Reply(c.T("backup.too_large", b.cfg.Storage.BackupDir))
	}
	name := "thiduabot-" + c.Now().In(b.loc).Format("20060102-1504") + ".db"
	_, err = c.Enqueue(storage.Message{Method: storage.MethodSendDocument, ChatID: c.Req.ChatID, Text: c.T("backup.caption"),
		Document: &storage.Document{Name: name, Data: []byte(buf.String())}})
	return err
}
