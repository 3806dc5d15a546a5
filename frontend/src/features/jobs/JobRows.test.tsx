import { Table } from '@mantine/core';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { JobRead, MailDeliveryRead } from '../../client/types.gen';
import { renderWithProviders } from '../../test/render';
import { JobRow, MailDeliveryRow } from './JobRows';

const job = (overrides: Partial<JobRead>): JobRead => ({
  id: '0b8f5e0e-1111-4c1a-9d7e-000000000001',
  kind: 'mail',
  label: 'it-security@aoba-kenshin.example.jp: [Itaku] 回答依頼',
  state: 'failed',
  attempts: 6,
  max_attempts: 6,
  run_after: '2026-12-07T01:00:00Z',
  last_error: "SMTPRecipientsRefused: {'it-security@aoba-kenshin.example.jp': (550, b'5.1.1 User unknown')}",
  progress_done: 0,
  progress_total: null,
  result: null,
  created_at: '2026-12-07T01:00:00Z',
  updated_at: '2026-12-07T01:30:00Z',
  started_at: '2026-12-07T01:30:00Z',
  finished_at: '2026-12-07T01:30:00Z',
  ...overrides,
});

function inTable(row: React.ReactElement) {
  return (
    <Table>
      <Table.Tbody>{row}</Table.Tbody>
    </Table>
  );
}

describe('JobRow', () => {
  it('shows why a failed job failed and offers to retry it', async () => {
    const onRetry = vi.fn();
    renderWithProviders(inTable(<JobRow job={job({})} onRetry={onRetry} retrying={false} />));
    expect(screen.getByText('メール送信')).toBeInTheDocument();
    expect(screen.getByText('失敗')).toBeInTheDocument();
    expect(screen.getByText('6 / 6 回')).toBeInTheDocument();
    expect(screen.getByText(/5\.1\.1 User unknown/)).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: /^再実行: it-security@/ }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('shows when a job waiting after a failed attempt runs again, without a retry button', () => {
    renderWithProviders(
      inTable(<JobRow job={job({ state: 'queued', attempts: 1, run_after: '2026-12-07T01:02:00Z' })} onRetry={() => {}} retrying={false} />),
    );
    expect(screen.getByText('待機中')).toBeInTheDocument();
    expect(screen.getByText('2026/12/07 10:02 に再試行')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});

describe('MailDeliveryRow', () => {
  const delivery: MailDeliveryRead = {
    id: '0b8f5e0e-2222-4c1a-9d7e-000000000002',
    job_id: null,
    kind: 'invitation',
    recipient: 'legal.counsel@demo.itaku.example',
    subject: '[Itaku] さくら商事株式会社 への招待',
    attempt: 0,
    outcome: 'not_sent',
    reason: 'No SMTP server is configured (ITAKU_SMTP_HOST is unset), so nothing was sent.',
    attempted_at: '2026-12-07T01:00:00Z',
  };

  it('says a mail was not sent, and why', () => {
    renderWithProviders(inTable(<MailDeliveryRow delivery={delivery} />));
    expect(screen.getByText('ユーザー招待')).toBeInTheDocument();
    expect(screen.getByText('未送信')).toBeInTheDocument();
    expect(screen.getByText('送信なし')).toBeInTheDocument();
    expect(screen.getByText(/ITAKU_SMTP_HOST is unset/)).toBeInTheDocument();
  });
});
