// GraphiQL as thidua serves it at GET /graphql. Built by Vite into ../assets/graphiql/ and
// embedded in the binary; the page loads nothing else (no CDN, no inline script).
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { parse, visit } from 'graphql';
import 'graphiql/style.css';
import './page.css';

const root = document.getElementById('graphiql');
// The endpoint: the root element's `data-endpoint`, or the page's own path (/graphql).
const endpoint = root.dataset.endpoint || location.pathname;
const url = new URL(endpoint, location.href);
const subscriptionUrl =
  (location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + location.host + url.pathname;

const toolkit = createGraphiQLFetcher({ url: url.href, subscriptionUrl });

// The document GraphiQL runs, parsed from the text it sends (GraphiQL's own `documentAST` lags
// the editor by its 100 ms debounce, so a subscription run at once after an edit would go by
// POST), and whether its operation is a subscription.
function parsed(params) {
  let document;
  try {
    document = parse(params.query);
  } catch {
    return { document: undefined, subscription: false };
  }
  let subscription = false;
  visit(document, {
    OperationDefinition(node) {
      if ((node.name ? node.name.value : undefined) === (params.operationName || undefined)) {
        subscription = subscription || node.operation === 'subscription';
      }
    },
  });
  return { document, subscription };
}

// A subscription signs in through `connection_init`, whose payload the server reads as
// `{"authorization": "Bearer …"}` and nothing else: of the headers editor's headers only
// Authorization goes there (the toolkit would send them all). Queries and mutations send
// every header.
function fetcher(params, options = {}) {
  const { document, subscription } = parsed(params);
  if (subscription) {
    const headers = options.headers || {};
    const key = Object.keys(headers).find((k) => k.toLowerCase() === 'authorization');
    const connectionParams = key ? { authorization: String(headers[key]) } : {};
    return toolkit(params, { ...options, documentAST: document, headers: connectionParams });
  }
  return toolkit(params, document ? { ...options, documentAST: document } : options);
}

const defaultQuery = `# thidua: the GraphQL API of the emulation and commendation network.
# Sign in with the login mutation, then put {"Authorization": "Bearer <token>"} in Headers.

{
  provinces {
    code
    name
  }
}
`;

createRoot(root).render(
  createElement(GraphiQL, {
    fetcher,
    defaultQuery,
    defaultEditorToolsVisibility: true,
  }),
);
