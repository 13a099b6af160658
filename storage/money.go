package storage

import (
	"math/big"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// moneyFactors maps the words people write after a number to its factor:
// "2 triệu", "500k", "1,5 tỷ". They may follow each other from the largest
// down: "1 tỷ 200 triệu".
var moneyFactors = map[string]int64{
	"k": 1_000, "nghìn": 1_000, "ngàn": 1_000, "nghin": 1_000, "ngan": 1_000,
	"tr": 1_000_000, "triệu": 1_000_000, "trieu": 1_000_000, "m": 1_000_000,
	"tỷ": 1_000_000_000, "tỉ": 1_000_000_000, "ty": 1_000_000_000, "ti": 1_000_000_000,
}

// currencyWords name the đồng itself; one may close an amount ("3 triệu
// đồng", "2.000.000 VNĐ") or follow a bare number ("2000000 đ").
var currencyWords = map[string]bool{
	"đ": true, "d": true, "đồng": true, "dong": true, "vnd": true, "vnđ": true,
}

// moneyToken is a number ("1.500", "2 000 000") or a word ("triệu", "tr").
type moneyToken struct {
	text   string
	number bool
}

// ParseVND reads an amount of đồng as people write it: 1.500.000,
// 1,500,000, 2 000 000, 2.000.000đ, 2.000.000 VNĐ, 1,5 tr, 2tr5, 2,5tr,
// 3 triệu đồng, 1.500 triệu, 1,5 tỷ, 1 tỷ 200 triệu, 500k, 500 nghìn, 0.
// In Vietnamese a dot groups thousands and a comma marks the decimals, so
// "1.500 triệu" is one and a half billion and "1,5 triệu" one and a half
// million; digits right after a unit word are its decimals ("2tr5" is
// 2,5 triệu). It refuses negatives, fractions of a đồng, amounts over
// MaxVND and anything else ("hai triệu", "2,5,5") with an EInvalid error
// whose reason says what is expected.
func ParseVND(s string) (int64, error) {
	bad := Errorf(EInvalid, ReasonMoneyFormat)
	s = strings.ToLower(strings.TrimSpace(norm.NFC.String(s)))
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		return 0, Errorf(EInvalid, ReasonMoneyNegative)
	}
	tokens, ok := tokenizeMoney(s)
	if !ok || len(tokens) == 0 || !tokens[0].number {
		return 0, bad
	}
	// A closing word for the đồng itself says nothing more.
	if last := tokens[len(tokens)-1]; !last.number && currencyWords[strings.TrimSuffix(last.text, ".")] {
		tokens = tokens[:len(tokens)-1]
	}
	total := new(big.Rat)
	lastFactor := int64(0) // the factor of the previous part; 0 before the first
	for i := 0; i < len(tokens); {
		num := tokens[i]
		if !num.number {
			return 0, bad
		}
		i++
		factor := int64(1)
		if i < len(tokens) {
			f, known := moneyFactors[strings.TrimSuffix(tokens[i].text, ".")]
			if !known {
				return 0, bad
			}
			factor = f
			i++
		}
		// Parts go from the largest down: "1 tỷ 200 triệu", never "200 triệu 1 tỷ".
		if lastFactor != 0 && (factor >= lastFactor) {
			return 0, bad
		}
		value, ok := parseAmount(num.text, factor > 1)
		if !ok {
			return 0, bad
		}
		// Digits straight after a unit word are its decimals: 2tr5, 1 tỷ 2.
		if factor > 1 && i == len(tokens)-1 && tokens[i].number {
			tail := tokens[i].text
			if len(tail) > 3 || strings.ContainsAny(tail, ".,") || strings.Contains(num.text, ",") {
				return 0, bad
			}
			frac, _ := new(big.Rat).SetString("0." + tail)
			value.Add(value, frac)
			i++
		}
		value.Mul(value, new(big.Rat).SetInt64(factor))
		total.Add(total, value)
		lastFactor = factor
		if factor == 1 && i < len(tokens) {
			return 0, bad
		}
	}
	if !total.IsInt() {
		return 0, Errorf(EInvalid, ReasonMoneyFraction)
	}
	if total.Cmp(new(big.Rat).SetInt64(MaxVND)) > 0 {
		return 0, Errorf(EInvalid, ReasonMoneyTooLarge)
	}
	return total.Num().Int64(), nil
}

