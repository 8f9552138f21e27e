// Validates SARIF logs against the OASIS SARIF 2.1.0 JSON schema
// (../sarif-schema-2.1.0.json, a JSON Schema draft-07 document) with ajv,
// the most used JSON Schema validator for JavaScript, which implements
// draft-07 fully. ajv-formats checks the "uri" and "date-time" formats the
// schema uses. Usage: node validate.js FILE...; exit status 1 and the
// errors on stderr when a file is invalid.
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv = require("ajv");
const addFormats = require("ajv-formats");

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "sarif-schema-2.1.0.json"), "utf8"));
// strict: false because the schema, written before ajv's strict mode,
// uses keywords ajv's strict mode warns about (such as "default" beside
// "$ref"); validation itself is unaffected.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

let failed = false;
for (const file of process.argv.slice(2)) {
  const log = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!validate(log)) {
    failed = true;
    for (const e of validate.errors) {
      console.error(`${file}: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
    }
  }
}
process.exit(failed ? 1 : 0);
