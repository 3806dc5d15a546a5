import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, stubApi } from '../../test/fetch';
import { renderWithProviders } from '../../test/render';
import { fill } from '../../test/user';
import { InviteUserForm } from './InviteUserForm';

function setup() {
  const onInvited = vi.fn();
  renderWithProviders(<InviteUserForm onInvited={onInvited} onCancel={() => {}} />);
  return { onInvited, user: userEvent.setup() };
}

const email = () => screen.getByRole('textbox', { name: 'メールアドレス' });
const name = () => screen.getByRole('textbox', { name: '名前' });
const submit = () => screen.getByRole('button', { name: '招待する' });

describe('InviteUserForm', () => {
  it('asks for every required field before calling the API', async () => {
    const { calls } = stubApi();
    const { user } = setup();
    await user.click(submit());
    expect(await screen.findAllByText('入力してください。')).toHaveLength(2);
    expect(calls).toHaveLength(0);
  });

  it('explains a malformed email address', async () => {
    stubApi();
    const { user } = setup();
    await fill(user, email(), 'not-an-email');
    await fill(user, name(), '山田 花子');
    await user.click(submit());
    expect(await screen.findByText('メールアドレスの形式で入力してください。')).toBeInTheDocument();
  });

  it('puts the API’s 422 field errors on the fields', async () => {
    const { calls } = stubApi(
      json(422, {
        error: 'validation_error',
        detail: [
          { loc: ['body', 'email'], msg: 'value is not a valid email address: bad domain', type: 'value_error' },
          { loc: ['body', 'name'], msg: 'String should have at most 200 characters', type: 'string_too_long' },
        ],
      }),
    );
    const { user, onInvited } = setup();
    await fill(user, email(), 'someone@example.invalid');
    await fill(user, name(), '山田');
    await user.click(submit());
    expect(await screen.findByText('メールアドレスの形式で入力してください。')).toBeInTheDocument();
    expect(screen.getByText('200 文字以内で入力してください。')).toBeInTheDocument();
    expect(email()).toHaveAttribute('aria-invalid', 'true');
    expect(onInvited).not.toHaveBeenCalled();
    expect(await calls[0]?.json()).toEqual({ email: 'someone@example.invalid', name: '山田', role: 'viewer' });
  });

  it('shows already_member on the email field', async () => {
    stubApi(json(409, { error: 'already_member', detail: 'x' }));
    const { user } = setup();
    await fill(user, email(), 'risk.manager@demo.itaku.example');
    await fill(user, name(), '太郎');
    await user.click(submit());
    expect(await screen.findByText(/すでに組織のメンバーです/)).toBeInTheDocument();
  });

  it('hands the invitation link over on success', async () => {
    const invited = {
      id: '0b7c1a7e-0000-4000-8000-000000000001',
      email: 'new@example.com',
      name: '新人',
      role: 'viewer',
      status: 'invited',
      created_at: '2026-01-05T00:00:00Z',
      version: 1,
      invitation_url: 'http://127.0.0.1:8000/accept-invitation?token=abc',
    };
    stubApi(json(201, invited));
    const { user, onInvited } = setup();
    await fill(user, email(), 'new@example.com');
    await fill(user, name(), '新人');
    await user.click(submit());
    await waitFor(() => expect(onInvited).toHaveBeenCalledWith(invited, expect.anything(), undefined, expect.anything()));
  });
});
