package bot

import "thiduabot/storage"

// deadLettered hears, in the transaction that sets it aside, of an outbox
// entry that can never be sent (delivery.Sender.DeadLettered). The admins,
// who receive the bot's system messages, are told of each kind once; the
// count is in /healthz and the thiduabot_outbox_dead_letters gauge.
func (b *Bot) deadLettered(tx *storage.Tx, m storage.Message, kind, reason string) error {
	b.log.Error("an outbox entry can never be sent: kept among the dead letters", "chat", m.ChatID, "method", m.Method, "kind", kind, "err", b.redact(reason))
	first, err := tx.Outbox().FirstDeadLetterOfKind(kind)
	if err != nil || !first {
		return err
	}
	admins, err := tx.Admins()
	if err != nil {
		return err
	}
	count := tx.Outbox().DeadLetterCount()
	for _, id := range admins {
		if err := b.tell(tx, id, "delivery.dead_letter", kind, count); err != nil {
			return err
		}
	}
	return nil
}
