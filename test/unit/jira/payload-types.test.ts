// The mock Jira's payloads are jira.js's own types: the marked lines must fail the typecheck (tsc runs on tests).
import { describe, expect, it } from 'vitest';
import type { CloudFields, DataCenterFields } from '../../support/jira-world';

const status = { name: 'To Do' };
const base = { summary: 's', labels: [], components: [], status };

describe('mock Jira payload types', () => {
  it('reject fields of the wrong shape at compile time', () => {
    const cloudWithString: CloudFields = {
      ...base,
      // @ts-expect-error Cloud descriptions are ADF documents, not strings
      description: 'text',
    };
    const labelsAsString: DataCenterFields = {
      ...base,
      // @ts-expect-error labels are a list of strings
      labels: 'ai',
    };
    const invented: CloudFields = {
      ...base,
      // @ts-expect-error a field jira.js does not know
      aiModel: 'gpt-4o',
    };
    const dataCenterWiki: DataCenterFields = { ...base, description: 'h2. wiki' };
    expect([cloudWithString, labelsAsString, invented, dataCenterWiki]).toHaveLength(4);
  });
});
