// Parse Mermaid files with Mermaid's own parser (the one GitHub, GitLab and mermaid-cli use).
// Usage: node tests/mermaid/check.mjs FILE...; exit 1 if any file fails to parse.
// Mermaid expects a browser, so a jsdom window stands in for one.
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });
let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  try {
    const r = await mermaid.parse(text);
    console.log(`${file}: ${r.diagramType}`);
  } catch (e) {
    failed++;
    console.error(`${file}: ${e.message ?? e}`);
  }
}
process.exit(failed ? 1 : 0);
