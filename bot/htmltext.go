package bot

import (
	"html"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxMessageLen is the Bot API's limit on a message's text after entity
// parsing, in UTF-16 code units.
const maxMessageLen = 4096

// token is one piece of an HTML text as Telegram parses it: a tag, an
// entity, or one character.
type token struct {
	raw   string
	width int    // UTF-16 code units it shows as
	open  string // tag name, for a start tag
	close string // tag name, for an end tag
}

func nextToken(s string) token {
	switch s[0] {
	case '<':
		if end := strings.IndexByte(s, '>'); end > 0 {
			tag := s[:end+1]
			inner := strings.Trim(tag, "<>")
			if strings.HasPrefix(inner, "/") {
				return token{raw: tag, close: inner[1:]}
			}
			name, _, _ := strings.Cut(inner, " ")
			return token{raw: tag, open: name}
		}
	case '&':
		if end := strings.IndexByte(s, ';'); end > 0 && end < 10 {
			return token{raw: s[:end+1], width: len(utf16.Encode([]rune(html.UnescapeString(s[:end+1]))))}
		}
	}
	r, size := utf8.DecodeRuneInString(s)
	return token{raw: s[:size], width: len(utf16.Encode([]rune{r}))}
}

// plainText returns what a person sees of an HTML text.
func plainText(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		t := nextToken(s)
		s = s[len(t.raw):]
		if t.open == "" && t.close == "" {
			b.WriteString(html.UnescapeString(t.raw))
		}
	}
	return b.String()
}

func plainLen(s string) int {
	n := 0
	for len(s) > 0 {
		t := nextToken(s)
		s = s[len(t.raw):]
		n += t.width
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
	var parts []string
	var cur strings.Builder
	var stack []string // raw start tags open at the end of cur
	width := 0
	nlAt, nlStack := -1, []string(nil)
	cut := func(at int, open []string) {
		text := cur.String()
		part, rest := text[:at], text[at:]
		for i := len(open) - 1; i >= 0; i-- {
			name, _, _ := strings.Cut(strings.Trim(open[i], "<>"), " ")
			part += "</" + name + ">"
		}
		if strings.TrimSpace(plainText(part)) != "" {
			parts = append(parts, part)
		}
		cur.Reset()
		for _, o := range open {
			cur.WriteString(o)
		}
		cur.WriteString(strings.TrimLeft(rest, "\n"))
		width = plainLen(cur.String())
		nlAt = -1
	}
	for len(s) > 0 {
		t := nextToken(s)
		s = s[len(t.raw):]
		if width+t.width > limit {
			if nlAt > 0 {
				cut(nlAt, nlStack)
			} else {
				cut(cur.Len(), stack)
			}
		}
		cur.WriteString(t.raw)
		width += t.width
		switch {
		case t.open != "":
			stack = append(stack, t.raw)
		case t.close != "" && len(stack) > 0:
			stack = stack[:len(stack)-1]
		case t.raw == "\n":
			nlAt, nlStack = cur.Len(), append([]string(nil), stack...)
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
