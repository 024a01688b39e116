// The calculator's page side: collects each form, asks Python in the worker, shows what Python returned.
// No rule and no wording here: words come from the widget's data-text-* attributes or from Python.
// Python itself is started by python.js, which the page's <head> loads first.
import { el, timeOf } from "./dom.js";
import { python } from "./python.js";

// The form's fields, as Python's answer_json names them; the optional ones go into the URL only when filled.
const OPTIONAL_FIELDS = ["issued", "on"];
const FIELDS = ["document", "expiry", ...OPTIONAL_FIELDS];

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
    this.region = root.querySelector("[data-answer-region]");
    this.latest = 0;

    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const request = this.collect();
      this.rememberInUrl(request);
      this.answer(request);
    });
    python.onState((state) => this.showState(state));
    const fromUrl = this.fromUrl();
    if (fromUrl) this.answer(fromUrl);
  }

  collect() {
    const data = new FormData(this.form);
    const request = {};
    for (const name of FIELDS) request[name] = data.get(name) ?? "";
    return request;
  }

  // ?document=ID&expiry=YYYY-MM-DD[&issued=YYYY-MM-DD][&on=YYYY-MM-DD]: fill the form, and answer with the
  // values as given, so that Python (not the form) judges them.
  fromUrl() {
    const params = new URLSearchParams(location.search);
    if (!params.has("document") && !params.has("expiry")) return null;
    const request = {};
    for (const name of FIELDS) {
      request[name] = params.get(name) ?? "";
      this.form.elements[name].value = request[name];
    }
    return request;
  }

  rememberInUrl(request) {
    const params = new URLSearchParams({ document: request.document, expiry: request.expiry });
    for (const name of OPTIONAL_FIELDS) if (request[name]) params.set(name, request[name]);
    // The same URL the form makes without JavaScript (its action is this widget's anchor).
    history.replaceState(history.state, "", `${location.pathname}?${params}#${this.root.id}`);
  }

  showState(state) {
    this.progress.classList.toggle("calc__progress--loading", state === "loading");
    if (state === "loading") this.progress.textContent = this.text.textLoading;
    else if (state === "ready") this.progress.textContent = this.text.textReady;
    else {
      this.progress.textContent = "";
      this.unavailable.hidden = false;
    }
  }

  async answer(request) {
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
    if (result.ok) {
      this.showAnswer(result.answer, result.dates);
      this.fillSummary(result.summary);
    } else {
      this.showError(result);
      this.clearSummary();
    }
    if (!this.firstAnswerMarked) {
      this.firstAnswerMarked = true;
      performance.mark("calculator-first-answer");
    }
  }

  showAnswer(answer, dates) {
    this.clearInvalid();
    const parts = [this.heading(0, this.text.textResult)];

    const verdict = el("p", "calc__verdict");
    if (answer.covered) {
      const until = el("strong", null, [timeOf(answer.valid_until, dates.valid_until)]);
      verdict.append(fill(this.text.textValidUntil, { date: until }));
      const extension = fill(this.text.textExtension, { days: String(answer.extension_days), rule: answer.rule ?? "" });
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
      slots.legal_basis.textContent = texts.legal_basis.join(" ; ");
      slots.counting.textContent = texts.counting;
      slots.computed_on.textContent = texts.computed_on;
      slots.address.textContent = location.href;
    }
    box.dataset.filled = "";
  }

  clearSummary() {
    delete this.root.querySelector("[data-summary]").dataset.filled;
  }

  printSummary() {
    const html = document.documentElement;
    html.classList.add("calc-printing-summary");
    this.root.classList.add("calc--printed");
    const done = () => {
      html.classList.remove("calc-printing-summary");
      this.root.classList.remove("calc--printed");
    };
    window.addEventListener("afterprint", done, { once: true });
    window.print();
  }

  showError(result) {
    const field = this.form.elements[result.field];
    const message = el("p", "calc__error-message", [result.error]);
    message.id = `${this.root.id}-error`;
    this.clearInvalid();
    if (field) {
      // The field says it is wrong, and why: its description now ends with the message.
      field.setAttribute("aria-invalid", "true");
      field.dataset.hint = field.getAttribute("aria-describedby") ?? "";
      field.setAttribute("aria-describedby", `${field.dataset.hint} ${message.id}`.trim());
    }
    this.render([this.heading(0, this.text.textError), message], "calc__error", null, result.code);
  }

  clearInvalid() {
    for (const field of this.form.querySelectorAll("[aria-invalid]")) {
      field.removeAttribute("aria-invalid");
      if (field.dataset.hint) field.setAttribute("aria-describedby", field.dataset.hint);
      else field.removeAttribute("aria-describedby");
      delete field.dataset.hint;
    }
  }

  render(parts, modifier, answer, errorCode) {
    const box = el("div", modifier, parts);
    if (answer) box.dataset.answer = JSON.stringify(answer);
    if (errorCode) box.dataset.error = errorCode;
    this.region.replaceChildren(box);
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
