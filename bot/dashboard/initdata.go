package dashboard

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// maxInitData bounds the initData a request may carry: Telegram's are a
// few hundred bytes.
const maxInitData = 4096

// Why initData is refused. Each is a 401: the request says nothing
// trustworthy of who sent it.
var (
	ErrNoInitData = errors.New("dashboard: no initData")
	ErrForged     = errors.New("dashboard: initData not signed with this bot's token")
	ErrExpired    = errors.New("dashboard: initData too old")
)

// User is the Telegram user initData was issued to.
type User struct {
	ID           int64  `json:"id"`
	FirstName    string `json:"first_name"`
	LanguageCode string `json:"language_code"`
}

// Verify checks initData by the Bot API's "Validating data received via
// the Mini App": the fields but hash, sorted and joined as key=value lines,
// signed by HMAC-SHA-256 under the key HMAC-SHA-256("WebAppData", token),
// must give hash; and auth_date must be within maxAge of now (a minute
// ahead is allowed for clocks apart). It returns the user it was issued to.
func Verify(initData, token string, now time.Time, maxAge time.Duration) (User, error) {
	if initData == "" {
		return User{}, ErrNoInitData
	}
	if len(initData) > maxInitData {
		return User{}, ErrForged
	}
	values, err := url.ParseQuery(initData)
	if err != nil {
		return User{}, ErrForged
	}
	var lines []string
	for k, v := range values {
		if len(v) != 1 { // a field given twice: which one was signed?
			return User{}, ErrForged
		}
		if k != "hash" {
			lines = append(lines, k+"="+v[0])
		}
	}
	sort.Strings(lines)
	got, err := hex.DecodeString(values.Get("hash"))
	if err != nil || !hmac.Equal(got, sign(strings.Join(lines, "\n"), token)) {
		return User{}, ErrForged
	}
	unix, err := strconv.ParseInt(values.Get("auth_date"), 10, 64)
	if err != nil {
		return User{}, ErrForged
	}
	at := time.Unix(unix, 0)
	if now.Sub(at) > maxAge || at.Sub(now) > time.Minute {
		return User{}, ErrExpired
	}
	var u User
	if err := json.Unmarshal([]byte(values.Get("user")), &u); err != nil || u.ID == 0 {
		return User{}, ErrForged
	}
	return u, nil
}

// sign is the HMAC-SHA-256 of the data-check string under the bot's key.
func sign(dataCheck, token string) []byte {
	key := hmac.New(sha256.New, []byte("WebAppData"))
	key.Write([]byte(token))
	mac := hmac.New(sha256.New, key.Sum(nil))
	mac.Write([]byte(dataCheck))
	return mac.Sum(nil)
}

// Sign makes initData for user, issued at authDate, as Telegram signs it
// with token: for the tests, and for trying the page without Telegram.
func Sign(token string, user User, authDate time.Time) string {
	u, _ := json.Marshal(user)
	v := url.Values{"auth_date": {strconv.FormatInt(authDate.Unix(), 10)}, "query_id": {"AAF-dashboard"}, "user": {string(u)}}
	var lines []string
	for k := range v {
		lines = append(lines, k+"="+v.Get(k))
	}
	sort.Strings(lines)
	v.Set("hash", hex.EncodeToString(sign(strings.Join(lines, "\n"), token)))
	return v.Encode()
}
