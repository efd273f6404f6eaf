/**
 * A large synthetic SAP FBL5N export (German layout, Windows-1252, `;`, CRLF) for measuring
 * `collections import` on big files; the output is not committed.
 *
 *   npx tsx scripts/generate-erp-file.ts --rows 200000 --customers 1000 --out /tmp/fbl5n-200k.csv
 *
 * Customers are the sandbox seed's ERP numbers (100001 … 100000 + N: start the sandbox with at least
 * that many accounts). Every 10th item is a cleared invoice with its payment, every 25th a credit
 * memo; currencies follow the customer (INR, USD, EUR, JPY, KWD in turn). Deterministic.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const HEADER = 'Buchungskreis;Kunde;Zuordnung;Belegnummer;Geschäftsjahr;Position;Belegart;Belegdatum;Buchungsdatum;Nettofälligkeit;Betrag in HW;Hauswährung;Betrag in BW;Belegwährung;Ausgleichsdatum;Ausgleichsbeleg;Referenz;Text';
const CURRENCIES = [['INR', 2], ['USD', 2], ['EUR', 2], ['JPY', 0], ['KWD', 3]] as const;

function german(minor: number, exponent: number): string {
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent).replace(/\B(?=(\d{3})+$)/g, '.');
  const fraction = exponent > 0 ? `,${digits.slice(-exponent)}` : '';
  return `${whole}${fraction}${negative ? '-' : ''}`;
}

function date(epochDay: number): string {
  const iso = new Date(epochDay * 86_400_000).toISOString();
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/** The file's lines (header first), `rows` data rows. */
export function* sapLines(rows: number, customers: number): Generator<string> {
  yield HEADER;
  const base = Math.floor(Date.UTC(2026, 0, 1) / 86_400_000);
  for (let i = 0; i < rows; i++) {
    const customer = 100_001 + (i % customers);
    const [currency, exponent] = CURRENCIES[(customer - 100_001) % CURRENCIES.length] as (typeof CURRENCIES)[number];
    const documentDay = base + ((i * 7) % 320);
    // Amounts from a small linear congruence: deterministic, varied, never zero.
    const minor = (((i * 2_654_435_761) % 9_000_000) + 1_000) * (exponent === 0 ? 1 : 10 ** (exponent - 1));
    const document = String(90_000_000 + i);
    const kind = i % 25 === 24 ? 'credit' : i % 10 === 9 ? 'payment' : 'invoice';
    const cleared = i % 10 === 8 || kind === 'payment';
    const amount = kind === 'invoice' ? german(minor, exponent) : german(-minor, exponent);
    const type = kind === 'invoice' ? 'RV' : kind === 'payment' ? 'DZ' : 'DG';
    yield [
      '1000', String(customer).padStart(10, '0'), `PO-${i % 9973}`, document, '2026', '1', type, date(documentDay), date(documentDay), date(documentDay + 30),
      amount, currency, amount, currency, cleared ? date(documentDay + 20) : '', cleared ? String(1_400_000_000 + i) : '', `REF-${i}`, 'Synthetische Position',
    ].join(';');
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' }, customers: { type: 'string', default: '1000' }, out: { type: 'string' } } });
  if (!values.out) {
    throw new Error('--out FILE is required');
  }
  const out = createWriteStream(values.out);
  for (const line of sapLines(Number(values.rows), Number(values.customers))) {
    // Windows-1252: every character here is Latin-1, which latin1 encodes byte for byte.
    if (!out.write(Buffer.from(`${line}\r\n`, 'latin1'))) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'close');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
