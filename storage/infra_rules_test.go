package storage_test

import (
	"math"
	"testing"
	"time"

	"thiduabot/storage"
)

var ict = time.FixedZone("ICT", 7*3600)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, ict) }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestTarget_PlanToDate(t *testing.T) {
	linear := storage.Target{Unit: "CNTT", Year: 2026, Baseline: 60, Target: 80}
	quarterly := storage.Target{Unit: "CNTT", Year: 2026, Baseline: 60, Target: 80, Quarters: []float64{70, 70, 75, 80}}
	flow := storage.Target{Unit: "BCVT", Year: 2026, Baseline: 30, Target: 40}
	adjusted := storage.Target{Unit: "CNTT", Year: 2026, Baseline: 60, Target: 80,
		Changes: []storage.TargetChange{{On: day(2026, 7, 1), Target: 90}}}
	for _, tc := range []struct {
		name string
		t    storage.Target
		kind string
		at   time.Time
		want float64
	}{
		{"a level starts at its baseline", linear, storage.KindLevel, day(2026, 1, 1), 60},
		{"a level ends at its target", linear, storage.KindLevel, day(2027, 1, 1), 80},
		{"a level without milestones runs straight", linear, storage.KindLevel, day(2026, 7, 2).Add(12 * time.Hour), 60 + 20*0.5},
		{"a level with milestones reaches each at its quarter's end", quarterly, storage.KindLevel, day(2026, 4, 1), 70},
		{"a level with milestones stays flat where they do", quarterly, storage.KindLevel, day(2026, 5, 15), 70},
		{"a flow starts at nothing", flow, storage.KindFlow, day(2026, 1, 1), 0},
		{"a flow adds up to its target", flow, storage.KindFlow, day(2027, 1, 1), 40},
		{"before an adjustment, the first target", adjusted, storage.KindLevel, day(2027, 1, 1).AddDate(0, -7, 0), 60 + 20*float64(day(2026, 6, 1).Sub(day(2026, 1, 1)))/float64(day(2027, 1, 1).Sub(day(2026, 1, 1)))},
		{"after it, the new one", adjusted, storage.KindLevel, day(2027, 1, 1), 90},
		{"a level with milestones runs straight inside a quarter", quarterly, storage.KindLevel, day(2026, 8, 16), 75 - 5*float64(day(2026, 10, 1).Sub(day(2026, 8, 16)))/float64(day(2026, 10, 1).Sub(day(2026, 7, 1)))},
		{"a flow with milestones reaches each quarter's total", storage.Target{Unit: "BCVT", Year: 2026, Baseline: 30, Target: 40, Quarters: []float64{5, 15, 30, 40}}, storage.KindFlow, day(2026, 7, 1), 15},
	} {
		if got := tc.t.PlanAt(tc.kind, tc.at, ict); !near(got, tc.want) {
			t.Errorf("%s: PlanAt(%v) = %v; want %v", tc.name, tc.at, got, tc.want)
		}
	}
}

func TestStand_LevelIsTheLatestFlowAddsUp(t *testing.T) {
	level := storage.Indicator{Code: "THON4G", Kind: storage.KindLevel, Measure: "%"}
	flow := storage.Indicator{Code: "BTS", Kind: storage.KindFlow, Measure: "trạm"}
	target := storage.Target{Unit: "BCVT", Year: 2026, Baseline: 60, Target: 80}
	values := []storage.IndicatorValue{{Value: 70, At: day(2026, 6, 20)}, {Value: 66, At: day(2026, 3, 20)}, {Value: 99, At: day(2025, 12, 20)}}
	at := day(2026, 7, 2).Add(12 * time.Hour) // half the year: plan 70 for the level, 40 for the flow
	for _, tc := range []struct {
		name      string
		ind       storage.Indicator
		t         storage.Target
		wantNow   float64
		wantPace  storage.Pace
		wantShare float64
	}{
		{"a level is its latest report of the year", level, target, 70, storage.OnPlan, 70.0 / 80},
		{"a flow is the year's reports added", flow, storage.Target{Unit: "BCVT", Year: 2026, Baseline: 30, Target: 80}, 136, storage.Ahead, 136.0 / 80},
		{"a level short of its plan is behind", level, storage.Target{Unit: "BCVT", Year: 2026, Baseline: 60, Target: 100}, 70, storage.Behind, 0.7},
	} {
		s := storage.Stand(tc.ind, tc.t, values, at, ict)
		if !near(s.Now, tc.wantNow) || s.Pace != tc.wantPace || !near(s.Share, tc.wantShare) {
			t.Errorf("%s: now %v pace %v share %v; want %v %v %v", tc.name, s.Now, s.Pace, s.Share, tc.wantNow, tc.wantPace, tc.wantShare)
		}
	}
	if s := storage.Stand(level, target, nil, at, ict); s.Reported || s.Now != 60 || s.Pace != storage.Behind {
		t.Errorf("nothing reported: %+v; want the baseline, behind", s)
	}
}

