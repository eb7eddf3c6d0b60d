import { beforeAll, describe, expect, it } from 'vitest';
import { frequentWords, matchWatchlist, type VendorMatch } from '../../src/digest/watchlist-match.js';
import { loadCuratedIncidents } from '../../src/incidents/load-curated.js';
import type { Incident } from '../../src/incidents/model.js';
import { makeIncident } from '../support/incident-factory.js';
import { REPO_DATA_DIR } from '../support/paths.js';

let curated: Incident[];
beforeAll(async () => {
  const loaded = await loadCuratedIncidents(REPO_DATA_DIR);
  expect(loaded.problems).toEqual([]);
  curated = loaded.value;
});

/** The vendor matches of each matching incident, by incident id. */
function matchesById(incidents: readonly Incident[], watchlist: readonly string[], corpus = incidents) {
  return new Map(matchWatchlist(incidents, watchlist, corpus).map((match) => [match.incident.id, match.vendors]));
}

function onlyMatch(incident: Incident, vendor: string, corpus: readonly Incident[] = [incident]): VendorMatch {
  const [match, ...rest] = matchWatchlist([incident], [vendor], corpus);
  expect(rest).toEqual([]);
  expect(match?.vendors).toHaveLength(1);
  return match?.vendors[0] as VendorMatch;
}

function matchesNothing(incidents: readonly Incident[], vendor: string, corpus = incidents): void {
  expect(matchWatchlist(incidents, [vendor], corpus).map((match) => match.incident.organization)).toEqual([]);
}

describe('matchWatchlist: the same organisation however it is written', () => {
  const healthec = makeIncident({ id: 'healthec', organization: 'HealthEC LLC' });

  it('ignores legal forms and case: "HealthEC" is "HealthEC LLC" and "Healthec"', () => {
    expect(onlyMatch(healthec, 'HealthEC')).toEqual({
      vendor: 'HealthEC',
      name: 'HealthEC LLC',
      field: 'organization',
      extent: 'whole-name',
      typos: 0,
    });
    expect(onlyMatch(makeIncident({ organization: 'Healthec' }), 'HealthEC').typos).toBe(0);
    expect(onlyMatch(healthec, 'healthec, inc.').typos).toBe(0);
    expect(onlyMatch(healthec, 'Health EC').typos).toBe(0);
  });

  it('forgives a typo in the watchlist or in the record, and says so', () => {
    const typed = onlyMatch(healthec, 'Helthec');
    expect(typed).toMatchObject({ name: 'HealthEC LLC', extent: 'whole-name', typos: 1 });
    const misspelt = makeIncident({ organization: 'Chnage Healthcare Inc.' });
    expect(onlyMatch(misspelt, 'Change Healthcare')).toMatchObject({ extent: 'whole-name', typos: 1 });
  });

  it('finds a vendor among the related organisations, naming the name as the record spells it', () => {
    const hospital = makeIncident({
      organization: 'Valley Regional Clinic',
      relatedOrganizations: ['Optum', 'Change Healthcare, Inc.'],
    });
    expect(onlyMatch(hospital, 'Change Healthcare')).toEqual({
      vendor: 'Change Healthcare',
      name: 'Change Healthcare, Inc.',
      field: 'related',
      extent: 'whole-name',
      typos: 0,
    });
  });

  it('finds a vendor among the aliases', () => {
    const incident = makeIncident({ organization: 'Progress Software Corporation', aliases: ['MOVEit Transfer'] });
    expect(onlyMatch(incident, 'MOVEit')).toMatchObject({ field: 'alias', name: 'MOVEit Transfer' });
  });

  it('finds a distinctive vendor inside a longer name', () => {
    const incident = makeIncident({ organization: 'Kaiser Foundation Health Plan of Georgia, Inc.' });
    expect(onlyMatch(incident, 'Kaiser')).toMatchObject({ extent: 'part-of-name', typos: 0 });
    expect(onlyMatch(incident, 'kaiser foundation')).toMatchObject({ extent: 'part-of-name', typos: 0 });
  });

  it('prefers the whole organisation name to an alias, and a whole name to a part of one', () => {
    const incident = makeIncident({
      organization: 'Optum',
      aliases: ['Optum Inc.', 'Optum Rx'],
      relatedOrganizations: ['Optum'],
    });
    expect(onlyMatch(incident, 'Optum')).toMatchObject({ field: 'organization', extent: 'whole-name' });
    const byAlias = makeIncident({ organization: 'Optum Rx Services', aliases: ['Optum'] });
    expect(onlyMatch(byAlias, 'Optum')).toMatchObject({ field: 'alias', name: 'Optum', extent: 'whole-name' });
  });
});

