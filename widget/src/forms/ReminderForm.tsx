/**
 * Reminder e-mail: templates with merge fields (customer, invoices, totals, due dates, formatted
 * money), plain-text preview, send via `mailto:` and log via port.logActivity. The opt-out
 * sentence is added when the compliance profile requires one (US-9 Reg F 1006.6(e)); the send is
 * gated by the engine on send time (US-4).
 */
import type { Invoice } from '../../../connector/domain/model';
import { sumByCurrency } from '../../../connector/domain/money';
import { daysBetween } from '../domain';
import { date, money } from '../format';
import { runCompliance } from '../state/compliance';
import { useData, useEnv } from '../state/context';
import { defaultContact } from '../ui/Header';
import { BlockedNotice, Choice, InvoicePicker, openInvoices, SaveFooter, useActionForm, type Keyed, type OnDone } from './common';

export interface ReminderTemplate {
  id: string;
  label: string;
  subject: string;
  body: string;
}

/** Merge fields: {customer} {contact} {invoices} {total} {oldestDue} {collector}. */
export const TEMPLATES: ReminderTemplate[] = [
  {
    id: 'friendly',
    label: 'Friendly reminder',
    subject: 'Payment reminder: {customer}',
    body: 'Dear {contact},\n\nOur records show the following invoices are open:\n{invoices}\n\nTotal due: {total}.\nIf you have already paid, please ignore this message.\n\nKind regards,\n{collector}',
  },
  {
    id: 'overdue',
    label: 'Overdue notice',
    subject: 'Overdue invoices for {customer}',
    body: 'Dear {contact},\n\nThe invoices below are past due, the oldest since {oldestDue}:\n{invoices}\n\nPlease arrange payment of {total} or tell us when we can expect it.\n\nRegards,\n{collector}',
  },
  {
    id: 'final',
    label: 'Final reminder',
    subject: 'Final reminder: {total} overdue',
    body: 'Dear {contact},\n\nDespite earlier reminders, {total} remains unpaid:\n{invoices}\n\nPlease pay within 7 days or contact us to agree a plan.\n\n{collector}',
  },
];

/** Sentence added when the profile requires an opt-out notice (US-9). */
export const OPT_OUT_SENTENCE = 'To stop receiving e-mails from us about this account at this address, reply with the word STOP.';

export function renderTemplate(template: string, fields: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => fields[name] ?? whole);
}

export function mergeFields(customer: string, contact: string, collector: string, invoices: Invoice[], locale: string, asOf: string): Record<string, string> {
  // ISO dates sort as text.
  const oldestDue = invoices.map((i) => i.dueDate).sort()[0];
  return {
    customer,
    contact,
    collector,
    invoices: invoices
      .map((i) => {
        const late = daysBetween(i.dueDate, asOf);
        return `- ${i.number}: ${money(i.balance, locale)}, due ${date(i.dueDate, locale)}${late > 0 ? ` (${late} days late)` : ''}`;
      })
      .join('\n'),
    total: sumByCurrency(invoices.map((i) => i.balance)).map((m) => money(m, locale)).join(' + '),
    oldestDue: oldestDue ? date(oldestDue, locale) : '',
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
  const collector = account.collector?.name ?? 'Accounts receivable';
  const fields = mergeFields(account.name, contact?.name ?? account.name, collector, chosen, env.locale, asOf);
  const check = contact ? runCompliance(env, snapshot, 'email', contact) : null;
  const needsOptOut = check?.ok === true && check.result.requirements.some((r) => r.code === 'opt_out_notice');
  const subject = renderTemplate(template.subject, fields);
  const body = `${renderTemplate(template.body, fields)}${needsOptOut ? `\n\n${OPT_OUT_SENTENCE}` : ''}`;
  // Sendable only to an address, when the engine allows e-mail now, with at least one invoice.
  const href =
    contact?.email && check?.ok && check.result.allowed && chosen.length > 0
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
      {check && !check.ok && <p class="alert warn">Compliance check unavailable: {check.message}</p>}
      {check?.ok && !check.result.allowed && <BlockedNotice result={check.result} lead="E-mail is blocked now" locale={env.locale} />}
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
