package bot_test

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"thiduabot/storage"
)

// acceptedIdea takes An's idea SK-1 to accepted (8+7+9) and records progress.
func (h *harness) acceptedIdea() {
	h.t.Helper()
	h.submitted()
	err := h.db.Update(func(tx *storage.Tx) error {
		head, _, _ := tx.Member(headVP.ID)
		d, _, _ := tx.Member(director.ID)
		an, _, _ := tx.Member(staffAn.ID)
		if _, err := tx.DecideIdea(head, 1, storage.Decision{Action: storage.ActEndorse}); err != nil {
			return err
		}
		if _, err := tx.DecideIdea(d, 1, storage.Decision{Action: storage.ActAccept, Scores: storage.Scores{Novelty: 8, Applicability: 7, Benefit: 9}}); err != nil {
			return err
		}
		_, err := tx.ReportProgress(an, storage.Progress{IdeaID: 1, Percent: 60, Saved: 3_200_000, Note: "Đã lắp hẹn giờ"})
		return err
	})
	if err != nil {
		h.t.Fatal(err)
	}
}

func TestSummary_FromTheKeptCounters(t *testing.T) {
	h := newHarnessAt(t, time.Date(2026, 11, 20, 9, 0, 0, 0, hcm))
	h.acceptedIdea()
	h.say(director, "/start")
	// Given no period, /summary offers this and the last month, quarter and
	// year as buttons; a press echoes the choice and answers for it.
	ask := h.say(director, "/summary")
	mustContain(t, ask, "chọn kỳ")
	var labels []string
	for _, row := range ask.Keyboard {
		for _, b := range row {
			labels = append(labels, b.Text)
		}
	}
	if got := strings.Join(labels, ", "); got != "Tháng 11/2026, Tháng 10/2026, Quý 4/2026, Quý 3/2026, Năm 2026, Năm 2025" {
		t.Errorf("period buttons = %s", got)
	}
	mark := h.srv.Mark()
	echo := h.press(director, ask, "p:summary:Q4/2026")
	mustContain(t, echo, "Báo cáo tổng hợp – quý 4/2026")
	if len(echo.Keyboard) != 0 {
		t.Errorf("the period buttons stay after the press: %v", echo.Keyboard)
	}
	sum := h.waitText(mark, director.ID, "Tổng hợp")
	mustContain(t, sum, "Tổng hợp quý 4/2026", "Sáng kiến: 1 (tiết kiệm, chống lãng phí 1; hạ tầng 0)", "đang thực hiện 1",
		"Ước tính (sáng kiến còn hiệu lực): 6.000.000 đ/năm", "Thực tế trong kỳ theo tiến độ sáng kiến: 3.200.000 đ",
		"Thực tế trong kỳ theo báo cáo của đơn vị: 0 đ", "(tính theo số tiết kiệm đơn vị báo cáo",
		"Văn phòng Sở: 0 đ / 120.000.000 đ (0%); sáng kiến: 3.200.000 đ",
		"Cá nhân dẫn đầu\n1. Nguyễn Văn An (Văn phòng) – 35 điểm", "Tập thể dẫn đầu\n1. Văn phòng Sở – 35 điểm")
	mustContain(t, h.say(director, "/summary 11/2026"), "tháng 11/2026")
	mustContain(t, h.say(director, "/summary 2026"), "năm 2026")
	mustContain(t, h.say(director, "/summary quý 4/2026"), "Tổng hợp quý 4/2026")
	mustContain(t, h.say(director, "/summary quý IV/2026"), "Tổng hợp quý 4/2026")
	mustContain(t, h.say(director, norm.NFD.String("/summary tháng 11/2026")), "tháng 11/2026")
	for _, bad := range []string{"Q5/2026", "13/2026", "hôm qua", "quý 5/2026", "năm 20266"} {
		mustContain(t, h.say(director, "/summary "+bad), "Không hiểu kỳ")
	}
	mustContain(t, h.say(staffAn, "/summary"), "không có quyền")
	mustContain(t, h.say(staffAn, "/export"), "không có quyền")
	group := h.cfg.Telegram.GroupChatID
	mark = h.srv.Mark()
	h.srv.SendGroupText(group, director, "/export")
	h.waitText(mark, group, "nhắn riêng")
}

func TestDigest_ToDirectorsOncePerWeek(t *testing.T) {
	monday := time.Date(2026, 11, 30, 7, 0, 0, 0, hcm) // summary.digest_schedule: Monday 07:00
	h := newHarnessAt(t, monday.Add(-time.Hour))
	h.say(director, "/start")
	h.acceptedIdea()
	for _, at := range []time.Time{monday.Add(-time.Minute), monday, monday.Add(time.Minute), monday.Add(2 * time.Hour)} {
		h.clock.Set(at)
		if err := h.bot.PostDigest(); err != nil {
			t.Fatal(err)
		}
	}
	h.settle()
	if got := h.count(director.ID, "Bản tin tuần"); got != 1 {
		t.Fatalf("%d digests for one Monday; want 1", got)
	}
	mustContain(t, lastWith(h.srv.Messages(director.ID), "Bản tin tuần"), "Tổng hợp quý 4/2026", "Nguyễn Văn An (Văn phòng) – 35 điểm")
}
