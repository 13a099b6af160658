package bot

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// fold makes Vietnamese text comparable however it was typed: lower case,
// without diacritics, đ as d, one space between words. "Được công nhận"
// and "duoc cong nhan" fold alike.
func fold(s string) string {
	var out strings.Builder
	space := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.In(r, unicode.Mn, unicode.So, unicode.Sk):
			continue // marks, and symbols such as an emoji before a label
		case r == 'đ':
			r = 'd'
		case unicode.IsSpace(r) || r == '_':
			space = out.Len() > 0
			continue
		}
		if space {
			out.WriteByte(' ')
			space = false
		}
		out.WriteRune(r)
	}
	return out.String()
}
