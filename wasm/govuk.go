package main

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The form patterns of the GOV.UK Design System, written once for every page:
// a field's label, hint and error message around its control; radios; a
// checkbox; the error summary at the top of a page. Each control is tied to
// its hint and its error by aria-describedby, and a field with an error is
// marked by its group's border, its message and aria-invalid.
//
// No control here has a name: the page reads each by its id, and a control
// without a name is never sent with a form, should one ever be submitted
// (see site/loader.js, which stops every submission). Radios are the
// exception: a name is what makes them one group.

// field is what a form group says about its control: the control's id (its
// hint's is id-hint, its error's id-error), its label, its hint and its
// error, if any.
type field struct {
	id    string
	label string
	hint  string
	err   string
}

// describedBy lists the ids of what describes the control: its hint and
// its error.
func (f field) describedBy() string {
	ids := ""
	if f.hint != "" {
		ids = f.id + "-hint"
	}
	if f.err != "" {
		if ids != "" {
			ids += " "
		}
		ids += f.id + "-error"
	}
	return ids
}

// govukField is a form group: the label, the hint, the error message, then
// the control, and anything that follows it in the group.
func govukField(f field, control app.UI, after ...app.UI) app.UI {
	return app.Div().Class(groupClass(f.err)).Body(append([]app.UI{
		app.Label().For(f.id).Class("label").Text(f.label),
		app.If(f.hint != "", func() app.UI { return app.Div().ID(f.id + "-hint").Class("hint").Text(f.hint) }),
		errorMessage(f.id, f.err),
		control,
	}, after...)...)
}

// govukTextInput is the text input of field f, showing value. mode is the
// inputmode for a phone's keyboard ("numeric", "decimal", or "" for text);
// width is the class that sizes it for the answer it expects (w3, w5, w10).
// The caller adds its event handler.
func govukTextInput(f field, value, mode, width string) app.HTMLInput {
	class := "input " + width
	if f.err != "" {
		class = "input input-error " + width
	}
	in := app.Input().Type("text").ID(f.id).Class(class).Value(value).
		Attr("autocomplete", "off").Attr("spellcheck", "false")
	if mode != "" {
		in = in.Attr("inputmode", mode)
	}
	if ids := f.describedBy(); ids != "" {
		in = in.Aria("describedby", ids)
	}
	if f.err != "" {
		in = in.Aria("invalid", "true")
	}
	return in
}

// radio is one choice of a group of radios.
type radio struct {
	value    string
	label    string
	hint     string
	checked  bool
	onChange app.EventHandler
}

// govukRadios is a group of radios named name, in a fieldset whose legend
// asks the question. The fieldset's id is name, and each radio's is
// name-value, for an error summary to link to. msg is the group's error.
func govukRadios(name, legend, msg string, radios []radio) app.UI {
	items := make([]app.UI, len(radios))
	for i, r := range radios {
		id := name + "-" + r.value
		in := checkedIf(app.Input().Type("radio").ID(id).Name(name).Value(r.value), r.checked)
		if r.hint != "" {
			in = in.Aria("describedby", id+"-hint")
		}
		if r.onChange != nil {
			in = in.OnChange(r.onChange)
		}
		items[i] = app.Div().Class("radio").Body(
			in,
			app.Label().For(id).Class("radio-label").Text(r.label),
			app.If(r.hint != "", func() app.UI { return app.Div().ID(id + "-hint").Class("hint radio-hint").Text(r.hint) }),
		)
	}
	return app.Div().Class(groupClass(msg)).Body(
		app.FieldSet().Class("fieldset").ID(name).Body(
			app.Legend().Class("legend").Text(legend),
			errorMessage(name, msg),
			app.Div().Class("radios").Body(items...),
		),
	)
}

// govukCheckbox is a single checkbox with its label and hint, in a form
// group with its error.
func govukCheckbox(f field, checked bool, onChange app.EventHandler) app.UI {
	in := checkedIf(app.Input().Type("checkbox").ID(f.id), checked).OnChange(onChange)
	if ids := f.describedBy(); ids != "" {
		in = in.Aria("describedby", ids)
	}
	return app.Div().Class(groupClass(f.err)).Body(
		errorMessage(f.id, f.err),
		app.Div().Class("checkbox").Body(
			in,
			app.Label().For(f.id).Class("checkbox-label").Text(f.label),
			app.If(f.hint != "", func() app.UI { return app.Div().ID(f.id + "-hint").Class("hint checkbox-hint").Text(f.hint) }),
		),
	)
}

// checkedIf ticks a checkbox or chooses a radio. In the browser the page
// sets the box's state either way; in the prerendered HTML only a ticked box
// has the attribute, since any checked attribute, even checked="false",
// ticks it.
func checkedIf(in app.HTMLInput, checked bool) app.HTMLInput {
	if checked || app.IsClient {
		return in.Checked(checked)
	}
	return in
}

// selectedIf chooses an option of a select, as checkedIf does a box.
func selectedIf(o app.HTMLOption, selected bool) app.HTMLOption {
	if selected || app.IsClient {
		return o.Selected(selected)
	}
	return o
}

