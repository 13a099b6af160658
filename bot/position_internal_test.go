package bot

import "testing"

// A position said with its unit, the words they share said once.
func TestPositions_AHeadsTitleSaidWithTheUnit(t *testing.T) {
	for _, tc := range []struct{ title, unit, want string }{
		{"Chánh Văn phòng", "Văn phòng Sở", "Chánh Văn phòng Sở"},
		{"Chánh Thanh tra", "Thanh tra Sở", "Chánh Thanh tra Sở"},
		{"Trưởng phòng", "Phòng Công nghệ thông tin", "Trưởng phòng Công nghệ thông tin"},
		{"Giám đốc Trung tâm", "Trung tâm Công nghệ thông tin và Truyền thông", "Giám đốc Trung tâm Công nghệ thông tin và Truyền thông"},
		{"Chuyên viên", "Văn phòng Sở", "Chuyên viên Văn phòng Sở"},
		{"Phó Chánh Văn phòng", "Văn phòng Sở", "Phó Chánh Văn phòng Sở"},
	} {
		if got := withUnit(tc.title, tc.unit); got != tc.want {
			t.Errorf("withUnit(%q, %q) = %q; want %q", tc.title, tc.unit, got, tc.want)
		}
	}
}
