package storage

import (
	"errors"
	"fmt"
)

// Code says what kind of failure an Error is, so that the bot can answer a
// person without knowing the storage's internals (the idea of wtf's codes).
type Code string

// The codes an Error may carry.
const (
	EInvalid   Code = "invalid"   // the input breaks a rule; the reason says which
	ENotFound  Code = "not_found" // the record does not exist
	EForbidden Code = "forbidden" // the actor may not do this
	EConflict  Code = "conflict"  // the record is no longer in the state the action needs
	EInternal  Code = "internal"  // anything else: logged, never shown in detail
)

// Reason says which rule an Error is about. Storage keeps no text: the bot
// says each reason in the person's language, filled in with the Error's
// Args, which each reason below lists in order.
type Reason string

// The reasons storage gives.
const (
	ReasonNotAllowed Reason = "not_allowed" // the actor's role does not allow it

	// Members, units and invites.
	ReasonNameTooShort       Reason = "name_too_short"
	ReasonNameTooLong        Reason = "name_too_long"   // the limit
	ReasonNameCharacters     Reason = "name_characters" // not only letters and spaces
	ReasonMemberNotFound     Reason = "member_not_found"
	ReasonAlreadyMember      Reason = "already_member" // the unit's code
	ReasonJoinDecided        Reason = "join_decided"
	ReasonRoleUnknown        Reason = "role_unknown"
	ReasonMemberInactive     Reason = "member_inactive"
	ReasonDeactivateSelf     Reason = "deactivate_self"
	ReasonAnonymiseProtected Reason = "anonymise_protected" // oneself, a director or an admin
	ReasonAlreadyAnonymised  Reason = "already_anonymised"
	ReasonUnitUnknown        Reason = "unit_unknown" // the code given
	ReasonInviteUnknown      Reason = "invite_unknown"
	ReasonInviteExpired      Reason = "invite_expired"
	ReasonNoNameRequest      Reason = "no_name_request" // no correction of the name waits

	// Ideas, reviews and texts.
	ReasonIdeaNotFound        Reason = "idea_not_found" // the idea's ref
	ReasonThemeUnknown        Reason = "theme_unknown"
	ReasonTitleEmpty          Reason = "title_empty"
	ReasonTitleTooLong        Reason = "title_too_long" // the limit, the length given
	ReasonDescriptionEmpty    Reason = "description_empty"
	ReasonDescriptionTooLong  Reason = "description_too_long" // the limit, the length given
	ReasonTextEmpty           Reason = "text_empty"           // a reason, an outcome or a note
	ReasonTextTooLong         Reason = "text_too_long"        // the limit, the length given
	ReasonScoreRange          Reason = "score_range"
	ReasonIdeaDecided         Reason = "idea_decided"          // the idea's ref
	ReasonProgressNotAccepted Reason = "progress_not_accepted" // the idea's ref
	ReasonPercentRange        Reason = "percent_range"
	ReasonPraiseWhom          Reason = "praise_whom"    // neither a member nor a unit
	ReasonDuplicateSelf       Reason = "duplicate_self" // the idea's ref

	// Money.
	ReasonMoneyFormat   Reason = "money_format"
	ReasonMoneyNegative Reason = "money_negative"
	ReasonMoneyFraction Reason = "money_fraction"
	ReasonMoneyTooLarge Reason = "money_too_large"

	// Waste reports.
	ReasonWasteNotFound Reason = "waste_not_found" // the report's ref
	ReasonWasteDecided  Reason = "waste_decided"   // the report's ref

	// Deadlines and reports.
	ReasonDeadlineNameLength Reason = "deadline_name_length" // the limit
	ReasonDeadlinePast       Reason = "deadline_past"
	ReasonPeriodNotFound     Reason = "period_not_found"
	ReasonPeriodClosed       Reason = "period_closed" // the period's name
	ReasonDeadlineNotFound   Reason = "deadline_not_found"
	ReasonDeadlineConfigured Reason = "deadline_configured" // the deadline's name
	ReasonDeadlineReported   Reason = "deadline_reported"   // the deadline's name
	ReasonReportOtherUnit    Reason = "report_other_unit"   // the unit's code
)

// Error is a failure a person can be told about: Reason names the rule, and
// Args fill in the bot's text for it.
type Error struct {
	Code   Code
	Reason Reason
	Args   []any
}

func (e *Error) Error() string {
	if len(e.Args) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Reason)
	}
	return fmt.Sprintf("%s: %s %v", e.Code, e.Reason, e.Args)
}

// Errorf returns an Error with the given code, reason and arguments.
func Errorf(code Code, reason Reason, args ...any) *Error {
	return &Error{Code: code, Reason: reason, Args: args}
}

// ErrorCode returns the code of err, EInternal for an error that is not an
// *Error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrLocked is returned by Open when another process holds the database.
var ErrLocked = errors.New("the database file is in use by another process (is the bot already running?)")
