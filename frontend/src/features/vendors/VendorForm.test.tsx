import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, stubApi } from '../../test/fetch';
import { renderWithProviders } from '../../test/render';
import { fill } from '../../test/user';
import { VendorForm } from './VendorForm';

function setup() {
  const onSaved = vi.fn();
  renderWithProviders(<VendorForm owners={[{ value: '0b7c1a7e-0000-4000-8000-000000000009', label: '情報管理 花子' }]} onSaved={onSaved} onCancel={() => {}} />);
  return { onSaved, user: userEvent.setup() };
}

const name = () => screen.getByRole('textbox', { name: '名称' });
const number = () => screen.getByRole('textbox', { name: '法人番号' });
const submit = () => screen.getByRole('button', { name: '登録する' });

describe('VendorForm', () => {
  it('checks the required name and the shape of the corporate number before calling the API', async () => {
    const { calls } = stubApi();
    const { user } = setup();
    await fill(user, number(), '12345');
    await fill(user, screen.getByRole('textbox', { name: /^ウェブサイト/ }), 'crm.example.com');
    await user.click(submit());
    expect(await screen.findByText('入力してください。')).toBeInTheDocument();
    expect(screen.getByText('法人番号は 13 桁の数字で入力してください。')).toBeInTheDocument();
    expect(screen.getByText('http:// または https:// で始まる URL を入力してください。')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('puts the API’s check-digit error on the corporate number, with the digit it expects', async () => {
    const { calls } = stubApi(
      json(422, {
        error: 'validation_error',
        detail: [
          {
            loc: ['body', 'corporate_number'],
            msg: 'Value error, the check digit (first digit) should be 7 for the other twelve digits; check for a typo',
            type: 'value_error',
          },
        ],
      }),
    );
    const { user, onSaved } = setup();
    await fill(user, name(), '株式会社テスト');
    await fill(user, number(), '8000-0120-50002');
    await user.click(submit());
    expect(
      await screen.findByText('法人番号のチェックディジット（先頭の 1 桁）が合いません。残りの 12 桁からは 7 になるはずです。入力ミスがないかご確認ください。'),
    ).toBeInTheDocument();
    expect(number()).toHaveAttribute('aria-invalid', 'true');
    expect(onSaved).not.toHaveBeenCalled();
    expect(await calls[0]?.json()).toMatchObject({ name: '株式会社テスト', corporate_number: '8000012050002', country: 'JP', status: 'candidate' });
  });

  it('maps a wrong length, a country pattern and an unknown owner from the API to their fields', async () => {
    stubApi(
      json(422, {
        error: 'validation_error',
        detail: [
          { loc: ['body', 'corporate_number'], msg: 'Value error, a corporate number has exactly 13 digits', type: 'value_error' },
          { loc: ['body', 'country'], msg: "String should match pattern '^[A-Z]{2}$'", type: 'string_pattern_mismatch' },
        ],
      }),
      json(422, { error: 'invalid_reference', detail: [{ loc: ['body', 'owner_user_id'], msg: 'not a member of your organisation', type: 'invalid_reference' }] }),
    );
    const { user } = setup();
    await fill(user, name(), 'Northwind');
    await user.click(submit());
    expect(await screen.findByText('法人番号は 13 桁の数字で入力してください。')).toBeInTheDocument();
    expect(screen.getByText('英大文字 2 文字の国コード（例: JP）で入力してください。')).toBeInTheDocument();
    await user.click(submit());
    expect(await screen.findByText('組織のメンバーから選んでください。')).toBeInTheDocument();
  });

  it('says on the field when another vendor has the corporate number', async () => {
    stubApi(json(409, { error: 'corporate_number_taken', detail: 'x' }));
    const { user } = setup();
    await fill(user, name(), '重複 株式会社');
    await fill(user, number(), '7000012050002');
    await user.click(submit());
    expect(await screen.findByText('この法人番号の委託先はすでに台帳に登録されています。')).toBeInTheDocument();
  });

  it('hands the created vendor over', async () => {
    const created = { id: '0b7c1a7e-0000-4000-8000-000000000001', name: '給与クラウド株式会社' };
    stubApi(json(201, created));
    const { user, onSaved } = setup();
    await fill(user, name(), '給与クラウド株式会社');
    await user.click(screen.getByRole('checkbox', { name: '当社の重要な機密情報を委託先のシステムで扱う' }));
    await user.click(submit());
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(created, expect.anything(), undefined, expect.anything()));
  });
});
