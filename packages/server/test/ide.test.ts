import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';

describe('offline GraphQL IDE', () => {
  let s: TestServer;
  let base: string;
  beforeAll(async () => {
    s = await startTestServer({ config: { introspection: true } });
    base = s.url.replace(/\/graphql$/, '');
  });
  afterAll(() => s.close());

  it('serves the IDE page with no external URL, at /ide and to a browser opening /graphql', async () => {
    for (const [path, accept] of [
      ['/ide', '*/*'],
      ['/graphql', 'text/html,application/xhtml+xml'],
    ] as const) {
      const res = await fetch(`${base}${path}`, { headers: { accept } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      const html = await res.text();
      expect(html).toContain('GraphiQL');
      expect(html).not.toMatch(/https?:\/\//);
      expect(html).not.toMatch(/src="\/\//);
    }
  });

  it('serves every script and stylesheet the page names from the server itself', async () => {
    const html = await (await fetch(`${base}/ide`)).text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBe(4);
    for (const ref of refs) {
      expect(ref.startsWith('/ide/assets/')).toBe(true);
      const res = await fetch(`${base}${ref}`);
      expect(res.status, ref).toBe(200);
      const body = await res.text();
      expect(body.length).toBeGreaterThan(1000);
      if (ref.endsWith('.css')) expect(body).not.toMatch(/@import|url\(\s*['"]?https?:/);
    }
  });

  it('leaves GraphQL over GET and POST to Apollo; unknown assets are 404', async () => {
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': '1' },
    });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    expect((await fetch(`${base}/ide/assets/nope.js`)).status).toBe(404);
  });

  it('is not served when introspection is off (production default)', async () => {
    const prod = await startTestServer({ config: { introspection: false } });
    try {
      const res = await fetch(`${prod.url.replace(/\/graphql$/, '')}/ide`);
      expect(res.status).toBe(404);
    } finally {
      await prod.close();
    }
  });
});
