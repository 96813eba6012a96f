// Check 6, uploads as browsers and Apollo's clients send them: Apollo Client with
// apollo-upload-client's link (the GraphQL multipart request specification) attaches a PDF to a
// new dossier; the file comes back byte for byte from its `url` with the same token; a page of
// headless Chromium uploads a PNG with FormData and fetch; a file whose content is not one of
// the accepted types is refused whatever its name says.
import { createHash } from 'node:crypto';
import { ApolloClient, InMemoryCache, gql as tag } from '@apollo/client/core/index.js';
import createUploadLink from 'apollo-upload-client/createUploadLink.mjs';
import { BASE, GRAPHQL, data, launch, login } from './lib.mjs';

const UPLOAD = `mutation Upload($i: UploadAttachmentInput!) {
  uploadAttachment(input: $i) {
    attachment { id kind fileName contentType size sha256 url }
    userErrors { field code message }
  }
}`;

const checks = [];
const check = (name, ok, detail = '') => checks.push([name, Boolean(ok), detail]);

const token = await login('officer.cm-skhcn');
const created = await data(
  'mutation($i: CreateDossierInput!) { createDossier(input: $i) { dossier { id } userErrors { message } } }',
  { i: { proposingUnitCode: 'CM-SKHCN-2025', title: 'Đề nghị tặng Bằng khen (kiểm tra tải tệp)', year: 2025 } },
  token,
);
const dossierId = created.createDossier.dossier.id;

const client = new ApolloClient({
  link: createUploadLink({ uri: GRAPHQL, headers: { authorization: `Bearer ${token}` } }),
  cache: new InMemoryCache(),
});
const pdf = Buffer.from('%PDF-1.7\n% Tờ trình số 15/TTr-SKHCN\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const sent = await client.mutate({
  mutation: tag(UPLOAD),
  variables: { i: { dossierId, kind: 'SUBMISSION_LETTER', file: new File([pdf], 'Tờ trình 15.pdf', { type: 'application/pdf' }) } },
});
const attachment = sent.data.uploadAttachment.attachment;
check('apollo-upload-client uploads a PDF', attachment && attachment.contentType === 'application/pdf', JSON.stringify(sent.data));
check('its name, size and SHA-256 are kept', attachment
  && attachment.fileName === 'Tờ trình 15.pdf'
  && attachment.size === pdf.length
  && attachment.sha256 === createHash('sha256').update(pdf).digest('hex'));
if (attachment) {
  const back = await fetch(`${BASE}${attachment.url}`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await back.arrayBuffer());
  check('it downloads byte for byte', back.status === 200 && bytes.equals(pdf), `${back.status}`);
  const anonymous = await fetch(`${BASE}${attachment.url}`);
  check('not without a token', anonymous.status === 401, `${anonymous.status}`);
}
const wrong = await client.mutate({
  mutation: tag(UPLOAD),
  variables: { i: { dossierId, kind: 'OTHER', file: new File(['<html><script>alert(1)</script>'], 'báo cáo.pdf', { type: 'application/pdf' }) } },
});
check('a page named .pdf is refused', wrong.data.uploadAttachment.userErrors[0]?.code === 'INVALID_VALUE', JSON.stringify(wrong.data));

const browser = await launch();
try {
  // A page of the server's own origin whose policy lets it call the API: GraphiQL's.
  const page = await browser.newPage();
  await page.goto(`${BASE}/graphql`);
  const result = await page.evaluate(async ({ token, dossierId, query }) => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1]);
    const form = new FormData();
    form.append('operations', JSON.stringify({ query, variables: { i: { dossierId, kind: 'OTHER', file: null } } }));
    form.append('map', JSON.stringify({ 1: ['variables.i.file'] }));
    form.append('1', new File([png], 'ảnh chụp.png', { type: 'image/png' }));
    const response = await fetch('/graphql', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const body = await response.json();
    const url = body.data?.uploadAttachment?.attachment?.url;
    if (!url) return { status: response.status, body };
    const file = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body, download: file.status, type: file.headers.get('content-type'), size: (await file.arrayBuffer()).byteLength };
  }, { token, dossierId, query: UPLOAD });
  check('Chromium uploads a PNG with FormData', result.status === 200 && result.body.data.uploadAttachment.attachment?.contentType === 'image/png', JSON.stringify(result));
  check('and reads it back', result.download === 200 && result.type === 'image/png' && result.size === 20, JSON.stringify(result));
} catch (error) {
  check('Chromium uploads a PNG with FormData', false, error.message);
} finally {
  await browser.close();
}

let failed = 0;
for (const [name, ok, detail] of checks) {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} upload: ${name}${ok || !detail ? '' : ` (${detail})`}`);
  if (!ok) failed += 1;
}
process.exit(failed ? 1 : 0);
