package tgtest_test

import (
	"net/url"
	"testing"

	"thiduabot/bot/tgtest"
)

func TestServer_EnforcesRateLimits(t *testing.T) {
	s := tgtest.New(t)
	s.EnforceLimits(tgtest.TelegramLimits)
	s.AddGroup(-100)
	s.SendText(tgtest.User{ID: 42}, "hi")
	limited := func(chat string, n int) int {
		got := 0
		for i := 0; i < n; i++ {
			if status, _ := call(t, s, "sendMessage", url.Values{"chat_id": {chat}, "text": {"x"}}); status == 429 {
				got++
			}
		}
		return got
	}
	if got := limited("42", 3); got != 0 {
		t.Errorf("a burst of 3 to one chat: %d refused; want 0", got)
	}
	if got := limited("42", 1); got != 1 {
		t.Errorf("a 4th message within a second: %d refused; want 1", got)
	}
	if got := limited("-100", 3); got != 0 {
		t.Errorf("3 to a group: %d refused; want 0", got)
	}
}
