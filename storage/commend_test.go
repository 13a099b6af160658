package storage_test

import (
	"reflect"
	"strconv"
	"testing"
	"time"

	"thiduabot/storage"
)

// The example configuration's thresholds.
var thresholds = storage.CommendThresholds{
	GiayKhen: storage.AwardThresholds{MemberMinPoints: 40, MemberMinAccepted: 1, UnitMinPoints: 200},
	BangKhen: storage.AwardThresholds{MemberMinPoints: 120, MemberMinAccepted: 2, UnitMinPoints: 500},
}

func TestCommendThresholds_MemberAwards(t *testing.T) {
	for _, tc := range []struct {
		name     string
		points   int64
		accepted int64
		want     storage.Award
		listed   bool // in the proposal, for an award or for the evidence
	}{
		{"points and an initiative: Giấy khen", 40, 1, storage.AwardGiayKhen, true},
		{"the Bằng khen's points and initiatives: Bằng khen, not both", 120, 2, storage.AwardBangKhen, true},
		{"well above both", 900, 7, storage.AwardBangKhen, true},
		{"the Bằng khen's points, one initiative: Giấy khen", 300, 1, storage.AwardGiayKhen, true},
		{"two initiatives, a point short of the Bằng khen", 119, 2, storage.AwardGiayKhen, true},
		{"points but no initiative: nothing, and nothing to show", 90, 0, storage.AwardNone, false},
		{"an initiative, a point short: listed for the evidence", 39, 1, storage.AwardNone, true},
		{"nothing", 0, 0, storage.AwardNone, false},
	} {
		f := storage.CommendFacts{Members: []storage.Score{{Member: 5001, Points: tc.points}}, Accepted: map[int64]int64{5001: tc.accepted}}
		got := thresholds.Candidates(f)
		if !tc.listed {
			if len(got) != 0 {
				t.Errorf("%s: Candidates = %+v; want none", tc.name, got)
			}
			continue
		}
		want := []storage.Candidate{{Award: tc.want, Member: 5001, Points: tc.points, Accepted: tc.accepted}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Candidates = %+v; want %+v", tc.name, got, want)
		}
		if got[0].HasInitiative() != (tc.accepted > 0) {
			t.Errorf("%s: HasInitiative = %v with %d recognised", tc.name, got[0].HasInitiative(), tc.accepted)
		}
	}
}

// An initiative recognised under a scoring that gives it no point is
// evidence all the same.
func TestCommendThresholds_InitiativeWithoutPoints(t *testing.T) {
	f := storage.CommendFacts{Accepted: map[int64]int64{5002: 1, 5001: 2, 5003: 0}}
	want := []storage.Candidate{{Member: 5001, Accepted: 2}, {Member: 5002, Accepted: 1}}
	if got := thresholds.Candidates(f); !reflect.DeepEqual(got, want) {
		t.Errorf("Candidates = %+v; want %+v", got, want)
	}
}

func TestCommendThresholds_UnitAwards(t *testing.T) {
	p1 := storage.Period{Key: "q1"}
	p2 := storage.Period{Key: "q2"}
	onTime, late := storage.Report{}, storage.Report{Late: true}
	both := map[storage.PeriodUnit]storage.Report{{Period: "q1", Unit: "VP"}: onTime, {Period: "q2", Unit: "VP"}: onTime}
	for _, tc := range []struct {
		name    string
		points  int64
		periods []storage.Period
		reports map[storage.PeriodUnit]storage.Report
		want    []storage.Candidate
	}{
		{"every report on time, the Giấy khen's points", 200, []storage.Period{p1, p2}, both,
			[]storage.Candidate{{Award: storage.AwardGiayKhen, Unit: "VP", Points: 200, OnTime: 2, Due: 2}}},
		{"every report on time, the Bằng khen's points", 500, []storage.Period{p1, p2}, both,
			[]storage.Candidate{{Award: storage.AwardBangKhen, Unit: "VP", Points: 500, OnTime: 2, Due: 2}}},
		{"one report late", 900, []storage.Period{p1, p2},
			map[storage.PeriodUnit]storage.Report{{Period: "q1", Unit: "VP"}: onTime, {Period: "q2", Unit: "VP"}: late}, nil},
		{"one report missing", 900, []storage.Period{p1, p2},
			map[storage.PeriodUnit]storage.Report{{Period: "q1", Unit: "VP"}: onTime}, nil},
		{"another unit's report does not count", 900, []storage.Period{p1},
			map[storage.PeriodUnit]storage.Report{{Period: "q1", Unit: "TT"}: onTime}, nil},
		{"on time, a point short", 199, []storage.Period{p1},
			map[storage.PeriodUnit]storage.Report{{Period: "q1", Unit: "VP"}: onTime}, nil},
		{"no period due yet: points alone", 200, nil, nil,
			[]storage.Candidate{{Award: storage.AwardGiayKhen, Unit: "VP", Points: 200}}},
	} {
		f := storage.CommendFacts{Units: []storage.Score{{Unit: "VP", Points: tc.points}}, Periods: tc.periods, Reports: tc.reports}
		if got := thresholds.Candidates(f); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Candidates = %+v; want %+v", tc.name, got, tc.want)
		}
	}
}

