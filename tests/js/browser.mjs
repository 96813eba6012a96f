// Check 1, the browser: GraphiQL at /graphql in headless Chromium with every request off this
// machine blocked. The editor loads with no console error and no CSP violation; a query runs;
// autocompletion and the docs explorer come from introspection; a signed-in subscription
// (the headers editor's Authorization, sent as connection_init) shows its event.
import { BASE, GRAPHQL, assert, data, launch, login, steps, until, watchedPage, sleep } from './lib.mjs';

const browser = await launch();
const context = await browser.newContext();
const { page, problems } = await watchedPage(context);

const sockets = [];
page.on('websocket', (ws) => {
  const socket = { url: ws.url(), sent: [], received: [], closed: false };
  sockets.push(socket);
  ws.on('framesent', (f) => socket.sent.push(String(f.payload)));
  ws.on('framereceived', (f) => socket.received.push(String(f.payload)));
  ws.on('close', () => (socket.closed = true));
});

// The CodeMirror 5 instance inside the element `selector` (GraphiQL 4's editors).
const editor = (selector) => ({
  set: (value) =>
    page.evaluate(
      ([s, v]) => document.querySelector(`${s} .CodeMirror`).CodeMirror.setValue(v),
      [selector, value],
    ),
  get: () =>
    page.evaluate((s) => {
      const element = document.querySelector(`${s} .CodeMirror`);
      return element ? element.CodeMirror.getValue() : '';
    }, selector),
});
const query = editor('.graphiql-query-editor');
const response = editor('.graphiql-response');
const headers = editor('section[aria-label="Headers"] .graphiql-editor:not(.hidden)');

const failed = await steps('browser', [
  [
    'GraphiQL loads from the binary alone',
    async () => {
      const answer = await page.goto(GRAPHQL);
      assert(answer.status() === 200, `GET /graphql: ${answer.status()}`);
      assert(
        (answer.headers()['content-security-policy'] || '').includes("script-src 'self'"),
        'no Content-Security-Policy on the page',
      );
      await page.waitForSelector('.graphiql-container .graphiql-query-editor .CodeMirror', {
        timeout: 20000,
      });
      // Introspection has come back once the schema is there to explore.
      await page.waitForSelector('.graphiql-execute-button', { timeout: 5000 });
    },
  ],
  [
    'a query runs and its result shows',
    async () => {
      await query.set('{ provinces { code name } }');
      await page.click('.graphiql-execute-button');
      const text = await until(
        async () => ((await response.get()).includes('CA_MAU') ? response.get() : null),
        10000,
        'the provinces in the result pane',
      );
      const result = JSON.parse(text);
      assert(result.data.provinces.length > 0, text);
      return `${result.data.provinces.length} provinces`;
    },
  ],
  [
    'autocompletion offers fields from introspection',
    async () => {
      await query.set('{ provinc');
      await page.evaluate(() => {
        const cm = document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror;
        cm.focus();
        cm.setCursor({ line: 0, ch: 9 });
      });
      await page.keyboard.type('e');
      const hints = await until(
        () => page.evaluate(() => [...document.querySelectorAll('.CodeMirror-hint')].map((e) => e.textContent)),
        5000,
        'the hint list',
      ).then((h) => (h.length ? h : null));
      assert(hints && hints.includes('provinces'), `hints: ${JSON.stringify(hints)}`);
      await page.keyboard.press('Escape');
      return hints.join(', ');
    },
  ],
  [
    'the docs explorer lists Query',
    async () => {
      await page.click('[aria-label="Show Documentation Explorer"]');
      const explorer = page.locator('.graphiql-doc-explorer');
      await explorer.waitFor({ timeout: 5000 });
      await explorer.getByText('Query', { exact: true }).first().waitFor({ timeout: 5000 });
      await explorer.getByText('Query', { exact: true }).first().click();
      await explorer.getByText('rankings', { exact: true }).first().waitFor({ timeout: 5000 });
      return 'Query → rankings';
    },
  ],
  [
    'a signed-in subscription shows its event',
    async () => {
      // A draft nomination of Sở KH&CN Cà Mau; board.camau watches the unit's nominations.
      const board = await login('board.camau');
      const officer = await login('officer.cm-skhcn');
      const person = await data(
        'mutation($i: CreatePersonInput!) { createPerson(input: $i) { person { id } userErrors { code message } } }',
        { i: { unitCode: 'CM-SKHCN-2025', fullName: 'Nguyễn Thị Trình Duyệt' } },
        board,
      );
      const nomination = await data(
        'mutation($i: CreateNominationInput!) { createNomination(input: $i) { nomination { id status } userErrors { code message } } }',
        {
          i: {
            awardTypeCode: 'GIAY_KHEN',
            recipientId: person.createPerson.person.id,
            year: 2025,
            achievements: 'Hoàn thành xuất sắc nhiệm vụ được giao',
          },
        },
        officer,
      );
      const id = nomination.createNomination.nomination.id;

      await page.click('button[data-name="headers"]');
      await page.waitForSelector('section[aria-label="Headers"] .graphiql-editor:not(.hidden) .CodeMirror');
      await headers.set(JSON.stringify({ Authorization: `Bearer ${board}` }));
      await query.set(
        'subscription { nominationUpdated(unitCode: "CM-SKHCN-2025") { status recipient { ... on Person { fullName } } } }',
      );
      await page.click('.graphiql-execute-button');
      const socket = await until(
        () => sockets.find((s) => s.sent.some((f) => f.includes('"subscribe"'))),
        10000,
        'GraphiQL to subscribe over WebSocket',
      );
      const init = JSON.parse(socket.sent.find((f) => f.includes('connection_init')));
      assert(
        init.payload && init.payload.authorization === `Bearer ${board}` && Object.keys(init.payload).length === 1,
        `connection_init payload: ${JSON.stringify(init.payload)}`,
      );
      assert(socket.url === GRAPHQL.replace('http://', 'ws://'), `socket URL ${socket.url}`);
      // The server registers the subscription as it reads the frame; give it a moment.
      await sleep(300);
      await data(
        'mutation($i: NominationStepInput!) { submitNomination(input: $i) { nomination { status } userErrors { code message } } }',
        { i: { id } },
        officer,
      );
      const text = await until(
        async () => ((await response.get()).includes('SUBMITTED') ? response.get() : null),
        10000,
        `the event in the result pane (frames received: ${JSON.stringify(socket.received)})`,
      );
      const event = JSON.parse(text);
      assert(event.data.nominationUpdated.status === 'SUBMITTED', text);
      assert(
        event.data.nominationUpdated.recipient.fullName === 'Nguyễn Thị Trình Duyệt',
        text,
      );
      return `${socket.url}, event ${JSON.stringify(event.data.nominationUpdated)}`;
    },
  ],
  [
    'no console error, CSP violation or request off the machine',
    async () => {
      // Open the dialogs too: they add <style> elements (the reason for style-src 'unsafe-inline').
      await page.click('[aria-label="Open settings dialog"]');
      await page.waitForSelector('[role="dialog"]', { timeout: 5000 });
      await page.keyboard.press('Escape');
      await page.click('[aria-label="Open short keys dialog"]');
      await page.waitForSelector('[role="dialog"]', { timeout: 5000 });
      await page.keyboard.press('Escape');
      await sleep(300);
      assert(problems.length === 0, problems.join('\n'));
    },
  ],
]);

if (failed.length) await page.screenshot({ path: process.env.SCREENSHOT || 'graphiql-failure.png' }).catch(() => {});
await browser.close();
process.exit(failed.length ? 1 : 0);
