package bot

import (
	"context"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"thiduabot/storage"
)

// audience is a set of roles a command is for.
type audience uint8

const (
	forGuest audience = 1 << iota
	forStaff
	forHead
	forDirector
	forAdmin

	forMembers = forStaff | forHead | forDirector | forAdmin
	forAll     = forGuest | forMembers
)

// audienceOf is the set of roles a member holds now.
func audienceOf(m storage.Member) audience {
	var a audience
	if m.IsStaff() {
		a |= forStaff
	}
	if m.IsHead("") {
		a |= forHead
	}
	if m.IsDirector() {
		a |= forDirector
	}
	if m.IsAdmin() {
		a |= forAdmin
	}
	if a == 0 {
		a = forGuest
	}
	return a
}

// command is one slash command: who may use it, whether it works in the
// staff group, and its handler.
type command struct {
	name  string
	who   audience
	group bool
	run   func(*Bot, *Ctx) error
}

// commandList is every command, in the order menus and /help show them.
var commandList []command

// commandsByName finds a command by its name.
var commandsByName = map[string]command{}

// The table is filled in init, since /help reads it.
func init() {
	commandList = []command{
		{name: "start", who: forAll, run: (*Bot).cmdStart},
		{name: "help", who: forAll, group: true, run: (*Bot).cmdHelp},
		{name: "idea", who: forStaff, run: (*Bot).cmdIdea},
		{name: "ideas", who: forMembers, run: (*Bot).cmdIdeas},
		{name: "review", who: forHead | forDirector, run: (*Bot).cmdReview},
		{name: "progress", who: forStaff, run: (*Bot).cmdProgress},
		{name: "waste", who: forMembers, run: (*Bot).cmdWaste},
		{name: "wastes", who: forAdmin | forDirector, run: (*Bot).cmdWastes},
		{name: "praise", who: forDirector, run: (*Bot).cmdPraise},
		{name: "leaderboard", who: forMembers, group: true, run: (*Bot).cmdLeaderboard},
		{name: "summary", who: forDirector | forAdmin, run: (*Bot).cmdSummary},
		{name: "export", who: forDirector | forAdmin, run: (*Bot).cmdPrepared},
		{name: "commend", who: forDirector | forAdmin, run: (*Bot).cmdPrepared},
		{name: "report", who: forHead, run: (*Bot).cmdReport},
		{name: "deadlines", who: forMembers, run: (*Bot).cmdDeadlines},
		{name: "adddeadline", who: forAdmin, run: (*Bot).cmdAddDeadline},
		{name: "invite", who: forHead | forAdmin, run: (*Bot).cmdInvite},
		{name: "members", who: forHead | forAdmin, run: (*Bot).cmdMembers},
		{name: "audit", who: forAdmin, run: (*Bot).cmdAudit},
		{name: "backup", who: forAdmin, run: (*Bot).cmdBackup},
		{name: "lang", who: forAll, run: (*Bot).cmdLang},
		{name: "mydata", who: forAll, run: (*Bot).cmdMyData},
		{name: "cancel", who: forAll, run: (*Bot).cmdCancel},
	}
	for _, c := range commandList {
		commandsByName[c.name] = c
	}
}

// Tappable commands that open a record: /sk_42, /m_123456.
var (
	ideaCommand   = regexp.MustCompile(`^sk_?(\d{1,12})$`)
	memberCommand = regexp.MustCompile(`^m_(\d{1,15})$`)
	wasteCommand  = regexp.MustCompile(`^pa_?(\d{1,12})$`)
)

// route sends an update to its handler, after checking on the stored role
// that the sender may do what they ask.
func (b *Bot) route(c *Ctx) error {
	if c.Req.CallbackID != "" {
		if err := b.onButton(c); err != nil {
			return err
		}
		return c.Answer("", false)
	}
	if c.Req.Group {
		return b.routeGroup(c)
	}
	if c.Req.Command != "" {
		return b.runCommand(c)
	}
	if f, ok, err := c.Form(c.Req.UserID); err != nil {
		return err
	} else if ok {
		return b.formInput(c, f)
	}
	return c.Reply(c.T("unknown"))
}

