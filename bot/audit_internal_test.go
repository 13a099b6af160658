package bot

import (
	"testing"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// Every action storage audits has a sentence in /audit, whose text is in
// every catalogue: a new action cannot be shown as its raw name.
func TestAudit_EveryActionHasASentence(t *testing.T) {
	for _, a := range storage.AuditActions {
		if a == storage.AuditRefused {
			continue // said by audit.refused, from the entry's detail
		}
		say, ok := auditSentences[a]
		if !ok {
			t.Errorf("audit action %q has no sentence in auditSentences", a)
			continue
		}
		for _, lang := range texts.Languages {
			if _, ok := texts.Text(lang, say.key); !ok {
				t.Errorf("audit action %q: text %q missing in %s", a, say.key, lang)
			}
			if say.shape == auditObjectState {
				if say.state == nil {
					t.Errorf("audit action %q names a state but says none", a)
					continue
				}
				for _, detail := range []string{string(storage.RoleHead), string(storage.RoleStaff)} {
					if key := say.state(detail); key != "" {
						if _, ok := texts.Text(lang, key); !ok {
							t.Errorf("audit action %q: state text %q missing in %s", a, key, lang)
						}
					}
				}
			}
		}
	}
	for a := range auditSentences {
		found := false
		for _, d := range storage.AuditActions {
			found = found || d == a
		}
		if !found {
			t.Errorf("auditSentences says %q, which storage.AuditActions does not declare", a)
		}
	}
}
