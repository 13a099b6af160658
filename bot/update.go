package bot

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"thiduabot/storage"
)

// Request is what the bot reads of an update.
type Request struct {
	UpdateID int64
	UserID   int64
	ChatID   int64
	Group    bool
	TGName   string
	Username string
	LangHint string

	Text    string
	Command string // lower case, without the slash and @bot
	Args    string

	CallbackID string
	Data       string
	MessageID  int // of the bot's message a button was pressed on

	Document *models.Document
	PhotoID  string
}

// parseUpdate reads an update; ok is false for kinds the bot ignores.
func parseUpdate(u *models.Update) (r Request, ok bool) {
	r.UpdateID = u.ID
	var from *models.User
	switch {
	case u.Message != nil:
		m := u.Message
		from, r.ChatID = m.From, m.Chat.ID
		r.Group = m.Chat.Type != models.ChatTypePrivate
		r.Text = m.Text
		if r.Text == "" {
			r.Text = m.Caption
		}
		r.Document = m.Document
		if len(m.Photo) > 0 {
			r.PhotoID = m.Photo[len(m.Photo)-1].FileID
		}
		if len(m.Entities) > 0 && m.Entities[0].Type == models.MessageEntityTypeBotCommand && m.Entities[0].Offset == 0 {
			cmd, args, _ := strings.Cut(m.Text, " ")
			cmd, _, _ = strings.Cut(strings.TrimPrefix(cmd, "/"), "@")
			r.Command, r.Args = strings.ToLower(cmd), strings.TrimSpace(args)
		}
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		from, r.CallbackID, r.Data = &q.From, q.ID, q.Data
		if q.Message.Message != nil {
			r.ChatID, r.MessageID = q.Message.Message.Chat.ID, q.Message.Message.ID
			r.Group = q.Message.Message.Chat.Type != models.ChatTypePrivate
		} else {
			r.ChatID = q.From.ID
		}
	default:
		return r, false
	}
	if from == nil || from.IsBot {
		return r, false
	}
	r.UserID, r.Username, r.LangHint = from.ID, from.Username, langHint(from.LanguageCode)
	r.TGName = strings.TrimSpace(from.FirstName + " " + from.LastName)
	return r, true
}

// langHint maps Telegram's language code to one of ours: English for
// those whose Telegram is in English, Vietnamese otherwise.
func langHint(code string) string {
	if strings.HasPrefix(code, "en") {
		return "en"
	}
	return ""
}

// Ctx is one update being handled: the transaction it runs in, who sent it
// (as stored, never as claimed) and in which language to answer.
type Ctx struct {
	*storage.Tx
	bot  *Bot
	Req  Request
	Me   storage.Member
	Lang string

	buttonsOff bool // the pressed message's buttons are already taken off

	// What a heavy command prepared before the transaction (export.go).
	prepared []storage.Message
	prepErr  error

	// answer is the answer to the pressed button, sent after the commit.
	answer *storage.Message
}

// T is T in the language of the person being answered.
func (c *Ctx) T(key string, args ...any) string { return T(c.Lang, key, args...) }

// Reply sends text to the chat the update came from.
func (c *Ctx) Reply(text string, kb ...[]storage.Button) error {
	return c.bot.send(c.Tx, c.Req.ChatID, text, kb, nil)
}

// Answer answers a pressed button (a small notice; alert when it must be
// read). The answer goes once the update's transaction has committed, but
// not through the outbox: it is worth something only for the seconds
// Telegram keeps the query, so it is not worth an fsync, and after a crash
// or a restore it would come too late anyway.
func (c *Ctx) Answer(text string, alert bool) error {
	if c.Req.CallbackID == "" {
		return nil
	}
	c.answer = &storage.Message{Method: storage.MethodAnswerCallback, ChatID: c.Req.ChatID, CallbackID: c.Req.CallbackID, Text: truncate(stripTags(text), 200), Alert: alert}
	return nil
}

// Edit replaces the text of the message whose button was pressed; without
// kb its buttons go, so nobody presses twice.
func (c *Ctx) Edit(text string, kb ...[]storage.Button) error {
	c.buttonsOff = true
	_, err := c.Enqueue(storage.Message{Method: storage.MethodEditText, ChatID: c.Req.ChatID, MessageID: c.Req.MessageID, Text: truncateHTML(text), Keyboard: kb})
	return err
}

// send enqueues a message to a chat, split when longer than Telegram takes.
func (b *Bot) send(tx *storage.Tx, chatID int64, text string, kb [][]storage.Button, fallback []int64) error {
	return b.post(tx, storage.Message{ChatID: chatID, Text: text, Keyboard: kb, Fallback: fallback})
}

