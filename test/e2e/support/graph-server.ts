// Microsoft Graph on loopback for browser tests: an HTTPS server (a throw-away self-signed certificate
// for graph.microsoft.com) answering every request with the typed fake SharePoint, and the Chromium
// flags that send graph.microsoft.com there. CORS is answered as Graph does, since the extension's
// background calls Graph from its own origin.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeSharePoint } from '../../support/fake-sharepoint';

export const GRAPH_HOST = 'graph.microsoft.com';

export interface LoopbackGraph {
  port: number;
  /** --host-resolver-rules sending graph.microsoft.com to this server, and trust for its certificate. */
  chromiumArgs: () => string[];
  close: () => Promise<void>;
}

function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'aims-graph-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        `/CN=${GRAPH_HOST}`,
        '-addext',
        `subjectAltName=DNS:${GRAPH_HOST}`,
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Location, ETag, Retry-After',
};

export async function startLoopbackGraph(fake: () => FakeSharePoint): Promise<LoopbackGraph> {
  const server: Server = createServer(selfSignedCertificate(), (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          ...CORS,
          'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE',
          'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
          'access-control-allow-private-network': 'true',
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers.set(name, value);
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const request = new Request(`https://${GRAPH_HOST}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(body && req.method !== 'GET' ? { body } : {}),
      });
      void fake()
        .answer(request)
        .then(async (response) => {
          const out: Record<string, string> = { ...CORS };
          response.headers.forEach((value, name) => (out[name] = value));
          res.writeHead(response.status, out);
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch((error: unknown) => {
          res.writeHead(500, CORS);
          res.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the loopback Graph has no port');
  const port = address.port;
  return {
    port,
    chromiumArgs: () => [
      `--host-resolver-rules=MAP ${GRAPH_HOST} 127.0.0.1:${port}`,
      '--ignore-certificate-errors',
    ],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