// tokenizeMoney splits an amount into numbers and words. Spaces between
// digits group thousands ("2 000 000"); anything but digits, separators,
// letters and spaces makes it unreadable.
func tokenizeMoney(s string) ([]moneyToken, bool) {
	var out []moneyToken
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case r == ' ':
			i++
		case unicode.IsDigit(r):
			var b strings.Builder
			for i < len(rs) {
				c := rs[i]
				if unicode.IsDigit(c) || c == '.' || c == ',' {
					b.WriteRune(c)
					i++
					continue
				}
				// "2 000 000": a space between a digit and three more digits.
				if c == ' ' && unicode.IsDigit(rs[i-1]) && threeDigits(rs[i+1:]) {
					i++
					continue
				}
				break
			}
			out = append(out, moneyToken{text: b.String(), number: true})
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			var b strings.Builder
			for i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.Is(unicode.Mn, rs[i])) {
				b.WriteRune(rs[i])
				i++
			}
			if i < len(rs) && rs[i] == '.' { // "tr." or "đ."
				b.WriteRune('.')
				i++
			}
			out = append(out, moneyToken{text: b.String()})
		default:
			return nil, false
		}
	}
	return out, true
}

// threeDigits says whether rs starts with exactly three digits.
func threeDigits(rs []rune) bool {
	if len(rs) < 3 {
		return false
	}
	for _, r := range rs[:3] {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return len(rs) == 3 || !unicode.IsDigit(rs[3])
}

// parseAmount reads digits with thousands separators and, when a unit word
// follows (decimalAllowed), a decimal part. A dot groups thousands and a
// comma marks decimals ("1.500,5 triệu"); a lone dot before other than
// three digits ("1.5 tr") and a lone comma between groups of three with no
// unit ("1,500,000") are read as people mean them.
func parseAmount(num string, decimalAllowed bool) (*big.Rat, bool) {
	dots, commas := strings.Count(num, "."), strings.Count(num, ",")
	if dots+commas == 0 {
		return new(big.Rat).SetString(num)
	}
	intPart, fracPart, decimal := num, "", false
	switch {
	case dots > 0 && commas > 0:
		// Both: the last one marks the decimals, the other groups.
		last := strings.LastIndexAny(num, ".,")
		sep := num[last]
		if strings.Count(num, string(sep)) != 1 {
			return nil, false
		}
		intPart, fracPart, decimal = num[:last], num[last+1:], true
	case decimalAllowed && commas == 1 && dots == 0:
		i := strings.Index(num, ",")
		intPart, fracPart, decimal = num[:i], num[i+1:], true
	case decimalAllowed && dots == 1 && commas == 0 && len(num)-strings.Index(num, ".")-1 != 3:
		i := strings.Index(num, ".")
		intPart, fracPart, decimal = num[:i], num[i+1:], true
	}
	digits, ok := ungroup(intPart)
	if !ok {
		return nil, false
	}
	if decimal {
		if fracPart == "" || strings.Trim(fracPart, "0123456789") != "" {
			return nil, false
		}
		if !decimalAllowed {
			// A decimal đồng is a fraction of a đồng, unless it is all zeros.
			if strings.Trim(fracPart, "0") != "" {
				return nil, false
			}
			fracPart = "0"
		}
		digits += "." + fracPart
	}
	return new(big.Rat).SetString(digits)
}

// ungroup joins digits grouped in threes by one kind of separator
// ("1.500.000", "1,500"); plain digits pass as they are.
func ungroup(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	if !strings.ContainsAny(s, ".,") {
		return s, strings.Trim(s, "0123456789") == ""
	}
	if strings.Contains(s, ".") && strings.Contains(s, ",") {
		return "", false
	}
	groups := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == ',' })
	if len(groups) != strings.Count(s, ".")+strings.Count(s, ",")+1 {
		return "", false
	}
	for i, g := range groups {
		if g == "" || (i > 0 && len(g) != 3) || (i == 0 && len(g) > 3) || strings.Trim(g, "0123456789") != "" {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}
