// The feature session: isolation between features, abort on navigation, re-run rules.
import { describe, expect, it, vi } from 'vitest';
import {
  defineFeature,
  type FeatureDefinition,
  type UrlPredicate,
} from '../../../extension/overlay/contract';
import { createFeatureSession } from '../../../extension/overlay/feature-manager';

const REPO = new URL('https://github.com/acme/app');
const ISSUES = new URL('https://github.com/acme/app/issues');
const onRepoHome = (url: URL) => url.pathname === '/acme/app';
const anywhere = () => true;
// The session never touches the document; features receive it as given.
const doc = {} as Document;

function feature(
  id: string,
  init: FeatureDefinition['init'],
  include: UrlPredicate[] = [anywhere],
): FeatureDefinition {
  return defineFeature({
    id: `github-${id}`,
    host: 'github',
    description: id,
    include,
    testUrls: [REPO.href],
    init,
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function session(features: FeatureDefinition[], signal = new AbortController().signal) {
  const report = vi.fn();
  return { report, session: createFeatureSession({ features, document: doc, signal, report }) };
}

describe('feature session', () => {
  it('keeps running the other features when one throws synchronously, rejects or never settles', async () => {
    const started: string[] = [];
    const features = [
      feature('throws', () => {
        started.push('throws');
        throw new Error('boom');
      }),
      feature('rejects', async () => {
        started.push('rejects');
        throw new Error('async boom');
      }),
      feature('hangs', () => {
        started.push('hangs');
        return new Promise<void>(() => undefined);
      }),
      feature('works', () => {
        started.push('works');
      }),
    ];
    const { session: s, report } = session(features);
    expect(() => s.run(REPO)).not.toThrow();
    await settle();
    expect(started).toEqual(['throws', 'rejects', 'hangs', 'works']);
    expect(report.mock.calls.map(([id, error]) => [id, (error as Error).message])).toEqual([
      ['github-throws', 'boom'],
      ['github-rejects', 'async boom'],
    ]);
    expect(s.running()).toEqual(['github-throws', 'github-rejects', 'github-hangs', 'github-works']);
  });

  it('starts only the features whose predicates match, with their id, the address and the document', async () => {
    const init = vi.fn();
    const { session: s } = session([
      feature('home', init, [onRepoHome]),
      feature('never', init, [() => false]),
    ]);
    s.run(REPO);
    await settle();
    expect(init).toHaveBeenCalledTimes(1);
    expect(init.mock.calls[0]?.[1]).toEqual({ featureId: 'github-home', url: REPO, document: doc });
  });

  it('aborts the running features on navigation and starts those for the new address', async () => {
    const signals: AbortSignal[] = [];
    const home = feature('home', (signal) => void signals.push(signal), [onRepoHome]);
    const { session: s } = session([home]);
    s.run(REPO);
    await settle();
    s.navigate(ISSUES, false);
    await settle();
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    expect(s.running()).toEqual([]);
    s.navigate(REPO, false);
    await settle();
    expect(signals).toHaveLength(2);
    expect(signals[1]?.aborted).toBe(false);
  });

  it('re-runs at the same address only when the content was replaced', async () => {
    const init = vi.fn();
    const { session: s } = session([feature('any', init)]);
    s.run(REPO);
    s.navigate(REPO, false);
    await settle();
    expect(init).toHaveBeenCalledTimes(1);
    s.navigate(REPO, true);
    await settle();
    expect(init).toHaveBeenCalledTimes(2);
    expect((init.mock.calls[0]?.[0] as AbortSignal).aborted).toBe(true);
  });

  it('does not report a failure that comes after the feature was aborted', async () => {
    let fail: (error: Error) => void = () => undefined;
    const late = feature('late', () => new Promise<void>((_resolve, reject) => (fail = reject)));
    const { session: s, report } = session([late]);
    s.run(REPO);
    await settle();
    s.unload();
    fail(new Error('request cancelled by navigation'));
    await settle();
    expect(report).not.toHaveBeenCalled();
  });

  it('stops everything and starts nothing once the content script is invalidated', async () => {
    const controller = new AbortController();
    const signals: AbortSignal[] = [];
    const { session: s } = session(
      [feature('any', (signal) => void signals.push(signal))],
      controller.signal,
    );
    s.run(REPO);
    await settle();
    controller.abort();
    expect(signals[0]?.aborted).toBe(true);
    s.navigate(ISSUES, false);
    await settle();
    expect(signals).toHaveLength(1);
  });

  describe('settled', () => {
    /** A feature whose init finishes when the test says so, and whether settled() resolved yet. */
    function gated(id: string, include: UrlPredicate[] = [anywhere]) {
      let finish: (failure?: Error) => void = () => undefined;
      const def = feature(
        id,
        () =>
          new Promise<void>((resolve, reject) => {
            finish = (failure) => (failure ? reject(failure) : resolve());
          }),
        include,
      );
      return { def, finish: (failure?: Error) => finish(failure) };
    }
    const track = (promise: Promise<{ href: string | undefined; ids: string[] }>) => {
      const seen: { ids?: string[]; href?: string } = {};
      void promise.then(({ href, ids }) => Object.assign(seen, { href, ids }));
      return seen;
    };

    it('resolves with the running ids only once every init has finished, failed ones included', async () => {
      const slow = gated('slow');
      const failing = gated('failing');
      const { session: s, report } = session([slow.def, failing.def]);
      s.run(REPO);
      await settle();
      const seen = track(s.settled());
      await settle();
      expect(seen.ids).toBeUndefined();
      failing.finish(new Error('refused'));
      await settle();
      expect(seen.ids).toBeUndefined();
      slow.finish();
      await settle();
      expect(seen).toEqual({ href: REPO.href, ids: ['github-slow', 'github-failing'] });
      expect(report).toHaveBeenCalledTimes(1);
    });

    it('resolves with no ids on a page no feature applies to, even while a feature of the last page hangs', async () => {
      const hanging = gated('home', [onRepoHome]);
      const { session: s } = session([hanging.def]);
      s.run(REPO);
      await settle();
      s.navigate(ISSUES, false);
      expect(await s.settled()).toEqual({ href: ISSUES.href, ids: [] });
    });

    it('waits for the features a navigation starts while it waits', async () => {
      const home = gated('home', [onRepoHome]);
      const issues = gated('issues', [(url) => url.pathname.endsWith('/issues')]);
      const { session: s } = session([home.def, issues.def]);
      s.run(REPO);
      await settle();
      const seen = track(s.settled());
      s.navigate(ISSUES, false);
      home.finish();
      await settle();
      expect(seen.ids).toBeUndefined();
      issues.finish();
      await settle();
      expect(seen).toEqual({ href: ISSUES.href, ids: ['github-issues'] });
    });

    it('does not wait for a feature a navigation aborted, even one whose init never finishes', async () => {
      const hanging = gated('home', [onRepoHome]);
      const quick = feature('issues', () => undefined, [(url) => url.pathname.endsWith('/issues')]);
      const { session: s } = session([hanging.def, quick]);
      s.run(REPO);
      await settle();
      const seen = track(s.settled());
      s.navigate(ISSUES, false);
      await settle();
      expect(seen).toEqual({ href: ISSUES.href, ids: ['github-issues'] });
    });
  });
});
