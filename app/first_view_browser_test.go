//go:build !wasm

package main

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// firstViewScreens are the screens the first view is checked on: a
// desktop, the browser window of a 1440×900 laptop, a 16:9 laptop, the
// embed filling a 16:9 slide, a tablet and a phone, the last two by touch.
var firstViewScreens = []struct {
	name  string
	path  string
	w, h  int
	touch bool
}{
	{"desktop", "/", 1440, 900, false},
	{"laptop-window", "/", 1440, 760, false},
	{"laptop", "/", 1280, 720, false},
	{"slide", "/embed", 1280, 720, false}, // the map in a slide's iframe
	{"tablet", "/", 768, 1024, true},
	{"phone", "/", 390, 844, true},
}

// fvTarget is one partner's or office's target as the page shows it.
type fvTarget struct {
	ID, Kind string
	Box      [4]float64 // the target, name included, in CSS pixels
	Name     [4]float64 // the name's text
	Text     string
}

// TestFirstViewTargets checks the first view on every screen, in French
// and English, as a new visitor meets it: every partner and office is
// named on a target of its own, at least 24×24 CSS pixels, on screen, that
// no other target, name or control overlaps; a click (a tap on touch
// screens) on the centre of each target opens that partner or office; a
// click on the visible middle of each partner's shape, where one shows,
// opens it too.
func TestFirstViewTargets(t *testing.T) {
	base := startApp(t)
	for _, sc := range firstViewScreens {
		for _, lang := range []string{langFR, langEN} {
			t.Run(sc.name+"/"+lang, func(t *testing.T) {
				b := newBrowser(t, sc.w, sc.h)
				if sc.touch {
					b.do("emulating a touch screen", chromedp.EmulateViewport(int64(sc.w), int64(sc.h),
						chromedp.EmulateScale(1), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait))
				}
				b.reduceMotion(true)
				b.open(base + sc.path + "?lang=" + lang)
				b.waitFor("the first view", `document.documentElement.dataset.wasm === "ready" && /\bfv-/.test(document.getElementById("map").getAttribute("class"))`)
				b.waitSettled()
				targets := firstViewTargets(b)
				want := eval[int](b, `document.querySelectorAll('#map .marker[data-id], #map .office[data-id]').length`)
				if len(targets) != want || want < 20 {
					t.Fatalf("%d targets shown; want one for each of the %d partners and offices", len(targets), want)
				}
				checkTargets(t, b, targets, sc.w, sc.h)
				for _, tg := range targets {
					x, y := (tg.Box[0]+tg.Box[2])/2, (tg.Box[1]+tg.Box[3])/2
					if on := eval[string](b, fmt.Sprintf(`(() => { const e = document.elementFromPoint(%f, %f); const o = e && e.closest('[data-id]'); return o ? o.dataset.id : (e ? e.tagName + '.' + e.getAttribute('class') : 'nothing'); })()`, x, y)); on != tg.ID {
						t.Fatalf("%s: at its target's centre (%.0f, %.0f) a person hits %s", tg.ID, x, y, on)
					}
					tap(b, sc.touch, x, y)
					b.waitPanel(tg.Kind, tg.ID)
					backToFirstView(b)
				}
				shapes := 0
				for _, tg := range targets {
					if tg.Kind != "partner" {
						continue
					}
					p, ok := visibleMiddle(b, tg.ID, sc.touch)
					if !ok {
						continue
					}
					shapes++
					tap(b, sc.touch, p[0], p[1])
					b.waitPanel("partner", tg.ID)
					backToFirstView(b)
				}
				t.Logf("%d targets, %d shapes clicked; targets %.0f px high", len(targets), shapes, targets[0].Box[3]-targets[0].Box[1])
				b.noErrors()
			})
		}
	}
}

// firstViewTargets reads every shown target's box and its name's.
func firstViewTargets(b *browser) []fvTarget {
	return eval[[]fvTarget](b, `(() => {
		const box = r => [r.left, r.top, r.right, r.bottom];
		return [...document.querySelectorAll('#map .marker[data-id], #map .office[data-id]')].map(el => {
			const tag = [...el.querySelectorAll('.tag')].find(t => getComputedStyle(t).display !== 'none');
			const text = tag ? tag.querySelector('text') : null;
			return {ID: el.dataset.id, Kind: el.classList.contains('office') ? 'office' : 'partner',
				Box: tag ? box(tag.getBoundingClientRect()) : [0, 0, 0, 0],
				Name: text ? box(text.getBoundingClientRect()) : [0, 0, 0, 0],
				Text: text ? text.textContent : ''};
		});
	})()`)
}

func overlaps(a, b [4]float64) bool { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3] }

