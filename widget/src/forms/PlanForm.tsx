/**
 * Payment plan builder: live schedule preview from the domain's buildSchedule (exact sums in every
 * exponent: INR, JPY, KWD), policy checks from checkPlanPolicy, and the status of existing plans.
 */
import { PlanLifecycle } from '../ui/Lifecycle';
import type { Instalment, PlanFrequency } from '../../../connector/domain/model';
import { addDays, sum } from '../domain';
// Straight from the domain module: a re-export in ../domain would keep plans.ts in the panel's core chunk (decision 0018).
import { buildSchedule, checkPlanPolicy } from '../../../connector/domain/plans';
import { date, editableAmount, money, parseAmount } from '../format';
import { useData, useEnv } from '../state/context';
import { checkPlanAgainstInvoices, checkPlanTerms, collectableBalance } from '../../../connector/domain/negotiation-checks';
import { ActionForm, Choice, Field, InvoicePicker, InvoiceWarnings, limitsOf, openInvoices, orProblem, Problems, useActionForm, type Keyed, type OnDone } from './common';

interface PlanDraft extends Keyed {
  total: string;
  downPayment: string;
  downPaymentDate: string;
  count: string;
  frequency: PlanFrequency;
  firstDueDate: string;
  invoiceIds: string[];
}

const FREQUENCY_LABELS: Record<PlanFrequency, string> = { weekly: 'Weekly', biweekly: 'Every two weeks', monthly: 'Monthly' };

