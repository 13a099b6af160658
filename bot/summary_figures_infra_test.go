package bot_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"thiduabot/storage"
)

// infraEvents has head report, with the unit's report for p, a random
// value of each indicator the unit owes (a reason given, in case it is
// lower) and a random state of each of its works.
func infraEvents(tx *storage.Tx, rng *rand.Rand, head storage.Member, p storage.Period) error {
	inds, err := tx.OwedIndicators(p, head.Unit)
	if err != nil {
		return err
	}
	for _, ind := range inds {
		v := float64(rng.IntN(1000)) / 10
		if !ind.Percent() {
			v = float64(rng.IntN(3000))
		}
		if _, err := tx.RecordIndicator(head, storage.IndicatorReport{Indicator: ind.Code, PeriodKey: p.Key, Value: v, Reason: "Điều chỉnh số liệu"}); storage.ErrorCode(err) == storage.EInternal {
			return err
		}
	}
	works, err := tx.WorksOf(head.Unit)
	if err != nil {
		return err
	}
	for _, w := range works {
		r := storage.WorkReport{Work: w.Code, PeriodKey: p.Key, Milestone: rng.IntN(len(w.Milestones)+1) - 1, Percent: float64(rng.IntN(101)),
			Disbursed: int64(rng.IntN(100)) * 10_000_000, Incident: rng.IntN(8) == 0}
		if r.Milestone >= 0 {
			r.ReachedOn = tx.Now().AddDate(0, 0, -rng.IntN(30))
		}
		if _, err := tx.RecordWork(head, r); storage.ErrorCode(err) == storage.EInternal {
			return err
		}
	}
	return nil
}

// checkInfraFigures holds the summary's infrastructure block and the
// workbook's two sheets to a recomputation from the records, as at the
// period's end (or now, while it runs).
func (h *harness) checkInfraFigures(t *testing.T, period, summary string) {
	t.Helper()
	_, end := spanOf(t, period)
	at := h.clock.Now()
	if e := end.Add(-time.Second); e.Before(at) {
		at = e
	}
	want := recomputeInfra(t, h, at)
	if want.indicators > 0 {
		line := fmt.Sprintf("Chỉ tiêu của các đơn vị: %d; vượt kế hoạch %d, đúng kế hoạch %d, chậm %d.", want.indicators, want.pace[storage.Ahead], want.pace[storage.OnPlan], want.pace[storage.Behind])
		if !strings.Contains(summary, line) {
			t.Errorf("%s: /summary has no %q", period, line)
		}
	}
	if want.works > 0 {
		line := fmt.Sprintf("Công trình: %d; vượt tiến độ %d, đúng tiến độ %d, chậm %d.", want.works, want.workPace[storage.Ahead], want.workPace[storage.OnPlan], want.workPace[storage.Behind])
		if !strings.Contains(summary, line) {
			t.Errorf("%s: /summary has no %q", period, line)
		}
		money := fmt.Sprintf("đã giải ngân %s; sự cố mất an toàn: %d.", vndVi(want.disbursed), want.incidents)
		if !strings.Contains(summary, money) {
			t.Errorf("%s: /summary has no %q", period, money)
		}
	}
	book := h.workbook(period)
	rows, _ := book.GetRows("Chỉ tiêu hạ tầng")
	if len(rows)-1 != want.indicators {
		t.Errorf("%s: the sheet Chỉ tiêu hạ tầng has %d rows; want %d", period, len(rows)-1, want.indicators)
	}
	for _, r := range rows[1:] {
		if now, ok := want.now[r[1]+":"+r[0]]; !ok || r[8] != fmt.Sprint(now) {
			t.Errorf("%s: the workbook's %s of %s is %s; the records say %v", period, r[1], r[0], r[8], now)
		}
	}
	works, _ := book.GetRows("Công trình")
	if len(works)-1 != want.works {
		t.Errorf("%s: the sheet Công trình has %d rows; want %d", period, len(works)-1, want.works)
	}
}

// vndVi writes đồng as the Vietnamese texts do: 1.500.000 đ.
func vndVi(v int64) string {
	s := fmt.Sprint(v)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String() + " đ"
}
