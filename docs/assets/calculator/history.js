// The residence history's page side: collects the rows, asks Python (checker.web.history_json, in the worker),
// draws what Python returned: the timeline (its geometry computed by Python), the tables, the verdict.
// No rule and no word here: words come from the widget's data-text-* attributes or from Python.
import { clearInputErrors, el, fillDate, printAlone, reveal, showInputError, timeOf, typedDate } from "./dom.js";
import { drawPermalinkCode } from "./permalink_code.js";
import { python, settings } from "./python.js";

const MAX_ROWS = settings.contract.maxItems; // checker/history.py MAX_ITEMS, through the build
// The permalink's parameter names, by field (checker/web.py QUERY_NAMES, through the build): Python writes the
// address's query, the page reads it back with the same names.
const QUERY = settings.contract.query;
// A saved file longer than this many characters is not one (checker/saved.py): no more is read of it, at most four
// bytes a character in UTF-8, and Python then refuses it.
const MAX_FILE_BYTES = (settings.contract.maxFileCharacters + 1) * 4;

class History {
  constructor(root) {
    this.root = root;
    root.dataset.started = ""; // the script arrived: the stylesheet's "has not started" message stays hidden
    this.text = root.dataset;
    this.lang = root.dataset.lang;
    this.form = root.querySelector("form");
    this.progress = root.querySelector("[data-progress]");
    this.unavailable = root.querySelector("[data-unavailable]");
    this.timeout = root.querySelector("[data-timeout]");
    this.region = root.querySelector("[data-answer-region]");
    this.add = root.querySelector("[data-add]");
    this.announce = root.querySelector("[data-announce]");
    this.opener = root.querySelector("[data-open]");
    this.latest = 0;

    this.add.hidden = false;
    this.add.addEventListener("click", () => this.addRow().querySelector("select").focus());
    this.opener.hidden = false;
    this.opener.querySelector("input").addEventListener("change", (event) => this.open(event.target));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.answer(this.collect(), true);
    });
    python.onState((state) => this.showState(state));
    const fromUrl = this.fromUrl();
    if (fromUrl) this.answer(fromUrl, false);
  }

  rows() {
    return [...this.form.querySelectorAll("[data-item]")];
  }

  // A new row like the first one, empty, numbered after the last: ids and labels follow the number.
  addRow() {
    const rows = this.rows();
    if (rows.length >= MAX_ROWS) return rows[rows.length - 1];
    const number = rows.length + 1;
    const row = rows[0].cloneNode(true);
    row.querySelector(":scope > legend").textContent = this.text.textDocument.replace("{number}", String(number));
    for (const element of row.querySelectorAll("[id], [for], [aria-describedby]")) {
      for (const attribute of ["id", "for", "aria-describedby"]) {
        const value = element.getAttribute(attribute);
        if (value) element.setAttribute(attribute, value.replace(/^hist-1-/, `hist-${number}-`).replace(/ hist-1-/g, ` hist-${number}-`));
      }
    }
    for (const field of row.querySelectorAll("input, select")) field.value = "";
    clearInputErrors(row);
    rows[rows.length - 1].after(row);
    if (number >= MAX_ROWS) this.add.hidden = true;
    return row;
  }

  // What was typed, for Python to read: each row's document and dates (each date as its three fields), the period.
  collect() {
    const items = this.rows().map((row) => ({
      document: row.querySelector("[name=document]").value,
      issued: typedDate(row, "issued"),
      expiry: typedDate(row, "expiry"),
    }));
    return { items, from: typedDate(this.form, "from"), to: typedDate(this.form, "to"), ...this.typedSpan() };
  }

  typedSpan() {
    return { span_years: this.form.querySelector("[name=span_years]").value.trim(), span_end: typedDate(this.form, "span_end") };
  }

  // ?doc=TYPE,ISSUED,EXPIRY&doc=…&from=…&to=…&span=N&span_end=…: answer with the values as given; the form is
  // filled from what Python read of them (the answer's `fields`: fillFromPython).
  fromUrl() {
    const params = new URLSearchParams(location.search);
    const items = params.getAll(QUERY.items);
    if (items.length === 0) return null;
    return { items, ...Object.fromEntries(["from", "to", "span_years", "span_end"].map((field) => [field, params.get(QUERY[field]) ?? ""])) };
  }

  // A link's or an opened file's rows, period and span in the form, as Python split them: a row for each document
  // (at most MAX_ROWS), the rows after them emptied.
  fillFromPython(fields) {
    if (!fields) return;
    fields.items.slice(0, MAX_ROWS).forEach((item, index) => {
      const row = this.rows()[index] ?? this.addRow();
      if (item.document !== undefined) row.querySelector("[name=document]").value = item.document;
      fillDate(row, "issued", item.issued);
      fillDate(row, "expiry", item.expiry);
    });
    for (const row of this.rows().slice(fields.items.length)) {
      for (const field of row.querySelectorAll("input, select")) field.value = "";
    }
    fillDate(this.form, "from", fields.from);
    fillDate(this.form, "to", fields.to);
    this.form.querySelector("[name=span_years]").value = fields.span_years ?? "";
    fillDate(this.form, "span_end", fields.span_end);
  }

  // The permalink: the query Python wrote from what it read (ISO dates), so it reads the same anywhere.
  rememberInUrl(query) {
    history.replaceState(history.state, "", `${location.pathname}?${query}#${this.root.id}`);
  }

  showState(state) {
    if (state === "loading") this.progress.textContent = this.text.textLoading;
    else if (state === "ready") this.progress.textContent = this.text.textReady;
    else {
      this.progress.textContent = "";
      (python.failure === "timeout" ? this.timeout : this.unavailable).hidden = false;
    }
  }

  async answer(request, remember) {
    const id = ++this.latest;
    if (python.state === "loading") this.progress.textContent = this.text.textQueued;
    let result;
    try {
      result = await python.ask({ question: "history", ...request, lang: this.lang });
    } catch (error) {
      this.showState("failed");
      return;
    }
    if (id !== this.latest) return;
    this.unavailable.hidden = true; // Python answered: whatever failed before, it runs
    if (!remember) this.fillFromPython(result.fields);
    if (!result.ok) return this.showError(result, remember);
    clearInputErrors(this.form);
    this.answered = request; // what the print button summarises
    if (remember) this.rememberInUrl(result.query);
    this.showHistory(result);
    reveal(this.region, result.verdict ? `${this.root.id}-verdict` : null, remember);
  }

  showHistory(result) {
    const { history, timeline, dates } = result;
    this.gapFields = result.gap_fields;
    const shown = (iso) => timeOf(iso, dates[iso]);
    const parts = [el("h2", null, [this.text.textResult])];
    if (result.verdict) {
      const verdict = el("p", `calc__verdict hist__verdict hist__verdict--${history.continuous ? "yes" : "no"}`, [result.verdict]);
      verdict.id = `${this.root.id}-verdict`;
      parts.push(verdict);
    }
    // The longest run, the run that ends on the last day asked about, the chosen span: Python's sentences.
    // The chosen span's gaps, if any, under its sentence, each with what may cover it.
    const runs = Object.entries(result.runs).map(([key, sentence]) => {
      const line = el("li", null, [sentence]);
      if (key === "span" && result.span_gaps.length) {
        line.append(el("ul", "hist__span-gaps", result.span_gaps.map((said, index) =>
          el("li", null, [said, this.cover(history.span.gaps[index])]))));
      }
      return line;
    });
    if (runs.length) parts.push(el("ul", "hist__runs", runs));

    // The timeline: a picture of the table below, named by the text summary (role="img").
    parts.push(el("h3", null, [this.text.textTimeline]));
    const picture = el("div", "hist__timeline");
    picture.setAttribute("role", "img");
    picture.setAttribute("aria-label", result.summary);
    for (const row of timeline.rows) picture.append(this.lane(row.document, row.bars, dates, "", row.name));
    picture.append(this.lane(this.text.textGap, timeline.gaps, dates, "hist__lane--gaps"));
    if (timeline.span) picture.append(this.lane(this.text.textSpan, [timeline.span], dates, "hist__lane--span"));
    const axis = el("div", "hist__axis");
    if (timeline.period) axis.append(this.bar(timeline.period, dates));
    for (const tick of timeline.ticks) {
      const mark = el("span", "hist__tick", [el("span", "hist__tick-label", [tick.label])]);
      mark.style.insetInlineStart = `${tick.left}%`;
      axis.append(mark);
    }
    picture.append(axis);
    parts.push(picture);
    const kinds = ["printed", "extension", "gap", "period", ...(timeline.span ? ["span"] : [])];
    parts.push(el("ul", "hist__legend", kinds.map((kind) =>
      el("li", null, [el("span", `hist__swatch hist__bar--${kind}`), this.text[`text${kind[0].toUpperCase()}${kind.slice(1)}`]]))));

    // The same facts as tables.
    parts.push(el("h3", null, [this.text.textDocuments]));
    const documents = table(this.text.textDocuments,
      [this.text.textColDocument, this.text.textColIssued, this.text.textColExpiry, this.text.textColUntil, this.text.textColBasis],
      history.items.map((item, index) => [timeline.rows[index].document, shown(item.issued), shown(item.expiry),
        shown(item.valid_until), el("ul", "hist__bases", item.legal_basis.map((basis) => el("li", null, [basis])))]));
    documents.classList.add("hist__documents");
    parts.push(documents);
    parts.push(el("h3", null, [this.text.textGaps]));
    if (history.gaps.length === 0) parts.push(el("p", null, [this.text.textNoGap]));
    else {
      const gaps = table(this.text.textGaps, [this.text.textColFrom, this.text.textColTo, this.text.textColDays,
        this.text.textColReason, this.text.textColCover],
      history.gaps.map((gap) => [shown(gap.start), shown(gap.end), String(gap.days), gap.reason, this.cover(gap)]));
      gaps.classList.add("hist__gaps");
      parts.push(gaps);
    }
    parts.push(...this.keep(result.reminder));
    const link = el("a", null, [location.href]);
    link.href = location.href;
    parts.push(el("p", "hist__permalink", [this.text.textPermalink, el("br"), link]));
    const print = el("button", "md-button calc__print", [this.text.textPrint]);
    print.type = "button";
    print.addEventListener("click", () => this.printSummary());
    parts.push(el("p", null, [print]));

    const box = el("div", "calc__result hist__result", parts);
    box.dataset.history = JSON.stringify(history);
    this.region.replaceChildren(box);
    const fit = () => fitLabels(axis, timeline.labellings);
    fit();
    new ResizeObserver(fit).observe(axis);
  }

  // What commonly covers a gap (Python's sentence), and a button that adds a row for it: the suggested document
  // type, the gap's first and last days; the focus moves to the row, and the status line says what was added.
  cover(gap) {
    const add = el("button", "md-button hist__gap-add", [this.text.textGapAdd]);
    add.type = "button";
    add.addEventListener("click", () => this.addGapRow(gap));
    return el("div", "hist__cover", [el("p", null, [gap.cover]), add]);
  }

  addGapRow(gap) {
    const empty = this.rows().find((row) => [...row.querySelectorAll("input, select")].every((field) => !field.value.trim()));
    if (!empty && this.rows().length >= MAX_ROWS) return;
    const row = empty ?? this.addRow();
    row.querySelector("[name=document]").value = gap.suggest[0] ?? "";
    fillDate(row, "issued", this.gapFields[gap.start]); // the gap's days as the fields show them, from Python
    fillDate(row, "expiry", this.gapFields[gap.end]);
    this.announce.textContent = this.text.textRowAdded.replace("{number}", String(this.rows().indexOf(row) + 1));
    row.querySelector("select").focus();
  }

  // Keep the history on the device: the saved file (checker/saved.py) and, when a time limit is known for the
  // last document's renewal, its reminder (checker/reminder.py), both made by Python and downloaded from memory.
  keep(reminder) {
    const button = (text, question) => {
      const made = el("button", "md-button", [text]);
      made.type = "button";
      made.addEventListener("click", () => this.download(question));
      return made;
    };
    const actions = [button(this.text.textDownload, "history-save")];
    if (reminder) actions.push(button(this.text.textIcs, "history-ics"));
    return [el("h3", null, [this.text.textKeep]),
      el("div", "hist__keep", [el("p", null, [this.text.textKeepHint]), el("p", "hist__keep-actions", actions)])];
  }

  async download(question) {
    let result;
    try {
      result = await python.ask({ question, ...this.answered, lang: this.lang });
    } catch (error) {
      this.showState("failed");
      return;
    }
    if (!result.ok) {
      this.announce.textContent = result.error;
      return;
    }
    const { name, type, text } = result.file;
    const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
    const link = el("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    this.root.append(link);
    link.click();
    link.remove();
    // The download has its own copy once it started; the memory goes once the build's delay has passed.
    setTimeout(() => URL.revokeObjectURL(url), settings.savedFileAddressSeconds * 1000);
  }

  // A saved history opened from the device: read here, checked by Python as if typed. A good one fills the form
  // and is answered (and put in the address); a bad one leaves the form and the answer as they were and says why
  // on the file's field.
  async open(input) {
    const file = input.files?.[0];
    if (!file) return;
    let text;
    try {
      text = await new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.addEventListener("load", () => resolve(reader.result));
        reader.addEventListener("error", () => reject(reader.error));
        reader.readAsText(file.slice(0, MAX_FILE_BYTES), "utf-8");
      });
    } catch (error) {
      text = ""; // unreadable: Python says it is not a history
    }
    let result;
    try {
      result = await python.ask({ question: "history-open", text, name: file.name, lang: this.lang });
    } catch (error) {
      this.showState("failed");
      return;
    }
    if (!result.ok) {
      showInputError(this.form, this.form, result, el("h2", null, [this.text.textErrorSummary]), true);
      return;
    }
    input.value = "";
    this.fillFromPython(result.fields);
    this.answer({ ...result.request }, true);
  }

  // The one-page summary, the first language beside the page's: Python writes each half's texts, the words
  // around them are in the page; the timeline is the one on screen. Printed instead of the page.
  async printSummary() {
    const result = await python.ask({ question: "history-summary", ...this.answered, lang: this.lang });
    if (!result.ok) return;
    const box = this.root.querySelector("[data-summary]");
    const picture = this.region.querySelector(".hist__timeline").cloneNode(true);
    picture.removeAttribute("role"); // on paper, the halves below say it in words
    picture.removeAttribute("aria-label");
    box.querySelector("[data-slot=timeline]").replaceChildren(picture, this.region.querySelector(".hist__legend").cloneNode(true));
    for (const half of box.querySelectorAll("[data-summary-lang]")) {
      const texts = result.halves[half.dataset.summaryLang];
      const slot = (name) => half.querySelector(`[data-slot=${name}]`);
      slot("verdict").textContent = texts.verdict;
      for (const list of ["runs", "items", "gaps", "articles"]) slot(list).replaceChildren(...texts[list].map((line) => el("li", null, [line])));
      slot("scope").textContent = texts.scope;
      slot("computed_on").textContent = texts.computed_on;
    }
    await drawPermalinkCode(box, location.href);
    box.dataset.filled = "";
    printAlone(this.root);
  }

  // A lane of the timeline: its short name (the full one on hover), its bars.
  lane(name, bars, dates, modifier = "", fullName = null) {
    const lane = el("div", `hist__lane ${modifier}`.trim());
    const label = el("span", "hist__lane-name", [name]);
    if (fullName && fullName !== name) label.title = fullName;
    lane.append(label);
    const track = el("div", "hist__track");
    for (const bar of bars) track.append(this.bar(bar, dates));
    lane.append(track);
    return lane;
  }

  bar(bar, dates) {
    const box = el("span", `hist__bar hist__bar--${bar.kind}`);
    box.style.insetInlineStart = `${bar.left}%`;
    box.style.width = `${bar.width}%`;
    box.title = `${dates[bar.start]} – ${dates[bar.end]}`;
    box.dataset.start = bar.start;
    box.dataset.end = bar.end;
    return box;
  }

  // The error on its field (in its row, if it is about a document) and in the summary at the top of the form;
  // after a submit, the focus goes to the summary (GOV.UK).
  showError(result, typed) {
    const row = result.item === null || result.item === undefined ? null : this.rows()[result.item];
    const field = result.field === "item" ? "document" : result.field;
    showInputError(this.form, row ?? this.form, { ...result, field }, el("h2", null, [this.text.textErrorSummary]), typed);
    this.region.replaceChildren();
  }
}

