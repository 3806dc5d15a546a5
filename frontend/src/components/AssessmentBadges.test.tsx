import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Band } from '../client/types.gen';
import { i18n } from '../i18n';
import { renderWithProviders } from '../test/render';
import { BandBadge, bandTone } from './AssessmentBadges';

afterEach(() => i18n.changeLanguage('ja'));

const bands: Band[] = [
  { min: 80, key: 'acceptable', label: { ja: '適合', en: 'Acceptable' } },
  { min: 60, key: 'conditional', label: { ja: '条件付き適合', en: '' } },
  { min: 0, key: 'insufficient', label: { ja: '不十分', en: 'Insufficient' } },
];

describe('bandTone', () => {
  it('reads the best band green, the worst red and those between amber', () => {
    expect([0, 1, 2].map((i) => bandTone(i, 3))).toEqual(['low', 'medium', 'critical']);
    expect([0, 1, 2, 3].map((i) => bandTone(i, 4))).toEqual(['low', 'medium', 'medium', 'critical']);
  });

  it('keeps two bands as good and high, and an unknown band neutral', () => {
    expect([0, 1].map((i) => bandTone(i, 2))).toEqual(['low', 'high']);
    expect(bandTone(-1, 3)).toBe('neutral');
  });
});

describe('BandBadge', () => {
  it('names the band in the UI language, falling back to the other one', async () => {
    renderWithProviders(<BandBadge bands={bands} band="conditional" />);
    expect(screen.getByText('条件付き適合')).toBeInTheDocument();
    await i18n.changeLanguage('en');
    renderWithProviders(<BandBadge bands={bands} band="insufficient" />);
    expect(screen.getByText('Insufficient').closest('[data-band]')).toHaveAttribute('data-band', 'insufficient');
  });

  it('shows the key of a band the template does not list', () => {
    renderWithProviders(<BandBadge bands={bands} band="legacy" />);
    expect(screen.getByText('legacy')).toBeInTheDocument();
  });
});
