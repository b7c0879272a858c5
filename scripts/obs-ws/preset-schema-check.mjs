// The preset JSON Schema and the plugin's loader agree: every shipped preset is valid to both,
// every invalid case is refused by both. Run by the lint test `preset_schema`:
//   node preset-schema-check.mjs --cli stagehand-cli --schema preset.schema.json \
//        --valid DIR --invalid DIR
import Ajv2020 from 'ajv/dist/2020.js';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(JSON.parse(readFileSync(args.schema, 'utf8')));

// The loader's verdict through the CLI a user runs: exit 0 (loads) or 1 (refused).
function loads(file) {
    try {
        execFileSync(args.cli, ['preset', 'check', file], { stdio: 'pipe' });
        return true;
    } catch (error) {
        if (error.status !== 1) throw error;
        return false;
    }
}

let failures = 0;
let checked = 0;
for (const [dir, expected] of [[args.valid, true], [args.invalid, false]]) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
        const file = join(dir, name);
        const bySchema = validate(JSON.parse(readFileSync(file, 'utf8')));
        const byLoader = loads(file);
        checked++;
        if (bySchema !== expected || byLoader !== expected) {
            failures++;
            console.log(`FAIL - ${file}: schema says ${bySchema ? 'valid' : 'invalid'}, loader says ` +
                `${byLoader ? 'valid' : 'invalid'}, expected ${expected ? 'valid' : 'invalid'}` +
                (bySchema ? '' : `: ${ajv.errorsText(validate.errors)}`));
        } else {
            console.log(`ok   - ${name}: ${expected ? 'valid' : 'refused'} by both`);
        }
    }
}
console.log(`preset-schema: ${checked} files, ${failures} disagreements`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
