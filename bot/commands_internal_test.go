package bot

import (
	"strings"
	"testing"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// The table is the one place a command lives: every command is in both
// menus and /help with a text in each language, and no two commands claim
// the same button action or form kind.
func TestCommands_EveryCommandHasHelpAndMenuInBothLanguages(t *testing.T) {
	for _, cmd := range commandList {
		for _, lang := range texts.Languages {
			key := "cmd." + cmd.name
			if got := texts.T(lang, key); got == key || strings.TrimSpace(got) == "" {
				t.Errorf("texts.T(%q, %q) = %q; want a description", lang, key, got)
			}
			found := false
			for _, a := range []audience{forGuest, forStaff, forHead, forDirector, forAdmin} {
				if cmd.who&a == 0 {
					continue
				}
				for _, item := range menu(a, false, lang) {
					if item.Command == cmd.name && item.Description != "" {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("/%s is in no %s menu", cmd.name, lang)
			}
		}
	}
}

func TestCommands_ButtonsAndFormsHaveOneOwner(t *testing.T) {
	actions, forms := map[string]string{}, map[string]string{}
	for _, cmd := range commandList {
		if (cmd.record == nil) != (cmd.open == nil) {
			t.Errorf("/%s: a record pattern and its opener go together", cmd.name)
		}
		for a := range cmd.buttons {
			if other, ok := actions[a]; ok {
				t.Errorf("button action %q claimed by /%s and /%s", a, other, cmd.name)
			}
			actions[a] = cmd.name
		}
		for k := range cmd.forms {
			if other, ok := forms[k]; ok {
				t.Errorf("form %q claimed by /%s and /%s", k, other, cmd.name)
			}
			forms[k] = cmd.name
		}
	}
	for _, a := range []string{actJoin, actMember, actLang, actReview, actEdit, actProgress, actWaste, actReport, actClosePeriod, actIdeasPage, actSearchPage} {
		if _, ok := actions[a]; !ok {
			t.Errorf("button action %q has no command", a)
		}
	}
	for _, k := range []string{formJoin, formIdea, formReason, formScore, formProgress, formPraise, formWaste, formOutcome, formReport, formDeadline} {
		if _, ok := forms[k]; !ok {
			t.Errorf("form %q has no command", k)
		}
	}
}

func TestButtons_DataRoundTripsAndIsBounded(t *testing.T) {
	d := data(actMember, "u", "123456789", "TTCNTT")
	if action, rest := parseData(d); action != actMember || rest != "u:123456789:TTCNTT" {
		t.Errorf("parseData(%q) = %q, %q; want %q, %q", d, action, rest, actMember, "u:123456789:TTCNTT")
	}
	ok := [][]storage.Button{{{Text: "x", Data: strings.Repeat("a", 64)}}}
	if err := checkKeyboard(ok); err != nil {
		t.Errorf("checkKeyboard(64 bytes) = %v; want nil", err)
	}
	long := [][]storage.Button{{{Text: "x", Data: strings.Repeat("ă", 33)}}} // 66 bytes, 33 characters
	if err := checkKeyboard(long); err == nil {
		t.Error("checkKeyboard(66 bytes) = nil; want an error")
	}
}
