/** Entering a Form 2 or Form 3 application: find the voter in the list or type the applicant. */
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  applicationBodySchema,
  DOCUMENT_KINDS,
  FORM3_SUBJECTS,
  type ApplicationForm as FormKind,
  type ApplicationProblem,
  type DocumentKind,
  type Form3Subject,
} from '../../../shared/applications';
import type { LocalDeadline } from '../../../shared/calendar/deadline';
import { zonedToInstant } from '../../../shared/time/zone';
import { parseTypedDate, parseTypedTime, toTypedDate } from '../../../shared/time/typed-date';
import type { VoterRecord } from '../../../shared/voters';
import { pinKey } from '../../../shared/voters/identity';
import { useTypedNow } from '../../app/clock';
import { formatLocalDateTime } from '../../app/format';
import type { Language } from '../../app/i18n';
import { useSession, useSetup } from '../../app/session';
import { commands, contextOf, registerApplication } from '../../core';
import { useVoterList } from '../../core/voter-list';
import { fullName } from '../../ui/voter-name';
import { pickFirstOnEnter, VoterHits } from '../../ui/VoterHits';
import { Form, FormField, type SubmitOutcome } from '../../ui/form';

interface Draft {
  form: FormKind;
  subject: Form3Subject | '';
  voterId: string | null;
  surname: string;
  name: string;
  patronymic: string;
  birth: string;
  personalNumber: string;
  address: string;
  phone: string;
  documentKind: DocumentKind | '';
  documentNumber: string;
  details: string;
  receivedBy: string;
}

/** A blank form; the receipt's date and time are not in it: they follow the clock until typed (useTypedNow). */
function emptyDraft(operatorId: string): Draft {
  return {
    form: 'form2', subject: '', voterId: null, surname: '', name: '', patronymic: '', birth: '', personalNumber: '', address: '', phone: '',
    documentKind: 'id-card', documentNumber: '', details: '', receivedBy: operatorId,
  };
}

export type RegisterMessage = { kind: 'ok' | 'error' | 'warn'; text: string };

/** The birth field is empty, a year, or a real date as typed (DD.MM.YYYY, D.M.YYYY or the ISO form). */
function birthTyped(text: string): boolean {
  const t = text.trim();
  return t === '' || /^\d{4}$/u.test(t) || parseTypedDate(t) !== null;
}

/** The birth as typed (DD.MM.YYYY, the ISO form or a year) in the record's form (ISO or year); anything else as typed, for the schema to refuse. */
function birthForRecord(text: string): string {
  const t = text.trim();
  if (/^\d{4}$/u.test(t)) return t;
  return parseTypedDate(t) ?? t;
}

