import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ClauseRequirementRead } from '../../client/types.gen';
import { json, stubApi } from '../../test/fetch';
import { renderWithProviders } from '../../test/render';
import { fill } from '../../test/user';
import { RequirementForm } from './RequirementForm';

const own: ClauseRequirementRead = {
  key: 'org_domestic_storage',
  custom: true,
  id: '0b7c1a7e-0000-4000-8000-000000000001',
  version: 3,
  title: { ja: '国内での保管（海外移転の禁止）', en: 'Storage in Japan only' },
  standard_wording: { ja: '受託者は、委託データを日本国内においてのみ保管する。', en: 'The Contractor stores the data in Japan only.' },
  level: 'required',
  levels: { 'JP-APPI': 'required', 'JP-MYNUMBER': 'required', 'EU-GDPR': 'required' },
  required_for_my_number: false,
  parameters: [],
};

function setup(requirement?: ClauseRequirementRead) {
  const onSaved = vi.fn();
  const onStale = vi.fn();
  renderWithProviders(<RequirementForm requirement={requirement} onSaved={onSaved} onCancel={() => {}} onStale={onStale} />);
  return { onSaved, onStale, user: userEvent.setup() };
}

const field = (name: string | RegExp) => screen.getByRole('textbox', { name });
const save = () => screen.getByRole('button', { name: '保存' });

describe('RequirementForm', () => {
  it('asks for a title in one language at least, and a key of the API’s pattern', async () => {
    const { calls } = stubApi();
    const { user } = setup();
    await fill(user, field('キー'), 'Domestic');
    await user.click(save());
    expect(await screen.findByText('日本語か英語のどちらかで名称を入力してください。')).toBeInTheDocument();
    expect(screen.getByText('「org_」に続けて半角英小文字・数字・下線（60 文字まで）で入力してください。')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('sends a new requirement with blank texts and key left out', async () => {
    const { calls } = stubApi(json(201, { ...own, key: 'org_1a2b3c4d', title: { ja: '国内保管', en: '国内保管' }, standard_wording: null, version: 1 }));
    const { user, onSaved } = setup();
    await fill(user, field('名称（日本語）'), ' 国内保管 ');
    await user.click(screen.getByRole('radio', { name: '推奨' }));
    await user.click(save());
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ key: 'org_1a2b3c4d' }), true));
    expect(calls[0]?.method).toBe('POST');
    expect(await calls[0]?.json()).toEqual({ key: null, title: { ja: '国内保管', en: null }, standard_wording: null, level: 'desirable' });
  });

  it('shows a taken key on the key field', async () => {
    stubApi(json(409, { error: 'clause_requirement_key_taken', detail: 'x' }));
    const { user, onSaved } = setup();
    await fill(user, field('キー'), 'org_domestic_storage');
    await fill(user, field('名称（英語）'), 'Storage in Japan');
    await user.click(save());
    expect(await screen.findByText('このキーはすでに使われています。別のキーにしてください。')).toBeInTheDocument();
    expect(field('キー')).toHaveAttribute('aria-invalid', 'true');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('puts the API’s 422 errors on the nested text fields', async () => {
    stubApi(
      json(422, {
        error: 'validation_error',
        detail: [
          { loc: ['body', 'title', 'en'], msg: 'String should have at most 200 characters', type: 'string_too_long' },
          { loc: ['body', 'standard_wording', 'ja'], msg: 'String should have at most 5000 characters', type: 'string_too_long' },
        ],
      }),
    );
    const { user } = setup();
    await fill(user, field('名称（日本語）'), '国内保管');
    await fill(user, field('名称（英語）'), 'Storage');
    await user.click(save());
    expect(await screen.findByText('200 文字以内で入力してください。')).toBeInTheDocument();
    expect(field('名称（英語）')).toHaveAttribute('aria-invalid', 'true');
    expect(field(/標準文言（日本語）/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('keeps the key of an existing requirement and sends its version', async () => {
    const { calls } = stubApi(json(200, { ...own, version: 4, level: 'desirable' }));
    const { user, onSaved } = setup(own);
    expect(field('キー')).toHaveAttribute('readonly');
    await user.click(screen.getByRole('radio', { name: '推奨' }));
    await user.clear(field(/標準文言（英語）/));
    await user.click(save());
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ version: 4 }), false));
    expect(calls[0]?.method).toBe('PATCH');
    expect(calls[0]?.url).toContain(`/clause-requirements/${own.id}`);
    expect(await calls[0]?.json()).toEqual({
      version: 3,
      title: own.title,
      standard_wording: { ja: own.standard_wording?.ja, en: null },
      level: 'desirable',
    });
  });

  it('reloads when someone else changed the requirement first', async () => {
    stubApi(json(409, { error: 'stale_version', detail: 'x' }));
    const { user, onStale } = setup(own);
    await user.click(save());
    await waitFor(() => expect(onStale).toHaveBeenCalled());
  });
});
