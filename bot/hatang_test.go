package bot_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

var headBCVT = tgtest.User{ID: 2004, FirstName: "Ngô", LastName: "Văn Bảo", LanguageCode: "vi"}

// newInfraHarness is the example organisation on 1 March 2026, its BCVT
// head named, the first quarter's period open.
func newInfraHarness(t *testing.T, edit ...func(*config.Config)) *harness {
	t.Helper()
	h := newHarnessAt(t, on(time.March, 1, 8, 0), edit...)
	err := h.db.Update(func(tx *storage.Tx) error {
		_, err := tx.SetFullName(headBCVT.ID, "Ngô Văn Bảo")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	h.sweepAt(on(time.March, 1, 8, 1))
	return h
}

// pickPeriod opens the report form of the nth period /report offers.
func (h *harness) pickPeriod(head tgtest.User, nth int) tgtest.Message {
	h.t.Helper()
	pick := h.say(head, "/report")
	if len(pick.Keyboard) <= nth {
		h.t.Fatalf("/report offers %d periods; want more than %d: %q", len(pick.Keyboard), nth, pick.Plain)
	}
	return h.press(head, pick, pick.Keyboard[nth][0].Data)
}

func wantIn(t *testing.T, m tgtest.Message, parts ...string) {
	t.Helper()
	mustContain(t, m, parts...)
}

// TestHatang_TwoQuartersReportedAndFollowed: BCVT reports its indicators
// and works for two quarters through /report; each bad answer is answered
// and changes nothing; /hatang agrees with a recomputation from the
// records; the work whose start passed unreached is behind by the days
// since; a lower level asked for its reason.
// reportTwoQuarters has BCVT's head report its indicators and works for
// the first two quarters of 2026 through /report, each bad answer
// answered and changing nothing, a far-off value confirmed, a lower level
// asked for its reason.
func (h *harness) reportTwoQuarters() {
	t := h.t.(*testing.T)
	h.clock.Set(on(time.March, 10, 9, 0))
	h.say(headBCVT, "/start")

	// The first quarter.
	h.pickPeriod(headBCVT, 0)
	m := h.say(headBCVT, "10 triệu")
	wantIn(t, m, "Chỉ tiêu 1/4", "Trạm BTS 4G/5G lắp mới", "chưa có (đầu năm: 120)", "150 trạm")
	wantIn(t, h.say(headBCVT, "abc"), "Giá trị phải là một số không âm")
	m = h.say(headBCVT, "12")
	wantIn(t, m, "Chỉ tiêu 2/4", "Tỷ lệ hộ gia đình có cáp quang")
	m = h.say(headBCVT, "80,5%")
	wantIn(t, m, "Cáp viễn thông được ngầm hóa")
	m = h.say(headBCVT, "1,5")
	wantIn(t, m, "Tỷ lệ thôn, bản có sóng di động")
	for _, bad := range []string{"abc", "120", "-3"} {
		wantIn(t, h.say(headBCVT, bad), "Tỷ lệ phải là một số từ 0 đến 100", "95,5")
	}
	m = h.say(headBCVT, "93.5")
	wantIn(t, m, "Công trình 1/2", "Ngầm hóa cáp viễn thông", "Khởi công (01/05/2026)")
	m = h.press(headBCVT, m, "f:ms:-1")
	wantIn(t, m, "Khối lượng hoàn thành")
	wantIn(t, h.press(headBCVT, m, "f:pct:25"), "Giá trị giải ngân lũy kế")
	wantIn(t, h.say(headBCVT, "nhiều tiền"), "Số tiền chưa đúng")
	m = h.say(headBCVT, "500 triệu")
	m = h.press(headBCVT, m, "f:inc:0")
	wantIn(t, m, "Công trình 2/2", "Phủ sóng 4G/5G 25 thôn vùng lõm")
	m = h.press(headBCVT, m, "f:ms:0")
	wantIn(t, m, "Ngày đạt mốc “Khởi công”")
	wantIn(t, h.say(headBCVT, "15/03/2026"), "không sau hôm nay")
	wantIn(t, h.say(headBCVT, "05/03/2026"), "Khối lượng hoàn thành")
	wantIn(t, h.say(headBCVT, "101"), "Tỷ lệ phải là một số từ 0 đến 100")
	h.say(headBCVT, "10")
	m = h.say(headBCVT, "2 tỷ")
	m = h.press(headBCVT, m, "f:inc:0")
	wantIn(t, m, "Ghi chú")
	m = h.press(headBCVT, m, "f:skip")
	confirm := h.press(headBCVT, m, "f:skip")
	wantIn(t, confirm, "Trạm BTS 4G/5G lắp mới: 12 trạm", "Tỷ lệ thôn, bản có sóng di động băng rộng 4G/5G: 93,5 %",
		"đạt mốc “Khởi công” ngày 05/03/2026", "2.000.000.000 đ")
	// Nothing is stored before the confirm.
	h.db.View(func(tx *storage.Tx) error {
		if list, _ := tx.IndicatorReports("BTS", "BCVT"); len(list) != 0 {
			t.Errorf("before the confirm, BTS reports %+v; want none", list)
		}
		return nil
	})
	wantIn(t, h.press(headBCVT, confirm, "f:ok"), "đúng hạn")

	// The second quarter: a value far off is confirmed first, a lower
	// level asks for its reason.
	h.sweepAt(on(time.March, 20, 17, 0))
	h.clock.Set(on(time.June, 10, 9, 0))
	h.pickPeriod(headBCVT, 1)
	m = h.say(headBCVT, "5 triệu")
	wantIn(t, m, "Báo cáo gần nhất: 12 trạm")
	far := h.say(headBCVT, "500")
	wantIn(t, far, "gấp hơn 3 lần chỉ tiêu năm", "Giá trị này có đúng không?")
	wantIn(t, h.press(headBCVT, far, "f:no"), "Chỉ tiêu 1/4")
	h.say(headBCVT, "15")
	h.say(headBCVT, "82")
	m = h.say(headBCVT, "1")
	wantIn(t, m, "Báo cáo gần nhất: 93,5 %")
	m = h.say(headBCVT, "93")
	wantIn(t, m, "thấp hơn lần báo cáo trước (93,5)", "lý do")
	m = h.say(headBCVT, "Sạt lở làm hỏng tuyến truyền dẫn 2 thôn")
	wantIn(t, m, "Công trình 1/2")
	m = h.press(headBCVT, m, "f:ms:-1")
	wantIn(t, h.press(headBCVT, m, "f:pct:50"), "Giá trị giải ngân lũy kế")
	m = h.say(headBCVT, "1 tỷ")
	m = h.press(headBCVT, m, "f:inc:1")
	wantIn(t, h.press(headBCVT, m, "f:ms:-1"), "Khối lượng hoàn thành")
	h.say(headBCVT, "40,5")
	m = h.say(headBCVT, "5 tỷ")
	wantIn(t, h.press(headBCVT, m, "f:inc:0"), "Ghi chú")
	m = h.say(headBCVT, "Tiến độ quý II đạt yêu cầu.")
	confirm = h.press(headBCVT, m, "f:skip")
	wantIn(t, confirm, "lý do giảm: Sạt lở", "<b>có sự cố</b>"[3:9])
	h.press(headBCVT, confirm, "f:ok")

}

func TestHatang_TwoQuartersReportedAndFollowed(t *testing.T) {
	h := newInfraHarness(t)
	h.reportTwoQuarters()

	// /hatang on 2 July against a recomputation from the records.
	h.clock.Set(on(time.July, 2, 12, 0))
	h.settle()
	view := h.say(headBCVT, "/hatang")
	want := recomputeInfra(t, h, h.clock.Now())
	var parts []string
	h.db.View(func(tx *storage.Tx) error {
		inds, _ := tx.Indicators()
		for _, ind := range inds {
			tg, ok, _ := tx.Target(ind.Code, "BCVT", 2026)
			if !ok {
				continue
			}
			now := want.now[ind.Code+":BCVT"]
			goal, _, _ := tg.At(h.clock.Now())
			share := strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", 100*now/goal), "0"), ".")
			parts = append(parts, strings.ReplaceAll(fmt.Sprint(now), ".", ","), strings.ReplaceAll(share, ".", ",")+"% chỉ tiêu năm")
		}
		return nil
	})
	wantIn(t, view, parts...)
	wantIn(t, view, "chỉ tiêu điều chỉnh ngày 01/07/2026", "Ngầm hóa cáp viễn thông trục chính thành phố: chậm 62 ngày", "Phủ sóng 4G/5G 25 thôn vùng lõm: vượt tiến độ 27 ngày")
	if !strings.Contains(view.Plain, "27 / 150 trạm") {
		t.Errorf("BTS, a flow, adds up its quarters: %q", view.Plain)
	}

	// The indicator's card, period by period, with the reason kept.
	h.settle() // the chart follows the text
	if ms := h.srv.Messages(headBCVT.ID); ms[len(ms)-1].Photo == nil {
		t.Errorf("/hatang sent no chart after its text: %+v", ms[len(ms)-1])
	}
	card := h.press(headBCVT, view, "ha:i:THON4G:BCVT")
	wantIn(t, card, "20/03/2026: 93,5 %", "20/06/2026: 93 %", "lý do giảm: Sạt lở")

	// A director asks which units are behind on one indicator.
	h.say(director, "/start")
	overview := h.say(director, "/hatang")
	h.settle()
	across := h.press(director, overview, "ha:x:THON4G")
	wantIn(t, across, "Tỷ lệ thôn, bản có sóng di động băng rộng 4G/5G – các đơn vị", "BC-VT: 🔴", "92 → 93 → 98 %")

	// /summary and the workbook agree with the same recomputation.
	summary := h.sayLong(director, "/summary 2026", "sự cố mất an toàn")
	wantIn(t, tgtest.Message{Plain: summary},
		fmt.Sprintf("Chỉ tiêu của các đơn vị: %d; vượt kế hoạch %d, đúng kế hoạch %d, chậm %d.", want.indicators, want.pace[storage.Ahead], want.pace[storage.OnPlan], want.pace[storage.Behind]),
		fmt.Sprintf("Công trình: %d; vượt tiến độ %d, đúng tiến độ %d, chậm %d.", want.works, want.workPace[storage.Ahead], want.workPace[storage.OnPlan], want.workPace[storage.Behind]),
		"BC-VT – Ngầm hóa cáp viễn thông trục chính thành phố: chậm 62 ngày",
		fmt.Sprintf("đã giải ngân %d.000.000.000 đ; sự cố mất an toàn: %d", want.disbursed/1_000_000_000, want.incidents))
	book := h.workbook("2026")
	rows, _ := book.GetRows("Chỉ tiêu hạ tầng")
	if len(rows)-1 != want.indicators {
		t.Errorf("the sheet Chỉ tiêu hạ tầng has %d rows; want %d", len(rows)-1, want.indicators)
	}
	for _, r := range rows[1:] {
		if now, ok := want.now[r[1]+":"+r[0]]; !ok || r[8] != fmt.Sprint(now) {
			t.Errorf("the workbook's %s of %s is %s; the records say %v", r[1], r[0], r[8], now)
		}
	}
	works, _ := book.GetRows("Công trình")
	found := false
	for _, r := range works[1:] {
		if r[1] == "NGAMTP" {
			found = true
			if r[11] != "62" || r[12] != "1" {
				t.Errorf("the workbook's NGAMTP: %s days late, %s incidents; want 62, 1: %v", r[11], r[12], r)
			}
		}
	}
	if !found || len(works)-1 != want.works {
		t.Errorf("the sheet Công trình: %v; want %d works with NGAMTP", works, want.works)
	}
}

// infraWant is the infrastructure recomputed from the records alone.
type infraWant struct {
	indicators, works int
	pace, workPace    map[storage.Pace]int
	now               map[string]float64 // "CODE:UNIT" → the level, or the year's total
	disbursed         int64
	incidents         int
}

// recomputeInfra reads the stored reports and adds them up by hand: the
// latest level, the sum of a flow; the rules give the pace.
func recomputeInfra(t *testing.T, h *harness, at time.Time) infraWant {
	t.Helper()
	w := infraWant{pace: map[storage.Pace]int{}, workPace: map[storage.Pace]int{}, now: map[string]float64{}}
	h.db.View(func(tx *storage.Tx) error {
		inds, _ := tx.Indicators()
		units, _ := tx.Units()
		for _, ind := range inds {
			for _, u := range units {
				tg, ok, _ := tx.Target(ind.Code, u.Code, at.In(hcm).Year())
				if !ok {
					continue
				}
				list, _ := tx.IndicatorReports(ind.Code, u.Code)
				now, sum := tg.Baseline, 0.0
				var values []storage.IndicatorValue
				for _, r := range list {
					if r.Due.After(at) && r.At.After(at) || r.Due.In(hcm).Year() != tg.Year {
						continue // not yet reported then, or another year's
					}
					now, sum = r.Value, sum+r.Value
					values = append(values, storage.IndicatorValue{Value: r.Value, At: r.Due})
				}
				if ind.Kind == storage.KindFlow {
					now = sum
				}
				w.indicators++
				w.now[ind.Code+":"+u.Code] = now
				w.pace[storage.Stand(ind, tg, values, at, hcm).Pace]++
			}
		}
		all, _ := tx.Works()
		for _, wk := range all {
			list, _ := tx.WorkReports(wk.Code)
			reached := map[int]time.Time{}
			var disbursed int64
			for _, r := range list {
				if r.Due.After(at) && r.At.After(at) {
					continue
				}
				if _, had := reached[r.Milestone]; r.Milestone >= 0 && !had {
					reached[r.Milestone] = r.ReachedOn // the first report of it
				}
				disbursed = r.Disbursed
				if r.Incident {
					w.incidents++
				}
			}
			w.works++
			w.disbursed += disbursed
			w.workPace[wk.ScheduleAt(storage.WorkState{Reached: reached}, at).Pace]++
		}
		return nil
	})
	return w
}

// TestHatang_ForgedButtonsAndClosedPeriodRefused: a member pressing a
// forged button for another unit's indicator is refused and audited; a
// report for a closed period is refused and changes nothing.
func TestHatang_ForgedButtonsAndClosedPeriodRefused(t *testing.T) {
	h := newInfraHarness(t)
	h.clock.Set(on(time.March, 10, 9, 0))
	h.say(headBCVT, "/start")
	own := h.say(headVP, "/hatang")
	wantIn(t, own, "không có chỉ tiêu hạ tầng")
	n := len(h.srv.Requests())
	h.srv.PressForged(headVP, own, "ha:i:THON4G:BCVT")
	h.srv.PressForged(headVP, own, "ha:u:BCVT")
	h.srv.PressForged(headVP, own, "ha:x:THON4G")
	h.settle()
	if got := h.answered(n, "không có quyền"); got != 3 {
		t.Errorf("forged /hatang buttons refused %d times; want 3", got)
	}
	wantIn(t, h.say(admin, "/audit"), "/hatang")

	// The director sees every unit, the furthest behind first.
	h.say(director, "/start")
	all := h.say(director, "/hatang")
	wantIn(t, all, "các đơn vị")
	if _, ok := all.Button("ha:u:BCVT"); !ok {
		t.Errorf("the director's /hatang has no button for BCVT: %v", all.Keyboard)
	}

	// A forged report button for another unit: refused, audited.
	pick := h.say(headBCVT, "/report")
	n = len(h.srv.Requests())
	h.srv.PressForged(headVP, own, pick.Keyboard[0][0].Data)
	h.settle()
	if h.answered(n, "BCVT") == 0 && h.answered(n, "không có quyền") == 0 {
		t.Error("a forged report button for BCVT pressed by VP's head was not refused")
	}
	h.db.View(func(tx *storage.Tx) error {
		f, ok, _ := tx.Forms().Get(headVP.ID)
		if st, _ := storage.FormState[map[string]string](f); ok && st["unit"] == "BCVT" {
			t.Errorf("VP's head got BCVT's report form: %+v", f)
		}
		return nil
	})

	// A closed period: the old button is refused, nothing stored.
	err := h.db.Update(func(tx *storage.Tx) error {
		a, _, _ := tx.Member(admin.ID)
		ps, _ := tx.Periods(true)
		_, err := tx.ClosePeriod(a, ps[0].Key)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	n = len(h.srv.Requests())
	h.srv.Press(headBCVT, pick, pick.Keyboard[0][0].Data)
	h.settle()
	if h.answered(n, "đã đóng") == 0 {
		t.Error("a report for a closed period was not refused")
	}
}

// TestHatang_RemindersNameWhatIsOwed: a reminder names the indicators and
// works the unit has still to report; the directors' missing list too.
func TestHatang_RemindersNameWhatIsOwed(t *testing.T) {
	h := newInfraHarness(t)
	h.say(headBCVT, "/start")
	h.say(director, "/start")
	mark := h.srv.Mark()
	h.sweepAt(on(time.March, 13, 17, 0))
	m := h.waitText(mark, headBCVT.ID, "Nhắc hạn báo cáo")
	wantIn(t, m, "Còn phải báo cáo:", "Trạm BTS 4G/5G lắp mới", "Phủ sóng 4G/5G 25 thôn vùng lõm")
	mark = h.srv.Mark()
	h.sweepAt(on(time.March, 20, 17, 0))
	d := h.waitText(mark, director.ID, "Đến hạn")
	wantIn(t, d, "BCVT (BTS, CAPQUANG, NGAMHOA, THON4G, NGAMTP, VUNGLOM)", "KHTC (VONNNS)")

	// A report with everything left for later says what is still owed.
	h.clock.Set(on(time.March, 21, 9, 0))
	pick := h.say(headBCVT, "/report")
	done := h.report(headBCVT, pick, "3 triệu")
	wantIn(t, done, "trễ hạn", "Còn phải báo cáo: Trạm BTS 4G/5G lắp mới", "Phủ sóng 4G/5G 25 thôn vùng lõm")
}
