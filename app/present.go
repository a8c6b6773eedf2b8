package main

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"qcmap"
)

// This file is the presentation mode (/present): one partner per step, the
// map zooming to it with its card in large type, driven by the keys that
// presenter clickers send. It works full screen, inside an iframe (a
// reveal.js slide) and offline.

// presentSteps reads ?steps=us-ny,us-vt (ids without regard to case; unknown
// ones are left out) and ?step= (from 1). With no steps, every partner
// and country entry is a step, grouped by world area.
func presentSteps(u *url.URL, d *qcmap.Dataset) (steps []string, step int) {
	if d == nil {
		return nil, 0
	}
	q := u.Query()
	for _, id := range strings.Split(q.Get("steps"), ",") {
		if j, err := d.Jurisdiction(strings.TrimSpace(id)); err == nil {
			steps = append(steps, j.ID)
		}
	}
	if len(steps) == 0 {
		for _, a := range d.Areas {
			for _, j := range d.Jurisdictions {
				if j.Area == a.ID && j.Kind != qcmap.KindHome {
					steps = append(steps, j.ID)
				}
			}
		}
	}
	step, err := strconv.Atoi(q.Get("step"))
	if err != nil || step < 1 || step > len(steps) {
		step = 1
	}
	return steps, step - 1
}

// goStep shows step i (clamped to the steps).
func (p *mapFrame) goStep(ctx app.Context, i int) {
	if len(p.steps) == 0 {
		return
	}
	i = max(0, min(i, len(p.steps)-1))
	p.step = i
	changed := p.selected != p.steps[i]
	p.selected = p.steps[i]
	p.replaceURL()
	if changed {
		p.deckEmit("select", nil)
	}
	if p.mounted {
		p.mv.setSelected(p.selected)
		p.mv.zoomToPartner(p.selected)
	}
}

// listenPresenterKeys moves through the steps with → ← Space PageDown PageUp
// Home End, and leaves with Esc.
func (p *mapFrame) listenPresenterKeys(ctx app.Context) {
	p.mv.listen(app.Window(), "keydown", func(e app.Value) {
		if e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool() || e.Get("altKey").Bool() {
			return
		}
		if tag := e.Get("target").Get("tagName").String(); tag == "INPUT" || tag == "TEXTAREA" {
			return
		}
		delta, to := 0, -1
		switch e.Get("key").String() {
		case "ArrowRight", "PageDown", "ArrowDown":
			delta = 1
		case " ":
			delta = 1
			if e.Get("shiftKey").Bool() {
				delta = -1
			}
		case "ArrowLeft", "PageUp", "ArrowUp":
			delta = -1
		case "Home":
			to = 0
		case "End":
			to = len(p.steps) - 1
		case "Escape":
			e.Call("preventDefault")
			ctx.Dispatch(func(ctx app.Context) { p.leavePresentation(ctx) })
			return
		default:
			return
		}
		e.Call("preventDefault")
		e.Call("stopImmediatePropagation") // the map's own keys stay out of it
		ctx.Dispatch(func(ctx app.Context) {
			if to >= 0 {
				p.goStep(ctx, to)
			} else {
				p.goStep(ctx, p.step+delta)
			}
		})
	}, false)
}

// leavePresentation leaves full screen, or goes to the full map on the
// current partner.
func (p *mapFrame) leavePresentation(ctx app.Context) {
	doc := app.Window().Get("document")
	if el := doc.Get("fullscreenElement"); el.Truthy() {
		doc.Call("exitFullscreen")
		return
	}
	ctx.Navigate(partnerURL(p.selected, p.lang))
}

func (p *mapFrame) onFullscreen(ctx app.Context, e app.Event) {
	ctx.PreventUpdate()
	el := app.Window().Get("document").Get("documentElement")
	if el.Get("requestFullscreen").Truthy() {
		el.Call("requestFullscreen")
	}
}

func (p *mapFrame) onStep(delta int) app.EventHandler {
	return func(ctx app.Context, e app.Event) { p.goStep(ctx, p.step+delta) }
}

// renderPresent is the presentation: the map, the step's card in large
// type, the progress and the step buttons.
func (p *mapFrame) renderPresent() app.UI {
	lang, d := p.lang, p.data
	n := len(p.steps)
	progress := strconv.Itoa(p.step+1) + " / " + strconv.Itoa(n)
	return app.Div().Class("page map-page present "+p.themeClass()).Body(
		dataScript(d),
		app.Main().ID("main").Class("map-main").Body(
			app.H1().Class("visually-hidden").Text(t(lang, "present.title")),
			p.mapWrap(),
			&partnerPanel{Lang: lang, Data: d, Selected: p.selected},
			app.Div().Class("present-bar").Body(
				app.Button().Type("button").Class("present-prev").Aria("label", t(lang, "present.prev")).Title(t(lang, "present.prev")).Text("←").Disabled(p.step == 0).OnClick(p.onStep(-1)),
				app.Span().Class("present-progress").Aria("live", "polite").DataSet("step", p.step+1).Text(progress),
				app.Progress().Max(n).Value(p.step+1).Aria("label", progress),
				app.Button().Type("button").Class("present-next").Aria("label", t(lang, "present.next")).Title(t(lang, "present.next")).Text("→").Disabled(p.step >= n-1).OnClick(p.onStep(1)),
				app.Button().Type("button").Class("present-full").Text(t(lang, "present.fullscreen")).OnClick(p.onFullscreen),
			),
		),
	)
}
