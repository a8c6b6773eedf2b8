package main

import "testing"

// TestCatalogue fails when an interface string lacks French or English.
func TestCatalogue(t *testing.T) {
	for key, text := range catalogue {
		if text.FR == "" {
			t.Errorf("catalogue[%q] has no French", key)
		}
		if text.EN == "" {
			t.Errorf("catalogue[%q] has no English", key)
		}
	}
}
