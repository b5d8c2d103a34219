import { FakeClock } from '../../common/clock';
import type { ViewModel } from '../../state-machines/view-model';

const documentsOf = (view: ViewModel) => ('documents' in view ? view.documents : []);
import { unconnectedRuntime } from './testing';

/** 2026-11-25 is a Wednesday. */
const seoul = (date: string, time: string) => Date.parse(`${date}T${time}:00+09:00`);

function runtimeAt(epochMs: number, disabledDocuments: string[] = []) {
  return unconnectedRuntime({ clock: new FakeClock(epochMs), disabledDocuments });
}

describe('the session runtime behind KioskApi', () => {
  it('walks attract → language → document choice → options and pushes every view', async () => {
    const session = runtimeAt(seoul('2026-11-25', '10:00'));
    const views: ViewModel[] = [];
    session.subscribe((view) => views.push(view));
    expect(session.view()).toMatchObject({ screen: 'attract', language: 'ko', step: null });
    expect(documentsOf(session.view())).toHaveLength(36);

    expect(await session.send({ type: 'touch' })).toMatchObject({ accepted: true });
    expect(await session.send({ type: 'chooseLanguage', language: 'en' })).toMatchObject({ accepted: true });
    expect(session.view()).toMatchObject({ screen: 'choose-document', language: 'en', step: 'choose' });
    expect(await session.send({ type: 'selectDocument', code: 'resident-copy' })).toMatchObject({ accepted: true });
    expect(session.view()).toMatchObject({ screen: 'document-options', document: { code: 'resident-copy', fee: 200 } });

    expect(views.map((view) => view.screen)).toEqual(['attract', 'language', 'choose-document', 'document-options']);
    expect(views.map((view) => view.revision)).toEqual([...views.map((view) => view.revision)].sort((a, b) => a - b));

    await session.send({ type: 'home' });
    expect(session.view()).toMatchObject({ screen: 'attract', language: 'ko' });
    expect(documentsOf(session.view()).some((tile) => tile.inBasket)).toBe(false);
    session.stop();
  });

  it('refuses malformed commands with a reason and changes nothing', async () => {
    const session = runtimeAt(seoul('2026-11-25', '10:00'));
    const before = session.view();
    expect(await session.send({ type: 'selfDestruct' })).toMatchObject({ accepted: false, reason: 'invalid-command' });
    expect(await session.send('touch')).toMatchObject({ accepted: false, reason: 'invalid-command' });
    expect(await session.send({ type: 'touch', extra: 1 })).toMatchObject({ accepted: false, reason: 'invalid-command' });
    expect(session.view()).toBe(before);
    session.stop();
  });

  it('refuses commands that do not fit the screen', async () => {
    const session = runtimeAt(seoul('2026-11-25', '10:00'));
    expect(await session.send({ type: 'selectDocument', code: 'resident-copy' })).toMatchObject({ accepted: false, reason: 'not-now' });
    expect(session.view().screen).toBe('attract');
    session.stop();
  });

  it('says why a document cannot be chosen before anything happens', async () => {
    const saturday = runtimeAt(seoul('2026-11-28', '10:00'), ['building-general']);
    await saturday.send({ type: 'chooseLanguage', language: 'ko' });
    expect(await saturday.send({ type: 'selectDocument', code: 'family-relations' })).toEqual({
      accepted: false,
      reason: 'unavailable',
      detail: 'office-hours-only',
    });
    expect(documentsOf(saturday.view()).find((tile) => tile.code === 'family-relations')).toMatchObject({
      available: false,
      unavailableReason: 'availability.office-hours-only',
    });
    expect(await saturday.send({ type: 'selectDocument', code: 'building-general' })).toMatchObject({ reason: 'unknown-document' });
    expect(documentsOf(saturday.view())).toHaveLength(35);
    expect(saturday.view().screen).toBe('choose-document');
    saturday.stop();
  });
});
