/**
 * Reminder e-mail: templates with merge fields (customer, invoices, totals, due dates, formatted
 * money), plain-text preview, send via `mailto:` and log via port.logActivity. The opt-out
 * sentence is added when the compliance profile requires one (US-9 Reg F 1006.6(e)); the send is
 * gated by the engine on send time (US-4).
 */
import { customerLocale, reminderAmounts } from '../../../connector/domain/reminders';
import type { ReminderAmounts } from '../../../connector/domain/reminders';
import { salesAgreedTerms } from '../../../connector/domain/sales-terms';
import { daysBetween, zonedParts } from '../domain';
import { date, money } from '../format';
import { runCompliance } from '../state/compliance';
import { useData, useEnv } from '../state/context';
import { defaultContact } from '../ui/default-contact';
import { BlockedNotice, Choice, InvoicePicker, openInvoices, SaveFooter, useActionForm, type Keyed, type OnDone } from './common';

export interface ReminderTemplate {
  id: string;
  label: string;
  subject: string;
  body: string;
}

/** Merge fields: {customer} {contact} {invoices} {total} {oldestDue} {notIncluded} {collector}. */
export const TEMPLATES: ReminderTemplate[] = [
  {
    id: 'friendly',
    label: 'Friendly reminder',
    subject: 'Payment reminder: {customer}',
    body: 'Dear {contact},\n\nOur records show the following invoices are open:\n{invoices}\n\nTotal due: {total}.{notIncluded}\nIf you have already paid, please ignore this message.\n\nKind regards,\n{collector}',
  },
  {
    id: 'overdue',
    label: 'Overdue notice',
    subject: 'Overdue invoices for {customer}',
    body: 'Dear {contact},\n\nThe invoices below are past due, the oldest since {oldestDue}:\n{invoices}\n\nPlease arrange payment of {total} or tell us when we can expect it.{notIncluded}\n\nRegards,\n{collector}',
  },
  {
    id: 'final',
    label: 'Final reminder',
    subject: 'Final reminder: {total} overdue',
    body: 'Dear {contact},\n\nDespite earlier reminders, {total} remains unpaid:\n{invoices}\n\nPlease pay within 7 days or contact us to agree a plan.{notIncluded}\n\n{collector}',
  },
];

/** Sentence added when the profile requires an opt-out notice (US-9). */
export const OPT_OUT_SENTENCE = 'To stop receiving e-mails from us about this account at this address, reply with the word STOP.';

export function renderTemplate(template: string, fields: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => fields[name] ?? whole);
}

/**
 * Merge fields of a reminder, written in the CUSTOMER's conventions (`locale` = customerLocale): only
 * what is due now (reminderAmounts), with what is left out stated apart.
 */
export function mergeFields(customer: string, contact: string, sender: string, amounts: ReminderAmounts, locale: string, asOf: string): Record<string, string> {
  // ISO dates sort as text.
  const oldestDue = amounts.lines.map((l) => l.dueDate).sort()[0];
  const lines = amounts.lines.map((l) => {
    const late = daysBetween(l.dueDate, asOf);
    return `- ${l.number}: ${money(l.requested, locale)}, due ${date(l.dueDate, locale)}${late > 0 ? ` (${late} ${late === 1 ? 'day' : 'days'} late)` : ''}`;
  });
  for (const instalment of amounts.instalmentsDue) {
    lines.push(`- Payment plan instalment due ${date(instalment.dueDate, locale)}: ${money(instalment.amount, locale)}`);
  }
  const notIncluded = amounts.setAside.map((a) => `${money(a.amount, locale)} ${a.reason === 'disputed' ? 'under dispute' : a.reason === 'promised' ? `you promised to pay by ${date(a.until ?? asOf, locale)}` : 'under your payment plan'} (${a.invoiceNumbers.join(', ')})`);
  return {
    customer,
    contact,
    collector: sender,
    invoices: lines.join('\n'),
    total: amounts.total.map((m) => money(m, locale)).join(' + '),
    oldestDue: oldestDue ? date(oldestDue, locale) : '',
    notIncluded: notIncluded.length > 0 ? `\n\nNot included in this reminder: ${notIncluded.join('; ')}.` : '',
  };
}

interface ReminderDraft extends Keyed {
  templateId: string;
  contactId: string;
  invoiceIds: string[];
}

