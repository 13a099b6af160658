package bot

import (
	"os"

	"thiduabot/bot/ops"
	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// Backup writes a checked copy of the database to the backup folder
// (ops.Backup), keeping the newest storage.backup_keep copies, and counts
// it for /metrics.
func (b *Bot) Backup() (string, error) {
	name, err := ops.Backup(b.endpoints, b.Now(), b.cfg.Storage.BackupKeep)
	if name != "" {
		b.metrics.BackedUp()
	}
	return name, err
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
