// An example client of thidua in plain JavaScript: what a mobile app's rankings screen asks
// for. One query for every finalized ranking of a year, a paginated list of units walked to
// its end with `first`/`after`, and a live update of a ranking over WebSocket
// (graphql-transport-ws). No token is needed: rankings and units are public.
//
//   THIDUA_URL=http://127.0.0.1:8080/graphql node index.js
//
// Settings (environment): THIDUA_URL (the GraphQL endpoint), YEAR (2020), PROVINCE (HA_NAM),
// KIND (CLUSTER or BLOC; any when unset), THIDUA_TOKEN (an access token, optional),
// WAIT_SECONDS (how long to wait for the live update, 60; 0 skips it).
import { GraphQLClient, gql } from 'graphql-request';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const url = process.env.THIDUA_URL || 'http://127.0.0.1:8080/graphql';
const year = Number(process.env.YEAR || 2020);
const provinceCode = process.env.PROVINCE || 'HA_NAM';
const kind = process.env.KIND || null;
const token = process.env.THIDUA_TOKEN || null;
const waitSeconds = Number(process.env.WAIT_SECONDS ?? 60);

const client = new GraphQLClient(url, {
  headers: token ? { authorization: `Bearer ${token}` } : {},
});

// The rankings screen: every finalized ranking of the year, in one request.
const RANKINGS = gql`
  query Rankings($year: Int!, $provinceCode: String, $kind: ClusterKind) {
    rankings(year: $year, provinceCode: $provinceCode, kind: $kind) {
      id
      year
      cluster {
        code
        name
      }
      ranking {
        rank
        totalPoints
        unit {
          code
          name
        }
        proposedAward {
          name
        }
      }
    }
  }
`;

// One page of units; `after` is the previous page's `endCursor` (opaque).
const UNITS = gql`
  query Units($first: Int!, $after: String) {
    units(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          code
          name
        }
      }
    }
  }
`;

const RANKING_UPDATED = `
  subscription RankingUpdated($id: ID!) {
    rankingUpdated(clusterYearId: $id) {
      change
      clusterYear {
        status
        ranking {
          rank
          unit {
            name
          }
        }
      }
    }
  }
`;

async function rankingsScreen() {
  const { rankings } = await client.request(RANKINGS, { year, provinceCode, kind });
  console.log(`rankings of ${year} in ${provinceCode}${kind ? ` (${kind})` : ''}: ${rankings.length}`);
  for (const clusterYear of rankings) {
    console.log(`  ${clusterYear.cluster ? clusterYear.cluster.name : '(no cluster)'}`);
    for (const entry of clusterYear.ranking) {
      const award = entry.proposedAward ? `  → ${entry.proposedAward.name}` : '';
      console.log(`    ${entry.rank}. ${entry.unit ? entry.unit.name : '?'} (${entry.totalPoints})${award}`);
    }
  }
  return rankings;
}

async function allUnits(pageSize = 25) {
  const units = [];
  let after = null;
  let totalCount = null;
  let pages = 0;
  for (;;) {
    const { units: page } = await client.request(UNITS, { first: pageSize, after });
    pages += 1;
    totalCount = page.totalCount;
    units.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) break;
    if (!page.pageInfo.endCursor) throw new Error('hasNextPage without an endCursor');
    after = page.pageInfo.endCursor;
    if (pages > 1000) throw new Error('more than 1000 pages: the cursor does not advance');
  }
  const distinct = new Set(units.map((u) => u.code)).size;
  console.log(`units: ${units.length} in ${pages} pages of ${pageSize} (totalCount ${totalCount})`);
  if (units.length !== totalCount || distinct !== units.length) {
    throw new Error(`walked ${units.length} units (${distinct} distinct), totalCount says ${totalCount}`);
  }
  return units;
}

// Waits for one update of the ranking `clusterYear`, then closes the socket.
function oneRankingUpdate(clusterYear) {
  const wsUrl = url.replace(/^http/, 'ws');
  const ws = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : undefined,
    retryAttempts: 0,
    on: {
      connected: () =>
        console.log(`subscribed: rankingUpdated of ${clusterYear.cluster.code} ${clusterYear.year} (${clusterYear.id}); waiting up to ${waitSeconds} s`),
    },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      ws.dispose();
      reject(new Error(`no ranking update within ${waitSeconds} s`));
    }, waitSeconds * 1000);
    const unsubscribe = ws.subscribe(
      { query: RANKING_UPDATED, variables: { id: clusterYear.id } },
      {
        next: (result) => {
          clearTimeout(timer);
          unsubscribe();
          ws.dispose();
          if (result.errors) return reject(new Error(`errors: ${JSON.stringify(result.errors)}`));
          const update = result.data.rankingUpdated;
          console.log(`update: ${update.change}; the year is ${update.clusterYear.status}`);
          resolve(update);
        },
        error: (error) => {
          clearTimeout(timer);
          ws.dispose();
          reject(error instanceof Error ? error : new Error(`socket closed: ${error.code || ''} ${error.reason || JSON.stringify(error)}`));
        },
        complete: () => {},
      },
    );
  });
}

try {
  const rankings = await rankingsScreen();
  await allUnits();
  if (waitSeconds > 0) {
    if (!rankings.length) throw new Error('no finalized ranking to follow');
    await oneRankingUpdate(rankings[0]);
  }
  process.exit(0);
} catch (error) {
  console.error(`rankings-client: ${error.message || error}`);
  process.exit(1);
}
