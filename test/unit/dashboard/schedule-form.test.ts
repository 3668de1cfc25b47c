// The schedule form's reading of what was typed: the Schedule the background gets, or a refusal in
// words — for the values a clumsy or hostile user types — and the schedule in words.
import { describe, expect, it } from 'vitest';
import { describeSchedule, scheduleFrom } from '../../../extension/dashboard/schedule-form';

const form = (patch: Partial<Parameters<typeof scheduleFrom>[0]> = {}) => ({
  hours: '6',
  scan: true,
  scopeKind: 'none' as const,
  scopeName: '',
  ...patch,
});

describe('the schedule form', () => {
  it('turns whole hours into minutes, with the scan and a GitHub scope', () => {
    expect(scheduleFrom(form())).toEqual({ schedule: { intervalMinutes: 360, scan: true } });
    expect(scheduleFrom(form({ hours: ' 168 ', scopeKind: 'org', scopeName: ' harbor ' }))).toEqual({
      schedule: { intervalMinutes: 10_080, scan: true, githubScope: { org: 'harbor' } },
    });
    expect(
      scheduleFrom(form({ scan: false, scopeKind: 'repos', scopeName: 'harbor/a, harbor/b.c\nowner/x' })),
    ).toEqual({
      schedule: {
        intervalMinutes: 360,
        scan: false,
        githubScope: { repos: ['harbor/a', 'harbor/b.c', 'owner/x'] },
      },
    });
    expect(scheduleFrom(form({ scopeKind: 'user', scopeName: 'octocat' }))).toMatchObject({
      schedule: { githubScope: { user: 'octocat' } },
    });
  });

  it('0 turns the schedule off, whatever else is filled in', () => {
    expect(scheduleFrom(form({ hours: '0', scopeKind: 'org', scopeName: 'harbor' }))).toEqual({
      schedule: { intervalMinutes: 0, scan: false },
    });
  });

  it('refuses intervals that are not 0 or 1 to 168 whole hours', () => {
    for (const hours of ['169', '1000', '1.5', '-1', '', ' ', 'six', '1e2', '0x10', '6h', '١']) {
      expect(scheduleFrom(form({ hours })), hours).toEqual({
        refusal:
          'The interval must be a whole number of hours from 1 to 168 (a week), or 0 to turn the schedule off.',
      });
    }
  });

  it('refuses a schedule that runs nothing, a scope without a name, and hostile names', () => {
    expect(scheduleFrom(form({ scan: false }))).toEqual({
      refusal: 'Choose what runs on the schedule: the register scan, a GitHub sync, or both.',
    });
    expect(scheduleFrom(form({ scopeKind: 'org', scopeName: '   ' }))).toEqual({
      refusal: 'Name the GitHub organisation, user or repositories to sync.',
    });
    for (const scopeName of ['<img src=x onerror=alert(1)>', '../../etc', 'a'.repeat(101), 'har bor']) {
      expect(scheduleFrom(form({ scopeKind: 'org', scopeName })), scopeName).toMatchObject({
        refusal: expect.stringMatching(/^A GitHub owner name has only letters/),
      });
    }
    for (const scopeName of ['harbor', 'harbor/a/b', 'harbor/<script>', '/a']) {
      expect(scheduleFrom(form({ scopeKind: 'repos', scopeName })), scopeName).toMatchObject({
        refusal: expect.stringMatching(/^Each repository must be written owner\/name/),
      });
    }
  });

  it('says the schedule in words', () => {
    expect(describeSchedule({ intervalMinutes: 0, scan: false })).toBe('Off');
    expect(describeSchedule({ intervalMinutes: 60, scan: true })).toBe('Every 1 hour: register scan');
    expect(
      describeSchedule({ intervalMinutes: 90, scan: false, githubScope: { repos: ['a/b', 'c/d'] } }),
    ).toBe('Every 90 minutes: GitHub sync of a/b, c/d');
    expect(describeSchedule({ intervalMinutes: 1440, scan: true, githubScope: { user: 'octocat' } })).toBe(
      'Every 24 hours: register scan, GitHub sync of user octocat',
    );
  });
});
