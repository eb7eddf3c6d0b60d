import { describe, expect, it } from 'vitest';
import { reviseImported } from '../../src/incidents/merge.js';
import type { Incident } from '../../src/incidents/model.js';
import { makeIncident } from '../support/incident-factory.js';

describe('reviseImported', () => {
  const old = makeIncident({ id: 'r', organization: 'R', individualsAffected: 4_656_293, updated: '2024-06-28' });
  const revised = makeIncident({ id: 'r', organization: 'R', individualsAffected: 4_786_241, updated: '2026-07-01' });

  it('lets a newer export revise an older one, and never the reverse', () => {
    const forward = reviseImported([old], [revised]);
    expect(forward).toMatchObject({ added: 0, revised: 1, unchanged: 0, stale: 0 });
    expect(forward.incidents[0]?.individualsAffected).toBe(4_786_241);
    const backward = reviseImported([revised], [old]);
    expect(backward).toMatchObject({ revised: 0, stale: 1 });
    expect(backward.incidents[0]?.individualsAffected).toBe(4_786_241);
  });

  it('marks a changed count with the count before and the import day, and keeps that mark through other revisions', () => {
    const [counted] = reviseImported([old], [revised], { revisedOn: '2026-07-03' }).incidents;
    expect(counted?.origin !== 'curated' && counted?.countRevised).toEqual({ from: 4_656_293, on: '2026-07-03' });
    const renamedOnly = { ...revised, state: 'NJ' as const, updated: '2026-08-01' };
    const [later] = reviseImported([counted as Incident], [renamedOnly], { revisedOn: '2026-08-02' }).incidents;
    expect(later?.origin !== 'curated' && later?.countRevised).toEqual({ from: 4_656_293, on: '2026-07-03' });
    const [unmarked] = reviseImported([old], [{ ...old, state: 'NJ' as const, updated: '2026-07-01' }], {
      revisedOn: '2026-07-03',
    }).incidents;
    expect(unmarked?.origin !== 'curated' && unmarked?.countRevised).toBeUndefined();
  });

  it('counts new and unchanged records', () => {
    const same = { ...old, updated: '2025-01-01' };
    const other = makeIncident({ id: 'new', organization: 'New' });
    expect(reviseImported([old], [same, other])).toMatchObject({ added: 1, unchanged: 1, revised: 0 });
  });

  it('follows a rename: same state and filing date, and the same count or mostly the same name', () => {
    const stored = [
      makeIncident({
        id: 'mcna-old',
        organization: 'Managed Care of North America (MCNA)',
        state: 'GA',
        disclosed: '2023-05-26',
        individualsAffected: 8_861_076,
        updated: '2024-06-28',
      }),
      makeIncident({
        id: 'olive-old',
        organization: 'County of Los Angeles - Olive View',
        state: 'CA',
        disclosed: '2024-03-29',
        individualsAffected: 3716,
        updated: '2024-06-28',
      }),
      makeIncident({
        id: 'other',
        organization: 'Community Health Centers',
        state: 'OH',
        disclosed: '2023-03-08',
        individualsAffected: 516,
        updated: '2024-06-28',
      }),
    ];
    const renamed = [
      makeIncident({
        id: 'mcna-new',
        organization: 'Managed Care of North America',
        state: 'GA',
        disclosed: '2023-05-26',
        individualsAffected: 8_627_242,
        updated: '2026-07-01',
      }),
      makeIncident({
        id: 'olive-new',
        organization: 'Olive View-UCLA Medical Center',
        state: 'CA',
        disclosed: '2024-03-29',
        individualsAffected: 3716,
        updated: '2026-07-01',
      }),
      makeIncident({
        id: 'morse',
        organization: 'The M K Morse Company Health Plan',
        state: 'OH',
        disclosed: '2023-03-08',
        individualsAffected: 2730,
        updated: '2026-07-01',
      }),
    ];
    const forward = reviseImported(stored, renamed);
    expect(forward).toMatchObject({ added: 1, revised: 2, renamed: 2 });
    expect(forward.incidents.map((incident) => incident.id).sort()).toEqual([
      'mcna-new',
      'morse',
      'olive-new',
      'other',
    ]);
    const backward = reviseImported(forward.incidents, stored.slice(0, 2));
    expect(backward).toMatchObject({ added: 0, stale: 2 });
    expect(backward.incidents.map((incident) => incident.id).sort()).toEqual([
      'mcna-new',
      'morse',
      'olive-new',
      'other',
    ]);
  });
});

describe('reviseImported: firstSeen', () => {
  const seen = (result: { incidents: Incident[] }) =>
    Object.fromEntries(
      result.incidents.map((incident) => [incident.id, incident.origin === 'curated' ? null : incident.firstSeen]),
    );
  const filing = (id: string, individualsAffected: number, updated: string, firstSeen?: string) =>
    makeIncident({
      id,
      organization: `Org ${id}`,
      state: 'KS',
      disclosed: '2026-10-14',
      individualsAffected,
      updated,
      ...(firstSeen && { firstSeen }),
    });

  it('stamps the records an export adds with the given day, and only those', () => {
    const stored = [filing('kept', 10, '2026-10-30', '2026-11-02'), filing('legacy', 20, '2026-10-30')];
    const incoming = [
      filing('kept', 11, '2026-11-06'),
      filing('legacy', 21, '2026-11-06'),
      filing('new', 5, '2026-11-06'),
    ];
    const result = reviseImported(stored, incoming, { firstSeen: '2026-11-09' });
    expect(result).toMatchObject({ added: 1, revised: 2 });
    expect(seen(result)).toEqual({ kept: '2026-11-02', legacy: undefined, new: '2026-11-09' });
    expect(result.incidents.find((incident) => incident.id === 'legacy')).not.toHaveProperty('firstSeen');
  });

  it('adds without a firstSeen when given none, and ignores one an export would carry', () => {
    const result = reviseImported([], [filing('a', 1, '2026-11-06', '2026-10-20')]);
    expect(seen(result)).toEqual({ a: undefined });
    expect(seen(reviseImported([], [filing('a', 1, '2026-11-06', '2026-10-20')], { firstSeen: '2026-11-09' }))).toEqual(
      { a: '2026-11-09' },
    );
  });

  it('counts a record that differs only by firstSeen as unchanged, and keeps it through stale exports', () => {
    const stored = [filing('a', 10, '2026-11-06', '2026-11-09')];
    const same = reviseImported(stored, [filing('a', 10, '2026-11-13')], { firstSeen: '2026-11-16' });
    expect(same).toMatchObject({ unchanged: 1, revised: 0, added: 0 });
    expect(seen(same)).toEqual({ a: '2026-11-09' });
    const older = reviseImported(stored, [filing('a', 9, '2026-10-30')], { firstSeen: '2026-11-16' });
    expect(older).toMatchObject({ stale: 1 });
    expect(seen(older)).toEqual({ a: '2026-11-09' });
  });

  it('carries firstSeen over a rename', () => {
    const stored = [filing('old-name', 700, '2026-10-30', '2026-11-02')];
    const renamed = reviseImported(stored, [filing('new-name', 700, '2026-11-06')], { firstSeen: '2026-11-09' });
    expect(renamed).toMatchObject({ added: 0, renamed: 1 });
    expect(seen(renamed)).toEqual({ 'new-name': '2026-11-02' });
  });
});
