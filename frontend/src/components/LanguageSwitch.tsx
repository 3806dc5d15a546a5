import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES, type Language } from '../i18n';

export function LanguageSwitch({ onChange, size = 'xs' }: { onChange: (lang: Language) => void; size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('language.label')}
      value={i18n.language}
      onChange={(v) => isLanguage(v) && onChange(v)}
      data={LANGUAGES.map((lang) => ({ value: lang, label: lang === 'ja' ? '日本語' : 'English' }))}
    />
  );
}