export function ApplicationForm({ deadlines, onDone }: { deadlines: Record<FormKind, LocalDeadline | null>; onDone(message: RegisterMessage): void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Language;
  const setup = useSetup();
  const { operator } = useSession();
  const zone = setup.precinct.timeZone;
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(operator?.id ?? setup.members[0]?.id ?? ''));
  // When it was received: the clock in the precinct's zone until typed, and again after each registration.
  const received = useTypedNow(zone);
  const voterList = useVoterList();
  const [problems, setProblems] = useState<{ field: string; text: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const problemFor = (field: string) => problems.filter((p) => p.field === field);

  function problemText(p: ApplicationProblem): string {
    if (p.code === 'already-registered') return t('applications:problem.already-registered', { number: p.number, form: t(`applications:form.${p.form}`) });
    return t(`applications:problem.${p.code}`);
  }

  async function submit(): Promise<SubmitOutcome> {
    const deadline = deadlines[draft.form];
    if (!deadline) {
      setProblems([{ field: 'form', text: t('applications:noDeadline') }]);
      return 'refused';
    }
    const receivedDate = parseTypedDate(received.date);
    const receivedTime = parseTypedTime(received.time);
    // Dates are checked as dates here (31.02.1980 or 1980-02-31 is no day), not only by their shape.
    const typed: { field: string; text: string }[] = [];
    if (!birthTyped(draft.birth)) typed.push({ field: 'birth', text: t('applications:invalid.birthNotADate', { value: draft.birth.trim() }) });
    if (!receivedDate || !receivedTime) typed.push({ field: 'receivedAt', text: t('applications:problem.received-invalid') });
    if (typed.length > 0 || !receivedDate || !receivedTime) {
      setProblems(typed);
      return 'refused';
    }
    // A Form 2 typed by hand for someone the list already holds (found by the personal number): not needed.
    const pin = pinKey(draft.personalNumber.trim());
    if (draft.form === 'form2' && !draft.voterId && pin.length === 14 && voterList.state === 'ready') {
      const listed = voterList.list.index.search(pin, 5).find((h) => pinKey(h.voter.pin) === pin)?.voter;
      if (listed) {
        setProblems([{ field: 'personalNumber', text: `${t('applications:problem.already-listed')} ${fullName(listed)}, ${t('applications:pageRow', { page: listed.page, row: listed.row })}.` }]);
        return 'refused';
      }
    }
    const parsed = applicationBodySchema.safeParse({
      form: draft.form,
      receivedAt: zonedToInstant(receivedDate, receivedTime, zone).toISOString(),
      receivedBy: draft.receivedBy,
      applicant: {
        surname: draft.surname, name: draft.name, patronymic: draft.patronymic, birth: birthForRecord(draft.birth), personalNumber: pin, // typed in groups: 2 1203 1985 00123
        voterId: draft.voterId, address: draft.address, phone: draft.phone,
      },
      document: draft.documentKind && draft.documentNumber.trim() ? { kind: draft.documentKind, number: draft.documentNumber } : null,
      subject: draft.form === 'form3' ? draft.subject || null : null,
      details: draft.details,
    });
    if (!parsed.success) {
      setProblems(
        parsed.error.issues.map((issue) => {
          const field = String(issue.path[issue.path.length - 1] ?? 'form');
          return { field, text: t(`applications:invalid.${field}`, { defaultValue: t('applications:invalid.other') }) };
        }),
      );
      return 'refused';
    }
    setBusy(true);
    try {
      const recorded = await registerApplication(commands, parsed.data, deadline, setup.members, contextOf(setup, operator?.id ?? null));
      if (!recorded.ok) {
        setProblems(recorded.error.map((p) => ({ field: p.field, text: problemText(p) })));
        return 'refused';
      }
      const outcome = recorded.value;
      setProblems([]);
      if (outcome.kind === 'registered') {
        onDone({ kind: 'ok', text: t('applications:registered', { form: t(`applications:form.${draft.form}`), number: outcome.number }) });
      } else {
        onDone({
          kind: 'warn',
          text: t('applications:refusedLate', {
            received: formatLocalDateTime(outcome.local.date, outcome.local.time, lng),
            deadline: formatLocalDateTime(outcome.deadline.date, outcome.deadline.time, lng),
            zone,
          }),
        });
      }
      setDraft(emptyDraft(draft.receivedBy));
      received.follow();
      return 'done';
    } finally {
      setBusy(false);
    }
  }

  /** A field's messages, for its FormField. */
  const errors = (field: string) =>
    problemFor(field).map((p) => (
      <span key={p.text} className="field-error-line" data-testid={`problem-${field}`}>
        {p.text}
      </span>
    ));
  /** Messages that name no one control: said under the form part, focused when nothing else is invalid. */
  const formProblems = (field: string) => {
    const list = errors(field);
    return list.length > 0 ? (
      <p className="field-error" role="alert" data-form-problems>
        {list}
      </p>
    ) : null;
  };

  return (
    <Form className="card application-form" data-testid="application-form" onSubmit={submit}>
      <h2>{t('applications:newTitle')}</h2>
      <div className="form-kinds" role="radiogroup" aria-label={t('applications:formLabel')}>
        {(['form2', 'form3'] as const).map((f) => (
          <label key={f} className={`form-kind ${draft.form === f ? 'selected' : ''}`}>
            <input type="radio" name="form" value={f} checked={draft.form === f} onChange={() => set('form', f)} data-testid={`form-${f}`} />
            <span>
              <strong>{t(`applications:form.${f}`)}</strong> — {t(`applications:formWhat.${f}`)}
            </span>
          </label>
        ))}
      </div>
      {draft.form === 'form3' && (
        <FormField label={t('applications:field.subject')} error={errors('subject')}>
          <select value={draft.subject} onChange={(e) => set('subject', e.target.value as Form3Subject | '')} data-testid="subject">
            <option value="">—</option>
            {FORM3_SUBJECTS.map((s) => (
              <option key={s} value={s}>
                {t(`applications:subject.${s}`)}
              </option>
            ))}
          </select>
        </FormField>
      )}
      <VoterLookup
        chosen={draft.voterId}
        onChoose={(v) =>
          setDraft((d) =>
            v
              ? { ...d, voterId: v.id, surname: v.surname, name: v.name, patronymic: v.patronymic, birth: v.birthDate ? toTypedDate(v.birthDate) : v.birthYear ? String(v.birthYear) : '', personalNumber: v.pin, address: v.address }
              : { ...d, voterId: null },
          )
        }
      />
      {formProblems('voterId')}
      <div className="grid three">
        <Text label={t('applications:field.surname')} value={draft.surname} onChange={(v) => set('surname', v)} testId="surname" errors={errors('surname')} />
        <Text label={t('applications:field.name')} value={draft.name} onChange={(v) => set('name', v)} testId="name" errors={errors('name')} />
        <Text label={t('applications:field.patronymic')} value={draft.patronymic} onChange={(v) => set('patronymic', v)} testId="patronymic" />
        <Text label={t('applications:field.birth')} value={draft.birth} onChange={(v) => set('birth', v)} testId="birth" errors={errors('birth')} placeholder={t('applications:datePlaceholder')} />
        <Text label={t('applications:field.personalNumber')} value={draft.personalNumber} onChange={(v) => set('personalNumber', v)} testId="pin" errors={errors('personalNumber')} />
        <Text label={t('applications:field.phone')} value={draft.phone} onChange={(v) => set('phone', v)} testId="phone" />
      </div>
      <Text
        label={draft.form === 'form2' ? t('applications:field.actualAddress') : t('applications:field.address')}
        value={draft.address}
        onChange={(v) => set('address', v)}
        testId="address"
        errors={errors('address')}
      />
      <div className="grid three">
        <FormField label={t('applications:field.documentKind')}>
          <select value={draft.documentKind} onChange={(e) => set('documentKind', e.target.value as DocumentKind | '')} data-testid="document-kind">
            <option value="">—</option>
            {DOCUMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`applications:document.${k}`)}
              </option>
            ))}
          </select>
        </FormField>
        <Text label={t('applications:field.documentNumber')} value={draft.documentNumber} onChange={(v) => set('documentNumber', v)} testId="document-number" errors={[...errors('document'), ...errors('number')]} />
      </div>
      <FormField label={draft.form === 'form3' ? t('applications:field.whatIsWrong') : t('applications:field.note')} error={errors('details')}>
        <textarea rows={2} value={draft.details} onChange={(e) => set('details', e.target.value)} data-testid="details" />
      </FormField>
      <div className="grid three">
        <FormField label={t('applications:field.receivedDate')} error={errors('receivedAt')}>
          <input value={received.date} onChange={(e) => received.setDate(e.target.value)} placeholder={t('applications:datePlaceholder')} data-testid="received-date" />
        </FormField>
        <FormField label={t('applications:field.receivedTime', { zone })}>
          <input value={received.time} onChange={(e) => received.setTime(e.target.value)} placeholder="23:30" data-testid="received-time" />
        </FormField>
        <FormField label={t('applications:field.receivedBy')} error={errors('receivedBy')}>
          <select value={draft.receivedBy} onChange={(e) => set('receivedBy', e.target.value)} data-testid="received-by">
            {setup.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} — {t(`common:role.${m.role}`)}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      {formProblems('applicant')}
      {formProblems('form')}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} data-testid="register-application">
          {t('applications:register')}
        </button>
      </div>
    </Form>
  );
}

