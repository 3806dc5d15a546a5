import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { renderWithProviders } from '../../test/render';
import { AuditDiff } from './AuditDiff';
import { diffRows } from '../../lib/auditDiff';

afterEach(() => i18n.changeLanguage('ja'));

describe('diffRows', () => {
  it('lists changed, added and removed fields in reading order', () => {
    expect(
      diffRows({ before: { role: 'viewer', time_zone: 'Asia/Tokyo' }, after: { role: 'admin', name: 'A' } }),
    ).toEqual([
      { field: 'name', before: undefined, after: 'A', kind: 'added' },
      { field: 'role', before: 'viewer', after: 'admin', kind: 'changed' },
      { field: 'time_zone', before: 'Asia/Tokyo', after: undefined, kind: 'removed' },
    ]);
  });

  it('treats a created record (no before) as all added', () => {
    expect(diffRows({ before: null, after: { name: 'x' } })).toEqual([
      { field: 'name', before: undefined, after: 'x', kind: 'added' },
    ]);
  });

  it('has no rows when nothing changed', () => {
    expect(diffRows({ before: null, after: null })).toEqual([]);
  });
});

describe('AuditDiff', () => {
  it('shows a role change and a deactivation in words', () => {
    renderWithProviders(
      <AuditDiff changes={{ before: { role: 'viewer', is_active: true }, after: { role: 'admin', is_active: false } }} />,
    );
    const role = screen.getByRole('row', { name: /権限/ });
    expect(within(role).getByText('閲覧者')).toBeInTheDocument();
    expect(within(role).getByText('管理者')).toBeInTheDocument();
    const access = screen.getByRole('row', { name: /アクセス有効/ });
    expect(within(access).getByText('はい')).toBeInTheDocument();
    expect(within(access).getByText('いいえ')).toBeInTheDocument();
  });

  it('shows API key scopes and a revocation time in the user’s language', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(
      <AuditDiff
        changes={{ before: { revoked_at: null }, after: { revoked_at: '2026-01-05T00:04:00+00:00', scopes: ['read', 'write'] } }}
      />,
    );
    expect(screen.getByRole('row', { name: /Revoked at/ })).toHaveTextContent('5 Jan 2026, 09:04');
    expect(screen.getByRole('row', { name: /Scopes/ })).toHaveTextContent('Read, Write');
    expect(screen.getByRole('columnheader', { name: 'Before' })).toBeInTheDocument();
  });

  it('says so when an event changed no field', () => {
    renderWithProviders(<AuditDiff changes={{ before: null, after: null }} />);
    expect(screen.getByText('項目の変更はありません')).toBeInTheDocument();
  });
});
