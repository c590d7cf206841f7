import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where the IDE page is served (also `GET /graphql` asking for HTML). */
export const IDE_PATH = '/ide';

/**
 * The IDE's files: GraphiQL's standalone build and the React UMD builds it
 * runs on, read from this package's own dependencies (`graphiql`, `react`,
 * `react-dom`, pinned in package.json). Nothing is fetched from a CDN: the
 * page works with no network.
 */
const ASSETS: Readonly<Record<string, { pkg: string; file: string; type: string }>> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': {
    pkg: 'react-dom',
    file: 'umd/react-dom.production.min.js',
    type: 'text/javascript',
  },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

const require = createRequire(import.meta.url);
const cache = new Map<string, Buffer>();

function asset(name: string): Buffer | null {
  const spec = ASSETS[name];
  if (!spec) return null;
  let body = cache.get(name);
  if (!body) {
    // Through package.json: the UMD files are not in the packages' `exports`.
    const root = dirname(require.resolve(`${spec.pkg}/package.json`));
    body = readFileSync(join(root, spec.file));
    cache.set(name, body);
  }
  return body;
}

/** The IDE page: only same-origin scripts and styles, the endpoint as a relative URL. */
export function idePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tessera GraphQL IDE</title>
<link rel="stylesheet" href="${IDE_PATH}/assets/graphiql.css">
<style>html,body,#ide{height:100%;margin:0}</style>
</head>
<body>
<div id="ide">Loading the IDE…</div>
<script src="${IDE_PATH}/assets/react.js"></script>
<script src="${IDE_PATH}/assets/react-dom.js"></script>
<script src="${IDE_PATH}/assets/graphiql.js"></script>
<script>
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var defaultHeaders = JSON.stringify({ Authorization: 'Bearer <your key or member token>' }, null, 2);
  ReactDOM.createRoot(document.getElementById('ide')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      defaultHeaders: defaultHeaders,
      shouldPersistHeaders: true,
    }),
  );
</script>
</body>
</html>
`;
}

/** True when a GET asks for a page (a browser opening `/graphql`). */
export function wantsHtml(req: IncomingMessage): boolean {
  return req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
}

/**
 * Serves `GET /ide`, `GET /ide/assets/<file>` and a browser's `GET /graphql`
 * (Accept: text/html). Returns false when the request is not for the IDE.
 */
export function serveIde(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const page =
    pathname === IDE_PATH ||
    pathname === `${IDE_PATH}/` ||
    ((pathname === '/graphql' || pathname === '/') && wantsHtml(req));
  if (page) {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : idePage());
    return true;
  }
  const prefix = `${IDE_PATH}/assets/`;
  if (!pathname.startsWith(prefix)) return false;
  const name = pathname.slice(prefix.length);
  const body = asset(name);
  if (!body) return false;
  res.writeHead(200, {
    'content-type': `${ASSETS[name]?.type}; charset=utf-8`,
    'content-length': body.length,
    'cache-control': 'public, max-age=86400',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
