// Package texts is everything the bot says, in each language it speaks:
// the catalogues (vi/*.toml, en/*.toml, built into the binary), T, which
// fills a text in, and how money and dates are written.
package texts

import (
	"embed"
	"fmt"
	"html"
	"io/fs"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// HTML is text that is already safe to show: T does not escape it.
type HTML string

// Money is an amount of đồng that T writes in the reader's language (FormatVND).
type Money int64

// Count is a number of things (a text's limit: 3.000 ký tự) that T writes
// with the reader's language's digit grouping, under %d.
type Count int

// grouped is a number already written with its grouping: it prints as it
// is under any verb, so a catalogue's %d stays a %d.
type grouped string

// Format writes the number as it was grouped.
func (g grouped) Format(f fmt.State, _ rune) { fmt.Fprint(f, string(g)) }

// Moment is a time that T writes in the reader's language (FormatTime), in
// the location it carries: make one with Bot.at, in the organisation's zone.
type Moment time.Time

// Languages are the languages the bot speaks; the first is the default.
var Languages = []string{"vi", "en"}

// catalogueFiles are the catalogues, one folder per language (texts/vi/,
// texts/en/), each split into files by subject (core.toml, and one per
// part of the movement that has many texts of its own): data a
// translator edits one language at a time, built into the binary. A key
// lives in one file of its language; the same key in two files is a
// mistake that stops the program.
//
//go:embed */*.toml
var catalogueFiles embed.FS

// catalogues holds every text the bot says, by language and key.
var catalogues = loadCatalogues()

// loadCatalogues reads the built-in catalogues. One that does not parse
// is a mistake in the source, found by every test: it stops the program.
func loadCatalogues() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, lang := range Languages {
		files, err := fs.Glob(catalogueFiles, lang+"/*.toml")
		if err != nil || len(files) == 0 {
			panic(fmt.Sprintf("texts: catalogue %s: no files (%v)", lang, err))
		}
		texts := map[string]string{}
		for _, name := range files {
			data, err := catalogueFiles.ReadFile(name)
			if err != nil {
				panic(fmt.Sprintf("texts: catalogue %s: %v", name, err))
			}
			part := map[string]string{}
			if _, err := toml.Decode(string(data), &part); err != nil {
				panic(fmt.Sprintf("texts: catalogue %s: %v", name, err))
			}
			for k, v := range part {
				if _, dup := texts[k]; dup {
					panic(fmt.Sprintf("texts: catalogue %s: key %q is already in another file of %s", name, k, lang))
				}
				texts[k] = v
			}
		}
		out[lang] = texts
	}
	return out
}

// tags name the Languages for their plural rules (CLDR's, from x/text).
var tags = map[string]language.Tag{"vi": language.Vietnamese, "en": language.English}