func TestWork_ScheduleAt(t *testing.T) {
	w := storage.Work{Code: "TTDL", Milestones: []storage.Milestone{
		{Name: "Khởi công", Due: day(2026, 3, 15)},
		{Name: "Nghiệm thu", Due: day(2026, 11, 30)},
	}}
	for _, tc := range []struct {
		name    string
		reached map[int]time.Time
		at      time.Time
		want    storage.Schedule
	}{
		{"nothing due yet", nil, day(2026, 3, 1), storage.Schedule{Pace: storage.OnPlan, Next: 0}},
		{"a milestone passed unreached is behind by the days since", nil, day(2026, 3, 25).Add(15 * time.Hour), storage.Schedule{Pace: storage.Behind, Days: 10, Next: 0}},
		{"reached on its day is on schedule", map[int]time.Time{0: day(2026, 3, 15)}, day(2026, 5, 1), storage.Schedule{Pace: storage.OnPlan, Next: 1}},
		{"reached early is ahead by the days", map[int]time.Time{0: day(2026, 3, 10)}, day(2026, 5, 1), storage.Schedule{Pace: storage.Ahead, Days: 5, Next: 1}},
		{"reached late, the next not yet due: on schedule", map[int]time.Time{0: day(2026, 4, 10)}, day(2026, 5, 1), storage.Schedule{Pace: storage.OnPlan, Next: 1}},
		{"the next past due is behind", map[int]time.Time{0: day(2026, 3, 10)}, day(2026, 12, 3), storage.Schedule{Pace: storage.Behind, Days: 3, Next: 1}},
		{"all reached", map[int]time.Time{0: day(2026, 3, 15), 1: day(2026, 11, 28)}, day(2026, 12, 3), storage.Schedule{Pace: storage.Ahead, Days: 2, Next: -1}},
	} {
		got := w.ScheduleAt(storage.WorkState{Reached: tc.reached}, tc.at)
		if got != tc.want {
			t.Errorf("%s: ScheduleAt = %+v; want %+v", tc.name, got, tc.want)
		}
	}
}

func TestParsePercent(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"95,5%", 95.5, true}, {"95,5", 95.5, true}, {"95.5", 95.5, true}, {" 100 % ", 100, true}, {"0", 0, true},
		{"abc", 0, false}, {"-3", 0, false}, {"100,1", 0, false}, {"", 0, false}, {"1e2", 0, false}, {"NaN", 0, false},
	} {
		got, err := storage.ParsePercent(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParsePercent(%q) = %v, %v; want %v (ok %v)", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestParseAmount(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12", 12, true}, {"3,5", 3.5, true}, {"12.75 km", 12.75, true}, {"1.250,5", 1250.5, true}, {"2.500", 2500, true}, {"1.000.000", 1e6, true},
		{"abc", 0, false}, {"-1", 0, false}, {"", 0, false}, {"Inf", 0, false},
	} {
		got, err := storage.ParseAmount(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseAmount(%q) = %v, %v; want %v (ok %v)", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestFarOffAndLowerThanLast(t *testing.T) {
	if !storage.FarOff(301, 100) || storage.FarOff(300, 100) || storage.FarOff(5, 0) {
		t.Error("FarOff: more than three times the target, and only then")
	}
	last := storage.IndicatorValue{Value: 70}
	if !storage.LowerThanLast(storage.KindLevel, 69, last, true) || storage.LowerThanLast(storage.KindFlow, 1, last, true) || storage.LowerThanLast(storage.KindLevel, 1, last, false) {
		t.Error("LowerThanLast: a level below the last one reported, and only a level")
	}
}

// Standings as far behind as each other sort the same whatever order they
// come in: by unit, then indicator.
func TestSortStandings_TiesKeepOneOrder(t *testing.T) {
	mk := func(unit, code string, gap float64) storage.Standing {
		return storage.Standing{Target: storage.Target{Unit: unit}, Indicator: storage.Indicator{Code: code}, Gap: gap}
	}
	want := []storage.Standing{mk("BCVT", "A", -0.9), mk("BCVT", "B", -0.5+1e-12), mk("CNTT", "A", -0.5), mk("KHTC", "A", -0.5-1e-12), mk("VP", "A", 0.1)}
	for _, perm := range [][]int{{4, 3, 2, 1, 0}, {2, 0, 4, 3, 1}, {1, 3, 0, 2, 4}} {
		var got []storage.Standing
		for _, i := range perm {
			got = append(got, want[i])
		}
		storage.SortStandings(got)
		for i := range want {
			if got[i].Target.Unit != want[i].Target.Unit || got[i].Indicator.Code != want[i].Indicator.Code {
				t.Fatalf("from %v: position %d is %s/%s; want %s/%s", perm, i, got[i].Target.Unit, got[i].Indicator.Code, want[i].Target.Unit, want[i].Indicator.Code)
			}
		}
	}
}
