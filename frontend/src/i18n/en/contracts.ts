import type { contractsJa } from '../ja/contracts';

export const contractsEn: typeof contractsJa = {
  title: 'Contracts',
};
