import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { DataCategory, Tier, VendorStatus } from '../client/types.gen';
import { appRoute } from './app';
import { flag, id, optional, page, size, someOf, text } from './search';
import { VENDOR_TABS } from './tabs';

export const vendorsSearch = z.object({
  page,
  size,
  sort: optional(z.enum(['name', '-name', 'updated_at', '-updated_at', 'tier', '-tier', 'persons_total', '-persons_total'])),
  q: text,
  tier: someOf(z.enum(Tier)),
  status: someOf(z.enum(VendorStatus)),
  category: optional(z.enum(DataCategory)),
  certification: optional(z.enum(['expired', 'expiring', 'valid', 'none'])),
  owner: id,
  noIncidentContact: flag,
  assessmentOverdue: flag,
  noSelectionReview: flag,
  noActiveContract: flag,
});

export const vendorsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'vendors',
  validateSearch: vendorsSearch,
  component: lazyRouteComponent(() => import('../features/vendors/VendorsPage'), 'VendorsPage'),
});

export const newVendorRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'vendors/new',
  component: lazyRouteComponent(() => import('../features/vendors/NewVendorPage'), 'NewVendorPage'),
});

export const importVendorsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'vendors/import',
  component: lazyRouteComponent(() => import('../features/vendors/ImportVendorsPage'), 'ImportVendorsPage'),
});

export const vendorRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'vendors/$vendorId',
  validateSearch: z.object({ tab: optional(z.enum(VENDOR_TABS)) }),
  component: lazyRouteComponent(() => import('../features/vendors/VendorPage'), 'VendorPage'),
});
