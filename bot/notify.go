package bot

import (
	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// undeliverable is called when Telegram refuses a message for good. When
// the person has not started the bot or has blocked it, the admins are
// told once, and a message someone else can act on (a join request) goes
// to them instead. A message of a round is not: the round tells the admins
// once whom it missed (round.go).
func (b *Bot) undeliverable(tx *storage.Tx, msg storage.Message, reason string) error {
	if msg.ChatID <= 0 || msg.Method == storage.MethodAnswerCallback {
		b.log.Warn("message set aside", "chat", msg.ChatID, "method", msg.Method, "reason", reason)
		return nil
	}
	person, _, err := tx.Member(msg.ChatID)
	if err != nil {
		return err
	}
	first, err := tx.Outbox().MarkUnreachable(msg.ChatID)
	if err != nil {
		return err
	}
	if msg.Round != "" {
		return tx.Reminders().RoundMissed(msg.Round, msg.ChatID)
	}
	if first {
		admins, err := b.operators(tx)
		if err != nil {
			return err
		}
		for _, id := range without(admins, msg.ChatID) {
			admin, _, err := tx.Member(id)
			if err != nil {
				return err
			}
			lang := b.langOf(admin)
			if err := b.send(tx, id, texts.T(lang, "undeliverable.person", displayName(lang, person), texts.HTML(b.roleText(tx, lang, person)), b.username), nil, nil); err != nil {
				return err
			}
		}
	}
	for _, id := range without(msg.Fallback, msg.ChatID) {
		other, _, err := tx.Member(id)
		if err != nil {
			return err
		}
		text := texts.T(b.langOf(other), "undeliverable.instead", displayName(b.langOf(other), person)) + msg.Text
		if err := b.send(tx, id, text, msg.Keyboard, nil); err != nil {
			return err
		}
	}
	return nil
}

func without(ids []int64, id int64) []int64 {
	var out []int64
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

// toDirectors sends the idea's card, with their buttons, to those who
// decide it after the heads (deciders), but whoever acted. An admin
// deciding in a director's place is told why.
func toDirectors(c *Ctx, idea storage.Idea, key string, args ...any) error {
	deciders, err := c.bot.deciders(c.tx, idea)
	if err != nil {
		return err
	}
	for _, d := range deciders {
		if d.UserID == c.Me.UserID {
			continue
		}
		lang := c.bot.langOf(d)
		m, err := c.bot.card(c.tx, d, idea, texts.T(lang, key, args...))
		if err != nil {
			return err
		}
		if !d.IsDirector() && len(m.Keyboard) > 0 {
			m.Text = texts.T(lang, "review.in_directors_place") + "\n" + m.Text
		}
		if err := c.bot.post(c.tx, m); err != nil {
			return err
		}
	}
	return nil
}

// deciders are those who decide idea after its unit's heads: the directors
// but its author, and the admins when it was a sole director's
// (storage.Review).
func (o *office) deciders(tx *storage.Tx, idea storage.Idea) ([]storage.Member, error) {
	directors, err := tx.Directors()
	if err != nil {
		return nil, err
	}
	var out []storage.Member
	seen := map[int64]bool{idea.Author: true}
	for _, d := range directors {
		if !seen[d.UserID] {
			seen[d.UserID] = true
			out = append(out, d)
		}
	}
	if !idea.ToAdmins {
		return out, nil
	}
	admins, err := tx.Admins()
	if err != nil {
		return nil, err
	}
	for _, id := range admins {
		a, _, err := tx.Member(id)
		if err != nil {
			return nil, err
		}
		if !seen[id] && a.IsAdmin() {
			seen[id] = true
			out = append(out, a)
		}
	}
	return out, nil
}

// toHeads tells the heads of the idea's unit (but whoever acted, and its
// author, who is told as the author).
func toHeads(c *Ctx, idea storage.Idea, key string, args ...any) error {
	heads, err := c.tx.UnitHeads(idea.Unit)
	if err != nil {
		return err
	}
	for _, h := range heads {
		if h.UserID == c.Me.UserID || h.UserID == idea.Author {
			continue
		}
		if err := c.bot.tell(c.tx, h.UserID, key, args...); err != nil {
			return err
		}
	}
	return nil
}

// toGroup posts to the staff group, in the organisation's language.
func (o *office) toGroup(tx *storage.Tx, key string, args ...any) error {
	if o.cfg.Telegram.GroupChatID == 0 {
		return nil
	}
	return o.send(tx, o.cfg.Telegram.GroupChatID, texts.T(o.cfg.Org.Language, key, args...), nil, nil)
}

// toDirectorsText tells every director, each in their language.
func (o *office) toDirectorsText(tx *storage.Tx, key string, args ...any) error {
	directors, err := tx.Directors()
	if err != nil {
		return err
	}
	for _, d := range directors {
		if err := o.tell(tx, d.UserID, key, args...); err != nil {
			return err
		}
	}
	return nil
}

// send enqueues a message to a chat, split when longer than Telegram takes.
func (o *office) send(tx *storage.Tx, chatID int64, text string, kb [][]storage.Button, fallback []int64) error {
	return o.post(tx, storage.Message{ChatID: chatID, Text: text, Keyboard: kb, Fallback: fallback})
}

// post enqueues m as sendMessage, split when longer than Telegram takes;
// the buttons and the tag go with the last part.
func (o *office) post(tx *storage.Tx, m storage.Message) error {
	if err := checkKeyboard(m.Keyboard); err != nil {
		return err
	}
	parts := splitHTML(m.Text, maxMessageLen)
	for i, part := range parts {
		p := storage.Message{Method: storage.MethodSendMessage, ChatID: m.ChatID, Text: part, Fallback: m.Fallback, Round: m.Round}
		if i == len(parts)-1 {
			p.Keyboard, p.Tag = m.Keyboard, m.Tag
		}
		if len(parts) == 1 { // a card in parts is not a line of a digest
			p.Digest, p.Line, p.Lang = m.Digest, m.Line, m.Lang
		}
		if _, err := tx.Outbox().Enqueue(p); err != nil {
			return err
		}
	}
	return nil
}

// tell sends a text to a member in their own language.
func (o *office) tell(tx *storage.Tx, userID int64, key string, args ...any) error {
	m, _, err := tx.Member(userID)
	if err != nil {
		return err
	}
	return o.send(tx, userID, texts.T(o.langOf(m), key, args...), nil, nil)
}

func (o *office) langOf(m storage.Member) string {
	if m.Lang != "" {
		return m.Lang
	}
	return o.cfg.Org.Language
}
