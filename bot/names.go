package bot

import (
	"time"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// displayName is how m is shown in lang in the bot's messages: their name,
// or for a member who was anonymised the catalogue's word for that, since
// storage keeps no text. (The one acting is active, never anonymised: their
// Name goes as it is into what others are told. Records such as the audit
// log and /mydata name members with Bot.memberName.)
func displayName(lang string, m storage.Member) string {
	switch {
	case m.Anonymised:
		return texts.T(lang, "members.anonymised_name")
	case m.FullName == "" && m.TGName == "" && m.Username == "":
		// Never a bare "#2001": say who they are.
		return texts.T(lang, "member.unnamed", m.UserID)
	}
	return m.Name()
}

// at is t as T writes it to each reader: in the organisation's time zone,
// in the reader's language.
func (o *office) at(t time.Time) texts.Moment {
	return texts.Moment(t.In(o.loc))
}
