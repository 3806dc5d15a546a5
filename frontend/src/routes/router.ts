import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { PageLoader } from '../components/PageLoader';
import { appRoute } from './app';
import { dashboardRoute } from './dashboard';
import {
  acceptInvitationRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  signInRoute,
  signUpConfirmRoute,
  signUpRoute,
} from './public';
import { rootRoute } from './root';
import { assessmentRoute, assessmentsRoute, findingsRoute } from './assessments';
import {
  portalAssessmentRoute,
  portalChangeNewRoute,
  portalChangeRoute,
  portalFindingsRoute,
  portalHomeRoute,
  portalIncidentNewRoute,
  portalIncidentRoute,
  portalOpenRoute,
  portalReportRoute,
  portalRoute,
  portalVendorReportRoute,
} from './portal';
import { questionnaireRoute, questionnairesRoute } from './questionnaires';
import {
  contractLibraryRoute,
  contractPolicyRoute,
  contractRoute,
  contractsOverviewRoute,
  contractsRoute,
  newContractRoute,
} from './contracts';
import { incidentPolicyRoute, incidentRoute, incidentsRoute, newIncidentRoute } from './incidents';
import {
  monitoringAuditRoute,
  monitoringAuditsRoute,
  monitoringChangeRoute,
  monitoringChangesRoute,
  monitoringPolicyRoute,
  monitoringReportRoute,
  monitoringReportsRoute,
  monitoringRoute,
  newAuditRoute,
} from './monitoring';
import {
  apiKeysRoute,
  auditRoute,
  jobsRoute,
  organizationRoute,
  profileRoute,
  riskPolicyRoute,
  settingsIndexRoute,
  usersRoute,
} from './settings';
import { importVendorsRoute, newVendorRoute, vendorRoute, vendorsRoute } from './vendors';

export const routeTree = rootRoute.addChildren([
  signInRoute,
  signUpRoute,
  signUpConfirmRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  acceptInvitationRoute,
  portalOpenRoute,
  portalReportRoute,
  portalRoute.addChildren([
    portalHomeRoute,
    portalAssessmentRoute,
    portalFindingsRoute,
    portalIncidentNewRoute,
    portalIncidentRoute,
    portalVendorReportRoute,
    portalChangeNewRoute,
    portalChangeRoute,
  ]),
  appRoute.addChildren([
    dashboardRoute,
    vendorsRoute,
    newVendorRoute,
    importVendorsRoute,
    vendorRoute,
    assessmentsRoute,
    assessmentRoute,
    findingsRoute,
    questionnairesRoute,
    questionnaireRoute,
    contractsRoute,
    contractsOverviewRoute,
    contractLibraryRoute,
    newContractRoute,
    contractPolicyRoute,
    contractRoute,
    monitoringRoute,
    monitoringReportsRoute,
    monitoringReportRoute,
    monitoringAuditsRoute,
    newAuditRoute,
    monitoringAuditRoute,
    monitoringChangesRoute,
    monitoringChangeRoute,
    monitoringPolicyRoute,
    incidentsRoute,
    newIncidentRoute,
    incidentPolicyRoute,
    incidentRoute,
    settingsIndexRoute,
    organizationRoute,
    riskPolicyRoute,
    usersRoute,
    apiKeysRoute,
    auditRoute,
    jobsRoute,
    profileRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0, // TanStack Query decides freshness
    defaultPendingComponent: PageLoader,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
