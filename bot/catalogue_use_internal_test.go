package bot

import (
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"thiduabot/bot/texts"
)

// keyPattern is how a catalogue key is spelt: "idea.saved_direct".
var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// templateKey finds a key a Go template asks for: {{.T "dash.by_status"}}.
var templateKey = regexp.MustCompile(`\bT "([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)"`)

// codeKeys is what the bot's code says of the catalogues, read from every
// non-test Go file under bot/ (whatever files other parts add).
type codeKeys struct {
	literals map[string]bool   // every string literal
	asked    map[string]string // a key the code asks T (or a template, or a table of texts) for → where
	built    map[string]string // prefix + a part listed where it is built → where
	prefixes map[string]bool   // "idea." in "idea."+string(status): keys built from parts
	suffixes map[string]bool   // ".digest" in first.Digest+".digest"
}

// readCodeKeys parses the bot's Go files. A key built from parts is read
// as built: a literal prefix joined to a value ("audit."+e.Action) counts
// every key it begins; inside a switch case, the case's literals are the
// parts, so those keys must exist.
func readCodeKeys(t *testing.T) codeKeys {
	t.Helper()
	ck := codeKeys{literals: map[string]bool{}, asked: map[string]string{}, built: map[string]string{}, prefixes: map[string]bool{}, suffixes: map[string]bool{}}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fset := gotoken.NewFileSet()
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		ck.read(fset, f)
		return nil
	})
	if err == nil {
		// The records' descriptors name the texts of their sheet and of
		// their section of /mydata.
		fset := gotoken.NewFileSet()
		var f *ast.File
		if f, err = parser.ParseFile(fset, "../storage/kinds.go", nil, 0); err == nil {
			ck.read(fset, f)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return ck
}

func (ck codeKeys) read(fset *gotoken.FileSet, f *ast.File) {
	str := func(e ast.Expr) (string, bool) {
		l, ok := e.(*ast.BasicLit)
		if !ok || l.Kind != gotoken.STRING {
			return "", false
		}
		s, err := strconv.Unquote(l.Value)
		return s, err == nil
	}
	where := func(n ast.Node) string { return fset.Position(n.Pos()).String() }
	// The switch cases around the node being read, with what they switch on.
	type switchCase struct {
		tag    string
		clause *ast.CaseClause
	}
	var cases []switchCase
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.SwitchStmt:
			if x.Init != nil {
				ast.Inspect(x.Init, visit)
			}
			tag := ""
			if x.Tag != nil {
				tag = types.ExprString(x.Tag)
				ast.Inspect(x.Tag, visit)
			}
			for _, st := range x.Body.List {
				clause := st.(*ast.CaseClause)
				for _, e := range clause.List {
					ast.Inspect(e, visit)
				}
				cases = append(cases, switchCase{tag, clause})
				for _, s := range clause.Body {
					ast.Inspect(s, visit)
				}
				cases = cases[:len(cases)-1]
			}
			return false
		case *ast.BasicLit:
			if s, ok := str(x); ok {
				ck.literals[s] = true
				for _, m := range templateKey.FindAllStringSubmatch(s, -1) {
					ck.asked[m[1]] = where(x)
				}
			}
		case *ast.BinaryExpr:
			if x.Op != gotoken.ADD {
				break
			}
			if p, ok := str(x.X); ok && keyPrefix(p) {
				ck.prefixes[p] = true
				if c := len(cases) - 1; c >= 0 && cases[c].tag != "" && cases[c].tag == types.ExprString(x.Y) {
					for _, e := range cases[c].clause.List {
						if part, ok := str(e); ok {
							ck.built[p+part] = where(x)
						}
					}
				}
			}
			if s, ok := str(x.Y); ok && (strings.HasPrefix(s, ".") || strings.HasPrefix(s, "_")) && keyPattern.MatchString("k"+s) {
				ck.suffixes[s] = true
			}
		case *ast.CallExpr:
			name := ""
			switch fn := x.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			}
			if name == "T" || name == "t" {
				for _, a := range x.Args {
					if s, ok := str(a); ok && keyPattern.MatchString(s) {
						ck.asked[s] = where(a)
					}
				}
			}
		case *ast.CompositeLit:
			// A table of texts (errorTexts): its values are keys.
			if m, ok := x.Type.(*ast.MapType); ok {
				if v, ok := m.Value.(*ast.Ident); ok && v.Name == "string" {
					for _, e := range x.Elts {
						if kv, ok := e.(*ast.KeyValueExpr); ok {
							if s, ok := str(kv.Value); ok && keyPattern.MatchString(s) && strings.Contains(s, ".") {
								ck.asked[s] = where(kv.Value)
							}
						}
					}
				}
			}
		}
		return true
	}
	ast.Inspect(f, visit)
}

