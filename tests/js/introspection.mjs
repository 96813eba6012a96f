// Check 4, introspection for codegen: @graphql-codegen/cli (schema-ast plugin) reads the
// schema from the live URL, as a client's build would; graphql-js then compares it with the
// committed schema.graphql (both built, sorted and printed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { GRAPHQL } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const committed = join(here, '..', '..', 'schema.graphql');
const work = mkdtempSync(join(process.env.TMPDIR || tmpdir(), 'thidua-codegen-'));
let failed = false;
try {
  const output = join(work, 'live.graphql');
  const config = join(work, 'codegen.json');
  writeFileSync(
    config,
    JSON.stringify({ schema: GRAPHQL, generates: { [output]: { plugins: ['schema-ast'] } } }),
  );
  const run = spawnSync(
    process.execPath,
    [join(here, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js'), '--config', config],
    { encoding: 'utf8', cwd: here, timeout: 60000 },
  );
  if (run.status !== 0) {
    throw new Error(`graphql-codegen exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
  }
  const canonical = (sdl) => printSchema(lexicographicSortSchema(buildSchema(sdl)));
  const live = canonical(readFileSync(output, 'utf8'));
  const file = canonical(readFileSync(committed, 'utf8'));
  if (live !== file) {
    const a = live.split('\n');
    const b = file.split('\n');
    const at = a.findIndex((line, i) => line !== b[i]);
    throw new Error(
      `the live schema differs from schema.graphql from line ${at + 1} (sorted):\n` +
        `  live: ${a.slice(at, at + 3).join('\n        ')}\n  file: ${b.slice(at, at + 3).join('\n        ')}`,
    );
  }
  const types = Object.keys(buildSchema(readFileSync(output, 'utf8')).getTypeMap()).length;
  console.log(`  ok   introspection: graphql-codegen's schema of ${GRAPHQL} equals schema.graphql (${types} types)`);
} catch (error) {
  failed = true;
  console.log(`  FAIL introspection: ${error.message}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
