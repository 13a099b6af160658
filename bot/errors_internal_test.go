package bot

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"thiduabot/bot/texts"
	"thiduabot/storage"
)

// Every reason declared, by storage or by the bot, has a text in every
// language, and the table names no reason that is not declared.
func TestErrorTexts_EveryReasonHasATextInEveryLanguage(t *testing.T) {
	declared := map[storage.Reason]string{}
	for dir, typ := range map[string]string{"../storage": "Reason", ".": "storage.Reason", "period": "storage.Reason"} {
		for name, value := range reasonConsts(t, dir, typ) {
			if other, ok := declared[value]; ok {
				t.Errorf("%s and %s are both %q", other, name, value)
			}
			declared[value] = name
		}
	}
	if len(declared) < 40 {
		t.Fatalf("found %d reasons; want every one storage and the bot declare", len(declared))
	}
	for reason, name := range declared {
		key, ok := errorTexts[reason]
		if !ok {
			t.Errorf("%s (%q) has no text in errorTexts", name, reason)
			continue
		}
		for _, lang := range texts.Languages {
			if _, ok := texts.Text(lang, key); !ok {
				t.Errorf("%s: text %q is not in the %s catalogue", name, key, lang)
			}
		}
	}
	for reason := range errorTexts {
		if _, ok := declared[reason]; !ok {
			t.Errorf("errorTexts has %q, which no constant declares", reason)
		}
	}
}

// A reason is always a declared constant: a string written in its place
// (Reason is a string type, so "err.guest" would compile) would have no
// text, and the person would be told only that something went wrong.
func TestErrorTexts_NoReasonWrittenAsALiteral(t *testing.T) {
	fset := gotoken.NewFileSet()
	for _, dir := range []string{".", "../storage"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) < 2 {
					return true
				}
				if name := typeName(call.Fun); name != "Errorf" && name != "storage.Errorf" {
					return true
				}
				if _, ok := call.Args[1].(*ast.BasicLit); ok {
					t.Errorf("%s: Errorf with the reason %s written out; want a declared Reason", fset.Position(call.Pos()), typeName(call.Args[1]))
				}
				return true
			})
		}
	}
}

// reasonConsts returns the constants of type typ declared in the package
// in dir (its test files left out), by name.
func reasonConsts(t *testing.T, dir, typ string) map[string]storage.Reason {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]storage.Reason{}
	fset := gotoken.NewFileSet()
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != gotoken.CONST {
				continue
			}
			for _, spec := range gen.Specs {
				vs := spec.(*ast.ValueSpec)
				if vs.Type == nil || typeName(vs.Type) != typ {
					continue
				}
				for i, name := range vs.Names {
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok {
						t.Fatalf("%s: %s is not a string literal", fset.Position(name.Pos()), name.Name)
					}
					value, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					out[name.Name] = storage.Reason(value)
				}
			}
		}
	}
	return out
}

// typeName writes a name or a literal as it reads in the source: Reason,
// storage.Reason, "text".
func typeName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return typeName(x.X) + "." + x.Sel.Name
	case *ast.BasicLit:
		return x.Value
	}
	return fmt.Sprintf("%T", e)
}

func TestErrorText(t *testing.T) {
	for _, tc := range []struct {
		lang string
		err  error
		want string
	}{
		{"en", storage.Errorf(storage.EInvalid, storage.ReasonTitleTooLong, 100, 120), "A title has at most 100 characters (you typed 120). Please shorten it."},
		{"vi", storage.Errorf(storage.EConflict, storage.ReasonIdeaDecided, "SK-7"), "Sáng kiến SK-7 đã được xử lý hoặc không còn ở bước này."},
		{"en", fmt.Errorf("wrapped: %w", storage.Errorf(storage.EForbidden, reasonNotMember)), texts.T("en", "err.guest")},
		// Nothing internal is told: not its words, nor a reason it carries.
		{"en", errors.New("storage: decode ideas/1: unexpected end of JSON input"), texts.T("en", "err.internal")},
		{"vi", storage.Errorf(storage.EInternal, storage.ReasonTitleEmpty), texts.T("vi", "err.internal")},
		{"en", storage.Errorf(storage.EInvalid, "no_such_reason"), texts.T("en", "err.internal")},
	} {
		if got := errorText(tc.lang, tc.err); got != tc.want {
			t.Errorf("errorText(%q, %v) = %q; want %q", tc.lang, tc.err, got, tc.want)
		}
	}
}
