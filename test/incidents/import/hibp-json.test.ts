import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToText, mapDataClasses, parseHibpJson } from '../../../src/incidents/import/hibp-json.js';
import { DataFileError } from '../../../src/incidents/problems.js';
import { SHARED_DATA_DIR } from '../../support/paths.js';

const FULL_RECORD = {
  Name: '000webhost',
  Title: '000webhost',
  Domain: '000webhost.com',
  BreachDate: '2015-03-01',
  AddedDate: '2015-10-26T23:35:45Z',
  ModifiedDate: '2017-12-10T21:44:27Z',
  PwnCount: 14936670,
  Description:
    'In approximately March 2015, the free web hosting provider <a href="http://www.troyhunt.com/x" target="_blank" rel="noopener">000webhost suffered a major data breach</a> that exposed almost 15 million customer records. It&#39;s &quot;plain&quot; text &amp; more &lt;b&gt;.',
  LogoPath: 'https://haveibeenpwned.com/Content/Images/PwnedLogos/000webhost.png',
  DataClasses: ['Email addresses', 'IP addresses', 'Names', 'Passwords', 'Website activity'],
  IsVerified: true,
  IsFabricated: false,
  IsSensitive: false,
  IsRetired: false,
  IsSpamList: false,
  IsMalware: false,
  IsSubscriptionFree: false,
  IsStealerLog: false,
};

const RECENT_RECORD = {
  Description: 'In mid-2026, user records allegedly sourced from <em>Golf Canada</em> began circulating.',
  PwnCount: 568972,
  AddedDate: '2026-08-22T07:17:23Z',
  DataClasses: ['Dates of birth', 'Email addresses', 'Genders', 'Geographic locations', 'Names', 'Usernames'],
  LogoPath: 'https://logos.haveibeenpwned.com/GolfCanada.png',
  Title: 'Golf Canada',
};

function parseFixture(elements: unknown) {
  return parseHibpJson(JSON.stringify(elements), { from: 'breaches.json' });
}