// checkTargets checks the targets' sizes, that they are on screen, and
// that no two targets, no two names, and no target and control overlap.
func checkTargets(t *testing.T, b *browser, targets []fvTarget, w, h int) {
	t.Helper()
	controls := eval[[][4]float64](b, `[...document.querySelectorAll('.map-controls .zoom, .map-controls .areas button, details.legend, .topbar, .embed-credit')].map(el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })`)
	for i, tg := range targets {
		bx := tg.Box
		if tg.Text == "" {
			t.Errorf("%s has no name shown", tg.ID)
			continue
		}
		if bx[2]-bx[0] < 24 || bx[3]-bx[1] < 24 {
			t.Errorf("%s: target %.0f×%.0f px; want at least 24×24", tg.ID, bx[2]-bx[0], bx[3]-bx[1])
		}
		if bx[0] < 0 || bx[1] < 0 || bx[2] > float64(w) || bx[3] > float64(h) {
			t.Errorf("%s: target %v is off the %d×%d screen", tg.ID, bx, w, h)
		}
		n := tg.Name
		if n[0] < bx[0]-1 || n[2] > bx[2]+1 || n[1] < bx[1]-1 || n[3] > bx[3]+1 {
			t.Errorf("%s: name %q at %v runs out of its target %v", tg.ID, tg.Text, n, bx)
		}
		for _, o := range targets[i+1:] {
			if overlaps(bx, o.Box) {
				t.Errorf("targets of %s %v and %s %v overlap", tg.ID, bx, o.ID, o.Box)
			}
			if overlaps(n, o.Name) {
				t.Errorf("names of %s and %s overlap", tg.ID, o.ID)
			}
		}
		for _, c := range controls {
			if overlaps(bx, c) {
				t.Errorf("target of %s %v is under a control %v", tg.ID, bx, c)
			}
		}
	}
}

// doubleTapTime is longer than the time within which Chromium takes two
// taps for a double tap; lastTap is when the tests last tapped.
const doubleTapTime = 400 * time.Millisecond

var lastTap time.Time

// tap clicks at (x, y), by a touch on touch screens.
func tap(b *browser, touch bool, x, y float64) {
	b.t.Helper()
	if !touch {
		b.do(fmt.Sprintf("clicking at (%.0f, %.0f)", x, y), chromedp.MouseClickXY(x, y))
		return
	}
	// Two taps within the browser's double-tap time make a double tap,
	// which zooms: a person's two taps on two targets are further apart.
	if wait := doubleTapTime - time.Since(lastTap); wait > 0 {
		time.Sleep(wait)
	}
	defer func() { lastTap = time.Now() }()
	b.do(fmt.Sprintf("tapping at (%.0f, %.0f)", x, y), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, input.DispatchTouchEventParams{
			Type: input.DispatchTouchEventTypeTouchStart, TouchPoints: []*input.TouchPoint{{X: x, Y: y}}}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, input.DispatchTouchEventParams{
			Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}})
		return err
	}))
}

// backToFirstView closes the panel and presses World (0 in the embed),
// and waits for the first view.
func backToFirstView(b *browser) {
	b.t.Helper()
	eval[bool](b, `(() => { const c = document.querySelector('.panel-close'); if (c && c.offsetParent) c.click(); return true; })()`)
	b.waitPanelClosed()
	if eval[bool](b, `!!document.querySelector('.map-controls [data-area="world"]')`) {
		b.clickOn(`.map-controls [data-area="world"]`) // checks that nothing covers it
	} else { // the embed has no area buttons: 0 on the map, as a keyboard user
		eval[bool](b, `(document.getElementById("map-wrap").focus(), true)`)
		b.press("0", "0")
	}
	b.waitFor("the first view again", `/\bfv-/.test(document.getElementById("map").getAttribute("class"))`)
	b.settle()
}

// visibleMiddle returns the point of id's shape nearest its box's centre
// at which a click reaches the shape itself (no target, pin or control
// over it), if any. On a touch screen the shape must show 6 px around the
// point too: the browser moves a finger's tap onto the nearest target, so
// a sliver of a shape is not something a finger can hit.
func visibleMiddle(b *browser, id string, touch bool) ([2]float64, bool) {
	r := 0
	if touch {
		r = 6
	}
	type pt struct {
		X, Y float64
		OK   bool
	}
	p := eval[pt](b, `(() => {
		const R = `+strconv.Itoa(r)+`;
		const a = document.querySelector('#map .partners a[data-id=`+jsString(id)+`]');
		if (!a) return {X: 0, Y: 0, OK: false};
		const r = a.getBoundingClientRect();
		const cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
		let best = null, bestD = Infinity;
		const n = 24;
		for (let i = 0; i <= n; i++) for (let j = 0; j <= n; j++) {
			const x = r.left + r.width * i / n, y = r.top + r.height * j / n;
			if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
			const hits = [[0, 0], [-R, 0], [R, 0], [0, -R], [0, R]].every(([dx, dy]) => {
				const top = document.elementFromPoint(x + dx, y + dy);
				return top && top.closest('a') === a;
			});
			if (!hits) continue;
			const d = Math.hypot(x - cx, y - cy);
			if (d < bestD) { best = [x, y]; bestD = d; }
		}
		return best ? {X: best[0], Y: best[1], OK: true} : {X: 0, Y: 0, OK: false};
	})()`)
	return [2]float64{p.X, p.Y}, p.OK
}
