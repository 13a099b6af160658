package bot_test

import (
	"strings"
	"testing"

	"thiduabot/bot/tgtest"
	"thiduabot/storage"
)

// buttonAt says where a button whose data begins with prefix sits: row
// and column, or -1, -1.
func buttonAt(m tgtest.Message, prefix string) (int, int) {
	for r, row := range m.Keyboard {
		for c, b := range row {
			if strings.HasPrefix(b.Data, prefix) {
				return r, c
			}
		}
	}
	return -1, -1
}

// Making someone head, and undoing it, is previewed with who will be
// told; a cancel changes nothing and tells nobody; the confirm never
// stands where the pressed button was, nor the toggled button where the
// previous one was.
func TestPreview_MakingSomeoneHead(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.join(staffAn, "Nguyễn Văn An")
	role := func() storage.Role {
		var r storage.Role
		h.db.View(func(tx *storage.Tx) error {
			m, _, _ := tx.Member(staffAn.ID)
			r = m.Role
			return nil
		})
		return r
	}
	card := h.say(admin, "/m_5001")
	hr, hc := buttonAt(card, "m:h:")
	if hr < 0 {
		t.Fatalf("no button to make head: %v", card.Keyboard)
	}
	sure := h.press(admin, card, "m:h:")
	mustContain(t, sure, "Giao Nguyễn Văn An (Văn phòng Sở) làm trưởng đơn vị?", "sẽ nhận thông báo")
	if r, c := buttonAt(sure, "m:H:"); r == hr && c == hc {
		t.Errorf("the confirm stands where the pressed button was (%d, %d): a double tap confirms", r, c)
	}
	told := h.count(staffAn.ID, "")
	back := h.press(admin, sure, "m:c:")
	h.settle()
	if role() != storage.RoleStaff || h.count(staffAn.ID, "") != told {
		t.Errorf("a cancel changed something: role %q, %d messages to the member", role(), h.count(staffAn.ID, "")-told)
	}
	sure = h.press(admin, back, "m:h:")
	mark := h.srv.Mark()
	card = h.press(admin, sure, "m:H:")
	h.waitText(mark, staffAn.ID, "Thông tin thành viên của đồng chí đã được cập nhật")
	if role() != storage.RoleHead {
		t.Fatalf("role after the confirm = %q; want head", role())
	}
	if r, c := buttonAt(card, "m:s:"); r < 0 || (r == hr && c == hc) {
		t.Errorf("the undo stands at (%d, %d), where the button to make head was", r, c)
	}
	sure = h.press(admin, card, "m:s:")
	mustContain(t, sure, "Thôi giao Nguyễn Văn An (Văn phòng Sở) làm trưởng đơn vị?")
	h.press(admin, sure, "m:c:")
	h.settle()
	if role() != storage.RoleHead {
		t.Errorf("a cancelled undo changed the role to %q", role())
	}
	sure = h.press(admin, h.say(admin, "/m_5001"), "m:s:")
	h.press(admin, sure, "m:S:")
	if role() != storage.RoleStaff {
		t.Errorf("role after the undo = %q; want staff", role())
	}
}

// Declining a join request is previewed with the words the person will
// read; a cancel shows the request again, unchanged; the refusal is
// worded as final and sends nobody back to the office that refused.
func TestPreview_DecliningAJoinRequest(t *testing.T) {
	h := newHarness(t)
	h.say(headVP, "/start")
	code := h.invite(headVP, "VP")
	h.consent(staffAn, code)
	mark := h.srv.Mark()
	h.srv.SendText(staffAn, "Nguyễn Văn An")
	req := h.waitText(mark, headVP.ID, "Nguyễn Văn An")
	ask := h.press(headVP, req, "j:d:")
	mustContain(t, ask, "Nhập lý do")
	if r, c := buttonAt(ask, "j:c:"); r != 0 || c != 0 {
		t.Error("cancel does not stand where the pressed button was: a double tap goes on")
	}
	// A cancel shows the request again, unchanged.
	back := h.press(headVP, ask, "j:c:")
	mustContain(t, back, "Đăng ký vào Văn phòng Sở", "Nguyễn Văn An")
	status := func() storage.Status {
		var s storage.Status
		h.db.View(func(tx *storage.Tx) error {
			m, _, _ := tx.Member(staffAn.ID)
			s = m.Status
			return nil
		})
		return s
	}
	h.settle()
	if status() != storage.StatusPending || h.count(staffAn.ID, "không được duyệt") != 0 {
		t.Fatalf("a cancel changed something: %q", status())
	}
	// The reason, then the preview of what the person reads; a cancel there
	// changes nothing either.
	h.press(headVP, back, "j:d:")
	sure := h.say(headVP, "Đồng chí không thuộc biên chế của Văn phòng Sở.")
	mustContain(t, sure, "Không duyệt đăng ký của Nguyễn Văn An vào Văn phòng Sở?", "quyết định cuối cùng",
		"Đăng ký vào Văn phòng Sở không được duyệt. Lý do: Đồng chí không thuộc biên chế của Văn phòng Sở.")
	if r, c := buttonAt(sure, "f:ok"); r == 0 && c == 0 {
		t.Error("the confirm stands first: a double tap declines")
	}
	mustContain(t, h.press(headVP, sure, "f:cancel"), "vẫn chờ duyệt")
	h.settle()
	if _, ok := h.current(back).Button("j:d:"); !ok {
		t.Errorf("after a cancel the request lost its buttons: %v", h.current(back).Keyboard)
	}
	if status() != storage.StatusPending {
		t.Fatalf("a cancelled preview declined: %q", status())
	}
	h.press(headVP, h.current(back), "j:d:")
	sure = h.say(headVP, "Không thuộc biên chế.")
	mark = h.srv.Mark()
	h.press(headVP, sure, "f:ok")
	told := h.waitText(mark, staffAn.ID, "không được duyệt")
	mustContain(t, told, "Lý do: Không thuộc biên chế.")
	for _, never := range []string{"chưa được duyệt", "liên hệ trưởng đơn vị"} {
		if strings.Contains(told.Plain, never) {
			t.Errorf("the refusal says %q: %q", never, told.Plain)
		}
	}
	if status() == storage.StatusPending {
		t.Error("still pending after the confirm")
	}
}

