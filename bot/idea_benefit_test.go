package bot_test

import (
	"strings"
	"testing"
	"time"

	"thiduabot/bot/config"
	"thiduabot/storage"
)

// TestIdea_InfrastructureStatesItsOwnBenefit: an infrastructure idea
// names the indicator it moves and by how much, or says why its benefit
// cannot be counted; neither card says "0 đ/năm". Bad amounts are refused
// and change nothing. The evidence for commendation lists the accepted
// one and the outside-budget investment it mobilised.
func TestIdea_InfrastructureStatesItsOwnBenefit(t *testing.T) {
	// A Giấy khen for any point, so that the author is proposed and their
	// evidence is shown beside the proposal.
	h := newHarnessAt(t, on(time.March, 2, 9, 0), func(c *config.Config) {
		c.Commendation.GiayKhen = config.AwardThresholds{MemberMinPoints: 1, UnitMinPoints: 1_000_000}
	})
	h.say(headVP, "/start")
	h.press(headVP, h.say(headVP, "/idea"), "f:infrastructure")
	h.say(headVP, "Kêu gọi doanh nghiệp đầu tư trạm BTS vùng lõm")
	ask := h.say(headVP, "Phối hợp các nhà mạng cùng đầu tư, dùng chung hạ tầng.")
	mustContain(t, ask, "lợi ích")
	pick := h.press(headVP, ask, "f:bk:ind")
	amount := h.press(headVP, pick, "f:bi:VONNNS")
	mustContain(t, amount, "Vốn ngoài ngân sách huy động cho hạ tầng", "triệu đồng")
	for _, bad := range []string{"abc", "-5", "0"} {
		mustContain(t, h.say(headVP, bad), "số không âm")
	}
	confirm := h.say(headVP, "2.500")
	mustContain(t, confirm, "Lợi ích: nâng chỉ tiêu “Vốn ngoài ngân sách huy động cho hạ tầng” thêm 2.500 triệu đồng")
	if strings.Contains(confirm.Plain, "0 đ/năm") {
		t.Errorf("the confirm still says 0 đ/năm: %q", confirm.Plain)
	}
	h.press(headVP, confirm, "f:ok")

	h.press(headVP, h.say(headVP, "/idea"), "f:infrastructure")
	h.say(headVP, "Chuẩn hóa hồ sơ cấp phép hạ tầng viễn thông")
	ask = h.say(headVP, "Một bộ mẫu hồ sơ dùng chung cho các huyện.")
	why := h.press(headVP, ask, "f:bk:none")
	confirm = h.say(headVP, "Rút ngắn thời gian cấp phép, chưa đo được bằng tiền.")
	mustContain(t, confirm, "Lợi ích: chưa lượng hóa được – Rút ngắn thời gian cấp phép")
	_ = why
	h.press(headVP, confirm, "f:ok")

	h.db.View(func(tx *storage.Tx) error {
		ideas, _, _ := tx.Ideas(storage.IdeaFilter{Author: headVP.ID}, 10)
		if len(ideas) != 2 || ideas[1].Benefit == nil || ideas[1].Benefit.Indicator != "VONNNS" || ideas[1].Benefit.Amount != 2500 || ideas[0].Benefit == nil || ideas[0].Benefit.Why == "" {
			t.Errorf("ideas %+v; want the indicator's 2500 and the sentence kept", ideas)
		}
		return nil
	})

	// Accepted, the first is the author's evidence: 2.500 triệu đồng mobilised.
	h.say(director, "/start")
	err := h.db.Update(func(tx *storage.Tx) error {
		dir, _, _ := tx.Member(director.ID)
		ideas, _, _ := tx.Ideas(storage.IdeaFilter{Author: headVP.ID}, 10)
		_, err := tx.DecideIdea(dir, ideas[1].ID, storage.Decision{Action: storage.ActAccept, Scores: storage.Scores{Novelty: 8, Applicability: 8, Benefit: 9}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	h.db.View(func(tx *storage.Tx) error {
		ideas, mobilised, err := tx.PersonInfraEvidence(headVP.ID, 2026)
		if err != nil || len(ideas) != 1 || mobilised != 2_500_000_000 {
			t.Errorf("PersonInfraEvidence = %d ideas, %d đ, %v; want 1 and 2.500.000.000 đ", len(ideas), mobilised, err)
		}
		return nil
	})
	mark := h.srv.Mark()
	h.srv.SendText(director, "/commend 2026")
	m := h.waitText(mark, director.ID, "Thành tích phát triển hạ tầng")
	mustContain(t, m, "1 sáng kiến về hạ tầng được chấp thuận áp dụng (SK-1); vốn ngoài ngân sách huy động: 2.500.000.000 đ")
}
