// Build step, run by cut.py with Node: the cut runtime must answer as the stock one does. Every answer of
// workload.py from the stock Pyodide, then from the cut one started afresh and restored from its own memory
// snapshot: the same texts, and the second part never loaded. Then a call the profile never saw (unicodedata, a
// built-in module the checker does not import) must load the second part and work. Writes what it found as JSON.
// Every run with a string-hash seed and a browser language that the profile was not recorded with (a set's order
// shows in some answers: the same seed for both runtimes).
// Usage: node check.mjs <stock runtime dir> <cut runtime dir> <stdlib zip> <checker archive> <lock file> <report>
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { answer, snapshot, start } from "./workload.mjs";

const [stockDir, cutDir, stdlib, checkerArchive, lockFile, reportFile] = process.argv.slice(2);
if (!reportFile) {
  console.error("usage: node check.mjs <stock dir> <cut dir> <stdlib zip> <checker archive> <lock file> <report>");
  process.exit(2);
}
const files = { stdlib, lockFile };
const env = { PYTHONHASHSEED: "7" };
const language = "de-DE";
const archive = new Uint8Array(await readFile(checkerArchive));
const digest = (answers) => createHash("sha256").update(answers.join("\n")).digest("hex");
const loads = (pyodide) => pyodide._module.sejourSecondary.loads;

const expected = answer(await start(stockDir, files, { env }, language), archive);
const report = { answers: expected.length, digest: digest(expected) };
const failures = [];

const fresh = await start(cutDir, files, { env }, language);
const freshAnswers = answer(fresh, archive);
report.fresh = { digest: digest(freshAnswers), secondary_loads: loads(fresh) };
const restored = await start(cutDir, files, { env, _loadSnapshot: await snapshot(cutDir, files, archive, { env }, language) }, language);
const restoredAnswers = answer(restored, archive);
report.restored = { digest: digest(restoredAnswers), secondary_loads: loads(restored) };
for (const [name, answers, pyodide] of [["fresh", freshAnswers, fresh], ["restored", restoredAnswers, restored]]) {
  const differing = answers.findIndex((text, index) => text !== expected[index]);
  if (differing >= 0 || answers.length !== expected.length) {
    failures.push(`${name}: answer ${differing} differs: ${answers[differing]} instead of ${expected[differing]}`);
  }
  if (loads(pyodide)) failures.push(`${name}: the second part was loaded by the calculator's own questions`);
}

// As a visitor's: a random seed, another language.
const visitor = await start(cutDir, files, {}, "en-US");
answer(visitor, archive);
report.visitor = { secondary_loads: loads(visitor) };
if (loads(visitor)) failures.push("a visitor's Python (random hash seed) loaded the second part");

const forced = fresh.runPython('import unicodedata\nunicodedata.name("\\u00e9")');
report.forced = { answer: forced, secondary_loads: loads(fresh) };
if (forced !== "LATIN SMALL LETTER E WITH ACUTE" || loads(fresh) !== 1) {
  failures.push(`a call into the second part: ${forced}, ${loads(fresh)} loads`);
}
await writeFile(reportFile, JSON.stringify(report, null, 1) + "\n");
if (failures.length) {
  console.error(failures.join("\n"));
  process.exit(1);
}
