package texts

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// Both catalogues say the same things: the same keys, and for each key
// the same verbs for the same arguments, so that T's callers fill either
// language alike. A translator may reorder arguments with %[n]d.
func TestTexts_CataloguesHaveTheSameKeysAndVerbs(t *testing.T) {
	if len(catalogues) != len(Languages) {
		t.Fatalf("%d catalogues for %d Languages", len(catalogues), len(Languages))
	}
	first := Languages[0]
	for _, lang := range Languages[1:] {
		for key := range catalogues[first] {
			if _, ok := Text(lang, key); !ok {
				t.Errorf("%q is in %s but not in %s", key, first, lang)
			}
		}
		for key, text := range catalogues[lang] {
			base, ok := Text(first, key)
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

// Every {one|other} choice is one T can make: closed, with a word per
// form, no verb or brace inside, and a %d before it to choose by.
func TestTexts_PluralChoicesAreWellFormed(t *testing.T) {
	for lang, texts := range catalogues {
		for key, text := range texts {
			verbs := directives(text)
			for i := 0; i < len(text); i++ {
				switch text[i] {
				case '}':
					t.Errorf("%s %q: a } without its {", lang, key)
				case '{':
					end := strings.IndexByte(text[i:], '}')
					if end < 0 {
						t.Errorf("%s %q: a { without its }", lang, key)
						continue
					}
					choice := text[i+1 : i+end]
					if words := strings.Split(choice, "|"); len(words) != 2 || strings.ContainsAny(choice, "{%") {
						t.Errorf("%s %q: choice {%s}; want {one|other} with no verb inside", lang, key, choice)
					}
					if _, ok := countBefore(verbs, i, []any{0, 0, 0, 0, 0, 0, 0, 0}); !ok {
						t.Errorf("%s %q: choice {%s} has no %%d before it", lang, key, choice)
					}
					i += end
				}
			}
		}
	}
}

func TestT_EnglishPlurals(t *testing.T) {
	for _, tc := range []struct {
		key  string
		args func(n int) []any
		want [3]string // for 0, 1, 2
	}{
		{"left.days", func(n int) []any { return []any{n} }, [3]string{"0 days", "1 day", "2 days"}},
		{"left.hours", func(n int) []any { return []any{n} }, [3]string{"0 hours", "1 hour", "2 hours"}},
		{"left.minutes", func(n int) []any { return []any{n} }, [3]string{"0 minutes", "1 minute", "2 minutes"}},
		{"head.new_idea.digest", func(n int) []any { return []any{n} }, [3]string{
			"📥 <b>0 new initiatives</b> waiting for review:\n",
			"📥 <b>1 new initiative</b> waiting for review:\n",
			"📥 <b>2 new initiatives</b> waiting for review:\n",
		}},
		{"lb.unit_line", func(n int) []any { return []any{HTML("🥇"), "CNTT", int64(n)} }, [3]string{
			"\n🥇 CNTT – 0 points", "\n🥇 CNTT – 1 point", "\n🥇 CNTT – 2 points",
		}},
		// Each word follows its own number.
		{"commend.member_line", func(n int) []any { return []any{1, "Hoa", "VP", n, 2 - n} }, [3]string{
			"\n1. Hoa (VP) – 0 points, 2 recognised initiatives",
			"\n1. Hoa (VP) – 1 point, 1 recognised initiative",
			"\n1. Hoa (VP) – 2 points, 0 recognised initiatives",
		}},
		{"deadlines.status", func(n int) []any { return []any{0, n} }, [3]string{
			"\nSubmitted: 0 of 0 units", "\nSubmitted: 0 of 1 unit", "\nSubmitted: 0 of 2 units",
		}},
		{"err.title_long", func(n int) []any { return []any{n, 120} }, [3]string{
			"A title has at most 0 characters (you typed 120). Please shorten it.",
			"A title has at most 1 character (you typed 120). Please shorten it.",
			"A title has at most 2 characters (you typed 120). Please shorten it.",
		}},
		{"mydata.points_year", func(n int) []any { return []any{"2026", int64(n)} }, [3]string{"2026: 0 points", "2026: 1 point", "2026: 2 points"}},
		{"export.caption", func(n int) []any { return []any{"2026", uint64(n)} }, [3]string{
			"📤 Movement data, 2026: 0 initiatives (sheets: initiatives, progress, reports, leaderboard, waste reports).",
			"📤 Movement data, 2026: 1 initiative (sheets: initiatives, progress, reports, leaderboard, waste reports).",
			"📤 Movement data, 2026: 2 initiatives (sheets: initiatives, progress, reports, leaderboard, waste reports).",
		}},
	} {
		for n, want := range tc.want {
			if got := T("en", tc.key, tc.args(n)...); got != want {
				t.Errorf("T(en, %q, %d) = %q; want %q", tc.key, n, got, want)
			}
		}
	}
	// Larger and negative numbers follow the same rule.
	for _, tc := range []struct {
		n    int
		want string
	}{{21, "21 hours"}, {101, "101 hours"}, {-1, "-1 hour"}, {1_000_000_001, "1000000001 hours"}, {math.MinInt64, "-9223372036854775808 hours"}} {
		if got := T("en", "left.hours", tc.n); got != tc.want {
			t.Errorf("T(en, left.hours, %d) = %q; want %q", tc.n, got, tc.want)
		}
	}
	// Vietnamese has one form: the text is unchanged.
	if got, want := T("vi", "left.hours", 1), "1 giờ"; got != want {
		t.Errorf("T(vi, left.hours, 1) = %q; want %q", got, want)
	}
}

func TestFormatVND(t *testing.T) {
	for _, tc := range []struct {
		lang string
		in   int64
		want string
	}{
		{"vi", 0, "0 đ"},
		{"vi", 999, "999 đ"},
		{"vi", 1000, "1.000 đ"},
		{"vi", 1_500_000, "1.500.000 đ"},
		{"vi", -1_500_000, "-1.500.000 đ"},
		{"vi", 1_000_000_000_000, "1.000.000.000.000 đ"},
		{"vi", math.MaxInt64, "9.223.372.036.854.775.807 đ"},
		{"vi", math.MinInt64, "-9.223.372.036.854.775.808 đ"},
		{"en", 0, "VND 0"},
		{"en", 1_500_000, "VND 1,500,000"},
		{"en", -1_500_000, "VND -1,500,000"},
		{"en", math.MaxInt64, "VND 9,223,372,036,854,775,807"},
		{"xx", 1_500_000, "1.500.000 đ"}, // the default language's
	} {
		if got := FormatVND(tc.lang, tc.in); got != tc.want {
			t.Errorf("FormatVND(%q, %d) = %q; want %q", tc.lang, tc.in, got, tc.want)
		}
	}
}

func TestFormatTime(t *testing.T) {
	at := time.Date(2026, 11, 28, 2, 12, 0, 0, time.UTC) // 09:12 in Hồ Chí Minh City
	early := time.Date(2027, 1, 4, 0, 5, 0, 0, hcmZone)
	for _, tc := range []struct {
		lang string
		in   time.Time
		want string
	}{
		{"vi", at, "28/11/2026 09:12"},
		{"en", at, "28 Nov 2026 09:12"},
		{"vi", early, "04/01/2027 00:05"},
		{"en", early, "4 Jan 2027 00:05"},
		{"xx", at, "28/11/2026 09:12"},
	} {
		if got := FormatTime(tc.lang, tc.in, hcmZone); got != tc.want {
			t.Errorf("FormatTime(%q, %v) = %q; want %q", tc.lang, tc.in, got, tc.want)
		}
	}
}

// Money and Moment arguments are written in the language of the text.
func TestT_MoneyAndMomentInTheReadersLanguage(t *testing.T) {
	due := Moment(time.Date(2026, 12, 20, 17, 0, 0, 0, hcmZone))
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"vi", []string{"25.000.000 đ", "20/12/2026 17:00"}},
		{"en", []string{"VND 25,000,000", "20 Dec 2026 17:00"}},
	} {
		if got := T(tc.lang, "progress.saved", "SK-1", 40, Money(25_000_000)); !strings.Contains(got, tc.want[0]) {
			t.Errorf("T(%q, progress.saved, Money) = %q; want %q in it", tc.lang, got, tc.want[0])
		}
		if got := T(tc.lang, "period.closed", "Q4", due); !strings.Contains(got, tc.want[1]) {
			t.Errorf("T(%q, period.closed, Moment) = %q; want %q in it", tc.lang, got, tc.want[1])
		}
	}
}

var hcmZone = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		panic(err)
	}
	return loc
}()
