import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { appRoute } from './app';

const page = z.number().int().min(1).max(100000).optional().catch(undefined);
const size = z.number().int().min(1).max(100).optional().catch(undefined);
const tier = z.enum(['critical', 'high', 'medium', 'low']);
const status = z.enum(['candidate', 'under_review', 'approved', 'active', 'suspended', 'terminated']);

export const vendorsSearch = z.object({
  page,
  size,
  sort: z
    .enum(['name', '-name', 'updated_at', '-updated_at', 'tier', '-tier', 'persons_total', '-persons_total'])
    .optional()
    .catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  tier: z.array(tier).max(4).optional().catch(undefined),
  status: z.array(status).max(6).optional().catch(undefined),
  category: z.enum(['ordinary', 'special_care', 'my_number', 'financial', 'children', 'credentials']).optional().catch(undefined),
  certification: z.enum(['expired', 'expiring', 'valid', 'none']).optional().catch(undefined),
  owner: z.uuid().optional().catch(undefined),
  noIncidentContact: z.boolean().optional().catch(undefined),
  assessmentOverdue: z.boolean().optional().catch(undefined),
  noSelectionReview: z.boolean().optional().catch(undefined),
  noActiveContract: z.boolean().optional().catch(undefined),
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

export const VENDOR_TABS = ['overview', 'processing', 'contacts', 'subcontractors', 'contracts', 'monitoring', 'incidents', 'certifications', 'assessments', 'history'] as const;

export const vendorRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'vendors/$vendorId',
  validateSearch: z.object({ tab: z.enum(VENDOR_TABS).optional().catch(undefined) }),
  component: lazyRouteComponent(() => import('../features/vendors/VendorPage'), 'VendorPage'),
});
