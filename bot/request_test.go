package bot_test

import (
	"testing"

	"golang.org/x/text/unicode/norm"

	"thiduabot/storage"
)

// Vietnamese typed with combining marks (Unikey's "Unicode tổ hợp", some
// phone keyboards) is the same text: amounts, names, titles, filters and
// periods are understood, and stored precomposed.
func TestInput_CombiningMarksAreTheSameText(t *testing.T) {
	h := newHarness(t)
	name := "Nguyễn Văn An"
	h.say(headVP, "/start")
	h.consent(staffAn, h.invite(headVP, "VP"))
	mark := h.srv.Mark()
	h.srv.SendText(staffAn, norm.NFD.String(name))
	req := h.waitText(mark, headVP.ID, name) // shown precomposed
	h.press(headVP, req, "j:a:")
	h.waitText(mark, staffAn.ID, "/idea")
	title, desc := "Tắt điều hòa khi rời phòng", "Gắn nhắc nhở, tắt điều hòa sau 17h."
	if norm.NFD.String(title) == title {
		t.Fatal("the decomposed title should differ from the precomposed one")
	}
	ref := h.submitIdea(staffAn, norm.NFD.String(title), norm.NFD.String(desc), norm.NFD.String("2 triệu"))
	if ref != "SK-1:" && ref != "SK-1" {
		t.Fatalf("submitting with combining marks gave %q; want SK-1", ref)
	}
	h.db.View(func(tx *storage.Tx) error {
		idea, err := tx.Idea(1)
		if err != nil {
			t.Fatal(err)
		}
		if idea.Title != title || idea.Description != desc || idea.EstSavings != 2_000_000 {
			t.Errorf("stored idea = %q, %q, %d; want %q, %q, 2000000 (precomposed)", idea.Title, idea.Description, idea.EstSavings, title, desc)
		}
		m, _, _ := tx.Member(staffAn.ID)
		if m.FullName != name {
			t.Errorf("stored name = %q; want %q (precomposed)", m.FullName, name)
		}
		return nil
	})
	mustContain(t, h.say(director, norm.NFD.String("/summary quý 4/2026")), "quý 4/2026")
}
