package bot

import (
	"iter"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// maxMessageLen is the Bot API's limit on a message's text after entity
// parsing, in UTF-16 code units.
const maxMessageLen = 4096

// token is a tag or a run of text of an HTML text.
type token struct {
	kind html.TokenType
	raw  string // a substring of the text, as written
	z    *html.Tokenizer
}

// name is a tag's name, asked for only by who needs it (the tokenizer
// allocates for it); it is there until the next token.
func (t token) name() string {
	n, _ := t.z.TagName()
	return string(n)
}

// htmlTokens yields the tags and runs of text of an HTML text as
// substrings of s, which put end to end give s back: the tags come from
// x/net/html's tokenizer (quoted attributes and all), and nothing is
// rewritten, so a cut between two tokens leaves the text as it was sent.
// What the tokenizer leaves unread at the end (a "<b" never closed) comes
// as text, so no byte is lost.
func htmlTokens(s string) iter.Seq[token] {
	return func(yield func(token) bool) {
		if !strings.ContainsRune(s, '<') { // most texts: no tokenizer to allocate
			if s != "" {
				yield(token{kind: html.TextToken, raw: s})
			}
			return
		}
		z := html.NewTokenizer(strings.NewReader(s))
		off := 0
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			t := token{kind: tt, raw: s[off : off+len(z.Raw())], z: z}
			if !yield(t) {
				return
			}
			off += len(t.raw)
		}
		if off < len(s) {
			yield(token{kind: html.TextToken, raw: s[off:]})
		}
	}
}

// textUnits yields what a cut must keep whole in a run of text (one
// character, or one entity such as &amp;) with its width in UTF-16 code
// units, which is how Telegram counts a message's length. The tokenizer
// decodes entities but does not say where each one was, so they are found
// here; an entity is at most 10 bytes (&#x10FFFF;), and a '&' without a
// ';' soon after is a character.
func textUnits(s string) iter.Seq2[string, int] {
	return func(yield func(string, int) bool) {
		for s != "" {
			n, w := 0, 0
			if s[0] == '&' {
				if end := strings.IndexByte(s[:min(len(s), 10)], ';'); end > 0 {
					n, w = end+1, entityWidth(s[:end+1])
				}
			}
			if n == 0 {
				var r rune
				r, n = utf8.DecodeRuneInString(s)
				w = utf16.RuneLen(r)
			}
			if !yield(s[:n], w) {
				return
			}
			s = s[n:]
		}
	}
}

// entityWidth is what an entity shows as, in UTF-16 code units; the four
// that escape the bot's texts are answered without decoding.
func entityWidth(e string) int {
	switch e {
	case "&amp;", "&lt;", "&gt;", "&quot;":
		return 1
	}
	w := 0
	for _, r := range html.UnescapeString(e) {
		w += utf16.RuneLen(r)
	}
	return w
}

// textWidth is a run of text's width in UTF-16 code units.
func textWidth(s string) int {
	n := 0
	if !strings.ContainsRune(s, '&') {
		for _, r := range s {
			n += utf16.RuneLen(r)
		}
		return n
	}
	for _, w := range textUnits(s) {
		n += w
	}
	return n
}

// plainText returns what a person sees of an HTML text.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	for t := range htmlTokens(s) {
		if t.kind != html.TextToken {
			continue
		}
		if !strings.ContainsRune(t.raw, '&') {
			b.WriteString(t.raw)
			continue
		}
		for u := range textUnits(t.raw) {
			b.WriteString(html.UnescapeString(u))
		}
	}
	return b.String()
}

// plainLen is an HTML text's length as Telegram counts it.
func plainLen(s string) int {
	n := 0
	for t := range htmlTokens(s) {
		if t.kind == html.TextToken {
			n += textWidth(t.raw)
		}
	}
	return n
}

// splitHTML cuts an HTML text into parts that each show at most limit
// characters, preferring to cut at a line break, and closing and reopening
// any tag open at a cut so every part is well-formed.
func splitHTML(s string, limit int) []string {
	// A character takes at least one byte and at most two UTF-16 units
	// for four bytes: a text of limit bytes fits whatever it holds.
	if len(s) <= limit || plainLen(s) <= limit {
		return []string{s}
	}
	// A tag open at the end of cur: its start tag as written, to reopen
	// it, and its name, to close it.
	type openTag struct{ raw, name string }
	var parts []string
	var cur strings.Builder
	var stack []openTag
	width := 0
	nlAt, nlStack := -1, []openTag(nil)
	cut := func(at int, open []openTag) {
		text := cur.String()
		part, rest := text[:at], text[at:]
		for i := len(open) - 1; i >= 0; i-- {
			part += "</" + open[i].name + ">"
		}
		if strings.TrimSpace(plainText(part)) != "" {
			parts = append(parts, part)
		}
		cur.Reset()
		for _, o := range open {
			cur.WriteString(o.raw)
		}
		cur.WriteString(strings.TrimLeft(rest, "\n"))
		width = plainLen(cur.String())
		nlAt = -1
	}
	// add puts a piece that must stay whole (a tag, a character, an
	// entity) after cur, cutting first if it would not fit. What follows
	// the last line break moves on with it, and may still leave no room
	// (a character of two units after a full line): then cut again.
	add := func(raw string, w int) {
		if width+w > limit && nlAt > 0 {
			cut(nlAt, nlStack)
		}
		if width+w > limit {
			cut(cur.Len(), stack)
		}
		cur.WriteString(raw)
		width += w
	}
	for t := range htmlTokens(s) {
		switch t.kind {
		case html.TextToken:
			for u, w := range textUnits(t.raw) {
				add(u, w)
				if u == "\n" {
					nlAt, nlStack = cur.Len(), append([]openTag(nil), stack...)
				}
			}
		case html.StartTagToken:
			add(t.raw, 0)
			stack = append(stack, openTag{raw: t.raw, name: t.name()})
		case html.EndTagToken:
			add(t.raw, 0)
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		default: // a self-closing tag or a comment: nothing stays open
			add(t.raw, 0)
		}
	}
	if strings.TrimSpace(plainText(cur.String())) != "" {
		parts = append(parts, cur.String())
	}
	return parts
}

// truncateHTML keeps the first part of a text too long for one message.
func truncateHTML(s string) string {
	parts := splitHTML(s, maxMessageLen-1)
	if len(parts) == 1 {
		return parts[0]
	}
	return parts[0] + "…"
}

// stripTags turns an HTML text into plain text (for button notices).
func stripTags(s string) string { return plainText(s) }

// truncate shortens plain text to at most n characters.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
