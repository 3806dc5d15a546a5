import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { ContractStatus } from '../client/types.gen';
import { appRoute } from './app';
import { flag, id, optional, page, size, someOf } from './search';
import { CONTRACT_TABS } from './tabs';

// Owned by the contracts feature: list (filters in the URL), the organisation-wide gap overview, the clause
// library, the editor, one contract with its gap report, policy.
const statuses = someOf(z.enum(ContractStatus));

export const contractsSearch = z.object({
  page,
  size,
  sort: optional(z.enum(['-updated_at', 'end_date', 'notice_date', 'title'])),
  vendor: id,
  status: statuses,
  /** Only active contracts whose notice date has come (or whose end has passed). */
  renewalDue: flag,
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
  validateSearch: z.object({ status: statuses, vendor: id, sort: optional(z.enum(['gaps', 'vendor'])) }),
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
  validateSearch: z.object({ tab: optional(z.enum(CONTRACT_TABS)) }),
  component: lazyRouteComponent(() => import('../features/contracts/ContractPage'), 'ContractPage'),
});
