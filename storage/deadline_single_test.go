package storage_test

import (
	"testing"
	"time"

	"thiduabot/storage"
)

// A single deadline added in chat has its period at once; corrected, its
// period is made again under the new due time with its reminders started
// over; once a report is filed it is neither corrected nor deleted.
func TestSingleDeadline_AddCorrectDelete(t *testing.T) {
	now := time.Date(2026, 11, 2, 8, 0, 0, 0, hcm)
	db := MustOpen(t, storage.Options{Clock: func() time.Time { return now }})
	if err := db.SyncOrg(exampleOrg()); err != nil {
		t.Fatal(err)
	}
	due := time.Date(2026, 11, 30, 17, 0, 0, 0, hcm)
	var admin, head storage.Member
	err := db.Update(func(tx *storage.Tx) error {
		admin, _, _ = tx.Member(1001)
		head, _, _ = tx.Member(2001)
		if _, _, err := tx.AddDeadline(head, "Kiểm kê", due); storage.ErrorCode(err) != storage.EForbidden {
			t.Errorf("a head adds a deadline: %v; want forbidden", err)
		}
		if _, _, err := tx.AddDeadline(admin, "Kiểm kê", now); storage.ErrorCode(err) != storage.EInvalid {
			t.Errorf("a deadline due now: %v; want invalid", err)
		}
		d, p, err := tx.AddDeadline(admin, "  Kiểm kê   tài sản ", due)
		if err != nil {
			return err
		}
		if d.Name != "Kiểm kê tài sản" || !p.Opens.Equal(now) || !p.Due.Equal(due) {
			t.Errorf("added %+v with period %+v; want it open from now to its due time", d, p)
		}
		if err := tx.Reminders().Record(p.Key+"|VP|b10080", storage.ReminderSent); err != nil {
			return err
		}
		later := due.Add(5 * 24 * time.Hour)
		if _, _, _, err := tx.CorrectDeadline(head, d.ID, d.Name, later); storage.ErrorCode(err) != storage.EForbidden {
			t.Errorf("a head corrects a deadline: %v; want forbidden", err)
		}
		if _, _, _, err := tx.CorrectDeadline(admin, d.ID, d.Name, now.Add(-time.Hour)); storage.ErrorCode(err) != storage.EInvalid {
			t.Errorf("corrected into the past: %v; want invalid", err)
		}
		_, d2, p2, err := tx.CorrectDeadline(admin, d.ID, d.Name, later)
		if err != nil {
			return err
		}
		if _, err := tx.Period(p.Key); storage.ErrorCode(err) != storage.ENotFound {
			t.Errorf("the period under the old due time is still there: %v", err)
		}
		if tx.Reminders().Done(p.Key+"|VP|b10080") || !p2.Due.Equal(later) || !p2.Opens.Equal(now) || !d2.DueAt.Equal(later) {
			t.Errorf("corrected: %+v, %+v; want the new due time, open since it was added, its reminders anew", d2, p2)
		}
		if err := tx.Reminders().Record(p2.Key+"|VP|b10080", storage.ReminderSent); err != nil {
			return err
		}
		_, d3, p3, err := tx.CorrectDeadline(admin, d.ID, "Kiểm kê tài sản cuối năm", later)
		if err != nil {
			return err
		}
		if p3.Key != p2.Key || p3.Name != "Kiểm kê tài sản cuối năm" || d3.Name != p3.Name || !tx.Reminders().Done(p2.Key+"|VP|b10080") {
			t.Errorf("renamed: %+v, %+v; want the same period renamed, its reminders kept", d3, p3)
		}
		if _, err := tx.SubmitReport(head, storage.Report{PeriodKey: p2.Key, Saved: 1, Infra: "Xong."}); err != nil {
			return err
		}
		if _, _, _, err := tx.CorrectDeadline(admin, d.ID, d.Name, due); storage.ErrorCode(err) != storage.EConflict {
			t.Errorf("corrected after a report: %v; want conflict", err)
		}
		if _, err := tx.DeleteDeadline(admin, d.ID); storage.ErrorCode(err) != storage.EConflict {
			t.Errorf("deleted after a report: %v; want conflict", err)
		}
		other, _, err := tx.AddDeadline(admin, "Thử", due)
		if err != nil {
			return err
		}
		if _, err := tx.DeleteDeadline(admin, other.ID); err != nil {
			return err
		}
		if _, err := tx.Deadline(other.ID); storage.ErrorCode(err) != storage.ENotFound {
			t.Errorf("the deleted deadline is still there: %v", err)
		}
		if _, err := tx.Period(storage.PeriodKey(other.ID, due)); storage.ErrorCode(err) != storage.ENotFound {
			t.Errorf("the deleted deadline's period is still there: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
