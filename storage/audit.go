package storage

import (
	"time"
)

// AuditEntry is one line of the audit log: who did what to which record.
type AuditEntry struct {
	At      time.Time   `json:"at"`
	Actor   int64       `json:"actor"`
	Action  AuditAction `json:"action"`
	Object  string      `json:"object,omitempty"`
	Detail  string      `json:"detail,omitempty"`
	Refused bool        `json:"refused,omitempty"`
}

// audit appends an entry to the audit log.
func (tx *Tx) audit(actor int64, action AuditAction, object, detail string) error {
	return tx.appendAudit(AuditEntry{At: tx.now, Actor: actor, Action: action, Object: object, Detail: detail})
}

// AuditRefusal records an attempt that was refused; detail says what was
// tried.
func (tx *Tx) AuditRefusal(actor int64, detail string) error {
	return tx.appendAudit(AuditEntry{At: tx.now, Actor: actor, Action: AuditRefused, Detail: detail, Refused: true})
}

func (tx *Tx) appendAudit(e AuditEntry) error {
	b := tx.tx.Bucket(bucketAudit)
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	return putJSON(b, u64(seq), e)
}

// LatestAudit returns the newest n audit entries, newest first.
func (tx *Tx) LatestAudit(n int) ([]AuditEntry, error) {
	var out []AuditEntry
	c := tx.tx.Bucket(bucketAudit).Cursor()
	for k, v := c.Last(); k != nil && len(out) < n; k, v = c.Prev() {
		var e AuditEntry
		if err := decode(bucketAudit, k, v, &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}
