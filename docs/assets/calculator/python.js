// The page's Python: a module worker that boots Pyodide (worker.js). The calculator pages load this module from
// their <head>, so the worker downloads and compiles the runtime while the rest of the page is read and laid
// out; calculator.js imports the same module, hence the same worker. Where the runtime is comes from the
// JSON the page carries in its <head> (#calculator-runtime, written by the build).

// Starts the worker that boots Pyodide; `ask` resolves with the dict checker.web.respond returned.
// A request made while Python is loading waits for it; state: "loading", then "ready" or "failed"; `failure` says
// why it failed: "timeout" when Python had not started after the build's `patienceSeconds`, else "error".
function startPython(settings) {
  let state = "loading";
  let failure = null;
  let giveUp = null;
  let nextId = 1;
  let worker = null;
  let started = null; // "fresh" or "snapshot", once ready
  let snapshotAsked = false;
  const listeners = new Set();
  const queued = []; // asked before Python was ready
  const pending = new Map(); // sent to the worker, by id

  const send = ({ request, resolve, reject }) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ type: "ask", id, ...request });
  };
  const settle = (next, detail, how) => {
    if (state === next || state === "failed") return;
    state = next;
    clearTimeout(giveUp);
    // The mark says how Python started, or why it failed (read by the tests when an answer does not come).
    performance.mark(`calculator-${next}`, { detail: next === "failed" ? { failure: String(detail) } : how });
    if (next === "failed") {
      failure = detail === "timeout" ? "timeout" : "error";
      console.error("calculator: Python is unavailable:", detail);
      worker?.terminate();
      for (const waiting of [...queued.splice(0), ...pending.values()]) waiting.reject(new Error(detail));
      pending.clear();
    } else {
      queued.splice(0).forEach(send);
    }
    for (const listener of listeners) listener(state);
  };

  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    state = "failed";
  } else {
    try {
      worker = new Worker(new URL(settings.worker, document.baseURI), { type: "module" });
      worker.addEventListener("error", (event) => settle("failed", event.message || "worker error"));
      worker.addEventListener("message", ({ data }) => {
        if (data.type === "ready") {
          settle("ready", undefined, { started: data.started });
          started = data.started;
        }
        else if (data.type === "failed") settle("failed", data.detail);
        else if (data.type === "answer" && pending.has(data.id)) {
          const { resolve, reject } = pending.get(data.id);
          pending.delete(data.id);
          if (data.result) resolve(data.result);
          else reject(new Error(data.detail));
        }
      });
      worker.postMessage({ type: "boot", ...runtimeFiles(settings) });
      giveUp = setTimeout(() => settle("failed", "timeout"), settings.patienceSeconds * 1000);
    } catch (error) {
      worker = null;
      state = "failed";
      console.error("calculator: no worker:", error);
    }
  }

  return {
    get state() {
      return state;
    },
    get failure() {
      return failure;
    },
    onState(listener) {
      listeners.add(listener);
      listener(state);
    },
    ask(request) {
      const answered = new Promise((resolve, reject) => {
        if (state === "ready") send({ request, resolve, reject });
        else if (state === "loading") queued.push({ request, resolve, reject });
        else reject(new Error("Python is unavailable"));
      });
      answered.then(() => {
        if (started === "fresh" && !snapshotAsked) {
          snapshotAsked = true;
          makeSnapshot(settings).catch((error) => console.warn("calculator: no Python snapshot:", error));
        }
      }, () => {});
      return answered;
    },
  };
}

// After a first answer, while the device is idle: Python's memory snapshot, made here for the next visit
// (snapshot-worker.js), once this site's service worker keeps the calculator for offline use (the browser keeps
// the site), and not under Save-Data. It downloads nothing: the files are in the browser's caches.
async function makeSnapshot(settings) {
  if (!navigator.serviceWorker || navigator.connection?.saveData || !self.caches) return;
  await navigator.serviceWorker.ready; // never, where service workers are blocked: then no snapshot either
  await new Promise((resolve) => whenIdle(resolve, settings.snapshotIdleSeconds));
  const maker = new Worker(new URL(settings.snapshotWorker, document.baseURI), { type: "module" });
  const done = (event) => {
    maker.terminate();
    if (event.data?.type === "failed") console.warn("calculator: no Python snapshot:", event.data.detail);
    else if (event.data?.type === "stored") performance.mark("calculator-snapshot-stored", { detail: event.data });
  };
  maker.addEventListener("message", done);
  maker.addEventListener("error", done);
  maker.postMessage({ ...runtimeFiles(settings), cacheName: settings.snapshotCache });
}

// Where the runtime's files are, for both workers (the page's settings hold them relative to the page).
function runtimeFiles(settings) {
  const at = (path) => new URL(path, document.baseURI).href;
  return {
    indexURL: at(settings.pyodide),
    stdLibURL: at(settings.stdlib),
    lockFile: settings.lockFile,
    archiveURL: at(settings.checker),
    snapshotURL: at(settings.snapshot),
  };
}

function whenIdle(task, { atMost, withoutIdleCallback }) {
  if (self.requestIdleCallback) requestIdleCallback(task, { timeout: atMost * 1000 });
  else setTimeout(task, withoutIdleCallback * 1000);
}

function runtimeSettings() {
  const data = document.getElementById("calculator-runtime");
  return data ? JSON.parse(data.textContent) : null;
}

// The page's settings as the build wrote them: where the runtime is, and `contract`, what the forms and scripts
// must agree on with the checker (the most documents a history takes, the parts of a date), from the checker.
export const settings = runtimeSettings();
export const python = startPython(settings);