describe('parseHibpJson', () => {
  it('rejects a breach added after today, and gives a breach the same id in both feed formats', () => {
    const result = parseHibpJson(
      JSON.stringify([RECENT_RECORD, { ...RECENT_RECORD, Title: 'Later', AddedDate: '2062-01-01T00:00:00Z' }]),
      { from: 'breaches.json', today: '2026-11-24' },
    );
    expect(result.incidents.map((incident) => incident.id)).toEqual(['hibp-golf-canada']);
    expect(result.rejected).toEqual([
      { index: 1, reason: '"Later": AddedDate 2062-01-01 is after today (2026-11-24); it is most likely mistyped' },
    ]);
    const full = parseFixture([{ ...FULL_RECORD, Name: 'SomethingElse', Title: 'Golf Canada' }]);
    expect(full.incidents[0]?.id).toBe('hibp-golf-canada');
  });

  it('maps a full v3 record onto the incident model', () => {
    const result = parseFixture([FULL_RECORD]);
    expect(result.rejected).toEqual([]);
    expect(result.asOf).toBe('2017-12-10');
    expect(result.incidents).toEqual([
      {
        id: 'hibp-000webhost',
        organization: '000webhost',
        aliases: ['000webhost.com'],
        relatedOrganizations: [],
        individualsAffected: 14936670,
        occurred: { start: '2015-03-01' },
        disclosed: '2015-10-26',
        breachTypes: ['unknown'],
        locations: [],
        dataTypes: ['name', 'login-credentials', 'email', 'ip-address'],
        summary:
          'In approximately March 2015, the free web hosting provider 000webhost suffered a major data breach that exposed almost 15 million customer records. It\'s "plain" text & more <b>.',
        timeline: [],
        offered: [],
        lessons: [],
        sources: [{ title: 'Have I Been Pwned: 000webhost', url: 'https://haveibeenpwned.com/Breach/000webhost' }],
        origin: 'hibp',
        updated: '2017-12-10',
      },
    ]);
    expect(result.unmappedDataClasses).toEqual([{ name: 'Website activity', count: 1 }]);
  });

  it('imports the short records of the recent-additions file', () => {
    const result = parseFixture([RECENT_RECORD]);
    const [incident] = result.incidents;
    expect(incident).toMatchObject({
      id: 'hibp-golf-canada',
      organization: 'Golf Canada',
      aliases: [],
      disclosed: '2026-08-22',
      dataTypes: ['name', 'date-of-birth', 'username', 'email', 'demographics'],
      summary: 'In mid-2026, user records allegedly sourced from Golf Canada began circulating.',
      sources: [{ title: 'Have I Been Pwned: Golf Canada', url: 'https://haveibeenpwned.com/PwnedWebsites' }],
    });
    expect(incident).not.toHaveProperty('occurred');
    expect(result.asOf).toBe('2026-08-22');
  });

  it('rejects a bad element with its index and reason, and keeps the rest', () => {
    const result = parseFixture([
      RECENT_RECORD,
      { ...RECENT_RECORD, Title: 'No Count', PwnCount: 'lots' },
      'not an object',
      { ...RECENT_RECORD, Title: 'Bad Date', AddedDate: '22/08/2026' },
      { ...FULL_RECORD, Name: 'Other', BreachDate: '2015-02-30' },
    ]);
    expect(result.read).toBe(5);
    expect(result.incidents.map((incident) => incident.organization)).toEqual(['Golf Canada']);
    expect(result.rejected).toEqual([
      { index: 1, reason: expect.stringMatching(/^"No Count": PwnCount: /) },
      { index: 2, reason: expect.stringMatching(/object/) },
      { index: 3, reason: expect.stringMatching(/^"Bad Date": AddedDate: must be an ISO date-time/) },
      { index: 4, reason: expect.stringMatching(/^"000webhost": BreachDate: is not a real calendar date/) },
    ]);
  });

  it('keeps one of two identical elements, and both of two that differ', () => {
    const result = parseFixture([
      RECENT_RECORD,
      { ...RECENT_RECORD },
      { ...RECENT_RECORD, AddedDate: '2026-08-22T07:00:00Z', Description: 'An earlier listing.' },
    ]);
    expect(result.duplicates).toBe(1);
    expect(result.incidents.map((incident) => incident.id)).toEqual(['hibp-golf-canada', 'hibp-golf-canada-2']);
  });

  it('imports spam lists and fabricated breaches but counts them as flagged', () => {
    const result = parseFixture([
      { ...FULL_RECORD, Name: 'SpamList', Title: 'Spam List', IsSpamList: true },
      { ...FULL_RECORD, Name: 'Fake', Title: 'Fake', IsFabricated: true },
      FULL_RECORD,
    ]);
    expect(result.incidents).toHaveLength(3);
    expect(result.flagged).toEqual({ spamList: 1, fabricated: 1 });
  });

  it('throws one clear error for a file that is not a JSON array', () => {
    expect(() => parseHibpJson('{"Name": "x"}', { from: 'breach.json' })).toThrow(
      new DataFileError([
        { file: 'breach.json', message: 'must be a JSON array of breaches, as /api/v3/breaches returns' },
      ]),
    );
    expect(() => parseHibpJson('[{', { from: 'broken.json' })).toThrow(/^broken\.json: is not valid JSON/);
  });

  it('maps the data classes it has a data type for, and ignores the rest', () => {
    expect(
      mapDataClasses([
        'Historical passwords',
        'Partial credit card data',
        "Driver's licenses",
        'HIV statuses',
        'Taxation records',
        'Occupations',
        'Social security numbers',
        'Purchases',
      ]),
    ).toEqual([
      'ssn',
      'taxpayer-id',
      'drivers-license',
      'diagnosis',
      'payment-card',
      'login-credentials',
      'employment',
    ]);
  });

  it('turns HTML descriptions into plain text', () => {
    expect(htmlToText('A <a href="x">link</a>&mdash;and&nbsp;<em>more</em> &#x27;x&#39; &unknown;')).toBe(
      "A link—and more 'x' &unknown;",
    );
  });
});

describe('parseHibpJson on the real HIBP files', () => {
  const files = readdirSync(SHARED_DATA_DIR).filter((name) => /^hibp_.*\.json$/.test(name));

  it('finds the shared files', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('imports %s with no element lost except exact duplicates', (name) => {
    const text = readFileSync(path.join(SHARED_DATA_DIR, name), 'utf8');
    const started = performance.now();
    const result = parseHibpJson(text, { from: name });
    const elapsed = performance.now() - started;

    const independent: unknown[] = JSON.parse(text);
    expect(result.rejected).toEqual([]);
    expect(result.read).toBe(independent.length);
    expect(result.incidents.length + result.duplicates).toBe(result.read);
    expect(new Set(result.incidents.map((incident) => incident.id)).size).toBe(result.incidents.length);
    expect(result.incidents.some((incident) => /<|&[a-z]+;/.test(incident.summary ?? ''))).toBe(false);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('counts the flagged records of the full list', () => {
    const name = 'hibp_breaches_v3_2025-03-03.json';
    const result = parseHibpJson(readFileSync(path.join(SHARED_DATA_DIR, name), 'utf8'), { from: name });
    expect(result.flagged).toEqual({ spamList: 16, fabricated: 3 });
    expect(result.asOf).toBe('2025-03-04');
    expect(result.unmappedDataClasses?.[0]).toEqual({ name: 'Geographic locations', count: 125 });
  });
});
