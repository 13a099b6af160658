package bot

import (
	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// Ctx is one update being handled: the transaction it runs in, who sent it
// (as stored, never as claimed) and in which language to answer.
type Ctx struct {
	// tx is the transaction the update is handled in.
	tx   *storage.Tx
	bot  *Bot
	Req  Request
	Me   storage.Member
	Lang string

	buttonsOff bool // the pressed message's buttons are already taken off

	// opening: the update is a command or a button that is not an answer
	// to the open form; replaceForm: the person chose to drop that form
	// (formguard.go).
	opening, replaceForm bool

	// What a heavy command prepared before the transaction (export.go).
	prepared []storage.Message
	prepErr  error
	// What the command's reader read before the transaction (heavy.go).
	looked any

	// answer is the answer to the pressed button, sent after the commit.
	answer *storage.Message
}

// T is T in the language of the person being answered.
func (c *Ctx) T(key string, args ...any) string { return texts.T(c.Lang, key, args...) }

// Reply sends text to the chat the update came from.
func (c *Ctx) Reply(text string, kb ...[]storage.Button) error {
	return c.bot.send(c.tx, c.Req.ChatID, text, kb, nil)
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
	if err := checkKeyboard(kb); err != nil {
		return err
	}
	c.buttonsOff = true
	_, err := c.tx.Outbox().Enqueue(storage.Message{Method: storage.MethodEditText, ChatID: c.Req.ChatID, MessageID: c.Req.MessageID, Text: truncateHTML(text), Keyboard: kb})
	return err
}
