package bot

import (
	"bytes"
	"encoding/json"
	"os"
	"time"
)

// A full disk's incident is recorded in a small file beside the database
// (the database itself cannot be written then): when it began, and who
// was told. A restart in the middle of the incident reads it and tells no
// one twice; one after it ended tells the admins who were told that it
// is over.
//
// The file is made at its full size while the disk has room, and is only
// ever rewritten in place, so writing it needs no space a full volume no
// longer has. What does not fit (past some 6,000 people told) is not
// recorded: those would be told again after a restart.

// incidentFileSize is the size the record is made at.
const incidentFileSize = 64 << 10

// incidentPath is the record of a full disk beside the database at dbPath.
func incidentPath(dbPath string) string { return dbPath + ".incident" }

// incidentRecord is what the file holds while an incident is open.
type incidentRecord struct {
	Since      time.Time `json:"since"`
	AdminsTold bool      `json:"admins_told"`
	Told       []int64   `json:"told,omitempty"`
}

// loadIncident reads the record beside dbPath (made at its size if there
// is none): the incident a restart found open, if any.
func (b *Bot) loadIncident() (incidentRecord, bool) {
	path := incidentPath(b.db.Path())
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) || (err == nil && len(data) < incidentFileSize) {
		if err := os.WriteFile(path, bytes.Repeat([]byte{' '}, incidentFileSize), 0o600); err != nil {
			b.log.Warn("could not make the full-disk record", "path", path, "err", err)
		}
	}
	var rec incidentRecord
	data = bytes.Trim(data, " \x00\n")
	if len(data) == 0 {
		return rec, false
	}
	if err := json.Unmarshal(data, &rec); err != nil || rec.Since.IsZero() {
		b.log.Warn("the full-disk record cannot be read; it is ignored", "path", path, "err", err)
		return incidentRecord{}, false
	}
	return rec, true
}

// saveIncident rewrites the record in place; a zero record says no
// incident is open.
func (b *Bot) saveIncident(rec incidentRecord) {
	path := incidentPath(b.db.Path())
	buf := bytes.Repeat([]byte{' '}, incidentFileSize)
	if !rec.Since.IsZero() {
		for {
			data, err := json.Marshal(rec)
			if err != nil {
				return
			}
			if len(data) <= incidentFileSize {
				copy(buf, data)
				break
			}
			rec.Told = rec.Told[:len(rec.Told)*3/4] // too many to keep: the rest may be told again after a restart
		}
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err == nil {
		_, err = f.WriteAt(buf, 0)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		b.log.Warn("could not write the full-disk record: a restart may tell people again", "path", path, "err", err)
	}
}

// incidentRecordLocked is the open incident as it is to be recorded (f.mu
// held).
func (f *faults) incidentRecordLocked() incidentRecord {
	rec := incidentRecord{Since: f.since, AdminsTold: f.adminsTold}
	for id, told := range f.told {
		if told {
			rec.Told = append(rec.Told, id)
		}
	}
	return rec
}
