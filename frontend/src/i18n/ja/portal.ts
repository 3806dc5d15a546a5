// Messages of the portal screens (Japanese, the reference for the keys).
export const portalJa = {
  title: '委託先ポータル',
};
