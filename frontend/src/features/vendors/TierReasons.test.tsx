import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TierReason } from '../../client/types.gen';
import { i18n } from '../../i18n';
import { renderWithProviders } from '../../test/render';
import { TierReasons } from './TierReasons';

afterEach(() => i18n.changeLanguage('ja'));

const reasons: TierReason[] = [
  { code: 'category_special_care', points: 35, ja: '要配慮個人情報を取り扱う', en: 'handles special-care personal information' },
  {
    code: 'persons',
    points: 20,
    ja: '本人の数が約5,000人（個人情報保護委員会への報告基準1,000人超）',
    en: "about 5,000 people's data (over the regulator's 1,000-person reporting threshold)",
  },
  { code: 'no_personal_data', points: 0, ja: '登録された個人データの取扱いがない', en: 'no processing of personal data recorded' },
];

describe('TierReasons', () => {
  it('shows every reason in Japanese with its points, in the API’s order', () => {
    renderWithProviders(<TierReasons reasons={reasons} />);
    const items = within(screen.getByRole('list', { name: '判定の理由' })).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('+35 点要配慮個人情報を取り扱う');
    expect(items[1]).toHaveTextContent('+20 点本人の数が約5,000人（個人情報保護委員会への報告基準1,000人超）');
    expect(items[2]).toHaveTextContent('±0登録された個人データの取扱いがない');
    expect(screen.queryByText(/special-care/)).not.toBeInTheDocument();
  });

  it('switches to the English text of each reason with the language', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(<TierReasons reasons={reasons} />);
    const list = screen.getByRole('list', { name: 'Why' });
    expect(within(list).getByText('handles special-care personal information')).toBeInTheDocument();
    expect(within(list).getByText(/over the regulator's 1,000-person reporting threshold/)).toBeInTheDocument();
    expect(within(list).getByText('+35')).toBeInTheDocument();
    expect(screen.queryByText('要配慮個人情報を取り扱う')).not.toBeInTheDocument();
  });
});
