// Registers the site's service worker (sw.js at the site root, so that it covers every language), which keeps
// the calculator, and the pages visited, working offline. Only once the calculator is ready: the copy it makes
// of the Python runtime then comes from the HTTP cache, and does not compete with Python's start.
const serviceWorker = new URL("../../sw.js", import.meta.url);

if ("serviceWorker" in navigator && "PerformanceObserver" in window) {
  const observer = new PerformanceObserver((marks) => {
    if (!marks.getEntries().some((mark) => mark.name === "calculator-ready")) return;
    observer.disconnect();
    navigator.serviceWorker.register(serviceWorker).catch((error) => console.warn("no offline copy:", error));
  });
  observer.observe({ type: "mark", buffered: true });
}
