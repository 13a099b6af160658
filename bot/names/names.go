// Package names says who a member is to a reader, in the reader's
// language: the one definition the bot's messages and the dashboard's
// page both use, so a person is named alike in the chat and on the page.
package names

import (
	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// Member is how m is shown in lang: their name, or for a member who was
// anonymised the catalogue's word for that, since storage keeps no text.
func Member(lang string, m storage.Member) string {
	switch {
	case m.Anonymised:
		return texts.T(lang, "members.anonymised_name")
	case m.FullName == "" && m.TGName == "" && m.Username == "":
		// Never a bare "#2001": say who they are.
		return texts.T(lang, "member.unnamed", m.UserID)
	}
	return m.Name()
}
