package bot

import (
	"errors"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// isDamage reports whether err says the database file is damaged.
func isDamage(err error) bool {
	var d *storage.DamageError
	return errors.As(err, &d)
}

// damaged handles an update whose handling read a damaged page of the
// database (bbolt panicked; storage made it an error). It cannot be
// handled, now or later: the person is told so directly, the admins once
// (with what to do), and the update is recorded as handled if the file
// still lets that be written, so that it is not taken again for ever.
func (b *Bot) damaged(req *Request, cause error) {
	b.log.Error("the database file is damaged: an update could not be handled", "update", req.UpdateID, "err", cause)
	f := &b.faults
	f.mu.Lock()
	tellAdmins := !f.damageTold
	f.damageTold = true
	f.mu.Unlock()
	if req.UserID != 0 {
		if err := b.sendDirect(req.ChatID, texts.T(b.langFor(*req), "storage.damaged")); err != nil {
			b.log.Warn("could not tell a person of the damage", "chat", req.ChatID, "err", b.redact(err.Error()))
		}
	}
	if tellAdmins {
		reason := cause.Error()
		var d *storage.DamageError
		if errors.As(cause, &d) {
			reason = d.Reason
		}
		b.toAdminsDirect("storage.damaged_admins", b.db.Path(), reason)
	}
	err := b.db.ApplyUpdate(req.UpdateID, func(*storage.Tx) error { return nil })
	if err != nil && !errors.Is(err, storage.ErrDuplicateUpdate) {
		b.log.Warn("could not record the update as handled; confirming it anyway", "update", req.UpdateID, "err", err)
	}
}
