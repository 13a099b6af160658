package dashboard_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"thiduabot/bot/dashboard"
)

const testToken = "7000000001:AAE-figures-test-token"

// signedByTelegram is initData as a client passes it, signed with
// testToken by an implementation of the Bot API's algorithm apart from
// this package's (Python's hmac), on 26/11/2026 08:00 UTC.
const signedByTelegram = "auth_date=1795680000&query_id=AAHdF6IQAAAAAN0XohDhrOrc&user=%7B%22id%22%3A1002%2C%22first_name%22%3A%22L%C3%AA%22%2C%22last_name%22%3A%22Quang%20Minh%22%2C%22language_code%22%3A%22vi%22%7D&hash=a2ff382d76a10e7646fe1cb5ddee6caa94a3c5239a4fcd8303e9bfd140df96a1"

var signedAt = time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)

func TestVerify_TheSignatureCheckAlone(t *testing.T) {
	fresh := dashboard.Sign(testToken, dashboard.User{ID: 5001, FirstName: "An", LanguageCode: "en"}, signedAt)
	for _, tc := range []struct {
		name     string
		initData string
		token    string
		now      time.Time
		wantID   int64
		wantErr  error
	}{
		{"signed by Telegram", signedByTelegram, testToken, signedAt.Add(10 * time.Minute), 1002, nil},
		{"signed by Sign", fresh, testToken, signedAt, 5001, nil},
		{"just within max_age", signedByTelegram, testToken, signedAt.Add(time.Hour), 1002, nil},
		{"a few seconds ahead of our clock", signedByTelegram, testToken, signedAt.Add(-30 * time.Second), 1002, nil},
		{"missing", "", testToken, signedAt, 0, dashboard.ErrNoInitData},
		{"expired", signedByTelegram, testToken, signedAt.Add(time.Hour + time.Second), 0, dashboard.ErrExpired},
		{"from the future", signedByTelegram, testToken, signedAt.Add(-time.Hour), 0, dashboard.ErrExpired},
		{"another bot's", signedByTelegram, "7000000002:AAE-another-bot", signedAt, 0, dashboard.ErrForged},
		{"user changed", strings.Replace(signedByTelegram, "%3A1002", "%3A1001", 1), testToken, signedAt, 0, dashboard.ErrForged},
		{"auth_date changed", strings.Replace(signedByTelegram, "1795680000", "1795683600", 1), testToken, signedAt, 0, dashboard.ErrForged},
		{"hash changed", strings.Replace(signedByTelegram, "hash=a2", "hash=b2", 1), testToken, signedAt, 0, dashboard.ErrForged},
		{"no hash", strings.Split(signedByTelegram, "&hash=")[0], testToken, signedAt, 0, dashboard.ErrForged},
		{"hash not hex", strings.Split(signedByTelegram, "&hash=")[0] + "&hash=zz", testToken, signedAt, 0, dashboard.ErrForged},
		{"a field given twice", signedByTelegram + "&auth_date=1795680000", testToken, signedAt, 0, dashboard.ErrForged},
		{"a field added", signedByTelegram + "&start_param=x", testToken, signedAt, 0, dashboard.ErrForged},
		{"not a query string", "%zz", testToken, signedAt, 0, dashboard.ErrForged},
		{"huge", signedByTelegram + "&x=" + strings.Repeat("a", 1<<20), testToken, signedAt, 0, dashboard.ErrForged},
		{"signed, but no user", dashboard.Sign(testToken, dashboard.User{}, signedAt), testToken, signedAt, 0, dashboard.ErrForged},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, err := dashboard.Verify(tc.initData, tc.token, tc.now, time.Hour)
			if !errors.Is(err, tc.wantErr) || u.ID != tc.wantID {
				t.Errorf("Verify = %d, %v; want %d, %v", u.ID, err, tc.wantID, tc.wantErr)
			}
		})
	}
}