describe('matchWatchlist: no false alarms', () => {
  const hospitals = [
    'Mitchell Home Health',
    'Health First Hospital',
    'North Valley Health Partners',
    'Banner Health',
    'Sutter Health',
    "Valley Women's Health, S.C.",
    'Orlando Health South Lake Hospital',
    'HopeHealth, Inc.',
  ].map((organization) => makeIncident({ organization }));

  it('"Health" does not flag every hospital, and neither does "Home Health"', () => {
    matchesNothing(hospitals, 'Health');
    matchesNothing(hospitals, 'Home Health');
    matchesNothing(hospitals, 'Hospital');
    matchesNothing(hospitals, 'Blue Cross');
  });

  it('a generic vendor still matches an organisation of exactly that name', () => {
    const exact = makeIncident({ organization: 'Home Health, LLC' });
    expect(onlyMatch(exact, 'Home Health', [exact, ...hospitals])).toMatchObject({ extent: 'whole-name', typos: 0 });
  });

  it('never lets a typo span two words: "HealthEC" is not "Health S.C."', () => {
    matchesNothing(hospitals, 'HealthEC');
  });

  it('forgives no typo of a short word inside a longer name', () => {
    const others = ['Optim Health System', 'Premere Infinity Rehab, LLC', 'Kaizer Medical Billing'].map(
      (organization) => makeIncident({ organization }),
    );
    matchesNothing(others, 'Optum');
    matchesNothing(others, 'Premera');
    matchesNothing(others, 'Kaiser');
  });

  it('never finds a vendor inside a word, nor a number that differs', () => {
    const others = ['Changeworks Healthcare', '24andMe', 'Anthemis Group'].map((organization) =>
      makeIncident({ organization }),
    );
    matchesNothing(others, 'Change Healthcare');
    matchesNothing(others, '23andMe');
    matchesNothing(others, 'Anthem');
  });

  it("treats a word that is in many of the dataset's names as generic", () => {
    const target = makeIncident({ id: 'target', organization: 'Acme Pediatric Associates' });
    const manyAcme = Array.from({ length: 30 }, (_, index) =>
      makeIncident({ id: `acme-${index}`, organization: `Acme ${index} Clinic` }),
    );
    // In a small dataset "Acme" picks one organisation out; where a third of the names have it, it does not.
    expect(matchesById([target], ['Acme'], [target]).has('target')).toBe(true);
    expect(matchesById([target], ['Acme'], [target, ...manyAcme]).has('target')).toBe(false);
  });

  it('on the curated cards, "Health" and "Medical Group" match nothing', () => {
    matchesNothing(curated, 'Health');
    matchesNothing(curated, 'Medical Group');
  });
});

describe('matchWatchlist: the watchlist', () => {
  it('lists each incident once, with every vendor it names in watchlist order', () => {
    const incident = makeIncident({ organization: 'Welltok, Inc.', relatedOrganizations: ['Sutter Health'] });
    const [match] = matchWatchlist([incident], ['Sutter Health', 'Nobody Corp', 'Welltok']);
    expect(match?.vendors.map((vendor) => [vendor.vendor, vendor.field])).toEqual([
      ['Sutter Health', 'related'],
      ['Welltok', 'organization'],
    ]);
  });

  it('ignores vendors that name nothing, and the same vendor written twice', () => {
    const incident = makeIncident({ organization: 'HealthEC LLC' });
    const [match] = matchWatchlist([incident], ['', '  ', 'LLC', 'HealthEC', 'healthec inc', 'Health EC']);
    expect(match?.vendors.map((vendor) => vendor.vendor)).toEqual(['HealthEC']);
    expect(matchWatchlist([incident], [])).toEqual([]);
  });

  it('on the curated cards, a vendor is found as an organisation and as a related organisation', () => {
    const maximus = matchesById(curated, ['Maximus'], curated);
    expect(maximus.get('maximus-2023')?.[0]).toMatchObject({ field: 'organization', extent: 'whole-name' });
    expect(maximus.get('moveit-2023')?.[0]).toMatchObject({ field: 'related', name: 'Maximus' });
    const sutter = matchesById(curated, ['Sutter Health'], curated);
    expect(sutter.get('welltok-2023')?.[0]).toMatchObject({ field: 'related', name: 'Sutter Health' });
    const healthec = matchesById(curated, ['helthec'], curated);
    expect([...healthec.keys()]).toEqual(['healthec-2023']);
  });
});

describe('frequentWords', () => {
  it('counts a dataset once, and a new dataset (a reload) anew', () => {
    const clinics = Array.from({ length: 40 }, (_, index) => makeIncident({ organization: `Valley Clinic ${index}` }));
    const first = frequentWords(clinics);
    expect(first.has('clinic')).toBe(true);
    expect(frequentWords(clinics)).toBe(first);
    const reloaded = [...clinics.slice(0, 2), makeIncident({ organization: 'Harbor Pharmacy' })];
    expect(frequentWords(reloaded)).not.toBe(first);
  });
});
