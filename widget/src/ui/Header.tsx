/**
 * Account name, the customer's local time ("it is 18:40 in Kolkata") and the compliance badge for
 * calls.
 */
import { customerZone, formatLocalTimeWithZone } from '../domain';
import { words } from '../format';
import { useData, useEnv } from '../state/context';
import { useMinuteTick } from '../state/useMinuteTick';
import { useForms } from '../forms/lazy';
import { ComplianceBadge } from './ComplianceBadge';



/**
 * Where the customer is, for "It is 10:40 EST in Boston": the account's billing city when the time is
 * the account's own zone, else the zone's city (America/New_York covers Boston too: issue 17).
 */
export function placeName(account: { city?: string | null | undefined; timeZone?: string | null | undefined }, zone: string): string {
  const billing = account.city?.trim();
  if (billing && (!account.timeZone || account.timeZone === zone)) {
    return billing;
  }
  return words(zone.split('/').pop() ?? zone);
}

export function Header() {
  const env = useEnv();
  const { snapshot } = useData();
  const { account, contacts } = snapshot;
  const zone = customerZone(account, contacts);
  // The best-contact line comes with the forms chunk, on idle after first paint (issue 18).
  const { forms } = useForms(false);
  useMinuteTick();
  let localTime: string | null = null;
  if (zone) {
    try {
      localTime = formatLocalTimeWithZone(env.now(), zone, env.locale);
    } catch (_error) {
      localTime = null;
    }
  }
  return (
    <div class="head">
      <div>
        <h2>{account.name}</h2>
        <p class="weak">
          {account.accountNumber ? `${account.accountNumber} · ` : ''}Owner: {account.owner.name}
        </p>
      </div>
      <div>
        {localTime && zone && (
          <p>
            It is <strong>{localTime}</strong> in {placeName(account, zone)}
          </p>
        )}
        <ComplianceBadge />
        {forms && <forms.BestContact />}
      </div>
    </div>
  );
}
