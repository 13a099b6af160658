package bot_test

import (
	"strings"
	"testing"
)

func TestAudit_ShowsChangesAndRefusals(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.submitted()
	h.say(staffAn, "/audit")
	log := h.say(admin, "/audit")
	mustContain(t, log, "Nguyễn Văn An nộp sáng kiến SK-1", "Đỗ Văn Hùng duyệt Nguyễn Văn An vào Văn phòng Sở",
		"Đỗ Văn Hùng tạo đường liên kết mời vào Văn phòng Sở", "⛔ Nguyễn Văn An bị từ chối: lệnh /audit")
	for _, code := range []string{"idea.submit", "join.approve", "member:", "unit:", "@"} {
		if strings.Contains(log.Plain, code) {
			t.Errorf("the audit shows the internal code %q:\n%s", code, log.Plain)
		}
	}
}