export function ReminderForm({ onDone }: { onDone: OnDone }) {
  const env = useEnv();
  const { snapshot, asOf, selectedInvoiceIds } = useData();
  const { account, contacts } = snapshot;
  const invoices = openInvoices(snapshot.invoices);
  const overdue = invoices.filter((i) => daysBetween(i.dueDate, asOf) > 0);
  const withEmail = contacts.filter((c) => c.email);
  const { draft, action, save } = useActionForm<ReminderDraft>('reminder', {
    templateId: 'friendly',
    contactId: (defaultContact(withEmail) ?? withEmail[0])?.id ?? '',
    invoiceIds: selectedInvoiceIds.length > 0 ? selectedInvoiceIds : overdue.map((i) => i.id),
  }, onDone);
  const v = draft.value;
  const contact = withEmail.find((c) => c.id === v.contactId);
  const template = TEMPLATES.find((t) => t.id === v.templateId) ?? (TEMPLATES[0] as ReminderTemplate);
  const chosen = invoices.filter((i) => v.invoiceIds.includes(i.id));
  const amounts = reminderAmounts({ invoices: chosen, disputes: snapshot.disputes, promises: snapshot.promises, plans: snapshot.plans, asOf });
  // The sender signs (issue 17: not the account's collector, who may not be the one writing).
  const fields = mergeFields(account.name, contact?.name ?? account.name, env.senderName, amounts, customerLocale(account, env.locale), asOf);
  const check = contact ? runCompliance(env, snapshot, 'email', contact) : null;
  // What sales agreed with the customer (issue 19): read before chasing what was deferred.
  const agreed = salesAgreedTerms(snapshot.activities);
  const needsOptOut = check?.ok === true && check.result.requirements.some((r) => r.code === 'opt_out_notice');
  const subject = renderTemplate(template.subject, fields);
  const body = `${renderTemplate(template.body, fields)}${needsOptOut ? `\n\n${OPT_OUT_SENTENCE}` : ''}`;
  // Sendable only to an address, when the engine allows e-mail now, with at least one invoice.
  const href =
    contact?.email && check?.ok && check.result.allowed && !amounts.nothingDue
      ? `mailto:${encodeURIComponent(contact.email)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}` : undefined;

  const log = () =>
    save(async (ids) => {
      await env.port.logActivity({
        ...ids,
        kind: 'email',
        contactId: contact?.id ?? null,
        occurredAt: new Date(env.now()).toISOString(),
        subject: subject.slice(0, 255),
        body,
        outcome: null,
        conversation: false,
        followUpDate: null,
        complianceOverride: null,
      });
      return `Reminder to ${contact?.name ?? ''} logged.`;
    });

  return (
    <form aria-label="Reminder e-mail" onSubmit={(e) => e.preventDefault()}>
      <div class="row">
        <Choice id="rem-template" label="Template" value={v.templateId} options={TEMPLATES.map((t) => [t.id, t.label])} onChange={(templateId) => draft.update({ templateId })} />
        <Choice id="rem-contact" label="To" value={v.contactId} options={withEmail.map((c) => [c.id, `${c.name} <${c.email ?? ''}>`])} onChange={(contactId) => draft.update({ contactId })} />
      </div>
      {withEmail.length === 0 && <p class="alert warn">No contact has an e-mail address.</p>}
      <InvoicePicker invoices={invoices} selected={v.invoiceIds} onChange={(ids) => draft.update({ invoiceIds: ids })} locale={env.locale} legend="Invoices in the reminder" />
      {chosen.length > 0 && amounts.nothingDue && <p class="alert warn">Nothing here is due now (disputed, promised or on a plan).</p>}
      {check && !check.ok && <p class="alert warn">Compliance check unavailable: {check.message}</p>}
      {check?.ok && !check.result.allowed && <BlockedNotice result={check.result} lead="E-mail is blocked now" locale={env.locale} />}
      {agreed.length > 0 && (
        <div class="alert info" role="note" aria-label="Agreed by sales" data-testid="sales-agreed">
          {agreed.map((t) => (
            <p key={t.id}>
              Sales agreed: {t.text}
              {` (${[t.by, date(zonedParts(t.occurredAt, env.userTimeZone).date, env.locale)].filter(Boolean).join(', ')})`}
            </p>
          ))}
        </div>
      )}
      {/* A region named by its heading: screen-reader users can jump straight to the merged e-mail. */}
      <h3 id="rem-preview">Preview</h3>
      <div class="pre" role="region" aria-labelledby="rem-preview">
        <strong>{subject}</strong>
        {'\n\n'}
        {body}
      </div>
      <SaveFooter
        status={action.status}
        onRetry={() => void log()}
        retryLabel="Retry logging"
        onCancel={action.cancel}
        primary={
          href ? (
            <a class="button primary" href={href} onClick={() => void log()}>
              Open in e-mail app and log
            </a>
          ) : (
            <button type="button" disabled>
              Open in e-mail app and log
            </button>
          )
        }
      />
    </form>
  );
}
