package qcmap

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestDecodeJSON checks the client's decoder (DecodeJSON, easyjson's
// generated code) against encoding/json, which encodes the page's dataset:
// a dataset whose every field, at every depth, holds a value of its own
// comes back as it was, and as encoding/json decodes it; so do an empty
// dataset and one with fields left out. A field added to a type or renamed
// without running make generate fails here.
func TestDecodeJSON(t *testing.T) {
	var every Dataset
	n := 0
	fillDistinct(reflect.ValueOf(&every).Elem(), &n)
	for _, tc := range []struct {
		name string
		d    *Dataset
	}{{"every field set", &every}, {"empty", &Dataset{}}, {"fields left out", testDataset()}} {
		b, err := json.Marshal(tc.d)
		if err != nil {
			t.Fatal(err)
		}
		var want Dataset
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatal(err)
		}
		got, err := DecodeJSON(b)
		if err != nil {
			t.Fatalf("%s: DecodeJSON: %v", tc.name, err)
		}
		if !reflect.DeepEqual(*got, want) {
			t.Errorf("%s: DecodeJSON gives\n%+v\nencoding/json gives\n%+v\n(run make generate after changing a type of qcmap.go)", tc.name, *got, want)
		}
		if tc.name == "every field set" && !reflect.DeepEqual(*got, *tc.d) {
			t.Errorf("%s: DecodeJSON gives\n%+v\nwant\n%+v", tc.name, *got, *tc.d)
		}
	}
}

// TestDecodeJSONErrors checks that bad JSON is an error that says where.
func TestDecodeJSONErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"agreements": [{"id": "a", "year": "2004"}]}`, "offset"},
		{`{"source": {"id": "x"`, "ends early, at byte 21"},
		{`[]`, "offset"},
	} {
		if _, err := DecodeJSON([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("DecodeJSON(%s) = %v; want an error with %q", tc.in, err, tc.want)
		}
	}
}

// fillDistinct sets every field reachable from v to a value of its own:
// strings that need escaping, numbers, two elements in each slice.
func fillDistinct(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("v" + strconv.Itoa(*n) + ` <é&"` + "\u2028>")
	case reflect.Int:
		v.SetInt(int64(*n))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fillDistinct(v.Index(i), n)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			fillDistinct(v.Field(i), n)
		}
	default:
		panic("fillDistinct: no case for " + v.Type().String())
	}
}
