import { Button, Checkbox, Group, MultiSelect, Select, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { VendorSelect } from './VendorSelect';

// The filter row above a list. Each control shows the URL's value and reports a change as the value to put back in
// the URL: `undefined` for "any" (an empty choice, an unticked box), so an unfiltered list has a clean URL.

type Options<T extends string> = { options: readonly T[]; optionLabel: (value: T) => string };

/** The row the filters stand in, bottoms aligned, wrapping on narrow screens. */
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
      {children}
    </Group>
  );
}

/** Free text, sent once typing pauses; emptied when the URL's value goes (e.g. "clear filters"). */
export function SearchFilter({
  label,
  placeholder,
  value,
  onChange,
  minWidth = 220,
}: {
  label: string;
  placeholder: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  minWidth?: number;
}) {
  const [text, setText] = useState(value ?? '');
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (value === undefined) setText('');
  }
  const send = useDebouncedCallback((typed: string) => onChange(typed.trim() || undefined), 350);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} />}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        send(e.currentTarget.value);
      }}
      style={{ flex: `1 1 ${minWidth}px` }}
    />
  );
}

/** Any number of values of one kind ("all" when none is chosen). */
export function MultiFilter<T extends string>({
  label,
  value,
  onChange,
  options,
  optionLabel,
  w,
}: Options<T> & { label: string; value: readonly NoInfer<T>[] | undefined; onChange: (value: T[] | undefined) => void; w: number }) {
  const { t } = useTranslation();
  return (
    <MultiSelect
      label={label}
      placeholder={value?.length ? undefined : t('common.all')}
      clearable
      value={value ? [...value] : []}
      onChange={(v) => onChange(v.length ? (v as T[]) : undefined)}
      data={options.map((o) => ({ value: o, label: optionLabel(o) }))}
      w={w}
    />
  );
}

/** One value of a kind, or "all". */
export function SelectFilter<T extends string>({
  label,
  value,
  onChange,
  options,
  optionLabel,
  searchable,
  w,
}: Options<T> & { label: string; value: NoInfer<T> | undefined; onChange: (value: T | undefined) => void; searchable?: boolean; w: number }) {
  const { t } = useTranslation();
  return (
    <Select
      label={label}
      placeholder={t('common.all')}
      clearable
      searchable={searchable}
      value={value ?? null}
      onChange={(v) => onChange((v as T | null) ?? undefined)}
      data={options.map((o) => ({ value: o, label: optionLabel(o) }))}
      w={w}
    />
  );
}

/** The list's order: always one of the options, the first being the list's default. */
export function SortSelect<T extends string>({
  label,
  value,
  onChange,
  options,
  optionLabel,
  w,
}: Options<T> & { label: string; value: string | undefined; onChange: (value: T | undefined) => void; w: number }) {
  return (
    <Select
      label={label}
      allowDeselect={false}
      value={value ?? options[0]}
      onChange={(v) => onChange((v as T | null) ?? undefined)}
      data={options.map((o) => ({ value: o, label: optionLabel(o) }))}
      w={w}
    />
  );
}

/** The register's vendor, searched on the server. */
export function VendorFilter({ label, value, onChange, w }: { label: string; value: string | undefined; onChange: (vendorId: string | undefined) => void; w: number }) {
  const { t } = useTranslation();
  return <VendorSelect label={label} placeholder={t('common.all')} clearable value={value ?? null} onChange={(v) => onChange(v ?? undefined)} w={w} />;
}

/** A yes-only narrowing ("overdue only"), with what it means on hover and focus when `hint` is given. */
export function FlagFilter({
  label,
  hint,
  hintWidth = 280,
  value,
  onChange,
}: {
  label: string;
  hint?: string;
  hintWidth?: number;
  value: boolean | undefined;
  onChange: (value: true | undefined) => void;
}) {
  const box = <Checkbox label={label} checked={!!value} onChange={(e) => onChange(e.currentTarget.checked || undefined)} mb={8} />;
  if (!hint) return box;
  return (
    <Tooltip label={hint} withArrow multiline w={hintWidth} events={{ hover: true, focus: true, touch: false }}>
      {box}
    </Tooltip>
  );
}

/** Shown while any filter is set. */
export function ClearFilters({ shown, onClear }: { shown: boolean; onClear: () => void }) {
  const { t } = useTranslation();
  if (!shown) return null;
  return (
    <Button variant="subtle" onClick={onClear}>
      {t('common.clearFilters')}
    </Button>
  );
}
