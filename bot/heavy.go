package bot

import (
	"path/filepath"
	"thiduabot/storage"
)

// exportDir is where export files wait for their upload.
func (b *Bot) exportDir() string {
	return filepath.Join(filepath.Dir(b.cfg.Storage.Path), "exports")
}

// cmdPrepared sends what a heavy command (/export, /commend, /backup)
// prepared before the update's transaction.
func (b *Bot) cmdPrepared(c *Ctx) error {
	if c.Req.Group {
		return storage.Errorf(storage.EForbidden, reasonPrivateOnly)
	}
	if c.prepErr != nil {
		return c.prepErr
	}
	for _, m := range c.prepared {
		if m.Method == storage.MethodSendMessage {
			if err := c.Reply(m.Text); err != nil {
				return err
			}
			continue
		}
		m.ChatID = c.Req.ChatID
		if _, err := c.Enqueue(m); err != nil {
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
	if !ok || cmd.prepare == nil || req.Group || asksPeriod(cmd, req) {
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
		out, perr = cmd.prepare(b, tx, req, me)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, perr
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
			if f, ok, err = tx.Form(req.UserID); err != nil || !ok {
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
