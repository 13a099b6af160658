package bot

import (
	"errors"
	"thiduabot/bot/period"
	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// The reasons only the bot gives: they are about what a person typed or
// sent in Telegram, which storage never sees.
const (
	reasonNotMember        storage.Reason = "not_member" // a guest: join first
	reasonPrivateOnly      storage.Reason = "private_only"
	reasonTextExpected     storage.Reason = "text_expected"
	reasonYearUnknown      storage.Reason = "year_unknown" // the year given
	reasonPercentFormat    storage.Reason = "percent_format"
	reasonDueFormat        storage.Reason = "due_format"
	reasonDocumentType     storage.Reason = "document_type"
	reasonDocumentTooLarge storage.Reason = "document_too_large"
	reasonDuplicateRef     storage.Reason = "duplicate_ref" // not an idea's id
)

// errorTextsMore are the texts of the reasons declared beside their
// subject (formguard.go), joined to errorTexts at start.
func init() {
	errorTexts[reasonFormPending] = "err.form_pending"
}

// The years /commend refuses: its proposal is made from the movement's
// data, which begins with the first point earned and ends today.
const (
	reasonYearBeforeData storage.Reason = "year_before_data" // the year given, the first with data
	reasonYearAhead      storage.Reason = "year_ahead"       // the year given, this year
)

// errorTexts is the one place a refusal becomes words, as wtf's HTTP layer
// maps codes to statuses in one table: each reason, the storage's and the
// bot's own, names its text in the catalogues, which the error's Args fill
// in.
var errorTexts = map[storage.Reason]string{
	storage.ReasonNotAllowed: "err.forbidden",
	reasonNotMember:          "err.guest",
	reasonPrivateOnly:        "err.private_only",

	storage.ReasonNameTooShort:       "err.name_short",
	storage.ReasonNameTooLong:        "err.name_long",
	storage.ReasonNameCharacters:     "err.name_chars",
	storage.ReasonMemberNotFound:     "err.member_not_found",
	storage.ReasonAlreadyMember:      "err.already_member",
	storage.ReasonJoinDecided:        "err.join_decided",
	storage.ReasonRoleUnknown:        "err.bad_role",
	storage.ReasonMemberInactive:     "err.member_inactive",
	storage.ReasonDeactivateSelf:     "err.deactivate_self",
	storage.ReasonAnonymiseProtected: "err.anonymise_self",
	storage.ReasonAlreadyAnonymised:  "err.anonymised",
	storage.ReasonUnitUnknown:        "err.unknown_unit",
	storage.ReasonInviteUnknown:      "err.invite_unknown",
	storage.ReasonInviteExpired:      "err.invite_expired",
	storage.ReasonNoNameRequest:      "err.no_name_request",

	storage.ReasonIdeaNotFound:        "err.idea_not_found",
	storage.ReasonDuplicateSelf:       "err.duplicate_self",
	storage.ReasonThemeUnknown:        "err.bad_theme",
	storage.ReasonTitleEmpty:          "err.title_empty",
	storage.ReasonTitleTooLong:        "err.title_long",
	storage.ReasonDescriptionEmpty:    "err.desc_empty",
	storage.ReasonDescriptionTooLong:  "err.desc_long",
	storage.ReasonTextEmpty:           "err.reason_empty",
	storage.ReasonTextTooLong:         "err.reason_long",
	storage.ReasonScoreRange:          "err.score_range",
	storage.ReasonIdeaDecided:         "err.idea_decided",
	storage.ReasonProgressNotAccepted: "err.progress_state",
	storage.ReasonPercentRange:        "err.percent_range",
	storage.ReasonPraiseWhom:          "err.praise_whom",
	reasonTextExpected:                "err.text_expected",
	reasonPercentFormat:               "err.percent_format",

	storage.ReasonMoneyFormat:   "err.money_format",
	storage.ReasonMoneyNegative: "err.money_negative",
	storage.ReasonMoneyFraction: "err.money_fraction",
	storage.ReasonMoneyTooLarge: "err.money_range",

	storage.ReasonWasteNotFound: "err.waste_not_found",
	storage.ReasonWasteDecided:  "err.waste_decided",

	storage.ReasonDeadlineNameLength: "err.deadline_name",
	storage.ReasonDeadlinePast:       "err.deadline_past",
	storage.ReasonPeriodNotFound:     "err.period_not_found",
	storage.ReasonPeriodClosed:       "err.period_closed",
	storage.ReasonDeadlineNotFound:   "err.deadline_not_found",
	storage.ReasonDeadlineConfigured: "err.deadline_configured",
	storage.ReasonDeadlineReported:   "err.deadline_reported",
	storage.ReasonReportOtherUnit:    "err.report_other_unit",
	reasonDueFormat:                  "err.deadline_format",
	reasonDocumentType:               "err.doc_type",
	reasonDocumentTooLarge:           "err.doc_size",
	reasonDuplicateRef:               "err.duplicate_ref",
	period.ReasonUnknown:             "err.bad_period",
	reasonYearUnknown:                "err.bad_year",
	reasonYearBeforeData:             "err.commend_year_before",
	reasonYearAhead:                  "err.commend_year_ahead",
}

// countedReasons are the refusals whose numbers are lengths and limits,
// written with the digits grouped (years, in other refusals, are not).
var countedReasons = map[storage.Reason]bool{
	storage.ReasonTitleTooLong: true, storage.ReasonDescriptionTooLong: true, storage.ReasonTextTooLong: true,
	storage.ReasonNameTooLong: true, storage.ReasonDeadlineNameLength: true,
}

// errorText says err to a person in lang: a refusal's reason with its
// arguments, and for anything internal (or a reason without a text) only
// that something went wrong.
func errorText(lang string, err error) string {
	var e *storage.Error
	if errors.As(err, &e) && e.Code != storage.EInternal {
		if key, ok := errorTexts[e.Reason]; ok {
			args := e.Args
			if countedReasons[e.Reason] {
				// Lengths and limits: 3.000 ký tự, not 3000.
				args = make([]any, len(e.Args))
				for i, a := range e.Args {
					if n, ok := a.(int); ok {
						a = texts.Count(n)
					}
					args[i] = a
				}
			}
			return texts.T(lang, key, args...)
		}
	}
	return texts.T(lang, "err.internal")
}
