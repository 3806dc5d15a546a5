// Messages of the contracts screens (Japanese, the reference for the keys).
export const contractsJa = {
  title: '契約',
};
