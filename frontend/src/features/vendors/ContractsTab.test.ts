import { describe, expect, it } from 'vitest';
import type { ContractStatus, DataCategory } from '../../client/types.gen';
import { contractGap } from './ContractsTab';

const entrusted = { data_categories: ['ordinary', 'children'] as DataCategory[] };
const noPersonalData = { data_categories: [] as DataCategory[] };
const contracts = (...statuses: ContractStatus[]) => statuses.map((status) => ({ status }));

describe('contractGap', () => {
  it('is "none" for a vendor entrusted with personal data and no contract at all', () => {
    expect(contractGap(entrusted, [])).toBe('none');
  });

  it('is "no_active" when the only contracts are drafts, expired or terminated', () => {
    expect(contractGap(entrusted, contracts('draft', 'expired', 'terminated'))).toBe('no_active');
  });

  it('is nothing once one contract is active, whatever the others', () => {
    expect(contractGap(entrusted, contracts('expired', 'active'))).toBeNull();
  });

  it('is nothing for a vendor with no personal data, with or without a contract', () => {
    expect(contractGap(noPersonalData, [])).toBeNull();
    expect(contractGap(noPersonalData, contracts('expired'))).toBeNull();
  });
});
