package bot

import (
	"time"

	"thiduabot/bot/names"
	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// displayName is how m is shown in lang in the bot's messages: their name,
// or for a member who was anonymised the catalogue's word for that, since
// storage keeps no text. (The one acting is active, never anonymised: their
// Name goes as it is into what others are told. Records such as the audit
// log and /mydata name members with Bot.memberName.)
//
// The rule is names.Member's, which the dashboard uses too.
func displayName(lang string, m storage.Member) string { return names.Member(lang, m) }

// at is t as T writes it to each reader: in the organisation's time zone,
// in the reader's language.
func (o *office) at(t time.Time) texts.Moment {
	return texts.Moment(t.In(o.loc))
}
