package bot

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Both catalogues say the same things: the same keys, and for each key
// the same verbs for the same arguments, so that T's callers fill either
// language alike. A translator may reorder arguments with %[n]d.
func TestTexts_CataloguesHaveTheSameKeysAndVerbs(t *testing.T) {
	if len(catalogues) != len(languages) {
		t.Fatalf("%d catalogues for %d languages", len(catalogues), len(languages))
	}
	first := languages[0]
	for _, lang := range languages[1:] {
		for key := range catalogues[first] {
			if _, ok := catalogues[lang][key]; !ok {
				t.Errorf("%q is in %s but not in %s", key, first, lang)
			}
		}
		for key, text := range catalogues[lang] {
			base, ok := catalogues[first][key]
			if !ok {
				t.Errorf("%q is in %s but not in %s", key, lang, first)
				continue
			}
			if got, want := argumentVerbs(text), argumentVerbs(base); !slices.Equal(got, want) {
				t.Errorf("%s %q formats its arguments as %q; %s as %q", lang, key, got, first, want)
			}
		}
	}
}

// argumentVerbs lists a text's verbs by the argument they format, without
// the explicit index: "%[2]s … %[1]d" gives ["1:%d", "2:%s"].
func argumentVerbs(format string) []string {
	noIndex := regexp.MustCompile(`\[\d+\]`)
	var out []string
	for _, d := range directives(format) {
		out = append(out, fmt.Sprintf("%d:%s", d.arg+1, noIndex.ReplaceAllString(d.text, "")))
	}
	slices.Sort(out)
	return out
}

func TestDirectives(t *testing.T) {
	for _, tc := range []struct {
		format string
		want   string
	}{
		{"", ""},
		{"no verbs, 100%% sure", ""},
		{"%s has %d", "0 %s s, 1 %d d"},
		{"%[2]s before %[1]d", "1 %[2]s s, 0 %[1]d d"},
		{"%[2]s then %s", "1 %[2]s s, 2 %s s"},
		{"%-5.2f|%q", "0 %-5.2f f, 1 %q q"},
		{"%*d", "0 * *, 1 %*d d"},
		{"%d%%", "0 %d d"},
		{"Tiến độ (%)", "0 %) )"},
		{"up to 100%.", "-1 %. \x00"},
	} {
		var got []string
		for _, d := range directives(tc.format) {
			got = append(got, fmt.Sprintf("%d %s %c", d.arg, d.text, d.verb))
		}
		if g := strings.Join(got, ", "); g != tc.want {
			t.Errorf("directives(%q) = %q; want %q", tc.format, g, tc.want)
		}
	}
}

func TestT_EscapesStringsButNotHTML(t *testing.T) {
	for _, tc := range []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"en", "lang.set", nil, "Language set to English."},
		{"vi", "lang.set", nil, "Đã chuyển sang tiếng Việt."},
		{"xx", "lang.set", nil, "Đã chuyển sang tiếng Việt."},
		{"en", "no.such.key", nil, "no.such.key"},
		{"en", "join.already", []any{"<b>A&B</b>"}, "You are already a member of &lt;b&gt;A&amp;B&lt;/b&gt;."},
		{"en", "join.already", []any{HTML("<b>A&amp;B</b>")}, "You are already a member of <b>A&amp;B</b>."},
	} {
		if got := T(tc.lang, tc.key, tc.args...); got != tc.want {
			t.Errorf("T(%q, %q, %v) = %q; want %q", tc.lang, tc.key, tc.args, got, tc.want)
		}
	}
}
