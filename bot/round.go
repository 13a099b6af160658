package bot

import (
	"strings"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// A round is many messages to heads at once: the reminders of a sweep, the
// notices of a new deadline. Some heads cannot receive them (they never
// opened the bot, or blocked it; Telegram refuses). The admins are not sent
// a warning and a copy of each, with buttons they may not press: once the
// round's last message has left the outbox, each admin gets one message
// naming the heads it missed, by name and unit, and what to do
// (storage.Round).

// round is a round being written.
type round struct {
	storage.Round
	used bool // a message was written in it
}

// begin begins the round *r of kind, unless it has begun.
func (o *office) begin(tx *storage.Tx, r **round, kind string) error {
	if *r != nil {
		return nil
	}
	sr, err := tx.Reminders().NewRound(kind)
	*r = &round{Round: sr}
	return err
}

// inRound makes m one of the round's messages.
func (r *round) inRound(m storage.Message) storage.Message {
	r.used = true
	m.Round = r.Key
	return m
}

// endRound stores a round once its messages are written; a round that
// sent nothing but found units without a head ends at once.
func (b *Bot) endRound(tx *storage.Tx, r *round) error {
	if r == nil || (!r.used && len(r.Headless) == 0) {
		return nil
	}
	if err := tx.Reminders().PutRound(r.Round); err != nil {
		return err
	}
	ended, done, err := tx.Reminders().RoundLeft(r.Key, 0)
	if err != nil || !done {
		return err
	}
	return b.tellMissed(tx, ended)
}

// left is the sender's hook (delivery.Sender.Left): a round whose last
// message has left the outbox is over, and the admins are told whom it
// missed.
func (b *Bot) left(tx *storage.Tx, gone []storage.Message) error {
	for _, m := range gone {
		if m.Round == "" {
			continue
		}
		r, done, err := tx.Reminders().RoundLeft(m.Round, m.ID)
		if err != nil {
			return err
		}
		if done {
			if err := b.tellMissed(tx, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// tellMissed sends each admin (whom the round did not miss) one message
// with the heads a round missed and the units it found without a head,
// and what to do; nothing when it missed no one.
func (b *Bot) tellMissed(tx *storage.Tx, r storage.Round) error {
	if len(r.Missed) == 0 && len(r.Headless) == 0 {
		return nil
	}
	var missed []storage.Member
	for _, id := range r.Missed {
		m, _, err := tx.Member(id)
		if err != nil {
			return err
		}
		missed = append(missed, m)
	}
	var headless []string
	for _, code := range r.Headless {
		u, _, err := tx.Unit(code)
		if err != nil {
			return err
		}
		headless = append(headless, u.Name)
	}
	admins, err := tx.Admins()
	if err != nil {
		return err
	}
	for _, id := range admins {
		if containsID(r.Missed, id) {
			continue
		}
		admin, _, err := tx.Member(id)
		if err != nil {
			return err
		}
		lang := b.langOf(admin)
		var about []string
		for _, s := range r.About {
			about = append(about, texts.T(lang, "round.about", s.Name, b.at(s.Due)))
		}
		var text strings.Builder
		text.WriteString(texts.T(lang, "round.title."+r.Kind, strings.Join(about, ", ")))
		if len(missed) > 0 {
			text.WriteString(texts.T(lang, "round.missed", len(missed)))
			for _, m := range missed {
				text.WriteString(texts.T(lang, "round.missed_line", displayName(lang, m), texts.HTML(b.roleText(tx, lang, m))))
			}
			text.WriteString(texts.T(lang, "round.missed_todo", b.username))
		}
		if len(headless) > 0 {
			text.WriteString(texts.T(lang, "round.headless", strings.Join(headless, ", ")))
		}
		if err := b.send(tx, id, text.String(), nil, nil); err != nil {
			return err
		}
	}
	return nil
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
