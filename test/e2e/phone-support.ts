/**
 * What the #17 phone walks share: a 390×844 touch screen, logging in through the console, the
 * check that no page is wider than the screen (with a screenshot kept as a CI artifact) and the
 * check that a button is thumb-sized. Screenshots go to test-artifacts/screenshots/phone-*.png.
 */
import { mkdirSync } from 'fs';
import { join } from 'path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
export const PHONE = { width: 390, height: 844 };

export function launchChromium(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}

/** A phone: 390×844, touch, Chinese. Downloads are kept so an export can be read back. */
export const phoneContext = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true, acceptDownloads: true });

/** Logs in through the login page and waits for the page `next` names (or the role's home). */
export async function logIn(page: Page, url: string, username: string, next?: string): Promise<void> {
  await page.goto(`${url}/#/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('hub12345');
  await page.getByTestId('login-submit').tap();
  await page.getByTestId('current-user').waitFor({ state: 'attached' });
}

/** Opens a view from the ☰ menu, as a thumb would (`'系统管理', '分拨规则'`: a sub-menu opened unless it is); the menu closes once a view is chosen. */
export async function openFromMenu(page: Page, ...labels: string[]): Promise<void> {
  await page.getByTestId('menu-toggle').tap();
  const menu = page.getByTestId('nav-drawer');
  const view = menu.getByText(labels[labels.length - 1], { exact: true });
  for (const sub of labels.slice(0, -1)) {
    await menu.getByText(sub, { exact: true }).waitFor();
    if (!(await view.isVisible())) await menu.getByText(sub, { exact: true }).tap();
  }
  await view.tap();
  await menu.waitFor({ state: 'hidden' });
}

/**
 * Neither the page nor the layout's scrolling main area is wider than the phone, and nothing on it
 * sticks out or scrolls sideways inside (wideElements: a wide table's inner scroll bar); the screenshot is kept.
 */
export async function fitsScreen(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(SHOTS, `phone-${name}.png`), fullPage: true });
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
  const main = page.locator('.main');
  if (await main.count()) expect(await main.evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  expect({ page: name, wide: await wideElements(page) }).toEqual({ page: name, wide: [] });
}

/** A button a thumb can hit: at least 40 px high and inside the screen. */
export async function thumbSized(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).first().boundingBox();
  expect(box).not.toBeNull();
  expect(box!.height).toBeGreaterThanOrEqual(40);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
}

/** An open dialog lies within the screen's width. */
export async function dialogFits(page: Page, testId: string): Promise<void> {
  const box = await page
    .getByTestId(testId)
    .locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " el-dialog ")][1]')
    .boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
}

/** The API as a test sets data up with it: JSON in and out, a refusal thrown with its body. */
export function apiClient(url: string) {
  return async <T = Record<string, unknown>>(token: string | null, method: string, path: string, body?: object): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** The little of the DOM wideElements reads in the page (the tests are typed without the DOM library). */
interface DomElement {
  namespaceURI: string | null;
  tagName: string;
  className: unknown;
  innerText?: string;
  scrollWidth: number;
  clientWidth: number;
  parentElement: DomElement | null;
  checkVisibility(options: object): boolean;
  getBoundingClientRect(): { left: number; right: number; width: number; height: number };
  closest(selector: string): DomElement | null;
  getAttribute(name: string): string | null;
}
interface Dom {
  document: { body: { querySelectorAll(selector: string): ArrayLike<DomElement> } };
  getComputedStyle(el: DomElement): { overflowX: string };
}

/**
 * What on the page sticks out of a phone's screen: a visible element reaching past either edge, or a
 * box scrolled sideways inside (a wide table's inner scroll bar). Only the outermost offender of
 * each branch is named (tag, test id, class and its first words), so a failure says where to look.
 */
export function wideElements(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const dom = globalThis as unknown as Dom;
    const bad = new Set<DomElement>();
    const out: string[] = [];
    for (const el of Array.from(dom.document.body.querySelectorAll('*'))) {
      if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml' || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') continue;
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const scrolls = el.scrollWidth > el.clientWidth + 1 && /auto|scroll/.test(dom.getComputedStyle(el).overflowX);
      if (r.left >= -1 && r.right <= width + 1 && !scrolls) continue;
      bad.add(el);
      if (el.parentElement && bad.has(el.parentElement)) continue;
      const id = el.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
      const text = (el.innerText || '').replace(/\s+/g, ' ').slice(0, 30);
      out.push(
        `${el.tagName.toLowerCase()}.${String(el.className).split(' ').join('.')} in [${id}] ${scrolls ? 'scrolls sideways' : `${Math.round(r.left)}–${Math.round(r.right)}px`}: ${text}`,
      );
    }
    return out;
  }, PHONE.width);
}
