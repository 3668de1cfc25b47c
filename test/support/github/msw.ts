// The mock GitHub behind msw: every request to the mock's API root goes to MockGitHub.handle.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { MockGitHub } from './mock-github';

export function mswFor(mock: MockGitHub): ReturnType<typeof setupServer> {
  return setupServer(
    http.all(`${mock.apiUrl}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, key) => (headers[key] = value));
      const text = request.method === 'GET' ? '' : await request.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      const answer = mock.handle(request.method, url.pathname + url.search, headers, body);
      if (answer.reset) return HttpResponse.error();
      if (answer.raw !== undefined)
        return new HttpResponse(answer.raw, { status: answer.status, headers: answer.headers });
      if (answer.status === 304) return new HttpResponse(null, { status: 304, headers: answer.headers });
      return HttpResponse.json(answer.body as Record<string, unknown>, {
        status: answer.status,
        headers: answer.headers,
      });
    }),
  );
}
