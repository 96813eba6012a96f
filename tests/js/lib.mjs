// What the checks share: the server's address, GraphQL over fetch, sign-in, the browser.
import { chromium } from 'playwright-core';

export const BASE = process.env.THIDUA_BASE; // http://127.0.0.1:<port>
export const GRAPHQL = `${BASE}/graphql`;
export const DEMO_PASSWORD = 'thidua-demo-2025';

if (!BASE) {
  console.error('THIDUA_BASE is not set: run these checks through tests/js/run.sh');
  process.exit(2);
}

/** POSTs one operation; returns the parsed body, failing on a non-JSON answer. */
export async function gql(query, variables = {}, token = undefined) {
  const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(GRAPHQL, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
}

/** POSTs one operation and returns `data`, throwing on any error or userError. */
export async function data(query, variables = {}, token = undefined) {
  const body = await gql(query, variables, token);
  if (body.errors) throw new Error(`errors: ${JSON.stringify(body.errors)}`);
  for (const payload of Object.values(body.data || {})) {
    if (payload && Array.isArray(payload.userErrors) && payload.userErrors.length) {
      throw new Error(`userErrors: ${JSON.stringify(payload.userErrors)}`);
    }
  }
  return body.data;
}

/** Signs a demo account in with the `login` mutation; returns its token. */
export async function login(username) {
  const d = await data(
    'mutation($i: LoginInput!) { login(input: $i) { token userErrors { code message } } }',
    { i: { username, password: DEMO_PASSWORD } },
  );
  if (!d.login.token) throw new Error(`login of ${username} gave no token`);
  return d.login.token;
}

/** Headless Chromium (the Debian package), sandboxless when root. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [],
  });
}

/** Whether a URL is this machine: everything else is blocked, as if offline. */
export function isLocal(url) {
  try {
    const { hostname, protocol } = new URL(url);
    if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
    return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
  } catch {
    return false;
  }
}

/**
 * A page that may reach only this machine, and that records what went wrong in it: console
 * errors, uncaught exceptions, CSP violations, requests that tried to leave the machine.
 */
export async function watchedPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    problems.push(`request off the machine blocked: ${url}`);
    return route.abort('blockedbyclient');
  });
  return { page, problems };
}

/** Runs named steps, printing each; returns the names of those that failed. */
export async function steps(title, list) {
  const failed = [];
  for (const [name, fn] of list) {
    try {
      const note = await fn();
      console.log(`  ok   ${title}: ${name}${note ? ` (${note})` : ''}`);
    } catch (error) {
      failed.push(name);
      console.log(`  FAIL ${title}: ${name}\n       ${String(error && error.stack ? error.message : error).split('\n').join('\n       ')}`);
    }
  }
  return failed;
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `fn` until it returns a truthy value or `ms` pass. */
export async function until(fn, ms, what) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last;
    await sleep(100);
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}