// T returns the text key in lang with args filled in. String arguments are
// escaped for HTML; HTML arguments are not; Money and Moment arguments are
// written as lang writes money and dates, so that a text sent to several
// people reads right in each one's language. A language the bot does not
// speak gets the default; a key the catalogue lacks comes back as it is.
//
// A text may choose a word by a number, {one|other}: "%d {idea|ideas}" is
// "1 idea" and "2 ideas". The number is the argument of the nearest %d
// before the braces, and the language's plural rules choose.
func T(lang, key string, args ...any) string {
	texts, ok := catalogues[lang]
	if !ok {
		lang = Languages[0]
		texts = catalogues[lang]
	}
	format, ok := texts[key]
	if !ok {
		return key
	}
	if strings.IndexByte(format, '{') >= 0 {
		format = choosePlurals(tags[lang], format, args)
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
		case Money:
			safe[i] = FormatVND(lang, int64(v))
		case Count:
			p, ok := groupers[lang]
			if !ok {
				p = groupers[Languages[0]]
			}
			safe[i] = grouped(p.Sprint(number.Decimal(int(v))))
		case Moment:
			t := time.Time(v)
			safe[i] = FormatTime(lang, t, t.Location())
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

// choosePlurals replaces each {one|other} choice in format by the word its
// number asks for in the language tag (the last word for a number it
// cannot read).
func choosePlurals(tag language.Tag, format string, args []any) string {
	verbs := directives(format)
	var b strings.Builder
	done := 0
	for {
		open := strings.IndexByte(format[done:], '{')
		if open < 0 {
			break
		}
		open += done
		end := strings.IndexByte(format[open:], '}')
		if end < 0 {
			break
		}
		end += open
		words := strings.Split(format[open+1:end], "|")
		word := words[len(words)-1]
		if n, ok := countBefore(verbs, open, args); ok && len(words) > 1 && plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0) == plural.One {
			word = words[0]
		}
		b.WriteString(format[done:open])
		b.WriteString(word)
		done = end + 1
	}
	b.WriteString(format[done:])
	return b.String()
}

// countBefore returns the integer argument of the last %d in verbs before
// the byte offset at, without its sign, as CLDR's rules take it.
func countBefore(verbs []directive, at int, args []any) (int, bool) {
	for i := len(verbs) - 1; i >= 0; i-- {
		d := verbs[i]
		if d.at >= at || d.verb != 'd' {
			continue
		}
		if d.arg < 0 || d.arg >= len(args) {
			return 0, false
		}
		v := reflect.ValueOf(args[d.arg])
		switch {
		case v.CanInt():
			n := v.Int()
			return int(max(n, -n)), n != math.MinInt64
		case v.CanUint() && v.Uint() <= math.MaxInt:
			return int(v.Uint()), true
		case v.CanUint(): // too large for an int: CLDR's rules take it modulo 10⁷
			return int(v.Uint() % 10_000_000), true
		}
		return 0, false
	}
	return 0, false
}

// groupers write numbers with each language's digit grouping (CLDR's
// data, from x/text): 1.500.000 in Vietnamese, 1,500,000 in English.
var groupers = map[string]*message.Printer{
	"vi": message.NewPrinter(language.Vietnamese),
	"en": message.NewPrinter(language.English),
}

// Number writes a measure's value as lang writes numbers, with at most two
// decimals: 95,5 or 18.000 in Vietnamese, 95.5 or 18,000 in English.
func Number(lang string, v float64) string {
	g, ok := groupers[lang]
	if !ok {
		g = groupers["vi"]
	}
	return g.Sprint(number.Decimal(v, number.MaxFractionDigits(2)))
}

// FormatVND writes an amount of đồng as lang writes money: 1.500.000 đ in
// Vietnamese, VND 1,500,000 in English (ParseVND reads both back). A
// language the bot does not speak gets the default.
func FormatVND(lang string, v int64) string {
	if lang == "en" {
		return "VND " + groupers["en"].Sprint(number.Decimal(v))
	}
	return groupers["vi"].Sprint(number.Decimal(v)) + " đ"
}

// FormatTime writes a time in loc as lang writes dates: 28/11/2026 09:12
// in Vietnamese (dd/mm/yyyy HH:MM), 28 Nov 2026 09:12 in English. A
// language the bot does not speak gets the default.
func FormatTime(lang string, t time.Time, loc *time.Location) string {
	if lang == "en" {
		return t.In(loc).Format("2 Jan 2006 15:04")
	}
	return t.In(loc).Format("02/01/2006 15:04")
}

// Has reports whether lang's catalogue has key.
func Has(lang, key string) bool {
	_, ok := catalogues[lang][key]
	return ok
}

// Keys are every key of lang's catalogue.
func Keys(lang string) []string {
	var out []string
	for k := range catalogues[lang] {
		out = append(out, k)
	}
	return out
}

// Text is lang's text under key as written in its catalogue, unfilled.
func Text(lang, key string) (string, bool) {
	v, ok := catalogues[lang][key]
	return v, ok
}