// Keeping an old name is previewed; a cancel keeps the request waiting;
// the refusal is final and does not send the member back to the office.
func TestPreview_KeepingAnOldName(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.join(staffAn, "Nguyen Van An")
	h.press(staffAn, h.requests(staffAn), "md:n")
	preview := h.say(staffAn, "Nguyễn Văn An")
	mark := h.srv.Mark()
	h.press(staffAn, preview, "f:ok")
	h.waitText(mark, admin.ID, "Đề nghị sửa họ tên")
	card := h.say(admin, "/m_5001")
	sure := h.press(admin, card, "m:k:")
	mustContain(t, sure, "Giữ họ tên Nguyen Van An (Văn phòng Sở), không sửa thành Nguyễn Văn An?", "quyết định cuối cùng")
	back := h.press(admin, sure, "m:c:")
	mustContain(t, back, "Đề nghị sửa họ tên thành: Nguyễn Văn An")
	h.settle()
	if h.count(staffAn.ID, "không được chấp thuận") != 0 {
		t.Fatal("the member was told after a cancel")
	}
	sure = h.press(admin, back, "m:k:")
	mark = h.srv.Mark()
	h.press(admin, sure, "m:K:")
	told := h.waitText(mark, staffAn.ID, "không được chấp thuận")
	if strings.Contains(told.Plain, "liên hệ") || strings.Contains(told.Plain, "chưa được") {
		t.Errorf("the refusal is not worded as final: %q", told.Plain)
	}
	h.db.View(func(tx *storage.Tx) error {
		if m, _, _ := tx.Member(staffAn.ID); m.FullName != "Nguyen Van An" || m.NameRequest != "" {
			t.Errorf("after keeping the name: %q, waiting %q", m.FullName, m.NameRequest)
		}
		return nil
	})
}

// A declined applicant is no member: /m_N says so rather than "not
// allowed", and the audit names the unit they asked for, with no "()".
func TestDeclined_NotFoundAndAuditedWithTheirUnit(t *testing.T) {
	h := newHarness(t)
	h.say(admin, "/start")
	h.say(headVP, "/start")
	code := h.invite(headVP, "VP")
	h.consent(staffAn, code)
	mark := h.srv.Mark()
	h.srv.SendText(staffAn, "Nguyễn Văn An")
	req := h.waitText(mark, headVP.ID, "Nguyễn Văn An")
	ask := h.press(headVP, req, "j:d:")
	mark = h.srv.Mark()
	if _, err := h.srv.Press(headVP, ask, "f:skip"); err != nil {
		t.Fatal(err)
	}
	h.press(headVP, h.waitText(mark, headVP.ID, "quyết định cuối cùng"), "f:ok")
	h.settle()
	got := h.say(admin, "/m_5001")
	mustContain(t, got, "Không tìm thấy thành viên")
	if strings.Contains(got.Plain, "không có quyền") {
		t.Errorf("/m_5001 for a declined applicant says %q; want not found", got.Plain)
	}
	audit := h.say(admin, "/audit")
	mustContain(t, audit, "không duyệt đăng ký của Nguyễn Văn An (Văn phòng Sở)")
	if strings.Contains(audit.Plain, "()") {
		t.Errorf("the audit prints empty brackets: %q", audit.Plain)
	}
}