// disabledIf disables a fieldset and every control in it, as checkedIf
// ticks a box.
func disabledIf(fs app.HTMLFieldSet, disabled bool) app.HTMLFieldSet {
	if disabled || app.IsClient {
		return fs.Disabled(disabled)
	}
	return fs
}

func groupClass(msg string) string {
	if msg != "" {
		return "form-group form-group-error"
	}
	return "form-group"
}

// errorMessage is a field's error, or an empty slot in its place, so that
// the elements after it keep their places and go-app does not replace the
// input being typed in (which would take the focus from it).
func errorMessage(id, msg string) app.UI {
	if msg == "" {
		return app.Span().Class("error-slot")
	}
	return app.P().ID(id+"-error").Class("error-message").Body(
		app.Span().Class("visually-hidden").Text("Error: "),
		app.Text(msg),
	)
}

// summaryItem is one error of an error summary: its words, and the id of
// the control it is about.
type summaryItem struct {
	target  string
	message string
}

// govukErrorSummary lists every error at the top of the page under title,
// each linking to its control. It takes the focus when the page moves it
// there (its id is error-summary), and is announced as it appears.
func govukErrorSummary(title string, items []summaryItem) app.UI {
	lis := make([]app.UI, len(items))
	for i, it := range items {
		lis[i] = app.Li().Body(app.A().Href("#" + it.target).Text(it.message))
	}
	return app.Div().ID("error-summary").Class("error-summary").TabIndex(-1).
		Aria("labelledby", "error-summary-title").Role("alert").Body(
		app.H2().ID("error-summary-title").Class("error-summary-title").Text(title),
		app.Ul().Class("error-summary-list").Body(lis...),
	)
}

// errorSummarySlot holds the error summary's place while there is none.
func errorSummarySlot() app.UI { return app.Div().Class("error-summary-slot") }

// dateBox is one box of a date input: its part (day, month or year), what
// it holds, and whether it is wrong.
type dateBox struct {
	part  string
	value string
	wrong bool
}

// govukDateInput is the Design System's date input for field f: a day, a
// month and a year box, labelled, in a fieldset whose legend is f's label,
// with its hint and error. The fieldset is a group described by the hint
// and the error; the boxes' wrapper has f's id and each box the id
// id-part (date_of_birth-month), for an error summary to link to the first
// wrong one. Only the wrong boxes are marked. The boxes ask a phone for its
// numeric keyboard; the year's is wider, for four figures.
func govukDateInput(f field, boxes []dateBox, onInput app.EventHandler) app.UI {
	items := make([]app.UI, len(boxes))
	for i, b := range boxes {
		id := f.id + "-" + b.part
		width := "w2"
		if b.part == partYear {
			width = "w4"
		}
		class := "input date-input-input " + width
		if b.wrong {
			class += " input-error"
		}
		in := app.Input().Type("text").ID(id).Class(class).Value(b.value).
			Attr("inputmode", "numeric").Attr("autocomplete", "off").Attr("spellcheck", "false").
			OnInput(onInput)
		if b.wrong {
			in = in.Aria("invalid", "true")
		}
		items[i] = app.Div().Class("date-input-item").Body(
			app.Div().Class("form-group").Body(
				app.Label().For(id).Class("label date-input-label").Text(strings.ToUpper(b.part[:1])+b.part[1:]),
				in,
			),
		)
	}
	fs := app.FieldSet().Class("fieldset").Role("group")
	if ids := f.describedBy(); ids != "" {
		fs = fs.Aria("describedby", ids)
	}
	return app.Div().Class(groupClass(f.err)).Body(
		fs.Body(
			app.Legend().Class("legend date-input-legend").Text(f.label),
			app.If(f.hint != "", func() app.UI { return app.Div().ID(f.id + "-hint").Class("hint").Text(f.hint) }),
			errorMessage(f.id, f.err),
			app.Div().Class("date-input").ID(f.id).Body(items...),
		),
	)
}

// look is how a form group departs from govukField's: classes added to the
// group's and the label's, and a hint with markup shown in place of the
// field's (whose text, which must then be set, is what describedBy counts).
type look struct {
	group string
	label string
	hint  []app.UI
}

// govukFieldLook is govukField with a look of its own: a group marked as
// changed, say, or a hint that marks a value changed in bold.
func govukFieldLook(f field, l look, control app.UI, after ...app.UI) app.UI {
	group, label := groupClass(f.err), "label"
	if l.group != "" {
		group += " " + l.group
	}
	if l.label != "" {
		label += " " + l.label
	}
	hint := []app.UI{app.Text(f.hint)}
	if l.hint != nil {
		hint = l.hint
	}
	return app.Div().Class(group).Body(append([]app.UI{
		app.Label().For(f.id).Class(label).Text(f.label),
		app.If(f.hint != "", func() app.UI { return app.Div().ID(f.id + "-hint").Class("hint").Body(hint...) }),
		errorMessage(f.id, f.err),
		control,
	}, after...)...)
}
