package render

// The internals that the tests of package render_test check.
var (
	MainBox = mainBox
	Wrap    = wrap
)
