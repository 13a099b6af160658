package bot

import (
	"strings"
	"testing"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

func TestDisplayName_AnonymisedInTheReadersLanguage(t *testing.T) {
	gone := storage.Member{UserID: 5001, Unit: "VP", Anonymised: true}
	here := storage.Member{UserID: 5002, FullName: "Nguyễn Thị Hoa"}
	for _, tc := range []struct {
		lang string
		m    storage.Member
		want string
	}{
		{"vi", gone, "(đã xóa thông tin cá nhân)"},
		{"en", gone, "(personal data erased)"},
		{"en", here, "Nguyễn Thị Hoa"},
	} {
		if got := displayName(tc.lang, tc.m); got != tc.want {
			t.Errorf("displayName(%q, %+v) = %q; want %q", tc.lang, tc.m, got, tc.want)
		}
	}
}

// Limits are written with their digits grouped, in each reader's language.
func TestT_CountsGrouped(t *testing.T) {
	if got := texts.T("vi", "idea.ask_desc", texts.Count(3000)); !strings.Contains(got, "3.000 ký tự") {
		t.Errorf("vi: %q; want 3.000 ký tự", got)
	}
	if got := texts.T("en", "idea.ask_desc", texts.Count(3000)); !strings.Contains(got, "3,000 characters") {
		t.Errorf("en: %q; want 3,000 characters", got)
	}
	if got := errorText("vi", storage.Errorf(storage.EInvalid, storage.ReasonDescriptionTooLong, 3000, 3012)); !strings.Contains(got, "3.000 ký tự (đã nhập 3.012)") {
		t.Errorf("the refusal says %q", got)
	}
}
