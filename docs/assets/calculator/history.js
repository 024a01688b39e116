// The residence history's page side: collects the rows, asks Python (checker.web.history_json, in the worker),
// draws what Python returned: the timeline (its geometry computed by Python), the tables, the verdict.
// No rule and no word here: words come from the widget's data-text-* attributes or from Python.
import { clearInputErrors, el, fillDate, printAlone, reveal, showInputError, timeOf, typedDate } from "./dom.js";
import { drawPermalinkCode } from "./permalink_code.js";
import { python, settings } from "./python.js";

const MAX_ROWS = settings.contract.maxItems; // checker/history.py MAX_ITEMS, through the build

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
    this.latest = 0;

    this.add.hidden = false;
    this.add.addEventListener("click", () => this.addRow().querySelector("select").focus());
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
    return { items, from: typedDate(this.form, "from"), to: typedDate(this.form, "to") };
  }

  // ?doc=TYPE,ISSUED,EXPIRY&doc=…&from=…&to=…: answer with the values as given; the form is filled from what
  // Python read of them (the answer's `fields`: fillFromPython).
  fromUrl() {
    const params = new URLSearchParams(location.search);
    const items = params.getAll("doc");
    if (items.length === 0) return null;
    return { items, from: params.get("from") ?? "", to: params.get("to") ?? "" };
  }

  // A link's rows and period in the form, as Python split them: a row for each document (at most MAX_ROWS).
  fillFromPython(fields) {
    if (!fields) return;
    fields.items.slice(0, MAX_ROWS).forEach((item, index) => {
      const row = this.rows()[index] ?? this.addRow();
      if (item.document !== undefined) row.querySelector("[name=document]").value = item.document;
      fillDate(row, "issued", item.issued);
      fillDate(row, "expiry", item.expiry);
    });
    fillDate(this.form, "from", fields.from);
    fillDate(this.form, "to", fields.to);
  }

  // The permalink: the documents and the period as Python read them (ISO dates), so it reads the same anywhere.
  rememberInUrl(read) {
    const params = new URLSearchParams();
    for (const item of read.items) params.append("doc", `${item.document},${item.issued},${item.expiry}`);
    if (read.period) {
      params.set("from", read.period.start);
      params.set("to", read.period.end);
    }
    history.replaceState(history.state, "", `${location.pathname}?${params.toString().replaceAll("%2C", ",")}#${this.root.id}`);
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
    if (remember) this.rememberInUrl(result.history);
    this.showHistory(result);
    reveal(this.region, result.verdict ? `${this.root.id}-verdict` : null, remember);
  }

  showHistory(result) {
    const { history, timeline, dates } = result;
    const shown = (iso) => timeOf(iso, dates[iso]);
    const parts = [el("h2", null, [this.text.textResult])];
    if (result.verdict) {
      const verdict = el("p", `calc__verdict hist__verdict hist__verdict--${history.continuous ? "yes" : "no"}`, [result.verdict]);
      verdict.id = `${this.root.id}-verdict`;
      parts.push(verdict);
    }
    // The longest run, the run that ends on the last day asked about, the chosen span: Python's sentences.
    const runs = Object.values(result.runs);
    if (runs.length) parts.push(el("ul", "hist__runs", runs.map((sentence) => el("li", null, [sentence]))));

    // The timeline: a picture of the table below, named by the text summary (role="img").
    parts.push(el("h3", null, [this.text.textTimeline]));
    const picture = el("div", "hist__timeline");
    picture.setAttribute("role", "img");
    picture.setAttribute("aria-label", result.summary);
    for (const row of timeline.rows) picture.append(this.lane(row.document, row.bars, dates, "", row.name));
    picture.append(this.lane(this.text.textGap, timeline.gaps, dates, "hist__lane--gaps"));
    const axis = el("div", "hist__axis");
    if (timeline.period) axis.append(this.bar(timeline.period, dates));
    for (const tick of timeline.ticks) {
      const mark = el("span", "hist__tick", [el("span", "hist__tick-label", [tick.label])]);
      mark.style.insetInlineStart = `${tick.left}%`;
      axis.append(mark);
    }
    picture.append(axis);
    parts.push(picture);
    parts.push(el("ul", "hist__legend", ["printed", "extension", "gap", "period"].map((kind) =>
      el("li", null, [el("span", `hist__swatch hist__bar--${kind}`), this.text[`text${kind[0].toUpperCase()}${kind.slice(1)}`]]))));

    // The same facts as tables.
    parts.push(el("h3", null, [this.text.textDocuments]));
    parts.push(table(this.text.textDocuments,
      [this.text.textColDocument, this.text.textColIssued, this.text.textColExpiry, this.text.textColUntil, this.text.textColBasis],
      history.items.map((item, index) => [timeline.rows[index].document, shown(item.issued), shown(item.expiry),
        shown(item.valid_until), el("ul", "hist__bases", item.legal_basis.map((basis) => el("li", null, [basis])))])));
    parts.push(el("h3", null, [this.text.textGaps]));
    if (history.gaps.length === 0) parts.push(el("p", null, [this.text.textNoGap]));
    else {
      const gaps = table(this.text.textGaps, [this.text.textColFrom, this.text.textColTo, this.text.textColDays, this.text.textColReason],
        history.gaps.map((gap) => [shown(gap.start), shown(gap.end), String(gap.days), gap.reason]));
      gaps.classList.add("hist__gaps");
      parts.push(gaps);
    }
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
      for (const list of ["items", "gaps", "articles"]) slot(list).replaceChildren(...texts[list].map((line) => el("li", null, [line])));
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
