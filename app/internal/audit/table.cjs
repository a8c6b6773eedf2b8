// table.cjs prints Lighthouse's four category scores, one row per page, and
// the weighted audits that fell short; it exits 1 when a page's
// accessibility is below 100. make audit runs it:
//
//	node app/internal/audit/table.cjs /=report1.json /partners/us-vt=report2.json
const fs = require("fs");
const cats = ["performance", "accessibility", "best-practices", "seo"];
const pad = (s, n) => String(s).padEnd(n);
const width = Math.max(4, ...process.argv.slice(2).map(a => a.split("=")[0].length)) + 2;
console.log("\n" + pad("page", width) + cats.map(c => pad(c, 16)).join(""));
const notes = [];
let low = false;
for (const arg of process.argv.slice(2)) {
  const i = arg.indexOf("=");
  const page = arg.slice(0, i), r = JSON.parse(fs.readFileSync(arg.slice(i + 1), "utf8"));
  if (r.runtimeError) { console.log(pad(page, width) + "error: " + r.runtimeError.message); low = true; continue; }
  console.log(pad(page, width) + cats.map(c => {
    const s = r.categories[c] && r.categories[c].score;
    return pad(s == null ? "-" : Math.round(s * 100), 16);
  }).join(""));
  for (const c of cats) for (const ref of (r.categories[c] || {auditRefs: []}).auditRefs) {
    const a = r.audits[ref.id];
    if (ref.weight > 0 && a.score != null && a.score < 1)
      notes.push("  " + page + " " + c + ": " + a.id + " " + Math.round(a.score * 100) + (a.displayValue ? " (" + a.displayValue + ")" : "") + " " + a.title);
  }
  const errored = Object.values(r.audits).filter(a => a.scoreDisplayMode === "error").map(a => a.id);
  if (errored.length) notes.push("  " + page + ": " + errored.length + " audits errored in Lighthouse: " + errored.join(", "));
  if (r.categories.accessibility.score < 1) low = true;
}
if (notes.length) console.log("\nweighted audits below 100:\n" + notes.join("\n"));
if (low) { console.log("\naudit: accessibility is below 100"); process.exit(1); }
