package bot_test

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/go-analyze/charts"

	"thiduabot/bot/config"
)

func TestLeaderboard_InTheGroupWithAChart(t *testing.T) {
	h := newHarness(t)
	h.submitted() // An (VP) has 1 point
	group := h.cfg.Telegram.GroupChatID
	mark := h.srv.Mark()
	h.srv.SendGroupText(group, staffAn, "/leaderboard@thiduabot")
	text := h.waitText(mark, group, "Bảng xếp hạng thi đua tháng")
	mustContain(t, text, "Nguyễn Văn An (Văn phòng) – 1 điểm", "Văn phòng Sở – 1 điểm")
	h.settle()
	var chart []byte
	for _, m := range h.srv.Messages(group) {
		if m.Photo != nil {
			chart = m.Photo.Data
		}
	}
	img, err := png.Decode(bytes.NewReader(chart))
	if err != nil {
		t.Fatalf("the chart is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 800 || b.Dy() != 480 {
		t.Errorf("chart is %v; want 800×480", b)
	}
	mustContain(t, h.say(staffAn, "/leaderboard year"), "Bảng xếp hạng thi đua năm 2026")
	h.settle() // and its chart
	mustContain(t, h.say(staffAn, "/leaderboard 2026"), "Bảng xếp hạng thi đua năm 2026")
	h.settle()
	mustContain(t, h.say(staffAn, "/leaderboard quý 4/2026"), "Bảng xếp hạng thi đua quý 4/2026")
	h.settle()
	mustContain(t, h.say(staffAn, "/leaderboard week"), "Không hiểu kỳ")
}

// The chart's font must draw every Vietnamese letter, or unit names show
// boxes.
func TestLeaderboard_FontHasVietnameseGlyphs(t *testing.T) {
	font := charts.GetDefaultFont()
	var names []string
	for _, u := range config.Example().Units {
		names = append(names, u.Name)
	}
	names = append(names, "ăâđêôơư ĂÂĐÊÔƠƯ áàảãạ ấầẩẫậ ắằẳẵặ éèẻẽẹ ếềểễệ íìỉĩị óòỏõọ ốồổỗộ ớờởỡợ úùủũụ ứừửữự ýỳỷỹỵ")
	for _, r := range strings.Join(names, "") {
		if r != ' ' && r != '–' && font.Index(r) == 0 {
			t.Errorf("the chart font has no glyph for %q", r)
		}
	}
}

func TestLeaderboard_PostedOncePerOccurrenceAcrossRestarts(t *testing.T) {
	monday := time.Date(2026, 11, 30, 8, 0, 0, 0, hcm) // the default schedule: Monday 08:00
	h := newHarnessAt(t, monday.Add(-time.Hour))
	h.submitted()
	group := h.cfg.Telegram.GroupChatID
	posts := func() int { return h.count(group, "Bảng xếp hạng thi đua") }
	h.clock.Set(monday.Add(-time.Minute))
	h.bot.PostLeaderboard()
	h.settle()
	if posts() != 0 {
		t.Fatal("posted before its time")
	}
	h.clock.Set(monday)
	h.bot.PostLeaderboard()
	h.bot.PostLeaderboard()
	h.settle()
	h.restart() // the start-up catch-up finds it already posted
	h.clock.Set(monday.Add(3 * time.Hour))
	h.bot.PostLeaderboard()
	h.settle()
	if got := posts(); got != 1 {
		t.Errorf("posted %d times for one Monday; want 1", got)
	}
	// Down at the next Monday 08:00, back at 09:00: posted on return.
	h.stop()
	h.clock.Set(monday.Add(7*24*time.Hour + time.Hour))
	h.start()
	h.bot.PostLeaderboard()
	h.settle()
	if got := posts(); got != 2 {
		t.Errorf("posted %d times over two Mondays; want 2", got)
	}
	mustContain(t, lastWith(h.srv.Messages(group), "Bảng xếp hạng"), "tháng 12/2026")
}

func TestLeaderboard_ShowsYourRankOutsideTheTop(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.Leaderboard.Top = 1 })
	h.acceptedIdea()               // An: 35 points, first
	h.join(staffJo, "John Nguyen") // John: 0 so far
	h.submitIdea(staffJo, "In hai mặt", "Mặc định in hai mặt.", "0")
	h.settle()
	mustContain(t, h.say(staffJo, "/leaderboard month"), "Nguyễn Văn An (Văn phòng) – 35", "Your rank: 2 of 2, 1 point")
}