// post enqueues m as sendMessage, split when longer than Telegram takes;
// the buttons and the tag go with the last part.
func (b *Bot) post(tx *storage.Tx, m storage.Message) error {
	parts := splitHTML(m.Text, maxMessageLen)
	for i, part := range parts {
		p := storage.Message{Method: storage.MethodSendMessage, ChatID: m.ChatID, Text: part, Fallback: m.Fallback}
		if i == len(parts)-1 {
			p.Keyboard, p.Tag = m.Keyboard, m.Tag
		}
		if len(parts) == 1 { // a card in parts is not a line of a digest
			p.Digest, p.Line, p.Lang = m.Digest, m.Line, m.Lang
		}
		if _, err := tx.Enqueue(p); err != nil {
			return err
		}
	}
	return nil
}

// tell sends a text to a member in their own language.
func (b *Bot) tell(tx *storage.Tx, userID int64, key string, args ...any) error {
	m, _, err := tx.Member(userID)
	if err != nil {
		return err
	}
	return b.send(tx, userID, T(b.langOf(m), key, args...), nil, nil)
}

func (b *Bot) langOf(m storage.Member) string {
	if m.Lang != "" {
		return m.Lang
	}
	return b.cfg.Org.Language
}

// HandleUpdate handles one update and returns once its effect is committed
// (or it was found to be a repeat). An error means nothing was stored and
// the update must be taken again.
func (b *Bot) HandleUpdate(u *models.Update) (err error) {
	start, result := time.Now(), "ok"
	defer func() {
		if err != nil {
			result = "not_stored"
		}
		b.metrics.observe(start, result)
	}()
	req, ok := parseUpdate(u)
	if !ok {
		err := b.db.ApplyUpdate(u.ID, func(*storage.Tx) error { return nil })
		if errors.Is(err, storage.ErrDuplicateUpdate) {
			return nil
		}
		return err
	}
	prepared, prepErr := b.prepareHeavy(req)
	var answer *storage.Message
	err = b.db.ApplyUpdate(u.ID, func(tx *storage.Tx) (err error) {
		answer = nil // the transaction may run again
		defer func() {
			if p := recover(); p != nil {
				b.log.Error("handler panicked", "update", u.ID, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				err = fmt.Errorf("panic: %v", p)
			}
		}()
		c, err := b.newCtx(tx, req)
		if err != nil {
			return err
		}
		c.prepared, c.prepErr = prepared, prepErr
		err = b.route(c)
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
		return nil
	case errors.Is(err, storage.ErrDuplicateUpdate):
		result = "duplicate"
		return nil
	case storage.ErrorCode(err) == storage.EInternal:
		b.log.Error("update failed", "update", u.ID, "err", b.redact(err.Error()))
		result = "failed"
		return b.refuse(req, storage.Errorf(storage.EInternal, "err.internal"))
	default:
		result = "refused"
		return b.refuse(req, err)
	}
}

func (b *Bot) newCtx(tx *storage.Tx, req Request) (*Ctx, error) {
	tx.Prioritize(repliesTo(req.ChatID))
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
	return &Ctx{Tx: tx, bot: b, Req: req, Me: me, Lang: b.langOf(me)}, nil
}

// refuse stores that an update was refused: the person is told why in
// their language, a refusal of access is audited, and nothing else of the
// update's effect is kept.
func (b *Bot) refuse(req Request, cause error) error {
	var e *storage.Error
	if !errors.As(cause, &e) {
		e = storage.Errorf(storage.EInternal, "err.internal")
	}
	var answer *storage.Message
	err := b.db.ApplyUpdate(req.UpdateID, func(tx *storage.Tx) error {
		answer = nil
		c, err := b.newCtx(tx, req)
		if err != nil {
			return err
		}
		defer func() { answer = c.answer }()
		if e.Code == storage.EForbidden {
			what := req.Command
			if req.Data != "" {
				what = "button " + req.Data
			}
			if err := tx.AuditRefusal(req.UserID, "refused", what); err != nil {
				return err
			}
		}
		text := c.T(e.Key, e.Args...)
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
	return err
}

// prepareHeavy runs a heavy command's reading part in a read transaction,
// when the sender may use the command (checked again in the update's own
// transaction).
func (b *Bot) prepareHeavy(req Request) ([]storage.Message, error) {
	prep, ok := heavy[req.Command]
	if !ok || req.Group || req.CallbackID != "" {
		return nil, nil
	}
	var out []storage.Message
	var perr error
	err := b.db.View(func(tx *storage.Tx) error {
		me, _, err := tx.Member(req.UserID)
		if err != nil {
			return err
		}
		if commandsByName[req.Command].who&audienceOf(me) == 0 {
			return nil
		}
		out, perr = prep(b, tx, req, me)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, perr
}
