// GraphiQL as thidua serves it at GET /graphql. Built by Vite into ../assets/graphiql/ and
// embedded in the binary; the page loads nothing else (no CDN, no inline script).
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { visit } from 'graphql';
import 'graphiql/style.css';
import './page.css';

const root = document.getElementById('graphiql');
// The endpoint: the root element's `data-endpoint`, or the page's own path (/graphql).
const endpoint = root.dataset.endpoint || location.pathname;
const url = new URL(endpoint, location.href);
const subscriptionUrl =
  (location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + location.host + url.pathname;

const toolkit = createGraphiQLFetcher({ url: url.href, subscriptionUrl });

// Whether the operation GraphiQL runs is a subscription (as the toolkit decides it).
function isSubscription(document, operationName) {
  let found = false;
  if (!document) return false;
  visit(document, {
    OperationDefinition(node) {
      if ((node.name ? node.name.value : undefined) === (operationName || undefined)) {
        found = found || node.operation === 'subscription';
      }
    },
  });
  return found;
}

// A subscription signs in through `connection_init`, whose payload the server reads as
// `{"authorization": "Bearer …"}` and nothing else: of the headers editor's headers only
// Authorization goes there (the toolkit would send them all). Queries and mutations send
// every header.
function fetcher(params, options) {
  if (options && isSubscription(options.documentAST, params.operationName)) {
    const headers = (options && options.headers) || {};
    const key = Object.keys(headers).find((k) => k.toLowerCase() === 'authorization');
    const connectionParams = key ? { authorization: String(headers[key]) } : {};
    return toolkit(params, { ...options, headers: connectionParams });
  }
  return toolkit(params, options);
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
