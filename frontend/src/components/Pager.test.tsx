import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../i18n';
import { renderWithProviders } from '../test/render';
import { Pager } from './Pager';

afterEach(() => i18n.changeLanguage('ja'));

describe('Pager', () => {
  it('shows the exact total and as many pages as it fills', () => {
    renderWithProviders(<Pager page={2} size={50} count={{ total: 120, total_exact: true }} onPage={() => {}} />);
    expect(screen.getByText('51–100 件 / 全 120 件')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '3' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '4' })).not.toBeInTheDocument();
  });

  it('says "more than" a count that stopped short and always offers the next page', async () => {
    await i18n.changeLanguage('en');
    const onPage = vi.fn();
    renderWithProviders(<Pager page={200} size={50} count={{ total: 10000, total_exact: false }} onPage={onPage} />);
    expect(screen.getByText('9,951–10,000 of more than 10,000')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '201' }));
    expect(onPage).toHaveBeenCalledWith(201);
  });
});
