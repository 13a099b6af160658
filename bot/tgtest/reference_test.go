package tgtest_test

import (
	"testing"

	"thiduabot/bot/tgtest"
)

func TestTable_MatchesTheOfficialReference(t *testing.T) {
	path := tgtest.ReferencePath()
	if path == "" {
		t.Skip("shared/botapi/api.json is not beside the repository")
	}
	problems, err := tgtest.CheckTable(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}
