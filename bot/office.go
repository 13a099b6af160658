package bot

import (
	"time"

	"thiduabot/bot/config"
)

// office is what the bot does from the records and the configuration
// alone, in the transaction it is given: the cards, texts, sheets and
// charts it writes, the notices it queues in the outbox, the reminders a
// sweep owes. It holds no connection to Telegram, no sender and no running
// state, so nothing it does can wait on the network or outlive the
// transaction; the Bot embeds it and does the rest.
type office struct {
	cfg *config.Config
	loc *time.Location // the organisation's zone
	now func() time.Time
}

// Now is the time on the one clock the bot, its transactions and its
// sender read: the database's (storage.Options.Clock).
func (o *office) Now() time.Time { return o.now() }
