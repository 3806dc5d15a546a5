import { describe, expect, it } from 'vitest';
import { readHeadsFile } from './ChainIntegrity';

const file = (text: string) => new File([text], 'heads.json', { type: 'application/json' });

describe('readHeadsFile', () => {
  it('reads a signed-heads file saved from the audit trail', async () => {
    const heads = { format: 'itaku-audit-heads', version: 1, exported_at: '2026-12-07T00:00:00Z', heads: [] };
    expect(await readHeadsFile(file(JSON.stringify(heads)))).toEqual(heads);
  });

  it('refuses what is not one before asking the server', async () => {
    expect(await readHeadsFile(file('not json'))).toBeNull();
    expect(await readHeadsFile(file(JSON.stringify({ format: 'something-else', heads: [] })))).toBeNull();
    expect(await readHeadsFile(file(JSON.stringify({ format: 'itaku-audit-heads' })))).toBeNull();
  });
});
