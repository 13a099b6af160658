package storage_test

import (
	"reflect"
	"strconv"
	"testing"
	"time"

	"thiduabot/storage"
)

// The example configuration's thresholds.
var thresholds = storage.CommendThresholds{CSTDMinPoints: 60, CSTDMinAccepted: 1, LDTTMinPoints: 20, TTLDTTMinPoints: 200}

func TestCommendThresholds_MemberCandidates(t *testing.T) {
	for _, tc := range []struct {
		name     string
		points   int64
		accepted int64
		want     storage.Title // "" when not a candidate
	}{
		{"points and an initiative: Chiến sĩ thi đua cơ sở", 60, 1, storage.TitleCSTD},
		{"well above both", 300, 4, storage.TitleCSTD},
		{"points but no initiative: Lao động tiên tiến", 90, 0, storage.TitleLDTT},
		{"an initiative, one point short", 59, 2, storage.TitleLDTT},
		{"just enough for Lao động tiên tiến", 20, 0, storage.TitleLDTT},
		{"one point short of anything", 19, 3, ""},
		{"nothing", 0, 0, ""},
	} {
		f := storage.CommendFacts{Members: []storage.Score{{Member: 5001, Points: tc.points}}, Accepted: map[int64]int64{5001: tc.accepted}}
		got := thresholds.Candidates(f)
		var title storage.Title
		if len(got) == 1 {
			title = got[0].Title
			if got[0].Member != 5001 || got[0].Points != tc.points || got[0].Accepted != tc.accepted {
				t.Errorf("%s: candidate %+v; want member 5001 with %d points, %d accepted", tc.name, got[0], tc.points, tc.accepted)
			}
		}
		if len(got) > 1 || title != tc.want {
			t.Errorf("%s: Candidates = %+v; want title %q", tc.name, got, tc.want)
		}
	}
}

func TestCommendThresholds_UnitCandidates(t *testing.T) {
	p1 := storage.Period{Key: "q1"}
	p2 := storage.Period{Key: "q2"}
	onTime, late := storage.Report{}, storage.Report{Late: true}
	for _, tc := range []struct {
		name    string
		points  int64
		periods []storage.Period
		reports map[storage.PeriodUnit]storage.Report
		want    []storage.Candidate
	}{
		{"every report on time, enough points", 200, []storage.Period{p1, p2},
			map[storage.PeriodUnit]storage.Report{{Period: "q1", Unit: "VP"}: onTime, {Period: "q2", Unit: "VP"}: onTime},
			[]storage.Candidate{{Title: storage.TitleTTLDTT, Unit: "VP", Points: 200, OnTime: 2, Due: 2}}},
		{"one report late", 500, []storage.Period{p1, p2},
			map[storage.PeriodUnit]storage.Report{{Period: "q1", Unit: "VP"}: onTime, {Period: "q2", Unit: "VP"}: late}, nil},
		{"one report missing", 500, []storage.Period{p1, p2},
			map[storage.PeriodUnit]storage.Report{{Period: "q1", Unit: "VP"}: onTime}, nil},
		{"another unit's report does not count", 500, []storage.Period{p1},
			map[storage.PeriodUnit]storage.Report{{Period: "q1", Unit: "TT"}: onTime}, nil},
		{"on time, a point short", 199, []storage.Period{p1},
			map[storage.PeriodUnit]storage.Report{{Period: "q1", Unit: "VP"}: onTime}, nil},
		{"no period due yet: points alone", 200, nil, nil,
			[]storage.Candidate{{Title: storage.TitleTTLDTT, Unit: "VP", Points: 200}}},
	} {
		f := storage.CommendFacts{Units: []storage.Score{{Unit: "VP", Points: tc.points}}, Periods: tc.periods, Reports: tc.reports}
		if got := thresholds.Candidates(f); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Candidates = %+v; want %+v", tc.name, got, tc.want)
		}
	}
}

func TestCommendThresholds_CandidatesInOrder(t *testing.T) {
	f := storage.CommendFacts{
		Members:  []storage.Score{{Member: 1, Points: 100}, {Member: 2, Points: 70}, {Member: 3, Points: 30}, {Member: 4, Points: 10}},
		Accepted: map[int64]int64{2: 1},
		Units:    []storage.Score{{Unit: "CNTT", Points: 400}, {Unit: "VP", Points: 250}, {Unit: "TT", Points: 100}},
	}
	var got []string
	for _, c := range thresholds.Candidates(f) {
		who := c.Unit
		if c.Member != 0 {
			who = strconv.FormatInt(c.Member, 10)
		}
		got = append(got, string(c.Title)+" "+who)
	}
	want := []string{"ldtt 1", "cstd 2", "ldtt 3", "ttldtt CNTT", "ttldtt VP"}
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
