import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryHistory, createRouter, RouterProvider } from '@tanstack/react-router';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DashboardRead, Me } from '../../client/types.gen';
import { en } from '../../i18n/en';
import { monitoringEn } from '../../i18n/en/monitoring';
import { i18n } from '../../i18n';
import { ja } from '../../i18n/ja';
import { monitoringJa } from '../../i18n/ja/monitoring';
import { cssVariablesResolver, theme } from '../../lib/theme';
import { tokenStore } from '../../lib/token';
import { routeTree } from '../../routes/router';
import { json, stubApi } from '../../test/fetch';

const ORG = '0b8f5e0e-0000-4c1a-9d7e-000000000001';

const me = (role: 'admin' | 'viewer' = 'admin', locale: 'ja' | 'en' = 'ja'): Me => ({
  kind: 'user',
  organization: { id: ORG, name: 'さくら商事株式会社', role },
  organizations: [{ id: ORG, name: 'さくら商事株式会社', role }],
  user: { id: '0b8f5e0e-0000-4c1a-9d7e-000000000002', email: 'admin@demo.itaku.example', name: '情報管理 花子', locale, time_zone: null, version: 1 },
  api_key: null,
  time_zone: 'Asia/Tokyo',
  two_factor_setup_required: false,
});

const board = (overrides: Partial<DashboardRead> = {}): DashboardRead => ({
  organization: { jurisdiction: 'JP-APPI', members: 5, active_api_keys: 2 },
  open_incidents: 2,
  deadlines: [
    {
      incident_id: '0b8f5e0e-0000-4c1a-9d7e-000000000010',
      incident_title: '顧客名簿の誤送信',
      vendor_id: '0b8f5e0e-0000-4c1a-9d7e-000000000011',
      vendor_name: '株式会社給与クラウド',
      obligation_id: '0b8f5e0e-0000-4c1a-9d7e-000000000012',
      jurisdiction: 'JP-APPI',
      kind: 'regulator_preliminary_report',
      due_date: '2026-12-10',
      due_at: '2026-12-10T14:59:59Z',
      days_left: 3,
      overdue: false,
    },
  ],
  vendors_by_tier: { critical: 1, high: 4, medium: 7, low: 12 },
  assessments: { awaiting_review: 2, overdue: 1, open_findings: 6, overdue_findings: 3 },
  monitoring: { overdue: 9, due_soon: 8, reports_to_review: 1, changes_to_decide: 4 },
  recent_activity: [
    {
      id: '0b8f5e0e-0000-4c1a-9d7e-000000000020',
      occurred_at: '2026-12-07T01:00:00Z',
      actor_label: 'risk.manager@demo.itaku.example',
      entity_type: 'vendor',
      action: 'created',
    },
  ],
  ...overrides,
});

