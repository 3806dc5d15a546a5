import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { vendorsGetVendorOptions, vendorsListVendorsOptions } from '../client/@tanstack/react-query.gen';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange' | 'filter'> & {
  value?: string | null;
  onChange: (vendorId: string | null) => void;
  /** A vendor that may not be picked (e.g. the one being edited). */
  exclude?: string;
};

/**
 * A vendor of the register, searched on the server by name, kana or corporate number. A chosen
 * vendor keeps its name even when it is not among the current search results (or came from the URL).
 */
export function VendorSelect({ value = null, onChange, exclude, ...props }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const candidates = useQuery({
    ...vendorsListVendorsOptions({ query: { q: q.trim() || undefined, size: 50, sort: 'name' } }),
    placeholderData: keepPreviousData,
  });
  const options = (candidates.data?.items ?? []).filter((v) => v.id !== exclude).map((v) => ({ value: v.id, label: v.name }));
  const known = value === null || options.some((o) => o.value === value) || picked?.value === value;
  const current = useQuery({ ...vendorsGetVendorOptions({ path: { vendor_id: value ?? '' } }), enabled: !known });
  if (picked && picked.value === value && !options.some((o) => o.value === picked.value)) options.unshift(picked);
  if (!known && current.data) options.unshift({ value: current.data.id, label: current.data.name });

  return (
    <Select
      searchable
      data={options}
      filter={({ options: all }) => all}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={t('common.noResults')}
      {...props}
      value={value}
      onChange={(id, option) => {
        setPicked(id && option ? { value: id, label: option.label } : null);
        onChange(id);
      }}
    />
  );
}
