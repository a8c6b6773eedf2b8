//go:build !wasm

package qcmap

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// MinYear is the earliest year an agreement, event or office may carry.
const MinYear = 1960

// Problem is one mistake in a data file, at a line and column (both from 1).
type Problem struct {
	File      string
	Line, Col int
	// Path is where the mistake is in the document, as "agreements[3].year".
	Path string
	Msg  string
}

func (p Problem) Error() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
	if p.Path == "" {
		return loc + ": " + p.Msg
	}
	return loc + ": " + p.Path + ": " + p.Msg
}

// Problems is every mistake found in a data file, in document order.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// LoadFile reads and validates the data file at path. See Load.
func LoadFile(path string) (*Dataset, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("qcmap: %w", err)
	}
	return Load(path, data)
}

// Load parses the YAML data file named name and validates it. On failure the
// error is a Problems value listing every mistake with its file:line:col;
// a file that is not valid YAML stops at the first syntax error. On success
// the derived fields (Jurisdiction.Sectors and Themes) are filled in.
func Load(name string, data []byte) (*Dataset, error) {
	return load(name, data, time.Now().Year()+1)
}

func load(name string, data []byte, maxYear int) (*Dataset, error) {
	var d Dataset
	if err := yaml.UnmarshalWithOptions(data, &d, yaml.Strict()); err != nil {
		return nil, decodeProblem(name, err)
	}
	v := validator{d: &d, maxYear: maxYear}
	v.validate()
	file, _ := parser.ParseBytes(data, 0) // it decoded above, so it parses
	if last := lastKey(file); d.Capital != (Place{}) && last != "capital" {
		v.addf("capital", "capital must be the file's last key (%q follows it), so that a file cut short lacks it", last)
	}
	if len(v.problems) > 0 {
		for i := range v.problems {
			v.problems[i].File = name
			v.problems[i].Line, v.problems[i].Col = position(file, v.problems[i].Path)
			if v.problems[i].Line == 0 {
				// A top-level key that is missing is missed where the file ends.
				v.problems[i].Line, v.problems[i].Col = max(1, bytes.Count(data, []byte("\n"))), 1
			}
		}
		slices.SortStableFunc(v.problems, func(a, b Problem) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
		})
		return nil, v.problems
	}
	derive(&d)
	return &d, nil
}

// lastKey returns the last top-level key of the file, or "".
func lastKey(file *ast.File) string {
	if file == nil || len(file.Docs) == 0 {
		return ""
	}
	switch m := file.Docs[0].Body.(type) {
	case *ast.MappingNode:
		if len(m.Values) > 0 {
			return m.Values[len(m.Values)-1].Key.String()
		}
	case *ast.MappingValueNode:
		return m.Key.String()
	}
	return ""
}

// decodeProblem turns a YAML syntax or type error into a Problem at its token.
func decodeProblem(name string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) {
		p := Problem{File: name, Msg: ye.GetMessage()}
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			p.Line, p.Col = tk.Position.Line, tk.Position.Column
		}
		return Problems{p}
	}
	return Problems{{File: name, Msg: err.Error()}}
}

// position finds the line and column of the node at path, or of its nearest
// ancestor when the node is missing (a key that was left out).
func position(file *ast.File, path string) (int, int) {
	for path != "" {
		if p, err := yaml.PathString("$." + path); err == nil {
			if n, err := p.FilterFile(file); err == nil && n != nil {
				if tk := startToken(n); tk != nil && tk.Position != nil {
					return tk.Position.Line, tk.Position.Column
				}
			}
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0, 0 // not in the file at all
}

// startToken returns the first token of n. A block mapping's own token is
// the ':' of its first entry, which would put the column after the key.
func startToken(n ast.Node) *token.Token {
	switch m := n.(type) {
	case *ast.MappingNode:
		if !m.IsFlowStyle && len(m.Values) > 0 {
			return startToken(m.Values[0])
		}
	case *ast.MappingValueNode:
		return m.Key.GetToken()
	}
	return n.GetToken()
}

// derive fills in each jurisdiction's sectors (from its agreements and
// events, in the order of d.Sectors) and themes (those of its country).
func derive(d *Dataset) {
	for i := range d.Jurisdictions {
		j := &d.Jurisdictions[i]
		has := map[string]bool{}
		for _, a := range d.AgreementsOf(j.ID) {
			for _, s := range a.Sectors {
				has[s] = true
			}
		}
		for _, e := range d.EventsOf(j.ID) {
			for _, s := range e.Sectors {
				has[s] = true
			}
		}
		j.Sectors = []string{}
		for _, s := range d.Sectors {
			if has[s.ID] {
				j.Sectors = append(j.Sectors, s.ID)
			}
		}
		j.CountryName = countryName(j.Country)
		j.Themes = []string{}
		for _, t := range d.Themes {
			if slices.Contains(t.Countries, j.Country) && j.Kind != KindHome {
				j.Themes = append(j.Themes, t.ID)
			}
		}
	}
}

// countryName returns the French and English names of an ISO 3166-1 alpha-2
// code from the CLDR data of golang.org/x/text, resolved on the server so
// that the wasm client does not link the tables.
func countryName(code string) Text {
	r, err := language.ParseRegion(code)
	if err != nil {
		return Text{FR: code, EN: code}
	}
	return Text{FR: display.French.Regions().Name(r), EN: display.English.Regions().Name(r)}
}
