package storage

// The doors below are the only way to a transaction's raw writers: the
// outbox, the sender's bookkeeping, half-filled forms and reminder rounds.
// Handlers write records through the intent methods of Tx (SubmitIdea,
// DecideIdea, SubmitReport, …), which ask their rule before writing; what
// is reached through a door writes what it is given, so each door is
// opened only where its job is (the test of the bot's imports keeps each
// one to its files).

// Outbox is the door to the messages a transaction sends: they leave once
// it has committed.
type Outbox struct{ tx *Tx }

// Outbox opens the transaction's outbox.
func (tx *Tx) Outbox() Outbox { return Outbox{tx} }

// Sending is the sender's own door: it reads the outbox in its order and
// records what became of each message.
type Sending struct{ tx *Tx }

// Sending opens the sender's door.
func (tx *Tx) Sending() Sending { return Sending{tx} }

// Forms is the door to people's half-filled forms, one per person.
type Forms struct{ tx *Tx }

// Forms opens the forms.
func (tx *Tx) Forms() Forms { return Forms{tx} }

// Reminders is the door to reminder rounds and to which reminders were
// sent or skipped.
type Reminders struct{ tx *Tx }

// Reminders opens the reminders' record.
func (tx *Tx) Reminders() Reminders { return Reminders{tx} }
