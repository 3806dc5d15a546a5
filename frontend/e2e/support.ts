import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type APIResponse, type Locator, type Page } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { en as enBase } from '../src/i18n/en';
import { monitoringEn } from '../src/i18n/en/monitoring';
import { ja as jaBase } from '../src/i18n/ja';
import { monitoringJa } from '../src/i18n/ja/monitoring';

// Every message, the areas loaded when first needed included (src/i18n/areas.ts).
export const ja = { ...jaBase, monitoring: monitoringJa };
export const en = { ...enBase, monitoring: monitoringEn };

export const DEMO_ADMIN = { email: 'admin@demo.itaku.example', password: 'itaku-demo-2026' };
export const DEMO_MANAGER = { email: 'risk.manager@demo.itaku.example', password: 'itaku-demo-2026' };

type Messages = typeof ja;

export async function signIn(page: Page, who: { email: string; password: string }, m: Messages = ja): Promise<void> {
  if (!page.url().includes('/sign-in')) await page.goto('/sign-in');
  await page.getByRole('textbox', { name: m.signIn.email }).fill(who.email);
  await page.getByRole('textbox', { name: m.signIn.password, exact: true }).fill(who.password);
  await page.getByRole('button', { name: m.signIn.submit }).click();
  await expect(page.getByRole('button', { name: m.shell.userMenu })).toBeVisible();
}

/**
 * Signed in as `who` through the API, then at `path`: for journeys about something else (the sign-in form has its own
 * journey, sign-in.spec.ts). Each journey gets a session of its own: a storage state shared between journeys would
 * fail, as the session's refresh cookie is replaced at each use and an old one presented again ends the session.
 */
export async function openSignedIn(page: Page, who: { email: string; password: string }, path = '/', m: Messages = ja): Promise<void> {
  // page.request shares the page's cookies: the session's refresh cookie lands in the browser.
  const signedIn = await page.request.post('/api/v1/auth/token', { form: { username: who.email, password: who.password } });
  expect(signedIn.ok(), await signedIn.text()).toBeTruthy();
  // What signing in leaves in localStorage (lib/token.ts): the hint that makes the app renew its token from the cookie.
  const state = await page.context().storageState();
  const origin = new URL(signedIn.url()).origin;
  state.origins = [...state.origins.filter((o) => o.origin !== origin), { origin, localStorage: [{ name: 'itaku.signedIn', value: '1' }] }];
  await page.context().setStorageState(state);
  await page.goto(path);
  await expect(page.getByRole('button', { name: m.shell.userMenu })).toBeVisible();
}

/**
 * Close the notifications on screen, as a person does to reach what is under them: they sit over the header (user
 * menu, language switch, organisation switcher) until they time out (4 s, errors 8 s, longer while hovered).
 */
export async function dismissNotifications(page: Page): Promise<void> {
  const open = page.locator('.mantine-Notification-root');
  for (const close of await open.locator('.mantine-Notification-closeButton').all()) {
    // One that closed by itself meanwhile has nothing left to click.
    await close.click({ timeout: 2_000 }).catch(async (e: unknown) => {
      if (await close.isVisible()) throw e;
    });
  }
  await expect(open).toHaveCount(0);
}

/** Fails on serious or critical accessibility violations of what is on screen now. */
export async function expectAccessible(page: Page, context: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Check the settled page, not a frame of a fade: a half-transparent element fails contrast for nothing.
  await page.addStyleTag({
    content: '*, *::before, *::after { transition: none !important; animation: none !important; }',
  });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  // A dialog just closed stays in the page until its exit transition's timer ends (transparent at once, transitions
  // being off), and one just opened is transparent until it has entered. Wait for both: whether the dialog or the
  // page behind is checked must not depend on how fast the machine is.
  await page.waitForFunction(
    () => [...document.querySelectorAll('[role="dialog"]')].every((d) => d.getClientRects().length === 0 || getComputedStyle(d).opacity === '1'),
    undefined,
    { timeout: 10_000 },
  );
  // Legacy mode runs axe in the page itself. The default opens a blank page for every check to put the results
  // together, and injects axe there too, for the sake of cross-origin frames, which this app has none of: the same
  // results, without a page start per check.
  let axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode(true);
  // With a dialog open, what matters is the dialog: the page behind is dimmed by the overlay on purpose.
  if (await page.getByRole('dialog').count()) {
    axe = axe.exclude('#root'); // dialogs render in portals
  } else {
    // A dialog that just closed fades out; its overlay would dim the page under test.
    await expect(page.locator('.mantine-Modal-overlay, .mantine-Drawer-overlay')).toHaveCount(0);
  }
  const results = await axe.analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
  expect(bad, `accessibility violations on ${context}`).toEqual([]);
}

