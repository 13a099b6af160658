package bot

import (
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// HTML is text that is already safe to show: T does not escape it.
type HTML string

// Languages the bot speaks; the first is the default.
var languages = []string{"vi", "en"}

// catalogues holds every text the bot says, by language and key: one file
// per language (texts_vi.go, texts_en.go), so that a translator works on
// one language at a time.
var catalogues = map[string]map[string]string{"vi": vi, "en": en}

// T returns the text key in lang with args filled in. String arguments are
// escaped for HTML; HTML arguments are not. A language the bot does not
// speak gets the default; a key the catalogue lacks comes back as it is.
func T(lang, key string, args ...any) string {
	texts, ok := catalogues[lang]
	if !ok {
		texts = catalogues[languages[0]]
	}
	format, ok := texts[key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return format
	}
	safe := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case string:
			safe[i] = html.EscapeString(v)
		case HTML:
			safe[i] = string(v)
		default:
			safe[i] = v
		}
	}
	return fmt.Sprintf(format, safe...)
}

// directive is one formatting verb of a text, as fmt reads it.
type directive struct {
	at   int    // byte offset of its %
	text string // as written, with any explicit argument index: %[2]d
	arg  int    // the argument it formats, from 0; -1 for none
	verb rune   // d, s, q…; * for a width or precision taken from an argument
}

// directives returns the verbs of format in order, numbering the arguments
// as fmt does: each verb (and each * width or precision) takes the next
// argument, and %[n] moves to argument n. %% takes none and is left out.
func directives(format string) []directive {
	var out []directive
	arg := 0
	for i := 0; i < len(format); {
		if format[i] != '%' {
			i++
			continue
		}
		start := i
		i++
		if i < len(format) && format[i] == '%' {
			i++
			continue
		}
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		// index reads an explicit argument index, [n].
		index := func() {
			if i < len(format) && format[i] == '[' {
				if j := strings.IndexByte(format[i:], ']'); j > 0 {
					if n, err := strconv.Atoi(format[i+1 : i+j]); err == nil && n > 0 {
						arg = n - 1
					}
					i += j + 1
				}
			}
		}
		// number reads a width or precision: digits, or * for an argument.
		number := func() {
			index()
			if i < len(format) && format[i] == '*' {
				out = append(out, directive{at: i, text: "*", arg: arg, verb: '*'})
				arg++
				i++
				return
			}
			for i < len(format) && format[i] >= '0' && format[i] <= '9' {
				i++
			}
		}
		number()
		if i < len(format) && format[i] == '.' {
			i++
			number()
		}
		index()
		if i >= len(format) {
			out = append(out, directive{at: start, text: format[start:], arg: -1})
			break
		}
		r, size := utf8.DecodeRuneInString(format[i:])
		i += size
		out = append(out, directive{at: start, text: format[start:i], arg: arg, verb: r})
		arg++
	}
	return out
}

// FormatVND writes an amount the Vietnamese way: 1.500.000 đ.
func FormatVND(v int64) string {
	s := strconv.FormatInt(v, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String() + " đ"
	}
	return b.String() + " đ"
}

// FormatTime writes a time as the organisation reads it: dd/mm/yyyy HH:MM.
func FormatTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("02/01/2006 15:04")
}
