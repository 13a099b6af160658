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
	EInvalid   Code = "invalid"   // the input breaks a rule; the message says which
	ENotFound  Code = "not_found" // the record does not exist
	EForbidden Code = "forbidden" // the actor may not do this
	EConflict  Code = "conflict"  // the record is no longer in the state the action needs
	EInternal  Code = "internal"  // anything else: logged, never shown in detail
)

// Error is a failure a person can be told about: Key names a text in the
// bot's catalogue and Args fill it in.
type Error struct {
	Code Code
	Key  string
	Args []any
}

func (e *Error) Error() string {
	if len(e.Args) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Key)
	}
	return fmt.Sprintf("%s: %s %v", e.Code, e.Key, e.Args)
}

// Errorf returns an Error with the given code, message key and arguments.
func Errorf(code Code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
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
