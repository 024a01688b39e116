// The page side of the baseline: start the worker at once, show what Python answered, mark the time.
const worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
worker.addEventListener("message", ({ data }) => {
  document.getElementById("answer").textContent = data.answer ?? `failed: ${data.error}`;
  performance.mark("baseline-first-answer");
});
worker.postMessage({ indexURL: new URL("pyodide/", location.href).href }); // stock Pyodide, beside this page