func (b *Bot) runCommand(c *Ctx) error {
	name := c.Req.Command
	if m := ideaCommand.FindStringSubmatch(name); m != nil {
		if !c.Me.Active() {
			return storage.Errorf(storage.EForbidden, "err.guest")
		}
		id, _ := strconv.ParseUint(m[1], 10, 64)
		return b.showIdea(c, id)
	}
	if m := wasteCommand.FindStringSubmatch(name); m != nil {
		if !c.Me.Active() {
			return storage.Errorf(storage.EForbidden, "err.guest")
		}
		id, _ := strconv.ParseUint(m[1], 10, 64)
		return b.showWaste(c, id)
	}
	if m := memberCommand.FindStringSubmatch(name); m != nil {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		return b.showMember(c, id)
	}
	cmd, ok := commandsByName[name]
	if !ok {
		return c.Reply(c.T("unknown"))
	}
	if cmd.who&audienceOf(c.Me) == 0 {
		if !c.Me.Active() {
			return storage.Errorf(storage.EForbidden, "err.guest")
		}
		return storage.Errorf(storage.EForbidden, "err.forbidden")
	}
	return cmd.run(b, c)
}

// routeGroup answers in the staff group only what SPEC allows there, and
// points to the private chat for the rest; plain talk is not for the bot.
func (b *Bot) routeGroup(c *Ctx) error {
	if c.Req.Command == "" {
		return nil
	}
	if cmd, ok := commandsByName[c.Req.Command]; ok && cmd.group {
		return cmd.run(b, c)
	}
	c.Lang = b.cfg.Org.Language
	return c.Reply(c.T("group.private", b.username))
}

// onButton routes a pressed button by the action its data names. The data
// is never trusted: each handler re-reads the record and re-checks the
// role of whoever pressed.
func (b *Bot) onButton(c *Ctx) error {
	action, rest, _ := strings.Cut(c.Req.Data, ":")
	switch action {
	case "f":
		f, ok, err := c.Form(c.Req.UserID)
		if err != nil {
			return err
		}
		if !ok {
			return c.Answer(c.T("form.stale"), false)
		}
		return b.formInput(c, f)
	case "j":
		return b.onJoinButton(c, rest)
	case "m":
		return b.onMemberButton(c, rest)
	case "l":
		c.Req.Args = rest
		return b.cmdLang(c)
	case "r":
		return b.onReviewButton(c, rest)
	case "e":
		return b.onEditButton(c, rest)
	case "g":
		return b.onProgressButton(c, rest)
	case "w":
		return b.onWasteButton(c, rest)
	case "rp":
		return b.onReportButton(c, rest)
	case "dc":
		return b.onCloseButton(c, rest)
	case "i":
		if !c.Me.Active() {
			return storage.Errorf(storage.EForbidden, "err.guest")
		}
		return b.onIdeasPage(c, rest)
	}
	return storage.Errorf(storage.EForbidden, "err.forbidden")
}

// cmdHelp lists what the user can do in their role.
func (b *Bot) cmdHelp(c *Ctx) error {
	a := audienceOf(c.Me)
	var text strings.Builder
	text.WriteString(c.T("help.title", b.cfg.Org.Name))
	for _, cmd := range commandList {
		if cmd.who&a != 0 && (cmd.group || !c.Req.Group) {
			text.WriteString("\n/" + cmd.name + " – " + c.T("cmd."+cmd.name))
		}
	}
	text.WriteString(c.T("help.footer"))
	return c.Reply(text.String())
}

