// The few DOM helpers the calculator's and the history's scripts share: nothing here parses HTML.
import { settings } from "./python.js";

// An element with a class and children (strings become text nodes).
export function el(tag, className, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

// A date as shown (Python wrote it in the page's language), marked up with its ISO form.
export function timeOf(isoDate, shown) {
  const time = el("time", null, [shown ?? isoDate]);
  time.dateTime = isoDate;
  return time;
}

// A widget's printable summary printed alone, instead of the page (calculator.css: calc-printing-summary).
export function printAlone(root) {
  const html = document.documentElement;
  html.classList.add("calc-printing-summary");
  root.classList.add("calc--printed");
  window.addEventListener("afterprint", () => {
    html.classList.remove("calc-printing-summary");
    root.classList.remove("calc--printed");
  }, { once: true });
  window.print();
}

// --- What changed, in view ---------------------------------------------------------------------------------------

// True when the person has not put the focus anywhere yet: a shared link's answer may then take it.
export function focusIsFree() {
  return !document.activeElement || document.activeElement === document.body;
}

// An answer just shown: its heading takes the focus and the page scrolls to it, as GOV.UK moves the focus to what
// changed, so that a shared link's answer is in view. A screen reader reads the heading with its description (the
// verdict, `describedBy`), once: the answer region is not a live region. After a submit always; for a link's
// answer only while the person has not gone elsewhere in the page meanwhile.
export function reveal(region, describedBy, asked) {
  const heading = region.querySelector("h1, h2, h3, h4, h5, h6");
  if (!heading || !(asked || focusIsFree())) return;
  heading.tabIndex = -1;
  if (describedBy) heading.setAttribute("aria-describedby", describedBy);
  heading.focus({ preventScroll: true });
  heading.scrollIntoView({ block: "start" });
}

// --- A date in three fields, and an error shown as GOV.UK shows it --------------------------------------------

export const DATE_PARTS = settings.contract.dateParts; // checker/inputs.py DATE_PARTS, through the build

// What the person typed in a date's fields (NAME-day, NAME-month, NAME-year) inside `scope`, for Python to read:
// {day, month, year}, or "" when all three are empty.
export function typedDate(scope, name) {
  const parts = {};
  for (const part of DATE_PARTS) parts[part] = scope.querySelector(`[name="${name}-${part}"]`).value.trim();
  return Object.values(parts).some(Boolean) ? parts : "";
}

// A date in a URL: NAME=2020-05-16 (a permalink, or typed as printed: 16/05/2020), or NAME-day, NAME-month and
// NAME-year (the form sent without JavaScript). "" when there is none.
export function dateInUrl(params, name) {
  if (params.has(name)) return params.get(name);
  const parts = Object.fromEntries(DATE_PARTS.map((part) => [part, params.get(`${name}-${part}`) ?? ""]));
  return Object.values(parts).some(Boolean) ? parts : "";
}

// A date into its three fields: its parts as the form sends them, or as Python split a link's date
// (checker.web.typed_fields: the page reads no date itself). Anything else leaves the fields as they are.
export function fillDate(scope, name, parts) {
  if (!parts || typeof parts !== "object") return;
  for (const part of DATE_PARTS) scope.querySelector(`[name="${name}-${part}"]`).value = parts[part] ?? "";
}

// An input error, as GOV.UK's pattern shows it: the message on the field (its group says it, the wrong input is
// marked invalid) and a summary at the top of the form whose link takes the focus to that input. The summary
// takes the focus (and is read out then) after a submit (`focus`), or when a shared link's error appears while
// nothing else has the focus. `scope`: where the field is (the form, or a row of it); `part`: the date's field
// that is wrong, if Python named one.
export function showInputError(form, scope, { field, part, code, error }, heading, focus) {
  clearInputErrors(form);
  const group = scope.querySelector(`[data-field="${field}"]`);
  const inputs = group ? [...group.querySelectorAll("input, select")] : [];
  const wrong = inputs.filter((input) => !part || input.dataset.part === part);
  if (group) {
    group.classList.add("calc__field--error");
    const note = group.querySelector("[data-field-error]");
    note.textContent = error;
    note.hidden = false;
    const described = group.querySelector("fieldset") ?? inputs[0];
    described.dataset.hint = described.getAttribute("aria-describedby") ?? "";
    described.setAttribute("aria-describedby", `${described.dataset.hint} ${note.id}`.trim());
    for (const input of wrong) input.setAttribute("aria-invalid", "true");
  }
  const target = wrong[0] ?? inputs[0];
  let item = error;
  if (target) {
    item = el("a", null, [error]);
    item.href = `#${target.id}`;
    item.addEventListener("click", (event) => {
      event.preventDefault();
      target.focus();
    });
  }
  const summary = form.querySelector("[data-error-summary]");
  summary.replaceChildren(heading, el("ul", null, [el("li", "calc__error-message", [item])]));
  summary.dataset.error = code;
  summary.hidden = false;
  if (focus || focusIsFree()) {
    summary.focus({ preventScroll: true });
    summary.scrollIntoView({ block: "start" });
  }
}

// Every error mark in `scope` (the form, or a new row cloned from one) taken away, the summary hidden.
export function clearInputErrors(scope) {
  const summary = scope.querySelector("[data-error-summary]");
  if (summary) {
    summary.hidden = true;
    summary.replaceChildren();
    delete summary.dataset.error;
  }
  for (const group of scope.querySelectorAll(".calc__field--error")) group.classList.remove("calc__field--error");
  for (const note of scope.querySelectorAll("[data-field-error]")) {
    note.hidden = true;
    note.textContent = "";
  }
  for (const described of scope.querySelectorAll("[data-hint]")) {
    if (described.dataset.hint) described.setAttribute("aria-describedby", described.dataset.hint);
    else described.removeAttribute("aria-describedby");
    delete described.dataset.hint;
  }
  for (const input of scope.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
}
