package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// statusBar says, quietly, when the app is offline and when a new version is
// ready: go-app calls OnAppUpdate once the new service worker has taken over,
// and a reload then runs the new wasm with the new data together.
type statusBar struct {
	app.Compo

	Lang string

	offline bool
	update  bool
	funcs   []app.Func
}

func (s *statusBar) OnMount(ctx app.Context) {
	s.OnAppUpdate(ctx)
	s.offline = !app.Window().Get("navigator").Get("onLine").Bool()
	for _, ev := range statusEvents {
		f := app.FuncOf(func(app.Value, []app.Value) any {
			ctx.Dispatch(func(app.Context) {
				s.offline = !app.Window().Get("navigator").Get("onLine").Bool()
			})
			return nil
		})
		s.funcs = append(s.funcs, f)
		app.Window().Call("addEventListener", ev, f)
	}
}

// OnDismount stops listening: a released func left on window would throw
// on the next online or offline event.
func (s *statusBar) OnDismount() {
	for i, f := range s.funcs {
		app.Window().Call("removeEventListener", statusEvents[i], f)
		f.Release()
	}
	s.funcs = nil
}

// statusEvents are the window's events the bar listens to, in the order of
// statusBar.funcs.
var statusEvents = []string{"online", "offline"}

// OnAppUpdate shows the notice when a new version took over. go-app also
// calls it on a first visit, when the worker that has just installed claims
// the page; then the cache kept is this page's own version, which the
// worker names "qcmap-<version>" (assets/worker/app-worker.js), and there is
// nothing to reload.
func (s *statusBar) OnAppUpdate(ctx app.Context) {
	if !ctx.AppUpdateAvailable() {
		return
	}
	caches := app.Window().Get("caches")
	if !caches.Truthy() {
		s.update = true
		return
	}
	var done app.Func
	done = app.FuncOf(func(_ app.Value, args []app.Value) any {
		done.Release()
		own := len(args) > 0 && args[0].Bool()
		ctx.Dispatch(func(app.Context) { s.update = !own })
		return nil
	})
	caches.Call("has", "qcmap-"+app.Getenv("GOAPP_VERSION")).Call("then", done)
}

func (s *statusBar) Render() app.UI {
	return app.Div().Class("status-bar").Role("status").Body(
		app.If(s.offline, func() app.UI {
			return app.Span().Class("offline").DataSet("status", "offline").Text(t(s.Lang, "status.offline"))
		}),
		app.If(s.update, func() app.UI {
			return app.Button().
				Type("button").
				Class("update").
				DataSet("status", "update").
				Text(t(s.Lang, "status.update")).
				OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() })
		}),
	)
}
