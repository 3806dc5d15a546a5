import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../client/types.gen';
import { i18n } from '../../i18n';
import { renderWithProviders } from '../../test/render';
import { ImportReportView } from './ImportReportView';

afterEach(() => i18n.changeLanguage('ja'));

const failed: ImportReport = {
  dry_run: true,
  ok: false,
  rows: 1200,
  created: 1197,
  updated: 0,
  unknown_columns: ['担当部署'],
  errors: [
    { line: 3, column: '法人番号', message: 'the check digit (first digit) should be 7 for the other twelve digits; check for a typo' },
    { line: 5, column: '法人番号', message: 'same corporate number as line 3' },
    { line: 9, column: '社内担当者', message: 'nobody@example.com is not a member of your organisation' },
    { line: 12, column: null, message: 'the same vendor appears twice' },
    { line: 14, column: '名称', message: 'Something the UI does not know yet' },
  ],
};

describe('ImportReportView', () => {
  it('lists every problem by line and column, in Japanese', () => {
    renderWithProviders(<ImportReportView report={failed} />);
    expect(screen.getByRole('alert')).toHaveTextContent('問題があるため取り込めません');
    const table = screen.getByRole('table', { name: '問題のある行（5 件）' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['3', '法人番号', '法人番号のチェックディジット（先頭の 1 桁）が合いません。残りの 12 桁からは 7 になるはずです。入力ミスがないかご確認ください。'],
      ['5', '法人番号', '3 行目と同じ法人番号です。'],
      ['9', '社内担当者', 'nobody@example.com は組織のメンバーではありません。'],
      ['12', '行全体', '同じ委託先が 2 回出てきます。'],
      ['14', '名称', 'Something the UI does not know yet'],
    ]);
    expect(screen.getByTestId('import-rows')).toHaveTextContent('1,200');
    expect(screen.getByText('新規登録')).toBeInTheDocument();
    expect(screen.getByText('担当部署')).toBeInTheDocument();
  });

  it('shows a clean dry run without a problem table, in English', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(<ImportReportView report={{ ...failed, ok: true, created: 0, updated: 8, rows: 8, errors: [], unknown_columns: [] }} />);
    expect(screen.getByText('No problems found. Importing will apply the following.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByText('To add').nextSibling).toHaveTextContent('0');
    expect(screen.getByText('To update').nextSibling).toHaveTextContent('8');
  });

  it('labels the figures of a finished import as done', () => {
    renderWithProviders(<ImportReportView report={{ ...failed, dry_run: false, ok: true, created: 100, updated: 0, rows: 100, errors: [] }} />);
    expect(screen.getByText('100 件を登録し、0 件を更新しました。')).toBeInTheDocument();
    expect(screen.getByText('登録').nextSibling).toHaveTextContent('100');
  });
});
