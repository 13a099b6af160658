package bot

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"time"

	"github.com/go-telegram/bot/models"

	"thiduabot/storage"
)

// HandleUpdate handles one update and returns once its effect is committed
// (or it was found to be a repeat). An error means nothing was stored and
// the update must be taken again.
func (b *Bot) HandleUpdate(u *models.Update) (err error) {
	start, result := time.Now(), "ok"
	defer func() {
		if err != nil {
			result = "not_stored"
		}
		b.metrics.Observe(start, result)
	}()
	req, ok := parseUpdate(u)
	if !ok {
		err := b.db.ApplyUpdate(u.ID, func(*storage.Tx) error { return nil })
		switch {
		case err == nil, errors.Is(err, storage.ErrDuplicateUpdate):
			b.stored()
			return nil
		case storage.IsDiskFull(err):
			b.diskFull(nil, err)
		}
		return err
	}
	prepared, prepErr := b.prepareHeavy(req)
	looked, err := b.lookUp(req)
	if err != nil {
		looked = nil // read again in the update's transaction, where a failure is told
	}
	var answer *storage.Message
	err = b.db.ApplyUpdate(u.ID, func(tx *storage.Tx) (err error) {
		answer = nil // the transaction may run again
		defer func() {
			if p := recover(); p != nil {
				if err = b.db.DamageFrom(p); err != nil {
					return // bbolt met a damaged page: not the handler's fault
				}
				b.log.Error("handler panicked", "update", u.ID, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				err = fmt.Errorf("panic: %v", p)
			}
		}()
		c, err := b.newCtx(tx, req)
		if err != nil {
			return err
		}
		c.prepared, c.prepErr, c.looked = prepared, prepErr, looked
		err = route(c)
		answer = c.answer
		return err
	})
	if err != nil {
		// Not stored (or stored before): the prepared files go nowhere.
		for _, m := range prepared {
			if m.Document != nil && m.Document.Path != "" {
				os.Remove(m.Document.Path)
			}
		}
	}
	switch {
	case err == nil:
		b.sender.Answer(answer)
		b.sender.Notify()
		b.stored()
		return nil
	case errors.Is(err, storage.ErrDuplicateUpdate):
		result = "duplicate"
		b.stored()
		return nil
	case storage.IsDiskFull(err):
		// Not stored, not confirmed: taken again until there is room.
		result = "disk_full"
		b.diskFull(&req, err)
		return err
	case isDamage(err):
		result = "damaged"
		b.damaged(&req, err)
		return nil
	case storage.ErrorCode(err) == storage.EInternal:
		b.log.Error("update failed", "update", u.ID, "err", b.redact(err.Error()))
		result = "failed"
		return b.refuse(req, err)
	default:
		result = "refused"
		return b.refuse(req, err)
	}
}

func (b *Bot) newCtx(tx *storage.Tx, req Request) (*Ctx, error) {
	tx.Outbox().Prioritize(repliesTo(req.ChatID))
	var me storage.Member
	var err error
	if req.Group {
		me, _, err = tx.Member(req.UserID)
	} else {
		me, err = tx.Touch(req.UserID, req.TGName, req.Username, req.LangHint)
	}
	if err != nil {
		return nil, err
	}
	return &Ctx{tx: tx, bot: b, Req: req, Me: me, Lang: b.langOf(me)}, nil
}

// refuse stores that an update was refused: the person is told why in
// their language (errorText), a refusal of access is audited, and nothing
// else of the update's effect is kept.
func (b *Bot) refuse(req Request, cause error) error {
	var answer *storage.Message
	err := b.db.ApplyUpdate(req.UpdateID, func(tx *storage.Tx) error {
		answer = nil
		c, err := b.newCtx(tx, req)
		if err != nil {
			return err
		}
		defer func() { answer = c.answer }()
		if storage.ErrorCode(cause) == storage.EForbidden {
			what := req.Command
			if req.Data != "" {
				what = "button " + req.Data
			}
			if err := tx.AuditRefusal(req.UserID, what); err != nil {
				return err
			}
		}
		text := errorText(c.Lang, cause)
		if e := (*storage.Error)(nil); errors.As(cause, &e) && e.Reason == reasonFormPending {
			// Asked, with the way back to the form and the way on.
			if err := c.Answer("", false); err != nil {
				return err
			}
			return c.Reply(text, formPendingButtons(c.Lang, req))
		}
		if req.CallbackID != "" {
			return c.Answer(text, true)
		}
		return c.Reply(text)
	})
	if err == nil {
		b.sender.Answer(answer)
		b.sender.Notify()
	}
	if errors.Is(err, storage.ErrDuplicateUpdate) {
		return nil
	}
	if storage.IsDiskFull(err) { // (the cause was the disk too: an export's file)
		b.diskFull(&req, err)
	}
	return err
}
