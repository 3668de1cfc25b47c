// The periodic schedule's form on the dashboard (Jobs & exchange) in Chromium with the built
// extension: bad input refused in words, a schedule set from the keyboard, read back from the
// background and after a reload, its alarm present in the service worker with the interval asked,
// the next run shown as the alarm has it, and turning it off removing the alarm.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useExtension } from './support/fixture';

const ext = useExtension();
let page: Page;

interface AlarmInfo {
  name: string;
  scheduledTime: number;
  periodInMinutes?: number;
}

/** The schedule's alarm as the service worker sees it (chrome.alarms), or null. */
async function scheduleAlarm(): Promise<AlarmInfo | null> {
  const worker = ext.context.serviceWorkers()[0] ?? ext.worker;
  return worker.evaluate(async () => {
    const alarms = (globalThis as unknown as { chrome: { alarms: { get: (n: string) => Promise<unknown> } } })
      .chrome.alarms;
    return ((await alarms.get('aims-lens-schedule')) as AlarmInfo | undefined) ?? null;
  });
}

const localTime = (ms: number) => {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

const form = () => page.getByRole('form', { name: 'Periodic schedule' });
const hours = () => form().getByRole('spinbutton', { name: 'Run every (hours)' });
const refusal = () => page.getByTestId('schedule-refusal');

async function save(): Promise<void> {
  await form().getByRole('button', { name: 'Save schedule' }).click();
}

beforeAll(async () => {
  page = await ext.newPage(ext.url('dashboard.html#jobs'));
});

describe('the schedule form', () => {
  it('starts off, with no alarm and no next run', async () => {
    await expect.poll(() => page.getByTestId('schedule-in-force').textContent()).toBe('Off');
    expect(await page.getByTestId('schedule-next-run').textContent()).toBe('—');
    expect(await scheduleAlarm()).toBeNull();
    expect(await ext.axe(page)).toEqual([]);
  });

  it('refuses bad input in words and sets nothing', async () => {
    for (const [value, words] of [
      ['200', /whole number of hours from 1 to 168 \(a week\)/],
      ['1.5', /whole number of hours/],
      ['-3', /whole number of hours/],
      ['', /whole number of hours/],
    ] as const) {
      await hours().fill(value);
      await save();
      await expect.poll(() => refusal().textContent()).toMatch(words);
    }
    await hours().fill('6');
    await form()
      .getByRole('checkbox', { name: /Scan the register/ })
      .uncheck();
    await save();
    await expect
      .poll(() => refusal().textContent())
      .toBe('Choose what runs on the schedule: the register scan, a GitHub sync, or both.');
    await form().getByLabel('Scope').selectOption('org');
    await form().getByRole('textbox', { name: 'Name' }).fill('<img src=x onerror=alert(1)>');
    await save();
    await expect.poll(() => refusal().textContent()).toMatch(/GitHub owner name has only letters/);
    await form().getByLabel('Scope').selectOption('repos');
    await form().getByRole('textbox', { name: 'Name' }).fill('harbor/support-bot, not a repo');
    await save();
    await expect.poll(() => refusal().textContent()).toMatch(/owner\/name/);
    expect(await page.locator('img').count()).toBe(0);
    // The background refuses what the page would not send, too.
    expect(
      await ext.ask({ type: 'schedule/set', schedule: { intervalMinutes: 20_000, scan: true } }, page),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/a week/) });
    expect(await scheduleAlarm()).toBeNull();
    expect(await ext.ask({ type: 'schedule/get' }, page)).toEqual({
      ok: true,
      schedule: { intervalMinutes: 0, scan: false },
    });
    await ext.screenshot(page, 'schedule-refused');
  });

  it('sets a schedule from the keyboard, reads it back, and the alarm exists', async () => {
    await hours().fill('');
    await hours().focus();
    await page.keyboard.type('6');
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).type))
      .toBe('checkbox');
    await page.keyboard.press('Space');
    expect(
      await form()
        .getByRole('checkbox', { name: /Scan the register/ })
        .isChecked(),
    ).toBe(true);
    await form().getByLabel('Scope').selectOption('org');
    await form().getByRole('textbox', { name: 'Name' }).fill('harbor');
    const before = Date.now();
    await form().getByRole('textbox', { name: 'Name' }).press('Enter');
    await expect.poll(() => page.getByTestId('schedule-notice').textContent()).toMatch(/^Schedule saved\./);
    expect(await refusal().textContent()).toBe('');

    const alarm = await scheduleAlarm();
    expect(alarm).toMatchObject({ name: 'aims-lens-schedule', periodInMinutes: 360 });
    expect(alarm!.scheduledTime).toBeGreaterThanOrEqual(before + 6 * 3600_000 - 5_000);
    expect(alarm!.scheduledTime).toBeLessThanOrEqual(Date.now() + 6 * 3600_000 + 5_000);
    const read = await ext.ask({ type: 'schedule/get' }, page);
    expect(read).toEqual({
      ok: true,
      schedule: { intervalMinutes: 360, scan: true, githubScope: { org: 'harbor' } },
      nextRunAt: new Date(alarm!.scheduledTime).toISOString(),
    });
    expect(await page.getByTestId('schedule-in-force').textContent()).toBe(
      'Every 6 hours: register scan, GitHub sync of organisation harbor',
    );
    expect(await page.getByTestId('schedule-next-run').textContent()).toBe(localTime(alarm!.scheduledTime));

    // A reload shows the stored schedule, in force and in the form.
    await page.reload();
    await expect
      .poll(() => page.getByTestId('schedule-in-force').textContent())
      .toBe('Every 6 hours: register scan, GitHub sync of organisation harbor');
    expect(await hours().inputValue()).toBe('6');
    expect(await form().getByRole('textbox', { name: 'Name' }).inputValue()).toBe('harbor');
    expect(await form().getByLabel('Scope').inputValue()).toBe('org');
    await ext.screenshot(page, 'schedule-set');
    expect(await ext.axe(page)).toEqual([]);
  });

  it('turning it off removes the alarm', async () => {
    await hours().fill('0');
    await save();
    await expect
      .poll(() => page.getByTestId('schedule-notice').textContent())
      .toBe('Schedule turned off: no periodic run is set.');
    expect(await scheduleAlarm()).toBeNull();
    expect(await page.getByTestId('schedule-in-force').textContent()).toBe('Off');
    expect(await page.getByTestId('schedule-next-run').textContent()).toBe('—');
    expect(await ext.ask({ type: 'schedule/get' }, page)).toEqual({
      ok: true,
      schedule: { intervalMinutes: 0, scan: false },
    });
  });

  it('looks right in the dark', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await expect.poll(() => page.getByTestId('schedule-in-force').textContent()).toBe('Off');
    await ext.screenshot(page, 'schedule-dark');
    expect(await ext.axe(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('logged no console error, no uncaught error and opened no dialog', () => {
    expect(ext.problems).toEqual([]);
  });
});
