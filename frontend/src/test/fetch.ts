import { onTestFinished, vi } from 'vitest';
import { client } from '../client/client.gen';
import { configureApiClient } from '../lib/api';

const refuse = async (input: Request) => {
  throw new Error(`${input.method} ${input.url} after its test ended`);
};

/** Point the generated client at a stubbed fetch; each call answers with the next response. */
export function stubApi(...responses: (Response | Error)[]) {
  configureApiClient();
  client.setConfig({ baseUrl: 'http://itaku.test' }); // Node's Request needs an absolute URL
  const calls: Request[] = [];
  const fetchMock = vi.fn(async (input: Request) => {
    calls.push(input);
    const next = responses.shift();
    if (!next) throw new Error('no stubbed response left');
    if (next instanceof Error) throw next;
    return next;
  });
  client.setConfig({ fetch: fetchMock as unknown as typeof fetch });
  // A request made once the test is over (by something it left running) fails instead of going out.
  onTestFinished(() => {
    client.setConfig({ fetch: refuse as unknown as typeof fetch });
  });
  return { calls, fetchMock };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}
