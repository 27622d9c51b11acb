// Validates a Teams manifest localization file (e.g. zh-cn.json) against MicrosoftTeams.Localization.schema.json.
// Usage:  node validate-localization.js MicrosoftTeams.Localization.v1.23.schema.json zh-cn.json
// The reference's validate-manifest.js cannot compile this schema: some of its patterns (`\b]`) are not valid
// Unicode-mode regular expressions, so Ajv here compiles patterns without the `u` flag, as JSON Schema draft-04 allows.
const fs = require("fs");
const Ajv = require("ajv-draft-04");
const addFormats = require("ajv-formats");

const [schemaFile, file] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
const strings = JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""));

const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);
if (validate(strings)) { console.log(`VALID    ${file}`); process.exit(0); }
console.log(`INVALID  ${file}`);
for (const e of validate.errors) console.log(`  ${e.instancePath || "/"}: ${e.message} ${JSON.stringify(e.params)}`);
process.exit(1);
