// Validates every content file in dialogs/ against its JSON Schema in dialogs/schemas/.
// Usage: NODE_PATH=tools/node/node_modules node tools/validate-content.js <dialogs folder>
const fs = require("fs");
const path = require("path");
const Ajv = require("ajv");
const addFormats = require("ajv-formats");

const folder = process.argv[2];
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const schema = name => ajv.compile(JSON.parse(fs.readFileSync(path.join(folder, "schemas", `${name}.schema.json`), "utf8")));
const pairs = [
  ...fs.readdirSync(path.join(folder, "flows")).map(f => [`flows/${f}`, "flow"]),
  ...fs.readdirSync(path.join(folder, "locales")).map(f => [`locales/${f}`, "locale"]),
  ...fs.readdirSync(path.join(folder, "second-net")).map(f => [`second-net/${f}`, "second-net"]),
  ["redflags.json", "redflags"], ["advice.json", "advice"], ["exercises.json", "exercises"],
  ["quiz.json", "quiz"], ["programme.json", "programme"], ["emergency.json", "emergency"], ["sources.json", "sources"], ["concepts.json", "concepts"], ["answers.json", "answers"],
];
const compiled = {};
let failures = 0;
for (const [file, kind] of pairs) {
  const validate = compiled[kind] ??= schema(kind);
  const ok = validate(JSON.parse(fs.readFileSync(path.join(folder, file), "utf8")));
  console.log(`${ok ? "VALID  " : "INVALID"}  ${file}`);
  if (!ok) {
    failures++;
    validate.errors.forEach(e => console.log(`  ${file}${e.instancePath || "/"}: ${e.message}`));
  }
}
process.exit(failures ? 1 : 0);
