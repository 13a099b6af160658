package bot

import "thiduabot/storage"

// Which messages go first when more are due than Telegram's limits let
// through (storage.Priority) is decided where the transactions that write
// them are opened, not at each of the many places a message is written:
// the handling of a person's update, and the rounds.

// repliesTo is the rule of a transaction handling a person's update in
// chatID: what goes to that chat answers their own action (the next step
// of a form, a receipt, the answer to a command), and they are waiting for
// it; what goes to anyone else is news of what they did.
func repliesTo(chatID int64) func(storage.Message) storage.Priority {
	return func(m storage.Message) storage.Priority {
		if m.ChatID == chatID {
			return storage.PriorityReply
		}
		return storage.PriorityNotice
	}
}

// round runs fn in a transaction whose messages are a bulk round
// (reminders, digests, scheduled postings): they take the room that
// replies and notifications leave.
func (b *Bot) round(fn func(tx *storage.Tx) error) error {
	return b.db.Update(func(tx *storage.Tx) error {
		tx.Outbox().Prioritize(func(storage.Message) storage.Priority { return storage.PriorityBulk })
		return fn(tx)
	})
}
