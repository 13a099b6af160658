package names

import (
	"strings"
	"testing"

	"thiduabot/storage"
)

// A member is named by their name; one anonymised by the catalogue's word
// and never by what was their name; one never named by who they are, not a
// bare number.
func TestMember(t *testing.T) {
	for _, c := range []struct {
		m          storage.Member
		want, lose string
	}{
		{storage.Member{UserID: 7, FullName: "Nguyễn Văn An", TGName: "An"}, "Nguyễn Văn An", ""},
		{storage.Member{UserID: 7, Username: "an_nv"}, "@an_nv", ""},
		{storage.Member{UserID: 2001}, "2001", ""},
		{storage.Member{UserID: 7, FullName: "Nguyễn Văn An", Anonymised: true}, "", "Nguyễn"},
	} {
		got := Member("vi", c.m)
		if got == "" || !strings.Contains(got, c.want) || (c.lose != "" && strings.Contains(got, c.lose)) || got == "#2001" {
			t.Errorf("%+v: named %q; want %q in it, and not %q", c.m, got, c.want, c.lose)
		}
	}
}