// setCommands registers the command menus: by role where Telegram allows
// (guests by default, members in private chats, the group's own, and each
// head, director and admin by chat), in Vietnamese and English.
func (b *Bot) setCommands(ctx context.Context) {
	menu := func(a audience, group bool, lang string) []models.BotCommand {
		var out []models.BotCommand
		for _, cmd := range commandList {
			if cmd.who&a != 0 && (cmd.group || !group) {
				out = append(out, models.BotCommand{Command: cmd.name, Description: plainText(T(lang, "cmd."+cmd.name))})
			}
		}
		return out
	}
	set := func(scope models.BotCommandScope, a audience, group bool) {
		for _, lang := range languages {
			code := lang
			if lang == languages[0] {
				code = "" // the default for every language without its own list
			}
			_, err := b.client.SetMyCommands(ctx, &tg.SetMyCommandsParams{Commands: menu(a, group, lang), Scope: scope, LanguageCode: code})
			if err != nil {
				b.log.Warn("setMyCommands", "err", b.redact(err.Error()))
			}
		}
	}
	set(&models.BotCommandScopeDefault{}, forGuest, false)
	set(&models.BotCommandScopeAllPrivateChats{}, forStaff, false)
	set(&models.BotCommandScopeAllGroupChats{}, forAll, true)
	var special []storage.Member
	b.db.View(func(tx *storage.Tx) error {
		return tx.Members(func(m storage.Member) bool {
			if m.IsHead("") || m.IsDirector() || m.IsAdmin() {
				special = append(special, m)
			}
			return true
		})
	})
	for _, m := range special {
		set(&models.BotCommandScopeChat{ChatID: m.UserID}, audienceOf(m), false)
	}
}

// cmdLang sets the interface language.
func (b *Bot) cmdLang(c *Ctx) error {
	lang := strings.ToLower(strings.TrimSpace(c.Req.Args))
	if lang != "vi" && lang != "en" {
		return c.Reply(c.T("lang.usage"), []storage.Button{{Text: "Tiếng Việt", Data: "l:vi"}, {Text: "English", Data: "l:en"}})
	}
	if err := c.SetLang(c.Req.UserID, lang); err != nil {
		return err
	}
	c.Lang = lang
	return c.Reply(c.T("lang.set"))
}

// cmdCancel leaves the current form; nothing of it is kept.
func (b *Bot) cmdCancel(c *Ctx) error {
	_, ok, err := c.Form(c.Req.UserID)
	if err != nil {
		return err
	}
	if !ok {
		return c.Reply(c.T("cancel.none"))
	}
	return c.leaveForm()
}

// leaveForm drops the person's form, nothing of it kept, and says so; when
// a form's Cancel button was pressed, its message loses its buttons.
func (c *Ctx) leaveForm() error {
	if err := c.RemoveButtons(); err != nil {
		return err
	}
	if err := c.ClearForm(c.Req.UserID); err != nil {
		return err
	}
	return c.Reply(c.T("cancel.done"))
}

// cmdMyData sends everything stored about the user, as a JSON file
// (Decree 13/2023/NĐ-CP on personal data).
func (b *Bot) cmdMyData(c *Ctx) error {
	ideas, _, err := c.Ideas(storage.IdeaFilter{Author: c.Req.UserID}, 1<<30)
	if err != nil {
		return err
	}
	form, hasForm, err := c.Form(c.Req.UserID)
	if err != nil {
		return err
	}
	data := map[string]any{"member": c.Me, "ideas": ideas}
	if hasForm {
		data["form_in_progress"] = form
	}
	body, err := json.MarshalIndent(data, "", "  ")
	if err != nil {
		return err
	}
	_, err = c.Enqueue(storage.Message{Method: storage.MethodSendDocument, ChatID: c.Req.ChatID, Text: c.T("mydata.caption"),
		Document: &storage.Document{Name: "thiduabot-" + strconv.FormatInt(c.Req.UserID, 10) + ".json", Data: body}})
	return err
}
