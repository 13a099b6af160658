package storage_test

import (
	"errors"
	"testing"
	"time"

	"thiduabot/storage"
)

// infraDB is a database with the example's BCVT and CNTT, one indicator
// of each kind for BCVT, a work of BCVT's, and a quarter's period open.
func infraDB(t *testing.T) (*storage.DB, storage.Period) {
	t.Helper()
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, ict)
	db := MustOpen(t, storage.Options{Loc: ict, Clock: func() time.Time { return now }})
	org := storage.Org{Units: []storage.OrgUnit{
		{Code: "BCVT", Name: "Phòng Bưu chính – Viễn thông", Heads: []int64{2004}},
		{Code: "CNTT", Name: "Phòng Công nghệ thông tin", Heads: []int64{2005}},
	}, Admins: []int64{1001}}
	if err := db.SyncOrg(org); err != nil {
		t.Fatal(err)
	}
	inds := []storage.Indicator{
		{Code: "THON4G", Name: "Tỷ lệ thôn có 4G", Measure: "%", Kind: storage.KindLevel, Targets: []storage.Target{{Unit: "BCVT", Year: 2026, Baseline: 92, Target: 98}}},
		{Code: "BTS", Name: "Trạm BTS lắp mới", Measure: "trạm", Kind: storage.KindFlow, Targets: []storage.Target{{Unit: "BCVT", Year: 2026, Baseline: 120, Target: 150}}},
	}
	works := []storage.Work{{Code: "VUNGLOM", Name: "Phủ sóng vùng lõm", Unit: "BCVT", Investment: 18e9, OutsideBudget: 18e9,
		Milestones: []storage.Milestone{{Name: "Khởi công", Due: day(2026, 4, 1)}, {Name: "Đưa vào sử dụng", Due: day(2026, 12, 15)}}}}
	if err := db.SyncInfra(inds, works); err != nil {
		t.Fatal(err)
	}
	var p storage.Period
	err := db.Update(func(tx *storage.Tx) error {
		d := storage.Deadline{ID: "q", Name: "Báo cáo quý", Spec: "0 17 20 3,6,9,12 *"}
		if err := storage.PutDeadline(tx, d); err != nil {
			return err
		}
		var err error
		p, err = storage.EnsurePeriod(tx, d, storage.Occurrence{Opens: day(2025, 12, 20), Due: day(2026, 3, 20).Add(17 * time.Hour)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return db, p
}

func infraMember(t *testing.T, db *storage.DB, id int64) storage.Member {
	t.Helper()
	var m storage.Member
	if err := db.View(func(tx *storage.Tx) error {
		var err error
		m, _, err = tx.Member(id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return m
}

func infraReason(err error) storage.Reason {
	var e *storage.Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ""
}

func TestRecordIndicator_KeepsHistoryAndRefusesWhatItMust(t *testing.T) {
	db, p := infraDB(t)
	head, other := infraMember(t, db, 2004), infraMember(t, db, 2005)
	rec := func(m storage.Member, r storage.IndicatorReport) error {
		return db.Update(func(tx *storage.Tx) error { _, err := tx.RecordIndicator(m, r); return err })
	}
	if err := rec(head, storage.IndicatorReport{Indicator: "THON4G", PeriodKey: p.Key, Value: 93}); err != nil {
		t.Fatal(err)
	}
	if err := rec(head, storage.IndicatorReport{Indicator: "THON4G", PeriodKey: p.Key, Value: 94, Note: "sửa"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		m    storage.Member
		r    storage.IndicatorReport
		want storage.Reason
	}{
		{"another unit's head", other, storage.IndicatorReport{Indicator: "THON4G", PeriodKey: p.Key, Value: 95}, storage.ReasonIndicatorNotOwed},
		{"another unit named", head, storage.IndicatorReport{Indicator: "THON4G", Unit: "CNTT", PeriodKey: p.Key, Value: 95}, storage.ReasonReportOtherUnit},
		{"an unknown indicator", head, storage.IndicatorReport{Indicator: "XYZ", PeriodKey: p.Key, Value: 95}, storage.ReasonIndicatorNotOwed},
		{"a percentage over 100", head, storage.IndicatorReport{Indicator: "THON4G", PeriodKey: p.Key, Value: 101}, storage.ReasonPercentValue},
		{"a negative amount", head, storage.IndicatorReport{Indicator: "BTS", PeriodKey: p.Key, Value: -1}, storage.ReasonAmountValue},
	} {
		if err := rec(tc.m, tc.r); infraReason(err) != tc.want {
			t.Errorf("%s: RecordIndicator = %v; want %s", tc.name, err, tc.want)
		}
	}
	err := db.View(func(tx *storage.Tx) error {
		list, err := tx.IndicatorReports("THON4G", "BCVT")
		if err != nil {
			return err
		}
		if len(list) != 1 || list[0].Value != 94 || len(list[0].History) != 1 || list[0].History[0].Value != 93 {
			t.Errorf("reports = %+v; want 94 with 93 in its history", list)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRecordIndicator_ALowerLevelNeedsAReason(t *testing.T) {
	db, p := infraDB(t)
	head := infraMember(t, db, 2004)
	var q storage.Period
	err := db.Update(func(tx *storage.Tx) error {
		if _, err := tx.RecordIndicator(head, storage.IndicatorReport{Indicator: "THON4G", PeriodKey: p.Key, Value: 95}); err != nil {
			return err
		}
		d, _ := tx.Deadlines()
		var err error
		q, err = storage.EnsurePeriod(tx, storage.Deadline{ID: "q", Name: "Báo cáo quý"}, storage.Occurrence{Opens: p.Due, Due: day(2026, 6, 20).Add(17 * time.Hour)})
		_ = d
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	low := storage.IndicatorReport{Indicator: "THON4G", PeriodKey: q.Key, Value: 94}
	err = db.Update(func(tx *storage.Tx) error { _, err := tx.RecordIndicator(head, low); return err })
	if infraReason(err) != storage.ReasonLowerNeedsReason {
		t.Fatalf("a lower level without reason = %v; want %s", err, storage.ReasonLowerNeedsReason)
	}
	low.Reason = "Thu hồi 2 trạm do sạt lở"
	err = db.Update(func(tx *storage.Tx) error { _, err := tx.RecordIndicator(head, low); return err })
	if err != nil {
		t.Fatal(err)
	}
	_ = db.View(func(tx *storage.Tx) error {
		list, _ := tx.IndicatorReports("THON4G", "BCVT")
		if len(list) != 2 || list[1].Reason != low.Reason {
			t.Errorf("reports = %+v; want the lower one with its reason", list)
		}
		return nil
	})
}

func TestRecordWork_StateAndSchedule(t *testing.T) {
	db, p := infraDB(t)
	head, other := infraMember(t, db, 2004), infraMember(t, db, 2005)
	err := db.Update(func(tx *storage.Tx) error {
		if _, err := tx.RecordWork(other, storage.WorkReport{Work: "VUNGLOM", PeriodKey: p.Key, Milestone: -1}); infraReason(err) != storage.ReasonWorkNotOwed {
			t.Errorf("another unit's work = %v; want %s", err, storage.ReasonWorkNotOwed)
		}
		if _, err := tx.RecordWork(head, storage.WorkReport{Work: "VUNGLOM", PeriodKey: p.Key, Milestone: -1, Percent: 101}); infraReason(err) != storage.ReasonPercentValue {
			t.Errorf("101 %% = %v; want %s", err, storage.ReasonPercentValue)
		}
		_, err := tx.RecordWork(head, storage.WorkReport{Work: "VUNGLOM", PeriodKey: p.Key, Milestone: 0, ReachedOn: day(2026, 3, 5), Percent: 10, Disbursed: 2e9})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	_ = db.View(func(tx *storage.Tx) error {
		ws, err := tx.UnitWorks("BCVT", day(2026, 3, 10).Add(12*time.Hour))
		if err != nil || len(ws) != 1 {
			t.Fatalf("UnitWorks = %v, %v", ws, err)
		}
		if s := ws[0].Schedule; s.Pace != storage.Ahead || s.Days != 27 || s.Next != 1 || ws[0].State.Disbursed != 2e9 {
			t.Errorf("work stands %+v, state %+v; want ahead by 27 days, next milestone 1", s, ws[0].State)
		}
		owed, err := tx.StillOwed(p, "BCVT")
		if err != nil || len(owed.Works) != 0 || len(owed.Indicators) != 2 {
			t.Errorf("StillOwed = %+v, %v; want both indicators, no work", owed, err)
		}
		return nil
	})
}

func TestRecordIndicator_ClosedPeriodRefused(t *testing.T) {
	db, p := infraDB(t)
	head, admin := infraMember(t, db, 2004), infraMember(t, db, 1001)
	err := db.Update(func(tx *storage.Tx) error { _, err := tx.ClosePeriod(admin, p.Key); return err })
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *storage.Tx) error {
		_, err := tx.RecordIndicator(head, storage.IndicatorReport{Indicator: "THON4G", PeriodKey: p.Key, Value: 93})
		return err
	})
	if infraReason(err) != storage.ReasonPeriodClosed {
		t.Errorf("a closed period's report = %v; want %s", err, storage.ReasonPeriodClosed)
	}
}
