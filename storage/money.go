package storage

import (
	"math/big"
	"strings"
	"unicode"
)

// moneyUnits maps the words people write after an amount to its factor.
var moneyUnits = map[string]int64{
	"": 1, "đ": 1, "d": 1, "đồng": 1, "dong": 1, "vnd": 1, "vnđ": 1,
	"k": 1_000, "nghìn": 1_000, "ngàn": 1_000, "nghin": 1_000, "ngan": 1_000,
	"tr": 1_000_000, "triệu": 1_000_000, "trieu": 1_000_000, "m": 1_000_000,
	"tỷ": 1_000_000_000, "tỉ": 1_000_000_000, "ty": 1_000_000_000, "ti": 1_000_000_000,
}

// ParseVND reads an amount of đồng as people type it: 1.500.000, 1,500,000,
// 1500000 đ, 1,5 tr, 2 triệu, 500k, 0. It refuses negatives, fractions of a
// đồng, amounts over MaxVND and anything else with an EInvalid error whose
// reason says what is expected.
func ParseVND(s string) (int64, error) {
	bad := Errorf(EInvalid, ReasonMoneyFormat)
	s = strings.ToLower(strings.TrimSpace(s))
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		return 0, Errorf(EInvalid, ReasonMoneyNegative)
	}
	// Split the number from the unit word that follows it.
	i := strings.IndexFunc(s, func(r rune) bool { return !(unicode.IsDigit(r) || r == '.' || r == ',' || r == ' ') })
	num, unit := s, ""
	if i >= 0 {
		num, unit = s[:i], strings.TrimSpace(s[i:])
	}
	num = strings.ReplaceAll(strings.TrimSpace(num), " ", "")
	factor, ok := moneyUnits[strings.TrimSuffix(unit, ".")]
	if !ok || num == "" {
		return 0, bad
	}
	value, ok := parseAmount(num, factor > 1)
	if !ok {
		return 0, bad
	}
	value.Mul(value, new(big.Rat).SetInt64(factor))
	if !value.IsInt() {
		return 0, Errorf(EInvalid, ReasonMoneyFraction)
	}
	if value.Cmp(new(big.Rat).SetInt64(MaxVND)) > 0 {
		return 0, Errorf(EInvalid, ReasonMoneyTooLarge)
	}
	return value.Num().Int64(), nil
}

// parseAmount reads digits with thousands separators (. or ,) and, when a
// unit follows, a decimal part (1,5 tr or 1.5 tr).
func parseAmount(num string, decimalAllowed bool) (*big.Rat, bool) {
	seps := strings.Count(num, ".") + strings.Count(num, ",")
	if seps == 0 {
		r, ok := new(big.Rat).SetString(num)
		return r, ok
	}
	// Thousands grouping: every group after the first has three digits,
	// with one kind of separator throughout.
	if groups := strings.FieldsFunc(num, func(r rune) bool { return r == '.' || r == ',' }); len(groups) == seps+1 {
		grouped := !(strings.Contains(num, ".") && strings.Contains(num, ","))
		for i, g := range groups {
			if g == "" || (i > 0 && len(g) != 3) || (i == 0 && len(g) > 3) {
				grouped = false
			}
		}
		if grouped && !(decimalAllowed && seps == 1) {
			r, ok := new(big.Rat).SetString(strings.Join(groups, ""))
			return r, ok
		}
	}
	// A single decimal separator, before a unit word: 1,5 tr.
	if decimalAllowed && seps == 1 {
		r, ok := new(big.Rat).SetString(strings.NewReplacer(",", ".").Replace(num))
		return r, ok
	}
	return nil, false
}