export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/** A valid, random 法人番号: twelve digits and the check digit in front (9 − Σ Pn·Qn mod 9). */
export function corporateNumber(): string {
  const base = Array.from({ length: 12 }, () => Math.floor(Math.random() * 10)).join('');
  const total = [...base].reverse().reduce((sum, d, i) => sum + Number(d) * (i % 2 === 0 ? 1 : 2), 0);
  return `${9 - (total % 9)}${base}`;
}

/** The total of the list on screen, read from the pager ("1–50 件 / 全 123 件"). */
export async function listTotal(page: Page): Promise<number> {
  const pager = page.getByText(/全 [\d,]+ 件/);
  await expect(pager).toBeVisible();
  const text = (await pager.textContent()) ?? '';
  return Number(/全 ([\d,]+) 件/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
}

/** Pick an option of a Mantine Select / MultiSelect by its label. */
export async function choose(page: Page, scope: Locator, label: string, option: string | RegExp): Promise<void> {
  // A MultiSelect's input sits under its pills box, which takes the click.
  await scope.getByRole('combobox', { name: label, exact: true }).click({ force: true });
  await page.getByRole('option', { name: option }).click();
}

/** The text of a DOCX, paragraph by paragraph: the w:t runs of word/document.xml. */
export function docxText(bytes: Buffer): string {
  const xml = strFromU8(unzipSync(new Uint8Array(bytes), { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']);
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
}

// The mails the backend sent, as the mail catcher of e2e/start-backend.sh keeps them (decoded, one JSON each).
// The port is the one playwright.config.ts picked (the runner passes it to the workers in the environment).
const MAIL_DIR = `/tmp/itaku-e2e-${process.env.E2E_PORT}/mail`;
export type Mail = { to: string; subject: string; body: string };

function mails(): Mail[] {
  return readdirSync(MAIL_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(`${MAIL_DIR}/${f}`, 'utf-8')) as Mail);
}

/** The newest mail to `address`, waiting for it to arrive. */
export async function mailTo(address: string): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(() => {
      found = mails().filter((m) => m.to === address).pop();
      return !!found;
    }, { message: `a mail to ${address}` })
    .toBe(true);
  return found as Mail;
}

/** The token of the link in a mail (`…#token=…` or `…?token=…`). */
export function linkToken(mail: Mail): string {
  return /token=([\w-]+)/.exec(mail.body)?.[1] ?? '';
}

/** Register an organisation as a person does: the form, then the link mailed to the address. Answers the
 *  confirmation's response (201 with the administrator's access token). */
export async function registerOrganization(
  request: APIRequestContext,
  options: { data: { organization_name: string; name: string; email: string; password: string } },
): Promise<APIResponse> {
  const asked = await request.post('/api/v1/auth/register', options);
  expect(asked.status(), await asked.text()).toBe(202);
  const token = linkToken(await mailTo(options.data.email));
  return request.post('/api/v1/auth/register/confirm', { data: { token } });
}

function base32(secret: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  return Buffer.from(bits.match(/.{8}/g)?.map((b) => parseInt(b, 2)) ?? []);
}

/** The code an authenticator app shows (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), `steps` steps from now. */
export function totp(secret: string, steps = 0): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + steps));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}
