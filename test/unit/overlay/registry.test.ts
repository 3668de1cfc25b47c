// Every overlay feature file is registered with its host's content script and documented, and its
// declared test URLs are pages it actually runs on.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appliesTo,
  defineFeature,
  OVERLAY_HOSTS,
  type FeatureDefinition,
} from '../../../extension/overlay/contract';
import { overlayHostOf } from '../../../extension/overlay/hosts';
import { FEATURES_BY_HOST } from '../../../extension/overlay/registry';

const FEATURES_DIR = join(process.cwd(), 'extension', 'features');
const DOCS = readFileSync(join(process.cwd(), 'docs', 'overlays.md'), 'utf8');

const files = readdirSync(FEATURES_DIR).sort();
const loaded = await Promise.all(
  files.map(async (file) => {
    const module: { default?: FeatureDefinition } = await import(join(FEATURES_DIR, file));
    return { file, id: basename(file).replace(/\.tsx?$/, ''), feature: module.default };
  }),
);
const registered = Object.values(FEATURES_BY_HOST).flat();

/** Rows of the "Features" table: | `id` | host | description | */
const documented = new Map(
  [...DOCS.slice(DOCS.indexOf('## Features')).matchAll(/^\| `([a-z0-9-]+)` \| ([a-z]+) \| (.+?) \|$/gm)].map(
    (m) => [m[1] ?? '', { host: m[2], description: m[3] }],
  ),
);

describe('overlay feature registry', () => {
  it('finds feature files, each a .tsx default-exporting a feature named after the file', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const { file, id, feature } of loaded) {
      expect(file, 'feature files are .tsx').toMatch(/\.tsx$/);
      expect(feature, `${file} default-exports defineFeature(...)`).toBeDefined();
      expect(feature?.id).toBe(id);
    }
  });

  it('registers every feature file exactly once, in its own host list', () => {
    for (const { id, feature } of loaded) {
      if (!feature) continue;
      const host = feature.host;
      expect(OVERLAY_HOSTS).toContain(host);
      expect(FEATURES_BY_HOST[host], `${id} is registered for ${host}`).toContain(feature);
      expect(registered.filter((f) => f.id === id)).toHaveLength(1);
    }
  });

  it('registers nothing that is not a file in extension/features/', () => {
    const ids = new Set(loaded.map((l) => l.id));
    for (const [host, features] of Object.entries(FEATURES_BY_HOST)) {
      for (const feature of features) {
        expect(ids.has(feature.id), `${feature.id} has a file`).toBe(true);
        expect(feature.host).toBe(host);
      }
    }
  });

  it('documents every feature in docs/overlays.md with its host and description, and nothing else', () => {
    for (const feature of registered) {
      expect(documented.get(feature.id), `${feature.id} is in the Features table`).toEqual({
        host: feature.host,
        description: feature.description,
      });
    }
    expect([...documented.keys()].sort()).toEqual(registered.map((f) => f.id).sort());
  });

  it("runs each feature on its test URLs, which belong to the feature's host", () => {
    for (const feature of registered) {
      for (const address of feature.testUrls) {
        expect(overlayHostOf(address), address).toBe(feature.host);
        expect(appliesTo(feature, new URL(address)), `${feature.id} runs on ${address}`).toBe(true);
      }
    }
  });

  it('does not run a feature on another host’s pages', () => {
    const elsewhere = registered.flatMap((f) => f.testUrls.map((u) => ({ host: f.host, url: new URL(u) })));
    for (const feature of registered) {
      for (const { host, url } of elsewhere) {
        if (host !== feature.host)
          expect(appliesTo(feature, url), `${feature.id} on ${url.href}`).toBe(false);
      }
    }
  });
});

describe('defineFeature', () => {
  const valid: FeatureDefinition = {
    id: 'jira-example',
    host: 'jira',
    description: 'An example.',
    include: [() => true],
    testUrls: ['https://acme.atlassian.net/browse/AIMS-1'],
    init: () => undefined,
  };

  it.each([
    ['a non-kebab id', { id: 'Jira_Example' }, /kebab-case/],
    ['an id without its host prefix', { id: 'example' }, /must start with its host/],
    ['another host’s prefix', { id: 'github-example' }, /must start with its host "jira-"/],
    ['no include predicate', { include: [] }, /no include predicate/],
    ['no test URL', { testUrls: [] }, /no test URL/],
    ['a blank description', { description: '  ' }, /no description/],
  ])('refuses %s', (_label, change, message) => {
    expect(() => defineFeature({ ...valid, ...change })).toThrow(message);
  });

  it('does not run a feature whose include or exclude predicate throws', () => {
    const feature = defineFeature({
      ...valid,
      include: [
        () => {
          throw new Error('broken predicate');
        },
      ],
    });
    expect(appliesTo(feature, new URL('https://acme.atlassian.net/browse/AIMS-1'))).toBe(false);
    const excluded = defineFeature({
      ...valid,
      exclude: [
        () => {
          throw new Error('broken');
        },
      ],
    });
    expect(appliesTo(excluded, new URL('https://acme.atlassian.net/browse/AIMS-1'))).toBe(false);
    expect(appliesTo(defineFeature(valid), new URL('https://acme.atlassian.net/browse/AIMS-1'))).toBe(true);
  });
});
