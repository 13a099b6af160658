package bot

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// What a person sees: tags go, entities show as their characters, nested
// tags and attributes (a '>' in a quoted value included) leave only text.
func TestPlainText_EntitiesDecodedTagsGone(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"plain, no markup", "plain, no markup"},
		{"Tom &amp; Jerry", "Tom & Jerry"},
		{"&lt;b&gt; is &quot;bold&quot;", `<b> is "bold"`},
		{"it&#39;s &#x1F600;", "it's 😀"},
		{"<b>Sáng kiến</b> SK-12", "Sáng kiến SK-12"},
		{"<b>đậm <i>nghiêng <u>gạch</u></i></b>!", "đậm nghiêng gạch!"},
		{`<a href="tg://user?id=42">Lê Văn A</a>`, "Lê Văn A"},
		{`<a href="https://x.vn/?q=a>b">link</a>`, "link"},
		{"<blockquote expandable>dài\ndòng</blockquote>", "dài\ndòng"},
		{"AT&T; 5 > 3", "AT&T; 5 > 3"},             // '&' with no entity, '>' alone: text as it stands
		{"a <b never closed", "a <b never closed"}, // what the tokenizer leaves at the end is kept
		{"1 < 2", "1 < 2"},
	}
	for _, c := range cases {
		if got := plainText(c.in); got != c.want {
			t.Errorf("plainText(%q) = %q; want %q", c.in, got, c.want)
		}
		if got := stripTags(c.in); got != c.want {
			t.Errorf("stripTags(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

// Telegram counts a message's length in UTF-16 code units after entity
// parsing: an entity is what it shows, a character outside the Basic
// Multilingual Plane is two, a tag nothing.
func TestPlainLen_UTF16UnitsAfterEntities(t *testing.T) {
	cases := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"Việt Nam", 8},
		{"&amp;", 1},
		{"a &lt; b", 5},
		{"😀", 2},
		{"&#x1F600;", 2},
		{"<b>é</b>", 1},
		{"<b><i>ab</i></b>😀", 4},
		{`<a href="tg://user?id=1">x</a>`, 1},
	}
	for _, c := range cases {
		if got := plainLen(c.in); got != c.want {
			t.Errorf("plainLen(%q) = %d; want %d", c.in, got, c.want)
		}
	}
}

func TestSplitHTML_Cuts(t *testing.T) {
	cases := []struct {
		name  string
		in    string
		limit int
		want  []string
	}{
		{"fits whole", "<b>ngắn</b>", 10, []string{"<b>ngắn</b>"}},
		{"at the limit exactly", "abcd", 4, []string{"abcd"}},
		{"at a line break rather than mid-line", "aaaa\nbbbb", 6, []string{"aaaa\n", "bbbb"}},
		{"mid-line when no line break", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"line breaks at a cut dropped", "ab\n\n\ncd", 2, []string{"ab", "cd"}},
		{"a tag open at a cut closed and reopened", "<b>xxxxxxxxxx</b>", 4, []string{"<b>xxxx</b>", "<b>xxxx</b>", "<b>xx</b>"}},
		{"nested tags closed innermost first", "<b><i>xxxxxx</i></b>", 4, []string{"<b><i>xxxx</i></b>", "<b><i>xx</i></b>"}},
		{"a start tag reopened with its attributes", `<a href="tg://user?id=7">abcdef</a>`, 4, []string{`<a href="tg://user?id=7">abcd</a>`, `<a href="tg://user?id=7">ef</a>`}},
		{"the tags open at the line break are the ones reopened", "<b>ab\n</b><i>cdef</i>", 4, []string{"<b>ab\n</b>", "<b></b><i>cdef</i>"}},
		{"an entity counts one and stays whole", "xx&amp;yy", 3, []string{"xx&amp;", "yy"}},
		{"an entity never cut", "&lt;&lt;&lt;&lt;&lt;", 2, []string{"&lt;&lt;", "&lt;&lt;", "&lt;"}},
		{"a tag never cut", `abc<a href="tg://user?id=1">de</a>`, 4, []string{`abc<a href="tg://user?id=1">d</a>`, `<a href="tg://user?id=1">e</a>`}},
		{"a surrogate pair that would pass the limit goes to the next part", "ab😀c", 3, []string{"ab", "😀c"}},
		{"a surrogate pair that ends at the limit stays", "ab😀c", 4, []string{"ab😀", "c"}},
		{"a numeric entity for a surrogate pair counts two", "ab&#x1F600;c", 3, []string{"ab", "&#x1F600;c"}},
		{"what follows a line break moved on still leaves no room for a surrogate pair", "\nxxx😀", 4, []string{"xxx", "😀"}},
		{"a part with nothing to see dropped", "abcd\n<b>\n</b>", 4, []string{"abcd"}},
	}
	for _, c := range cases {
		got := splitHTML(c.in, c.limit)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: splitHTML(%q, %d) = %q; want %q", c.name, c.in, c.limit, got, c.want)
		}
	}
}