function InstalmentTable({ instalments, caption, locale }: { instalments: Instalment[]; caption: string; locale: string }) {
  const first = instalments[0];
  const total = first ? sum(instalments.map((i) => i.amount), first.amount.currency) : null;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Due</th>
          <th scope="col" class="num">
            Amount
          </th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {instalments.map((i) => (
          <tr key={i.sequence}>
            <td>{i.sequence === 0 ? 'Down' : i.sequence}</td>
            <td>{date(i.dueDate, locale)}</td>
            <td class="num">{money(i.amount, locale)}</td>
            <td>
              {i.status}
              {i.paidAmount.amountMinor > 0 && i.status !== 'paid' ? ` (${money(i.paidAmount, locale)} paid)` : ''}
            </td>
          </tr>
        ))}
      </tbody>
      {total && (
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td class="num">
              {money(total, locale)}
            </td>
            <td />
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/** Existing plans with each instalment's status. */
export function PlanList() {
  const { locale } = useEnv();
  const { snapshot } = useData();
  if (snapshot.plans.length === 0) {
    return null;
  }
  return (
    <div class="card">
      <h3>Payment plans</h3>
      {snapshot.plans.map((plan) => (
        <div key={plan.id}>
          <p>
            <strong>{plan.status}</strong> · {money(plan.total, locale)} · {FREQUENCY_LABELS[plan.frequency]} · agreed {date(plan.createdOn, locale)}
          </p>
          <InstalmentTable instalments={plan.instalments} caption={`Plan of ${date(plan.createdOn, locale)}`} locale={locale} />
          <PlanLifecycle plan={plan} />
        </div>
      ))}
    </div>
  );
}

export function PlanForm({ onDone }: { onDone: OnDone }) {
  const env = useEnv();
  const { snapshot, asOf, selectedInvoiceIds } = useData();
  const { locale, policy } = env;
  const currency = snapshot.account.currency;
  const invoices = openInvoices(snapshot.invoices, currency);
  const preselected = invoices.filter((i) => selectedInvoiceIds.includes(i.id));
  const basis = preselected.length > 0 ? preselected : invoices;
  // What the plan may ask for: the open balance less any amount under dispute.
  const collectable = (ids: string[]) => collectableBalance(invoices.filter((i) => ids.includes(i.id)), snapshot.disputes).find((m) => m.currency === currency) ?? sum([], currency);
  const defaultTotal = collectable(basis.map((i) => i.id));
  const { draft, action, save } = useActionForm<PlanDraft>('plan', {
    total: defaultTotal.amountMinor > 0 ? editableAmount(defaultTotal, locale) : '',
    downPayment: '',
    downPaymentDate: asOf,
    count: '3',
    frequency: 'monthly',
    firstDueDate: addDays(asOf, 30),
    invoiceIds: basis.map((i) => i.id),
  }, onDone);
  const v = draft.value;

  const total = parseAmount(v.total, currency, locale);
  const down = v.downPayment.trim() ? parseAmount(v.downPayment, currency, locale) : null;
  const count = Number(v.count);
  const maxCount = policy.maxInstalments ? { maxCount: policy.maxInstalments } : {};
  const problems: string[] = [];
  let schedule: Instalment[] = [];
  if (!total || total.amountMinor <= 0) {
    problems.push(`Plan total: enter a positive amount in ${currency}.`);
  } else if (v.downPayment.trim() && !down) {
    problems.push(`Down payment: not a valid ${currency} amount.`);
  } else {
    const request = {
      total,
      count,
      firstDueDate: v.firstDueDate,
      frequency: v.frequency,
      downPayment: down,
      downPaymentDate: down && down.amountMinor > 0 ? v.downPaymentDate : null,
      ...maxCount,
    };
    orProblem(problems, () => {
      schedule = buildSchedule(request);
      const policyLimits = { maxTermMonths: policy.maxPlanTermMonths ?? 12, minDownPaymentPct: policy.minDownPaymentPercent ?? 0, ...maxCount };
      for (const violation of checkPlanPolicy({ ...request, agreedOn: asOf }, policyLimits)) {
        // The term is checkPlanTerms' (below), in words; the others are the policy's.
        if (violation.code !== 'term_too_long') {
          problems.push(violation.required ? `${violation.message} (Minimum: ${money(violation.required, locale)}.)` : violation.message);
        }
      }
    });
    // The domain's rules, the ones the port applies too (negotiation-checks.ts).
    problems.push(...checkPlanTerms({ instalments: schedule }, asOf, limitsOf(policy)).map((i) => i.message));
    const overBalance = checkPlanAgainstInvoices({ total, invoiceIds: v.invoiceIds }, snapshot.invoices, snapshot.disputes);
    if (overBalance) {
      problems.push(`${overBalance.message} (Collectable: ${money(overBalance.limit, locale)}.)`);
    }
  }
  const canSave = problems.length === 0 && schedule.length > 0 && snapshot.capabilities.plans;

  const submit = () =>
    canSave &&
    total &&
    save(async (ids) => {
      await env.port.savePaymentPlan({
        ...ids,
        planId: null,
        status: 'proposed',
        frequency: v.frequency,
        total,
        downPayment: down && down.amountMinor > 0 ? down : null,
        instalments: schedule,
        invoiceIds: v.invoiceIds,
      });
      return `Plan proposed: ${schedule.length} payments totalling ${money(total, locale)}.`;
    });

  return (
    <ActionForm name="Payment plan" action={action} submit={submit} label="Propose plan" disabled={!canSave}>
      <InvoicePicker
        invoices={invoices}
        selected={v.invoiceIds}
        locale={locale}
        legend="Invoices in the plan"
        onChange={(ids) => {
          const t = collectable(ids);
          draft.update({ invoiceIds: ids, total: t.amountMinor > 0 ? editableAmount(t, locale) : v.total });
        }}
      />
      <InvoiceWarnings ids={v.invoiceIds} />
      <div class="row">
        <Field of={draft} name="total" id="plan-total" label="Plan total" currency={currency} />
        <Field of={draft} name="downPayment" id="plan-down" label="Down payment" currency={currency} />
        <Field of={draft} name="downPaymentDate" id="plan-down-date" label="Down payment date" type="date" />
        <Field of={draft} name="count" id="plan-count" label="Instalments" type="number" min={1} max={policy.maxInstalments ?? 120} />
        <Choice id="plan-frequency" label="Frequency" value={v.frequency} options={Object.entries(FREQUENCY_LABELS)} onChange={(frequency) => draft.update({ frequency: frequency as PlanFrequency })} />
        <Field of={draft} name="firstDueDate" id="plan-first" label="First instalment" type="date" />
      </div>
      <Problems items={problems} />
      {schedule.length > 0 && <InstalmentTable instalments={schedule} caption="Schedule preview" locale={locale} />}
      {!snapshot.capabilities.plans && <p class="alert warn">This CRM connection cannot save payment plans.</p>}
    </ActionForm>
  );
}