// A table of facts: on a phone each row shows as a block, each cell under its column's label (data-label; the
// CSS of site.css, "Tables of facts on a phone"). Its roles are written out: shown as blocks, a table loses them.
function table(name, headings, rows) {
  const head = withRole(el("tr", null, headings.map((text) => {
    const cell = withRole(el("th", null, [text]), "columnheader");
    cell.scope = "col";
    return cell;
  })), "row");
  const body = rows.map((cells) => withRole(el("tr", null, cells.map((cell, index) => {
    const box = withRole(el("td", null, [cell]), "cell");
    box.dataset.label = headings[index];
    return box;
  })), "row"));
  const grid = withRole(el("table", null, [withRole(el("thead", null, [head]), "rowgroup"),
    withRole(el("tbody", null, body), "rowgroup")]), "table");
  grid.setAttribute("aria-label", name);
  return el("div", "facts", [grid]);
}

function withRole(element, role) {
  element.setAttribute("role", role);
  return element;
}

// The axis's labels: the finest of Python's labellings (sets of ticks, finest first) whose labels all fit in the
// axis without touching; the other ticks keep their mark without a label (all of them, if not even the coarsest
// labelling fits). Measured again whenever the axis changes width.
function fitLabels(axis, labellings) {
  const ticks = [...axis.querySelectorAll(".hist__tick")];
  const label = (chosen) => ticks.forEach((tick, index) => tick.classList.toggle("hist__tick--bare", !chosen.includes(index)));
  for (const chosen of labellings) {
    label(chosen);
    if (labelsFit(axis, chosen.map((index) => ticks[index]))) return;
  }
  label([]);
}

// Whether these ticks' labels lie inside the axis, 4 px apart at least: each centred on its mark, or beside it
// where it would pass an end of the axis.
function labelsFit(axis, ticks) {
  const bounds = axis.getBoundingClientRect();
  const boxes = ticks.map((tick) => {
    tick.classList.remove("hist__tick--left", "hist__tick--right");
    const centred = tick.firstChild.getBoundingClientRect();
    if (centred.left < bounds.left) tick.classList.add("hist__tick--right");
    else if (centred.right > bounds.right) tick.classList.add("hist__tick--left");
    return tick.firstChild.getBoundingClientRect();
  }).sort((one, other) => one.left - other.left);
  return boxes.every((box, index) => box.left >= bounds.left - 0.5 && box.right <= bounds.right + 0.5
    && (index === 0 || box.left >= boxes[index - 1].right + 4));
}

for (const root of document.querySelectorAll("[data-history]")) root.historyWidget ??= new History(root);
