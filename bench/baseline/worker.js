// Bare Pyodide, as its documentation shows it: default options (stock python_stdlib.zip, the lock file), one line.
self.addEventListener("message", async ({ data }) => {
  try {
    const { loadPyodide } = await import(new URL("pyodide.mjs", data.indexURL).href);
    const pyodide = await loadPyodide({ indexURL: data.indexURL });
    self.postMessage({ answer: String(pyodide.runPython("1 + 1")) });
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
});
