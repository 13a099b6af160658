package storage

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NeedsName reports whether a member must give their full name before
// anything else: the configured heads, directors and admins start with
// only their Telegram name, which is not a name for an official record.
func (m Member) NeedsName() bool { return m.Active() && m.FullName == "" && !m.Anonymised }

// SetFullName records the full name a member gave, checked and capitalised
// as a joining person's is.
func (tx *Tx) SetFullName(userID int64, name string) (Member, error) {
	m, ok, err := tx.Member(userID)
	if err != nil {
		return m, err
	}
	if !ok {
		return m, Errorf(ENotFound, ReasonMemberNotFound)
	}
	if m.FullName, err = ValidateFullName(name); err != nil {
		return m, err
	}
	m.UpdatedAt = tx.now
	return m, tx.putMember(m)
}

// Name is how the member is shown: their full name, else Telegram's. A
// member who was anonymised has none: Name is "", and the bot shows its
// own word for them (Anonymised says so).
func (m Member) Name() string {
	switch {
	case m.Anonymised:
		return ""
	case m.FullName != "":
		return m.FullName
	case m.TGName != "":
		return m.TGName
	case m.Username != "":
		return "@" + m.Username
	}
	return "#" + itoa(m.UserID)
}

// ValidateFullName checks a name a person gives when they ask to join.
func ValidateFullName(name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	n := utf8.RuneCountInString(name)
	if n < 2 {
		return "", Errorf(EInvalid, ReasonNameTooShort)
	}
	if n > MaxNameLen {
		return "", Errorf(EInvalid, ReasonNameTooLong, MaxNameLen)
	}
	letters := 0
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			letters++
		case r == ' ' || r == '-' || r == '.' || r == '\'':
		default:
			return "", Errorf(EInvalid, ReasonNameCharacters)
		}
	}
	// A name for an official record has a family name and a given name;
	// it is kept with each word capitalised however it was typed.
	words := strings.Fields(name)
	if letters < 2 || len(words) < 2 {
		return "", Errorf(EInvalid, ReasonNameTooShort)
	}
	for i, w := range words {
		words[i] = capitalise(w)
	}
	return strings.Join(words, " "), nil
}

// capitalise writes a word of a name with its first letter in upper case
// and the rest in lower case: "trần" → "Trần", "NGUYỄN" → "Nguyễn"; each
// part of a hyphenated word alike.
func capitalise(word string) string {
	parts := strings.Split(word, "-")
	for i, p := range parts {
		if p == "" {
			continue
		}
		r, size := utf8.DecodeRuneInString(p)
		parts[i] = string(unicode.ToUpper(r)) + strings.ToLower(p[size:])
	}
	return strings.Join(parts, "-")
}
