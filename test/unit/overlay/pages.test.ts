// Host and page detection from the address alone, including addresses built to fool it.
import { describe, expect, it } from 'vitest';
import { HOST_MATCHES, overlayHostOf } from '../../../extension/overlay/hosts';
import { appliesTo } from '../../../extension/overlay/contract';
import jiraIssueAssessment from '../../../extension/features/jira-issue-assessment';
import {
  isJiraBoard,
  isJiraIssue,
  jiraIssueKey,
  jiraProjectKey,
} from '../../../extension/overlay/jira-pages';
import {
  isSharePointDocument,
  isSharePointLibrary,
  isSharePointList,
  sharePointDocument,
  sharePointSite,
} from '../../../extension/overlay/sharepoint-pages';

const u = (address: string) => new URL(address);

describe('overlayHostOf', () => {
  it.each([
    ['https://github.com/acme/app/pull/3', 'github'],
    ['https://GitHub.com/acme', 'github'],
    ['https://acme.atlassian.net/browse/AIMS-1', 'jira'],
    ['https://acme.sharepoint.com/sites/aims', 'sharepoint'],
    ['https://acme-my.sharepoint.com/personal/x', 'sharepoint'],
  ])('%s is %s', (address, host) => expect(overlayHostOf(address)).toBe(host));

  it.each([
    'http://github.com/acme',
    'https://github.com.evil.example/acme',
    'https://gist.github.com/x',
    'https://evil-atlassian.net/browse/A-1',
    'https://atlassian.net/browse/A-1',
    'https://acme.atlassian.net.evil.example/browse/A-1',
    'https://sharepoint.com/sites/x',
    'https://user:pass@github.com/acme',
    'https://github.com:8443/acme',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('%s is no overlay host', (address) => expect(overlayHostOf(address)).toBeUndefined());

  it('agrees with the content scripts’ match patterns', () => {
    expect(HOST_MATCHES).toEqual({
      github: ['https://github.com/*'],
      jira: ['https://*.atlassian.net/*'],
      sharepoint: ['https://*.sharepoint.com/*'],
    });
  });
});

describe('Jira pages', () => {
  it.each([
    ['https://acme.atlassian.net/browse/AIMS-142', 'AIMS-142'],
    ['https://acme.atlassian.net/jira/software/c/projects/AIMS/boards/3?selectedIssue=AIMS-7', 'AIMS-7'],
    ['https://acme.atlassian.net/jira/software/projects/AIMS/issues/AIMS-9', 'AIMS-9'],
    ['https://acme.atlassian.net/jira/servicedesk/projects/HELP/queues/custom/1/HELP-12', 'HELP-12'],
    ['https://acme.atlassian.net/browse/A_B2-1', 'A_B2-1'],
  ])('%s shows %s', (address, key) => {
    expect(jiraIssueKey(u(address))).toBe(key);
    expect(isJiraIssue(u(address))).toBe(true);
  });

  it.each([
    'https://acme.atlassian.net/browse/aims-1',
    'https://acme.atlassian.net/browse/AIMS-0',
    'https://acme.atlassian.net/browse/AIMS-1/extra',
    'https://acme.atlassian.net/browse/1AIMS-1',
    'https://acme.atlassian.net/jira/software/c/projects/AIMS/boards/3?selectedIssue=%3Cimg%3E-1',
    'https://acme.atlassian.net/wiki/spaces/AIMS-1',
    'https://acme.atlassian.net/jira/your-work',
    // A context path is Data Center's: on a Cloud site, /x/browse/KEY is no issue page.
    'https://acme.atlassian.net/jira/browse/AIMS-1',
    'https://jira.acme.example/jira/browse/aims-1',
    'https://jira.acme.example/jira/browse/AIMS-1/comments',
    'https://jira.acme.example/jira/secure/Dashboard.jspa',
  ])('%s shows no issue', (address) => expect(jiraIssueKey(u(address))).toBeUndefined());

  it.each([
    ['https://jira.acme.example/browse/RISK-7', 'RISK-7'],
    ['https://jira.acme.example/jira/browse/RISK-7', 'RISK-7'],
    ['https://jira.acme.example:8443/tools/jira/browse/RISK-7', 'RISK-7'],
    ['https://jira.acme.example/secure/RapidBoard.jspa?rapidView=4&selectedIssue=RISK-8', 'RISK-8'],
  ])('Data Center: %s shows %s, and the Jira panel runs there', (address, key) => {
    expect(jiraIssueKey(u(address))).toBe(key);
    expect(isJiraIssue(u(address))).toBe(true);
    expect(appliesTo(jiraIssueAssessment, u(address))).toBe(true);
  });

  it('recognises boards and project keys', () => {
    expect(isJiraBoard(u('https://acme.atlassian.net/jira/software/c/projects/AIMS/boards/3'))).toBe(true);
    expect(isJiraBoard(u('https://acme.atlassian.net/jira/software/projects/AIMS/boards/3/backlog'))).toBe(
      true,
    );
    expect(isJiraBoard(u('https://acme.atlassian.net/browse/AIMS-3'))).toBe(false);
    expect(jiraProjectKey(u('https://acme.atlassian.net/jira/software/c/projects/AIMS/boards/3'))).toBe(
      'AIMS',
    );
    expect(jiraProjectKey(u('https://acme.atlassian.net/browse/AIMS-3'))).toBeUndefined();
  });
});

describe('SharePoint pages', () => {
  const base = 'https://harbormutual.sharepoint.com';

  it('reads the document of a direct address, decoding the path', () => {
    expect(sharePointDocument(u(`${base}/sites/aims/Shared%20Documents/ai-policy.docx`))).toEqual({
      site: '/sites/aims',
      path: '/sites/aims/Shared Documents/ai-policy.docx',
    });
  });

  it('reads a sharing link and a library preview', () => {
    expect(sharePointDocument(u(`${base}/:w:/r/sites/aims/Shared%20Documents/plan.docx?d=w1&csf=1`))).toEqual(
      {
        site: '/sites/aims',
        path: '/sites/aims/Shared Documents/plan.docx',
      },
    );
    const preview = `${base}/sites/aims/Shared%20Documents/Forms/AllItems.aspx?id=%2Fsites%2Faims%2FShared%20Documents%2Freport.pdf`;
    expect(sharePointDocument(u(preview))).toEqual({
      site: '/sites/aims',
      path: '/sites/aims/Shared Documents/report.pdf',
    });
  });

  it('reads the viewer’s unique id, braces and case normalised', () => {
    const viewer = `${base}/:x:/r/sites/risk/_layouts/15/Doc.aspx?sourcedoc=%7B0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9%7D&file=register.xlsx`;
    expect(sharePointDocument(u(viewer))).toEqual({
      site: '/sites/risk',
      uniqueId: '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9',
      name: 'register.xlsx',
    });
    const direct = `${base}/sites/risk/_layouts/15/Doc.aspx?sourcedoc=%7B0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9%7D&file=register.xlsx`;
    expect(sharePointDocument(u(direct))).toEqual({
      site: '/sites/risk',
      uniqueId: '0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9',
      name: 'register.xlsx',
    });
    expect(
      sharePointDocument(u(`${base}/sites/risk/_layouts/15/Doc.aspx?sourcedoc=not-a-guid`)),
    ).toBeUndefined();
  });

  it('tells lists, libraries and sites apart', () => {
    expect(isSharePointList(u(`${base}/sites/aims/Lists/AI%20Register/AllItems.aspx`))).toBe(true);
    expect(isSharePointLibrary(u(`${base}/sites/aims/Shared%20Documents/Forms/AllItems.aspx`))).toBe(true);
    expect(isSharePointDocument(u(`${base}/sites/aims/Shared%20Documents/Forms/AllItems.aspx`))).toBe(false);
    expect(isSharePointDocument(u(`${base}/sites/aims/SitePages/Home.aspx`))).toBe(false);
    expect(sharePointSite(u(`${base}/teams/risk/Shared%20Documents/a.pdf`))).toBe('/teams/risk');
    expect(sharePointSite(u(`${base}/Shared%20Documents/a.pdf`))).toBe('/');
  });

  it('survives a malformed percent-encoding', () => {
    expect(sharePointDocument(u(`${base}/sites/aims/Shared%20Documents/bad%E0%A4%A.docx`))?.site).toBe(
      '/sites/aims',
    );
  });
});
