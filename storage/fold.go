package storage

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold makes Vietnamese text comparable however it was typed: lower case,
// without diacritics, đ as d, one space between words. "Được công nhận"
// and "duoc cong nhan" fold alike, typed precomposed or decomposed.
func Fold(s string) string {
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

// maxWordLen bounds a word, in bytes once folded: a Vietnamese syllable
// has at most seven letters, and a longer run (a web address, a string of
// one key held down) is cut rather than stored whole in the index.
const maxWordLen = 24

// Words folds s and splits it into words: runs of letters and digits, so
// that punctuation, symbols and markup separate words and are never words
// themselves. Vietnamese writes a space between syllables, so each word is
// a syllable ("tiết kiệm" is two); search.go pairs them to find phrases.
func Words(s string) []string {
	words := strings.FieldsFunc(Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		if len(w) > maxWordLen {
			cut := maxWordLen
			for cut > 0 && !utf8.RuneStart(w[cut]) {
				cut--
			}
			words[i] = w[:cut]
		}
	}
	return words
}
