/**
 * Form 2 / Form 3: one number given to two applications — two laptops each gave the next number
 * before they exchanged records — is said above the register (screen) and on its printed copy,
 * naming both applications, in ky, ru and en; both stay in the register.
 */
import { readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { applicantsEnteredTwice, applicationBodySchema, foldApplications, numbersGivenTwice, registerOrder } from '../../../../shared/applications';
import type { StoredEvent } from '../../../../shared/events/envelope';

const current: { t: TFunction; language: string } = { t: ((key: string) => key) as unknown as TFunction, language: 'en' };
vi.mock('react-i18next', () => ({ useTranslation: () => ({ t: current.t, i18n: { language: current.language } }) }));

const { ApplicationsNumberedTwice } = await import('../../../../renderer/features/applications/ApplicationsNumberedTwice');

function registered(seq: number, device: string, number: number, surname: string, form: 'form2' | 'form3' = 'form2', doc = `ID12345${seq}`): StoredEvent {
  const body = applicationBodySchema.parse({
    form, receivedAt: `2017-09-20T0${seq}:00:00Z`, receivedBy: 'm3',
    document: form === 'form2' ? { kind: 'id-card', number: doc } : null,
    subject: form === 'form3' ? 'absence' : null,
    applicant: { surname, name: 'Гүлзат', address: 'Токио, Минато 1-2' },
  });
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`, deviceId: device, seq, hlc: `${String(seq).padStart(15, '0')}-000000-${device}`,
    recordedAt: `2017-09-20T0${seq}:01:00.000Z`, electionId: 'e', bundleHash: null, precinct: 9019, actor: 'm3',
    type: 'ListApplicationRegistered', payload: { ...body, number }, prevHash: '0'.repeat(64), hash: '0'.repeat(64),
  } as StoredEvent;
}

// Two laptops, each gave Form 2 No. 1 before they exchanged records; Form 3 No. 1 is another register.
const state = foldApplications([registered(1, 'a', 1, 'Үсөнова'), registered(2, 'b', 1, 'Токтогулов'), registered(3, 'a', 2, 'Асанова'), registered(4, 'b', 1, 'Жумабаев', 'form3')]);

async function use(language: 'ky' | 'ru' | 'en') {
  const applications = JSON.parse(readFileSync(new URL(`../../../../locales/${language}/applications.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
  const instance = i18next.createInstance();
  await instance.init({ resources: { [language]: { applications } }, lng: language, interpolation: { escapeValue: false } });
  current.t = instance.t;
  current.language = language;
}

describe('a Form 2 / Form 3 number given twice', () => {
  it('keeps both applications and names the number once (another form\'s No. 1 is not the same number)', () => {
    expect(registerOrder(state).map((e) => `${e.form}-${e.number}-${e.applicant.surname}`)).toEqual(['form2-1-Үсөнова', 'form2-1-Токтогулов', 'form2-2-Асанова', 'form3-1-Жумабаев']);
    expect(numbersGivenTwice(state).map((n) => [n.form, n.number, n.entries.map((e) => e.applicant.surname)])).toEqual([['form2', 1, ['Үсөнова', 'Токтогулов']]]);
    expect(numbersGivenTwice(foldApplications([registered(1, 'a', 1, 'Үсөнова'), registered(3, 'a', 2, 'Асанова')]))).toEqual([]);
  });

  it('says it on the screen and on paper, naming both applications, in ky, ru and en', async () => {
    const expected = {
      en: ['Number F2-1 was given to 2 applications: Үсөнова Гүлзат (received', 'Токтогулов Гүлзат (received', 'every application is kept in the register'],
      ru: ['Номер Ф2-1 присвоен 2 заявлениям: Үсөнова Гүлзат (принято', 'Токтогулов Гүлзат (принято', 'все заявления сохранены в реестре'],
      ky: ['Ф2-1 номери 2 арызга берилди: Үсөнова Гүлзат (', 'Токтогулов Гүлзат (', 'бардык арыздар реестрде сакталды'],
    } as const;
    for (const language of ['ky', 'ru', 'en'] as const) {
      await use(language);
      const screen = renderToStaticMarkup(<ApplicationsNumberedTwice state={state} timeZone="Asia/Tokyo" testId="x" />);
      for (const part of expected[language]) expect(screen).toContain(part);
      expect(screen).toContain('role="status"');
      expect(screen).not.toContain('{{');
      const paper = renderToStaticMarkup(<ApplicationsNumberedTwice state={state} timeZone="Asia/Tokyo" print testId="y" />);
      expect(paper).toContain('class="doc-note"');
      expect(paper).not.toContain('role=');
    }
    expect(renderToStaticMarkup(<ApplicationsNumberedTwice state={{ entries: [] }} timeZone="Asia/Tokyo" testId="x" />)).toBe('');
  });
});

describe('one applicant entered twice on two laptops', () => {
  // Laptop a entered Үсөнова's Form 2 as No. 1; laptop b, not yet synced, entered the same paper (the same ID card, typed
  // without its space) as its No. 2: two entries for one person, which one laptop alone refuses (already-registered).
  const twice = foldApplications([registered(1, 'a', 1, 'Үсөнова', 'form2', 'ID 0123456'), registered(2, 'b', 2, 'Үсөнова', 'form2', 'ID0123456'), registered(3, 'a', 3, 'Асанова')]);

  it('names the applicant and both numbers; a different person, or the other form, is not her', () => {
    expect(applicantsEnteredTwice(twice).map((x) => [x.form, x.entries.map((e) => e.number)])).toEqual([['form2', [1, 2]]]);
    expect(applicantsEnteredTwice(state)).toEqual([]);
  });

  it('says it on the screen and on paper in ky, ru and en', async () => {
    const expected = {
      en: 'Үсөнова Гүлзат is entered 2 times in Form 2: F2-1, F2-2.',
      ru: 'Үсөнова Гүлзат внесен(а) в реестр (Форма №2) 2 раза: Ф2-1, Ф2-2.',
      ky: 'Үсөнова Гүлзат 2-форма боюнча реестрге 2 жолу киргизилген: Ф2-1, Ф2-2.',
    } as const;
    for (const language of ['ky', 'ru', 'en'] as const) {
      await use(language);
      for (const print of [false, true]) {
        const html = renderToStaticMarkup(<ApplicationsNumberedTwice state={twice} timeZone="Asia/Tokyo" print={print} testId="x" />);
        expect(html).toContain(expected[language]);
        expect(html).not.toContain('{{');
      }
    }
  });
});
