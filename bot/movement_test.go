package bot_test

import (
	"testing"

	"thiduabot/bot/config"
	"thiduabot/bot/tgtest"
)

// The movement is named word for word, from org.movement, and the
// organisation from org.name: a text never carries either.
func TestMovement_NamedWordForWordFromTheConfig(t *testing.T) {
	guest := tgtest.User{ID: 9101, FirstName: "Khách", LanguageCode: "vi"}
	h := newHarness(t)
	mustContain(t, h.say(guest, "/start"), "“Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí”", h.cfg.Org.Name)

	h2 := newHarness(t, func(c *config.Config) {
		c.Org.Movement = "Thi đua đổi mới sáng tạo"
		c.Org.Name = "Sở Khoa học và Công nghệ tỉnh Bình Minh"
	})
	mustContain(t, h2.say(guest, "/start"), "“Thi đua đổi mới sáng tạo”", "Sở Khoa học và Công nghệ tỉnh Bình Minh")
	h2.say(director, "/start")
	mark := h2.srv.Mark()
	h2.srv.SendText(director, "/commend 2026")
	mustContain(t, h2.waitText(mark, director.ID, "Đề xuất khen thưởng năm 2026"), "Phong trào thi đua “Thi đua đổi mới sáng tạo”")
}