func TestCommendThresholds_CandidatesInOrder(t *testing.T) {
	f := storage.CommendFacts{
		Members:  []storage.Score{{Member: 1, Points: 150}, {Member: 2, Points: 70}, {Member: 3, Points: 30}, {Member: 4, Points: 10}},
		Accepted: map[int64]int64{1: 3, 2: 1, 3: 1},
		Units:    []storage.Score{{Unit: "CNTT", Points: 600}, {Unit: "VP", Points: 250}, {Unit: "TT", Points: 100}},
	}
	var got []string
	for _, c := range thresholds.Candidates(f) {
		who := c.Unit
		if c.Member != 0 {
			who = strconv.FormatInt(c.Member, 10)
		}
		got = append(got, string(c.Award)+" "+who)
	}
	want := []string{"bang_khen 1", "giay_khen 2", " 3", "bang_khen CNTT", "giay_khen VP"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Candidates = %q; want %q (members by points, then units)", got, want)
	}
}

func TestYearPeriods_DueInTheYearAndByNow(t *testing.T) {
	now := time.Date(2026, 12, 21, 9, 0, 0, 0, hcm)
	period := func(key string, due time.Time) storage.Period { return storage.Period{Key: key, Due: due} }
	all := []storage.Period{
		period("last year", time.Date(2025, 12, 20, 17, 0, 0, 0, hcm)),
		// 00:30 on 1 January in Hà Nội is still 31 December in UTC: the
		// organisation's zone decides.
		period("new year here", time.Date(2026, 1, 1, 0, 30, 0, 0, hcm)),
		period("q3", time.Date(2026, 9, 20, 17, 0, 0, 0, hcm)),
		period("q4", time.Date(2026, 12, 20, 17, 0, 0, 0, hcm)),
		period("due now", now),
		period("not yet due", time.Date(2026, 12, 31, 17, 0, 0, 0, hcm)),
		period("next year", time.Date(2027, 3, 20, 17, 0, 0, 0, hcm)),
	}
	var got []string
	for _, p := range storage.YearPeriods(all, 2026, now, hcm) {
		got = append(got, p.Key)
	}
	want := []string{"new year here", "q3", "q4", "due now"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("YearPeriods(2026) = %q; want %q", got, want)
	}
}

// The Minister's Bằng khen, when its thresholds are set, takes the most
// outstanding from the province's list (one award for one achievement);
// unset, every Bằng khen stays the province's.
func TestCommendThresholds_TheMinistersLevel(t *testing.T) {
	withBo := thresholds
	withBo.BangKhenBo = storage.AwardThresholds{MemberMinPoints: 200, MemberMinAccepted: 3, UnitMinPoints: 800}
	for _, tc := range []struct {
		name     string
		th       storage.CommendThresholds
		points   int64
		accepted int64
		unit     int64
		want     storage.Award
		wantUnit storage.Award
	}{
		{"above the Minister's", withBo, 200, 3, 800, storage.AwardBangKhenBo, storage.AwardBangKhenBo},
		{"the Minister's points, two initiatives: the province's", withBo, 900, 2, 799, storage.AwardBangKhen, storage.AwardBangKhen},
		{"no Minister's level set", thresholds, 900, 9, 9000, storage.AwardBangKhen, storage.AwardBangKhen},
	} {
		f := storage.CommendFacts{Members: []storage.Score{{Member: 5001, Points: tc.points}}, Accepted: map[int64]int64{5001: tc.accepted},
			Units: []storage.Score{{Unit: "VP", Points: tc.unit}}}
		got := tc.th.Candidates(f)
		if len(got) != 2 || got[0].Award != tc.want || got[1].Award != tc.wantUnit {
			t.Errorf("%s: Candidates = %+v; want the member's %s, the unit's %s", tc.name, got, tc.want, tc.wantUnit)
		}
	}
}
