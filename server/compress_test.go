package server

import "testing"

// TestUnindent checks that go-app's indentation between elements goes,
// and that a text area's and a pre's own lines stay.
func TestUnindent(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<li>\n  <span>2003</span>\n  <span>Entente</span>\n</li>", "<li><span>2003</span><span>Entente</span></li>"},
		{"<p>\n  avec \n  <a>New York</a>\n</p>", "<p>avec <a>New York</a></p>"},
		{"<div>\n  <textarea rows=\"3\">a\n  b</textarea>\n  <pre>x\n  y</pre>\n</div>", "<div><textarea rows=\"3\">a\n  b</textarea><pre>x\n  y</pre></div>"},
		{"<div>\n  <textarea>never closed\n  x", "<div><textarea>never closed\n  x"},
		{"<head>\n  <script>const a = 1\n  const b = 2</script>\n  <style>a {\n  color: red }</style>\n</head>", "<head><script>const a = 1\n  const b = 2</script><style>a {\n  color: red }</style></head>"},
		{"no breaks at all", "no breaks at all"},
		{"", ""},
	} {
		if got := string(unindent([]byte(tc.in))); got != tc.want {
			t.Errorf("unindent(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}
