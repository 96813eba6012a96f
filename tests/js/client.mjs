// Check 5, the example client (examples/rankings-client): its rankings screen, its walk of
// `units` page by page, and its live update. Once it says it has subscribed to the ranking of
// Cụm II 2020, the board of Hà Nam reopens that year (an event the public may receive); the
// client must print the update and exit 0.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GRAPHQL, data, login, sleep } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const example = join(here, '..', '..', 'examples', 'rankings-client');

const child = spawn(process.execPath, ['index.js'], {
  cwd: example,
  env: { ...process.env, THIDUA_URL: GRAPHQL, YEAR: '2020', PROVINCE: 'HA_NAM', WAIT_SECONDS: '30' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
let triggered = null;
const onData = (chunk) => {
  const text = String(chunk);
  output += text;
  for (const line of text.split('\n')) if (line.trim()) console.log(`       | ${line}`);
  if (!triggered && output.includes('subscribed: rankingUpdated')) {
    triggered = (async () => {
      await sleep(300); // the server registers the subscription as it reads the frame
      const board = await login('board.hanam');
      await data(
        'mutation($i: ReopenClusterYearInput!) { reopenClusterYear(input: $i) { clusterYear { status } userErrors { field code message } } }',
        { i: { clusterCode: 'HNA-CUM-II', year: 2020, reason: 'Kiểm tra cập nhật trực tiếp của ứng dụng mẫu' } },
        board,
      );
    })().catch((error) => {
      console.log(`       trigger failed: ${error.message}`);
      child.kill();
    });
  }
};
child.stdout.on('data', onData);
child.stderr.on('data', onData);
const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(signal ? 128 : c)));
if (triggered) await triggered.catch(() => {});

const checks = [
  ['the rankings screen shows Cụm II 2020', /rankings of 2020 in HA_NAM: [1-9]/.test(output) && output.includes('1. Sở Công Thương')],
  ['the units are walked page by page to the end', /units: (\d+) in (\d+) pages/.test(output) && !/walked/.test(output)],
  ['one live update arrives', /update: REOPENED/.test(output)],
  ['the client exits 0', code === 0],
];
let failed = 0;
for (const [name, ok] of checks) {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} client: ${name}`);
  if (!ok) failed += 1;
}
process.exit(failed ? 1 : 0);
