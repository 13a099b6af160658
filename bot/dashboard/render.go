package dashboard

import (
	"bytes"
	"html/template"
)

// The page's content, put in place by app.js. Horizontal bars are a row of
// text and a one-rect SVG, so their labels stay text at any width.
var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{"addf": func(a, b float64) float64 { return a + b }}).Parse(`
<header class="top">
  <div class="heading">
    <h1>{{.Title}}</h1>
    <p class="period" id="period-name">{{.Period}}</p>
    <p class="updated">{{.Updated}}</p>
  </div>
  <nav class="periods" aria-label="{{.Period}}">
    <div class="kinds">{{range .Kinds}}<button type="button" data-period="{{.Period}}"{{if .Active}} class="active" aria-pressed="true"{{end}}>{{.Label}}</button>{{end}}</div>
    <div class="steps"><button type="button" class="step" data-period="{{.Prev.Period}}" aria-label="{{.Prev.Label}}">‹</button><button type="button" class="step" data-period="{{.Next.Period}}" aria-label="{{.Next.Label}}">›</button></div>
  </nav>
</header>

<section class="tiles">{{range .Tiles}}
  <div class="tile tile-{{.Key}}" data-figure="{{.Key}}" data-value="{{.Raw}}">
    <span class="label">{{.Label}}</span>
    <span class="value">{{.Value}}</span>{{if .Full}}
    <span class="full">{{.Full}}</span>{{end}}{{if .Note}}
    <span class="note">{{.Note}}</span>{{end}}
  </div>{{end}}
</section>

<section class="cards">
  <article class="card wide" id="chart-months">
    <h2>{{.T "dash.by_month"}}</h2>
    {{.Months}}
    <ul class="legend">{{range .Legend}}<li><i class="{{.Class}}"></i>{{.Label}}</li>{{end}}</ul>
  </article>

  <article class="card" id="chart-status">
    <h2>{{.T "dash.by_status"}}</h2>
    {{template "bars" .Status}}
  </article>

  <article class="card" id="chart-theme">
    <h2>{{.T "dash.by_theme"}}</h2>
    {{template "bars" .Theme}}
  </article>

  <article class="card wide" id="chart-targets">
    <h2>{{.TargetsTitle}}</h2>
    <p class="note">{{.TargetsNote}}</p>
    {{template "bars" .Targets}}
  </article>

  <article class="card" id="chart-reports">
    <h2>{{.T "dash.reports"}}</h2>{{if not .Periods}}
    <p class="empty">{{.T "dash.no_periods"}}</p>{{end}}{{range .Periods}}
    <div class="period-row">
      <div class="row-head"><span class="name">{{.Name}}</span><span class="due">{{.Due}}</span></div>
      <svg class="stack" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">{{$x := 0.0}}{{range .Segments}}<rect class="bar {{.Class}}" x="{{printf "%.2f" $x}}" y="0" width="{{printf "%.2f" .Width}}" height="8"><title>{{.Label}}: {{.Value}}</title></rect>{{$x = addf $x .Width}}{{end}}</svg>
      <p class="row-note">{{.Summary}}</p>
    </div>{{end}}
    {{if .Periods}}<ul class="legend">{{range (index .Periods 0).Segments}}<li><i class="{{.Class}}"></i>{{.Label}}</li>{{end}}</ul>{{end}}
  </article>

  <article class="card" id="top-members">
    <h2>{{.T "dash.top_members"}}</h2>{{if not .Members}}
    <p class="empty">{{.T "dash.no_points"}}</p>{{end}}
    {{template "bars" .Members}}
  </article>

  <article class="card" id="top-units">
    <h2>{{.T "dash.top_units"}}</h2>{{if not .Units}}
    <p class="empty">{{.T "dash.no_points"}}</p>{{end}}
    {{template "bars" .Units}}
  </article>

  <article class="card wide" id="chart-infra">
    <h2>{{.InfraTitle}}</h2>{{if not (or .Infra .InfraWorks)}}
    <p class="empty">{{.T "dash.no_infra"}}</p>{{end}}{{if .Infra}}
    <h3>{{.T "dash.infra_indicators"}}</h3>
    <ul class="bars">{{range .Infra}}
      <li class="{{.Class}}" data-indicator="{{.Key}}" data-now="{{.Now}}" data-plan="{{.PlanRaw}}"><div class="row-head"><span class="name">{{.Label}}</span><span class="num">{{.Value}}</span></div><svg class="hbar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true"><rect class="track" x="0" y="0" width="100" height="6"/><rect class="bar {{.Class}}" x="0" y="0" width="{{printf "%.2f" .Actual}}" height="6"/><rect class="plan" x="{{printf "%.2f" .Plan}}" y="0" width="0.8" height="6"/></svg></li>{{end}}
    </ul>
    <ul class="legend"><li><i class="pace-on"></i>{{.T "hatang.chart_actual"}}</li><li><i class="plan"></i>{{.T "hatang.chart_plan"}}</li></ul>{{end}}{{if .InfraWorks}}
    <h3>{{.T "dash.infra_works"}}</h3>
    {{template "bars" .InfraWorks}}{{end}}
  </article>

  <article class="card" id="waste">
    <h2>{{.T "dash.waste"}} <span class="count">{{.OpenWaste}}</span></h2>{{if not .Waste}}
    <p class="empty">{{.T "dash.no_waste"}}</p>{{end}}
    <ul class="waste">{{range .Waste}}<li><span class="ref">{{.Ref}}</span> <span class="when">{{.When}}</span><br>{{.Text}}</li>{{end}}</ul>
  </article>
</section>
{{define "bars"}}<ul class="bars">{{range .}}
  <li class="{{.Class}}"><div class="row-head"><span class="name">{{.Label}}</span><span class="num">{{.Value}}</span></div><svg class="hbar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true"><rect class="track" x="0" y="0" width="100" height="6"/><rect class="bar {{.Class}}" x="0" y="0" width="{{printf "%.2f" .Width}}" height="6"/></svg></li>{{end}}
</ul>{{end}}`))

var refusalTemplate = template.Must(template.New("refusal").Parse(`<section class="refusal" data-status="{{.Status}}"><h1>{{.Title}}</h1><p>{{.Text}}</p></section>`))

type refusal struct {
	Status      int
	Title, Text string
}

func render(v view) ([]byte, error) {
	var b bytes.Buffer
	err := pageTemplate.Execute(&b, v)
	return b.Bytes(), err
}

func renderRefusal(r refusal) ([]byte, error) {
	var b bytes.Buffer
	err := refusalTemplate.Execute(&b, r)
	return b.Bytes(), err
}
