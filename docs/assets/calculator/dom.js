// The few DOM helpers the calculator's and the history's scripts share: nothing here parses HTML.

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