// Whatever the text and the limit, every part fits, is well-formed (whole
// tags, closed in order, whole entities), and the parts show the text.
func TestSplitHTML_PartsFitAreWellFormedAndShowEverything(t *testing.T) {
	pieces := []string{"a", "bc ", "Việt ", "đ", "😀", "\n", "\n\n", "&amp;", "&lt;", "&quot;", "&#x1F600;",
		"<b>", "</b>", "<i>", "</i>", `<a href="tg://user?id=12">`, "</a>", "<code>", "</code>", "<blockquote expandable>", "</blockquote>"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		// Tags are opened and closed in order, as the bot writes them.
		var b strings.Builder
		var open []string
		for range rng.IntN(80) {
			p := pieces[rng.IntN(len(pieces))]
			switch {
			case strings.HasPrefix(p, "</"):
				if len(open) == 0 {
					continue
				}
				p, open = "</"+open[len(open)-1]+">", open[:len(open)-1]
			case strings.HasPrefix(p, "<"):
				name, _, _ := strings.Cut(strings.Trim(p, "<>"), " ")
				open = append(open, name)
			}
			b.WriteString(p)
		}
		for i := len(open) - 1; i >= 0; i-- {
			b.WriteString("</" + open[i] + ">")
		}
		in, limit := b.String(), 2+rng.IntN(30)
		parts := splitHTML(in, limit)
		var shown strings.Builder
		for _, p := range parts {
			if n := plainLen(p); n > limit {
				t.Fatalf("splitHTML(%q, %d): part %q shows %d; want ≤ %d", in, limit, p, n, limit)
			}
			if err := wellFormed(p); err != "" {
				t.Fatalf("splitHTML(%q, %d): part %q: %s", in, limit, p, err)
			}
			shown.WriteString(plainText(p))
		}
		if got, want := strings.Join(strings.Fields(shown.String()), ""), strings.Join(strings.Fields(plainText(in)), ""); got != want {
			t.Fatalf("splitHTML(%q, %d) shows %q; want %q", in, limit, got, want)
		}
	}
}

// wellFormed says what is wrong with a part: a tag cut or closed out of
// order, or an entity cut.
func wellFormed(s string) string {
	var open []string
	for s != "" {
		switch s[0] {
		case '<':
			end := strings.IndexByte(s, '>')
			if end < 0 {
				return "a tag cut"
			}
			tag := s[1:end]
			s = s[end+1:]
			if name, ok := strings.CutPrefix(tag, "/"); ok {
				if len(open) == 0 || open[len(open)-1] != name {
					return "</" + name + "> closes nothing open"
				}
				open = open[:len(open)-1]
				continue
			}
			name, _, _ := strings.Cut(tag, " ")
			open = append(open, name)
		case '&':
			end := strings.IndexByte(s, ';')
			if end < 0 || strings.ContainsAny(s[:end], " <\n") {
				return "an entity cut"
			}
			s = s[end+1:]
		default:
			s = s[1:]
		}
	}
	if len(open) > 0 {
		return "<" + open[len(open)-1] + "> left open"
	}
	return ""
}

func TestTruncateHTML_KeepsTheFirstPart(t *testing.T) {
	if got := truncateHTML("<b>ngắn</b>"); got != "<b>ngắn</b>" {
		t.Errorf("truncateHTML(short) = %q; want it unchanged", got)
	}
	long := "<b>" + strings.Repeat("x", maxMessageLen+10) + "</b>"
	got := truncateHTML(long)
	if want := "<b>" + strings.Repeat("x", maxMessageLen-1) + "</b>…"; got != want {
		t.Errorf("truncateHTML(%d x) = %d bytes ending %q; want %d ending %q", maxMessageLen+10, len(got), got[len(got)-10:], len(want), want[len(want)-10:])
	}
	if n := plainLen(got); n > maxMessageLen {
		t.Errorf("truncateHTML shows %d; over Telegram's %d", n, maxMessageLen)
	}
}
