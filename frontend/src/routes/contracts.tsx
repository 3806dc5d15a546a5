import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { appRoute } from './app';

// Owned by the contracts feature: list (filters in the URL), the organisation-wide gap overview, the clause
// library, the editor, one contract with its gap report, policy.
const id = z.uuid().optional().catch(undefined);
const statuses = z.array(z.enum(['draft', 'active', 'expired', 'terminated'])).max(4).optional().catch(undefined);

export const contractsSearch = z.object({
  page: z.number().int().min(1).max(100000).optional().catch(undefined),
  size: z.number().int().min(1).max(100).optional().catch(undefined),
  sort: z.enum(['-updated_at', 'end_date', 'notice_date', 'title']).optional().catch(undefined),
  vendor: id,
  status: statuses,
  /** Only active contracts whose notice date has come (or whose end has passed). */
  renewalDue: z.boolean().optional().catch(undefined),
});

export const contractsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'contracts',
  validateSearch: contractsSearch,
  component: lazyRouteComponent(() => import('../features/contracts/ContractsPage'), 'ContractsPage'),
});

export const contractsOverviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'contracts/overview',
  /** `status` left out: the API's default, active contracts. `sort`: most required gaps first unless `vendor`. */
  validateSearch: z.object({ status: statuses, vendor: id, sort: z.enum(['gaps', 'vendor']).optional().catch(undefined) }),
  component: lazyRouteComponent(() => import('../features/contracts/GapOverviewPage'), 'GapOverviewPage'),
});

export const contractLibraryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'contracts/library',
  component: lazyRouteComponent(() => import('../features/contracts/ClauseLibraryPage'), 'ClauseLibraryPage'),
});

export const newContractRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'contracts/new',
  /** The vendor to start with (the list's vendor filter, a vendor page). */
  validateSearch: z.object({ vendor: id }),
  component: lazyRouteComponent(() => import('../features/contracts/NewContractPage'), 'NewContractPage'),
});

export const contractPolicyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'contracts/policy',
  component: lazyRouteComponent(() => import('../features/contracts/ContractPolicyPage'), 'ContractPolicyPage'),
});

export const contractRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'contracts/$contractId',
  validateSearch: z.object({ tab: z.enum(['gaps', 'details']).optional().catch(undefined) }),
  component: lazyRouteComponent(() => import('../features/contracts/ContractPage'), 'ContractPage'),
});
