// Validates an AsyncAPI document with the official parser (@asyncapi/parser, pinned in package-lock.json): the
// schema of the AsyncAPI version, references, and the parser's own rules. Prints every finding as
// "severity path: message" and exits 1 if any is an error or a warning, so the tests fail on a regression.
// Usage: node asyncapi-check.mjs docs/events/asyncapi.json
import { readFile } from "node:fs/promises";
import { Parser, DiagnosticSeverity } from "@asyncapi/parser";

const file = process.argv[2];
if (!file) {
  console.error("usage: node asyncapi-check.mjs <asyncapi.json>");
  process.exit(2);
}
const { document, diagnostics } = await new Parser().parse(await readFile(file, "utf8"));
const names = { [DiagnosticSeverity.Error]: "error", [DiagnosticSeverity.Warning]: "warning",
  [DiagnosticSeverity.Information]: "info", [DiagnosticSeverity.Hint]: "hint" };
const serious = diagnostics.filter(d => d.severity <= DiagnosticSeverity.Warning);
for (const d of diagnostics) console.log(`${names[d.severity]} ${d.path.join(".")}: ${d.message} (${d.code})`);
if (!document || serious.length > 0) {
  console.log(`asyncapi-check: ${file} has ${serious.length} error(s)/warning(s)`);
  process.exit(1);
}
console.log(`asyncapi-check: ${file} is valid AsyncAPI ${document.version()} (${document.channels().length} channels)`);