/** The app's own routes at `/`, signed in (a token in memory), as the browser shows them after signing in. */
function renderDashboard() {
  tokenStore.set('access-token', 900, ORG);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createRouter({ routeTree, context: { queryClient }, history: createMemoryHistory({ initialEntries: ['/'] }) });
  render(
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return queryClient;
}

const paths = (calls: Request[]) => calls.map((r) => `${r.method} ${new URL(r.url).pathname}`);

describe('DashboardPage', () => {
  // The routes load the signed-in layout and this page lazily; the first load of those modules (and all they import)
  // is slow on a busy machine, so it happens here, under a hook timeout of its own, not inside a test's.
  beforeAll(async () => {
    await Promise.all([import('../shell/AppLayout'), import('./DashboardPage')]);
  }, 180_000);

  it('shows every card from one read after the signed-in caller', async () => {
    const { calls } = stubApi(json(200, me()), json(200, board()));
    const queryClient = renderDashboard();
    expect(await screen.findByRole('heading', { level: 1, name: ja.dashboard.title })).toBeInTheDocument();

    const tiers = await screen.findByTestId('vendors-by-tier');
    expect(await within(tiers).findByText('12')).toHaveAttribute('data-tier-count', 'low');
    expect(within(tiers).getByText('7')).toHaveAttribute('data-tier-count', 'medium');
    expect(within(tiers).getByText('登録 24 社')).toBeInTheDocument();

    const monitoring = screen.getByTestId('monitoring-card');
    expect(within(monitoring).getByRole('heading', { name: monitoringJa.dashboard.title })).toBeInTheDocument();
    expect(within(monitoring).getByTestId('monitoring-overdue')).toHaveTextContent('9');
    expect(within(monitoring).getByTestId('monitoring-due-soon')).toHaveTextContent('8');
    expect(within(monitoring).getByTestId('monitoring-changes')).toHaveTextContent('4');

    const assessments = screen.getByTestId('assessments-card');
    const line = (name: string) => within(assessments).getByRole('link', { name }).parentElement;
    expect(line(ja.assessments.dashboard.openFindings)).toHaveTextContent('6');
    expect(line(ja.assessments.dashboard.overdueFindings)).toHaveTextContent('3');
    expect(within(assessments).getByRole('link', { name: ja.assessments.dashboard.awaitingReview })).toHaveAttribute(
      'href',
      '/assessments?status=%5B%22submitted%22%2C%22under_review%22%5D',
    );

    const incidents = screen.getByTestId('incidents-card');
    expect(within(incidents).getByTestId('open-incidents')).toHaveTextContent('2');
    expect(within(incidents).getByRole('link', { name: '顧客名簿の誤送信' })).toBeInTheDocument();

    expect(screen.getByText(ja.dashboard.members).parentElement).toHaveTextContent('5');
    expect(screen.getByText(ja.dashboard.activeKeys).parentElement).toHaveTextContent('2');
    expect(screen.getByText(ja.jurisdictions['JP-APPI'])).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'risk.manager@demo.itaku.example' })).toBeInTheDocument();

    // The shell needs the caller; every card together, one more read.
    expect(paths(calls)).toEqual(['GET /api/v1/auth/me', 'GET /api/v1/dashboard']);
    expect(queryClient.getQueryCache().findAll({ type: 'active' })).toHaveLength(2);
  });

  it('reads the same in English, and a viewer sees no count of API keys', async () => {
    await i18n.changeLanguage('en');
    stubApi(json(200, me('viewer', 'en')), json(200, board({ organization: { jurisdiction: 'JP-APPI', members: 5, active_api_keys: null } })));
    renderDashboard();
    expect(await screen.findByRole('heading', { level: 1, name: en.dashboard.title })).toBeInTheDocument();
    const monitoring = await screen.findByTestId('monitoring-card');
    expect(within(monitoring).getByRole('link', { name: monitoringEn.dashboard.reports })).toBeInTheDocument();
    expect(within(monitoring).getByTestId('monitoring-reports')).toHaveTextContent('1');
    expect(screen.getByRole('link', { name: en.assessments.dashboard.overdue }).parentElement).toHaveTextContent('1');
    expect(screen.getByText(en.incidents.dashboard.deadlines)).toBeInTheDocument();
    expect(screen.getByText('24 registered')).toBeInTheDocument();
    expect(screen.getByText(en.dashboard.members).parentElement).toHaveTextContent('5');
    expect(screen.queryByText(en.dashboard.activeKeys)).not.toBeInTheDocument();
  });

  it('shows a failed read once, with a retry that brings the cards', async () => {
    const { calls } = stubApi(json(200, me()), json(500, { error: 'internal_error', detail: 'boom' }), json(200, board()));
    renderDashboard();
    const alert = await screen.findByRole('alert');
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.queryByTestId('monitoring-card')).not.toBeInTheDocument();
    await userEvent.setup().click(within(alert).getByRole('button', { name: ja.common.retry }));
    expect(await screen.findByTestId('monitoring-overdue')).toHaveTextContent('9');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(paths(calls)).toEqual(['GET /api/v1/auth/me', 'GET /api/v1/dashboard', 'GET /api/v1/dashboard']);
  });
});
