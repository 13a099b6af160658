package storage

// AuditAction names what an audit entry records. It is stored as its
// string, so files written before the type existed read the same.
type AuditAction string

// The audit's actions: every Audit call names one of these, and the bot's
// table of sentences (bot/audit.go) has one for each (a test checks).
const (
	AuditIdeaSubmit         AuditAction = "idea.submit"
	AuditIdeaEndorse        AuditAction = "idea.endorse"
	AuditIdeaAccept         AuditAction = "idea.accept"
	AuditIdeaWithdraw       AuditAction = "idea.withdraw"
	AuditIdeaResubmit       AuditAction = "idea.resubmit"
	AuditIdeaReturn         AuditAction = "idea.return"
	AuditIdeaReject         AuditAction = "idea.reject"
	AuditIdeaProgress       AuditAction = "idea.progress"
	AuditPraise             AuditAction = "praise"
	AuditWasteReport        AuditAction = "waste.report"
	AuditWasteChecking      AuditAction = "waste.checking"
	AuditWasteHandled       AuditAction = "waste.handled"
	AuditWasteDismissed     AuditAction = "waste.dismissed"
	AuditInviteCreate       AuditAction = "invite.create"
	AuditJoinApprove        AuditAction = "join.approve"
	AuditJoinDecline        AuditAction = "join.decline"
	AuditMemberConsent      AuditAction = "member.consent"
	AuditMemberRole         AuditAction = "member.role"
	AuditMemberDeact        AuditAction = "member.deactivate"
	AuditMemberMove         AuditAction = "member.move"
	AuditMemberAnon         AuditAction = "member.anonymise"
	AuditMemberAskName      AuditAction = "member.ask_name"
	AuditMemberAskErase     AuditAction = "member.ask_erase"
	AuditMemberRename       AuditAction = "member.rename"
	AuditMemberKeepName     AuditAction = "member.keep_name"
	AuditDeadlineAdd        AuditAction = "deadline.add"
	AuditDeadlineFix        AuditAction = "deadline.correct"
	AuditDeadlineDelete     AuditAction = "deadline.delete"
	AuditPeriodClose        AuditAction = "period.close"
	AuditReportSubmit       AuditAction = "report.submit"
	AuditIdeaAskRecognition AuditAction = "idea.request_recognition"
	AuditIdeaRecognise      AuditAction = "idea.recognise"
	AuditIdeaNotRecognise   AuditAction = "idea.not_recognise"
	AuditIdeaOpinion        AuditAction = "idea.opinion"
	AuditIdeaDuplicate      AuditAction = "idea.duplicate"
	AuditMemberPosition     AuditAction = "member.position"
	AuditHonourVote         AuditAction = "honour.vote"
	AuditHonourDecide       AuditAction = "honour.decide"
	AuditHonourRoll         AuditAction = "honour.roll"
	AuditRegister           AuditAction = "register"
	AuditWasteAssign        AuditAction = "waste.assign"
	AuditWasteRegister      AuditAction = "waste.register"
	AuditMemberWithdraw     AuditAction = "member.withdraw_consent"
	AuditIndicatorReport    AuditAction = "indicator.report"
	AuditWorkAdd            AuditAction = "work.add"
	AuditWorkReport         AuditAction = "work.report"
	// AuditRefused is a refused attempt (AuditRefusal): its detail says
	// what was tried.
	AuditRefused AuditAction = "refused"
)

// AuditActions lists every action, for the tests that keep the bot's
// sentences in step with them.
var AuditActions = []AuditAction{
	AuditIdeaSubmit, AuditIdeaEndorse, AuditIdeaAccept, AuditIdeaWithdraw, AuditIdeaResubmit,
	AuditIdeaReturn, AuditIdeaReject, AuditIdeaProgress, AuditPraise,
	AuditWasteReport, AuditWasteChecking, AuditWasteHandled, AuditWasteDismissed,
	AuditInviteCreate, AuditJoinApprove, AuditJoinDecline,
	AuditMemberConsent, AuditMemberRole, AuditMemberDeact, AuditMemberMove, AuditMemberAnon,
	AuditMemberAskName, AuditMemberAskErase, AuditMemberRename, AuditMemberKeepName,
	AuditDeadlineAdd, AuditDeadlineFix, AuditDeadlineDelete, AuditPeriodClose, AuditReportSubmit,
	AuditIdeaAskRecognition, AuditIdeaRecognise, AuditIdeaNotRecognise, AuditIdeaOpinion, AuditIdeaDuplicate,
	AuditMemberPosition, AuditHonourVote, AuditHonourDecide, AuditHonourRoll, AuditRegister, AuditWasteAssign, AuditWasteRegister,
	AuditIndicatorReport, AuditWorkAdd, AuditWorkReport, AuditMemberWithdraw,
	AuditRefused,
}

// wasteAudit is the action that records a waste report's move to status.
func wasteAudit(to WasteStatus) AuditAction { return AuditAction("waste." + string(to)) }

// ideaAudit is the action that records a decision on an idea.
func ideaAudit(act string) AuditAction { return AuditAction("idea." + act) }
