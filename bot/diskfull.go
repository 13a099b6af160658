package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"thiduabot/bot/texts"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"thiduabot/storage"
)

// faults are what went wrong under the bot: each is told once to those it
// touches, and shown by /healthz while it lasts.
type faults struct {
	full atomic.Bool // a full disk is holding updates (read on every update)

	mu         sync.Mutex
	since      time.Time      // when the disk was found full
	cause      error          // the last write it refused
	told       map[int64]bool // the people told, during this incident
	adminsTold bool           // … and the admins
	damageTold bool           // admins told of a damaged file (until a restore)

	recMu    sync.Mutex     // held while the record is written, so the newest lands last
	loadOnce sync.Once      // the record beside the database is read (diskfull_record.go)
	carried  atomic.Bool    // a restart found an incident open: it goes on, or ended meanwhile
	found    incidentRecord // … that incident
}

// loadRecord reads, once, what the record beside the database says of an
// incident open at the last stop.
func (b *Bot) loadRecord() {
	f := &b.faults
	f.loadOnce.Do(func() {
		if rec, ok := b.loadIncident(); ok {
			f.mu.Lock()
			f.found = rec
			f.carried.Store(true)
			f.mu.Unlock()
		}
	})
}

// diskFull handles an update that could not be stored because the disk
// is full. The update stays unconfirmed, and takes effect by itself once
// there is room; meanwhile the person who sent it (req, nil when there is
// none) is told so once, and the admins once, directly: the outbox cannot
// be written.
func (b *Bot) diskFull(req *Request, cause error) {
	b.loadRecord()
	f := &b.faults
	f.mu.Lock()
	first := !f.full.Load()
	if first {
		f.full.Store(true)
		f.since, f.told, f.adminsTold = b.Now(), map[int64]bool{}, false
		if f.carried.Load() { // the incident a restart found open goes on
			f.carried.Store(false)
			f.since, f.adminsTold = f.found.Since, f.found.AdminsTold
			for _, id := range f.found.Told {
				f.told[id] = true
			}
			first = false
		}
	}
	f.cause = cause
	tellPerson := req != nil && !f.told[req.UserID]
	if tellPerson {
		f.told[req.UserID] = true
	}
	tellAdmins := !f.adminsTold
	f.adminsTold = true
	f.mu.Unlock()

	path, free := b.db.Path(), freeSpaceText(b.db.Path())
	if first {
		b.log.Error("the disk is full: updates are held until there is room", "path", path, "free", free, "err", cause)
	}
	if tellPerson {
		if err := b.sendDirect(req.ChatID, texts.T(b.langFor(*req), "storage.full")); err != nil {
			b.log.Warn("could not tell a person the disk is full", "chat", req.ChatID, "err", b.redact(err.Error()))
			f.mu.Lock()
			delete(f.told, req.UserID) // told with the next retry
			f.mu.Unlock()
		}
	}
	if tellAdmins && !b.toAdminsDirect("storage.full_admins", path, free) {
		f.mu.Lock()
		f.adminsTold = false
		f.mu.Unlock()
	}
	if first || tellPerson || tellAdmins {
		f.recMu.Lock()
		f.mu.Lock()
		rec := f.incidentRecordLocked()
		f.mu.Unlock()
		b.saveIncident(rec)
		f.recMu.Unlock()
	}
}

// stored notes that an update's effect was stored: a full disk, if there
// was one, has room again. The admins who were told hear that it is over.
func (b *Bot) stored() {
	b.loadRecord()
	f := &b.faults
	if !f.full.Load() && !f.carried.Load() {
		return
	}
	f.mu.Lock()
	var took time.Duration
	var people int
	var adminsTold bool
	switch {
	case f.full.Load():
		f.full.Store(false)
		took, people, adminsTold = b.Now().Sub(f.since), len(f.told), f.adminsTold
	case f.carried.Load(): // the incident the last run left open ended while the bot was down
		f.carried.Store(false)
		took, people, adminsTold = b.Now().Sub(f.found.Since), len(f.found.Told), f.found.AdminsTold
	default:
		f.mu.Unlock()
		return
	}
	f.mu.Unlock()
	f.recMu.Lock()
	b.saveIncident(incidentRecord{})
	f.recMu.Unlock()
	b.log.Info("the disk takes writes again", "after", took.Round(time.Second), "people_told", people)
	if !adminsTold {
		return
	}
	err := b.db.Update(func(tx *storage.Tx) error {
		return b.toOperators(tx, "storage.writable_admins", took.Round(time.Second).String())
	})
	if err != nil {
		b.log.Warn("could not tell the admins the disk has room again", "err", err)
	}
	b.sender.Notify()
}

// storageProblem is why the storage cannot serve as it should, or "".
func (b *Bot) storageProblem() string {
	if err := b.db.Damaged(); err != nil {
		return err.Error()
	}
	f := &b.faults
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.full.Load() {
		return fmt.Sprintf("disk full since %s (%s free): %v", f.since.UTC().Format(time.RFC3339), freeSpaceText(b.db.Path()), f.cause)
	}
	return ""
}

// sendDirect sends a text straight to Telegram, for when the outbox
// cannot be written or read.
func (b *Bot) sendDirect(chatID int64, text string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := b.client.SendMessage(ctx, &tg.SendMessageParams{
		ChatID: chatID, Text: text, ParseMode: models.ParseModeHTML,
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: tg.True()},
	})
	return err
}

// toAdminsDirect sends the text key to every operator (the admins when
// none is set), each in their language, straight to Telegram, and
// reports whether any got it.
func (b *Bot) toAdminsDirect(key string, args ...any) bool {
	type admin struct {
		id   int64
		lang string
	}
	var admins []admin
	err := b.db.View(func(tx *storage.Tx) error {
		ids, err := b.operators(tx)
		for _, id := range ids {
			m, _, _ := tx.Member(id)
			admins = append(admins, admin{id, b.langOf(m)})
		}
		return err
	})
	if err != nil || len(admins) == 0 { // the file cannot tell: the configuration can
		admins = nil
		for _, id := range b.configuredOperators() {
			admins = append(admins, admin{id, b.cfg.Org.Language})
		}
	}
	told := false
	for _, a := range admins {
		if err := b.sendDirect(a.id, texts.T(a.lang, key, args...)); err != nil {
			b.log.Warn("could not tell an admin directly", "admin", a.id, "key", key, "err", b.redact(err.Error()))
			continue
		}
		told = true
	}
	return told
}

// langFor is the language to answer a request in when the stored member
// may not be reachable: theirs if stored, else what Telegram says of them.
func (b *Bot) langFor(req Request) string {
	lang := ""
	b.db.View(func(tx *storage.Tx) error {
		m, _, err := tx.Member(req.UserID)
		lang = m.Lang
		return err
	})
	switch {
	case lang != "":
		return lang
	case req.LangHint == "en" || req.LangHint == "vi":
		return req.LangHint
	}
	return b.cfg.Org.Language
}

// freeSpaceText says how much room the volume of path has left.
func freeSpaceText(path string) string {
	n, err := freeSpace(filepath.Dir(path))
	if err != nil {
		return "unknown"
	}
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := uint64(unit), 0
	for x := n / unit; x >= unit; x /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
