// Check 3, GraphQL over HTTP: graphql-http's server audits against /graphql. Every result is
// printed; a MUST audit that does not pass fails the check, SHOULD and MAY ones are reported.
import { serverAudits } from 'graphql-http';
import { GRAPHQL } from './lib.mjs';

const results = [];
for (const audit of serverAudits({ url: GRAPHQL })) {
  let result;
  try {
    result = await audit.fn();
  } catch (error) {
    result = { id: audit.id, name: audit.name, status: 'error', reason: `threw: ${error}` };
  }
  results.push(result);
}

const level = (r) => r.name.split(' ')[0];
const mark = { ok: 'ok  ', warn: 'warn', error: 'FAIL' };
for (const r of results) {
  console.log(`  ${mark[r.status] || r.status} ${r.id} ${r.name}${r.status === 'ok' ? '' : `\n         ${r.reason}`}`);
}
const mustFailures = results.filter((r) => level(r) === 'MUST' && r.status !== 'ok');
const shouldFailures = results.filter((r) => level(r) === 'SHOULD' && r.status !== 'ok');
const mayFailures = results.filter((r) => level(r) === 'MAY' && r.status !== 'ok');
console.log(
  `  graphql-http: ${results.length} audits, ${results.filter((r) => r.status === 'ok').length} ok; ` +
    `MUST not met: ${mustFailures.length}, SHOULD not met: ${shouldFailures.length}, MAY not met: ${mayFailures.length}`,
);
for (const r of shouldFailures) console.log(`  SHOULD not met: ${r.id} ${r.name}`);
process.exit(mustFailures.length ? 1 : 0);