// keyPrefix says whether s could begin keys: "idea.", "dash.kind_".
func keyPrefix(s string) bool {
	return (strings.HasSuffix(s, ".") || strings.HasSuffix(s, "_")) && keyPattern.MatchString(s+"x")
}

// Every key the code asks for is in every catalogue, and every key in a
// catalogue is said by some code: asked for by name, or built from parts
// where the parts show.
func TestTexts_EveryKeyUsedAndEveryUseInTheCatalogues(t *testing.T) {
	ck := readCodeKeys(t)
	if len(ck.asked) < 100 {
		t.Fatalf("read only %d keys asked for in the code; the reader is broken", len(ck.asked))
	}
	for _, lang := range texts.Languages {
		for _, set := range []map[string]string{ck.asked, ck.built} {
			for key, at := range set {
				if _, ok := texts.Text(lang, key); !ok {
					t.Errorf("%s: key %q is not in the %s catalogue", at, key, lang)
				}
			}
		}
	}
	var unused []string
	for _, key := range texts.Keys(texts.Languages[0]) {
		if ck.literals[key] || ck.built[key] != "" || ck.asked[key] != "" {
			continue
		}
		covered := false
		for p := range ck.prefixes {
			covered = covered || strings.HasPrefix(key, p)
		}
		for s := range ck.suffixes {
			covered = covered || strings.HasSuffix(key, s)
		}
		if !covered {
			unused = append(unused, key)
		}
	}
	sort.Strings(unused)
	for _, key := range unused {
		t.Errorf("key %q is in the catalogues but no code says it", key)
	}
}

// forbidden are what the office would not sign: "bạn" for a colleague,
// ideas "gửi" rather than "nộp", and the movement's name with its halves
// swapped (it comes from org.movement, never from a text).
var forbidden = []string{
	"bạn",
	"gửi sáng kiến",
	"thực hành tiết kiệm, chống lãng phí; phát triển kết cấu hạ tầng",
	"thực hành tiết kiệm, chống lãng phí và phát triển kết cấu hạ tầng",
	"đẩy mạnh phát triển kết cấu hạ tầng đồng bộ",
}

func TestTexts_VietnameseHasNoForbiddenWords(t *testing.T) {
	for _, key := range texts.Keys("vi") {
		text, _ := texts.Text("vi", key)
		lower := strings.ToLower(text)
		for _, w := range forbidden {
			if containsWord(lower, w) {
				t.Errorf("vi %q says %q: %s", key, w, text)
			}
		}
	}
}

// containsWord finds w in s as whole words: "bạn" is not in "bạnh".
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		before := start == 0 || !isLetter(lastRune(s[:start]))
		after := end == len(s) || !isLetter(firstRune(s[end:]))
		if before && after {
			return true
		}
		i = start + 1
	}
}

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

func lastRune(s string) rune {
	r := []rune(s)
	return r[len(r)-1]
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// The checks can fail: a key asked for and missing, a key no code says,
// and a forbidden word are each found.
func TestTexts_TheChecksFindWhatTheyLookFor(t *testing.T) {
	src := `package x
func f(c C, a string) {
	c.T("no.such_key")
	switch a {
	case "submit", "nothing_here":
		texts.T(lang, "audit.idea."+a)
		texts.T(lang, "audit.other."+b)
	}
}`
	fset := gotoken.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	ck := codeKeys{literals: map[string]bool{}, asked: map[string]string{}, built: map[string]string{}, prefixes: map[string]bool{}, suffixes: map[string]bool{}}
	ck.read(fset, f)
	if _, ok := ck.asked["no.such_key"]; !ok {
		t.Error("a key asked of c.T was not read")
	}
	if _, ok := ck.built["audit.idea.nothing_here"]; !ok {
		t.Errorf("a key built from a case's parts was not read: %v", ck.built)
	}
	if _, ok := ck.built["audit.other.submit"]; ok {
		t.Errorf("a key built from another value was read as built from the case's parts: %v", ck.built)
	}
	if !ck.prefixes["audit.idea."] {
		t.Error("a key prefix was not read")
	}
	if !containsWord("xin chào bạn.", "bạn") || containsWord("bạnh", "bạn") {
		t.Error("containsWord finds the wrong words")
	}
}
