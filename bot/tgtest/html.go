package tgtest

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// htmlTags are the tags Telegram's HTML parse mode accepts, with the
// attributes each may carry.
var htmlTags = map[string][]string{
	"b": nil, "strong": nil, "i": nil, "em": nil, "u": nil, "ins": nil,
	"s": nil, "strike": nil, "del": nil, "tg-spoiler": nil, "span": {"class"},
	"a": {"href"}, "code": {"class"}, "pre": nil, "blockquote": {"expandable"},
	"tg-emoji": {"emoji-id"},
}

// parseHTML checks text as Telegram parses parse_mode HTML: known tags only,
// properly nested and closed, and only the entities &lt; &gt; &amp; &quot;
// and numeric ones. It returns the visible text.
func parseHTML(text string) (string, error) {
	var out strings.Builder
	var open []string
	for i := 0; i < len(text); {
		switch c := text[i]; c {
		case '<':
			end := strings.IndexByte(text[i:], '>')
			if end < 0 {
				return "", fmt.Errorf("can't parse entities: unclosed start tag at byte offset %d", i)
			}
			tag := text[i+1 : i+end]
			i += end + 1
			if strings.HasPrefix(tag, "/") {
				name := strings.TrimSpace(tag[1:])
				if len(open) == 0 || open[len(open)-1] != name {
					return "", fmt.Errorf("can't parse entities: unmatched end tag </%s>", name)
				}
				open = open[:len(open)-1]
				continue
			}
			name, attrs, _ := strings.Cut(tag, " ")
			allowed, ok := htmlTags[name]
			if !ok {
				return "", fmt.Errorf("can't parse entities: unsupported start tag \"%s\"", name)
			}
			if err := checkAttrs(name, attrs, allowed); err != nil {
				return "", err
			}
			open = append(open, name)
		case '&':
			end := strings.IndexByte(text[i:], ';')
			if end < 0 {
				return "", fmt.Errorf("can't parse entities: character '&' at byte offset %d must be escaped", i)
			}
			ent := text[i+1 : i+end]
			switch {
			case ent == "lt":
				out.WriteByte('<')
			case ent == "gt":
				out.WriteByte('>')
			case ent == "amp":
				out.WriteByte('&')
			case ent == "quot":
				out.WriteByte('"')
			case strings.HasPrefix(ent, "#"):
				var r rune
				if _, err := fmt.Sscanf(strings.Replace(ent[1:], "x", "0x", 1), "%v", &r); err != nil {
					return "", fmt.Errorf("can't parse entities: bad numeric entity &%s;", ent)
				}
				out.WriteRune(r)
			default:
				return "", fmt.Errorf("can't parse entities: unsupported entity &%s;", ent)
			}
			i += end + 1
		case '>':
			return "", fmt.Errorf("can't parse entities: character '>' at byte offset %d must be escaped", i)
		default:
			out.WriteByte(c)
			i++
		}
	}
	if len(open) > 0 {
		return "", fmt.Errorf("can't parse entities: can't find end tag corresponding to start tag \"%s\"", open[len(open)-1])
	}
	return out.String(), nil
}

func checkAttrs(tag, attrs string, allowed []string) error {
	attrs = strings.TrimSpace(attrs)
	for attrs != "" {
		name, rest, _ := strings.Cut(attrs, "=")
		name = strings.TrimSpace(name)
		ok := false
		for _, a := range allowed {
			ok = ok || a == name
		}
		if !ok {
			return fmt.Errorf("can't parse entities: unsupported attribute %q of tag %q", name, tag)
		}
		rest = strings.TrimSpace(rest)
		if rest == "" {
			break
		}
		if q := rest[0]; q == '"' || q == '\'' {
			end := strings.IndexByte(rest[1:], q)
			if end < 0 {
				return fmt.Errorf("can't parse entities: unclosed attribute value in tag %q", tag)
			}
			attrs = rest[end+2:]
		} else {
			_, attrs, _ = strings.Cut(rest, " ")
		}
	}
	return nil
}

// textLen is a text's length as Telegram counts it: in UTF-16 code units.
func textLen(s string) int { return len(utf16.Encode([]rune(s))) }