function Text({ label, value, onChange, testId, errors, placeholder }: { label: string; value: string; onChange(v: string): void; testId: string; errors?: ReactNode; placeholder?: string }) {
  return (
    <FormField label={label} error={errors}>
      <input value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} placeholder={placeholder} />
    </FormField>
  );
}

/** Optional: the applicant's row in the active list, found as at the desk. */
function VoterLookup({ chosen, onChoose }: { chosen: string | null; onChoose(v: VoterRecord | null): void }) {
  const { t } = useTranslation();
  const list = useVoterList();
  const [query, setQuery] = useState('');
  const ready = list.state === 'ready' ? list.list : null;
  const hits = useMemo(() => (ready && query.trim() ? ready.index.search(query, 6) : []), [ready, query]);
  const choose = (v: VoterRecord) => {
    onChoose(v);
    setQuery('');
  };
  const chosenVoter = chosen && ready ? ready.byId.get(chosen) : undefined;
  if (!ready) return <p className="hint">{t('applications:noListToSearch')}</p>;
  return (
    <div className="field lookup">
      <span>{t('applications:field.inList')}</span>
      {chosenVoter ? (
        <p className="chosen-voter" data-testid="chosen-voter">
          {fullName(chosenVoter)} · {t('applications:pageRow', { page: chosenVoter.page, row: chosenVoter.row })}{' '}
          <button type="button" onClick={() => onChoose(null)} data-testid="clear-voter">
            {t('applications:notThisVoter')}
          </button>
        </p>
      ) : (
        <>
          <input
            type="search"
            value={query}
            placeholder={t('applications:searchPlaceholder')}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={pickFirstOnEnter(hits, choose)}
            data-testid="applicant-search"
          />
          <VoterHits hits={hits} testId="applicant-hit" onPick={choose} />
        </>
      )}
    </div>
  );
}
