package bot

import (
	"context"
	"path/filepath"
	"time"

	"thiduabot/bot/texts"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"thiduabot/storage"
)

// exportDir is where export files wait for their upload.
func (o *office) exportDir() string {
	return filepath.Join(filepath.Dir(o.cfg.Storage.Path), "exports")
}

// cmdPrepared sends what a heavy command (/export, /commend, /backup, /mydata)
// prepared before the update's transaction.
func cmdPrepared(c *Ctx) error {
	if c.Req.Group {
		return storage.Errorf(storage.EForbidden, reasonPrivateOnly)
	}
	if c.prepErr != nil {
		return c.prepErr
	}
	for _, m := range c.prepared {
		if m.Method == storage.MethodSendMessage {
			if err := c.Reply(m.Text, m.Keyboard...); err != nil {
				return err
			}
			continue
		}
		m.ChatID = c.Req.ChatID
		if _, err := c.tx.Outbox().Enqueue(m); err != nil {
			return err
		}
	}
	return nil
}

// prepareHeavy runs a heavy command's reading part in a read transaction,
// when the sender may use the command (checked again in the update's own
// transaction).
func (b *Bot) prepareHeavy(req Request) ([]storage.Message, error) {
	cmd, ok := commandsByName[req.Command]
	if !ok || cmd.prepare == nil || req.Group || asksPeriod(cmd, req) || !periodWorthPreparing(b, cmd, req) {
		return nil, nil
	}
	var out []storage.Message
	var perr error
	err := b.db.View(func(tx *storage.Tx) error {
		me, _, err := tx.Member(req.UserID)
		if err != nil {
			return err
		}
		if allowed(cmd, me) != nil {
			return nil
		}
		var estimate time.Duration
		if cmd.estimate != nil {
			estimate = cmd.estimate(b, tx, req)
		}
		defer b.working(req.ChatID, b.langOf(me), estimate)()
		out, perr = cmd.prepare(b, tx, req, me)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, perr
}

// workingEvery is how often Telegram is told again that a file is being
// made: its chat action shows for about 5 s.
const workingEvery = 4 * time.Second

// sayEstimateOver is how long work may take before the person is told, in
// words, how long it will.
const sayEstimateOver = 3 * time.Second

// working shows a person waiting for a heavy command that it is being
// done: Telegram's "sending a file…" at once and every 4 s until the
// returned stop is called, and, for work expected to take more than a few
// seconds, a line with the estimate. Both go straight to Telegram, not
// through the outbox: they are worth something only while the person
// waits, and the work has not written anything yet.
func (b *Bot) working(chatID int64, lang string, estimate time.Duration) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if estimate > sayEstimateOver {
			secs := int((estimate + time.Second - 1) / time.Second)
			if err := b.sendDirect(chatID, texts.T(lang, "working.estimate", secs)); err != nil {
				b.log.Debug("working: estimate", "err", b.redact(err.Error()))
			}
		}
		t := time.NewTicker(workingEvery)
		defer t.Stop()
		for {
			call, cancelCall := context.WithTimeout(ctx, 5*time.Second)
			_, err := b.client.SendChatAction(call, &tg.SendChatActionParams{ChatID: chatID, Action: models.ChatActionUploadDocument})
			cancelCall()
			if err != nil && ctx.Err() == nil {
				b.log.Debug("working: chat action", "err", b.redact(err.Error()))
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return func() { cancel(); <-done }
}

// estimateExport guesses how long a period's export takes from the number
// of ideas in it: about 40 µs an idea with its history and progress, as
// measured on the large database (docs/performance.md).
func estimateExport(b *Bot, tx *storage.Tx, req Request) time.Duration {
	s, err := b.parseSpan(req.Args)
	if err != nil {
		return 0
	}
	ideas := tx.IdeasIn(s)
	return time.Duration(ideas) * 40 * time.Microsecond
}

// lookUp runs the reader of the command an update belongs to (its
// command, the owner of its button, or of the form it answers) in a read
// transaction, before the update's own: searching reads thousands of
// postings, and inside the update's transaction it would hold up every
// other person's write. Only updates that may need it open the
// transaction: a typed message, /tim and its buttons, a form's keep.
func (b *Bot) lookUp(req Request) (any, error) {
	if req.Group {
		return nil, nil
	}
	action, rest := parseData(req.Data)
	var cmd *command
	byForm := false // the form the sender has open says whose it is
	switch {
	case req.Command != "":
		cmd = commandsByName[req.Command]
	case req.CallbackID == "":
		byForm = true
	case action == actForm:
		byForm = rest == "keep" // (other answers to forms read nothing)
	default:
		cmd = buttonOwners[action]
	}
	if !byForm && (cmd == nil || cmd.read == nil) {
		return nil, nil
	}
	var out any
	err := b.db.View(func(tx *storage.Tx) error {
		me, _, err := tx.Member(req.UserID)
		if err != nil {
			return err
		}
		var f storage.Form
		if byForm {
			var ok bool
			if f, ok, err = tx.Forms().Get(req.UserID); err != nil || !ok {
				return err
			}
			cmd = formOwners[f.Kind]
		}
		if cmd == nil || cmd.read == nil || allowed(cmd, me) != nil {
			return nil
		}
		out, err = cmd.read(b, tx, req, me, f)
		return err
	})
	return out, err
}
