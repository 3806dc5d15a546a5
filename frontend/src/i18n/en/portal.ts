import type { portalJa } from '../ja/portal';

export const portalEn: typeof portalJa = {
  title: 'Vendor portal',
};
