// The calculator's page side: collects each form, asks Python in the worker, shows what Python returned.
// No rule and no wording here: words come from the widget's data-text-* attributes or from Python.
// Python itself is started by python.js, which the page's <head> loads first.
import { clearInputErrors, dateInUrl, el, fillDate, printAlone, reveal, showInputError, timeOf, typedDate } from "./dom.js";
import { drawPermalinkCode } from "./permalink_code.js";
import { python } from "./python.js";

// The form's dates, as Python's checker.web.respond names them, each typed in three fields (day, month, year); the
// optional ones go into the URL only when given.
const OPTIONAL_DATES = ["issued", "on"];
const DATES = ["expiry", ...OPTIONAL_DATES];

class Calculator {
  constructor(root, python) {
    this.root = root;
    root.dataset.started = ""; // the script arrived: the stylesheet's "has not started" message stays hidden
    this.python = python;
    this.text = root.dataset;
    this.lang = root.dataset.lang;
    this.level = Number(root.dataset.headingLevel) || 2;
    this.form = root.querySelector("form");
    this.progress = root.querySelector("[data-progress]");
    this.unavailable = root.querySelector("[data-unavailable]");
    this.timeout = root.querySelector("[data-timeout]");
    this.region = root.querySelector("[data-answer-region]");
    this.latest = 0;

    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.answer(this.collect(), true);
    });
    python.onState((state) => this.showState(state));
    const fromUrl = this.fromUrl();
    if (fromUrl) this.answer(fromUrl);
  }

  // What was typed, for Python to read: the document, and each date as its three fields.
  collect() {
    const request = { document: this.form.elements.document.value };
    for (const name of DATES) request[name] = typedDate(this.form, name);
    return request;
  }

  // ?document=ID&expiry=YYYY-MM-DD[&issued=YYYY-MM-DD][&on=YYYY-MM-DD] (or each date's three fields, as the form
  // sends them without JavaScript): answer with the values as given, so that Python (not the form) judges them;
  // the date fields are filled from what Python read (answer: `fields`).
  fromUrl() {
    const params = new URLSearchParams(location.search);
    if (!params.has("document") && !params.has("expiry")) return null;
    const request = { document: params.get("document") ?? "" };
    this.form.elements.document.value = request.document;
    for (const name of DATES) {
      request[name] = dateInUrl(params, name);
      fillDate(this.form, name, request[name]);
    }
    return request;
  }

  // The dates a link gave in one text each, in their three fields as Python split them.
  fillFromPython(fields) {
    for (const [name, parts] of Object.entries(fields ?? {})) fillDate(this.form, name, parts);
  }

  // The address of this answer: the document and the dates as Python read them (ISO), as a URL keeps them.
  rememberInUrl(answer) {
    const params = new URLSearchParams({ document: answer.document, expiry: answer.expiry });
    for (const name of OPTIONAL_DATES) if (answer[name]) params.set(name, answer[name]);
    // The same URL the form makes without JavaScript (its action is this widget's anchor).
    history.replaceState(history.state, "", `${location.pathname}?${params}#${this.root.id}`);
  }

  showState(state) {
    this.progress.classList.toggle("calc__progress--loading", state === "loading");
    if (state === "loading") this.progress.textContent = this.text.textLoading;
    else if (state === "ready") this.progress.textContent = this.text.textReady;
    else {
      this.progress.textContent = "";
      (this.python.failure === "timeout" ? this.timeout : this.unavailable).hidden = false;
    }
  }

  async answer(request, typed = false) {
    const id = ++this.latest;
    if (this.python.state === "loading") this.progress.textContent = this.text.textQueued;
    let result;
    try {
      result = await this.python.ask({ ...request, lang: this.lang });
    } catch (error) {
      this.showState("failed");
      return;
    }
    if (id !== this.latest) return; // a newer request was made meanwhile
    this.unavailable.hidden = true; // Python answered: whatever failed before, it runs
    if (!typed) this.fillFromPython(result.fields);
    if (result.ok) {
      clearInputErrors(this.form);
      if (typed) this.rememberInUrl(result.answer);
      this.showAnswer(result.answer, result.dates, result.extension);
      this.fillSummary(result.summary);
      reveal(this.region, this.verdictId(), typed);
    } else {
      // After a submit, the focus goes to the error summary (GOV.UK); not when the page opened with the error.
      showInputError(this.form, this.form, result, this.heading(0, this.text.textErrorSummary), typed);
      this.region.replaceChildren();
      this.clearSummary();
    }
    if (!this.firstAnswerMarked) {
      this.firstAnswerMarked = true;
      performance.mark("calculator-first-answer");
    }
  }

  showAnswer(answer, dates, extension) {
    const parts = [this.heading(0, this.text.textResult)];

    const verdict = el("p", "calc__verdict");
    verdict.id = this.verdictId();
    if (answer.covered) {
      const until = el("strong", null, [timeOf(answer.valid_until, dates.valid_until)]);
      verdict.append(fill(this.text.textValidUntil, { date: until }));
      verdict.append(" ", el("span", "calc__extension", [extension]));
    } else {
      verdict.append(fill(this.text.textNotExtended, { date: el("strong", null, [timeOf(answer.expiry, dates.expiry)]) }));
    }
    parts.push(verdict);
    if (answer.valid_on_text) {
      const modifier = answer.valid_on ? "yes" : "no";
      parts.push(el("p", `calc__valid-on calc__valid-on--${modifier}`, withTime(answer.valid_on_text, answer.on, dates.on)));
    }

    parts.push(this.heading(1, this.text.textExplanation));
    for (const paragraph of answer.explanation.split(/\n\s*\n/)) parts.push(el("p", null, [paragraph]));

    if (answer.legal_basis.length > 0) {
      parts.push(this.heading(1, this.text.textLegalBasis));
      parts.push(el("ul", null, answer.legal_basis.map((basis) => el("li", null, [basis]))));
    }
    const links = answer.legal_links.filter((link) => /^https?:\/\//.test(link.url));
    if (links.length > 0) {
      parts.push(this.heading(1, this.text.textLegalTexts));
      parts.push(el("ul", null, links.map((link) => {
        const anchor = el("a", null, [link.label]);
        anchor.href = link.url;
        anchor.rel = "noopener";
        return el("li", null, [anchor]);
      })));
    }
    if (answer.rights.length > 0) {
      parts.push(this.heading(1, this.text.textRights));
      parts.push(el("ul", null, answer.rights.map((right) => el("li", null, [right]))));
      if (answer.rights_note) parts.push(el("p", "calc__note", [answer.rights_note]));
    }
    if (answer.limits) {
      parts.push(this.heading(1, this.text.textLimits));
      parts.push(el("p", null, [answer.limits]));
    }
    if (answer.advice) {
      parts.push(this.heading(1, this.text.textAdvice));
      parts.push(el("p", null, [answer.advice]));
    }

    const print = el("button", "md-button calc__print", [this.text.textPrint]);
    print.type = "button";
    print.addEventListener("click", () => this.printSummary());
    parts.push(el("p", null, [print]));

    this.render(parts, "calc__result", answer);
  }

  // The one-page bilingual summary: Python's texts in each language's half, the words around them
  // already in the page. Printed instead of the page while the print button's print lasts.
  fillSummary(summary) {
    const box = this.root.querySelector("[data-summary]");
    for (const half of box.querySelectorAll("[data-summary-lang]")) {
      const texts = summary[half.dataset.summaryLang];
      const slots = Object.fromEntries([...half.querySelectorAll("[data-slot]")].map((slot) => [slot.dataset.slot, slot]));
      slots.document_name.textContent = texts.document_name;
      for (const optional of ["issued", "valid_on"]) {
        // A point the request did not ask about is left out of the summary, its label with it.
        slots[optional].textContent = texts[optional] ?? "";
        slots[optional].hidden = !texts[optional];
        half.querySelector(`[data-slot-label="${optional}"]`).hidden = !texts[optional];
      }
      slots.expiry.textContent = texts.expiry;
      slots.result.textContent = texts.valid_until ?? half.dataset.notExtended;
      slots.reason.textContent = texts.reason ?? "";
      slots.legal_basis.textContent = texts.legal_basis;
      slots.counting.textContent = texts.counting;
      slots.computed_on.textContent = texts.computed_on;
    }
    box.dataset.filled = "";
  }

  clearSummary() {
    delete this.root.querySelector("[data-summary]").dataset.filled;
  }

  // The permalink's QR code is drawn now, with the address the page has at this moment (the answer's).
  async printSummary() {
    await drawPermalinkCode(this.root.querySelector("[data-summary]"), location.href);
    printAlone(this.root);
  }

  render(parts, modifier, answer) {
    const box = el("div", modifier, parts);
    if (answer) box.dataset.answer = JSON.stringify(answer);
    this.region.replaceChildren(box);
  }

  verdictId() {
    return `${this.root.id}-verdict`;
  }

  heading(depth, text) {
    return el(`h${Math.min(this.level + depth, 6)}`, null, [text]);
  }
}

// A label with {name} placeholders, each replaced by a string or a node.
function fill(template, values) {
  const fragment = document.createDocumentFragment();
  for (const piece of template.split(/(\{[a-z_]+\})/)) {
    const name = piece.startsWith("{") && piece.endsWith("}") ? piece.slice(1, -1) : null;
    fragment.append(name !== null && name in values ? values[name] : piece);
  }
  return fragment;
}

// Python's sentence, its date (as shown) marked up as a <time> with the ISO date.
function withTime(text, isoDate, shown) {
  const at = shown ? text.indexOf(shown) : -1;
  if (at < 0) return [text];
  return [text.slice(0, at), timeOf(isoDate, shown), text.slice(at + shown.length)];
}

// One Python per page, however many widgets: python.js is one module, evaluated once.
for (const root of document.querySelectorAll("[data-calculator]")) {
  root.calculator ??= new Calculator(root, python);
}
