package bot

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// Backup writes a hot copy of the database to the backup folder, checks
// it with bbolt's consistency check before counting it, and keeps the
// newest storage.backup_keep copies.
func (b *Bot) Backup() (string, error) {
	dir := b.cfg.Storage.BackupDir
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, partialBackups)
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

func (o *office) pruneBackups() error {
	matches, err := BackupFiles(o.cfg.Storage.BackupDir)
	if err != nil {
		return err
	}
	for len(matches) > o.cfg.Storage.BackupKeep {
		if err := os.Remove(matches[0]); err != nil {
			return err
		}
		matches = matches[1:]
	}
	return nil
}

// maxChatBackup is the largest copy /backup sends in chat: Telegram takes
// documents up to 50 MB.
const maxChatBackup = 45 << 20

// prepareBackup writes a checked copy of the database to a file for an
// admin's /backup, in a read transaction of its own (never inside the
// update's write transaction, and never in memory); a file too large for
// Telegram is found from its size before anything is copied.
func (b *Bot) prepareBackup(tx *storage.Tx, req Request, me storage.Member) ([]storage.Message, error) {
	lang := b.langOf(me)
	if fi, err := os.Stat(b.db.Path()); err != nil {
		return nil, err
	} else if fi.Size() > maxChatBackup {
		return []storage.Message{{Method: storage.MethodSendMessage, Text: texts.T(lang, "backup.too_large", b.cfg.Storage.BackupDir)}}, nil
	}
	if err := os.MkdirAll(b.exportDir(), 0o750); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(b.exportDir(), "backup-*.db")
	if err != nil {
		return nil, err
	}
	_, err = tx.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = storage.CheckFile(f.Name())
	}
	if err != nil {
		os.Remove(f.Name())
		return nil, err
	}
	name := "thiduabot-" + tx.Now().In(b.loc).Format("20060102-1504") + ".db"
	return []storage.Message{{Method: storage.MethodSendDocument, Text: texts.T(lang, "backup.caption"),
		Document: &storage.Document{Name: name, Path: f.Name()}}}, nil
}

// partialBackups are the copies Backup was writing when the process was
// killed: never counted (BackupFiles does not match them), never rotating
// a good backup out, removed at the next start.
const partialBackups = ".partial-*.db"

// cleanPartialBackups removes the half-written copies a killed process
// left in the backup folder. The database is open, so no other bot on it
// is writing one.
func (b *Bot) cleanPartialBackups() {
	left, _ := filepath.Glob(filepath.Join(b.cfg.Storage.BackupDir, partialBackups))
	for _, p := range left {
		if err := os.Remove(p); err != nil {
			b.log.Warn("could not remove a half-written backup", "path", p, "err", err)
			continue
		}
		b.log.Info("removed a half-written backup left by a stop in the middle of one", "path", p)
	}
}
